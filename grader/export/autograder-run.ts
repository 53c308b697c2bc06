/**
 * What Gradescope's `run_autograder` runs for each submission:
 * `node grader/export/autograder-run.ts <lab> [--hidden-visibility V] [--file NAME]`.
 *
 * - The file is picked by the same rule as `grade-all` (pick-submission.ts).
 * - A submission that cannot be graded (no file, several, over 1 MB) gets a
 *   0 and one plain sentence saying why: never the CLI's help text.
 * - A fault of the grader is a failed run, not a score: no results.json,
 *   exit 1, and the reason on stdout, which Gradescope shows to instructors
 *   only; the student sees Gradescope's "The autograder failed to execute
 *   correctly" and can be regraded (Gradescope's troubleshooting guide:
 *   a missing or malformed results.json fails the run).
 * - `stdout_visibility: "hidden"` keeps the grader's log from students.
 *
 * AUTOGRADER_ROOT (default /autograder) exists for testing.
 */
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { defaultDeadlineMs, gradeIsolated } from "../cli/grade-isolated.ts";
import { hiddenVisibilityOption, MAX_SUBMISSION_BYTES } from "../cli/inputs.ts";
import { pickSubmissionFile } from "../cli/pick-submission.ts";
import { findLab, loadSuites } from "../labs.ts";

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: { "hidden-visibility": { type: "string" }, file: { type: "string" } },
});
const labId = positionals[0] ?? "";
const root = process.env.AUTOGRADER_ROOT ?? "/autograder";
const resultsFile = join(root, "results", "results.json");
mkdirSync(join(root, "results"), { recursive: true });
rmSync(resultsFile, { force: true });
process.exitCode = await main();

async function main(): Promise<number> {
  try {
    const hiddenVisibility = hiddenVisibilityOption(values["hidden-visibility"]);
    const lab = findLab(labId);
    const picked = pickSubmissionFile(join(root, "submission"), lab.meta.id, values.file);
    const expected = values.file ?? `${lab.meta.id}.ts`;
    if (!picked.ok) return studentProblem(`This submission could not be graded: ${picked.problem}. Submit one TypeScript file named ${expected}.`);
    const size = statSync(picked.file).size;
    if (size > MAX_SUBMISSION_BYTES) {
      return studentProblem(`Your file ${picked.relative} is too large to grade: ${size} bytes, and the limit is 1 MB (${MAX_SUBMISSION_BYTES} bytes).`);
    }
    const suites = await loadSuites(lab);
    const deadlineMs = defaultDeadlineMs(suites.public.tests.length + suites.hidden.tests.length, lab.limits.timeMsPerRun);
    console.log(`Grading ${picked.relative} for ${lab.meta.id} (hidden tests: ${hiddenVisibility})`);
    const outcome = await gradeIsolated(lab.meta.id, picked.file, { hiddenVisibility, deadlineMs });
    if (outcome.kind !== "graded") return graderFault(outcome.message);
    writeResults({ ...outcome.result, stdout_visibility: "hidden" });
    console.log(`Score: ${outcome.result.score} / ${outcome.result.max_score}`);
    return 0;
  } catch (error) {
    return graderFault(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}

function studentProblem(message: string): number {
  console.log(message);
  writeResults({ score: 0, output: message, stdout_visibility: "hidden", tests: [] });
  return 0;
}

function graderFault(message: string): number {
  // No results.json: Gradescope records a failed run (regrade it), not a 0.
  rmSync(resultsFile, { force: true });
  console.log(`Grader fault (not the student's doing), so no results.json was written: ${message}`);
  return 1;
}

function writeResults(results: object): void {
  const temporary = `${resultsFile}.tmp`;
  writeFileSync(temporary, JSON.stringify(results, null, 2) + "\n");
  renameSync(temporary, resultsFile);
}
