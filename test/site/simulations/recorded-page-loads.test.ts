/**
 * The page loads the class edition replays (issue 17): the capstone's
 * waterfall and packet ladder, and the HTTP chapter's page load and
 * exchange. Controls that share a recorded key give the same run, and each
 * recording covers the values its page opens with.
 */
import { describe, expect, it } from "vitest";
import { atDefaults } from "#site/simulations/capstone/ladder-controls.ts";
import { recording as ladder } from "#site/simulations/capstone/ladder.model.ts";
import { packRun, unpackRun } from "#site/simulations/capstone/ladder-view.ts";
import { runPageLoad } from "#site/simulations/capstone/model.ts";
import { recording as capstone } from "#site/simulations/capstone/page-load.model.ts";
import { recording as exchange } from "#site/simulations/http/exchange.model.ts";
import { recording as httpPageLoad } from "#site/simulations/http/pageload.model.ts";
import type { Recording } from "#site/simulations/recorded/recording.ts";

/** Whether `recording` holds a run for `controls`. */
function holds<C>(recording: Recording<C, unknown>, controls: C): boolean {
  const wanted = `${recording.file(controls)}:${recording.key(controls)}`;
  return [...recording.space()].some((c) => `${recording.file(c)}:${recording.key(c)}` === wanted);
}

describe("recorded page loads", () => {
  it("capstone: a name the browser has cached never asks the resolver, and a loss-free link ignores the seed", () => {
    const base = { serverRttMs: 50, bandwidthMbps: 20, loss: 0.02, protocol: "h2", dns: "browser", tls: "full", httpCache: "empty", seed: 2 } as const;
    const strip = (c: Parameters<typeof capstone.run>[0]) => ({ ...capstone.run(c), options: null });
    expect(capstone.key({ ...base, resolverRttMs: 10 })).toBe(capstone.key({ ...base, resolverRttMs: 60 }));
    expect(strip({ ...base, resolverRttMs: 10 })).toEqual(strip({ ...base, resolverRttMs: 60 }));
    expect(capstone.key({ ...base, dns: "none", resolverRttMs: 10 })).not.toBe(capstone.key({ ...base, dns: "none", resolverRttMs: 60 }));
    const calm = { ...base, loss: 0, resolverRttMs: 10 };
    expect(capstone.key({ ...calm, seed: 1 })).toBe(capstone.key({ ...calm, seed: 2 }));
    expect(strip({ ...calm, seed: 1 })).toEqual(strip({ ...calm, seed: 2 }));
    expect(holds(capstone, { ...base, dns: "none", loss: 0, resolverRttMs: 10, seed: 1 })).toBe(true);
  }, 60_000);

  it("capstone ladder: a packed run unpacks to the live one, below a pixel and with only the droppable packets' keys", () => {
    const controls = { serverRttMs: 50, bandwidthMbps: 20, loss: 0.05, protocol: "h3", dns: "none", tls: "zero-rtt", seed: 2 } as const;
    const live = runPageLoad({ ...controls, resolverRttMs: 10, record: true });
    const droppable = new Set([live.packets[3]!.dropKey!]);
    const replayed = unpackRun(JSON.parse(JSON.stringify(packRun(live, droppable))) as ReturnType<typeof packRun>);
    expect(replayed.packets.length).toBe(live.packets.length);
    expect(live.packets.some((p) => p.lost !== undefined)).toBe(true);
    live.packets.forEach((p, i) => {
      const q = replayed.packets[i]!;
      const dropKey = p.dropKey !== undefined && droppable.has(p.dropKey) ? p.dropKey : undefined;
      expect({ ...q, sentMs: 0, arrivedMs: 0 }).toEqual({ ...p, sentMs: 0, arrivedMs: 0, dropKey });
      expect(Math.abs(q.sentMs - p.sentMs)).toBeLessThan(0.01);
      expect(q.arrivedMs === null ? null : Math.abs(q.arrivedMs - p.arrivedMs!) < 0.01).toBe(p.arrivedMs === null ? null : true);
    });
    expect(holds(ladder, { ...controls, protocol: "h2", tls: "full", loss: 0, seed: 1, drop: [] })).toBe(true);
  }, 60_000);

  it("capstone ladder: with the defaults, the packets packets.mdx drops are recorded dropped, one at a time", () => {
    const space = [...ladder.space()];
    for (const protocol of ["h2", "h3"] as const) {
      const defaults = space.find((c) => c.protocol === protocol && c.drop.length === 0 && atDefaults(c))!;
      const run = ladder.run(defaults);
      const offered = run.packets.flatMap((p) => (p[10] === null ? [] : [p[10]]));
      const drops = space.filter((c) => c.protocol === protocol && c.drop.length === 1).map((c) => c.drop[0]);
      expect(offered.sort()).toEqual([...drops].sort());
      expect(drops).toEqual(expect.arrayContaining(["GET /#1:0", "server handshake flight#1:1", "data@2920"]));
      if (protocol === "h2") expect(drops).toContain("SYN#1:0");
      const dropped = ladder.run({ ...defaults, drop: ["GET /#1:0"] });
      expect(dropped.packets.filter((p) => p[8] === "dropped by you").map((p) => p[10])).toEqual(["GET /#1:0"]);
      expect(dropped.firstPaintMs - run.firstPaintMs).toBeGreaterThan(900); // a second's retry (packets.mdx: about 1.43 s)
    }
  }, 120_000);

  it("HTTP page load: pipelining changes only HTTP/1.1, a loss-free link ignores the seed", () => {
    const base = { resources: 10, rttMs: 50, rateMbps: 10, lossRate: 0.02, seed: 1 } as const;
    for (const version of ["http2", "http3"] as const) {
      expect(httpPageLoad.key({ ...base, version, pipelineDepth: 1 })).toBe(httpPageLoad.key({ ...base, version, pipelineDepth: 4 }));
      expect(httpPageLoad.run({ ...base, version, pipelineDepth: 1 })).toEqual(httpPageLoad.run({ ...base, version, pipelineDepth: 4 }));
    }
    expect(httpPageLoad.run({ ...base, version: "http1", pipelineDepth: 1 })).not.toEqual(httpPageLoad.run({ ...base, version: "http1", pipelineDepth: 4 }));
    const calm = { ...base, lossRate: 0, version: "http1", pipelineDepth: 1 } as const;
    expect(httpPageLoad.key({ ...calm, seed: 1 })).toBe(httpPageLoad.key({ ...calm, seed: 2 }));
    expect(httpPageLoad.run({ ...calm, seed: 1 })).toEqual(httpPageLoad.run({ ...calm, seed: 2 }));
    // The chapters open it at 100 ms, without loss and at 2% (http1-and-http2.mdx, http3.mdx), with 30 files.
    for (const lossRate of [0, 0.02]) expect(holds(httpPageLoad, { ...base, resources: 30, rttMs: 100, lossRate, version: "http3", pipelineDepth: 1 })).toBe(true);
  }, 60_000);

  it("HTTP exchange: a loss-free link ignores the seed", () => {
    const base = { mode: "pipeline", rttMs: 20, lossRate: 0 } as const;
    expect(exchange.key({ ...base, seed: 1 })).toBe(exchange.key({ ...base, seed: 4 }));
    expect(exchange.run({ ...base, seed: 1 })).toEqual(exchange.run({ ...base, seed: 4 }));
    expect(holds(exchange, { mode: "keep-alive", rttMs: 50, lossRate: 0.25, seed: 5 })).toBe(true);
  });
});
