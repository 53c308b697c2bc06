/**
 * Compiling an untrusted submission under limits: in a short-lived child
 * process (compile-child.ts) started like the sandbox's (command.ts:
 * permission model, prlimit, no network, nobody), whose compiling may use
 * the lab's time limit per test in CPU time (clock.ts) and its memory cap.
 * A compiler that overflows its stack, runs out of time or memory, or
 * crashes is the learner's compile error, with a message that says so; a
 * child that cannot even start is the grader's fault and throws.
 */
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import type { CompileResult } from "../transpile.ts";
import { Clock } from "./clock.ts";
import type { CompilerMessage, ParentCompilerMessage } from "./compile-protocol.ts";
import { compilerCache, compilerFile, keepCompilerCache } from "./compiler-cache.ts";
import { limitedNodeCommand } from "./command.ts";
import { ownFile } from "../own-file.ts";
import { CPU_FROM_PROC, processCpuMs } from "./cpu-time.ts";
import type { SandboxLimits } from "./types.ts";

export const COMPILE_CHILD_FILE = ownFile("./compile-child.ts", import.meta.url);

/** The compiler's own heap (about 40 MiB once loaded) comes on top of the lab's cap. */
export const COMPILER_BASELINE_MB = 128;
/** Loading the compiler takes about 0.7 s of CPU (0.2 s from a code cache); generous, and counted apart from compiling. */
const START_LIMIT_MS = 15_000;
const STDERR_CHARS = 4_096;
const OUT_OF_MEMORY = /out of memory|allocation failed|bad_alloc|cannot allocate memory/i;

type Event = { readonly type: "message"; readonly message: CompilerMessage } | { readonly type: "exit"; readonly signal: NodeJS.Signals | null; readonly code: number | null };

/** Compiles `source` as {@link compileSubmission} does, in a limited child process of its own. */
export async function compileUntrusted(source: string, limits: SandboxLimits, fileName = "submission.ts"): Promise<CompileResult> {
  const compiler = new CompilerProcess(limits, 1);
  try {
    return await compiler.compile(source, fileName);
  } finally {
    compiler.stop();
  }
}

/**
 * One compiler child process. It may compile up to `compiles` sources, one
 * after another (grade-all's grading processes keep one warm across
 * students: no learner code runs in it, and a source leaves it nothing but
 * garbage). Each compile
 * has the lab's time limit in CPU time; one that fails in any way other
 * than an ordinary compile error ends the process, as does the last.
 */
export class CompilerProcess {
  readonly #limits: SandboxLimits;
  readonly #child: ChildProcess;
  readonly #events: Event[] = [];
  #wake: (() => void) | undefined;
  #stderr = "";
  #left: number;
  #ready: Promise<void> | undefined;

