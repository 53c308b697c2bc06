/**
 * The Node sandbox: one child process per submission (child.ts) holding the
 * learner's code, driven by the supervisor (supervisor.ts), which keeps the
 * clock and restarts children. This file starts a child, kills it with
 * SIGKILL, and reads a child that died for why (memory, the CPU backstop or
 * a crash), from its exit and the end of its stderr.
 */
import { spawn, type ChildProcess } from "node:child_process";
import type { Socket } from "node:net";
import os from "node:os";
import { Mailbox, type ChildEvent, type Ending } from "./mailbox.ts";
import type { ChildMessage, ParentMessage } from "./protocol.ts";
import { childCommand, cpuSecondsFor, hasPrlimit, type ChildCommand } from "./command.ts";
import { describeIsolation } from "./isolation.ts";
import { hideHostPaths } from "./inspect.ts";
import { supervise, type Child } from "./supervisor.ts";
import { CPU_FROM_PROC, processCpuMs } from "./cpu-time.ts";
import type { Sandbox, SandboxLimits, SandboxOptions } from "./types.ts";

/** How long to wait for a killed child to be reaped, and for its stderr to drain. */
const EXIT_WAIT_MS = 2_000;
const DRAIN_WAIT_MS = 300;
/** The end of the child's stderr and stdout kept to explain a crash. */
const DIAGNOSTICS_CHARS = 8_192;

/**
 * Starts a sandbox for one submission. Rejects if the lab's harness cannot
 * load. `command`: the child's command line for this harness and these
 * limits, when the caller keeps one (it holds no submission's data).
 */
export async function startNodeSandbox(options: SandboxOptions, command = childCommand(options.harness, options.limits)): Promise<Sandbox> {
  return supervise({ ...options, protections: describeProtections(options.limits, command) }, () => new NodeChild(command, options.limits));
}

/** "SES compartment, Node permission model, memory cap 256 MiB, CPU limit 2 s/run, no network (namespace), uid nobody". */
export function describeProtections(limits: SandboxLimits, command: ChildCommand): string {
  const memory = hasPrlimit() ? `memory cap ${limits.memoryMb} MiB` : `heap cap ${limits.memoryMb} MiB (no prlimit: buffers uncapped)`;
  const seconds = `${Number((limits.timeMsPerRun / 1000).toFixed(3))} s/run`;
  const time = CPU_FROM_PROC ? `CPU limit ${seconds}` : `time limit ${seconds} (wall clock: CPU time not measurable here)`;
  return ["SES compartment", "Node permission model", memory, time, describeIsolation(command.isolation)].join(", ");
}

/** How a child process ended. */
interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly spawnError: Error | undefined;
  readonly diagnostics: string;
}

/** Children still running, killed if the grader's process exits without closing them. */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

/** One child process and the messages it sent. */
class NodeChild implements Child {
  readonly #process: ChildProcess;
  readonly #limits: SandboxLimits;
  readonly #mailbox: Mailbox;
  #diagnostics = "";
  #exit: Exit | undefined;
  #cpuMs = 0;
  readonly #exited: Promise<Exit>;
  #resolveExited: (exit: Exit) => void = () => {};

