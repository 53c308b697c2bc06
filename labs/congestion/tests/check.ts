/**
 * Feeding events to the learner's controller from a test and checking its
 * state. Every event and the state after it are recorded as steps, so a
 * failure shows the whole sequence that led there.
 */
import { fail, type TestContext } from "#labs/kit/index.ts";
import { describeEvent as describeLadderEvent } from "../ladder.ts";
import { describeControllerEvent as describeEvent, describeControllerState as describeState } from "../event-text.ts";
import type { BulkInput, BulkResult, ControllerEvent, ControllerOptions, ControllerState, InfoInput, LadderEvent, WindowPoint } from "../scenarios.ts";

/** Info for an event: FlightSize, the cumulative ACK and the highest byte sent. */
export function info(flightSize: number, ack: number, highestSent: number): InfoInput {
  return { flightSize, ack, highestSent };
}

export const newAck = (bytes: number, i: InfoInput): ControllerEvent => ({ kind: "newAck", bytes, info: i });
export const dupAck = (count: number, i: InfoInput): ControllerEvent => ({ kind: "dupAck", count, info: i });
export const timeout = (i: InfoInput): ControllerEvent => ({ kind: "timeout", info: i });
export const rtt = (sample: number, retransmitted = false): ControllerEvent => ({ kind: "rtt", ms: sample, retransmitted });
export const set = (cwnd?: number, ssthresh?: number): ControllerEvent => ({
  kind: "set",
  ...(cwnd === undefined ? {} : { cwnd }),
  ...(ssthresh === undefined ? {} : { ssthresh }),
});

/**
 * Builds a controller with `options`, feeds it `events` and returns its
 * state after construction (index 0) and after each event (index k + 1).
 */
export async function runEvents(t: TestContext, options: ControllerOptions, events: readonly ControllerEvent[]): Promise<ControllerState[]> {
  const states = await t.run<ControllerState[]>("events", { options, events });
  t.step(`new CongestionController(${JSON.stringify(options)}):${describeState(states[0]!)}`);
  for (let k = 0; k < events.length && k + 1 < states.length; k++) t.step(`${describeEvent(events[k]!)}:${describeState(states[k + 1]!)}`);
  const thrown = states.find((s) => s.error !== undefined);
  if (thrown !== undefined) fail(`your controller threw ${thrown.error}`);
  return states;
}

type Expected = Partial<Pick<ControllerState, "cwnd" | "ssthresh" | "rto" | "retransmit">>;

/** Fails unless `state` has every value in `expected`; `when` says at which point ("after the third duplicate ACK"). */
export function expectState(state: ControllerState | undefined, expected: Expected, when: string): void {
  if (state === undefined) fail(`${when}: no state was reported`);
  for (const key of ["cwnd", "ssthresh", "rto", "retransmit"] as const) {
    if (!(key in expected)) continue;
    const want = expected[key];
    const got = state[key];
    const close = typeof want === "number" && typeof got === "number" && Math.abs(want - got) < 1e-6;
    if (got === want || close) continue;
    const show = (v: unknown) => (v === null ? (key === "ssthresh" ? "∞ (arbitrarily high)" : "no answer") : String(v));
    fail(`${when}: ${key === "rto" ? "rto()" : key} is ${show(got)}, expected ${show(want)}`);
  }
}

/** Fails unless `value` (a number) lies in [low, high]. */
export function expectBetween(value: number | string | null, low: number, high: number, what: string): number {
  if (typeof value !== "number") fail(`${what} is ${String(value)}, expected a number`);
  if (value < low || value > high) fail(`${what} is ${value}, expected between ${low} and ${high}`);
  return value;
}

