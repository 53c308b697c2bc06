/** The notification simulation's model (live in the self-paced edition, recorded for the class edition: recorded/recording.ts). */
import type { Recording } from "#site/simulations/recorded/recording.ts";
import { runNotify as live, type NotifyResult } from "./notify.ts";
import { CLASS_SEEDS, DELAYS, INTERVALS, notifyFile, notifyKey, RATES, type NotifyControls } from "./notify-controls.ts";

export const recording: Recording<NotifyControls, NotifyResult> = {
  sim: "notify",
  *space() {
    for (const interval of INTERVALS) {
      for (const delay of DELAYS) {
        for (const rate of RATES) {
          for (let seed = 1; seed <= CLASS_SEEDS; seed++) yield { pollIntervalMs: Number(interval), oneWayMs: Number(delay), eventsPerMinute: Number(rate), seed };
        }
      }
    }
  },
  file: notifyFile,
  key: notifyKey,
  run: (c) => live(c),
};

/** The run for these controls (undefined only while a recording loads: see notify.recorded.ts). */
export function runNotify(controls: NotifyControls): NotifyResult | undefined {
  return recording.run(controls);
}
