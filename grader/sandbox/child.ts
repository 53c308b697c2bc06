/**
 * The sandbox's child process (node-sandbox.ts starts it). It locks the
 * realm down with SES, imports the lab's harness, evaluates the learner's
 * CommonJS in a fresh Compartment and runs scenarios when the parent asks,
 * over the IPC channel. The learner's code gets a recording console,
 * TextEncoder and TextDecoder, all hardened, and no way to the harness,
 * `process`, modules or this file's bindings. Node itself is started with
 * --permission (read only this code and the harness's; no writes, no child
 * processes, no workers) and under prlimit.
 */
import "ses";
import type { Harness, LearnerModule } from "../../labs/kit/harness.ts";
import type { SandboxFailureKind } from "../../labs/kit/define-tests.ts";
import type { SandboxLimits } from "./types.ts";
import { pathToFileURL } from "node:url";
import { classNames, describeThrown, errorHeader, formatValue, hasInPrototypeChain, isError, plainDataProblem } from "./inspect.ts";

/** What the parent sends. */
export type ParentMessage =
  | { readonly type: "load"; readonly learnerJs: string; readonly limits: SandboxLimits }
  | { readonly type: "run"; readonly id: number; readonly scenario: string; readonly input: unknown };

/** How a load or a run ended; the learner's output comes separately, as "log" messages. */
export type Reply =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly kind: SandboxFailureKind; readonly message: string };

/** What the child sends. Log lines are sent as they are printed, so a run that hangs keeps them. */
export type ChildMessage =
  | { readonly type: "booted"; readonly scenarios: readonly string[] }
  | { readonly type: "boot-failed"; readonly message: string }
  | { readonly type: "log"; readonly line: string }
  | { readonly type: "loaded"; readonly reply: Reply }
  | { readonly type: "result"; readonly id: number; readonly reply: Reply };

/** The name the learner's code has in stack traces. */
const SOURCE_URL = "submission.js";
/** Larger results are refused: they would only mean a runaway harness or learner. */
const MAX_RESULT_BYTES = 16 * 2 ** 20;

lockdown({
  // Keep `stack` on errors: learners print it, and we read the frames.
  errorTaming: "unsafe",
  // We own error reporting: SES's handlers would print and exit.
  errorTrapping: "none",
  unhandledRejectionTrapping: "none",
  // This console is never shown to the learner; leave Node's untouched.
  consoleTaming: "unsafe",
  // "moderate" (the default) lets `error.name = ...` and `obj.toString = ...`
  // work on instances despite frozen prototypes (no measurable cost on a
  // push-heavy loop compared with "min").
  overrideTaming: "moderate",
});

// ---------------------------------------------------------------------------
// Stack traces without the learner's code: V8 formats `stack` lazily and the
// default header calls the error's `name`/`message` getters and toString.

interface Frame {
  readonly name: string | null;
  readonly isConstructor: boolean;
}

const learnerFrames = new WeakMap<object, readonly Frame[]>();
const nativeStackGetter = Reflect.getOwnPropertyDescriptor(new Error(), "stack")?.get;

Error.prepareStackTrace = (error: unknown, sites: NodeJS.CallSite[]): string => {
  const frames: Frame[] = [];
  let text = typeof error === "object" && error !== null ? errorHeader(error) : "Error";
  for (const site of sites) {
    text += `\n    at ${site.toString()}`;
    if (site.getScriptNameOrSourceURL() === SOURCE_URL) {
      frames.push({ name: site.getFunctionName(), isConstructor: site.isConstructor() });
    }
  }
  if (typeof error === "object" && error !== null) learnerFrames.set(error, frames);
  return text;
};

