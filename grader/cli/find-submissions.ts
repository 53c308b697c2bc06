/**
 * The students in a `grade-all` folder: every entry becomes a submission
 * (a file to grade, or the problem that stops it) or a warning, so 41
 * entries never quietly become 39 rows. `name.ts` is the student `name`; a
 * folder is a student whose file is picked by pick-submission.ts.
 */
import { accessSync, constants, lstatSync, readdirSync } from "node:fs";
import { extname, join } from "node:path";
import { oneLine } from "./csv.ts";
import { pickSubmissionFile } from "./pick-submission.ts";
import { UsageError } from "./usage.ts";

/** One student: their file, or why there is none to grade. */
export interface Submission {
  readonly student: string;
  /** The entry of the folder this came from (`alice.ts`, `alice/`). */
  readonly entry: string;
  readonly file: string | undefined;
  readonly problem?: string;
}

/** The folder's submissions, sorted by student, and warnings for entries that are not graded normally. */
export function findSubmissions(dir: string, labId: string, named?: string): { submissions: Submission[]; warnings: string[] } {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    throw new UsageError(`Cannot read the folder ${dir}`);
  }
  const submissions: Submission[] = [];
  const warnings: string[] = [];
  const problem = (student: string, entry: string, text: string) => {
    warnings.push(`${entry}: ${text}`);
    submissions.push({ student, entry, file: undefined, problem: text });
  };
  for (const name of names) {
    const path = join(dir, name);
    if (name.startsWith(".")) {
      warnings.push(`${name}: skipped (a hidden entry, not a student)`);
      continue;
    }
    const student = name.endsWith(".ts") ? name.slice(0, -3) : name.slice(0, name.length - extname(name).length) || name;
    let stats;
    try {
      stats = lstatSync(path);
    } catch {
      problem(student, name, "cannot be read");
      continue;
    }
    if (stats.isSymbolicLink()) {
      problem(student, name, "a symbolic link, not followed: copy the submission itself into the folder");
    } else if (stats.isDirectory()) {
      const picked = pickSubmissionFile(path, labId, named);
      if (picked.ok) submissions.push({ student: name, entry: `${name}/`, file: picked.file });
      else problem(name, `${name}/`, picked.problem);
    } else if (!stats.isFile()) {
      problem(student, name, "not a file or a folder");
    } else if (!name.endsWith(".ts")) {
      problem(student, name, `not a TypeScript file (${name}): submissions are .ts files`);
    } else if (!readable(path)) {
      problem(student, name, "cannot be read (permissions)");
    } else {
      submissions.push({ student, entry: name, file: path });
    }
  }
  rejectDuplicates(submissions);
  return { submissions: submissions.sort((a, b) => a.student.localeCompare(b.student)), warnings };
}

/** Two entries for one student would give two rows and one JSON file overwriting the other: refuse before grading. */
function rejectDuplicates(submissions: readonly Submission[]): void {
  const byName = new Map<string, string[]>();
  for (const { student, entry } of submissions) {
    // Case-insensitive: alice.ts and Alice/ are one JSON file on macOS and Windows.
    const key = student.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), entry]);
  }
  const clashes = [...byName.values()].filter((entries) => entries.length > 1);
  if (clashes.length > 0) {
    const list = oneLine(clashes.map((entries) => entries.join(" and ")).join("; "), 2000);
    throw new UsageError(`Several entries for the same student: ${list}. Keep one per student and grade again.`);
  }
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
