/**
 * The realm that holds a learner's code, whatever carries its messages: a
 * Node child process (child.ts) or a browser's Web Worker (worker.ts). It
 * locks the realm down with SES, imports the lab's harness only then,
 * evaluates the learner's CommonJS in a fresh Compartment and runs the
 * harness's scenarios on it, answering with plain data. The learner's code
 * gets a recording console, TextEncoder and TextDecoder, all hardened, and
 * no way to the harness, the host's globals, modules or this file's
 * bindings. No Node or browser API here: the host passes in what differs.
 */
import "ses";
import type { Harness, LearnerModule } from "#labs/kit/harness.ts";
import type { SandboxFailureKind } from "#labs/kit/define-tests.ts";
import type { Reply } from "./protocol.ts";
import type { SandboxLimits } from "./types.ts";
import { classNames, describeThrown, errorHeader, formatValue, hasInPrototypeChain, hideHostPaths, isError } from "./inspect.ts";
import { plainCopy, type PlainCopy } from "./plain-copy.ts";
import { recogniseProxiesWith } from "./kinds.ts";
import { trackedProxyConstructor } from "./tracked-proxy.ts";
import { learnerTextCodecs } from "./text-codecs.ts";

/** What the host (the transport) gives the realm. */
export interface RealmHost {
  /** Sends a line of the learner's output to the grader now, so a run that hangs keeps what it printed. */
  log(line: string): void;
  /**
   * Resolves once the host's event loop has turned and the host has
   * reported this turn's unhandled rejections (to `Realm.unhandledRejection`).
   * Answering only then charges a promise chain that never yields to the
   * load or run that started it, not to the next one.
   */
  nextTurn(): Promise<void>;
  /**
   * The engine's own proxy check, where the host has one (Node's
   * `util.types.isProxy`). Without it, the learner's compartment gets a
   * Proxy constructor that records what it makes (tracked-proxy.ts).
   */
  isProxy?: (value: object) => boolean;
  /** True when the host enforces `limits.memoryMb` (Node); a browser cannot, so the realm does not claim a number. */
  readonly capsMemory: boolean;
  /**
   * True when a run still pending after `nextTurn()` is reported at once as
   * never settling (Node, where the limit is CPU time and would otherwise
   * wait for the long wall-clock backstop). A browser's wall-clock limit
   * ends such a run soon enough.
   */
  readonly reportsNeverSettling?: boolean;
}

/** A locked-down realm with the lab's harness, ready to load one submission. */
export interface Realm {
  /** The harness's scenario names. */
  readonly scenarios: readonly string[];
  /** Evaluates the learner's CommonJS in a fresh compartment and keeps its exports. */
  load(learnerJs: string, limits: SandboxLimits): Promise<Reply>;
  /** Runs a scenario of the harness on the loaded code. */
  run(scenario: string, input: unknown): Promise<Reply>;
  /** Tells the learner about a promise their code left rejected; the host calls this from its own event. */
  unhandledRejection(reason: unknown): void;
  /** The failure to send when a reply could not be sent (`why`: what the host's serialiser threw). */
  unsendable(why: string): Reply;
}

/** The name the learner's code has in stack traces. */
const SOURCE_URL = "submission.js";
const NEVER_SETTLES =
  "Your code returned a promise that never settles: nothing was left to run and it was still pending (a missing resolve() or an await on something that never happens?)";
/** Larger results are refused: they would only mean a runaway harness or learner. */
const MAX_RESULT_BYTES = 16 * 2 ** 20;

/**
 * Locks the realm down, then imports the lab's harness (`importHarness`
 * must import it dynamically: a harness evaluated before lockdown would
 * hold unhardened primordials). Rejects if the harness cannot load.
 */
export async function createRealm(importHarness: () => Promise<unknown>, host: RealmHost): Promise<Realm> {
  lockDown();
  // Before anything is imported: formatting a stack trace inspects the error.
  const tracked = host.isProxy === undefined ? trackedProxyConstructor() : undefined;
  recogniseProxiesWith(host.isProxy ?? tracked!.isProxy);
  const { MissingExportError } = await import("#labs/kit/harness.ts");
  const module = (await importHarness()) as { default?: unknown };
  if (typeof module.default !== "object" || module.default === null) throw new Error("its default export is not defineHarness({...})");
  const harness = harden(module.default as Harness);
  return new LearnerRealm(harness, MissingExportError.prototype, host, tracked?.Proxy);
}

let lockedDown = false;

