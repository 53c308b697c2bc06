/**
 * Clients retrying against a server that has a bad moment, on the runtime's
 * virtual clock. The server works through a bounded FIFO queue at a fixed
 * rate, refuses at once (503) when the queue is full, and never learns that
 * a client gave up: it still serves a request whose client timed out. The
 * trigger is either a load spike or a restart (down for a while, and a crowd
 * of idle clients whose connections were reset reconnecting at the same
 * instant). Clients retry after a failure per the chosen policy, optionally
 * within a retry budget (a token bucket fed by first attempts).
 */
import { Simulator } from "#runtime/core/simulator.ts";
import { ms, seconds, toSeconds } from "#runtime/core/time.ts";

export type RetryPolicy = "never" | "immediate" | "backoff" | "jitter";
export type Trigger = "spike" | "restart";

export const RETRY_SETUP = {
  /** Requests the server completes per second (1 ms each). */
  capacityPerS: 1000,
  /** New requests per second outside the spike. */
  baseRatePerS: 700,
  /** The spike: three times the base rate from 2 s to 3 s. */
  spikeFactor: 3,
  triggerAtS: 2,
  spikeS: 1,
  /** The restart: down for this long, then this many idle clients reconnect at once. */
  downS: 0.5,
  reconnecting: 1000,
  oneWayMs: 5,
  /** A client gives up on an attempt after this long. */
  timeoutMs: 250,
  maxAttempts: 5,
  backoffBaseMs: 100,
  backoffCapMs: 1000,
  /** Retry budget: tokens per first attempt, a floor of tokens per second, and a cap. */
  budgetRatio: 0.1,
  budgetFloorPerS: 10,
  budgetCap: 100,
  durationS: 10,
  /** The width of the windows the rates are counted in, s. */
  binS: 0.1,
} as const;

export interface RetryOptions {
  readonly policy: RetryPolicy;
  readonly budget: boolean;
  readonly trigger: Trigger;
  /** Requests the server's queue holds before it answers 503 (at 1 ms each, its longest wait in ms). */
  readonly queueLimit: number;
  readonly seed: number;
}

export interface RetryResult {
  /** Requests started (first attempts). */
  readonly requests: number;
  readonly succeeded: number;
  /** Requests that ran out of attempts or budget. */
  readonly failed: number;
  /** Attempts that reached the server. */
  readonly attempts: number;
  /** Requests the server completed for a client that had already given up. */
  readonly wasted: number;
  /** End of the last window after the trigger in which over 10% of finished attempts failed, s; null if none. */
  readonly failingUntilS: number | null;
  /** Attempts arriving at the server, per second, in each window. */
  readonly attemptRate: readonly number[];
  /** Successful responses per second in each window. */
  readonly goodput: readonly number[];
  /** The most attempts that arrived within one 10 ms slot, after the trigger's first instant. */
  readonly peakPer10ms: number;
  /** Reconnecting clients (restart only) that got through. */
  readonly crowdSucceeded: number;
}

/** The wait before retry number `retry` (1, 2, 3 …), s: doubling from the base, capped; jitter draws in [0, that). */
export function backoffS(policy: RetryPolicy, retry: number, draw: () => number): number {
  if (policy === "immediate") return 0;
  const ceiling = Math.min(RETRY_SETUP.backoffCapMs, RETRY_SETUP.backoffBaseMs * 2 ** (retry - 1)) / 1000;
  return policy === "jitter" ? draw() * ceiling : ceiling;
}

