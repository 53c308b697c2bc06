/**
 * Two rate limiters over the same bursty stream of requests, on the
 * runtime's virtual clock. A token bucket (RFC 2697 §3's meter with one
 * bucket) lets a request through at once when a token is left and drops it
 * otherwise. A leaky bucket used as a queue holds requests in a FIFO of
 * fixed size and lets one out every 1/rate seconds, dropping arrivals that
 * find it full. Both have the same long-run rate; they differ in what they
 * do with a burst.
 */
import { Simulator } from "#runtime/core/simulator.ts";
import { seconds, toSeconds } from "#runtime/core/time.ts";

export type Traffic = "smooth" | "bursty" | "flash";

export interface LimitOptions {
  /** Average offered load, requests per second. */
  readonly offeredPerS: number;
  readonly traffic: Traffic;
  /** Both limiters' rate: tokens added, or requests let out, per second. */
  readonly ratePerS: number;
  /** The token bucket's depth, and the leaky bucket's queue size, in requests. */
  readonly burst: number;
  readonly durationS: number;
  readonly seed: number;
}

export interface LimiterResult {
  readonly passed: number;
  readonly dropped: number;
  /** Time a passed request waited in the limiter, s. */
  readonly meanDelayS: number;
  readonly maxDelayS: number;
  /** The most requests let through in any 100 ms window. */
  readonly peakPer100ms: number;
  /** Requests let through in each `BIN_S` window, as a rate per second. */
  readonly rate: readonly number[];
}

export interface LimitResult {
  readonly arrivals: number;
  readonly arrivalRate: readonly number[];
  readonly arrivalPeakPer100ms: number;
  readonly token: LimiterResult;
  readonly leaky: LimiterResult;
}

/** The width of the windows the rates are counted in, s. */
export const BIN_S = 0.1;

/** The arrival times (s): Poisson, on/off bursts at 5× the average, or one flash crowd. */
export function arrivals(options: LimitOptions, sim: Simulator): number[] {
  const random = sim.random.fork("arrivals");
  const exp = (mean: number) => -Math.log(1 - random.float()) * mean;
  const times: number[] = [];
  const end = options.durationS;
  const mean = options.offeredPerS;
  if (options.traffic === "smooth") {
    for (let t = exp(1 / mean); t < end; t += exp(1 / mean)) times.push(t);
  } else if (options.traffic === "bursty") {
    // On for 0.4 s on average at 5× the mean rate, off for 1.6 s: the same average.
    let t = exp(1.6);
    while (t < end) {
      const onUntil = t + exp(0.4);
      for (t += exp(1 / (5 * mean)); t < Math.min(onUntil, end); t += exp(1 / (5 * mean))) times.push(t);
      t = onUntil + exp(1.6);
    }
  } else {
    // A quiet half-rate stream, and a 1 s crowd at 10× starting a quarter of the way in.
    const start = end / 4;
    for (let t = exp(2 / mean); t < end; t += exp(2 / mean)) times.push(t);
    for (let t = start + exp(1 / (10 * mean)); t < start + 1; t += exp(1 / (10 * mean))) times.push(t);
    times.sort((a, b) => a - b);
  }
  return times;
}

function peakPer100ms(times: readonly number[]): number {
  let peak = 0;
  let first = 0;
  for (let i = 0; i < times.length; i++) {
    while (times[i]! - times[first]! >= 0.1) first++;
    peak = Math.max(peak, i - first + 1);
  }
  return peak;
}

function rateOf(times: readonly number[], durationS: number): number[] {
  const bins = new Array<number>(Math.ceil(durationS / BIN_S - 1e-9)).fill(0);
  for (const t of times) {
    const i = Math.min(bins.length - 1, Math.floor(t / BIN_S));
    bins[i] = (bins[i] ?? 0) + 1 / BIN_S;
  }
  return bins;
}

function summarise(out: readonly { at: number; waited: number }[], dropped: number, durationS: number): LimiterResult {
  const waits = out.map((o) => o.waited);
  return {
    passed: out.length,
    dropped,
    meanDelayS: waits.length === 0 ? 0 : waits.reduce((a, b) => a + b, 0) / waits.length,
    maxDelayS: Math.max(0, ...waits),
    peakPer100ms: peakPer100ms(out.map((o) => o.at)),
    rate: rateOf(
      out.map((o) => o.at),
      durationS,
    ),
  };
}

export function runLimits(options: LimitOptions): LimitResult {
  const sim = new Simulator({ seed: options.seed });
  const times = arrivals(options, sim);
  const interval = 1 / options.ratePerS;
  // Token bucket: starts full, refills continuously at the rate, up to its depth.
  let tokens = options.burst;
  let refilled = 0;
  const tokenOut: { at: number; waited: number }[] = [];
  let tokenDropped = 0;
  // Leaky bucket: a FIFO drained at one request per interval.
  const queue: number[] = [];
  let draining = false;
  const leakyOut: { at: number; waited: number }[] = [];
  let leakyDropped = 0;
  const drain = () => {
    const arrived = queue.shift();
    if (arrived === undefined) {
      draining = false;
      return;
    }
    const now = toSeconds(sim.now);
    leakyOut.push({ at: now, waited: now - arrived });
    sim.after(seconds(interval), drain);
  };
  for (const t of times) {
    sim.at(seconds(t), () => {
      const now = toSeconds(sim.now);
      tokens = Math.min(options.burst, tokens + (now - refilled) * options.ratePerS);
      refilled = now;
      if (tokens >= 1) {
        tokens -= 1;
        tokenOut.push({ at: now, waited: 0 });
      } else tokenDropped++;
      if (queue.length >= options.burst) leakyDropped++;
      else {
        queue.push(now);
        if (!draining) {
          draining = true;
          drain();
        }
      }
    });
  }
  sim.run({ until: seconds(options.durationS) });
  return {
    arrivals: times.length,
    arrivalRate: rateOf(times, options.durationS),
    arrivalPeakPer100ms: peakPer100ms(times),
    token: summarise(tokenOut, tokenDropped, options.durationS),
    // Requests still queued at the end are neither passed nor dropped.
    leaky: summarise(leakyOut, leakyDropped, options.durationS),
  };
}