/** Runs a bulk transfer; records the run and its first events as steps. */
export async function bulkRun(t: TestContext, input: BulkInput): Promise<BulkResult> {
  const result = await t.run<BulkResult>("bulk", input);
  t.step(
    `bulk transfer of ${input.totalBytes} bytes, SMSS ${input.smss}, bottleneck ${input.rate / 1e6} Mb/s, ${input.delayMs} ms each way, ` +
      `${input.queueBytes}-byte drop-tail queue, seed ${input.seed}`,
  );
  const c = result.counts;
  t.step(
    `result: ${result.finishedAtMs === null ? `unfinished (${result.ackedBytes} bytes acknowledged)` : `finished at ${result.finishedAtMs.toFixed(1)} ms`}, ` +
      `goodput ${(result.goodput * 100).toFixed(1)}% of the link, ${c.segments} segments, ${c.queueDrops} queue drops, ` +
      `${c.fastRetransmits} fast retransmits, ${c.partialRetransmits} partial-ACK retransmits, ${c.timeouts} timeouts, ` +
      `cwnd cut ${result.reductions} times, largest cwnd ${result.maxCwnd}`,
  );
  const timeouts = result.ladder.filter((e) => e.kind === "timeout");
  if (timeouts.length > 0) t.step(`retransmission timeouts at ${timeouts.map((e) => `${e.t.toFixed(1)} ms`).join(", ")}`);
  const events = result.log.filter((line) => !line.includes("queue full")).slice(0, 8);
  if (events.length > 0) t.step("first loss responses:");
  for (const line of events) t.step(`  ${line}`);
  return result;
}

/**
 * Goodput up to the moment 90% of the data was acknowledged (share of the
 * link rate): a long transfer's steady state, without the tail, where a lost
 * last segment can only be repaired by the retransmission timer.
 */
export function goodputToNinetyPercent(result: BulkResult, input: BulkInput): number {
  const at = result.tenths[8];
  if (at === null || at === undefined) return 0;
  return (input.totalBytes * 0.9 * 8) / (at / 1000) / input.rate;
}

/** The bottleneck the end-to-end tests share: 2 Mb/s, 20 ms each way (BDP 10 kB), an 8 kB queue. */
export function bottleneck(seed: number, totalBytes: number, smss = 1000): BulkInput {
  return { seed, smss, totalBytes, rate: 2e6, delayMs: 20, queueBytes: 8000, untilMs: 30_000 };
}

/** A longer, faster path where slow start has room for several round trips: 10 Mb/s, 50 ms each way (BDP 125 kB), a 64 kB queue. */
export function longPath(seed: number, totalBytes: number): BulkInput {
  return { seed, smss: 1000, totalBytes, rate: 10e6, delayMs: 50, queueBytes: 64_000, untilMs: 30_000 };
}

/** cwnd at virtual time `t`: the last point of the series at or before it. */
function cwndAt(series: readonly WindowPoint[], t: number): number {
  let cwnd = series[0]?.cwnd ?? 0;
  for (const point of series) {
    if (point.timeMs > t) break;
    cwnd = point.cwnd;
  }
  return cwnd;
}

/** The end of one round trip of slow start: when the ACK of the whole previous flight arrived, and cwnd then. */
export interface Round {
  readonly t: number;
  readonly ack: number;
  readonly cwnd: number;
}

/**
 * Splits the start of a run into round trips from its ladder: round 0 is the
 * data sent at time 0; each round ends when the ACK covering every byte sent
 * in it arrives, and the next round is what was sent up to that moment.
 * Stops at the first loss or timeout (or the end of the ladder).
 */
export function slowStartRounds(result: BulkResult): Round[] {
  const rounds: Round[] = [];
  const stop = result.ladder.find((e) => e.kind === "drop" || e.kind === "timeout")?.t ?? Infinity;
  let highest = 0;
  let roundEnd: number | null = null;
  let closedAt: number | null = 0;
  for (const event of result.ladder) {
    if (event.t >= stop) break;
    if (closedAt !== null && event.t > closedAt) {
      roundEnd = highest; // everything sent up to the round's end belongs to the next round
      closedAt = null;
    }
    if (event.kind === "send" && event.dir === "data") highest = Math.max(highest, event.offset + event.length);
    if (event.kind === "arrive" && event.dir === "ack" && roundEnd !== null && event.ack >= roundEnd) {
      rounds.push({ t: event.t, ack: event.ack, cwnd: cwndAt(result.series, event.t) });
      roundEnd = null;
      closedAt = event.t;
    }
  }
  return rounds;
}

/** Records up to `max` ladder events that `keep` selects, as steps ("the ladder, …"). */
export function ladderSteps(t: TestContext, ladder: readonly LadderEvent[], title: string, keep: (event: LadderEvent) => boolean, max = 16): void {
  const chosen = ladder.filter(keep);
  if (chosen.length === 0) return;
  t.step(`${title}${chosen.length > max ? ` (the first ${max} of ${chosen.length})` : ""}:`);
  for (const event of chosen.slice(0, max)) t.step(`  ${describeLadderEvent(event)}`);
}