  constructor(command: ChildCommand, limits: SandboxLimits) {
    this.#limits = limits;
    this.#mailbox = new Mailbox(limits.outputBytes);
    this.#exited = new Promise((resolve) => (this.#resolveExited = resolve));
    this.#process = spawn(command.file, command.args, {
      stdio: ["pipe", "pipe", "pipe", "ipc"],
      // Nothing from the grader's environment; spawn adds NODE_CHANNEL_FD for the IPC channel.
      env: {},
      cwd: os.tmpdir(),
      serialization: "advanced",
      windowsHide: true,
    });
    liveChildren.add(this.#process);
    // A child that dies before reading its program is explained by its exit; the broken pipe is no news.
    this.#process.stdin!.on("error", () => {});
    this.#process.stdin!.end(command.stdin);
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
    this.#process.on("message", (message: ChildMessage) => this.#mailbox.deliver(message));
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

  send(message: ParentMessage): void {
    if (this.#exit !== undefined || !this.#process.connected) return;
    this.#process.send(message, (error) => {
      // A message that could not be written leaves the protocol out of step: start afresh.
      if (error !== null && error !== undefined) this.#process.kill("SIGKILL");
    });
  }

  next(timeoutMs: number): Promise<ChildEvent> {
    return this.#mailbox.next(timeoutMs);
  }

  takeLogs(): string[] {
    return this.#mailbox.takeLogs();
  }

  cpuMs(): number | undefined {
    const pid = this.#process.pid;
    if (pid === undefined || !CPU_FROM_PROC) return undefined;
    // Once the child is gone, its last reading stands.
    if (this.#exit === undefined) this.#cpuMs = processCpuMs(pid) ?? this.#cpuMs;
    return this.#cpuMs;
  }

  /** Kills the child and waits (boundedly) until it is gone; says why if it had died on its own. */
  async stop(): Promise<Ending | undefined> {
    if (this.#exit === undefined && this.#process.exitCode === null && this.#process.signalCode === null) {
      this.#process.kill("SIGKILL");
    }
    const exit = await this.#waitForExit(EXIT_WAIT_MS);
    // Our SIGKILL is no news, unless the memory cap had already struck.
    const diedAlone = exit !== undefined && (exit.signal !== "SIGKILL" || OUT_OF_MEMORY.test(exit.diagnostics));
    return diedAlone ? ending(exit, this.#limits) : undefined;
  }

  /** The child's exit, or undefined if it has not come within `timeoutMs`. */
  #waitForExit(timeoutMs: number): Promise<Exit | undefined> {
    let timer: Parameters<typeof clearTimeout>[0];
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    return Promise.race([this.#exited, late]).finally(() => clearTimeout(timer));
  }

  #onExit(code: number | null, signal: NodeJS.Signals | null, spawnError: Error | undefined): void {
    if (this.#exit !== undefined) return;
    this.#exit = { code, signal, spawnError, diagnostics: this.#diagnostics };
    this.#resolveExited(this.#exit);
    this.#mailbox.end(ending(this.#exit, this.#limits));
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

const OUT_OF_MEMORY = /out of memory|allocation failed|bad_alloc|cannot allocate memory/i;

/** What a child's exit means to the learner, and to the grader if it never booted. */
function ending(exit: Exit, limits: SandboxLimits): Ending {
  return { failure: explainExit(exit, limits), bootError: `The sandbox failed to start (${describeExit(exit)}).${lastLines(exit.diagnostics)}` };
}

/** Why a child died on its own: memory, the CPU backstop, or a crash. */
function explainExit(exit: Exit, limits: SandboxLimits): Ending["failure"] {
  if (exit.spawnError !== undefined) return { kind: "crash", message: `The sandbox could not start: ${exit.spawnError.message}` };
  if (OUT_OF_MEMORY.test(exit.diagnostics)) {
    return { kind: "memory", message: `Memory limit exceeded: your code tried to use more than ${limits.memoryMb} MiB (a data structure that keeps growing?)` };
  }
  if (exit.signal === "SIGXCPU") {
    return { kind: "timeout", message: `Time limit exceeded: the sandbox used more than ${cpuSecondsFor(limits)} s of CPU time.` };
  }
  if (exit.signal === "SIGKILL") {
    // Not ours (we stop waiting before we kill): the system's out-of-memory killer, most likely.
    return { kind: "memory", message: `Memory limit exceeded: the system stopped your code (SIGKILL), most likely for using too much memory.` };
  }
  return { kind: "crash", message: `The sandbox crashed while running your code (${describeExit(exit)}).${lastLines(exit.diagnostics)}` };
}

function describeExit(exit: Exit): string {
  if (exit.spawnError !== undefined) return exit.spawnError.message;
  return exit.signal !== null ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

function lastLines(text: string): string {
  const lines = hideHostPaths(text)
    .split("\n").filter((line) => line.trim() !== "").slice(-8);
  return lines.length === 0 ? "" : `\n${lines.join("\n")}`;
}
