/**
 * The page side of the browser tests, bundled for Chromium: each lab's
 * public and hidden tests run by the grader's own runner against a
 * worker sandbox, as the site's lab workbench will, plus raw access to a
 * sandbox for the sandbox's own checks. The Node side calls these through
 * `window.wirelab`.
 */
import type { TestResult } from "#grader/results.ts";
import { runSuite } from "#grader/run-suite.ts";
import type { RunOutcome, Sandbox, SandboxLimits } from "#grader/sandbox/types.ts";
import { startWorkerSandbox } from "#grader/sandbox/worker-sandbox.ts";
import type { TestSuite } from "#labs/kit/define-tests.ts";

/** A submission to grade, compiled in Node (compileSubmission). */
export interface GradeRequest {
  /** The lab, registered with {@link registerLab}. */
  readonly lab: string;
  readonly workerUrl: string;
  readonly learnerJs: string;
  readonly limits: SandboxLimits;
  readonly seed: number;
  /** Only the public tests (the site's Test button). */
  readonly publicOnly: boolean;
}

export interface GradingPage {
  /** Runs a lab's public then (unless publicOnly) hidden tests, as gradeSubmission does in Node. */
  grade(request: GradeRequest): Promise<TestResult[]>;
  /** Starts a sandbox; the number names it in `run` and `close`. */
  open(workerUrl: string, learnerJs: string, limits: SandboxLimits): Promise<number>;
  run(sandbox: number, scenario: string, input: unknown): Promise<RunOutcome>;
  close(sandbox: number): Promise<void>;
}

declare global {
  interface Window {
    wirelab: GradingPage;
  }
}

const labs = new Map<string, { readonly publicTests: TestSuite; readonly hiddenTests: TestSuite }>();

/** Makes a lab's suites gradable in this page (the bundle's generated entry calls it). */
export function registerLab(id: string, publicTests: TestSuite, hiddenTests: TestSuite): void {
  labs.set(id, { publicTests, hiddenTests });
}

const sandboxes = new Map<number, Sandbox>();
let nextSandbox = 1;

function sandboxNamed(id: number): Sandbox {
  const sandbox = sandboxes.get(id);
  if (sandbox === undefined) throw new Error(`No sandbox ${id}`);
  return sandbox;
}

window.wirelab = {
  async grade({ lab, workerUrl, learnerJs, limits, seed, publicOnly }) {
    const suites = labs.get(lab);
    if (suites === undefined) throw new Error(`No lab "${lab}" in this page`);
    const { publicTests, hiddenTests } = suites;
    const sandbox = await startWorkerSandbox({ workerUrl, learnerJs, limits });
    try {
      const tests = await runSuite(publicTests, sandbox, { visibility: "visible", seed });
      if (!publicOnly) tests.push(...(await runSuite(hiddenTests, sandbox, { visibility: "after_published", seed })));
      return tests;
    } finally {
      await sandbox.close();
    }
  },
  async open(workerUrl, learnerJs, limits) {
    const id = nextSandbox++;
    sandboxes.set(id, await startWorkerSandbox({ workerUrl, learnerJs, limits }));
    return id;
  },
  run: (id, scenario, input) => sandboxNamed(id).run(scenario, input),
  async close(id) {
    await sandboxNamed(id).close();
    sandboxes.delete(id);
  },
};
