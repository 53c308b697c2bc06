/**
 * Running transfers from a test and checking what came back. A failing
 * check records the scenario and a short excerpt of the ladder around the
 * problem as steps, so the learner sees what the packets did.
 */
import { fail, type TestContext } from "#labs/kit/index.ts";
import { MOMENT_MARK } from "#labs/kit/trace.ts";
import { describeEvent } from "../ladder.ts";
import type { ArqOptions, LinkInput, Mode, TransferInput, TransferResult } from "../scenarios.ts";

/** A transfer to run: options and link, with sensible defaults for the rest. */
export interface Transfer {
  readonly options: ArqOptions;
  readonly seed: number;
  readonly count: number;
  readonly data: LinkInput;
  readonly acks?: LinkInput;
  readonly minBytes?: number;
  readonly maxBytes?: number;
  /** Exact message sizes (then `count` must be their number). */
  readonly sizes?: readonly number[];
  readonly kill?: TransferInput["kill"];
  readonly untilMs?: number;
  readonly ladder?: boolean;
}

/** Options for `mode` with the usual lab values. */
export function options(mode: Mode, window: number, seqBits = 8, timeoutMs = 100): ArqOptions {
  return { mode, window, seqBits, timeoutMs };
}

/** A clean link with this one-way delay and rate. */
export function clean(delayMs = 10, rate = 10e6): LinkInput {
  return { delayMs, rate };
}

/** Runs a transfer in the sandbox; failing checks on its result show what it was. */
export async function transfer(t: TestContext, run: Transfer): Promise<TransferResult> {
  const input: TransferInput = {
    options: run.options,
    seed: run.seed,
    messages: { count: run.count, minBytes: run.minBytes ?? 8, maxBytes: run.maxBytes ?? 200, ...(run.sizes === undefined ? {} : { sizes: run.sizes }) },
    data: run.data,
    ...(run.acks === undefined ? {} : { acks: run.acks }),
    ...(run.kill === undefined ? {} : { kill: run.kill }),
    untilMs: run.untilMs ?? 60_000,
    maxEvents: 150_000,
    ...(run.ladder === undefined ? {} : { ladder: run.ladder }),
  };
  const result = await t.run<TransferResult>("transfer", input);
  described.set(
    result,
    `${run.options.mode}, window ${run.options.window}, seqBits ${run.options.seqBits}, timeout ${run.options.timeoutMs} ms: ` +
      `${run.count} messages${run.sizes === undefined ? "" : ` of ${JSON.stringify(run.sizes)} bytes`}, seed ${run.seed}, data link ${JSON.stringify(run.data)}` +
      (run.acks === undefined ? "" : `, ACK link ${JSON.stringify(run.acks)}`) +
      (run.kill === undefined ? "" : `, dropping ${JSON.stringify(run.kill)}`),
  );
  return result;
}

/** What each result's run was, for the steps of a failure (only the failing run is shown). */
const described = new WeakMap<TransferResult, string>();

/** Records the run that gave `result` as a step. */
export function showRun(t: TestContext, result: TransferResult): void {
  t.step(described.get(result) ?? "(a transfer)");
}

/** Fails unless the most messages in flight at once was exactly `window`. */
export function expectFullWindow(t: TestContext, result: TransferResult, window: number): void {
  expectNoOverflow(t, result, window);
  if (result.maxOutstanding === window) return;
  showLadder(t, result, result.maxOutstandingAt);
  fail(`at most ${result.maxOutstanding} messages were in flight at once, though the window is ${window} and the link had room for more`);
}

/**
 * Fails if a send ever put more than `window` messages in flight, naming
 * the last ACK that reached the sender before it: the usual cause is an ACK
 * taken for more than it acknowledges.
 */
export function expectNoOverflow(t: TestContext, result: TransferResult, window: number): void {
  if (result.maxOutstanding <= window) return;
  const at = result.overflowAt ?? result.maxOutstandingAt;
  showLadder(t, result, at);
  const send = at === null ? undefined : result.ladder[at];
  if (send === undefined || send.kind !== "send" || send.message === undefined) {
    fail(`${result.maxOutstanding} messages were in flight at once (sent, not yet acknowledged), but the window is ${window}`);
  }
  let lastAck: (typeof result.ladder)[number] | undefined;
  let oldest = 0;
  for (let i = 0; i < at!; i++) {
    const event = result.ladder[i]!;
    if (event.kind === "arrive" && event.dir === "ack" && event.intact) {
      lastAck = event;
      oldest = event.acked ?? oldest;
    }
  }
  const ackText =
    lastAck === undefined || lastAck.kind !== "arrive"
      ? "No ACK had arrived yet."
      : `The last ACK to arrive before it was ACK ${lastAck.seq} at ${lastAck.t.toFixed(3)} ms; after it, message ${oldest} was still the ` +
        "oldest unacknowledged one. An ACK that acknowledges nothing new (a duplicate, or a late one overtaken by a newer ACK) must leave the window where it is.";
  fail(
    `message ${send.message} was sent while messages ${oldest}..${send.message - 1} were unacknowledged: ${send.message - oldest + 1} in flight, ` +
      `but the window is ${window}. ${ackText}`,
  );
}

