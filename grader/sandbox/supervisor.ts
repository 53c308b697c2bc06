/**
 * The grader's side of a sandbox, whatever holds the realm: a Node child
 * process (node-sandbox.ts) or a browser's Web Worker (worker-sandbox.ts).
 * It keeps the clock: every wait has a deadline, a run that overstays has
 * its child stopped, a child that ends on its own is explained, and the
 * next run starts a fresh child and loads the code again. Nothing the
 * learner's code does makes these methods throw or hang; they throw only
 * for faults of the grader or the lab (a harness that cannot load, an
 * unknown scenario, an input that cannot be sent).
 */
import type { ChildEvent, Ending } from "./mailbox.ts";
import type { ChildMessage, ParentMessage, Reply } from "./protocol.ts";
import type { RunOutcome, Sandbox, SandboxLimits } from "./types.ts";
import { Clock, type Expiry } from "./clock.ts";

/**
 * Start-up of a child (the engine, SES, the harness): about 0.3 s of CPU.
 * Counted in CPU time where it can be (clock.ts), so a loaded machine does
 * not fail it; generous where it is wall-clock time (a browser).
 */
const BOOT_LIMIT_MS = 15_000;

/** One process or worker holding a realm, as the supervisor drives it. */
export interface Child {
  /** Sends `message`. Throws if it cannot be serialised (a grader fault); a dead child is noticed by the next wait. */
  send(message: ParentMessage): void;
  /** The next message, the child's ending, or a timeout, whichever comes first. */
  next(timeoutMs: number): Promise<ChildEvent>;
  /** The learner's output since the last call. */
  takeLogs(): string[];
  /** Stops the child: its ending if it had ended on its own, undefined if this stopped it. */
  stop(): Promise<Ending | undefined>;
  /** The CPU time the child has used so far (ms), or undefined where the host cannot measure it (a browser). */
  cpuMs(): number | undefined;
}

/** What the supervisor needs besides a way to start children. */
export interface SupervisorOptions {
  /** The submission, compiled to CommonJS JavaScript (see compileSubmission); awaited after the first boot. */
  readonly learnerJs: string | Promise<string>;
  readonly limits: SandboxLimits;
  /** What protects the host from the child, for the grader's output. */
  readonly protections?: string;
}

type Failure = Extract<RunOutcome, { ok: false }>;

/** Starts a sandbox whose children come from `startChild`. Rejects if the first cannot boot (a broken harness). */
export async function supervise(options: SupervisorOptions, startChild: () => Child): Promise<Sandbox> {
  const sandbox = new Supervisor(options, startChild);
  await sandbox.start();
  return sandbox;
}

class Supervisor implements Sandbox {
  readonly #options: SupervisorOptions;
  readonly #startChild: () => Child;
  /** The child holding the learner's loaded code, if one is alive. */
  #child: Child | undefined;
  /** Set when the learner's module failed to load: it would fail the same way again. */
  #loadFailure: Failure | undefined;
  #scenarios: ReadonlySet<string> = new Set();
  /** Runs one at a time: a hang must be charged to the run that caused it. */
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  #nextId = 1;

  readonly protections: string | undefined;

  constructor(options: SupervisorOptions, startChild: () => Child) {
    this.#options = options;
    this.protections = options.protections;
    this.#startChild = startChild;
  }

  /** Boots the first child now, so a broken harness fails here rather than in every test; loading follows in the queue. */
  async start(): Promise<void> {
    const child = await this.#boot();
    if (child instanceof Error) throw child;
    this.#queue = this.#load(child);
  }

  run(scenario: string, input: unknown): Promise<RunOutcome> {
    const result = this.#queue.then(() => this.#run(scenario, input));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const child = this.#child;
    this.#child = undefined;
    await child?.stop();
    await this.#queue;
  }

  /** Starts a child and waits for it to import the harness. An Error is the grader's or the lab's fault. */
  async #boot(): Promise<Child | Error> {
    const child = this.#startChild();
    this.#child = child;
    const clock = new Clock(() => child.cpuMs(), BOOT_LIMIT_MS);
    let event = await child.next(clock.nextWaitMs());
    while (event.type === "timeout" && clock.expired() === undefined) event = await child.next(clock.nextWaitMs());
    if (event.type === "message" && event.message.type === "booted") {
      this.#scenarios = new Set(event.message.scenarios);
      return child;
    }
    await child.stop();
    if (this.#child === child) this.#child = undefined;
    if (event.type === "message" && event.message.type === "boot-failed") return new Error(event.message.message);
    if (event.type === "ended") return new Error(event.ending.bootError);
    if (event.type === "timeout") {
      const what = clock.expired() === "cpu" ? `${seconds(BOOT_LIMIT_MS)} of CPU time` : seconds(clock.wallLimitMs);
      return new Error(`The sandbox did not start within ${what}.`);
    }
    return new Error(`The sandbox sent "${event.message.type}" before it booted.`);
  }

