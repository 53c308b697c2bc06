/** Reading a page load's phases: apart from the model, so a page replaying recorded runs needs no model code. */
import type { PageLoadResult, PhaseKey } from "./model.ts";

/** A phase's length in ms. */
export function durationOf(result: PageLoadResult, key: PhaseKey): number {
  const phase = result.phases.find((p) => p.key === key);
  return phase === undefined ? 0 : phase.endMs - phase.startMs;
}
