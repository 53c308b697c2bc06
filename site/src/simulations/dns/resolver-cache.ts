/**
 * The recursive resolver's cache (resolve.ts): RRsets by (name, type), each
 * with the time it was stored, read back with its TTL counted down.
 */
import { formatData, typeName, type DnsRecord } from "#runtime/wire/dns.ts";
import type { CacheOrigin, CacheRow } from "./resolver-controls.ts";

export interface CacheEntry {
  readonly name: string;
  /** A record type, or NXDOMAIN_KEY for "this name does not exist". */
  readonly type: number;
  readonly records: readonly DnsRecord[];
  readonly storedAt: number;
  readonly ttl: number;
  readonly origin: CacheOrigin;
}

/** Names compare without case and without the trailing dot. */
export const cacheKey = (name: string, type: number): string => `${name.toLowerCase().replace(/\.$/, "")}|${type}`;
/** The type under which a name that does not exist is cached (no record type is 0). */
export const NXDOMAIN_KEY = 0;

/** The resolver's cache: RRsets by (name, type), each with the time it was stored. */
export class Cache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly now: () => number;
  constructor(now: () => number) {
    this.now = now;
  }

  /** Stores an RRset; its TTL is the smallest of its records' (RFC 2181 §5.2 wants them equal). */
  put(name: string, type: number, records: readonly DnsRecord[], origin: CacheOrigin, ttl = Math.min(...records.map((r) => r.ttl))): void {
    this.entries.set(cacheKey(name, type), { name, type, records, storedAt: this.now(), ttl, origin });
  }

  /** Seconds left for an entry (fractions dropped). */
  left(entry: CacheEntry): number {
    return Math.max(0, Math.floor(entry.ttl - (this.now() - entry.storedAt) / 1e9));
  }

  /** The live entry for (name, type), if any. */
  get(name: string, type: number): CacheEntry | undefined {
    const entry = this.entries.get(cacheKey(name, type));
    if (entry === undefined) return undefined;
    return this.now() < entry.storedAt + entry.ttl * 1e9 ? entry : undefined;
  }

  /** Records as the stub sees them: TTLs counted down by the time spent in the cache. */
  aged(entry: CacheEntry): DnsRecord[] {
    return entry.records.map((r) => ({ ...r, ttl: this.left(entry) }));
  }

  /** Every entry, expired ones included, sorted by name from the root down and then by type. */
  rows(): CacheRow[] {
    const rows: CacheRow[] = [];
    const depth = (name: string) => name.split(".").reverse().join(".");
    const sorted = [...this.entries.values()].sort((x, y) => depth(x.name).localeCompare(depth(y.name)) || x.type - y.type);
    for (const entry of sorted) {
      const left = this.left(entry);
      if (entry.type === NXDOMAIN_KEY || entry.records.length === 0 || entry.origin === "negative") {
        rows.push({ name: entry.name, type: entry.type === NXDOMAIN_KEY ? "(any)" : typeName(entry.type), data: entry.type === NXDOMAIN_KEY ? "NXDOMAIN" : "no such data", ttlLeft: left, ttl: entry.ttl, origin: "negative" });
        continue;
      }
      for (const record of entry.records) rows.push({ name: entry.name, type: typeName(entry.type), data: formatData(record), ttlLeft: left, ttl: entry.ttl, origin: entry.origin });
    }
    return rows;
  }
}
