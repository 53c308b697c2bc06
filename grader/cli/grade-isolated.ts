/**
 * Grades one submission in a process of its own (`wirelab grade ... --format
 * json`) with an overall deadline, so that nothing one submission does (a
 * compiler stall, a crash of the grader's process, a sandbox that will not
 * die) reaches the next: the Gradescope autograder uses it, and
 * grade-all's pool (grading-pool.ts) starts its grading processes with
 * `startGrader` below. The process gets its own process group, killed whole
 * at the deadline, sandbox children included, and no environment but PATH
 * (an instructor's CI token never reaches it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import type { GradeResult, Visibility } from "../results.ts";
import { oneLine } from "./csv.ts";
import { ownFile } from "../own-file.ts";
import { findLab, LABS_DIR } from "../labs.ts";
import { importedFiles } from "../sandbox/command.ts";
import { strippedProgram } from "../sandbox/child-program.ts";

const MAIN = ownFile("./main.ts", import.meta.url);
/**
 * The tests make many short-lived objects (inputs, results, step texts): a
 * larger young generation collects them less often. Measured with grade-all
 * over 50 framing submissions, alternated with the default 3 times (load
 * 6-15): 81-99 s of CPU against 90-97 s, medians 84.7 and 94.5 s.
 */
const YOUNG_GENERATION = "--max-semi-space-size=64";
/** A result is one JSON document with per-test output capped by the reporters; this is far above it. */
const MAX_STDOUT_BYTES = 32 * 1024 * 1024;
export const MAX_STDERR_CHARS = 16_384;

/** Process groups still running, killed if this process ends first (Ctrl-C included). */
const liveGroups = new Set<number>();
let cleanupInstalled = false;

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const killAll = () => liveGroups.forEach((pid) => killGroup(pid));
  process.once("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(128 + (signal === "SIGINT" ? 2 : 15));
    });
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

export interface IsolatedOptions {
  readonly publicOnly?: boolean;
  readonly seed?: number;
  readonly hiddenVisibility?: Visibility;
  /** The labs folder (`--labs`), if not the default. */
  readonly labsDir?: string;
  /** Overall wall-clock deadline for this submission (ms): a safety net far above any honest grading. */
  readonly deadlineMs: number;
}

/** How grading one file ended. */
export type IsolatedOutcome =
  /** Graded: whatever the score. */
  | { readonly kind: "graded"; readonly result: GradeResult }
  /** The file could not be graded as given (exit 2: too large, unreadable): the submission's problem. */
  | { readonly kind: "problem"; readonly message: string }
  /** The grader failed or overran the deadline: not the student's fault, and no score. */
  | { readonly kind: "fault"; readonly message: string };

/** A safety net far above honest grading: each of `tests` runs and the load reaching the per-run limit, three times over. */
export function defaultDeadlineMs(tests: number, timeMsPerRun: number): number {
  return 60_000 + 3 * (tests + 1) * timeMsPerRun;
}

export function gradeIsolated(labId: string, file: string, options: IsolatedOptions): Promise<IsolatedOutcome> {
  // An absolute path, so a file named "-x.ts" is never read as an option.
  const args = ["grade", labId, resolve(file), "--format", "json", ...sharedOptions(options)];
  return new Promise((resolve) => {
    const { child, killChild, forget } = startGrader(labId, args, options.labsDir, false);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killChild();
    }, options.deadlineMs);
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = "";
    let overflow = false;
    child.stdout!.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > MAX_STDOUT_BYTES) {
        overflow = true;
        killChild();
      } else stdout.push(chunk);
    });
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (text: string) => (stderr = (stderr + text).slice(-MAX_STDERR_CHARS)));
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ kind: "fault", message: `could not start the grader: ${error.message}` });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      // Whatever is left of the group (a sandbox child) goes with it.
      killChild();
      forget();
      if (timedOut) {
        resolve({ kind: "fault", message: `grading did not finish within the overall deadline of ${Number((options.deadlineMs / 1000).toFixed(2))} s` });
      } else if (overflow) {
        resolve({ kind: "fault", message: `the grader's result was larger than ${MAX_STDOUT_BYTES / 1024 / 1024} MB` });
      } else if (code === 0) {
        try {
          resolve({ kind: "graded", result: JSON.parse(Buffer.concat(stdout).toString("utf8")) as GradeResult });
        } catch {
          resolve({ kind: "fault", message: "the grader's result was not valid JSON" });
        }
      } else if (code === 2) {
        resolve({ kind: "problem", message: firstMessage(stderr) });
      } else {
        const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`;
        resolve({ kind: "fault", message: `the grader ${how}: ${firstMessage(stderr) || "no message"}` });
      }
    });
  });
}

/** The options grade and grade-worker share, as command-line arguments. */
export function sharedOptions(options: Omit<IsolatedOptions, "deadlineMs">): string[] {
  const args: string[] = [];
  if (options.publicOnly) args.push("--public");
  if (options.seed !== undefined) args.push("--seed", String(options.seed));
  if (options.hiddenVisibility !== undefined) args.push("--hidden-visibility", options.hiddenVisibility);
  if (options.labsDir !== undefined) args.push("--labs", options.labsDir);
  return args;
}

/**
 * Starts `wirelab <args>` as a grading process: its own process group
 * (killed whole by `killChild`, sandbox children included, and when this
 * process ends), no environment but PATH (an instructor's CI token never
 * reaches it), the grader's files and the lab's tests handed over stripped
 * of their types (child-program.ts): the same code, started sooner. With
 * `ipc`, an IPC channel as its fourth stdio (grade-worker).
 */
export function startGrader(
  labId: string,
  args: readonly string[],
  labsDir: string | undefined,
  ipc: boolean,
): { child: ChildProcess; killChild: () => void; forget: () => void } {
  installCleanup();
  const { files, links } = graderFiles(labId, labsDir);
  const program = strippedProgram(MAIN, files, links);
  const child = spawn(process.execPath, [YOUNG_GENERATION, "--input-type=module", "-", ...args], {
    stdio: ipc ? ["pipe", "pipe", "pipe", "ipc"] : ["pipe", "pipe", "pipe"],
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    detached: true,
    windowsHide: true,
  });
  // A process that dies before reading its program is explained by its exit; the broken pipe is no news.
  child.stdin!.on("error", () => {});
  child.stdin!.end(program);
  const pid = child.pid;
  if (pid !== undefined) liveGroups.add(pid);
  return {
    child,
    killChild: () => (pid !== undefined ? killGroup(pid) : child.kill("SIGKILL")),
    forget: () => {
      if (pid !== undefined) liveGroups.delete(pid);
    },
  };
}

/**
 * The CLI's files and the lab's tests with what they import. A lab that
 * cannot be found or read is the grading process's to report: it then
 * loads its files itself, as it would anyway.
 */
function graderFiles(labId: string, labsDir: string | undefined): ReturnType<typeof importedFiles> {
  try {
    const lab = findLab(labId, labsDir ?? LABS_DIR);
    return importedFiles([MAIN, lab.files.publicTests, lab.files.hiddenTests]);
  } catch {
    return { files: [], links: new Map() };
  }
}

/** The grader's own message: the first line of stderr after "wirelab: ", never the help text that follows it. */
export function firstMessage(stderr: string): string {
  const line = stderr.split("\n").find((text) => text.trim() !== "") ?? "";
  return oneLine(line.replace(/^wirelab: (grader fault: )?/, ""));
}
