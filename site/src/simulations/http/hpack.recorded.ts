/** The HPACK simulation in the class edition: recorded runs of the presets instead of the encoder (see hpack.model.ts). */
import { NotRecorded, replay } from "#site/simulations/recorded/replay.ts";
import { hpackFile, hpackKey, isPreset, type HpackControls } from "./hpack-controls.ts";
import type { HpackView } from "./hpack.model.ts";

export function runHpack(controls: HpackControls): HpackView | undefined {
  if (!isPreset(controls)) throw new NotRecorded("this edition replays recorded runs of the presets; editing the requests needs the self-paced edition");
  return replay<HpackView>("hpack", hpackFile(controls), hpackKey(controls));
}
