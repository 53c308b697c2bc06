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
import type { CompileResult } from "../compile.ts";
import { Clock } from "./clock.ts";
import { limitedNodeCommand } from "./command.ts";
import { ownFile } from "../own-file.ts";
import { CPU_FROM_PROC, processCpuMs } from "./cpu-time.ts";
import type { SandboxLimits } from "./types.ts";

export const COMPILE_CHILD_FILE = ownFile("./compile-child.ts", import.meta.url);

/** The compiler's own heap (about 40 MiB once loaded) comes on top of the lab's cap. */
const COMPILER_BASELINE_MB = 128;
/** Loading the compiler takes about 0.7 s of CPU; generous, and counted apart from compiling. */
const START_LIMIT_MS = 15_000;
const STDERR_CHARS = 4_096;
const OUT_OF_MEMORY = /out of memory|allocation failed|bad_alloc|cannot allocate memory/i;

type Event = { readonly type: "message"; readonly message: { type: string; result?: CompileResult } } | { readonly type: "exit"; readonly signal: NodeJS.Signals | null; readonly code: number | null };

/** Compiles `source` as {@link compileSubmission} does, in a limited child process. */
export async function compileUntrusted(source: string, limits: SandboxLimits, fileName = "submission.ts"): Promise<CompileResult> {
  const command = limitedNodeCommand([COMPILE_CHILD_FILE], {
    heapMb: limits.memoryMb + COMPILER_BASELINE_MB,
    cpuSeconds: Math.ceil((START_LIMIT_MS + 2 * limits.timeMsPerRun) / 1000),
  });
  const child = spawn(command.file, command.args, {
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    env: {},
    cwd: os.tmpdir(),
    serialization: "advanced",
    windowsHide: true,
  });
  const events: Event[] = [];
  let wake: (() => void) | undefined;
  let stderr = "";
  const push = (event: Event): void => {
    events.push(event);
    wake?.();
  };
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (text: string) => (stderr = (stderr + text).slice(-STDERR_CHARS)));
  child.on("message", (message: { type: string; result?: CompileResult }) => push({ type: "message", message }));
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
    const started = await next(new Clock(cpu, START_LIMIT_MS));
    if (typeof started === "string" || started.type !== "message" || started.message.type !== "ready") {
      throw new Error(`The compiler's process did not start (${typeof started === "string" ? `no answer within ${START_LIMIT_MS / 1000} s` : describe(started)}).${tail(stderr)}`);
    }
    child.send({ source, fileName });
    const clock = new Clock(cpu, limits.timeMsPerRun);
    const answer = await next(clock);
    if (typeof answer !== "string" && answer.type === "message" && answer.message.type === "compiled" && answer.message.result !== undefined) {
      return answer.message.result;
    }
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

function describe(event: Event): string {
  if (event.type === "message") return `it sent "${event.message.type}"`;
  return event.signal !== null ? `signal ${event.signal}` : `exit code ${event.code}`;
}

function tail(text: string): string {
  const lines = text.split("\n").filter((line) => line.trim() !== "").slice(-6);
  return lines.length === 0 ? "" : `\n${lines.join("\n")}`;
}
