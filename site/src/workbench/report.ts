/**
 * Test results as terminal lines with ANSI colours: one line per test,
 * the failure's explanation indented under it, and a total. Pure.
 */
import type { TestResult } from "#grader/results.ts";

const GREEN = "\x1b[32m";
const RED = "\x1b[31m";
// Grey (bright black), not SGR 2 "dim": xterm draws dim at half opacity, below 4.5:1 contrast on the light theme.
const DIM = "\x1b[90m";
const BOLD = "\x1b[1m";
const RESET = "\x1b[0m";

/** Lines of a failure's output shown in the terminal; the rest is summarised. */
const MAX_OUTPUT_LINES = 40;

export interface Totals {
  readonly passed: number;
  readonly total: number;
  readonly score: number;
  readonly maxScore: number;
}

export function totals(results: readonly TestResult[]): Totals {
  return {
    passed: results.filter((r) => r.status === "passed").length,
    total: results.length,
    score: results.reduce((sum, r) => sum + r.score, 0),
    maxScore: results.reduce((sum, r) => sum + r.max_score, 0),
  };
}

/** The line for one finished test, and its explanation when it failed. */
export function formatResult(result: TestResult): string[] {
  const points = `${DIM}(${result.score}/${result.max_score})${RESET}`;
  const hidden = result.visibility === "visible" ? "" : `${DIM}[hidden]${RESET} `;
  if (result.status === "passed") return [`${GREEN}✓ PASS${RESET} ${hidden}${result.name} ${points}`];
  const output = result.output.split("\n");
  const shown = output.slice(0, MAX_OUTPUT_LINES).map((line) => `    ${line}`);
  if (output.length > MAX_OUTPUT_LINES) shown.push(`    ${DIM}… ${output.length - MAX_OUTPUT_LINES} more lines${RESET}`);
  return [`${RED}✗ FAIL${RESET} ${hidden}${result.name} ${points}`, ...shown];
}

/** The closing line of a test run. */
export function formatTotals(label: string, t: Totals): string {
  const colour = t.passed === t.total ? GREEN : RED;
  return `${BOLD}${label}:${RESET} ${colour}${t.passed} of ${t.total} tests passed${RESET}, ${t.score}/${t.maxScore} points`;
}
