/**
 * grade-all's folder handling: every entry is a row or a stated reason,
 * duplicates are refused before grading, the CSV is safe in a spreadsheet
 * and written atomically, a bad output path fails first, and the one
 * file-picking rule (shared with Gradescope) is exact.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { csvCell, csvLine, oneLine } from "#grader/cli/csv.ts";
import { pickSubmissionFile } from "#grader/cli/pick-submission.ts";
import { findLab, loadSuites } from "#grader/labs.ts";
import { parseCsv, wirelab } from "./fixtures/grade-all.ts";

const lab = findLab("framing");
const suites = await loadSuites(lab);
const publicMarks = String(suites.public.tests.reduce((sum, test) => sum + test.points, 0));
const fullMarks = [...suites.public.tests, ...suites.hidden.tests].reduce((sum, test) => sum + test.points, 0);
const work = mkdtempSync(join(tmpdir(), "wirelab-folders-"));
chmodSync(work, 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("the file-picking rule", () => {
  it("takes --file, else the one <lab>.ts, else the only .ts file, and states every other case", () => {
    const pick = (files: Record<string, string>, named?: string) => {
      const dir = tree(`pick-${Math.random().toString(36).slice(2)}`, files);
      const picked = pickSubmissionFile(dir, "framing", named);
      return picked.ok ? picked.relative : picked.problem;
    };
    expect(pick({ "framing.ts": "", "notes.ts": "" })).toBe("framing.ts");
    expect(pick({ "src/framing.ts": "", "test/a.ts": "" })).toBe("src/framing.ts");
    expect(pick({ "mine.ts": "", "README.md": "" })).toBe("mine.ts");
    expect(pick({ "a.ts": "", "b.ts": "" })).toBe("2 .ts files and none named framing.ts (found: a.ts, b.ts)");
    expect(pick({ "a/framing.ts": "", "b/framing.ts": "" })).toBe("several framing.ts files: a/framing.ts, b/framing.ts");
    expect(pick({ "framing.js": "" })).toBe("no .ts file");
    expect(pick({})).toBe("no .ts file");
    expect(pick({ "a.ts": "", "lib/framing.ts": "" }, "a.ts")).toBe("a.ts");
    expect(pick({ "a.ts": "" }, "./src/x.ts")).toBe("no src/x.ts in the folder (found: a.ts)");
    expect(pick({ ".git/x.ts": "", "node_modules/y.ts": "", "types.d.ts": "", "z.ts": "" })).toBe("z.ts");
    const linked = tree("pick-linked", {});
    symlinkSync("/etc/hostname", join(linked, "framing.ts"));
    expect(pickSubmissionFile(linked, "framing")).toEqual({ ok: false, problem: "no .ts file (symbolic links are not followed: framing.ts)" });
    expect(pickSubmissionFile(join(work, "nowhere"), "framing")).toEqual({ ok: false, problem: "the folder cannot be read" });
  });
});

describe("CSV cells", () => {
  it("neutralise spreadsheet formulas and quote what needs it", () => {
    expect(csvCell("=HYPERLINK(\"http://x\",\"y\")")).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(["+1+2", "-3", "@SUM(A1)", "\tx", "\rx"].map(csvCell)).toEqual(["'+1+2", "'-3", "'@SUM(A1)", "'\tx", "\"'\rx\""]);
    expect(csvLine(["alice", "98", "a, b", " x"])).toBe('alice,98,"a, b"," x"');
    expect(oneLine("a\r\n\x1b[2Kb\u0000c\ud800")).toBe("a [2Kb c\ufffd");
    expect(oneLine("x".repeat(500)).length).toBe(300);
  });
});

describe("wirelab grade-all over a messy folder", () => {
  it("gives every entry a row or a warning, and neutralises names that look like formulas", async () => {
    const dir = join(work, "messy");
    mkdirSync(dir);
    copyFileSync(lab.files.solution, join(dir, "alice.ts"));
    writeFileSync(join(dir, "ivan.js"), "module.exports = {};\n");
    symlinkSync(lab.files.solution, join(dir, "mallory.ts"));
    mkdirSync(join(dir, "empty"));
    mkdirSync(join(dir, "several"));
    copyFileSync(lab.files.starter, join(dir, "several", "a.ts"));
    copyFileSync(lab.files.starter, join(dir, "several", "b.ts"));
    mkdirSync(join(dir, '=HYPERLINK("evil","x")'));
    copyFileSync(lab.files.starter, join(dir, '=HYPERLINK("evil","x")', "framing.ts"));
    mkdirSync(join(dir, "+1+2"));
    copyFileSync(lab.files.starter, join(dir, "+1+2", "framing.ts"));
    writeFileSync(join(dir, ".DS_Store"), "");
    writeFileSync(join(dir, "huge.ts"), `// ${"x".repeat(1_100_000)}\n`);
    const roster = join(work, "roster.txt");
    writeFileSync(roster, "# term 1\nalice\nivan\nzoe\n");
    const csv = join(work, "messy.csv");

    const run = await wirelab("grade-all", "framing", dir, "--csv", csv, "--public", "--roster", roster);
    expect(run.status, run.stderr).toBe(0);
    const rows = parseCsv(readFileSync(csv, "utf8"));
    const summary = Object.fromEntries(rows.map((row) => [row.student, [row.status, row.score, row.max_score, row.problem]]));
    expect(summary).toEqual({
      "'+1+2": ["graded", "0", publicMarks, ""],
      "'=HYPERLINK(\"evil\",\"x\")": ["graded", "0", publicMarks, ""],
      alice: ["graded", publicMarks, publicMarks, ""],
      empty: ["problem", "0", publicMarks, "no .ts file"],
      huge: ["problem", "0", publicMarks, expect.stringMatching(/is 1100004 bytes; submissions are at most 1 MB/)],
      ivan: ["problem", "0", publicMarks, "not a TypeScript file (ivan.js): submissions are .ts files"],
      mallory: ["problem", "0", publicMarks, "a symbolic link, not followed: copy the submission itself into the folder"],
      several: ["problem", "0", publicMarks, "2 .ts files and none named framing.ts (found: a.ts, b.ts)"],
      zoe: ["missing", "0", publicMarks, "nothing submitted"],
    });
    // 11 entries: 9 rows (one from the roster), .DS_Store with a warning, and nothing lost.
    expect(run.stderr).toContain("wirelab: warning: .DS_Store: skipped (a hidden entry, not a student)");
    expect(run.stderr).toContain("wirelab: warning: ivan.js: not a TypeScript file");
    expect(run.stderr).toContain("wirelab: warning: mallory.ts: a symbolic link");
    expect(run.stderr).toMatch(/not on the roster \(graded all the same\): \+1\+2, =HYPERLINK/);
    expect(readdirSync(join(work, "messy-results")).sort()).toEqual(['+1+2.json', '=HYPERLINK("evil","x").json', "alice.json"]);
    expect(readdirSync(work).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  }, 180_000);

  it("refuses two entries for one student before grading anything", async () => {
    const dir = tree("twice", { "alice.ts": "", "alice/framing.ts": "", "Bob.ts": "", "bob/x.ts": "", "carol.ts": "" });
    const csv = join(work, "twice.csv");
    const run = await wirelab("grade-all", "framing", dir, "--csv", csv);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^wirelab: Several entries for the same student: /);
    expect(run.stderr).toContain("alice/ and alice.ts");
    expect(run.stderr).toContain("Bob.ts and bob/");
    expect(run.stderr).not.toContain("carol");
    expect(existsSync(csv)).toBe(false);
    expect(existsSync(join(work, "twice-results"))).toBe(false);
  }, 60_000);

  it("checks the output path before grading, and rejects nonsense options", async () => {
    const dir = tree("one", { "alice.ts": readFileSync(lab.files.starter, "utf8") });
    const noFolder = await wirelab("grade-all", "framing", dir, "--csv", join(work, "no", "such", "g.csv"));
    expect(noFolder.status).toBe(2);
    expect(noFolder.stderr).toMatch(/Cannot write .*g\.csv: .* is not a writable folder/);
    expect(noFolder.stdout).toBe("");
    const aFolder = await wirelab("grade-all", "framing", dir, "--csv", dir);
    expect(aFolder.status).toBe(2);
    expect((await wirelab("grade-all", "framing", dir, "--csv", join(work, "x.csv"), "--jobs", "0")).status).toBe(2);
    expect((await wirelab("grade-all", "framing", dir, "--csv", join(work, "x.csv"), "--deadline", "soon")).status).toBe(2);
    expect((await wirelab("grade-all", "framing", dir, "--csv", join(work, "x.csv"), "--roster", join(work, "none.txt"))).status).toBe(2);
  }, 60_000);

  it("records an overrun of the overall deadline as a fault with no score, and exits 1 after writing every row", async () => {
    const dir = tree("slow", { "alice.ts": readFileSync(lab.files.starter, "utf8"), "bob.ts": readFileSync(lab.files.starter, "utf8") });
    const csv = join(work, "slow.csv");
    const run = await wirelab("grade-all", "framing", dir, "--csv", csv, "--deadline", "0.5", "--jobs", "1");
    expect(run.status).toBe(1);
    const rows = parseCsv(readFileSync(csv, "utf8"));
    expect(rows.map((row) => [row.student, row.status, row.score, row.max_score, row.problem])).toEqual([
      ["alice", "fault", "", String(fullMarks), "grading did not finish within the overall deadline of 0.5 s"],
      ["bob", "fault", "", String(fullMarks), "grading did not finish within the overall deadline of 0.5 s"],
    ]);
    expect(run.stderr).toMatch(/2 submissions could not be graded \(grader faults\)/);
  }, 60_000);
});
