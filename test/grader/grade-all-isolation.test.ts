/**
 * One student can never change another's grade: a class of honest students
 * (the reference solution, two small bugs made from it, the starter) graded
 * together with hostile ones gets, student for student and test for test,
 * the result each gets when graded alone, including honest students graded
 * after the hostile ones by the same grading processes (grading-pool.ts).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findLab, loadSuites } from "#grader/labs.ts";
import type { GradeResult } from "#grader/results.ts";
import { parseCsv, wirelab } from "./fixtures/grade-all.ts";

const lab = findLab("framing");
const suites = await loadSuites(lab);
const fullMarks = String([...suites.public.tests, ...suites.hidden.tests].reduce((sum, test) => sum + test.points, 0));
const work = mkdtempSync(join(tmpdir(), "wirelab-isolation-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const solution = readFileSync(lab.files.solution, "utf8");
const starter = readFileSync(lab.files.starter, "utf8");

/** The solution with one edit; fails loudly if the edit no longer applies. */
function bug(from: string, to: string): string {
  if (!solution.includes(from)) throw new Error(`The framing solution no longer contains ${JSON.stringify(from)}: update this test's bug`);
  return solution.replace(from, to);
}

/** Graded in name order, so the last three come after every hostile one, from the same grading processes. */
const honest: Record<string, string> = {
  alice: solution,
  "bob/framing.ts": solution,
  "carol-limit": bug("if (payload.length > maxFrame) {", "if (payload.length >= maxFrame) {"),
  "dan-escape": bug("const ESC_END = 0xdc;", "const ESC_END = 0xdd;"),
  erin: starter,
  "xena-escape": bug("const ESC_END = 0xdc;", "const ESC_END = 0xdd;"),
  yusuf: solution,
  "zoe/framing.ts": starter,
};

const nested = `function deep(): unknown { let v: unknown = []; for (let i = 0; i < 10000; i++) v = [v]; return v; }
export const DEFAULT_MAX_FRAME = 65536;
export class FramingError extends Error {}
export function encodeLengthPrefixed(): unknown { return deep(); }
export function encodeSlip(): unknown { return deep(); }
export class LengthPrefixedDecoder { push(): unknown { return deep(); } }
export class SlipDecoder { push(): unknown { return deep(); } }
`;

const hostile: Record<string, string> = {
  "h-loop": `while (true) {}\n${starter}`,
  "h-memory": `const hoard: unknown[] = [];\nwhile (true) hoard.push(new Array(1e6).fill(7));\n${starter}`,
  "h-nested": nested,
  "h-fake-score": `console.log("\\r\\x1b[2K\\x1b[32mScore: 98 / 98\\x1b[0m\\n39 passed, 0 failed\\r");\n${starter}`,
  "h-exit": `try { (globalThis as any).process.exit(0); } catch {}\ntry { (globalThis as any).process.kill((globalThis as any).process.ppid); } catch {}\n${starter}`,
  "h-compile-bomb": `export const bomb = ${"(".repeat(100_000)}1${")".repeat(100_000)};\n${starter}`,
};

function place(dir: string, name: string, source: string): string {
  const path = join(dir, name.includes("/") ? name : `${name}.ts`);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, source);
  return path;
}

describe("grade-all with hostile classmates", () => {
  it("gives every honest student the result they get alone, and every student a row", async () => {
    const dir = join(work, "class");
    const paths = Object.fromEntries(Object.entries(honest).map(([name, source]) => [name.split("/")[0]!, place(dir, name, source)]));
    for (const [name, source] of Object.entries(hostile)) place(dir, name, source);
    copyFileSync(lab.files.solution, join(dir, "ghost.ts.bak"));

    const csv = join(work, "grades.csv");
    const run = await wirelab("grade-all", "framing", dir, "--csv", csv, "--jobs", "40");
    console.log(`grade-all over ${Object.keys(honest).length} honest and ${Object.keys(hostile).length} hostile students: ${run.seconds.toFixed(1)} s`);
    expect(run.stderr).toMatch(/--jobs 40 is more than the \d+ processors here/);
    const rows = parseCsv(readFileSync(csv, "utf8"));
    const byStudent = new Map(rows.map((row) => [row.student!, row]));
    // Every entry is a row: honest, hostile, and the stray file with its reason.
    expect([...byStudent.keys()].sort()).toEqual([...Object.keys(paths), ...Object.keys(hostile), "ghost.ts"].sort());
    expect(byStudent.get("ghost.ts")).toMatchObject({ status: "problem", score: "0", max_score: fullMarks });
    for (const name of Object.keys(hostile)) {
      const row = byStudent.get(name)!;
      expect(["graded", "fault"], `${name}: ${row.problem}`).toContain(row.status);
      expect(row.score === "0" || row.score === "", `${name} scored ${row.score}`).toBe(true);
      expect(row.max_score).toBe(fullMarks);
    }
    console.log(`hostile rows: ${Object.keys(hostile).map((name) => `${name} ${byStudent.get(name)!.status} ${byStudent.get(name)!.score || "-"}`).join(", ")}`);
    const faults = rows.filter((row) => row.status === "fault").length;
    expect(run.status, run.stderr).toBe(faults > 0 ? 1 : 0);
    expect(run.stdout).not.toContain("\x1b");

    // Each honest student's source alone (one run serves the students who share it).
    const sources = [...new Set(Object.values(honest))];
    const aloneBySource = new Map(
      await Promise.all(
        sources.map(async (source, index) => {
          const path = place(join(work, "alone"), `source${index}`, source);
          const single = await wirelab("grade", "framing", path, "--format", "json");
          expect(single.status, single.stderr).toBe(0);
          return [source, JSON.parse(single.stdout) as GradeResult] as const;
        }),
      ),
    );
    const alone = Object.entries(honest).map(([name, source]) => [name.split("/")[0]!, aloneBySource.get(source)!] as const);
    for (const [name, result] of alone) {
      const row = byStudent.get(name)!;
      expect(row, name).toMatchObject({ status: "graded", score: String(result.score), max_score: String(result.max_score) });
      const together = JSON.parse(readFileSync(join(work, "grades-results", `${name}.json`), "utf8")) as GradeResult;
      expect(together.tests.map((t) => [t.name, t.score, t.output]), name).toEqual(result.tests.map((t) => [t.name, t.score, t.output]));
    }
    console.log(`honest scores, together = alone: ${alone.map(([name, result]) => `${name} ${result.score}`).join(", ")}`);
    // The bugs cost points and the starter is no solution: the class really was mixed.
    const scores = Object.fromEntries(alone.map(([name, result]) => [name, result.score]));
    const full = Number(fullMarks);
    expect(scores).toMatchObject({ alice: full, bob: full, yusuf: full });
    expect(scores["carol-limit"]).toBeLessThan(full);
    expect(scores["dan-escape"]).toBeLessThan(full);
    expect(scores.erin).toBeLessThan(full);
  }, 600_000);
});
