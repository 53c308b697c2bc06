/** The loss simulation in the class edition: recorded runs instead of the ARQ model (see loss.model.ts). */
import { replay } from "#site/simulations/recorded/replay.ts";
import type { ArqResult } from "./arq.ts";
import { lossFile, lossKey, type LossControls } from "./loss-controls.ts";

export function runLoss(controls: LossControls): ArqResult | undefined {
  return replay<ArqResult>("loss", lossFile(controls), lossKey(controls));
}
