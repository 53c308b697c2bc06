/**
 * The class edition replays recordings of the lab-topic simulations
 * (site/src/simulations/recorded/): every recording covers the controls its
 * page offers, and controls that share a key really give the same run, so
 * the replay shows what the live model would have.
 */
import { describe, expect, it } from "vitest";
import { recording as hpack } from "#site/simulations/http/hpack.model.ts";
import { HPACK_PRESETS } from "#site/simulations/http/hpack-presets.ts";
import { recording as loss } from "#site/simulations/tcp-udp/loss.model.ts";
import { CLASS_SEEDS } from "#site/simulations/tcp-udp/loss-controls.ts";
import { recording as sawtooth } from "#site/simulations/tcp-udp/sawtooth-recording.ts";

describe("recorded simulations", () => {
  it("loss: stop-and-wait and plain UDP ignore the window, a loss-free link the seed", () => {
    for (const protocol of ["none", "stop-and-wait"] as const) {
      expect(loss.run({ protocol, lossRate: 0.2, window: 1, seed: 3 })).toEqual(loss.run({ protocol, lossRate: 0.2, window: 7, seed: 3 }));
    }
    expect(loss.run({ protocol: "go-back-n", lossRate: 0, window: 4, seed: 1 })).toEqual(loss.run({ protocol: "go-back-n", lossRate: 0, window: 4, seed: 8 }));
    expect(loss.run({ protocol: "go-back-n", lossRate: 0.2, window: 4, seed: 1 })).not.toEqual(loss.run({ protocol: "go-back-n", lossRate: 0.2, window: 4, seed: 2 }));
  });

  it("loss: records the seeds the chapters use", () => {
    const keys = new Set([...loss.space()].map((c) => `${loss.file(c)}:${loss.key(c)}`));
    expect(CLASS_SEEDS).toBeGreaterThanOrEqual(9); // reliable-delivery.mdx opens the simulation at seed 9
    expect(keys.has(`${loss.file({ protocol: "go-back-n", lossRate: 0.1, window: 4, seed: 9 })}:${loss.key({ protocol: "go-back-n", lossRate: 0.1, window: 4, seed: 9 })}`)).toBe(true);
  });

  it("sawtooth: a loss-free link ignores the seed", () => {
    const base = { variant: "newreno", queuePackets: 5, lossRate: 0, rttMs: 20 } as const;
    expect(sawtooth.file({ ...base, seed: 1 })).toBe(sawtooth.file({ ...base, seed: 3 }));
    expect(sawtooth.run({ ...base, seed: 1 })).toEqual(sawtooth.run({ ...base, seed: 3 }));
  }, 60_000);

  it("hpack: records every preset under every option", () => {
    const space = [...hpack.space()];
    expect(new Set(space.map((c) => c.preset))).toEqual(new Set(Object.keys(HPACK_PRESETS)));
    expect(new Set(space.map((c) => `${hpack.file(c)}:${hpack.key(c)}`)).size).toBe(space.length);
  });
});
