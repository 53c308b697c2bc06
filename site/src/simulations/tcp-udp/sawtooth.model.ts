/**
 * The sawtooth simulation's model (live in the self-paced edition, recorded
 * for the class edition: recorded/recording.ts). A run takes one to three
 * seconds of CPU, so the page computes it in a module worker
 * (sawtooth-compute.ts) and redraws when it arrives; until then the
 * simulation shows that it is computing, and the page keeps answering.
 */
import type { SawtoothControls } from "./sawtooth-controls.ts";
import type { SawtoothView } from "./sawtooth-view.ts";

// Its recording lives in sawtooth-recording.ts (the recorder finds it there): re-exporting it here would pull the live model into the page.

/** What the simulation says while a run is computed. */
export const PENDING_TEXT = "Computing the run…";

/** Runs kept for controls already seen (each is small: the thinned points), the oldest dropped first. */
const KEEP = 64;
const views = new Map<string, SawtoothView>();
const asked = new Set<string>();
let worker: Worker | undefined;
let failure: Error | undefined;

/** The run for these controls, or undefined while the worker computes it (the simulation redraws when it arrives). */
export function runSawtoothView(controls: SawtoothControls): SawtoothView | undefined {
  if (failure !== undefined) throw failure;
  const key = JSON.stringify([controls.variant, controls.rttMs, controls.queuePackets, controls.lossRate, controls.seed]);
  const done = views.get(key);
  if (done !== undefined) return done;
  if (!asked.has(key)) {
    asked.add(key);
    computer().postMessage({ key, controls });
  }
  return undefined;
}

function computer(): Worker {
  if (worker !== undefined) return worker;
  const started = new Worker(new URL("./sawtooth-compute.ts", import.meta.url), { type: "module", name: "sawtooth" });
  started.onmessage = (event: MessageEvent<{ key: string; view: SawtoothView }>) => {
    views.set(event.data.key, event.data.view);
    asked.delete(event.data.key);
    if (views.size > KEEP) views.delete(views.keys().next().value!);
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
  for (const form of document.querySelectorAll<HTMLFormElement>('[data-simulation="sawtooth"] form')) {
    form.dispatchEvent(new Event("input", { bubbles: true }));
  }
}