/** " (in `decode`)": where in the learner's code an error was made, if it was. */
function whereInSubmission(error: Error): string {
  if (!learnerFrames.has(error) && nativeStackGetter !== undefined) {
    // Format the stack through our prepareStackTrace; a learner's own `stack` accessor is not run.
    if (Reflect.getOwnPropertyDescriptor(error, "stack")?.get === nativeStackGetter) {
      Reflect.apply(nativeStackGetter, error, []);
    }
  }
  const frames = learnerFrames.get(error) ?? [];
  // Skip the constructors of the learner's own error class: the error was made by `new`, not there.
  const first = frames.find((frame) => !(frame.isConstructor && frame.name !== null && isErrorClass(error, frame.name)));
  if (first === undefined) return "";
  // The wrapper around the file is anonymous; V8 names it after the eval that made it ("eval" cannot name strict code).
  const topLevel = first.name === null || first.name === "" || first.name === "eval";
  return topLevel ? " (at the top level of your file)" : ` (in \`${first.name}\`)`;
}

function isErrorClass(error: Error, name: string): boolean {
  return classNames(error).includes(name);
}

// ---------------------------------------------------------------------------
// The learner's console: lines capped per run, arguments formatted safely.

class Output {
  #bytes = 0;
  #full = false;
  #cap = 0;

  /** Starts a run's output: `cap` bytes at most. */
  reset(cap: number): void {
    this.#cap = cap;
    this.#bytes = 0;
    this.#full = false;
  }

