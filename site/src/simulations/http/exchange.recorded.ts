/** The HTTP/1.x exchange simulation in the class edition: recorded runs instead of the transport's congestion control (see exchange.model.ts). */
import { replay } from "#site/simulations/recorded/replay.ts";
import { exchangeFile, exchangeKey, type ExchangeControls } from "./exchange-controls.ts";
import type { ExchangeResult } from "./exchange.ts";

export function runExchangeView(controls: ExchangeControls): ExchangeResult | undefined {
  return replay<ExchangeResult>("exchange", exchangeFile(controls), exchangeKey(controls));
}
