/**
 * The lab's encoding policy (instructions, stage 6), as a judge: given how
 * the tests' decoder read a field and the table before it, says how the
 * policy writes that field. Hidden tests only.
 */
import { STATIC_TABLE } from "#labs/hpack/static-table.ts";
import type { Header } from "#labs/hpack/scenarios.ts";
import type { FieldRepresentation } from "./decoder.ts";
import { sizeOf } from "./table.ts";

export interface Expected {
  readonly representation: FieldRepresentation;
  readonly index: number;
  /** Why, in the policy's words. */
  readonly because: string;
}

/** How the policy writes `name: value` with `tableBefore` (newest first) and a table of `maxSize`. */
export function policyFor(name: string, value: string, sensitive: boolean, tableBefore: readonly Header[], maxSize: number): Expected {
  const all = [...STATIC_TABLE, ...tableBefore];
  const exact = all.findIndex(([n, v]) => n === name && v === value) + 1;
  const nameIndex = all.findIndex(([n]) => n === name) + 1;
  const nameText = nameIndex === 0 ? "a new name (no table has it)" : `name index ${nameIndex} (the smallest whose name matches)`;
  if (sensitive) return { representation: "literal-never-indexed", index: nameIndex, because: `rule 1: a sensitive field is never indexed, with ${nameText}` };
  if (exact > 0) return { representation: "indexed", index: exact, because: `rule 2: the exact field is at index ${exact} (the smallest)` };
  const size = sizeOf(name, value);
  if (size > maxSize) {
    return { representation: "literal-not-indexed", index: nameIndex, because: `rule 3: its size ${size} is over the table's maxSize ${maxSize}, so it goes without indexing, with ${nameText}` };
  }
  return { representation: "literal-indexed", index: nameIndex, because: `rule 4: a literal with incremental indexing (size ${size} ≤ maxSize ${maxSize}), with ${nameText}` };
}

/** The size updates the next block must start with, after setMaxTableSize calls `sizes` (§4.2). */
export function expectedUpdates(sizes: readonly number[]): number[] {
  if (sizes.length === 0) return [];
  const final = sizes.at(-1)!;
  const smallest = Math.min(...sizes);
  return smallest < final ? [smallest, final] : [final];
}
