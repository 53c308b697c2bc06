/**
 * Grading benchmarks: one framing submission graded end to end (hidden and
 * public suites, sandbox start included), and a class of 50 with grade-all.
 * The baseline, measured in the same run, is starting a bare Node process:
 * the floor for any grader that isolates a submission in its own process.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { gradeSubmission } from "#grader/grade.ts";
import { findLab, loadMutants } from "#grader/labs.ts";
import { cpuMsWithChildren, report, sampleOf, times } from "./measure.ts";

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
    for (let i = 0; i < 50; i++) writeFileSync(join(dir, `student${String(i).padStart(2, "0")}.ts`), sources[i % sources.length]!);
    const cli = join(import.meta.dirname, "../../grader/cli/main.ts");
    const start = performance.now();
    const cpu = cpuMsWithChildren();
    const run = spawnSync(process.execPath, [cli, "grade-all", "framing", dir, "--csv", join(dir, "grades.csv")], { encoding: "utf8" });
    const seconds = (performance.now() - start) / 1000;
    if (run.status !== 0) throw new Error(`grade-all failed: ${run.stderr}`);
    report("grade-all 50 framing submissions", seconds, "s (goal < 30)");
    if (cpu !== undefined) {
      const cpuSeconds = (cpuMsWithChildren()! - cpu) / 1000;
      report("grade-all 50 framing submissions, CPU time of all its processes", cpuSeconds, "s (2 cores give 60 s in 30 s)");
      report("grade-all, CPU time per submission", (1000 * cpuSeconds) / 50, "ms");
      // How much of the machine's processors grading kept busy: below 1 (100%), some stood idle.
      report("grade-all, processors kept busy", cpuSeconds / seconds / availableParallelism(), "of all");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