function lockDown(): void {
  if (lockedDown) return;
  lockedDown = true;
  lockdown({
    // Keep `stack` on errors: learners print it, and we read the frames.
    errorTaming: "unsafe",
    // We own error reporting: SES's handlers would print and exit.
    errorTrapping: "none",
    unhandledRejectionTrapping: "none",
    // This console is never shown to the learner; leave the host's untouched.
    consoleTaming: "unsafe",
    // "moderate" (the default) lets `error.name = ...` and `obj.toString = ...`
    // work on instances despite frozen prototypes (no measurable cost on a
    // push-heavy loop compared with "min").
    overrideTaming: "moderate",
    // Nobody reads the sandbox's console; in a browser, SES's notes (such as
    // removing intrinsics newer than it knows) would print at every worker start.
    reporting: "none",
  });
  // V8's hook (Node, Chromium). Other engines ignore it: failures then lack "(in `fn`)".
  (Error as unknown as { prepareStackTrace: (error: unknown, sites: readonly CallSite[]) => string }).prepareStackTrace = prepareStackTrace;
  harden(learnerRequire);
  // Handed to the learner: frozen, so they cannot patch what the harness uses too.
  harden(TextEncoder);
  harden(TextDecoder);
}

// ---------------------------------------------------------------------------
// Stack traces without the learner's code: V8 formats `stack` lazily and the
// default header calls the error's `name`/`message` getters and toString.

/** The part of V8's CallSite read here. */
interface CallSite {
  toString(): string;
  getScriptNameOrSourceURL(): string | null | undefined;
  getFunctionName(): string | null;
  isConstructor(): boolean;
}

interface Frame {
  readonly name: string | null;
  readonly isConstructor: boolean;
}

const learnerFrames = new WeakMap<object, readonly Frame[]>();
const nativeStackGetter = Reflect.getOwnPropertyDescriptor(new Error(), "stack")?.get;

function prepareStackTrace(error: unknown, sites: readonly CallSite[]): string {
  const frames: Frame[] = [];
  let text = typeof error === "object" && error !== null ? errorHeader(error) : "Error";
  for (const site of sites) {
    text += `\n    at ${hideHostPaths(site.toString())}`;
    if (site.getScriptNameOrSourceURL() === SOURCE_URL) {
      frames.push({ name: site.getFunctionName(), isConstructor: site.isConstructor() });
    }
  }
  if (typeof error === "object" && error !== null) learnerFrames.set(error, frames);
  return text;
}

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
  const first = frames.find((frame) => !(frame.isConstructor && frame.name !== null && classNames(error).includes(frame.name)));
  if (first === undefined) return "";
  // The wrapper around the file is anonymous; V8 names it after the eval that made it ("eval" cannot name strict code).
  const topLevel = first.name === null || first.name === "" || first.name === "eval";
  return topLevel ? " (at the top level of your file)" : ` (in \`${first.name}\`)`;
}

// ---------------------------------------------------------------------------
// The learner's console: lines capped per run, arguments formatted safely.

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

class Output {
  readonly #send: (line: string) => void;
  #bytes = 0;
  #full = false;
  #cap = 0;

  constructor(send: (line: string) => void) {
    this.#send = send;
  }

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
    // One line per message: the report prefixes each ("  | "), so printed text cannot pass for the grader's.
    if (line.includes("\n")) {
      for (const part of line.split("\n")) this.add(part);
      return;
    }
    // Each line costs its UTF-8 bytes plus a newline.
    const room = this.#cap - this.#bytes - 1;
    const bytes = line.length <= room ? utf8.encode(line).length : room + 1;
    if (bytes <= room) {
      this.#bytes += bytes + 1;
      this.#send(line);
      return;
    }
    const kept = room <= 0 ? "" : fromUtf8.decode(utf8.encode(line.slice(0, room)).subarray(0, room)).replace(/\uFFFD$/, "");
    if (kept !== "") this.#send(kept);
    this.#send("[output truncated]");
    this.#full = true;
  }
}

function learnerRequire(specifier: unknown): never {
  const name = typeof specifier === "string" ? specifier : formatValue(specifier, 1);
  throw new Error(`Labs cannot import modules: ${JSON.stringify(name)} is not available. Put all your code in this one file.`);
}

// ---------------------------------------------------------------------------
// Loading and running.

function failure(kind: SandboxFailureKind, message: string): Reply {
  return { ok: false, kind, message };
}

/** describeThrown, which should never throw; if a value defeats it anyway, the report still goes out. */
function describe(thrown: unknown): string {
  try {
    return describeThrown(thrown);
  } catch {
    return "a value that cannot be described";
  }
}

/** SES refuses some text without parsing it; say what to change. */
function rejectionMessage(thrown: unknown): string | undefined {
  const message = describe(thrown);
  if (message.includes("SES_IMPORT_REJECTED")) {
    return "Labs cannot import modules: your code contains `import(` (the sandbox refuses it even in a comment or a string).";
  }
  if (message.includes("SES_HTML_COMMENT_REJECTED")) {
    return "Your code contains `<!--` or `-->`, which the sandbox refuses even in a comment or a string: add a space (`-- >`).";
  }
  if (message.includes("SES_EVAL_REJECTED")) return "Your code cannot call `eval(...)` in the sandbox.";
  return undefined;
}

class LearnerRealm implements Realm {
  readonly scenarios: readonly string[];
  readonly #harness: Harness;
  readonly #missingExport: object;
  readonly #host: RealmHost;
  readonly #output: Output;
  /** Globals the learner's compartment gets beyond the shared intrinsics. */
  readonly #globals: Record<string, unknown>;
  #learner: LearnerModule | undefined;
  #limits: SandboxLimits | undefined;

