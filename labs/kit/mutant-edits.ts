/**
 * Known-wrong solutions, stored as small edits of a lab's `solution.ts`
 * (design brief: "Mutants are small edits of solution.ts; an edit that no
 * longer applies fails loudly"). A lab's `mutants/index.ts` exports
 * `defineMutants({...})`: each mutant names the classic bug it stands for and
 * lists `[find, replace]` pairs, applied in order. `find` must occur exactly
 * once in the text at that point, so an edit can never land somewhere else.
 */

/** One hand-written mutant: the bug in a sentence, and the edits that make it. */
export interface MutantSpec {
  /** What a learner who wrote this got wrong, in one or two sentences. */
  readonly bug: string;
  /** `[find, replace]` pairs applied in order to solution.ts. */
  readonly edits: ReadonlyArray<readonly [find: string, replace: string]>;
}

/** A lab's hand-written mutants by name (kebab-case, named after the bug). */
export type MutantSpecs = Readonly<Record<string, MutantSpec>>;

/** Declares a lab's hand-written mutants. */
export function defineMutants<const M extends MutantSpecs>(mutants: M): M {
  for (const [name, spec] of Object.entries(mutants)) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) throw new Error(`Mutant name "${name}" must be kebab-case`);
    if (spec.edits.length === 0) throw new Error(`Mutant "${name}" has no edits`);
  }
  return mutants;
}

/** Raised when an edit's `find` text is missing or ambiguous: the solution changed under the mutant. */
export class StaleEditError extends Error {}

/** `source` with every edit applied in order; throws {@link StaleEditError} when one does not apply exactly once. */
export function applyEdits(source: string, edits: MutantSpec["edits"], label: string): string {
  let text = source;
  edits.forEach(([find, replace], index) => {
    const at = text.indexOf(find);
    const where = `${label}, edit ${index + 1} (${JSON.stringify(find.length > 60 ? find.slice(0, 60) + "…" : find)})`;
    if (find === "" || at < 0) throw new StaleEditError(`${where}: the text to replace is not in solution.ts any more`);
    if (text.indexOf(find, at + 1) >= 0) throw new StaleEditError(`${where}: the text to replace occurs more than once; add context`);
    text = text.slice(0, at) + replace + text.slice(at + find.length);
  });
  if (text === source) throw new StaleEditError(`${label}: the edits change nothing`);
  return text;
}

/**
 * A generated mutant (`npm run mutation`) that no test can kill because it
 * behaves exactly like the solution. `original` and `mutated` are the mutated
 * line before and after, whitespace collapsed, as the tool prints them.
 */
export interface EquivalentMutant {
  readonly original: string;
  readonly mutated: string;
  /** Why no observable behaviour changes, in one line. */
  readonly reason: string;
}

/** Declares a lab's equivalent generated mutants (labs/<lab>/mutants/equivalent.ts). */
export function defineEquivalents(list: readonly EquivalentMutant[]): readonly EquivalentMutant[] {
  for (const entry of list) {
    if (entry.reason.trim().length < 10) throw new Error(`Equivalent mutant "${entry.mutated}" needs a reason`);
    if (entry.original === entry.mutated) throw new Error(`Equivalent mutant "${entry.original}" changes nothing`);
  }
  return list;
}
