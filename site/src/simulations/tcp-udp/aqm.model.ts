/**
 * The queue simulation's model (live in the self-paced edition, recorded for
 * the class edition: recorded/recording.ts). Four runs take a few hundred ms
 * to seconds of CPU, so the page computes them in a module worker
 * (aqm-compute.ts) and redraws when they arrive, as the sawtooth does.
 */
import { workerRuns } from "#site/components/off-thread-runs.ts";
import type { AqmControls } from "./aqm-controls.ts";
import type { AqmRuns } from "./aqm-recording.ts";

// Its recording lives in aqm-recording.ts (the recorder finds it there): re-exporting it here would pull the live model into the page.

/** What the simulation says while a run is computed. */
export const PENDING_TEXT = "Computing the runs…";

/** The runs for these controls, or undefined while the worker computes them (the simulation redraws when they arrive). */
export const runAqmAll = workerRuns<AqmControls, AqmRuns>({
  sim: "aqm",
  start: () => new Worker(new URL("./aqm-compute.ts", import.meta.url), { type: "module", name: "aqm" }),
  keyOf: (c) => JSON.stringify([c.bufferPackets, c.rateBps, c.baseRttMs, c.seed]),
  keep: 32,
});