  constructor(harness: Harness, missingExport: object, host: RealmHost, trackedProxy: ProxyConstructor | undefined) {
    this.#harness = harness;
    this.#missingExport = missingExport;
    this.#host = host;
    this.scenarios = Object.keys(harness).filter((name) => typeof harness[name] === "function");
    const output = new Output((line) => host.log(line));
    this.#output = output;
    const print = (...args: unknown[]): void => output.write(args);
    const learnerConsole = harden({ log: print, info: print, warn: print, error: print, debug: print });
    this.#globals = { console: learnerConsole, ...learnerTextCodecs() };
    if (trackedProxy !== undefined) {
      // Every proxy the learner makes must come from the recording constructor:
      // a nested Compartment would hand out the real one.
      Object.assign(this.#globals, { Proxy: trackedProxy, Compartment: undefined });
    }
  }

  async load(learnerJs: string, limits: SandboxLimits): Promise<Reply> {
    this.#limits = limits;
    this.#output.reset(limits.outputBytes);
    const result = this.#evaluate(learnerJs);
    await this.#host.nextTurn();
    return result;
  }

  async run(scenario: string, input: unknown): Promise<Reply> {
    if (this.#learner === undefined || this.#limits === undefined) return failure("crash", "The sandbox ran a test before loading your code.");
    const play = Object.hasOwn(this.#harness, scenario) ? this.#harness[scenario] : undefined;
    if (typeof play !== "function") return failure("crash", `The lab's harness has no scenario "${scenario}".`);
    this.#output.reset(this.#limits.outputBytes);
    const result = await this.#play(play, input, this.#learner);
    await this.#host.nextTurn();
    return result;
  }

  unhandledRejection(reason: unknown): void {
    this.#output.add(`Unhandled promise rejection: ${describe(reason)}`);
  }

  unsendable(why: string): Reply {
    return failure("bad-result", `The result cannot be sent back to the tests: ${why}.`);
  }

  #evaluate(learnerJs: string): Reply {
    let wrapper: (exports: object, module: object, require: typeof learnerRequire) => void;
    try {
      const compartment = new Compartment({ __options__: true, globals: this.#globals as unknown as Map<string, unknown> });
      // One line, so line numbers in stacks are the compiled file's.
      wrapper = compartment.evaluate(`(function (exports, module, require) {${learnerJs}\n})\n//# sourceURL=${SOURCE_URL}\n`);
    } catch (error) {
      const rejection = rejectionMessage(error);
      return rejection === undefined ? this.#thrownFailure(error) : failure("learner-error", rejection);
    }
    const module: { exports: unknown } = { exports: {} };
    try {
      wrapper(module.exports as object, module, learnerRequire);
      const exports = module.exports;
      this.#learner = (typeof exports === "object" || typeof exports === "function") && exports !== null ? (exports as LearnerModule) : {};
      return { ok: true, value: undefined };
    } catch (error) {
      return this.#thrownFailure(error);
    }
  }

  async #play(play: Harness[string], input: unknown, learner: LearnerModule): Promise<Reply> {
    let value: unknown;
    try {
      // Nothing in the realm can settle a promise from outside (the learner's
      // compartment has no timers or I/O, and scenarios use none): a run still
      // pending once the event loop has turned is pending for good. Saying so
      // now spares a wait for the wall-clock backstop.
      const played = Promise.resolve(play(input as never, learner)).then((result) => ({ result }));
      const settled = this.#host.reportsNeverSettling === true ? await Promise.race([played, this.#host.nextTurn()]) : await played;
      if (settled === undefined) return failure("timeout", NEVER_SETTLES);
      value = settled.result;
    } catch (error) {
      return this.#thrownFailure(error);
    }
    // Checked and copied in one synchronous pass: what is sent is the copy, which
    // no learner code can reach, whatever runs before the host sends it.
    let copied: PlainCopy;
    try {
      copied = plainCopy(value, MAX_RESULT_BYTES);
    } catch (error) {
      copied = { ok: false, problem: `checking it failed (${describe(error)})` };
    }
    if (!copied.ok) return failure("bad-result", `The result cannot be sent back to the tests: ${copied.problem}.`);
    return { ok: true, value: copied.copy };
  }

  /** The learner's exception as a failure of the right kind. */
  #thrownFailure(thrown: unknown): Reply {
    const message = describe(thrown);
    if (hasInPrototypeChain(thrown, this.#missingExport)) return failure("missing-export", message.replace(/^MissingExportError: /, ""));
    if (message === "RangeError: Array buffer allocation failed") {
      const limit = this.#host.capsMemory && this.#limits !== undefined ? `more than ${this.#limits.memoryMb} MiB` : "more memory than is available";
      return failure("memory", `Memory limit exceeded: your code tried to use ${limit} (an ArrayBuffer could not be allocated).`);
    }
    return failure("learner-error", isError(thrown) ? message + whereInSubmission(thrown) : message);
  }
}
