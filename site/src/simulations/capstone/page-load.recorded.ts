/** The capstone's page load in the class edition: recorded runs instead of the congestion controller (see page-load.model.ts). */
import { replay } from "#site/simulations/recorded/replay.ts";
import type { PageLoadResult } from "./model.ts";
import { pageLoadFile, pageLoadKey, type PageLoadControls } from "./page-load-controls.ts";

export function runPageLoadView(controls: PageLoadControls): PageLoadResult | undefined {
  return replay<PageLoadResult>("capstone-page-load", pageLoadFile(controls), pageLoadKey(controls));
}
