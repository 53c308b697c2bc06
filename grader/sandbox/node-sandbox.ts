/**
 * The Node sandbox: one child process per submission (child.ts) that holds
 * the learner's code and runs the harness's scenarios on it. This side
 * keeps the clock: every wait has a timer, a run that overstays is ended
 * with SIGKILL, a child that dies is read for why (memory or a crash), and
 * the next run starts a fresh child and loads the code again. Nothing the
 * learner's code does makes these functions throw or hang; they throw only
 * for faults of the grader or the lab (a harness that cannot load, an
 * unknown scenario, an input that cannot be sent).
 */
import { spawn, type ChildProcess } from "node:child_process";
import type { Socket } from "node:net";
import os from "node:os";
import { performance } from "node:perf_hooks";
import type { ChildMessage, ParentMessage, Reply } from "./child.ts";
import { childCommand, cpuSecondsFor, type ChildCommand } from "./command.ts";
import type { RunOutcome, Sandbox, SandboxLimits, SandboxOptions } from "./types.ts";

/** Start-up of a child (Node, SES, the harness); generous for a loaded CI machine. */
const BOOT_TIMEOUT_MS = 15_000;
/** How long to wait for a killed child to be reaped, and for its stderr to drain. */
const EXIT_WAIT_MS = 2_000;
const DRAIN_WAIT_MS = 300;
/** The end of the child's stderr and stdout kept to explain a crash. */
const DIAGNOSTICS_CHARS = 8_192;

type Failure = Extract<RunOutcome, { ok: false }>;

/** Starts a sandbox for one submission. Rejects if the lab's harness cannot load. */
export async function startNodeSandbox(options: SandboxOptions): Promise<Sandbox> {
  const sandbox = new NodeSandbox(options, childCommand(options.harness, options.limits));
  await sandbox.start();
  return sandbox;
}

/** How a child process ended. */
interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly spawnError: Error | undefined;
  readonly diagnostics: string;
}

/** What waiting on a child gave. */
type Event = { readonly type: "message"; readonly message: ChildMessage } | { readonly type: "exit"; readonly exit: Exit } | { readonly type: "timeout" };

/** Children still running, killed if the grader's process exits without closing them. */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

/** One child process and the messages it sent. */
class Child {
  readonly #process: ChildProcess;
  readonly #messages: ChildMessage[] = [];
  #logs: string[] = [];
  #logBytes = 0;
  readonly #logCap: number;
  #diagnostics = "";
  #exit: Exit | undefined;
  #waiter: ((event: Event) => void) | undefined;
  readonly #exited: Promise<Exit>;
  #resolveExited: (exit: Exit) => void = () => {};

