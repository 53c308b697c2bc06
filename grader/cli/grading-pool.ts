/**
 * grade-all's grading processes (`wirelab grade-worker`,
 * grade-worker-command.ts), as many as submissions are graded at once, each
 * grading one submission at a time in a fresh sandbox process, so no two
 * students share a realm. A process is kept for the next submission (it
 * saves starting Node, the grader, the lab's tests and the compiler again)
 * only when the last one ended normally; one that overran a submission's
 * deadline, crashed or said anything but a result is killed with its whole
 * process group and replaced, and that submission alone gets the fault. A
 * process retires after {@link JOBS_PER_PROCESS} submissions, so nothing
 * it might accumulate grows with the class.
 */
import type { ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { firstMessage, MAX_STDERR_CHARS, sharedOptions, startGrader, type IsolatedOptions, type IsolatedOutcome } from "./grade-isolated.ts";

/** What grade-all sends a grading process. */
export interface WorkerJob {
  readonly file: string;
}

/** What a grading process answers: "ready" once, then one outcome per job. */
export type WorkerReply = { readonly kind: "ready" } | IsolatedOutcome;

/** Submissions one grading process grades before it is replaced. */
export const JOBS_PER_PROCESS = 25;

interface Worker {
  readonly child: ChildProcess;
  readonly killChild: () => void;
  readonly forget: () => void;
  /** The replies not yet taken, and who waits for the next. */
  readonly replies: WorkerReply[];
  wake?: () => void;
  /** Set when the process has exited: how, with the end of its stderr. */
  exit?: { code: number | null; signal: NodeJS.Signals | null; stderr: string };
  jobs: number;
}

export class GradingPool {
  readonly #labId: string;
  readonly #options: IsolatedOptions;
  readonly #idle: Worker[] = [];

  constructor(labId: string, options: IsolatedOptions) {
    this.#labId = labId;
    this.#options = options;
  }

  /** Grades `file` in an idle grading process, or a new one, within the deadline. */
  async grade(file: string): Promise<IsolatedOutcome> {
    const worker = this.#takeIdle() ?? this.#start();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), this.#options.deadlineMs)));
    try {
      const outcome = await Promise.race([this.#answer(worker, file), late]);
      if (outcome === "late") {
        this.#retire(worker);
        return { kind: "fault", message: `grading did not finish within the overall deadline of ${Number((this.#options.deadlineMs / 1000).toFixed(2))} s` };
      }
      if (outcome.kind === "fault" || worker.exit !== undefined || ++worker.jobs >= JOBS_PER_PROCESS) this.#retire(worker);
      else this.#idle.push(worker);
      return outcome;
    } finally {
      clearTimeout(timer);
    }
  }

  /** An idle grading process still alive (one that died between submissions is no submission's fault). */
  #takeIdle(): Worker | undefined {
    for (let worker = this.#idle.pop(); worker !== undefined; worker = this.#idle.pop()) {
      if (worker.exit === undefined) return worker;
      this.#retire(worker);
    }
    return undefined;
  }

  /** Ends every idle grading process. */
  close(): void {
    for (const worker of this.#idle.splice(0)) this.#retire(worker);
  }

  async #answer(worker: Worker, file: string): Promise<IsolatedOutcome> {
    if (worker.jobs === 0 && worker.exit === undefined) {
      const ready = await next(worker);
      if (ready.kind !== "ready") return ready.kind === "fault" ? ready : unexpected(ready);
    }
    if (worker.exit !== undefined) return exited(worker.exit);
    // An absolute path, so the process reads the same file whatever its folder.
    worker.child.send({ file: resolve(file) } satisfies WorkerJob);
    const reply = await next(worker);
    return reply.kind === "ready" ? unexpected(reply) : reply;
  }

  #start(): Worker {
    const args = ["grade-worker", this.#labId, ...sharedOptions(this.#options)];
    const { child, killChild, forget } = startGrader(this.#labId, args, this.#options.labsDir, true);
    const worker: Worker = { child, killChild, forget, replies: [], jobs: 0 };
    let stderr = "";
    // Nothing is expected on stdout; it is read only so that the process never blocks on a full pipe.
    child.stdout!.resume();
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (text: string) => (stderr = (stderr + text).slice(-MAX_STDERR_CHARS)));
    child.on("message", (reply: WorkerReply) => {
      worker.replies.push(reply);
      worker.wake?.();
    });
    child.on("error", (error) => {
      worker.exit ??= { code: null, signal: null, stderr: `could not start the grader: ${error.message}` };
      worker.wake?.();
    });
    child.on("close", (code, signal) => {
      worker.exit ??= { code, signal, stderr };
      // Whatever is left of the group (a sandbox child) goes with it.
      killChild();
      forget();
      worker.wake?.();
    });
    return worker;
  }

  #retire(worker: Worker): void {
    worker.killChild();
    if (worker.child.connected) worker.child.disconnect();
  }
}

/** The next reply of `worker`, or its exit as a fault. */
async function next(worker: Worker): Promise<WorkerReply> {
  for (;;) {
    const reply = worker.replies.shift();
    if (reply !== undefined) return reply;
    if (worker.exit !== undefined) return exited(worker.exit);
    await new Promise<void>((resolve) => (worker.wake = resolve));
    worker.wake = undefined;
  }
}

/** A grading process that ended under a submission: the grader's fault, never the file's (problems come as replies). */
function exited(exit: NonNullable<Worker["exit"]>): IsolatedOutcome {
  const how = exit.signal !== null ? `was killed by ${exit.signal}` : exit.code === null ? "could not start" : `exited with code ${exit.code}`;
  return { kind: "fault", message: `the grader ${how}: ${firstMessage(exit.stderr) || "no message"}` };
}

function unexpected(reply: WorkerReply): IsolatedOutcome {
  return { kind: "fault", message: `the grader's process answered out of turn (${reply.kind})` };
}
