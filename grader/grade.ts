/**
 * Grades one submission of one lab: compile, start a sandbox, run the public
 * tests and (unless asked not to) the hidden ones, and sum the points.
 */
import { performance } from "node:perf_hooks";
import { compileSubmission } from "./compile.ts";
import { loadSuites, type Lab } from "./labs.ts";
import type { TestSuite } from "../labs/kit/define-tests.ts";
import type { GradeResult, TestResult, Visibility } from "./results.ts";
import { runSuite } from "./run-suite.ts";
import type { Sandbox, SandboxOptions } from "./sandbox/types.ts";

/** Options for {@link gradeSubmission}. */
export interface GradeOptions {
  /** Run only the public tests (what a learner runs with "Test"). */
  readonly publicOnly?: boolean;
  /** The seed tests draw random inputs from (default 1). */
  readonly seed?: number;
  /** Starts the sandbox; the Node sandbox by default. */
  readonly startSandbox?: (options: SandboxOptions) => Promise<Sandbox>;
  /** Hears about each test as it finishes. */
  readonly onResult?: (result: TestResult) => void;
}

/** Grades `source` (the learner's TypeScript) against `lab`. */
export async function gradeSubmission(lab: Lab, source: string, options: GradeOptions = {}): Promise<GradeResult> {
  const started = performance.now();
  const seed = options.seed ?? 1;
  const suites = await loadSuites(lab);
  const runs: Array<{ suite: TestSuite; visibility: Visibility }> = [{ suite: suites.public, visibility: "visible" }];
  // Hidden tests: Gradescope shows them once grades are published.
  if (!options.publicOnly) runs.push({ suite: suites.hidden, visibility: "after_published" });

  const compiled = compileSubmission(source);
  const tests: TestResult[] = [];
  if (!compiled.ok) {
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
    const start = options.startSandbox ?? (await import("./sandbox/node-sandbox.ts")).startNodeSandbox;
    const sandbox = await start({ harness: lab.files.harness, learnerJs: compiled.javascript, limits: lab.limits });
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
  const failed = tests.filter((test) => test.status === "failed").length;
  const summary = [
    `${lab.meta.title}: ${score} / ${maxScore} points; ${tests.length - failed} of ${tests.length} tests passed.`,
    ...(compiled.ok ? [] : ["", compiled.message]),
  ];
  return {
    score,
    max_score: maxScore,
    execution_time: Math.round(performance.now() - started) / 1000,
    output: summary.join("\n"),
    tests,
  };
}
