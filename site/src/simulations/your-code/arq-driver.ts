/**
 * "Use my code" for the loss simulation: the learner's ARQ Sender and
 * Receiver, through the arq lab's `transfer` scenario (labs/arq/harness.ts),
 * over the link the built-in model uses (loss-controls.ts): same messages,
 * rate, delay, loss rate, window, timeout and seed.
 */
import { num } from "#site/components/sim-client.ts";
import { ladderView } from "#labs/arq/ladder-view.ts";
import type { Mode, TransferInput, TransferResult } from "#labs/arq/scenarios.ts";
import type { Ladder } from "#site/simulations/tcp-udp/ladder.ts";
import { MESSAGE_BYTES, MESSAGES, ONE_WAY_MS, RATE_BPS, TIMEOUT_MS } from "#site/simulations/tcp-udp/loss-controls.ts";
import { drawLadder, formatMs } from "#site/simulations/tcp-udp/svg.ts";
import { escapeHtml, type Driver } from "./types.ts";

/** 4 bits of sequence number: room for every window the control offers (8 ≤ 2^(4−1) for Selective Repeat), and 8 messages never wrap. */
const SEQ_BITS = 4;

export const arqDriver: Driver = {
  input(values) {
    const protocol = values.protocol ?? "go-back-n";
    if (protocol === "none") return { message: "Plain UDP has no ARQ to run: choose stop-and-wait, Go-Back-N or Selective Repeat to see your code recover." };
    const mode = protocol as Mode;
    const lossRate = num(values, "loss", 0.1);
    const input: TransferInput = {
      options: { mode, window: mode === "stop-and-wait" ? 1 : num(values, "window", 4), seqBits: SEQ_BITS, timeoutMs: TIMEOUT_MS },
      seed: num(values, "seed", 1),
      messages: { count: MESSAGES, minBytes: MESSAGE_BYTES, maxBytes: MESSAGE_BYTES },
      data: { rate: RATE_BPS, delayMs: ONE_WAY_MS, queueBytes: 1_000_000, ...(lossRate > 0 ? { loss: lossRate } : {}) },
      untilMs: 600_000,
      maxEvents: 200_000,
    };
    return { scenario: "transfer", input };
  },

  view(value, values, compact) {
    const result = value as TransferResult;
    const summary = describeTransfer(result);
    if (result.ladder.length === 0) return { kind: "message", summary };
    const view = ladderView(result.ladder, result.truncated);
    // Deliveries as short marks: the narrow side-by-side column has no room for the workbench's longer words.
    const marks = view.marks.map((m) => (m.kind === "deliver" ? { ...m, label: m.label.replace("deliver message ", "deliver ") } : m));
    const ladder: Ladder = { left: view.left, right: view.right, packets: view.packets.map((p) => ({ ...p })), marks };
    const drawing = drawLadder(ladder, {
      pxPerMs: 2.2,
      maxGapPx: 70,
      title: `Ladder diagram: your ${values.protocol ?? "go-back-n"} code sending ${MESSAGES} messages`,
      compact,
    });
    return { kind: "picture", summary, drawing };
  },
};

/** The learner's run in a sentence: what arrived and, when not everything did in order, why. */
export function describeTransfer(result: TransferResult): string {
  const { counts } = result;
  const inOrder = result.delivered.length === MESSAGES && result.delivered.every((m, i) => m === i);
  const sent = `<strong>${counts.dataSent}</strong> data transmissions (<strong>${counts.retransmissions}</strong> retransmissions, ${counts.timeouts} timeouts)`;
  if (inOrder && result.finished) {
    return `Your code delivered all ${MESSAGES} messages in order by <strong>${formatMs(result.lastDeliveryMs ?? result.endMs)}</strong> with ${sent}.`;
  }
  const problems: string[] = [];
  if (result.offered === 0) problems.push("its Sender accepted no message (offer() returned false every time)");
  if (result.malformed !== null) problems.push(`it sent a malformed ${result.malformed.dir === "data" ? "DATA packet" : "ACK"} at ${formatMs(result.malformed.t)}: ${escapeHtml(result.malformed.problem)}`);
  if (result.delivered.length > 0 && !inOrder) problems.push(`the receiver delivered messages ${escapeHtml(result.delivered.slice(0, 12).join(", "))}${result.delivered.length > 12 ? "…" : ""}, not 0 to ${MESSAGES - 1} once each in order`);
  if (result.overBudget) problems.push("it sent so many packets that the run was cut off");
  if (!result.finished && result.offered > 0) problems.push("the Sender never reported done()");
  return `Your code delivered <strong>${result.delivered.length} of ${MESSAGES}</strong> messages: ${problems.join("; ") || "the run ended first"}. It made ${sent}.`;
}
