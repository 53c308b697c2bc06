/**
 * Grades one submission of one lab: compile, start a sandbox, run the public
 * tests and (unless asked not to) the hidden ones, and sum the points.
 */
import { performance } from "node:perf_hooks";
import { compileUntrusted } from "./sandbox/limited-compile.ts";
import { loadSuites, type Lab } from "./labs.ts";
import type { TestSuite } from "#labs/kit/define-tests.ts";
import { safeResult, type GradeResult, type TestResult, type Visibility } from "./results.ts";
import { runSuite } from "./run-suite.ts";
import type { Sandbox, SandboxLimits, SandboxOptions } from "./sandbox/types.ts";
import type { CompileResult } from "./transpile.ts";

/** Options for {@link gradeSubmission}. */
export interface GradeOptions {
  /** Run only the public tests (what a learner runs with "Test"). */
  readonly publicOnly?: boolean;
  /** The seed tests draw random inputs from (default 1). */
  readonly seed?: number;
  /** Compiles the source; by default in a limited child process of its own (grade-all's grading processes keep one warm). */
  readonly compile?: (source: string, limits: SandboxLimits) => Promise<CompileResult>;
  /** Starts the sandbox; the Node sandbox by default. */
  readonly startSandbox?: (options: SandboxOptions) => Promise<Sandbox>;
  /** Hears about each test as it finishes. */
  readonly onResult?: (result: TestResult) => void;
  /** When Gradescope shows the hidden tests' results (default after the due date); public tests are always visible. */
  readonly hiddenVisibility?: HiddenVisibility;
}

/** The Gradescope visibilities an instructor may choose for hidden tests. */
export type HiddenVisibility = Exclude<Visibility, "visible">;
export const HIDDEN_VISIBILITIES: readonly HiddenVisibility[] = ["hidden", "after_due_date", "after_published"];

/** Grades `source` (the learner's TypeScript) against `lab`. */
export async function gradeSubmission(lab: Lab, source: string, options: GradeOptions = {}): Promise<GradeResult> {
  const started = performance.now();
  const seed = options.seed ?? 1;
  const suites = await loadSuites(lab);
  const runs: Array<{ suite: TestSuite; visibility: Visibility }> = [{ suite: suites.public, visibility: "visible" }];
  // Hidden tests: the instructor chooses when Gradescope shows them (names, inputs and hints would teach next term's class).
  if (!options.publicOnly) runs.push({ suite: suites.hidden, visibility: options.hiddenVisibility ?? "after_due_date" });

  // In a limited child process: a source can make the compiler recurse or work for hours.
  const compiling = (options.compile ?? compileUntrusted)(source, lab.limits);
  // Meanwhile the sandbox boots in a process of its own (the two take about as long); it gets the code once compiled.
  const start = options.startSandbox ?? (await import("./sandbox/node-sandbox.ts")).startNodeSandbox;
  const learnerJs = compiling.then((compiled) => (compiled.ok ? compiled.javascript : ""), () => "");
  const starting = start({ harness: lab.files.harness, learnerJs, limits: lab.limits }).then(
    (sandbox) => ({ sandbox }),
    (error: unknown) => ({ error }),
  );
  let compiled: Awaited<typeof compiling>;
  try {
    compiled = await compiling;
  } catch (error) {
    await closeStarted(starting);
    throw error;
  }
  let protections: string | undefined;
  const tests: TestResult[] = [];
  if (!compiled.ok) {
    // Code that does not compile never reaches the sandbox, and a lab's harness that cannot boot does not matter here.
    await closeStarted(starting);
    for (const { suite, visibility } of runs) {
      for (const test of suite.tests) {
        const result: TestResult = {
          name: test.name,
          score: 0,
          max_score: test.points,
          status: "failed",
          output: compiled.message,
          visibility,
        };
        tests.push(result);
        options.onResult?.(result);
      }
    }
  } else {
    const booted = await starting;
    if ("error" in booted) throw booted.error;
    const sandbox = booted.sandbox;
    protections = sandbox.protections;
    try {
      for (const { suite, visibility } of runs) {
        const runOptions = { visibility, seed, ...(options.onResult ? { onResult: options.onResult } : {}) };
        tests.push(...(await runSuite(suite, sandbox, runOptions)));
      }
    } finally {
      await sandbox.close();
    }
  }

  const score = tests.reduce((sum, test) => sum + test.score, 0);
  const maxScore = tests.reduce((sum, test) => sum + test.max_score, 0);
  const summary = [summaryLine(lab.meta.title, tests), ...(compiled.ok ? [] : ["", compiled.message])];
  // Capped and stripped of control characters: the learner's text is quoted in every report.
  return safeResult({
    score,
    max_score: maxScore,
    execution_time: Math.round(performance.now() - started) / 1000,
    output: summary.join("\n"),
    tests,
    ...(protections === undefined ? {} : { sandbox: protections }),
  });
}

/** Closes a sandbox started for code that then did not compile (or whose compiler failed). */
async function closeStarted(starting: Promise<{ sandbox: Sandbox } | { error: unknown }>): Promise<void> {
  const started = await starting;
  if ("sandbox" in started) await started.sandbox.close();
}

/** The summary a student sees at once: it counts the visible tests only, so it never tells how the hidden ones went. */
function summaryLine(title: string, tests: readonly TestResult[]): string {
  const visible = tests.filter((test) => test.visibility === "visible");
  const passed = visible.filter((test) => test.status === "passed").length;
  const points = visible.reduce((sum, test) => sum + test.score, 0);
  const maxPoints = visible.reduce((sum, test) => sum + test.max_score, 0);
  const line = `${title}: ${passed} of ${visible.length} public tests passed (${points} / ${maxPoints} points).`;
  const hidden = tests.length - visible.length;
  return hidden === 0 ? line : `${line} Hidden tests give the other ${tests.reduce((sum, test) => sum + test.max_score, 0) - maxPoints} points.`;
}
