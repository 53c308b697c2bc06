/**
 * Compiling an untrusted submission under limits: in a short-lived child
 * process (compile-child.ts) started like the sandbox's (command.ts:
 * permission model, prlimit, no network, nobody), whose compiling may use
 * the lab's time limit per test in CPU time (clock.ts) and its memory cap.
 * A compiler that overflows its stack, runs out of time or memory, or
 * crashes is the learner's compile error, with a message that says so; a
 * child that cannot even start is the grader's fault and throws.
 */
import { spawn } from "node:child_process";
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

/** Compiles `source` as {@link compileSubmission} does, in a limited child process. */
export async function compileUntrusted(source: string, limits: SandboxLimits, fileName = "submission.ts"): Promise<CompileResult> {
  const heapMb = limits.memoryMb + COMPILER_BASELINE_MB;
  const caps = { heapMb, cpuSeconds: Math.ceil((START_LIMIT_MS + 2 * limits.timeMsPerRun) / 1000) };
  // The child loads TypeScript by path (typescript-loader.ts), so its package is granted by name.
  const command = limitedNodeCommand([COMPILE_CHILD_FILE], caps, undefined, ["typescript"]);
  const child = spawn(command.file, command.args, {
    stdio: ["pipe", "ignore", "pipe", "ipc"],
    env: {},
    cwd: os.tmpdir(),
    serialization: "advanced",
    windowsHide: true,
  });
  // A child that dies before reading its program is explained by its exit; the broken pipe is no news.
  child.stdin!.on("error", () => {});
  child.stdin!.end(command.stdin);
  const events: Event[] = [];
  let wake: (() => void) | undefined;
  let stderr = "";
  const push = (event: Event): void => {
    events.push(event);
    wake?.();
  };
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (text: string) => (stderr = (stderr + text).slice(-STDERR_CHARS)));
  child.on("message", (message: CompilerMessage) => push({ type: "message", message }));
  const tell = (message: ParentCompilerMessage): void => void child.send(message);
  child.on("error", () => push({ type: "exit", signal: null, code: null }));
  child.on("exit", (code, signal) => push({ type: "exit", signal, code }));
  const cpu = (): number | undefined => (CPU_FROM_PROC && child.pid !== undefined ? processCpuMs(child.pid) : undefined);

  /** The next event, or what ran out. */
  const next = async (clock: Clock): Promise<Event | "cpu" | "wall"> => {
    for (;;) {
      const event = events.shift();
      if (event !== undefined) return event;
      const expiry = clock.expired();
      if (expiry !== undefined) return expiry;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, clock.nextWaitMs());
      });
      clearTimeout(timer);
      wake = undefined;
    }
  };

  try {
    const startClock = new Clock(cpu, START_LIMIT_MS);
    const started = await next(startClock);
    if (typeof started === "string" || started.type !== "message" || started.message.type !== "started") throw notStarted(started, stderr);
    tell({ type: "setup", compiler: compilerFile(), cache: compilerCache(heapMb) });
    const ready = await next(startClock);
    if (typeof ready === "string" || ready.type !== "message" || ready.message.type !== "ready") throw notStarted(ready, stderr);
    if (ready.message.cache !== undefined) keepCompilerCache(heapMb, ready.message.cache);
    tell({ type: "compile", source, fileName });
    const clock = new Clock(cpu, limits.timeMsPerRun);
    const answer = await next(clock);
    if (typeof answer !== "string" && answer.type === "message" && answer.message.type === "compiled") return answer.message.result;
    return { ok: false, message: failureMessage(answer, limits, clock, stderr) };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
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
