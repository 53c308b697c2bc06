/** A lab's list of equivalent generated mutants, and matching mutants against it. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Lab } from "../labs.ts";
import type { EquivalentMutant } from "#labs/kit/mutant-edits.ts";
import type { GeneratedMutant } from "./generate.ts";

/** labs/<lab>/mutants/equivalent.ts, or an empty list. */
export async function loadEquivalents(lab: Lab): Promise<readonly EquivalentMutant[]> {
  const path = join(lab.dir, "mutants", "equivalent.ts");
  if (!existsSync(path)) return [];
  const list = ((await import(path)) as { default?: readonly EquivalentMutant[] }).default;
  if (!Array.isArray(list)) throw new Error(`${path} must \`export default defineEquivalents([...])\``);
  return list;
}

/** The listed equivalence that covers `mutant`, if any. */
export function equivalenceOf(mutant: GeneratedMutant, list: readonly EquivalentMutant[]): EquivalentMutant | undefined {
  return list.find((entry) => entry.original === mutant.original && entry.mutated === mutant.mutated);
}

/** Listed equivalences that match no generated mutant: the solution changed under them. */
export function staleEquivalents(mutants: readonly GeneratedMutant[], list: readonly EquivalentMutant[]): EquivalentMutant[] {
  return list.filter((entry) => !mutants.some((mutant) => equivalenceOf(mutant, [entry]) !== undefined));
}
