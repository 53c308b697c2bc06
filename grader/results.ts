/**
 * Grading results in Gradescope's results.json shape, so one result serves
 * the CLI, CI and Gradescope alike.
 */

/** Who may see a test's result on Gradescope. */
export type Visibility = "visible" | "hidden" | "after_due_date" | "after_published";

/** One test's result. */
export interface TestResult {
  readonly name: string;
  readonly score: number;
  readonly max_score: number;
  readonly status: "passed" | "failed";
  /** What went wrong, with the steps and a hint; empty when passed. */
  readonly output: string;
  readonly visibility: Visibility;
}

/** A graded submission. */
export interface GradeResult {
  readonly score: number;
  readonly max_score: number;
  /** Seconds the grading took. */
  readonly execution_time: number;
  /** A summary for the learner. */
  readonly output: string;
  readonly tests: readonly TestResult[];
  readonly visibility?: Visibility;
  /** What protected the host while the learner's code ran (Node sandbox), e.g. "SES compartment, ..., no network (namespace), uid nobody". */
  readonly sandbox?: string;
}

/** Most characters kept of one test's output (and of the summary), and of a test's name, in every report. */
export const MAX_OUTPUT_CHARS = 16_384;
export const MAX_NAME_CHARS = 300;

/** C0 controls but \t and \n, DEL, C1 controls, and the bidirectional overrides that reorder what a terminal shows. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
/** A surrogate without its pair (JSON would spell each as a six-character escape). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text the learner's code could influence, made safe for a terminal, a CI
 * log, JSON and XML: at most `maxChars` characters (the rest is cut, and
 * the cut said), lone surrogates as U+FFFD, and control characters shown,
 * not obeyed: C0 ones as their Unicode pictures (ESC as "␛", CR as "␍"),
 * others as "\u009b". So printed output cannot move the cursor, repaint a
 * line or fake a summary line.
 */
export function safeText(text: string, maxChars: number): string {
  const cut = text.length > maxChars ? `${text.slice(0, maxChars)}… [${text.length - maxChars} more characters cut]` : text;
  return cut.replace(LONE_SURROGATE, "\uFFFD").replace(UNSAFE, (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return "\u2421";
    return `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** `result` with every string a learner can influence made safe (see {@link safeText}). */
export function safeResult(result: GradeResult): GradeResult {
  return {
    ...result,
    output: safeText(result.output, MAX_OUTPUT_CHARS),
    tests: result.tests.map((test) => ({ ...test, name: safeText(test.name, MAX_NAME_CHARS), output: safeText(test.output, MAX_OUTPUT_CHARS) })),
  };
}
