/**
 * `wirelab grade-all <lab> <dir> --csv grades.csv`: grades every submission
 * in a folder, each in a compiler process and a sandbox process of its own
 * and with an overall deadline, driven by a pool of grading processes
 * (grading-pool.ts) that are replaced whenever a submission ends badly, so
 * one submission can change nobody's score but its own. Every entry of the folder ends as a CSV row or a warning saying why
 * not; the CSV is written atomically, each full result as JSON beside it.
 */
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, extname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadSuites } from "../labs.ts";
import { csvLine, oneLine } from "./csv.ts";
import { findSubmissions } from "./find-submissions.ts";
import { defaultDeadlineMs, type IsolatedOutcome } from "./grade-isolated.ts";
import { GradingPool } from "./grading-pool.ts";
import { seedOption } from "./inputs.ts";
import { findCliLab, labsDir } from "./labs-dir.ts";
import { UsageError } from "./usage.ts";
import { forEachConcurrently } from "../concurrently.ts";

const USAGE =
  "Usage: wirelab grade-all <lab> <dir> --csv FILE [--jobs N] [--file NAME] [--roster FILE] [--deadline SECONDS] [--public] [--seed N]";
export const CSV_HEADER = ["student", "score", "max_score", "percent", "passed", "failed", "seconds", "status", "problem"];

export async function gradeAllCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      csv: { type: "string" },
      jobs: { type: "string" },
      file: { type: "string" },
      roster: { type: "string" },
      deadline: { type: "string" },
      public: { type: "boolean" },
      seed: { type: "string" },
    },
  });
  const [labId, dir] = positionals;
  if (labId === undefined || dir === undefined || values.csv === undefined || positionals.length > 2) throw new UsageError(USAGE);
  const lab = findCliLab(labId);
  const seed = seedOption(values.seed);
  const publicOnly = values.public ?? false;
  const jobs = jobsOption(values.jobs);
  const csvPath = resolve(values.csv);
  const jsonDir = join(dirname(csvPath), `${basename(csvPath, extname(csvPath))}-results`);
  checkOutput(csvPath, jsonDir);
  const roster = values.roster === undefined ? undefined : readRoster(values.roster);

  // Everything about the folder is settled before the first submission is graded.
  const { submissions, warnings } = findSubmissions(dir, lab.meta.id, values.file);
  // Entry names are the students': never let one paint the terminal.
  for (const warning of warnings) console.error(`wirelab: warning: ${oneLine(warning, 500)}`);
  const suites = await loadSuites(lab);
  const tests = publicOnly ? suites.public.tests : [...suites.public.tests, ...suites.hidden.tests];
  const maxScore = tests.reduce((sum, test) => sum + test.points, 0);
  const deadlineMs = deadlineOption(values.deadline, tests.length, lab.limits.timeMsPerRun);
  const missing = roster === undefined ? [] : roster.filter((student) => !submissions.some((s) => s.student === student));
  if (roster !== undefined) {
    const strangers = submissions.filter((s) => !roster.includes(s.student)).map((s) => s.student);
    if (strangers.length > 0) console.error(`wirelab: warning: ${oneLine(`not on the roster (graded all the same): ${strangers.join(", ")}`, 2000)}`);
  }
  if (submissions.length + missing.length === 0) throw new UsageError(`Nothing to grade in ${dir}: no .ts file or student folder, and no roster`);

  mkdirSync(jsonDir, { recursive: true });
  const rows = new Map<string, string[]>();
  let faults = 0;
  const started = performance.now();
  const pool = new GradingPool(lab.meta.id, { publicOnly, seed, deadlineMs, labsDir: labsDir() });
  try {
    await forEachConcurrently(submissions, jobs, async (submission) => {
      const outcome: IsolatedOutcome =
        submission.file === undefined ? { kind: "problem", message: submission.problem ?? "" } : await pool.grade(submission.file);
      if (outcome.kind === "graded") writeAtomically(join(jsonDir, `${submission.student}.json`), JSON.stringify(outcome.result, null, 2) + "\n");
      if (outcome.kind === "fault") faults++;
      const row = csvRow(submission.student, maxScore, outcome);
      rows.set(submission.student, row);
      console.log(`${oneLine(submission.student, 80)}: ${row[1] || "-"} / ${maxScore}${row[8] ? `  (${row[7]}: ${row[8]})` : ""}`);
    });
  } finally {
    pool.close();
  }
  for (const student of missing) rows.set(student, [student, "0", String(maxScore), "0.0", "0", "0", "0", "missing", "nothing submitted"]);

  const sorted = [...rows.keys()].sort((a, b) => a.localeCompare(b)).map((student) => rows.get(student)!);
  writeAtomically(csvPath, [CSV_HEADER, ...sorted].map(csvLine).join("\n") + "\n");
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Graded ${submissions.length} submissions in ${seconds} s with ${jobs} jobs: ${sorted.length} rows in ${csvPath}, ${jsonDir}/`);
  if (faults > 0) throw new Error(`${faults} submissions could not be graded (grader faults); see the "status" and "problem" columns`);
}

/** A CSV row: a problem row still says out of how many points; a fault has no score at all. */
function csvRow(student: string, maxScore: number, outcome: IsolatedOutcome): string[] {
  if (outcome.kind === "problem") return [student, "0", String(maxScore), "0.0", "0", "0", "0", "problem", oneLine(outcome.message)];
  if (outcome.kind === "fault") return [student, "", String(maxScore), "", "", "", "", "fault", oneLine(outcome.message)];
  const result = outcome.result;
  const passed = result.tests.filter((test) => test.status === "passed").length;
  const percent = result.max_score === 0 ? 0 : (100 * result.score) / result.max_score;
  return [
    student,
    String(result.score),
    String(result.max_score),
    percent.toFixed(1),
    String(passed),
    String(result.tests.length - passed),
    result.execution_time.toFixed(2),
    "graded",
    "",
  ];
}

/** --jobs: at most one per processor, since more only makes every submission slower; asking for more says so. */
function jobsOption(text: string | undefined): number {
  const cores = availableParallelism();
  if (text === undefined) return cores;
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a whole number >= 1, got "${text}"`);
  if (jobs > cores) {
    console.error(`wirelab: warning: --jobs ${jobs} is more than the ${cores} processors here; grading ${cores} at a time`);
    return cores;
  }
  return jobs;
}