/** Records the ladder events around index `at` (or the first ones) as steps. */
export function showLadder(t: TestContext, result: TransferResult, at: number | null, before = 10, after = 4): void {
  showRun(t, result);
  const ladder = result.ladder;
  if (ladder.length === 0) return;
  const centre = at === null || at < 0 ? 0 : Math.min(at, ladder.length - 1);
  const start = Math.max(0, centre - before);
  const end = Math.min(ladder.length, centre + after + 1);
  t.step(`ladder, events ${start + 1}-${end} of ${ladder.length}${result.truncated ? "+" : ""}:`);
  for (let i = start; i < end; i++) t.step(`${i === at ? MOMENT_MARK : " "} ${describeEvent(ladder[i]!)}`);
}

/** Index in the ladder of the `n`-th (0-based) event matching `match`, or -1. */
export function nth(result: TransferResult, n: number, match: (event: TransferResult["ladder"][number]) => boolean): number {
  let seen = 0;
  for (let i = 0; i < result.ladder.length; i++) {
    if (match(result.ladder[i]!) && seen++ === n) return i;
  }
  return -1;
}

/** Fails unless every packet followed the format. */
export function expectWellFormed(t: TestContext, result: TransferResult): void {
  const bad = result.malformed;
  if (bad === null) return;
  showLadder(t, result, result.ladder.findIndex((e) => e.kind === "send" && e.malformed !== undefined));
  fail(`a ${bad.dir === "data" ? "DATA" : "ACK"} packet sent at ${bad.t.toFixed(3)} ms breaks the format: ${bad.problem}\n  bytes: ${bad.hex}`);
}

/** Fails unless messages 0..count−1 were delivered exactly once, in order, and the sender finished. */
export function expectExactlyOnce(t: TestContext, result: TransferResult, count: number): void {
  expectInOrder(t, result, count, count);
  if (!result.finished) {
    showLadder(t, result, result.ladder.length - 1, 12, 0);
    fail(
      `all ${count} messages were delivered, but the sender never finished: ` +
        `${result.offered < count ? `offer() accepted only ${result.offered} of them` : "done() was still false at the end"}`,
    );
  }
}

/** Fails unless the deliveries are messages 0, 1, 2, … each once, at least `least` of the `count` offered. */
export function expectInOrder(t: TestContext, result: TransferResult, count: number, least: number): void {
  const delivered = result.delivered;
  for (let i = 0; i < Math.max(least, delivered.length); i++) {
    if (delivered[i] === i) continue;
    const got = delivered[i];
    if (got === undefined) {
      // Show where progress stopped: the last delivery and what followed it.
      const last = nth(result, i - 1, (e) => e.kind === "deliver");
      showLadder(t, result, last === -1 ? 0 : last, 4, 12);
    } else {
      showLadder(t, result, nth(result, i, (e) => e.kind === "deliver"));
    }
    const why =
      got === undefined
        ? `only ${delivered.length} of ${count} messages were delivered (by ${result.endMs.toFixed(0)} ms of virtual time` +
          (result.overBudget ? `; the harness stopped carrying packets after ${result.counts.dataSent + result.counts.acksSent} of them)` : ")")
        : got === -1
          ? `delivery #${i + 1} was bytes that are no message the sender offered (a corrupted or altered payload; ` +
            "note that the arrays passed to offer() and onPacket() are lent for the call only: copy what you keep)"
          : got < i
            ? `delivery #${i + 1} was message ${got} again: it had already been delivered`
            : `delivery #${i + 1} was message ${got}, but message ${i} comes first (it was skipped or is late)`;
    fail(`${why}; expected messages 0..${count - 1}, each once, in order`);
  }
}

/** Fails unless no DATA was retransmitted. */
export function expectNoRetransmission(t: TestContext, result: TransferResult, why: string): void {
  if (result.counts.retransmissions === 0) return;
  showLadder(t, result, result.ladder.findIndex((e) => e.kind === "send" && e.retransmission === true));
  fail(`${result.counts.retransmissions} DATA packets were retransmitted, but ${why}`);
}
