/**
 * `wirelab grade-worker <lab>`: grade-all's grading process (grading-pool.ts
 * starts it; not for people). It loads the grader and the lab's tests once,
 * then grades the files it is sent over its IPC channel one at a time, each
 * exactly as `wirelab grade` would, each in a fresh sandbox process, so no
 * two students ever share a realm. What it saves is the start-up of Node,
 * the grader, the lab's tests and the compiler for every student: its
 * compiler process, which runs no learner code, compiles one submission
 * after another (limited-compile.ts says how each starts clean); and the
 * next student's sandbox boots while this one's tests run
 * (sandbox-ahead.ts). The pool kills it, sandboxes included, when a
 * submission overruns its deadline, and starts another.
 */
import { parseArgs } from "node:util";
import { gradeSubmission } from "../grade.ts";
import { loadSuites } from "../labs.ts";
import { hiddenVisibilityOption, readSubmission, seedOption } from "./inputs.ts";
import { findCliLab } from "./labs-dir.ts";
import { UsageError } from "./usage.ts";
import { JOBS_PER_PROCESS, type WorkerJob, type WorkerReply } from "./grading-pool.ts";
import { CompilerProcess } from "../sandbox/limited-compile.ts";
import { sandboxesAhead } from "./sandbox-ahead.ts";

export async function gradeWorkerCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { public: { type: "boolean" }, seed: { type: "string" }, "hidden-visibility": { type: "string" } },
  });
  const [labId] = positionals;
  if (labId === undefined || positionals.length > 1 || process.send === undefined) {
    throw new UsageError("wirelab grade-worker is started by grade-all, over an IPC channel");
  }
  const lab = findCliLab(labId);
  await loadSuites(lab);
  // One compiler process serves many submissions (it runs no learner code; see CompilerProcess).
  let compiler = new CompilerProcess(lab.limits, JOBS_PER_PROCESS);
  const compile = (source: string) => {
    if (!compiler.usable) compiler = new CompilerProcess(lab.limits, JOBS_PER_PROCESS);
    return compiler.compile(source);
  };
  const options = {
    compile,
    startSandbox: sandboxesAhead(),
    publicOnly: values.public ?? false,
    seed: seedOption(values.seed),
    hiddenVisibility: hiddenVisibilityOption(values["hidden-visibility"]),
  };
  const reply = (message: WorkerReply) => process.send!(message);
  await new Promise<void>((resolve) => {
    process.on("message", (job: WorkerJob) => {
      void grade(job.file).then(reply);
    });
    process.on("disconnect", resolve);
    reply({ kind: "ready" });
  });

  async function grade(file: string): Promise<WorkerReply> {
    try {
      return { kind: "graded", result: await gradeSubmission(lab, readSubmission(file), options) };
    } catch (error) {
      // As `wirelab grade` would exit: 2 for the file as given (too large, unreadable), 1 for the grader.
      if (error instanceof UsageError) return { kind: "problem", message: error.message };
      return { kind: "fault", message: error instanceof Error ? error.message : String(error) };
    }
  }
}