  /** Loads the learner's code into a booted child; remembers a failure, which would repeat. */
  async #load(child: Child): Promise<void> {
    const learnerJs = await this.#options.learnerJs;
    if (this.#closed) return;
    child.send({ type: "load", learnerJs, limits: this.#options.limits });
    const reply = await this.#answer(child, (message) => (message.type === "loaded" ? message.reply : undefined), "load");
    // Top-level output stays with the child for the first run, unless loading failed.
    if (!reply.ok) this.#loadFailure = { ...reply, logs: child.takeLogs() };
  }

  async #run(scenario: string, input: unknown): Promise<RunOutcome> {
    if (this.#closed) throw new Error("The sandbox is closed.");
    if (!this.#scenarios.has(scenario)) {
      throw new Error(`The lab's harness has no scenario "${scenario}" (it has ${[...this.#scenarios].join(", ")}).`);
    }
    if (this.#loadFailure !== undefined) return this.#loadFailure;
    if (this.#child === undefined) {
      const booted = await this.#boot();
      if (booted instanceof Error) return { ok: false, kind: "crash", message: `The sandbox could not restart: ${booted.message}`, logs: [] };
      await this.#load(booted);
      if (this.#loadFailure !== undefined) return this.#loadFailure;
    }
    const child = this.#child;
    if (child === undefined) return { ok: false, kind: "crash", message: "The sandbox was closed during this run.", logs: [] };
    const id = this.#nextId++;
    child.send({ type: "run", id, scenario, input });
    const reply = await this.#answer(child, (message) => (message.type === "result" && message.id === id ? message.reply : undefined), "run");
    return { ...reply, logs: child.takeLogs() };
  }

  /** Waits, within the time limit, for the child's answer to a load or a run; any other ending becomes a failure. */
  async #answer(child: Child, match: (message: ChildMessage) => Reply | undefined, what: "load" | "run"): Promise<Reply> {
    const limits = this.#options.limits;
    const clock = new Clock(() => child.cpuMs(), limits.timeMsPerRun);
    for (;;) {
      const event = await child.next(clock.nextWaitMs());
      if (event.type === "message") {
        const reply = match(event.message);
        if (reply === undefined) continue;
        // After a failed allocation the child may stay short of memory: start afresh.
        if (!reply.ok && reply.kind === "memory") await this.#discard(child);
        return reply;
      }
      if (event.type === "timeout") {
        const expiry = clock.expired();
        if (expiry === undefined) continue;
        // It may have ended on its own just before the deadline (V8 can take a while to give up on memory).
        const ending = await this.#discard(child);
        return ending !== undefined ? { ok: false, ...ending.failure } : { ok: false, kind: "timeout", message: timeoutMessage(limits, what, clock, expiry) };
      }
      if (this.#child === child) this.#child = undefined;
      if (this.#closed) return { ok: false, kind: "crash", message: "The sandbox was closed during this run." };
      return { ok: false, ...event.ending.failure };
    }
  }

  async #discard(child: Child): Promise<Ending | undefined> {
    if (this.#child === child) this.#child = undefined;
    return child.stop();
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

function timeoutMessage(limits: SandboxLimits, what: "load" | "run", clock: Clock, expiry: Expiry): string {
  const limit = seconds(limits.timeMsPerRun);
  if (!clock.countsCpu) {
    return what === "load"
      ? `Time limit exceeded: your file's top-level code ran for more than ${limit} (an infinite loop?)`
      : `Time limit exceeded: your code ran for more than ${limit} in this test (an infinite loop, or a promise that never settles?)`;
  }
  if (expiry === "cpu") {
    return what === "load"
      ? `Time limit exceeded: your file's top-level code used more than ${limit} of CPU time (an infinite loop?)`
      : `Time limit exceeded: your code used more than ${limit} of CPU time in this test (an infinite loop?)`;
  }
  // The backstop: the child got little CPU time for a long while (a starved machine, or a child blocked outside JavaScript).
  const used = seconds(clock.cpuUsedMs() ?? 0);
  return `Time limit exceeded: ${what === "load" ? "your file's top-level code" : "this test"} did not finish within ${seconds(clock.wallLimitMs)} of wall-clock time, although it used only ${used} of its ${limit} of CPU time. This is most likely not your code's fault: grade again.`;
}
