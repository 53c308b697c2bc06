/**
 * Grading benchmarks: one framing submission graded end to end (hidden and
 * public suites, sandbox start included), and a class of 50 with grade-all
 * (the median of three runs). The baseline, measured in the same run, is
 * starting bare Node processes: the floor for any grader that isolates a
 * submission in its own process.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { gradeSubmission } from "#grader/grade.ts";
import { findLab, loadMutants } from "#grader/labs.ts";
import { cpuMsWithChildren, report, sampleOf, times } from "./measure.ts";

/** The class grade-all grades: the reference, the starter and every mutant, in turn. */
const CLASS_SIZE = 50;
/** grade-all runs, for a median: each takes half a minute. */
const CLASS_RUNS = 3;

export async function gradingBenchmarks(): Promise<void> {
  const lab = findLab("framing");
  const solution = readFileSync(lab.files.solution, "utf8");
  // Baseline and grading alternate, so a burst of load hits both alike.
  const bareRuns: number[] = [];
  const gradeRuns: number[] = [];
  const bareCpu: number[] = [];
  const gradeCpu: number[] = [];
  for (let i = 0; i < 7; i++) {
    let cpu = cpuMsWithChildren();
    bareRuns.push((await times(1, () => execFileSync(process.execPath, ["-e", "0"]))).median);
    if (cpu !== undefined) bareCpu.push(cpuMsWithChildren()! - cpu);
    cpu = cpuMsWithChildren();
    gradeRuns.push((await times(1, () => gradeSubmission(lab, solution))).median);
    if (cpu !== undefined) gradeCpu.push(cpuMsWithChildren()! - cpu);
  }
  report("bare node process start (baseline)", sampleOf(bareRuns), "ms");
  report("grade one framing submission, all tests, sandbox included", sampleOf(gradeRuns), "ms (goal < 1000)");
  report("grade one submission vs bare process start", sampleOf(gradeRuns.map((g, i) => g / bareRuns[i]!)), "x");
  // CPU time, grader and its children (compiler, sandbox) together: what a busy machine does not inflate much.
  if (bareCpu.length > 0) {
    report("bare node process start, CPU time (baseline)", sampleOf(bareCpu), "ms");
    report("grade one framing submission, CPU time of grader and children", sampleOf(gradeCpu), "ms");
  }

  const dir = mkdtempSync(join(tmpdir(), "wirelab-class-"));
  try {
    const sources = [solution, readFileSync(lab.files.starter, "utf8"), ...(await loadMutants(lab)).map((m) => m.source)];
    for (let i = 0; i < CLASS_SIZE; i++) writeFileSync(join(dir, `student${String(i).padStart(2, "0")}.ts`), sources[i % sources.length]!);
    // Each run of grade-all follows its own baseline, so a change of machine speed between runs shows in both.
    const bareClass: number[] = [];
    const classRuns: number[] = [];
    const classCpu: number[] = [];
    for (let i = 0; i < CLASS_RUNS; i++) {
      bareClass.push(await bareStarts(CLASS_SIZE, availableParallelism()));
      const { seconds, cpuSeconds } = gradeAll(dir);
      classRuns.push(seconds);
      if (cpuSeconds !== undefined) classCpu.push(cpuSeconds);
    }
    report(`${CLASS_SIZE} bare node process starts, ${availableParallelism()} at a time (baseline)`, sampleOf(bareClass), "s");
    report(`grade-all ${CLASS_SIZE} framing submissions`, sampleOf(classRuns), "s (goal < 30)");
    report("grade-all vs its bare process starts", sampleOf(classRuns.map((g, i) => g / bareClass[i]!)), "x");
    if (classCpu.length > 0) {
      // Only processes that were waited for count: each retired grading process's compiler and spare
      // sandbox die with it, unreaped, so this falls short of the true total (by some 4 s for this class).
      report(`grade-all ${CLASS_SIZE} framing submissions, CPU time of the processes it waited for`, sampleOf(classCpu), "s (2 cores give 60 s in 30 s)");
      report("grade-all, CPU time per submission", sampleOf(classCpu), "ms", CLASS_SIZE / 1000);
      // How much of the machine's processors grading kept busy: below 1 (100%), some stood idle.
      report("grade-all, processors kept busy", sampleOf(classCpu.map((c, i) => c / classRuns[i]! / availableParallelism())), "of all");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs grade-all over `dir`: its wall-clock time, and the CPU time of the processes it waited for (where /proc has it). */
function gradeAll(dir: string): { seconds: number; cpuSeconds: number | undefined } {
  const cli = join(import.meta.dirname, "../../grader/cli/main.ts");
  const start = performance.now();
  const cpu = cpuMsWithChildren();
  const run = spawnSync(process.execPath, [cli, "grade-all", "framing", dir, "--csv", join(dir, "grades.csv")], { encoding: "utf8" });
  const seconds = (performance.now() - start) / 1000;
  if (run.status !== 0) throw new Error(`grade-all failed: ${run.stderr}`);
  return { seconds, cpuSeconds: cpu === undefined ? undefined : (cpuMsWithChildren()! - cpu) / 1000 };
}

/** Seconds to start and end `count` bare Node processes, `parallel` at a time: what grade-all's own process starts cost at the least. */
async function bareStarts(count: number, parallel: number): Promise<number> {
  const start = performance.now();
  let next = 0;
  const lane = async () => {
    while (next++ < count) await new Promise<void>((resolve) => execFile(process.execPath, ["-e", "0"], () => resolve()));
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return (performance.now() - start) / 1000;
}
