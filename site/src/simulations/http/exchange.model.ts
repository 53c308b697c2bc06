/** The HTTP/1.x exchange simulation's model (live in the self-paced edition, recorded for the class edition: recorded/recording.ts). */
import type { Recording } from "#site/simulations/recorded/recording.ts";
import { CLASS_SEEDS, exchangeFile, exchangeKey, LOSSES, MODES, RTTS, type ExchangeControls } from "./exchange-controls.ts";
import { runExchange, type ExchangeResult } from "./exchange.ts";

export const recording: Recording<ExchangeControls, ExchangeResult> = {
  sim: "exchange",
  *space() {
    for (const [mode] of MODES) {
      for (const [rtt] of RTTS) {
        for (const [loss] of LOSSES) for (let seed = 1; seed <= CLASS_SEEDS; seed++) yield { mode, rttMs: Number(rtt), lossRate: Number(loss), seed };
      }
    }
  },
  file: exchangeFile,
  key: exchangeKey,
  run: (c) => runExchange(c),
};

/** The run for these controls (undefined only while a recording loads: see exchange.recorded.ts). */
export function runExchangeView(controls: ExchangeControls): ExchangeResult | undefined {
  return recording.run(controls);
}
