/** The contract between the grader and a sandbox, in Node or in a browser. */
import type { SandboxFailureKind } from "#labs/kit/define-tests.ts";

/** Resource limits for one submission. */
export interface SandboxLimits {
  /** Time one scenario run may take (ms): CPU time where the host can measure it (Node on Linux), else wall-clock time (clock.ts). */
  readonly timeMsPerRun: number;
  /** Memory for the whole sandbox, JavaScript heap and ArrayBuffers included (MiB); a browser cannot enforce it (worker-sandbox.ts). */
  readonly memoryMb: number;
  /** Most bytes of learner output (console) kept per run; the rest is cut. */
  readonly outputBytes: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { timeMsPerRun: 2_000, memoryMb: 256, outputBytes: 16_384 };

/** What one scenario run gave. */
export type RunOutcome =
  | { readonly ok: true; readonly value: unknown; readonly logs: readonly string[] }
  | { readonly ok: false; readonly kind: SandboxFailureKind; readonly message: string; readonly logs: readonly string[] };

/** A live sandbox holding one submission. */
export interface Sandbox {
  /**
   * Runs a scenario of the lab's harness on the submission. Never rejects
   * because of the learner's code; rejects only on a fault of the grader or
   * the lab (an unknown scenario, an input that cannot be sent, a closed sandbox).
   */
  run(scenario: string, input: unknown): Promise<RunOutcome>;
  /** Stops the sandbox. */
  close(): Promise<void>;
  /** What protects the host from the learner's code, as one line for the grader's output, where known. */
  readonly protections?: string | undefined;
}

/** What a sandbox needs to start. */
export interface SandboxOptions {
  /** Absolute path of the lab's harness module. (A browser sandbox has the harness bundled into its worker script: worker-sandbox.ts.) */
  readonly harness: string;
  /**
   * The submission, compiled to CommonJS JavaScript (see compileSubmission).
   * A promise lets the sandbox boot while the compiler still works; it must not reject.
   */
  readonly learnerJs: string | Promise<string>;
  readonly limits: SandboxLimits;
}
