/** The loss simulation's model (live in the self-paced edition, recorded for the class edition: recorded/recording.ts). */
import type { Recording } from "#site/simulations/recorded/recording.ts";
import { runArq, type ArqResult } from "./arq.ts";
import { CLASS_SEEDS, LOSS_RATES, lossFile, lossKey, MAX_WINDOW, MESSAGES, ONE_WAY_MS, PROTOCOLS, RATE_BPS, TIMEOUT_MS, type LossControls } from "./loss-controls.ts";

export const recording: Recording<LossControls, ArqResult> = {
  sim: "loss",
  *space() {
    for (const [protocol] of PROTOCOLS) {
      for (const loss of LOSS_RATES) {
        for (let window = 1; window <= MAX_WINDOW; window++) {
          for (let seed = 1; seed <= CLASS_SEEDS; seed++) yield { protocol, lossRate: Number(loss), window, seed };
        }
      }
    }
  },
  file: lossFile,
  key: lossKey,
  run: (c) =>
    runArq({ protocol: c.protocol, messages: MESSAGES, window: c.window, lossRate: c.lossRate, oneWayMs: ONE_WAY_MS, rateBps: RATE_BPS, timeoutMs: TIMEOUT_MS, seed: c.seed }),
};

/** The run for these controls (undefined only while a recording loads: see loss.recorded.ts). */
export function runLoss(controls: LossControls): ArqResult | undefined {
  return recording.run(controls);
}