export function runRetry(options: RetryOptions): RetryResult {
  const S = RETRY_SETUP;
  const sim = new Simulator({ seed: options.seed });
  // Separate streams, so every policy sees the same new requests.
  const arrivals = sim.random.fork("arrivals");
  const jitter = sim.random.fork("jitter");
  const bins = Math.round(S.durationS / S.binS);
  const attemptRate = new Array<number>(bins).fill(0);
  const goodput = new Array<number>(bins).fill(0);
  const finished = new Array<number>(bins).fill(0);
  const failures = new Array<number>(bins).fill(0);
  const slots = new Map<number, number>();
  const bin = () => Math.min(bins - 1, Math.floor(toSeconds(sim.now) / S.binS));
  let requests = 0;
  let succeeded = 0;
  let failed = 0;
  let attempts = 0;
  let wasted = 0;
  let crowdSucceeded = 0;
  let tokens: number = S.budgetCap;
  let refilled = 0;
  // The server: a queue of attempts, one completed per millisecond; `epoch` changes on a restart.
  const queue: { reply: (ok: boolean) => void; alive: () => boolean }[] = [];
  let busy = false;
  let current: { reply: (ok: boolean) => void } | undefined;
  let downUntil = -1;
  let epoch = 0;
  const serve = () => {
    const next = queue.shift();
    if (next === undefined) {
      busy = false;
      current = undefined;
      return;
    }
    busy = true;
    current = next;
    const started = epoch;
    sim.after(ms(1000 / S.capacityPerS), () => {
      if (started !== epoch) return;
      if (!next.alive()) wasted++;
      next.reply(true);
      serve();
    });
  };
  const arrive = (reply: (ok: boolean) => void, alive: () => boolean) => {
    attempts++;
    attemptRate[bin()]! += 1 / S.binS;
    const slot = Math.floor(toSeconds(sim.now) * 100);
    if (slot > S.triggerAtS * 100) slots.set(slot, (slots.get(slot) ?? 0) + 1);
    if (toSeconds(sim.now) < downUntil || queue.length >= options.queueLimit) reply(false);
    else {
      queue.push({ reply, alive });
      if (!busy) serve();
    }
  };
  const canRetry = () => {
    if (!options.budget) return true;
    const now = toSeconds(sim.now);
    tokens = Math.min(S.budgetCap, tokens + (now - refilled) * S.budgetFloorPerS);
    refilled = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
  const request = (crowd = false) => {
    requests++;
    if (options.budget) tokens = Math.min(S.budgetCap, tokens + S.budgetRatio);
    const attempt = (n: number) => {
      let settled = false;
      const finish = (ok: boolean) => {
        if (settled) return;
        settled = true;
        timer.cancel();
        finished[bin()]! += 1;
        if (ok) {
          succeeded++;
          if (crowd) crowdSucceeded++;
          goodput[bin()]! += 1 / S.binS;
          return;
        }
        failures[bin()]! += 1;
        if (options.policy === "never" || n >= S.maxAttempts || !canRetry()) {
          failed++;
          return;
        }
        sim.after(seconds(backoffS(options.policy, n, () => jitter.float())), () => attempt(n + 1));
      };
      const timer = sim.after(ms(S.timeoutMs), () => finish(false));
      sim.after(ms(S.oneWayMs), () => arrive((ok) => sim.after(ms(S.oneWayMs), () => finish(ok)), () => !settled));
    };
    attempt(1);
  };
  // New requests: Poisson, three times as fast during a spike.
  const rateAt = (t: number) => (options.trigger === "spike" && t >= S.triggerAtS && t < S.triggerAtS + S.spikeS ? S.spikeFactor : 1) * S.baseRatePerS;
  const next = () => {
    const t = toSeconds(sim.now);
    sim.after(seconds(-Math.log(1 - arrivals.float()) / rateAt(t)), () => {
      if (toSeconds(sim.now) < S.durationS) {
        request();
        next();
      }
    });
  };
  next();
  if (options.trigger === "restart") {
    sim.at(seconds(S.triggerAtS), () => {
      // Everything queued and in service is lost with the old process; clients see their connections reset.
      epoch++;
      downUntil = S.triggerAtS + S.downS;
      for (const lost of [...(current === undefined ? [] : [current]), ...queue.splice(0)]) lost.reply(false);
      current = undefined;
      busy = false;
      for (let i = 0; i < S.reconnecting; i++) request(true);
    });
  }
  sim.run({ until: seconds(S.durationS) });
  let failingUntilS: number | null = null;
  for (let i = Math.floor(S.triggerAtS / S.binS); i < bins - 1; i++) {
    if (finished[i]! > 0 && failures[i]! > 0.1 * finished[i]!) failingUntilS = (i + 1) * S.binS;
  }
  return { requests, succeeded, failed, attempts, wasted, failingUntilS, attemptRate, goodput, peakPer10ms: Math.max(0, ...slots.values()), crowdSucceeded };
}
