import { drawLadder } from "../tcp-udp/svg.ts";
import { num, setUpSimulations } from "#site/components/sim-client.ts";
import { pendingView } from "#site/simulations/recorded/pending.ts";
import { formatMs } from "./client.ts";
import { EXCHANGE_FILES } from "./exchange-controls.ts";
import { runExchangeView } from "./exchange.model.ts";
import type { ExchangeMode } from "./exchange.ts";

const MODE_TEXT: Record<ExchangeMode, string> = {
  close: "a new connection for every request",
  "keep-alive": "one persistent connection, one request at a time",
  pipeline: "one persistent connection, requests pipelined",
};

export function setUpExchange(): void {
  setUpSimulations("exchange", (values, compact) => {
    const mode = (values.mode ?? "keep-alive") as ExchangeMode;
    const rttMs = num(values, "rtt", 50);
    const lossRate = num(values, "loss", 0);
    const seed = num(values, "seed", 1);
    const result = runExchangeView({ mode, rttMs, lossRate, seed });
    if (result === undefined) return pendingView();
    const done = result.doneMs === null ? "—" : formatMs(result.doneMs);
    const cost =
      lossRate === 0
        ? `about <strong>${result.doneMs === null ? "—" : (result.doneMs / rttMs).toFixed(1)}</strong> round trips`
        : "each loss repaired by a retransmission (dashed) after a timeout of at least 1 s (RFC 6298); a lost ACK, not drawn, can cause one too";
    const summary =
      `${EXCHANGE_FILES.length} files with ${MODE_TEXT[mode]}: all received after <strong>${done}</strong>, ${cost}, ` +
      `with ${result.handshakes} TCP handshake${result.handshakes === 1 ? "" : "s"}. Pure ACKs are not drawn.`;
    const drawing = drawLadder(result.ladder, { pxPerMs: 2.4 * (50 / rttMs), maxGapPx: 80, title: `Ladder diagram: ${MODE_TEXT[mode]}`, compact });
    return { summary, drawing };
  });
}
