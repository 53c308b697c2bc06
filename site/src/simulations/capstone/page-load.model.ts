/** The capstone's page-load model (live in the self-paced edition, recorded for the class edition: recorded/recording.ts). */
import type { Recording } from "#site/simulations/recorded/recording.ts";
import { runPageLoad, type PageLoadResult } from "./model.ts";
import {
  BANDWIDTHS,
  CLASS_SEEDS,
  DNS_CACHES,
  HTTP_CACHES,
  LOSSES,
  PROTOCOLS,
  RESOLVER_RTTS,
  SERVER_RTTS,
  TLS_MODES,
  pageLoadFile,
  pageLoadKey,
  recordedValues,
  type PageLoadControls,
} from "./page-load-controls.ts";

/** Every combination of the recorded values, in a fixed order. */
function* combinations(): Generator<PageLoadControls> {
  const numbers = (choices: Parameters<typeof recordedValues>[0]) => recordedValues(choices).map(Number);
  for (const protocol of recordedValues(PROTOCOLS)) {
    for (const dns of recordedValues(DNS_CACHES)) {
      for (const tls of recordedValues(TLS_MODES)) {
        for (const httpCache of recordedValues(HTTP_CACHES)) {
          for (const serverRttMs of numbers(SERVER_RTTS)) {
            for (const resolverRttMs of numbers(RESOLVER_RTTS)) {
              for (const bandwidthMbps of numbers(BANDWIDTHS)) {
                for (const loss of numbers(LOSSES)) {
                  for (let seed = 1; seed <= CLASS_SEEDS; seed++) yield { protocol, dns, tls, httpCache, serverRttMs, resolverRttMs, bandwidthMbps, loss, seed };
                }
              }
            }
          }
        }
      }
    }
  }
}

export const recording: Recording<PageLoadControls, PageLoadResult> = {
  sim: "capstone-page-load",
  space: combinations,
  file: pageLoadFile,
  key: pageLoadKey,
  // The waterfall needs no packet list: it is not recorded.
  run: (c) => runPageLoad(c),
};

/** The run for these controls (undefined only while a recording loads: see page-load.recorded.ts). */
export function runPageLoadView(controls: PageLoadControls): PageLoadResult | undefined {
  return recording.run(controls);
}
