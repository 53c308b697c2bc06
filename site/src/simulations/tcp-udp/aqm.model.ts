/**
 * The queue simulation's model (live in the self-paced edition, recorded for
 * the class edition: recorded/recording.ts). Four runs take a few hundred ms
 * to seconds of CPU, so the page computes them in a module worker
 * (aqm-compute.ts) and redraws when they arrive, as the sawtooth does.
 */
import type { AqmControls } from "./aqm-controls.ts";
import type { AqmRuns } from "./aqm-recording.ts";

// Its recording lives in aqm-recording.ts (the recorder finds it there): re-exporting it here would pull the live model into the page.

/** What the simulation says while a run is computed. */
export const PENDING_TEXT = "Computing the runs…";

/** Runs kept for controls already seen, the oldest dropped first. */
const KEEP = 32;
const runs = new Map<string, AqmRuns>();
const asked = new Set<string>();
let worker: Worker | undefined;
let failure: Error | undefined;

/** The runs for these controls, or undefined while the worker computes them (the simulation redraws when they arrive). */
export function runAqmAll(controls: AqmControls): AqmRuns | undefined {
  if (failure !== undefined) throw failure;
  const key = JSON.stringify([controls.bufferPackets, controls.rateBps, controls.baseRttMs, controls.seed]);
  const done = runs.get(key);
  if (done !== undefined) return done;
  if (!asked.has(key)) {
    asked.add(key);
    computer().postMessage({ key, controls });
  }
  return undefined;
}

function computer(): Worker {
  if (worker !== undefined) return worker;
  const started = new Worker(new URL("./aqm-compute.ts", import.meta.url), { type: "module", name: "aqm" });
  started.onmessage = (event: MessageEvent<{ key: string; runs: AqmRuns }>) => {
    runs.set(event.data.key, event.data.runs);
    asked.delete(event.data.key);
    if (runs.size > KEEP) runs.delete(runs.keys().next().value!);
    redraw();
  };
  started.onerror = (event) => {
    failure = new Error(`the simulation's worker failed (${event.message || "it could not start"})`);
    redraw();
  };
  worker = started;
  return started;
}

/** Redraws every copy of the simulation: its controls' input event runs the model again. */
function redraw(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>('[data-simulation="aqm"] form')) {
    form.dispatchEvent(new Event("input", { bubbles: true }));
  }
}
