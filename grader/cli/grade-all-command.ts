/**
 * `wirelab grade-all <lab> <dir> --csv grades.csv`: grades every submission
 * in a folder, several at once (each in its own sandbox process), and writes
 * one CSV row per submission plus each full result as JSON beside the CSV.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, extname, join } from "node:path";
import { parseArgs } from "node:util";
import { gradeSubmission } from "../grade.ts";
import { findLab } from "../labs.ts";
import type { GradeResult } from "../results.ts";
import { readSubmission, seedOption } from "./inputs.ts";
import { UsageError } from "./usage.ts";

/** One submission: a student's name and their file. */
interface Submission {
  readonly student: string;
  readonly file: string | undefined;
  readonly problem?: string;
}

export async function gradeAllCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { csv: { type: "string" }, jobs: { type: "string" }, public: { type: "boolean" }, seed: { type: "string" } },
  });
  const [labId, dir] = positionals;
  if (labId === undefined || dir === undefined || values.csv === undefined || positionals.length > 2) {
    throw new UsageError("Usage: wirelab grade-all <lab> <dir> --csv grades.csv [--jobs N] [--public] [--seed N]");
  }
  const lab = findLab(labId);
  const submissions = findSubmissions(dir);
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a whole number >= 1, got "${values.jobs}"`);
  const seed = seedOption(values.seed);

  const csvPath = values.csv;
  const jsonDir = join(dirname(csvPath), `${basename(csvPath, extname(csvPath))}-results`);
  mkdirSync(jsonDir, { recursive: true });
  const rows: string[][] = [];
  let faults = 0;
  const started = performance.now();
  await forEachConcurrently(submissions, jobs, async (submission) => {
    const { row, fault } = await gradeOne(submission, async (source) => {
      const result = await gradeSubmission(lab, source, { publicOnly: values.public ?? false, seed });
      writeFileSync(join(jsonDir, `${submission.student}.json`), JSON.stringify(result, null, 2) + "\n");
      return result;
    });
    rows.push(row);
    if (fault) faults++;
    console.log(`${row[0]}: ${row[1]} / ${row[2]}${row[7] ? `  (${row[7]})` : ""}`);
  });
  rows.sort((a, b) => a[0]!.localeCompare(b[0]!));
  const header = ["student", "score", "max_score", "percent", "passed", "failed", "seconds", "problem"];
  writeFileSync(csvPath, [header, ...rows].map((row) => row.map(csvField).join(",")).join("\n") + "\n");
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Graded ${rows.length} submissions in ${seconds} s with ${jobs} jobs: ${csvPath}, ${jsonDir}/`);
  if (faults > 0) throw new Error(`${faults} submissions could not be graded (grader faults); see the "problem" column`);
}

/** Every `*.ts` file in `dir`, and every sub-folder holding exactly one `.ts` file. */
function findSubmissions(dir: string): Submission[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    throw new UsageError(`Cannot read the folder ${dir}`);
  }
  const submissions: Submission[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isFile() && entry.name.endsWith(".ts")) {
      submissions.push({ student: entry.name.slice(0, -3), file: path });
    } else if (entry.isDirectory()) {
      const files = readdirSync(path).filter((name) => name.endsWith(".ts") && statSync(join(path, name)).isFile());
      if (files.length === 1) submissions.push({ student: entry.name, file: join(path, files[0]!) });
      else submissions.push({ student: entry.name, file: undefined, problem: `expected one .ts file, found ${files.length}` });
    }
  }
  if (submissions.length === 0) throw new UsageError(`No submissions in ${dir}: expected .ts files or folders holding one`);
  return submissions.sort((a, b) => a.student.localeCompare(b.student));
}

async function gradeOne(
  submission: Submission,
  grade: (source: string) => Promise<GradeResult>,
): Promise<{ row: string[]; fault: boolean }> {
  const failed = (problem: string, fault: boolean) => ({ row: [submission.student, "0", "", "0", "0", "0", "0", problem], fault });
  if (submission.file === undefined) return failed(submission.problem ?? "", false);
  try {
    const result = await grade(readSubmission(submission.file));
    const passed = result.tests.filter((test) => test.status === "passed").length;
    const percent = result.max_score === 0 ? 0 : (100 * result.score) / result.max_score;
    const row = [
      submission.student,
      String(result.score),
      String(result.max_score),
      percent.toFixed(1),
      String(passed),
      String(result.tests.length - passed),
      result.execution_time.toFixed(2),
      "",
    ];
    return { row, fault: false };
  } catch (error) {
    // One unreadable file or grader fault must not stop the class: record it and go on.
    return failed(error instanceof Error ? error.message : String(error), !(error instanceof UsageError));
  }
}

async function forEachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
