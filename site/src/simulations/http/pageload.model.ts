/** The HTTP page-load simulation's model (live in the self-paced edition, recorded for the class edition: recorded/recording.ts). */
import type { Recording } from "#site/simulations/recorded/recording.ts";
import { CLASS_FILES_STEP, CLASS_SEEDS, FILES, LOSSES, PIPELINES, RATES, RTTS, pageLoadFile, pageLoadKey, type PageLoadControls } from "./pageload-controls.ts";
import type { PageLoadView } from "./pageload-view.ts";
import { runPageLoad } from "./pageload.ts";

/** To a tenth of a millisecond: far below a pixel of the waterfall. */
const round = (value: number | null) => (value === null || !Number.isFinite(value) ? null : Math.round(value * 10) / 10);

export const recording: Recording<PageLoadControls, PageLoadView> = {
  sim: "page-load",
  *space() {
    for (const loss of LOSSES) {
      for (const rtt of RTTS) {
        for (const [rate] of RATES) {
          for (let resources = FILES.min; resources <= FILES.max; resources += CLASS_FILES_STEP) {
            for (let seed = 1; seed <= CLASS_SEEDS; seed++) {
              const common = { resources, rttMs: Number(rtt), rateMbps: Number(rate), lossRate: Number(loss), seed };
              for (const [depth] of PIPELINES) yield { ...common, version: "http1", pipelineDepth: Number(depth) };
              yield { ...common, version: "http2", pipelineDepth: 1 };
              yield { ...common, version: "http3", pipelineDepth: 1 };
            }
          }
        }
      }
    }
  },
  file: pageLoadFile,
  key: pageLoadKey,
  run(c) {
    const result = runPageLoad({ version: c.version, resources: c.resources, rttMs: c.rttMs, rateBps: c.rateMbps * 1e6, lossRate: c.lossRate, pipelineDepth: c.pipelineDepth, seed: c.seed });
    return {
      resources: result.resources.map((r) => [r.name, r.bytes, round(r.discoveredMs), round(r.requestMs), round(r.firstByteMs), round(r.doneMs), r.connection] as const),
      loadMs: round(result.loadMs),
      connections: result.connections,
      retransmissions: result.retransmissions,
      heldSegments: result.heldSegments,
    };
  },
};

/** The run for these controls (undefined only while a recording loads: see pageload.recorded.ts). */
export function runPageLoadView(controls: PageLoadControls): PageLoadView | undefined {
  return recording.run(controls);
}
