/**
 * Running learner code for the workbench: every Run, Test or Grade starts a
 * fresh sandbox worker (grader/sandbox/worker-sandbox.ts) and closes it at
 * the end, so a crash or a runaway loop never outlives its run and the page
 * never runs learner code itself. Tests are the grader's own runner, so a
 * result here is the result the CLI gives.
 */
import type { TestResult } from "#grader/results.ts";
import { runSuite } from "#grader/run-suite.ts";
import type { RunOutcome, Sandbox, SandboxLimits } from "#grader/sandbox/types.ts";
import { startWorkerSandbox } from "#grader/sandbox/worker-sandbox.ts";
import type { DemoInput } from "#labs/kit/demo.ts";
import { tracedRun, type TracedRun } from "#labs/kit/trace.ts";
import { loadHiddenTests, loadPublicTests, sandboxWorkerFor } from "./lab-assets.ts";

export class StoppedError extends Error {
  constructor() {
    super("Stopped.");
  }
}

export class LabSession {
  readonly #lab: string;
  readonly #limits: SandboxLimits;
  #current: Sandbox | undefined;
  #stopped = false;

  constructor(lab: string, limits: SandboxLimits) {
    this.#lab = lab;
    this.#limits = limits;
  }

  /**
   * Runs the public tests, then (for Grade) the hidden ones; `onResult`
   * hears each as it finishes, with the last traced run (labs/kit/trace.ts)
   * of a test that failed, so the learner can see its ladder.
   */
  async test(
    learnerJs: string,
    options: { all: boolean; seed: number; onResult: (result: TestResult, trace: TracedRun | undefined) => void },
  ): Promise<TestResult[]> {
    const publicTests = await loadPublicTests(this.#lab);
    const hiddenTests = options.all ? await loadHiddenTests(this.#lab) : undefined;
    return this.#withSandbox(learnerJs, async (inner) => {
      // Tests run one at a time (runSuite), so the last traced run before a result is that test's.
      let lastTrace: TracedRun | undefined;
      const sandbox: Sandbox = {
        protections: inner.protections,
        close: () => inner.close(),
        run: async (scenario, input) => {
          const outcome = await inner.run(scenario, input);
          // The last run only: an earlier run's ladder would show what the failing check did not look at.
          lastTrace = outcome.ok ? tracedRun(outcome.value) : undefined;
          return outcome;
        },
      };
      const guard = (result: TestResult) => {
        if (this.#stopped) throw new StoppedError();
        const trace = result.status === "failed" ? lastTrace : undefined;
        lastTrace = undefined;
        options.onResult(result, trace);
      };
      const results = await runSuite(publicTests, sandbox, { visibility: "visible", seed: options.seed, onResult: guard });
      if (hiddenTests !== undefined) {
        results.push(...(await runSuite(hiddenTests, sandbox, { visibility: "after_published", seed: options.seed, onResult: guard })));
      }
      return results;
    });
  }

  /** Runs the lab's demo scenario. */
  demo(learnerJs: string, input: DemoInput): Promise<RunOutcome> {
    return this.#withSandbox(learnerJs, (sandbox) => sandbox.run("demo", input));
  }

  /** Starts an action (a Run, a Test…): a Stop from now on applies to it. */
  begin(): void {
    this.#stopped = false;
  }

  /** Stops the current action: its worker is terminated at once, or not started at all. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#current?.close();
  }

  async #withSandbox<T>(learnerJs: string, use: (sandbox: Sandbox) => Promise<T>): Promise<T> {
    const sandbox = await startWorkerSandbox({ workerUrl: sandboxWorkerFor(this.#lab), learnerJs, limits: this.#limits });
    this.#current = sandbox;
    try {
      if (this.#stopped) throw new StoppedError();
      const result = await use(sandbox);
      // A stopped run ends with the sandbox's "closed" failure: report the stop instead.
      if (this.#stopped) throw new StoppedError();
      return result;
    } catch (error) {
      throw this.#stopped ? new StoppedError() : error;
    } finally {
      this.#current = undefined;
      await sandbox.close().catch(() => undefined);
    }
  }
}
