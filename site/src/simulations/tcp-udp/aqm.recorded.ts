/** The queue simulation in the class edition: recorded runs instead of the model (see aqm.model.ts). */
import { replay } from "#site/simulations/recorded/replay.ts";
import { aqmFile, aqmKey, type AqmControls } from "./aqm-controls.ts";
import type { AqmRuns } from "./aqm.model.ts";

export function runAqmAll(controls: AqmControls): AqmRuns | undefined {
  return replay<AqmRuns>("aqm", aqmFile(controls), aqmKey(controls));
}
