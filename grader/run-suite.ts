/**
 * Runs a lab's tests against one submission held in a sandbox. Each test
 * body runs here, in the grader's realm; only scenarios run in the sandbox.
 * A test fails with a message that teaches: what went wrong, the rule, the
 * steps that led there, a hint and what the learner's code printed.
 */
import { SandboxFailure, stepText, type LabTest, type Step, type TestContext, type TestSuite } from "#labs/kit/define-tests.ts";
import type { TestResult, Visibility } from "./results.ts";
import type { Sandbox } from "./sandbox/types.ts";

const MAX_STEPS_SHOWN = 30;
const MAX_LOG_LINES_SHOWN = 20;

/** Runs every test of `suite`; `onResult` hears about each as it finishes. */
export async function runSuite(
  suite: TestSuite,
  sandbox: Sandbox,
  options: { visibility: Visibility; seed: number; onResult?: (result: TestResult) => void },
): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const test of suite.tests) {
    const result = await runTest(test, sandbox, options.visibility, options.seed);
    results.push(result);
    options.onResult?.(result);
  }
  return results;
}

async function runTest(test: LabTest, sandbox: Sandbox, visibility: Visibility, seed: number): Promise<TestResult> {
  const steps: Step[] = [];
  const logs: string[] = [];
  const context: TestContext = {
    seed,
    step: (text) => void steps.push(text),
    async run<T>(scenario: string, input?: unknown): Promise<T> {
      const outcome = await sandbox.run(scenario, input ?? null);
      logs.push(...outcome.logs);
      if (!outcome.ok) throw new SandboxFailure(outcome.kind, outcome.message, outcome.logs);
      return outcome.value as T;
    },
  };
  try {
    await test.body(context);
    return { name: test.name, score: test.points, max_score: test.points, status: "passed", output: "", visibility };
  } catch (error) {
    const output = explainFailure(test, error, steps, logs);
    return { name: test.name, score: 0, max_score: test.points, status: "failed", output, visibility };
  }
}

function explainFailure(test: LabTest, error: unknown, steps: readonly Step[], logs: readonly string[]): string {
  const lines = [error instanceof Error ? error.message : String(error)];
  if (test.rule !== undefined) lines.push("", `Rule: ${test.rule}`);
  if (steps.length > 0) {
    lines.push("", "Steps:");
    const shown = steps.length > MAX_STEPS_SHOWN ? steps.slice(-MAX_STEPS_SHOWN) : steps;
    if (shown !== steps) lines.push(`  … ${steps.length - MAX_STEPS_SHOWN} earlier steps`);
    lines.push(...shown.map((step) => `  ${stepText(step)}`));
  }
  if (test.hint !== undefined) lines.push("", `Hint: ${test.hint}`);
  if (logs.length > 0) {
    lines.push("", "Your code printed:");
    lines.push(...logs.slice(0, MAX_LOG_LINES_SHOWN).map((line) => `  | ${line}`));
    if (logs.length > MAX_LOG_LINES_SHOWN) lines.push(`  | … ${logs.length - MAX_LOG_LINES_SHOWN} more lines`);
  }
  return lines.join("\n");
}
