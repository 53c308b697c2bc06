/** The queue simulation in the class edition: recorded runs instead of the model (see aqm.model.ts). */
import { replay } from "#site/simulations/recorded/replay.ts";
import { aqmFile, aqmKey, type AqmControls } from "./aqm-controls.ts";
import type { AqmRuns } from "./aqm-recording.ts";

/** What the simulation says while a recording loads. */
export const PENDING_TEXT = "Loading the recorded runs…";

export function runAqmAll(controls: AqmControls): AqmRuns | undefined {
  return replay<AqmRuns>("aqm", aqmFile(controls), aqmKey(controls));
}
