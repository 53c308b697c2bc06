/** The sawtooth simulation in the class edition: recorded runs instead of the Reno controller (see sawtooth.model.ts). */
import { replay } from "#site/simulations/recorded/replay.ts";
import { sawtoothFile, sawtoothKey, type SawtoothControls } from "./sawtooth-controls.ts";
import type { SawtoothView } from "./sawtooth-view.ts";

/** What the simulation says while a recording loads. */
export const PENDING_TEXT = "Loading the recorded run…";

export function runSawtoothView(controls: SawtoothControls): SawtoothView | undefined {
  return replay<SawtoothView>("sawtooth", sawtoothFile(controls), sawtoothKey());
}
