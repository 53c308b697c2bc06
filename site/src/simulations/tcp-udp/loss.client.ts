import type { ArqProtocol } from "./arq.ts";
import { num, setUpSimulations } from "#site/components/sim-client.ts";
import { pendingView } from "#site/simulations/recorded/pending.ts";
import { MESSAGES, ONE_WAY_MS, TIMEOUT_MS } from "./loss-controls.ts";
import { runLoss } from "./loss.model.ts";
import { drawLadder, formatMs } from "./svg.ts";

export function setUpLoss(): void {
  setUpSimulations("loss", (values, compact) => {
    const protocol = (values.protocol ?? "go-back-n") as ArqProtocol;
    const lossRate = num(values, "loss", 0.1);
    const window = num(values, "window", 4);
    const seed = num(values, "seed", 1);
    const result = runLoss({ protocol, lossRate, window, seed });
    if (result === undefined) return pendingView();
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
