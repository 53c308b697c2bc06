/**
 * The sawtooth simulation's model (live in the self-paced edition, recorded
 * for the class edition: recorded/recording.ts). A run takes one to three
 * seconds of CPU, so the page computes it in a module worker
 * (sawtooth-compute.ts) and redraws when it arrives; until then the
 * simulation shows that it is computing, and the page keeps answering.
 */
import { workerRuns } from "#site/components/off-thread-runs.ts";
import type { SawtoothControls } from "./sawtooth-controls.ts";
import type { SawtoothView } from "./sawtooth-view.ts";

// Its recording lives in sawtooth-recording.ts (the recorder finds it there): re-exporting it here would pull the live model into the page.

/** What the simulation says while a run is computed. */
export const PENDING_TEXT = "Computing the run…";

/** The run for these controls, or undefined while the worker computes it (the simulation redraws when it arrives). */
export const runSawtoothView = workerRuns<SawtoothControls, SawtoothView>({
  sim: "sawtooth",
  start: () => new Worker(new URL("./sawtooth-compute.ts", import.meta.url), { type: "module", name: "sawtooth" }),
  keyOf: (c) => JSON.stringify([c.variant, c.rttMs, c.queuePackets, c.lossRate, c.seed]),
  // Each run is small (the thinned points).
  keep: 64,
});
