/**
 * The model behind the rate-limiting chapter (site/src/simulations/patterns/ratelimit.ts):
 * a token bucket and a leaky bucket (as a queue) over the same arrivals.
 */
import { describe, expect, it } from "vitest";
import { Simulator } from "#runtime/core/simulator.ts";
import { arrivals, BIN_S, runLimits, type LimitOptions, type Traffic } from "#site/simulations/patterns/ratelimit.ts";

const base: LimitOptions = { offeredPerS: 60, traffic: "bursty", ratePerS: 100, burst: 20, durationS: 10, seed: 1 };
const TRAFFIC: readonly Traffic[] = ["smooth", "bursty", "flash"];

describe("rate limiters over bursty arrivals", () => {
  it("is deterministic for a seed and changes with it", () => {
    expect(runLimits(base)).toEqual(runLimits(base));
    expect(runLimits({ ...base, seed: 2 }).arrivals).not.toBe(runLimits(base).arrivals);
  });

  it("offers about the average load asked for, in every traffic shape", () => {
    for (const traffic of TRAFFIC) {
      const times = arrivals({ ...base, traffic, durationS: 2000 }, new Simulator({ seed: 3 }));
      const perS = times.length / 2000;
      // The flash crowd adds ten seconds' worth on top of a half-rate stream.
      const expected = traffic === "flash" ? 0.5 * 60 + (10 * 60) / 2000 : 60;
      expect(perS).toBeGreaterThan(expected * 0.85);
      expect(perS).toBeLessThan(expected * 1.15);
      expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
    }
  });

  it("never lets a token bucket pass more than r·T + b in any window, nor a queue more than r·T + 1", () => {
    for (const traffic of TRAFFIC) {
      for (const burst of [5, 20, 50]) {
        for (const seed of [1, 2, 3]) {
          const r = runLimits({ ...base, traffic, burst, seed, offeredPerS: 120 });
          expect(r.token.passed).toBeLessThanOrEqual(100 * 10 + burst);
          expect(r.token.peakPer100ms).toBeLessThanOrEqual(Math.floor(100 * 0.1 + burst));
          expect(r.leaky.peakPer100ms).toBeLessThanOrEqual(11);
          expect(r.leaky.maxDelayS).toBeLessThanOrEqual(burst / 100 + 1e-9);
          expect(r.token.maxDelayS).toBe(0);
          // Everything is accounted for (the queue may still hold up to `burst` at the end).
          expect(r.token.passed + r.token.dropped).toBe(r.arrivals);
          expect(r.arrivals - r.leaky.passed - r.leaky.dropped).toBeLessThanOrEqual(burst + 1);
          expect(r.arrivals - r.leaky.passed - r.leaky.dropped).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it("admits about as many through either bucket, but passes a burst only through the token bucket", () => {
    const r = runLimits(base);
    expect(Math.abs(r.token.passed - r.leaky.passed)).toBeLessThanOrEqual(0.05 * r.token.passed);
    expect(r.token.peakPer100ms).toBeGreaterThan(2 * r.leaky.peakPer100ms);
    expect(r.leaky.maxDelayS).toBeGreaterThan(0.15);
    // The chapter's numbers.
    expect([r.arrivals, r.token.passed, r.leaky.passed, r.token.peakPer100ms, r.leaky.peakPer100ms]).toEqual([517, 234, 237, 29, 11]);
    expect(runLimits({ ...base, traffic: "smooth", offeredPerS: 120 }).token.passed).toBe(1015);
  });

  it("drops nothing when smooth traffic stays well under the rate", () => {
    const r = runLimits({ ...base, traffic: "smooth" });
    expect(r.token.dropped).toBe(0);
    expect(r.leaky.dropped).toBe(0);
  });

  it("counts rates per window that add up to the requests passed", () => {
    const r = runLimits(base);
    const sum = (rates: readonly number[]) => Math.round(rates.reduce((a, b) => a + b, 0) * BIN_S);
    expect(sum(r.arrivalRate)).toBe(r.arrivals);
    expect(sum(r.token.rate)).toBe(r.token.passed);
    expect(sum(r.leaky.rate)).toBe(r.leaky.passed);
    expect(r.token.rate.length).toBe(100);
  });
});
