/**
 * The TTL-migration model: a record's address changes at time 0 (the move).
 * Some time before, the operator lowers the record's TTL from `oldTtl` to
 * `newTtl`. Each of several busy resolvers keeps the record cached for its
 * TTL and fetches it again the moment it expires (some client always wants
 * it), starting at a random phase. A fetch before the move gets the old
 * address; a fetch before the TTL was lowered gets the old TTL. The question
 * is when the last resolver stops handing out the old address:
 *
 *   last old answer ≤ max(lowered + oldTtl, move + newTtl)
 *
 * so lowering the TTL at least `oldTtl` before the move bounds the tail by
 * `newTtl`. Pure code, seeded, no DOM; times are seconds relative to the move.
 */
import { Random } from "#runtime/core/random.ts";

export interface MigrationOptions {
  /** TTL before it was lowered, seconds. */
  readonly oldTtl: number;
  /** TTL after it was lowered, seconds. */
  readonly newTtl: number;
  /** How long before the move the TTL was lowered, seconds (0: lowered at the move itself). */
  readonly lowerBefore: number;
  readonly resolvers?: number;
  readonly seed?: number;
}

export interface CachedCopy {
  /** When the resolver fetched it and when it expires, seconds from the move. */
  readonly from: number;
  readonly to: number;
  readonly address: "old" | "new";
  readonly ttl: number;
}

export interface MigrationResult {
  /** Each resolver's cached copies, in time order. */
  readonly resolvers: readonly (readonly CachedCopy[])[];
  /** When the TTL was lowered (≤ 0). */
  readonly loweredAt: number;
  /** When each resolver last served the old address (the expiry of its last old copy). */
  readonly lastOld: readonly number[];
  /** The latest of those: the last moment any resolver hands out the old address. */
  readonly worst: number;
  /** The bound max(lowered + oldTtl, newTtl) that holds whatever the phases. */
  readonly bound: number;
  /** Window shown, seconds from the move. */
  readonly start: number;
  readonly end: number;
}

export function runMigration(options: MigrationOptions): MigrationResult {
  const { oldTtl, newTtl } = options;
  const count = options.resolvers ?? 10;
  const random = new Random(options.seed ?? 1).fork("migration");
  const loweredAt = -Math.max(0, options.lowerBefore);
  const start = loweredAt - oldTtl;
  const bound = Math.max(loweredAt + oldTtl, newTtl);
  const end = Math.max(bound, newTtl) * 1.25 + newTtl;
  const resolvers: CachedCopy[][] = [];
  const lastOld: number[] = [];
  for (let i = 0; i < count; i++) {
    const copies: CachedCopy[] = [];
    let t = start + random.float() * oldTtl;
    let last = -Infinity;
    while (t < end) {
      const ttl = t < loweredAt ? oldTtl : newTtl;
      const address = t < 0 ? "old" : "new";
      copies.push({ from: t, to: t + ttl, address, ttl });
      if (address === "old") last = t + ttl;
      t += ttl;
    }
    resolvers.push(copies);
    lastOld.push(last);
  }
  return { resolvers, loweredAt, lastOld, worst: Math.max(...lastOld), bound, start, end };
}

/** Seconds as people say them: "5 min", "23.5 h", "2 days". */
export function formatDuration(seconds: number): string {
  const a = Math.abs(seconds);
  const sign = seconds < 0 ? "−" : "";
  const trim = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
  if (a < 60) return `${sign}${trim(Math.round(a))} s`;
  if (a < 3600) return `${sign}${trim(Math.round((a / 60) * 10) / 10)} min`;
  if (a < 2 * 86400) return `${sign}${trim(Math.round((a / 3600) * 10) / 10)} h`;
  return `${sign}${trim(Math.round((a / 86400) * 10) / 10)} days`;
}
