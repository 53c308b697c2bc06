/** The framing simulation in the class edition: recorded runs instead of the model that lays out each frame (see framing.model.ts). */
import { replay } from "#site/simulations/recorded/replay.ts";
import type { FramingRun } from "./framing.ts";
import { framingFile, framingKey, type FramingControls } from "./framing-controls.ts";
import { fromTrace, type FramingTrace } from "./framing-trace.ts";

export function runFramingView(controls: FramingControls): FramingRun | undefined {
  const trace = replay<FramingTrace>("framing", framingFile(controls), framingKey(controls));
  return trace === undefined ? undefined : fromTrace(trace);
}