  constructor(limits: SandboxLimits, compiles: number) {
    this.#limits = limits;
    this.#left = compiles;
    const heapMb = limits.memoryMb + COMPILER_BASELINE_MB;
    // Its whole life's CPU time is only a backstop (each compile's clock is the limit): room for every compile at its limit.
    const caps = { heapMb, cpuSeconds: Math.ceil((START_LIMIT_MS + (compiles + 1) * limits.timeMsPerRun) / 1000) };
    // The child loads TypeScript by path (typescript-loader.ts), so its package is granted by name.
    const command = limitedNodeCommand([COMPILE_CHILD_FILE], caps, undefined, ["typescript"]);
    const child = spawn(command.file, command.args, {
      stdio: ["pipe", "ignore", "pipe", "ipc"],
      env: {},
      cwd: os.tmpdir(),
      serialization: "advanced",
      windowsHide: true,
    });
    this.#child = child;
    // A child that dies before reading its program is explained by its exit; the broken pipe is no news.
    child.stdin!.on("error", () => {});
    child.stdin!.end(command.stdin);
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (text: string) => (this.#stderr = (this.#stderr + text).slice(-STDERR_CHARS)));
    child.on("message", (message: CompilerMessage) => this.#push({ type: "message", message }));
    child.on("error", () => this.#push({ type: "exit", signal: null, code: null }));
    child.on("exit", (code, signal) => this.#push({ type: "exit", signal, code }));
    // An idle compiler does not keep its grader alive.
    child.unref();
    child.channel?.unref();
  }

  /** True while it can compile another source. */
  get usable(): boolean {
    return this.#left > 0 && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** Compiles `source`; throws (the grader's fault) if the process cannot start. */
  async compile(source: string, fileName = "submission.ts"): Promise<CompileResult> {
    if (!this.usable) throw new Error("This compiler process has ended.");
    this.#left--;
    this.#ready ??= this.#start();
    await this.#ready;
    this.#tell({ type: "compile", source, fileName, keep: this.#left > 0 });
    const clock = new Clock(() => this.#cpu(), this.#limits.timeMsPerRun);
    const answer = await this.#next(clock);
    if (typeof answer !== "string" && answer.type === "message" && answer.message.type === "compiled") {
      if (!answer.message.result.ok && answer.message.failed) this.stop();
      return answer.message.result;
    }
    this.stop();
    return { ok: false, message: failureMessage(answer, this.#limits, clock, this.#stderr) };
  }

  stop(): void {
    this.#left = 0;
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill("SIGKILL");
  }

  async #start(): Promise<void> {
    try {
      const startClock = new Clock(() => this.#cpu(), START_LIMIT_MS);
      const started = await this.#next(startClock);
      if (typeof started === "string" || started.type !== "message" || started.message.type !== "started") throw notStarted(started, this.#stderr);
      const heapMb = this.#limits.memoryMb + COMPILER_BASELINE_MB;
      this.#tell({ type: "setup", compiler: compilerFile(), cache: compilerCache(heapMb) });
      const ready = await this.#next(startClock);
      if (typeof ready === "string" || ready.type !== "message" || ready.message.type !== "ready") throw notStarted(ready, this.#stderr);
      if (ready.message.cache !== undefined) keepCompilerCache(heapMb, ready.message.cache);
    } catch (error) {
      this.stop();
      throw error;
    }
  }

  #push(event: Event): void {
    this.#events.push(event);
    this.#wake?.();
  }

  #tell(message: ParentCompilerMessage): void {
    this.#child.send(message);
  }

  #cpu(): number | undefined {
    return CPU_FROM_PROC && this.#child.pid !== undefined ? processCpuMs(this.#child.pid) : undefined;
  }

  /** The next event, or what ran out. */
  async #next(clock: Clock): Promise<Event | "cpu" | "wall"> {
    for (;;) {
      const event = this.#events.shift();
      if (event !== undefined) return event;
      const expiry = clock.expired();
      if (expiry !== undefined) return expiry;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        timer = setTimeout(resolve, clock.nextWaitMs());
      });
      clearTimeout(timer);
      this.#wake = undefined;
    }
  }
}

function failureMessage(answer: Event | "cpu" | "wall", limits: SandboxLimits, clock: Clock, stderr: string): string {
  const seconds = `${Number((limits.timeMsPerRun / 1000).toFixed(3))} s`;
  const hard = "Something in it makes the compiler work very hard: a very long expression or list, or very deep nesting?";
  if (answer === "cpu") return `Your code could not be compiled within ${seconds} of CPU time (the lab's time limit). ${hard}`;
  if (answer === "wall") {
    return `Your code could not be compiled within ${Number((clock.wallLimitMs / 1000).toFixed(3))} s. ${clock.countsCpu ? "The machine may be overloaded: grade again." : hard}`;
  }
  if (answer.type === "exit" && OUT_OF_MEMORY.test(stderr)) {
    return `Your code could not be compiled within the memory limit (${limits.memoryMb} MiB for your code, on top of the compiler's own). ${hard}`;
  }
  if (answer.type === "exit" && answer.signal === "SIGXCPU") return `Your code could not be compiled within ${seconds} of CPU time (the lab's time limit). ${hard}`;
  return `Your code could not be compiled: the compiler stopped (${describe(answer)}).`;
}

/** The grader's fault: a compiler child that did not get as far as compiling. */
function notStarted(event: Event | "cpu" | "wall", stderr: string): Error {
  const what = typeof event === "string" ? `no answer within ${START_LIMIT_MS / 1000} s` : describe(event);
  return new Error(`The compiler's process did not start (${what}).${tail(stderr)}`);
}

function describe(event: Event): string {
  if (event.type === "message") return `it sent "${event.message.type}"`;
  return event.signal !== null ? `signal ${event.signal}` : `exit code ${event.code}`;
}

function tail(text: string): string {
  const lines = text.split("\n").filter((line) => line.trim() !== "").slice(-6);
  return lines.length === 0 ? "" : `\n${lines.join("\n")}`;
}
