import { runArq, type ArqProtocol } from "./arq.ts";
import { num, setUpSimulations } from "#site/components/sim-client.ts";
import { drawLadder, formatMs } from "./svg.ts";

const MESSAGES = 8;
const ONE_WAY_MS = 20;
const RATE_BPS = 200_000;
const TIMEOUT_MS = 150;

export function setUpLoss(): void {
  setUpSimulations("loss", (values, compact) => {
    const protocol = (values.protocol ?? "go-back-n") as ArqProtocol;
    const lossRate = num(values, "loss", 0.1);
    const window = num(values, "window", 4);
    const seed = num(values, "seed", 1);
    const result = runArq({ protocol, messages: MESSAGES, window, lossRate, oneWayMs: ONE_WAY_MS, rateBps: RATE_BPS, timeoutMs: TIMEOUT_MS, seed });
    let summary: string;
    if (protocol === "none") {
      const missing = MESSAGES - result.delivered;
      summary = `<strong>${result.delivered} of ${MESSAGES}</strong> messages arrived; ${missing === 0 ? "none was lost this time" : `${missing} ${missing === 1 ? "is" : "are"} gone for good`}: nobody noticed, nobody resent.`;
    } else {
      summary =
        `All ${result.delivered} messages delivered in order ` +
        (result.finishedMs === null ? "(not finished)" : `by <strong>${formatMs(result.finishedMs)}</strong>`) +
        ` with <strong>${result.transmissions}</strong> data transmissions (<strong>${result.retransmissions}</strong> retransmissions, ${result.timeouts} timeouts). Link: 200 kb/s, ${ONE_WAY_MS} ms each way; timeout ${TIMEOUT_MS} ms. ` +
        (protocol === "selective-repeat" ? "Each ACK names the packet it acknowledges." : "Each ACK names the next packet expected (cumulative).");
    }
    const drawing = drawLadder(result.ladder, {
      pxPerMs: 2.2,
      maxGapPx: 70,
      title: `Ladder diagram: ${protocol} sending ${MESSAGES} messages`,
      compact,
    });
    return { summary, drawing };
  });
}
