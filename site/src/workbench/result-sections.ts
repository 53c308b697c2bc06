/**
 * A test result's output cut into the parts the results panel shows apart:
 * what went wrong, the rule, the steps, the hint and what the learner's
 * code printed (grader/run-suite.ts writes them in that order, each after
 * a blank line and its heading). Pure, so it is tested in Node.
 */
import type { TestResult } from "#grader/results.ts";

export interface FailureSections {
  /** What went wrong: the first block (with its bytes in hex, where the test shows them). */
  readonly message: string;
  readonly rule?: string;
  readonly steps?: readonly string[];
  readonly hint?: string;
  readonly printed?: readonly string[];
}

const HEADINGS = [
  ["Rule: ", "rule"],
  ["Hint: ", "hint"],
  ["Steps:", "steps"],
  ["Your code printed:", "printed"],
] as const;

/** Splits `output` at its headings; text before the first heading is the message. */
export function failureSections(output: string): FailureSections {
  const blocks = output.split(/\n\n(?=Rule: |Hint: |Steps:\n|Your code printed:\n)/);
  const sections: { message: string; rule?: string; steps?: string[]; hint?: string; printed?: string[] } = { message: blocks[0] ?? "" };
  for (const block of blocks.slice(1)) {
    const heading = HEADINGS.find(([prefix]) => block.startsWith(prefix));
    if (heading === undefined) {
      sections.message += `\n\n${block}`;
      continue;
    }
    const [prefix, key] = heading;
    const body = block.slice(prefix.length);
    if (key === "rule" || key === "hint") sections[key] = body.trim();
    else sections[key] = body.replace(/^\n/, "").split("\n").map((line) => line.replace(/^ {2}/, ""));
  }
  return sections;
}

/**
 * The error every test stopped at, when all of them failed at the same
 * first line (the learner's file threw while loading, an export is
 * missing): the panel says it once instead of once per test.
 */
export function sharedFailure(results: readonly TestResult[]): string | undefined {
  if (results.length < 2 || results.some((r) => r.status === "passed")) return undefined;
  const first = (r: TestResult) => failureSections(r.output).message;
  const message = first(results[0]!);
  return results.every((r) => first(r) === message) ? message : undefined;
}

/** The index of the failure to open first: the first failed test, or -1. */
export function firstFailure(results: readonly TestResult[]): number {
  return results.findIndex((r) => r.status === "failed");
}
