/**
 * Seeded inputs for the hpack property tests (fast-check, drawn from the
 * grading seed): header names and values that repeat (so the dynamic table
 * is used and evicts), with uppercase letters, a leading U+FEFF, any UTF-8,
 * empty and large values; table limits around small sizes; integers around
 * every prefix and 7-bit group boundary.
 */
import { fc } from "#labs/kit/property.ts";
import { STATIC_TABLE } from "../static-table.ts";
import type { HeaderSpec } from "../scenarios.ts";

const STATIC_NAMES = [...new Set(STATIC_TABLE.map(([name]) => name))];

export const name = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(":method", ":path", ":authority", ":status", "accept-encoding", "cookie", "date", "x-a", "x-b") },
  { weight: 1, arbitrary: fc.constantFrom(...STATIC_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom("X-Upper", "Content-Type", "x-ünï", "\ufeffx-bom", "") },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
);

export const value = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("", "GET", "/", "200", "gzip, deflate", "www.example.com", "1", "naïve café", "日本語 🙂", "\ufeffv") },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("a", "é", "~", "\u0000", "🙂"), fc.integer({ min: 60, max: 1500 })).map(([c, n]) => c.repeat(n)) },
);

/** Table limits: none, smaller than one entry, a few entries, the RFC's 256 and the default. */
export const limit = fc.oneof(fc.constantFrom(0, 40, 64, 100, 256, 4096), fc.integer({ min: 0, max: 400 }));

/** A size as a share of the limit (so that shrinking keeps it valid). */
export const percent = fc.integer({ min: 0, max: 100 });
export const share = (limitSize: number, p: number) => Math.floor((limitSize * p) / 100);

export const headerSpec: fc.Arbitrary<HeaderSpec> = fc
  .record({ name, value, sensitive: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) })
  .map(({ name: n, value: v, sensitive }) => (sensitive ? { name: n, value: v, sensitive: true } : [n, v]));

/** 7-bit groups, with those that overflow a 32-bit shift in the fifth place (8, 16) likely. */
export const group = fc.oneof(fc.constantFrom(0, 1, 7, 8, 15, 16, 31, 127), fc.nat(127));

/** Integers near the prefix maxima, the 7-bit group boundaries and 2^31. */
export const integer = fc.oneof(
  fc.nat(300),
  fc.tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: -2, max: 2 })).map(([n, d]) => Math.min(0x7fffffff, Math.max(0, 2 ** n - 1 + d))),
  fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: -1, max: 1 })).map(([p, k, d]) =>
    Math.min(0x7fffffff, Math.max(0, 2 ** p - 1 + 128 ** k - 1 + d)),
  ),
  fc.integer({ min: 0x7fffff00, max: 0x7fffffff }),
  fc.nat(0x7fffffff),
);

/** Long runs of one character shown as `<"a" × 1000>`; invisible characters escaped. */
export function show(input: unknown): string {
  return JSON.stringify(input, (_key, item: unknown) => {
    if (typeof item === "string" && item.length > 40 && [...item].every((c) => c === [...item][0])) return `<${JSON.stringify([...item][0])} × ${[...item].length}>`;
    return item;
  })
    .replace(/\ufeff/g, "\\ufeff")
    .slice(0, 6_000);
}
