/**
 * Seeded random header lists for round trips: names and values drawn from
 * pools so that fields repeat (the dynamic table gets used and evicts),
 * with duplicates, sensitive fields, empty and long values, and UTF-8.
 */
import { Random } from "#runtime/core/random.ts";
import type { HeaderSpec } from "../scenarios.ts";

const NAMES = [":method", ":path", ":authority", "accept", "cookie", "user-agent", "x-trace", "x-ünï", "set-cookie", "etag", "content-type", "x-custom"];
const VALUES = ["GET", "/", "/index.html", "", "www.example.com", "gzip", "text/html; charset=utf-8", "naïve café", "日本語", "🙂 emoji", "a".repeat(130)];

function randomText(random: Random): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_=;,/ é€";
  return Array.from({ length: random.int(0, 40) }, () => alphabet[random.int(0, alphabet.length - 1)]).join("");
}

/** `count` header lists of 1 to 14 fields each. */
export function randomHeaderLists(seed: number, label: string, count: number): HeaderSpec[][] {
  const random = new Random(seed).fork(label);
  return Array.from({ length: count }, () =>
    Array.from({ length: random.int(1, 14) }, (): HeaderSpec => {
      const name = random.chance(0.8) ? random.pick(NAMES) : `x-${randomText(random).replace(/[^a-z0-9-]/g, "")}`;
      const value = random.chance(0.6) ? random.pick(VALUES) : randomText(random);
      return random.chance(0.1) ? { name, value, sensitive: true } : [name, value];
    }),
  );
}

/** The list a decoder gives back for what was encoded. */
export function plain(headers: readonly HeaderSpec[]): [string, string][] {
  return headers.map((h) => (Array.isArray(h) ? [h[0], h[1]] : [h.name, h.value]));
}
