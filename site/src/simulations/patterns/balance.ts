/**
 * Where do keys go when the set of backends changes? Three ways to pick a
 * backend for a key (a user ID, a cache key, a connection's addresses):
 * hash modulo the number of backends, a consistent-hash ring with virtual
 * nodes (Karger et al., 1997), and rendezvous (highest random weight)
 * hashing. Keys come from the runtime's seeded random stream and are
 * hashed with the runtime's FNV-1a, so a seed always gives the same keys.
 */
import { Fnv1a64 } from "#runtime/core/hash.ts";
import { Random } from "#runtime/core/random.ts";

export type Scheme = "modulo" | "ring" | "rendezvous";
export const SCHEMES: readonly Scheme[] = ["modulo", "ring", "rendezvous"];

/** A 32-bit hash: FNV-1a's two halves folded, then MurmurHash3's finaliser, since FNV alone spreads similar short strings poorly. */
export function hash32(text: string): number {
  const h = new Fnv1a64().update(text).bigint();
  let x = Number((h >> 32n) ^ (h & 0xffffffffn)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** A consistent-hash ring: each backend at `vnodes` points; a key goes to the first point at or after its hash. */
export class Ring {
  private readonly points: { at: number; backend: string }[];

  constructor(backends: readonly string[], vnodes: number) {
    this.points = backends.flatMap((backend) => Array.from({ length: vnodes }, (_, i) => ({ at: hash32(`${backend}#${i}`), backend })));
    this.points.sort((a, b) => a.at - b.at);
  }

  /** The ring's points in order (for tests and drawings). */
  positions(): readonly { at: number; backend: string }[] {
    return this.points;
  }

  lookup(key: string): string {
    const h = hash32(key);
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.points[mid]!.at < h) lo = mid + 1;
      else hi = mid;
    }
    // Past the last point the ring wraps to the first.
    return this.points[lo % this.points.length]!.backend;
  }
}

/** The backend each key goes to under `scheme`. */
export function assign(scheme: Scheme, backends: readonly string[], keys: readonly string[], vnodes: number): string[] {
  if (scheme === "modulo") return keys.map((k) => backends[hash32(k) % backends.length]!);
  if (scheme === "ring") {
    const ring = new Ring(backends, vnodes);
    return keys.map((k) => ring.lookup(k));
  }
  // Rendezvous: every backend scores the key; the highest score wins.
  return keys.map((k) => {
    let best = backends[0]!;
    let bestScore = -1;
    for (const b of backends) {
      const score = hash32(`${b}|${k}`);
      if (score > bestScore) [best, bestScore] = [b, score];
    }
    return best;
  });
}

export interface RemapOptions {
  readonly backends: number;
  readonly change: "add" | "remove";
  /** Points per backend on the ring. */
  readonly vnodes: number;
  readonly keys: number;
  readonly seed: number;
}

export interface SchemeResult {
  readonly scheme: Scheme;
  /** Keys whose backend changed. */
  readonly moved: number;
  /** Keys that had to move: those now on the added backend, or those that were on the removed one. */
  readonly necessary: number;
  /** Keys per backend after the change, in backend order. */
  readonly load: readonly number[];
  /** The busiest backend's keys over the mean, after the change. */
  readonly peakOverMean: number;
}

export interface RemapResult {
  readonly before: readonly string[];
  readonly after: readonly string[];
  readonly changed: string;
  readonly schemes: readonly SchemeResult[];
}

export const backendName = (i: number) => `backend-${i + 1}`;

export function runRemap(options: RemapOptions): RemapResult {
  const random = new Random(options.seed).fork("keys");
  const keys = Array.from({ length: options.keys }, () => `user-${random.nextUint32().toString(16)}`);
  const before = Array.from({ length: options.backends }, (_, i) => backendName(i));
  // Removing takes out a backend from the middle of the list, as a failure would.
  const removed = backendName(Math.floor(options.backends / 2));
  const changed = options.change === "add" ? backendName(options.backends) : removed;
  const after = options.change === "add" ? [...before, changed] : before.filter((b) => b !== removed);
  const schemes = SCHEMES.map((scheme): SchemeResult => {
    const was = assign(scheme, before, keys, options.vnodes);
    const now = assign(scheme, after, keys, options.vnodes);
    const moved = now.filter((b, i) => b !== was[i]).length;
    const necessary = (options.change === "add" ? now : was).filter((b) => b === changed).length;
    const load = after.map((b) => now.filter((x) => x === b).length);
    return { scheme, moved, necessary, load, peakOverMean: Math.max(...load) / (options.keys / after.length) };
  });
  return { before, after, changed, schemes };
}
