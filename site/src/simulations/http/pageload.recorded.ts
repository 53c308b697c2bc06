/** The HTTP page-load simulation in the class edition: recorded runs instead of the transport's congestion control (see pageload.model.ts). */
import { replay } from "#site/simulations/recorded/replay.ts";
import { pageLoadFile, pageLoadKey, type PageLoadControls } from "./pageload-controls.ts";
import type { PageLoadView } from "./pageload-view.ts";

export function runPageLoadView(controls: PageLoadControls): PageLoadView | undefined {
  return replay<PageLoadView>("page-load", pageLoadFile(controls), pageLoadKey(controls));
}
