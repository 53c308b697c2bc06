/**
 * A submission's failed tests, each with the last traced run (labs/kit/trace.ts)
 * before its result, as the workbench keeps them (site/src/workbench/session.ts),
 * through the grader's own runner and Node sandbox.
 */
import { compileSubmission } from "#grader/compile.ts";
import type { Lab } from "#grader/labs.ts";
import type { TestResult } from "#grader/results.ts";
import { runSuite } from "#grader/run-suite.ts";
import { startNodeSandbox } from "#grader/sandbox/node-sandbox.ts";
import type { Sandbox } from "#grader/sandbox/types.ts";
import type { TestSuite } from "#labs/kit/define-tests.ts";
import { tracedRun, type TracedRun } from "#labs/kit/trace.ts";

/** Runs `suite` on `source`; each failed test with the last traced run before its result. */
export async function failedWithRuns(lab: Lab, source: string, suite: TestSuite, only: (name: string) => boolean): Promise<{ result: TestResult; trace: TracedRun | undefined }[]> {
  const compiled = compileSubmission(source);
  if (!compiled.ok) throw new Error(compiled.message);
  const inner = await startNodeSandbox({ harness: lab.files.harness, learnerJs: compiled.javascript, limits: lab.limits });
  let last: TracedRun | undefined;
  const sandbox: Sandbox = {
    protections: inner.protections,
    close: () => inner.close(),
    run: async (scenario, input) => {
      const outcome = await inner.run(scenario, input);
      last = outcome.ok ? tracedRun(outcome.value) : undefined;
      return outcome;
    },
  };
  const found: { result: TestResult; trace: TracedRun | undefined }[] = [];
  try {
    await runSuite({ tests: suite.tests.filter((test) => only(test.name)) }, sandbox, {
      visibility: "visible",
      seed: 1,
      onResult: (result) => {
        if (result.status === "failed") found.push({ result, trace: last });
        last = undefined;
      },
    });
  } finally {
    await sandbox.close();
  }
  return found;
}