  constructor(command: ChildCommand, logCap: number) {
    this.#logCap = logCap;
    this.#exited = new Promise((resolve) => (this.#resolveExited = resolve));
    this.#process = spawn(command.file, command.args, {
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      // Nothing from the grader's environment; spawn adds NODE_CHANNEL_FD for the IPC channel.
      env: {},
      cwd: os.tmpdir(),
      serialization: "advanced",
      windowsHide: true,
    });
    liveChildren.add(this.#process);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.once("exit", () => liveChildren.forEach((child) => child.kill("SIGKILL")));
    }
    for (const stream of [this.#process.stdout!, this.#process.stderr!]) {
      stream.setEncoding("utf8");
      stream.on("data", (text: string) => {
        this.#diagnostics = (this.#diagnostics + text).slice(-DIAGNOSTICS_CHARS);
      });
    }
    this.#process.on("message", (message: ChildMessage) => this.#onMessage(message));
    let spawnError: Error | undefined;
    this.#process.on("error", (error) => {
      spawnError ??= error;
      // A failed spawn never emits "exit".
      if (this.#process.pid === undefined) this.#onExit(null, null, spawnError);
    });
    this.#process.on("exit", (code, signal) => {
      liveChildren.delete(this.#process);
      void this.#drained().then(() => this.#onExit(code, signal, spawnError));
    });
    // An idle sandbox does not keep the grader alive; run timers do while a run is on.
    this.#process.unref();
    this.#process.channel?.unref();
    (this.#process.stdout as Socket).unref();
    (this.#process.stderr as Socket).unref();
  }

  /** Sends `message`. Throws if it cannot be serialised (a grader fault); a dead channel is noticed by the next wait. */
  send(message: ParentMessage): void {
    if (this.#exit !== undefined || !this.#process.connected) return;
    this.#process.send(message, (error) => {
      // A message that could not be written leaves the protocol out of step: start afresh.
      if (error !== null && error !== undefined) this.#process.kill("SIGKILL");
    });
  }

  /** The next message, the child's exit, or a timeout, whichever comes first. */
  next(timeoutMs: number): Promise<Event> {
    const queued = this.#messages.shift();
    if (queued !== undefined) return Promise.resolve({ type: "message", message: queued });
    if (this.#exit !== undefined) return Promise.resolve({ type: "exit", exit: this.#exit });
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish({ type: "timeout" }), timeoutMs);
      const finish = (event: Event): void => {
        clearTimeout(timer);
        this.#waiter = undefined;
        resolve(event);
      };
      this.#waiter = finish;
    });
  }

  /** The learner's output since the last call. */
  takeLogs(): string[] {
    const logs = this.#logs;
    this.#logs = [];
    this.#logBytes = 0;
    return logs;
  }

  /** Kills the child and waits (boundedly) until it is gone. */
  async kill(): Promise<Exit | undefined> {
    if (this.#exit === undefined && this.#process.exitCode === null && this.#process.signalCode === null) {
      this.#process.kill("SIGKILL");
    }
    return this.waitForExit(EXIT_WAIT_MS);
  }

  /** The child's exit, or undefined if it has not come within `timeoutMs`. */
  waitForExit(timeoutMs: number): Promise<Exit | undefined> {
    let timer: Parameters<typeof clearTimeout>[0];
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    return Promise.race([this.#exited, late]).finally(() => clearTimeout(timer));
  }

  #onMessage(message: ChildMessage): void {
    if (message.type === "log") {
      // The child caps the learner's output; this cap only guards the grader's memory.
      if (this.#logBytes > this.#logCap * 2) return;
      this.#logBytes += message.line.length;
      this.#logs.push(message.line);
      return;
    }
    if (this.#waiter !== undefined) this.#waiter({ type: "message", message });
    else this.#messages.push(message);
  }

  #onExit(code: number | null, signal: NodeJS.Signals | null, spawnError: Error | undefined): void {
    if (this.#exit !== undefined) return;
    this.#exit = { code, signal, spawnError, diagnostics: this.#diagnostics };
    this.#resolveExited(this.#exit);
    this.#waiter?.({ type: "exit", exit: this.#exit });
  }

  /** Resolves when stdout and stderr are closed (so the diagnostics are complete), or soon after. */
  #drained(): Promise<void> {
    const streams = [this.#process.stdout!, this.#process.stderr!].filter((stream) => !stream.closed);
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, DRAIN_WAIT_MS);
      let open = streams.length;
      if (open === 0) return finish();
      for (const stream of streams) stream.once("close", () => --open === 0 && finish());
      function finish(): void {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}

class NodeSandbox implements Sandbox {
  readonly #options: SandboxOptions;
  readonly #command: ChildCommand;
  /** The child holding the learner's loaded code, if one is alive. */
  #child: Child | undefined;
  /** Set when the learner's module failed to load: it would fail the same way again. */
  #loadFailure: Failure | undefined;
  #scenarios: ReadonlySet<string> = new Set();
  /** Runs one at a time: a hang must be charged to the run that caused it. */
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  #nextId = 1;

  constructor(options: SandboxOptions, command: ChildCommand) {
    this.#options = options;
    this.#command = command;
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
    await child?.kill();
    await this.#queue;
  }

  /** Starts a child and waits for it to import the harness. An Error is the grader's or the lab's fault. */
  async #boot(): Promise<Child | Error> {
    const child = new Child(this.#command, this.#options.limits.outputBytes);
    this.#child = child;
    const event = await child.next(BOOT_TIMEOUT_MS);
    if (event.type === "message" && event.message.type === "booted") {
      this.#scenarios = new Set(event.message.scenarios);
      return child;
    }
    const exit = await child.kill();
    if (this.#child === child) this.#child = undefined;
    if (event.type === "message" && event.message.type === "boot-failed") return new Error(event.message.message);
    if (event.type === "timeout") return new Error(`The sandbox did not start within ${BOOT_TIMEOUT_MS / 1000} s.`);
    return new Error(`The sandbox failed to start (${describeExit(exit)}).${lastLines(exit?.diagnostics ?? "")}`);
  }

  /** Loads the learner's code into a booted child; remembers a failure, which would repeat. */
  async #load(child: Child): Promise<void> {
    if (this.#closed) return;
    child.send({ type: "load", learnerJs: this.#options.learnerJs, limits: this.#options.limits });
    const reply = await this.#answer(child, (message) => message.type === "loaded" ? message.reply : undefined, "load");
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
    const deadline = performance.now() + limits.timeMsPerRun;
    for (;;) {
      const event = await child.next(Math.max(0, deadline - performance.now()));
      if (event.type === "message") {
        const reply = match(event.message);
        if (reply === undefined) continue;
        // After a failed allocation the child may stay short of memory: start afresh.
        if (!reply.ok && reply.kind === "memory") await this.#discard(child);
        return reply;
      }
      if (event.type === "timeout") {
        const exit = await this.#discard(child);
        // It may have died on its own just before the deadline (V8 can take a while to give up on memory).
        const diedAlone = exit !== undefined && (exit.signal !== "SIGKILL" || OUT_OF_MEMORY.test(exit.diagnostics));
        return diedAlone ? explainExit(exit, limits) : { ok: false, kind: "timeout", message: timeoutMessage(limits, what) };
      }
      if (this.#child === child) this.#child = undefined;
      if (this.#closed) return { ok: false, kind: "crash", message: "The sandbox was closed during this run." };
      return explainExit(event.exit, limits);
    }
  }

  async #discard(child: Child): Promise<Exit | undefined> {
    if (this.#child === child) this.#child = undefined;
    return child.kill();
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

function timeoutMessage(limits: SandboxLimits, what: "load" | "run"): string {
  return what === "load"
    ? `Time limit exceeded: your file's top-level code ran for more than ${seconds(limits.timeMsPerRun)} (an infinite loop?)`
    : `Time limit exceeded: your code ran for more than ${seconds(limits.timeMsPerRun)} in this test (an infinite loop, or a promise that never settles?)`;
}

const OUT_OF_MEMORY = /out of memory|allocation failed|bad_alloc|cannot allocate memory/i;

/** Why a child died on its own: memory, the CPU backstop, or a crash. */
function explainExit(exit: Exit, limits: SandboxLimits): Reply & { ok: false } {
  if (exit.spawnError !== undefined) return { ok: false, kind: "crash", message: `The sandbox could not start: ${exit.spawnError.message}` };
  if (OUT_OF_MEMORY.test(exit.diagnostics)) {
    return { ok: false, kind: "memory", message: `Memory limit exceeded: your code tried to use more than ${limits.memoryMb} MiB (a data structure that keeps growing?)` };
  }
  if (exit.signal === "SIGXCPU") {
    return { ok: false, kind: "timeout", message: `Time limit exceeded: the sandbox used more than ${cpuSecondsFor(limits)} s of CPU time.` };
  }
  if (exit.signal === "SIGKILL") {
    // Not ours (we stop waiting before we kill): the system's out-of-memory killer, most likely.
    return { ok: false, kind: "memory", message: `Memory limit exceeded: the system stopped your code (SIGKILL), most likely for using too much memory.` };
  }
  return { ok: false, kind: "crash", message: `The sandbox crashed while running your code (${describeExit(exit)}).${lastLines(exit.diagnostics)}` };
}

function describeExit(exit: Exit | undefined): string {
  if (exit === undefined) return "it did not exit";
  if (exit.spawnError !== undefined) return exit.spawnError.message;
  return exit.signal !== null ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

function lastLines(text: string): string {
  const lines = text.split("\n").filter((line) => line.trim() !== "").slice(-8);
  return lines.length === 0 ? "" : `\n${lines.join("\n")}`;
}
