/** The notification simulation in the class edition: recorded runs instead of the model that frames WebSocket messages (see notify.model.ts). */
import { replay } from "#site/simulations/recorded/replay.ts";
import type { NotifyResult } from "./notify.ts";
import { notifyFile, notifyKey, type NotifyControls } from "./notify-controls.ts";

export function runNotify(controls: NotifyControls): NotifyResult | undefined {
  return replay<NotifyResult>("notify", notifyFile(controls), notifyKey(controls));
}
