/**
 * How lab tests are written. A test file exports `defineTests(...)`; inside,
 * `describe` and `it` declare tests with points. A test body never touches
 * the learner's code: it asks the sandbox to run a scenario of the lab's
 * harness (`t.run("decode", input)`) and asserts on the plain data that
 * comes back. The same file runs in Node (CLI, CI, vitest) and in a browser.
 */

/** What a test body gets. */
/** A step's text, or a function that makes it when the step is shown. */
export type Step = string | (() => string);

/** The text of a step. */
export function stepText(step: Step): string {
  return typeof step === "string" ? step : step();
}

export interface TestContext {
  /**
   * Runs `scenario` of the lab's harness on the learner's code, in the
   * sandbox, and returns its result. Throws a {@link SandboxFailure} when the
   * learner's code crashes, hangs or exceeds a limit: the test then fails
   * with that message, and needs no handling.
   */
  run<T = unknown>(scenario: string, input?: unknown): Promise<T>;
  /**
   * Adds a line to the steps shown when the test fails ("pushed 3 bytes:
   * 00 00 05"). A function is called only if its line is shown: for steps
   * that cost to describe and are recorded by the thousand in passing tests.
   */
  step(text: Step): void;
  /**
   * The grading seed (`wirelab grade --seed N`, default 1). Tests that draw
   * random inputs derive them from it, so a failure can be replayed exactly.
   */
  readonly seed: number;
}

/** Per-test options. */
export interface TestOptions {
  /** Points for passing (default 1). */
  readonly points?: number;
  /** The rule being checked, with its source ("RFC 1055: ESC ESC_END stands for END"). */
  readonly rule?: string;
  /** A hint shown when the test fails. */
  readonly hint?: string;
}

/** One declared test. */
export interface LabTest extends Required<Pick<TestOptions, "points">> {
  /** "group > test name". */
  readonly name: string;
  readonly rule: string | undefined;
  readonly hint: string | undefined;
  readonly body: (t: TestContext) => Promise<void> | void;
}

/** The `describe` and `it` a test file declares its tests with. */
export interface TestRegistry {
  describe(name: string, body: () => void): void;
  it(name: string, body: LabTest["body"]): void;
  it(name: string, options: TestOptions, body: LabTest["body"]): void;
}

/** A test file's tests, declared but not run. */
export interface TestSuite {
  readonly tests: readonly LabTest[];
}

/** Declares a lab's tests. Names must be unique within the file. */
export function defineTests(declare: (registry: TestRegistry) => void): TestSuite {
  const tests: LabTest[] = [];
  const groups: string[] = [];
  const registry: TestRegistry = {
    describe(name, body) {
      groups.push(name);
      try {
        body();
      } finally {
        groups.pop();
      }
    },
    it(name: string, optionsOrBody: TestOptions | LabTest["body"], maybeBody?: LabTest["body"]) {
      const options = typeof optionsOrBody === "function" ? {} : optionsOrBody;
      const body = typeof optionsOrBody === "function" ? optionsOrBody : maybeBody;
      if (body === undefined) throw new Error(`Test "${name}" has no body`);
      const fullName = [...groups, name].join(" > ");
      if (tests.some((test) => test.name === fullName)) throw new Error(`Two tests are named "${fullName}"`);
      const points = options.points ?? 1;
      if (!(points >= 0)) throw new Error(`Test "${fullName}" has invalid points ${points}`);
      tests.push({ name: fullName, points, rule: options.rule, hint: options.hint, body });
    },
  };
  declare(registry);
  return { tests };
}

/** Why the sandbox could not give a scenario's result. */
export type SandboxFailureKind =
  | "compile"
  | "missing-export"
  | "learner-error"
  | "timeout"
  | "memory"
  | "crash"
  | "bad-result";

/** Thrown by {@link TestContext.run} when the learner's code did not produce a result. */
export class SandboxFailure extends Error {
  readonly kind: SandboxFailureKind;
  /** What the learner's code printed during the run (capped). */
  readonly logs: readonly string[];

  constructor(kind: SandboxFailureKind, message: string, logs: readonly string[] = []) {
    super(message);
    this.name = "SandboxFailure";
    this.kind = kind;
    this.logs = logs;
  }
}
