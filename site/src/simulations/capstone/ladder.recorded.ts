/** The packet ladder in the class edition: recorded runs instead of the congestion controller (see ladder.model.ts). */
import { NotRecorded, replay } from "#site/simulations/recorded/replay.ts";
import { atDefaults, ladderFile, ladderKey, type LadderControls } from "./ladder-controls.ts";
import { unpackRun, type LadderRun } from "./ladder-view.ts";
import type { PageLoadResult } from "./model.ts";

export function runLadder(controls: LadderControls, drop: readonly string[]): PageLoadResult | undefined {
  if (drop.length > 1 || (drop.length === 1 && !atDefaults(controls))) {
    throw new NotRecorded("this edition has recorded one dropped packet at a time, with the other controls at their defaults; let the dropped packets through, or use the self-paced edition");
  }
  const run = replay<LadderRun>("page-load-ladder", ladderFile({ ...controls, drop }), ladderKey());
  return run === undefined ? undefined : unpackRun(run);
}
