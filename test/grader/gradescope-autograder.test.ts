/**
 * The Gradescope autograder, unzipped into a fake /autograder and run as
 * Gradescope runs it: hidden-test visibility as exported, a summary that
 * counts public tests only, the shared file-picking rule, a plain sentence
 * (never help text) for a file that cannot be graded, and a grader fault
 * as a failed run (no results.json, exit 1), not a 0.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { findLab } from "#grader/labs.ts";
import type { GradeResult } from "#grader/results.ts";
import { ROOT, wirelab } from "./fixtures/grade-all.ts";

const lab = findLab("framing");
const work = mkdtempSync(join(tmpdir(), "wirelab-gradescope-"));
// The sandbox may run as nobody, who must be able to read the unzipped autograder.
chmodSync(work, 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Results = GradeResult & { stdout_visibility?: string };

/** Exports the autograder with `options` and lays it out as Gradescope does; returns its root. */
async function autograder(name: string, ...options: string[]): Promise<string> {
  const zipPath = join(work, `${name}.zip`);
  const exported = await wirelab("export", "gradescope", "framing", "-o", zipPath, ...options);
  expect(exported.status, exported.stderr).toBe(0);
  const root = join(work, name);
  for (const [path, bytes] of Object.entries(unzipSync(readFileSync(zipPath)))) {
    mkdirSync(join(root, "source", path, ".."), { recursive: true });
    writeFileSync(join(root, "source", path), bytes, { mode: path === "run_autograder" ? 0o755 : 0o644 });
  }
  // Our node_modules stands in for what setup.sh installs.
  symlinkSync(join(ROOT, "node_modules"), join(root, "source", "node_modules"));
  return root;
}

/** Runs run_autograder on `files` (name → text) as the submission. */
function submit(root: string, files: Record<string, string>): { status: number | null; stdout: string; results: Results | undefined } {
  rmSync(join(root, "submission"), { recursive: true, force: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, "submission", name, ".."), { recursive: true });
    writeFileSync(join(root, "submission", name), text);
  }
  const run = spawnSync("bash", [join(root, "source", "run_autograder")], { encoding: "utf8", env: { ...process.env, AUTOGRADER_ROOT: root } });
  const resultsFile = join(root, "results", "results.json");
  const results = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, "utf8")) as Results) : undefined;
  return { status: run.status, stdout: run.stdout + run.stderr, results };
}

const solution = readFileSync(lab.files.solution, "utf8");
const starter = readFileSync(lab.files.starter, "utf8");

describe("the Gradescope autograder", () => {
  it("shows public tests at once and hidden ones as the instructor chose; the summary counts public tests only", async () => {
    const root = await autograder("hidden", "--hidden-visibility", "hidden");
    const { status, results } = submit(root, { "framing.ts": starter });
    expect(status).toBe(0);
    const visibilities = new Set(results!.tests.map((test) => test.visibility));
    expect([...visibilities].sort()).toEqual(["hidden", "visible"]);
    const visible = results!.tests.filter((test) => test.visibility === "visible");
    const passed = visible.filter((test) => test.status === "passed").length;
    expect(results!.output).toMatch(new RegExp(`^Message framing: ${passed} of ${visible.length} public tests passed \\(`));
    expect(results!.output).not.toContain(`of ${results!.tests.length}`);
    expect(results!.stdout_visibility).toBe("hidden");
  }, 120_000);

  it("shows hidden tests after the due date by default, and takes a folder's framing.ts among other files", async () => {
    const root = await autograder("default");
    const { status, results } = submit(root, { "notes.ts": "export {};\n", "src/framing.ts": solution });
    expect(status).toBe(0);
    expect(results!.score).toBe(results!.max_score);
    expect(new Set(results!.tests.filter((t) => t.visibility !== "visible").map((t) => t.visibility))).toEqual(new Set(["after_due_date"]));

    // The same rule as grade-all: several .ts files and none named framing.ts is a stated problem.
    const several = submit(root, { "a.ts": starter, "b.ts": starter });
    expect(several.results).toMatchObject({ score: 0, tests: [], output: expect.stringContaining("2 .ts files and none named framing.ts") });

    // Over 1 MB: a plain sentence, never the CLI's help text.
    const big = submit(root, { "framing.ts": `${starter}\n// ${"x".repeat(1_100_000)}\n` });
    expect(big.status).toBe(0);
    expect(big.results!.score).toBe(0);
    expect(big.results!.output).toMatch(/too large to grade: \d+ bytes, and the limit is 1 MB/);
    expect(big.results!.output).not.toMatch(/Usage|wirelab grade|--format/);
  }, 120_000);

  it("records a grader fault as a failed run, with the reason for the instructor only", async () => {
    const root = await autograder("broken");
    // A broken autograder: the lab's harness cannot load.
    writeFileSync(join(root, "source", "labs", "framing", "harness.ts"), "throw new Error('harness broken');\n");
    mkdirSync(join(root, "results"), { recursive: true });
    writeFileSync(join(root, "results", "results.json"), "{}");
    const { status, stdout, results } = submit(root, { "framing.ts": solution });
    expect(status).toBe(1);
    expect(results).toBeUndefined();
    expect(stdout).toMatch(/Grader fault \(not the student's doing\), so no results\.json was written: /);
  }, 120_000);
});

describe("wirelab export gradescope", () => {
  it("refuses an unknown visibility", async () => {
    const run = await wirelab("export", "gradescope", "framing", "-o", join(work, "x.zip"), "--hidden-visibility", "sometimes");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--hidden-visibility takes hidden, after_due_date, after_published");
  }, 60_000);
});
