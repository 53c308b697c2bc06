/**
 * The model behind the reliability chapter (site/src/simulations/patterns/retry.ts):
 * retries, backoff, jitter and budgets against a server after a spike or a restart.
 */
import { describe, expect, it } from "vitest";
import { backoffS, RETRY_SETUP, runRetry, type RetryOptions } from "#site/simulations/patterns/retry.ts";

const base: RetryOptions = { policy: "jitter", budget: false, trigger: "spike", queueLimit: 500, seed: 1 };

describe("retries against a server having a bad moment", () => {
  it("doubles the backoff from 100 ms up to the 1 s cap, and jitter draws below it", () => {
    expect([1, 2, 3, 4, 5, 6].map((k) => backoffS("backoff", k, () => 0.5))).toEqual([0.1, 0.2, 0.4, 0.8, 1, 1]);
    expect(backoffS("jitter", 3, () => 0.5)).toBeCloseTo(0.2, 12);
    expect(backoffS("jitter", 3, () => 0)).toBe(0);
    expect(backoffS("immediate", 4, () => 0.9)).toBe(0);
  });

  it("is deterministic, and every policy sees the same new requests", () => {
    expect(runRetry(base)).toEqual(runRetry(base));
    const requests = (["never", "immediate", "backoff", "jitter"] as const).map((policy) => runRetry({ ...base, policy }).requests);
    expect(new Set(requests).size).toBe(1);
    expect(runRetry({ ...base, seed: 2 }).requests).not.toBe(requests[0]);
  });

  it("recovers soon after a spike without retries", () => {
    const r = runRetry({ ...base, policy: "never" });
    expect(r.attempts).toBeLessThanOrEqual(r.requests);
    expect(r.attempts).toBeGreaterThan(r.requests - 5);
    expect(r.failingUntilS).not.toBeNull();
    expect(r.failingUntilS!).toBeLessThan(5);
    expect(r.failingUntilS!).toBeGreaterThanOrEqual(RETRY_SETUP.triggerAtS + RETRY_SETUP.spikeS);
  });

  it("never recovers when every client retries and the queue is longer than the timeout (a metastable failure)", () => {
    for (const policy of ["immediate", "backoff", "jitter"] as const) {
      const r = runRetry({ ...base, policy });
      expect(r.failingUntilS!).toBeGreaterThanOrEqual(RETRY_SETUP.durationS - 0.2);
      expect(r.attempts / r.requests).toBeGreaterThan(3.5);
      expect(r.wasted).toBeGreaterThan(0.5 * r.requests);
      expect(r.succeeded).toBeLessThan(0.4 * runRetry({ ...base, policy: "never" }).succeeded);
    }
  });

  it("recovers with a retry budget, which caps retries near 10% of requests", () => {
    const r = runRetry({ ...base, budget: true });
    expect(r.failingUntilS!).toBeLessThan(5);
    const retries = r.attempts - r.requests;
    expect(retries).toBeGreaterThan(0);
    expect(retries).toBeLessThanOrEqual(RETRY_SETUP.budgetRatio * r.requests + RETRY_SETUP.budgetFloorPerS * RETRY_SETUP.durationS + RETRY_SETUP.budgetCap);
  });

  it("wastes no work when the queue fits within the timeout, and retries then help", () => {
    const short = { ...base, queueLimit: 200, policy: "backoff" as const };
    const r = runRetry(short);
    expect(r.wasted).toBe(0);
    expect(r.failingUntilS!).toBeLessThan(5);
    expect(r.succeeded).toBeGreaterThan(runRetry({ ...short, policy: "never" }).succeeded);
  });

  it("spreads a reconnecting crowd with jitter: a smaller wave, and more of the crowd gets through", () => {
    const restart = { ...base, trigger: "restart" as const, queueLimit: 200 };
    const plain = runRetry({ ...restart, policy: "backoff" });
    const jittered = runRetry(restart);
    expect(plain.peakPer10ms).toBeGreaterThan(RETRY_SETUP.reconnecting * 0.9);
    expect(jittered.peakPer10ms).toBeLessThan(0.3 * plain.peakPer10ms);
    expect(jittered.crowdSucceeded).toBeGreaterThan(1.5 * plain.crowdSucceeded);
    // Without retries the crowd, which arrived while the server was down, gets nowhere.
    expect(runRetry({ ...restart, policy: "never" }).crowdSucceeded).toBe(0);
  });

  it("gives the numbers the chapter quotes (seed 1)", () => {
    const summary = (o: Partial<RetryOptions>) => {
      const r = runRetry({ ...base, ...o });
      return [r.requests, r.succeeded, Math.round((100 * r.attempts) / r.requests) / 100, r.failingUntilS === null ? null : Math.round(r.failingUntilS * 10) / 10];
    };
    expect(summary({})).toEqual([8448, 1814, 3.97, 9.9]);
    expect(summary({ policy: "never" })).toEqual([8448, 6103, 1, 4.3]);
    expect(summary({ budget: true })).toEqual([8448, 5833, 1.04, 4.7]);
    expect(summary({ queueLimit: 200, policy: "backoff" })[1]).toBe(8117);
    expect(summary({ queueLimit: 200, policy: "never" })[1]).toBe(7556);
    const restart = { ...base, trigger: "restart" as const, queueLimit: 200 };
    expect([runRetry({ ...restart, policy: "backoff" }).peakPer10ms, runRetry({ ...restart, policy: "backoff" }).crowdSucceeded]).toEqual([1022, 186]);
    expect([runRetry(restart).peakPer10ms, runRetry(restart).crowdSucceeded]).toEqual([161, 377]);
  });

  it("counts rates per window that add up to the attempts and successes", () => {
    const r = runRetry(base);
    const sum = (rates: readonly number[]) => Math.round(rates.reduce((a, b) => a + b, 0) * RETRY_SETUP.binS);
    expect(sum(r.attemptRate)).toBe(r.attempts);
    expect(sum(r.goodput)).toBe(r.succeeded);
  });
});
