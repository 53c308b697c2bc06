/** A graded submission as text for a terminal: one line per test, failures explained. */
import { MAX_NAME_CHARS, MAX_OUTPUT_CHARS, safeText, type GradeResult, type TestResult } from "../results.ts";

/** ANSI colours, or none. */
export interface Palette {
  readonly green: (text: string) => string;
  readonly red: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const ansi = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
export const COLOURS: Palette = { green: ansi(32), red: ansi(31), dim: ansi(2), bold: ansi(1) };
export const PLAIN: Palette = { green: String, red: String, dim: String, bold: String };

/** One test as a line ("✓ name (2/2)"), with its explanation indented below when it failed. */
export function formatTestResult(test: TestResult, palette: Palette): string {
  const points = palette.dim(`(${test.score}/${test.max_score})`);
  // The learner's output is in there: no control characters reach the terminal or the CI log.
  const name = safeText(test.name, MAX_NAME_CHARS);
  if (test.status === "passed") return `${palette.green("✓")} ${name} ${points}`;
  const details = safeText(test.output, MAX_OUTPUT_CHARS)
    .split("\n")
    .map((line) => `    ${line}`);
  return [`${palette.red("✗")} ${name} ${points}`, ...details].join("\n");
}

/** The closing summary lines. */
export function formatSummary(result: GradeResult, palette: Palette): string {
  const passed = result.tests.filter((test) => test.status === "passed").length;
  const failed = result.tests.length - passed;
  const score = `Score: ${result.score} / ${result.max_score}`;
  return [
    "",
    palette.bold(failed === 0 ? palette.green(score) : score),
    // The plain closing line CI systems read: "N passed, N failed".
    `${passed} passed, ${failed} failed`,
    palette.dim(`(${result.execution_time.toFixed(2)} s)`),
    ...(result.sandbox === undefined ? [] : [palette.dim(`Sandbox: ${result.sandbox}`)]),
  ].join("\n");
}
