/**
 * The model behind the ECN and AQM chapter (site/src/simulations/tcp-udp/aqm.ts):
 * a bulk TCP flow and a ping through drop-tail, CoDel, CoDel with ECN and FQ-CoDel.
 */
import { describe, expect, it } from "vitest";
import { runAqm, type AqmOptions } from "#site/simulations/tcp-udp/aqm.ts";
import { AQMS, BUFFERS, CLASS_SEEDS, RATES_BPS, RTTS_MS } from "#site/simulations/tcp-udp/aqm-controls.ts";
import { recording } from "#site/simulations/tcp-udp/aqm-recording.ts";

const base: AqmOptions = { aqm: "droptail", rateBps: 10e6, baseRttMs: 40, bufferPackets: 256, durationS: 20, seed: 1 };
const run = (extra: Partial<AqmOptions>) => runAqm({ ...base, ...extra });

describe("bufferbloat: a ping behind a bulk flow", () => {
  it("is deterministic for a seed", () => {
    expect(run({ aqm: "codel" })).toEqual(run({ aqm: "codel" }));
    expect(run({ seed: 2 }).pings[3]!.t).not.toBe(run({}).pings[3]!.t);
  });

  it("fills a drop-tail buffer: the ping waits for most of it, and the link stays full", () => {
    const r = run({});
    // 256 packets of 1500 bytes drain in 256 × 1.2 ms = 307 ms at 10 Mb/s.
    expect(r.medianAddedMs).toBeGreaterThan(150);
    expect(r.maxAddedMs).toBeLessThanOrEqual(256 * 1.2 + 1.2 + 0.5);
    expect(r.goodputBps).toBeGreaterThan(0.97 * 10e6);
    expect(r.marks).toBe(0);
    // A buffer four times bigger only adds delay.
    const big = run({ bufferPackets: 1000 });
    expect(big.medianAddedMs).toBeGreaterThan(3 * r.medianAddedMs);
    expect(big.goodputBps).toBeLessThanOrEqual(10e6);
  });

  it("CoDel keeps the standing queue near its 5 ms target, whatever the buffer, and still fills most of the link", () => {
    for (const bufferPackets of [256, 1000]) {
      for (const seed of [1, 2, 3]) {
        const r = run({ aqm: "codel", bufferPackets, seed });
        expect(r.medianAddedMs).toBeLessThan(5);
        expect(r.p95AddedMs).toBeLessThan(15);
        expect(r.goodputBps).toBeGreaterThan(0.8 * 10e6);
        expect(r.drops).toBeGreaterThan(0);
        expect(r.marks).toBe(0);
      }
    }
  });

  it("CoDel with ECN marks instead of dropping the flow's packets, with the same delay", () => {
    const dropping = run({ aqm: "codel" });
    const marking = run({ aqm: "codel-ecn" });
    expect(marking.drops).toBe(0);
    expect(marking.marks).toBeGreaterThan(0);
    expect(marking.reductions).toBeGreaterThan(0);
    expect(marking.timeouts).toBe(0);
    expect(marking.medianAddedMs).toBeLessThan(5);
    expect(Math.abs(marking.goodputBps - dropping.goodputBps)).toBeLessThan(0.05 * 10e6);
  });

  it("FQ-CoDel serves the ping first: it waits at most for the packet on the wire", () => {
    for (const [rateBps, bufferPackets] of [[5e6, 256], [10e6, 32], [10e6, 256], [20e6, 1000]] as const) {
      const r = run({ aqm: "fq-codel", rateBps, bufferPackets });
      const oneDataPacketMs = (1500 * 8 * 1000) / rateBps;
      const pingTxMs = (84 * 8 * 1000) / rateBps;
      expect(r.maxAddedMs).toBeLessThanOrEqual(oneDataPacketMs + pingTxMs + 1e-6);
      expect(r.pingsLost).toBe(0);
    }
  });

  it("sends one ping per 100 ms and accounts for each", () => {
    for (const aqm of AQMS) {
      const r = run({ aqm });
      expect(r.pings.length).toBe(200);
      expect(r.pings.filter((p) => p.rttMs === null).length).toBe(r.pingsLost);
      expect(r.pings.every((p) => p.rttMs === null || p.rttMs >= 40)).toBe(true);
    }
  });

  it("gives the chapter's numbers", () => {
    const pick = (aqm: (typeof AQMS)[number]) => {
      const r = run({ aqm });
      return [Math.round(r.medianAddedMs), Math.round(r.p95AddedMs), Math.round(r.goodputBps / 1e4) / 100];
    };
    expect(AQMS.map(pick)).toEqual([
      [188, 229, 9.96],
      [2, 8, 8.52],
      [2, 9, 8.52],
      [1, 1, 8.52],
    ]);
    expect(Math.round(run({ bufferPackets: 1000 }).medianAddedMs)).toBe(592);
    const oneBdp = run({ bufferPackets: 32 });
    expect([Math.round(oneBdp.medianAddedMs), Math.round(oneBdp.goodputBps / 1e4) / 100]).toEqual([23, 9.83]);
    expect(Math.round(run({ aqm: "codel" }).maxAddedMs)).toBe(84);
  });
});

describe("the class edition's recording of the queue simulation", () => {
  it("covers every value the controls offer, one key per run", () => {
    const space = [...recording.space()];
    expect(space.length).toBe(BUFFERS.length * RATES_BPS.length * RTTS_MS.length * CLASS_SEEDS);
    expect(new Set(space.map((c) => `${recording.file(c)}:${recording.key(c)}`)).size).toBe(space.length);
  });

  it("records the four queues in the table's order", () => {
    const runs = recording.run({ bufferPackets: 256, rateBps: 10e6, baseRttMs: 40, seed: 1 });
    expect(runs.map((r) => Math.round(r.medianAddedMs))).toEqual([188, 2, 2, 1]);
    expect(runs[3]).toEqual(run({ aqm: AQMS[3] }));
  });
});
