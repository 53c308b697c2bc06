/**
 * The model behind the I/O models chapter (site/src/simulations/patterns/io.ts):
 * the claims the page makes about threads, epoll and poll must hold in it.
 */
import { describe, expect, it } from "vitest";
import { IO_COSTS, maxThreads, runIo, type IoOptions } from "#site/simulations/patterns/io.ts";

const base: IoOptions = { model: "epoll", connections: 1000, ratePerConnection: 1, backendMs: 10, slowEvery: 0, threadKiB: 256, cores: 2, seed: 1 };

describe("I/O models: one server, many connections", () => {
  it("is deterministic for a seed and changes with it", () => {
    expect(runIo(base)).toEqual(runIo(base));
    expect(runIo({ ...base, seed: 2 }).p99Ms).not.toBe(runIo(base).p99Ms);
  });

  it("answers a lightly loaded request in its CPU time plus the backend wait", () => {
    for (const model of ["threads", "epoll", "poll"] as const) {
      const r = runIo({ ...base, model, connections: 100 });
      expect(r.medianMs).toBeGreaterThanOrEqual(10 + IO_COSTS.requestUs / 1000);
      expect(r.medianMs).toBeLessThan(10.2);
      // A closed loop: each connection sends about one request per second when answered quickly.
      expect(r.throughputPerS).toBeGreaterThan(90);
      expect(r.throughputPerS).toBeLessThan(110);
    }
  });

  it("runs out of memory for threads at 10,000 connections of 256 KiB each, and the event loop does not", () => {
    expect(maxThreads(10_000, 256)).toBe(Math.floor((2 * 1024 * 1024 - 10_000 * 16) / 256));
    const threads = runIo({ ...base, model: "threads", connections: 10_000 });
    const epoll = runIo({ ...base, connections: 10_000 });
    expect(threads.served).toBe(7567);
    expect(epoll.served).toBe(10_000);
    expect(epoll.throughputPerS).toBeGreaterThan(threads.throughputPerS * 1.2);
    expect(threads.memoryKiB).toBeLessThanOrEqual(IO_COSTS.memoryKiB);
    expect(epoll.memoryKiB).toBe(10_000 * 16 + 2 * 256);
    // With 64 KiB threads, all fit.
    expect(runIo({ ...base, model: "threads", connections: 10_000, threadKiB: 64 }).served).toBe(10_000);
  });

  it("spends two context switches per request with threads, and far less per request in an epoll loop", () => {
    const threads = runIo({ ...base, model: "threads" });
    const epoll = runIo(base);
    expect(threads.overheadUsPerRequest).toBeCloseTo(2 * IO_COSTS.switchUs, 0);
    expect(epoll.overheadUsPerRequest).toBeLessThan(3);
  });

  it("makes poll's cost grow with the number of descriptors, epoll's not", () => {
    const poll100 = runIo({ ...base, model: "poll", connections: 100 });
    const poll10k = runIo({ ...base, model: "poll", connections: 10_000 });
    const epoll10k = runIo({ ...base, connections: 10_000 });
    expect(poll10k.overheadUsPerRequest).toBeGreaterThan(10 * poll100.overheadUsPerRequest);
    expect(poll10k.cpuBusy).toBeGreaterThan(0.9);
    expect(epoll10k.cpuBusy).toBeLessThan(0.4);
    expect(poll10k.p99Ms).toBeGreaterThan(epoll10k.p99Ms + 0.5);
  });

  it("lets a slow request stall everyone on its event loop, while threads are time-sliced", () => {
    const slow = { ...base, slowEvery: 200 };
    const threads = runIo({ ...slow, model: "threads" });
    const epoll = runIo(slow);
    expect(epoll.p99Ms).toBeGreaterThan(threads.p99Ms + 10);
    expect(runIo(base).p99Ms).toBeLessThan(10.2);
    // The chapter's numbers at 10,000 connections and one slow request in 1,000.
    const page = { ...base, connections: 10_000, slowEvery: 1000 };
    expect(runIo(page).p99Ms).toBeGreaterThan(25);
    expect(runIo(page).p99Ms).toBeLessThan(33);
    expect(runIo({ ...page, model: "threads" }).p99Ms).toBeLessThan(11);
  });

  it("saturates the CPU sooner with more requests per connection and fewer cores", () => {
    const one = runIo({ ...base, model: "threads", connections: 3000, ratePerConnection: 3, cores: 1 });
    const four = runIo({ ...base, model: "threads", connections: 3000, ratePerConnection: 3, cores: 4 });
    expect(one.cpuBusy).toBeGreaterThan(four.cpuBusy * 2);
    expect(one.p99Ms).toBeGreaterThan(four.p99Ms);
  });
});
