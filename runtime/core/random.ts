import { Fnv1a64 } from "./hash.ts";

/**
 * Seeded pseudo-random numbers: xoshiro128** 1.1 (Blackman and Vigna, 2018),
 * a small, fast generator with 128 bits of state built from 32-bit integer
 * operations, so it gives the same sequence in every JavaScript engine.
 * Its state is seeded with SplitMix64, as the authors recommend.
 *
 * Every source of randomness in a simulation is a named stream derived from
 * the simulation's seed and a label (`random.fork("link:a->b")`), so adding a
 * link or a host never changes the numbers another one draws.
 */
export class Random {
  /** The 64-bit seed this stream was made from (for forking). */
  readonly seed: bigint;
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /** A stream seeded with `seed` (any integer; it is reduced to 64 bits). */
  constructor(seed: number | bigint) {
    this.seed = BigInt.asUintN(64, BigInt(seed));
    const split = splitMix64(this.seed);
    const first = split();
    const second = split();
    this.setState(
      Number(first & 0xffffffffn),
      Number(first >> 32n),
      Number(second & 0xffffffffn),
      Number(second >> 32n),
    );
  }

  /** A stream with the given raw state (for known-answer tests). */
  static fromState(s0: number, s1: number, s2: number, s3: number): Random {
    const random = new Random(0);
    random.setState(s0, s1, s2, s3);
    return random;
  }

  /** An independent stream named `label`, derived from this stream's seed. */
  fork(label: string): Random {
    return new Random(this.seed ^ new Fnv1a64().update(label).bigint());
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A number in [0, 1) with 32 bits of resolution. */
  float(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /**
   * True with probability `p`. Always draws one number, even for p = 0 or 1,
   * so changing a probability does not shift the rest of the stream.
   */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** A uniformly distributed integer in [min, max] (inclusive, unbiased). */
  int(min: number, max: number): number {
    const range = max - min + 1;
    if (!Number.isInteger(range) || range < 1 || range > 0x1_0000_0000) {
      throw new RangeError(`Random.int: bad range [${min}, ${max}]`);
    }
    // Rejection sampling: drop the top sliver of values that would make
    // some results more likely than others.
    const limit = 0x1_0000_0000 - (0x1_0000_0000 % range);
    let value = this.nextUint32();
    while (value >= limit) value = this.nextUint32();
    return min + (value % range);
  }

  /** One element of a non-empty array, chosen uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("Random.pick: empty array");
    return items[this.int(0, items.length - 1)] as T;
  }

  private setState(s0: number, s1: number, s2: number, s3: number): void {
    // An all-zero state would only ever produce zeros.
    if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** SplitMix64 (Steele, Lea and Flood, 2014): turns one seed into many. */
function splitMix64(seed: bigint): () => bigint {
  let state = seed;
  return () => {
    state = BigInt.asUintN(64, state + 0x9e3779b97f4a7c15n);
    let z = state;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return z ^ (z >> 31n);
  };
}