/** --deadline in seconds, or the default safety net. */
function deadlineOption(text: string | undefined, tests: number, timeMsPerRun: number): number {
  if (text === undefined) return defaultDeadlineMs(tests, timeMsPerRun);
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--deadline takes a number of seconds > 0, got "${text}"`);
  return seconds * 1000;
}

/** Fails now, not after an hour of grading, if the CSV or the results folder cannot be written. */
function checkOutput(csvPath: string, jsonDir: string): void {
  const folder = dirname(csvPath);
  try {
    if (!statSync(folder).isDirectory()) throw new Error();
    accessSync(folder, constants.W_OK);
  } catch {
    throw new UsageError(`Cannot write ${csvPath}: ${folder} is not a writable folder`);
  }
  if (existsSync(csvPath) && !statSync(csvPath).isFile()) throw new UsageError(`Cannot write ${csvPath}: it is not a file`);
  if (existsSync(jsonDir) && !statSync(jsonDir).isDirectory()) throw new UsageError(`Cannot write results to ${jsonDir}: it is not a folder`);
}

/** One student per line; blank lines and `#` comments are skipped. */
function readRoster(path: string): string[] {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(`Cannot read the roster ${path}`);
  }
  const names = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
  const twice = names.filter((name, index) => names.indexOf(name) !== index);
  if (twice.length > 0) throw new UsageError(`The roster ${path} names some students twice: ${[...new Set(twice)].join(", ")}`);
  return names;
}

/** Writes a whole file or nothing: a reader never sees half a CSV. */
function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