  write(args: readonly unknown[]): void {
    if (!this.#full) this.add(args.map((arg) => formatValue(arg)).join(" "));
  }

  add(line: string): void {
    if (this.#full) return;
    // Each line costs its UTF-8 bytes plus a newline.
    const room = this.#cap - this.#bytes - 1;
    if (line.length <= room && Buffer.byteLength(line) <= room) {
      this.#bytes += Buffer.byteLength(line) + 1;
      send({ type: "log", line });
      return;
    }
    const kept = room <= 0 ? "" : Buffer.from(line.slice(0, room)).subarray(0, room).toString().replace(/\uFFFD$/, "");
    if (kept !== "") send({ type: "log", line: kept });
    send({ type: "log", line: "[output truncated]" });
    this.#full = true;
  }
}

const output = new Output();
const print = (...args: unknown[]): void => output.write(args);
const learnerConsole = harden({ log: print, info: print, warn: print, error: print, debug: print });

function learnerRequire(specifier: unknown): never {
  const name = typeof specifier === "string" ? specifier : formatValue(specifier, 1);
  throw new Error(`Labs cannot import modules: ${JSON.stringify(name)} is not available. Put all your code in this one file.`);
}
harden(learnerRequire);

// ---------------------------------------------------------------------------
// Loading and running.

let harness: Harness;
let MissingExportError: abstract new (...args: never[]) => Error;
let learner: LearnerModule | undefined;
let limits: SandboxLimits;

function send(message: ChildMessage): void {
  process.send!(message);
}

function failure(kind: SandboxFailureKind, message: string): Reply {
  return { ok: false, kind, message };
}

/** The learner's exception as a failure of the right kind. */
function thrownFailure(thrown: unknown): Reply {
  const message = describeThrown(thrown);
  if (hasInPrototypeChain(thrown, MissingExportError.prototype)) return failure("missing-export", message.replace(/^MissingExportError: /, ""));
  if (message === "RangeError: Array buffer allocation failed") {
    return failure("memory", `Memory limit exceeded: your code tried to use more than ${limits.memoryMb} MiB (an ArrayBuffer could not be allocated).`);
  }
  return failure("learner-error", isError(thrown) ? message + whereInSubmission(thrown) : message);
}

/** SES refuses some text without parsing it; say what to change. */
function rejectionMessage(thrown: unknown): string | undefined {
  const message = describeThrown(thrown);
  if (message.includes("SES_IMPORT_REJECTED")) {
    return "Labs cannot import modules: your code contains `import(` (the sandbox refuses it even in a comment or a string).";
  }
  if (message.includes("SES_HTML_COMMENT_REJECTED")) {
    return "Your code contains `<!--` or `-->`, which the sandbox refuses even in a comment or a string: add a space (`-- >`).";
  }
  if (message.includes("SES_EVAL_REJECTED")) return "Your code cannot call `eval(...)` in the sandbox.";
  return undefined;
}

/** Evaluates the learner's CommonJS in a fresh compartment and keeps its exports. */
function load(learnerJs: string): Reply {
  let wrapper: (exports: object, module: object, require: typeof learnerRequire) => void;
  try {
    const compartment = new Compartment({
      __options__: true,
      globals: { console: learnerConsole, TextEncoder, TextDecoder } as unknown as Map<string, unknown>,
    });
    // One line, so line numbers in stacks are the compiled file's.
    wrapper = compartment.evaluate(`(function (exports, module, require) {${learnerJs}\n})\n//# sourceURL=${SOURCE_URL}\n`);
  } catch (error) {
    const rejection = rejectionMessage(error);
    return rejection === undefined ? thrownFailure(error) : failure("learner-error", rejection);
  }
  const module: { exports: unknown } = { exports: {} };
  try {
    wrapper(module.exports as object, module, learnerRequire);
    const exports = module.exports;
    learner = (typeof exports === "object" || typeof exports === "function") && exports !== null ? (exports as LearnerModule) : {};
    return { ok: true, value: undefined };
  } catch (error) {
    return thrownFailure(error);
  }
}

async function run(scenario: string, input: unknown): Promise<Reply> {
  if (learner === undefined) return failure("crash", "The sandbox ran a test before loading your code.");
  let value: unknown;
  try {
    value = await harness[scenario]!(input as never, learner);
  } catch (error) {
    return thrownFailure(error);
  }
  let problem: string | undefined;
  try {
    problem = plainDataProblem(value, MAX_RESULT_BYTES);
  } catch (error) {
    problem = `checking it failed (${describeThrown(error)})`;
  }
  if (problem !== undefined) return failure("bad-result", `The result cannot be sent back to the tests: ${problem}.`);
  return { ok: true, value };
}

function reply(id: number, result: Reply): void {
  try {
    send({ type: "result", id, reply: result });
  } catch (error) {
    send({ type: "result", id, reply: failure("bad-result", `The result cannot be sent back to the tests: ${describeThrown(error)}.`) });
  }
}

/**
 * Resolves once the microtasks queued so far have drained and the event
 * loop turns. Answering only then charges a promise chain that never
 * yields to the load or run that started it, not to the next one, and
 * lets Node report this run's unhandled rejections within it.
 */
function settled(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function onMessage(message: ParentMessage): Promise<void> {
  if (message.type === "load") {
    limits = message.limits;
    output.reset(limits.outputBytes);
    const result = load(message.learnerJs);
    await settled();
    send({ type: "loaded", reply: result });
  } else {
    output.reset(limits.outputBytes);
    const result = await run(message.scenario, message.input);
    await settled();
    reply(message.id, result);
  }
}

async function boot(harnessPath: string): Promise<void> {
  try {
    ({ MissingExportError } = await import("../../labs/kit/harness.ts"));
    const module = (await import(pathToFileURL(harnessPath).href)) as { default?: unknown };
    if (typeof module.default !== "object" || module.default === null) throw new Error("its default export is not defineHarness({...})");
    harness = harden(module.default as Harness);
  } catch (error) {
    send({ type: "boot-failed", message: `The lab's harness ${harnessPath} failed to load: ${error instanceof Error ? error.stack : String(error)}` });
    return;
  }
  const scenarios = Object.keys(harness).filter((name) => typeof harness[name] === "function");
  process.on("message", (message: ParentMessage) => void onMessage(message));
  send({ type: "booted", scenarios });
}

// The learner may leave rejected promises behind; tell them, but keep going.
process.on("unhandledRejection", (reason) => output.add(`Unhandled promise rejection: ${describeThrown(reason)}`));
// The parent is gone: nothing left to do.
process.on("disconnect", () => process.exit(0));

await boot(process.argv[2]!);
