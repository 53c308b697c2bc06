/**
 * Generated mutants of a lab's reference solution: one operator edit each
 * (operators.ts), named by where it is and what it changes, so a survivor
 * can be read at a glance and an equivalence listed by its lines.
 */
import { findEdits, type Edit } from "./operators.ts";

/** One generated mutant. */
export interface GeneratedMutant {
  /** "L87:9 EqualityOperator". */
  readonly id: string;
  readonly operator: string;
  /** 1-based line of the edit. */
  readonly line: number;
  /** The lines the edit touches, whitespace collapsed: before and after. */
  readonly original: string;
  readonly mutated: string;
  /** The whole mutated solution. */
  readonly source: string;
}

/** Every mutant of `source`, in source order, and how many data tables were left alone. */
export function generateMutants(source: string): { mutants: GeneratedMutant[]; skippedDataTables: number } {
  const { edits, skippedDataTables } = findEdits(source);
  const mutants = edits
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((edit) => toMutant(source, edit))
    .filter((mutant) => mutant.original !== mutant.mutated);
  return { mutants: dedupe(mutants), skippedDataTables };
}

function toMutant(source: string, edit: Edit): GeneratedMutant {
  const lineStart = source.lastIndexOf("\n", edit.start - 1) + 1;
  const nextNewline = source.indexOf("\n", edit.end);
  const lineEnd = nextNewline < 0 ? source.length : nextNewline;
  const mutatedSource = source.slice(0, edit.start) + edit.replacement + source.slice(edit.end);
  const line = source.slice(0, edit.start).split("\n").length;
  const column = edit.start - lineStart + 1;
  return {
    id: `L${line}:${column} ${edit.operator}`,
    operator: edit.operator,
    line,
    original: collapse(source.slice(lineStart, lineEnd)),
    mutated: collapse(source.slice(lineStart, edit.start) + edit.replacement + source.slice(edit.end, lineEnd)),
    source: mutatedSource,
  };
}

/** Two operators can make the same text (a forced-false condition and a removed `!`...): keep one. */
function dedupe(mutants: GeneratedMutant[]): GeneratedMutant[] {
  const seen = new Set<string>();
  return mutants.filter((mutant) => {
    if (seen.has(mutant.source)) return false;
    seen.add(mutant.source);
    return true;
  });
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
