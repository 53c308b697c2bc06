/**
 * The load-balancing chapter's model (site/src/simulations/patterns/balance.ts):
 * which keys move when a backend joins or leaves, under modulo, ring and
 * rendezvous hashing.
 */
import { describe, expect, it } from "vitest";
import { assign, hash32, Ring, runRemap } from "#site/simulations/patterns/balance.ts";

const backends = ["backend-1", "backend-2", "backend-3", "backend-4"];
const keys = Array.from({ length: 2000 }, (_, i) => `key-${i}`);

describe("the hash", () => {
  it("spreads similar keys evenly over 4 buckets (within 10% of a quarter)", () => {
    const counts = [0, 0, 0, 0];
    for (const k of keys) counts[hash32(k) % 4]!++;
    for (const c of counts) expect(Math.abs(c - 500)).toBeLessThan(50);
  });
});

describe("the ring", () => {
  it("sends a key to the first point at or after its hash, wrapping past the last (checked against a linear scan)", () => {
    const ring = new Ring(backends, 5);
    const points = ring.positions();
    for (const k of keys) {
      const h = hash32(k);
      const owner = (points.find((p) => p.at >= h) ?? points[0]!).backend;
      expect(ring.lookup(k)).toBe(owner);
    }
    // Some keys really do wrap around.
    expect(keys.some((k) => hash32(k) > points[points.length - 1]!.at)).toBe(true);
  });
  it("balances better with more points per backend", () => {
    const one = runRemap({ backends: 4, change: "add", vnodes: 1, keys: 10000, seed: 1 });
    const many = runRemap({ backends: 4, change: "add", vnodes: 100, keys: 10000, seed: 1 });
    expect(one.schemes[1]!.peakOverMean).toBeGreaterThan(1.5);
    expect(many.schemes[1]!.peakOverMean).toBeLessThan(1.25);
  });
});

describe("keys remapped when the backends change", () => {
  for (const change of ["add", "remove"] as const) {
    it(`modulo moves most keys when one is ${change === "add" ? "added" : "removed"} (4 backends)`, () => {
      const r = runRemap({ backends: 4, change, vnodes: 100, keys: 10000, seed: 3 });
      const modulo = r.schemes[0]!;
      // Adding: a key stays only if h mod 4 = h mod 5, 4 in 20 residues of h mod 20: 80% move. Removing: 1 - 3/12 = 75%.
      expect(modulo.moved / 10000).toBeCloseTo(change === "add" ? 0.8 : 0.75, 1);
      expect(modulo.moved - modulo.necessary).toBeGreaterThan(5000);
    });
    it(`ring and rendezvous move only the keys that must move (${change})`, () => {
      for (const seed of [1, 2, 3]) {
        const r = runRemap({ backends: 5, change, vnodes: 50, keys: 5000, seed });
        for (const s of r.schemes.slice(1)) {
          expect(s.moved).toBe(s.necessary);
          expect(s.necessary).toBeGreaterThan(0);
        }
      }
    });
  }
  it("gives the new backend about 1/(N+1) of the keys under rendezvous hashing", () => {
    const r = runRemap({ backends: 4, change: "add", vnodes: 100, keys: 10000, seed: 1 });
    expect(r.schemes[2]!.necessary / 10000).toBeCloseTo(0.2, 1);
  });
  it("assigns every key to a live backend, and is the same for the same seed", () => {
    for (const scheme of ["modulo", "ring", "rendezvous"] as const) {
      expect(assign(scheme, backends, keys, 10).every((b) => backends.includes(b))).toBe(true);
    }
    expect(runRemap({ backends: 4, change: "add", vnodes: 10, keys: 1000, seed: 7 })).toEqual(runRemap({ backends: 4, change: "add", vnodes: 10, keys: 1000, seed: 7 }));
  });
});
