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
}
