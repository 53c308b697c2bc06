/**
 * The page side of the browser tests, bundled for Chromium: the framing
 * lab's public and hidden tests run by the grader's own runner against a
 * worker sandbox, as the site's lab workbench will, plus raw access to a
 * sandbox for the sandbox's own checks. The Node side calls these through
 * `window.wirelab`.
 */
import type { TestResult } from "../../grader/results.ts";
import { runSuite } from "../../grader/run-suite.ts";
import type { RunOutcome, Sandbox, SandboxLimits } from "../../grader/sandbox/types.ts";
import { startWorkerSandbox } from "../../grader/sandbox/worker-sandbox.ts";
import hiddenTests from "../../labs/framing/tests/hidden.ts";
import publicTests from "../../labs/framing/tests/public.ts";

/** A submission to grade, compiled in Node (compileSubmission). */
export interface GradeRequest {
  readonly workerUrl: string;
  readonly learnerJs: string;
  readonly limits: SandboxLimits;
  readonly seed: number;
  /** Only the public tests (the site's Test button). */
  readonly publicOnly: boolean;
}

export interface GradingPage {
  /** Runs the framing lab's public then (unless publicOnly) hidden tests, as gradeSubmission does in Node. */
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

const sandboxes = new Map<number, Sandbox>();
let nextSandbox = 1;

function sandboxNamed(id: number): Sandbox {
  const sandbox = sandboxes.get(id);
  if (sandbox === undefined) throw new Error(`No sandbox ${id}`);
  return sandbox;
}

window.wirelab = {
  async grade({ workerUrl, learnerJs, limits, seed, publicOnly }) {
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
