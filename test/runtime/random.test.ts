import { describe, expect, it } from "vitest";
import { Fnv1a64 } from "#runtime/core/hash.ts";
import { Random } from "#runtime/core/random.ts";

describe("Random (xoshiro128**)", () => {
  it("matches the reference implementation's outputs and states", () => {
    // Known answers from the authors' C code (prng.di.unimi.it/xoshiro128starstar.c),
    // as published with the edorfaus/xoshiro-6502 port's test data.
    const random = Random.fromState(0x964d4a0c, 0xd40ab895, 0xad7fdecb, 0x3006f0f0);
    expect(random.nextUint32()).toBe(0xf1391922);
    expect(random.nextUint32()).toBe(0x6fe53806);
    expect(random.nextUint32()).toBe(0xa5be2840);
    expect(random.nextUint32()).toBe(0xf510ee70);
  });

  it("gives the same sequence for the same seed and a different one for another", () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const seqA = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it("forks streams by label, independent of the order they are made in", () => {
    const first = new Random(7);
    const x1 = first.fork("link:a->b").nextUint32();
    const y1 = first.fork("link:b->a").nextUint32();
    const second = new Random(7);
    second.nextUint32(); // drawing from the parent does not change its forks
    const y2 = second.fork("link:b->a").nextUint32();
    const x2 = second.fork("link:a->b").nextUint32();
    expect([x2, y2]).toEqual([x1, y1]);
    expect(x1).not.toBe(y1);
  });

  it("draws integers in range without bias", () => {
    const random = new Random(3);
    const counts = new Array<number>(6).fill(0);
    const draws = 60_000;
    for (let i = 0; i < draws; i++) counts[random.int(1, 6) - 1]!++;
    // Chi-square with 5 degrees of freedom: 20.5 is the 0.1% critical value.
    const expected = draws / 6;
    const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(20.5);
    expect(() => random.int(5, 4)).toThrow(/bad range/);
  });

  it("gives chance(p) the frequency p and always draws exactly one number", () => {
    const random = new Random(11);
    let hits = 0;
    for (let i = 0; i < 100_000; i++) if (random.chance(0.3)) hits++;
    expect(hits / 100_000).toBeCloseTo(0.3, 2);
    const withZero = new Random(5);
    const withOne = new Random(5);
    expect(withZero.chance(0)).toBe(false);
    expect(withOne.chance(1)).toBe(true);
    expect(withZero.nextUint32()).toBe(withOne.nextUint32());
  });
});

describe("Fnv1a64", () => {
  it("matches the published FNV-1a 64-bit test vectors", () => {
    expect(new Fnv1a64().hex()).toBe("cbf29ce484222325");
    expect(new Fnv1a64().update("a").hex()).toBe("af63dc4c8601ec8c");
    expect(new Fnv1a64().update("foobar").hex()).toBe("85944171f73967e8");
    expect(new Fnv1a64().update("foo").update("bar").hex()).toBe("85944171f73967e8");
  });

  it("agrees with a BigInt implementation on long text", () => {
    const text = Array.from({ length: 500 }, (_, i) => `event ${i} ${i * 7919}`).join("|");
    let hash = 0xcbf29ce484222325n;
    for (let i = 0; i < text.length; i++) {
      hash = BigInt.asUintN(64, (hash ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n);
    }
    expect(new Fnv1a64().update(text).bigint()).toBe(hash);
  });
});
