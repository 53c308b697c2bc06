/** The `wirelab` command end to end, as an instructor or CI would run it. */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync, strFromU8 } from "fflate";
import { afterAll, describe, expect, it, vi } from "vitest";
import { findLab } from "#grader/labs.ts";
import type { GradeResult } from "#grader/results.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLI = join(ROOT, "grader/cli/main.ts");
const lab = findLab("framing");
const work = mkdtempSync(join(tmpdir(), "wirelab-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
// Each test starts the CLI (Node, TypeScript, a sandbox) a few times: seconds each on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

function wirelab(...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: ROOT, timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("wirelab grade", () => {
  it("gives the solution full marks as Gradescope JSON", () => {
    const run = wirelab("grade", "framing", lab.files.solution, "--format", "json");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as GradeResult;
    expect(Object.keys(result).sort()).toEqual(["execution_time", "max_score", "output", "sandbox", "score", "tests"]);
    expect(result.score).toBe(result.max_score);
    expect(Object.keys(result.tests[0]!).sort()).toEqual(["max_score", "name", "output", "score", "status", "visibility"]);
  });

  it("grades the starter with exit 0, in text with the plain closing line", () => {
    const run = wirelab("grade", "framing", lab.files.starter);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/✗ /);
    expect(run.stdout).toMatch(/\n\d+ passed, [1-9]\d* failed\n/);
  });

  it("runs only public tests with --public, as JUnit", () => {
    const run = wirelab("grade", "framing", lab.files.starter, "--public", "--format", "junit");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^<\?xml/);
    expect(run.stdout).toMatch(/failures="[1-9]/);
    const all = JSON.parse(wirelab("grade", "framing", lab.files.starter, "--format", "json").stdout) as GradeResult;
    const publicCount = all.tests.filter((test) => test.visibility === "visible").length;
    expect(run.stdout).toContain(`tests="${publicCount}"`);
  });

  it("says which labs exist for an unknown lab, and exits 2", () => {
    const run = wirelab("grade", "nope", lab.files.solution);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Unknown lab "nope"\. Labs: (\w+, )*framing\b/);
  });

  it("exits 2 for a missing file or bad options", () => {
    expect(wirelab("grade", "framing", join(work, "missing.ts"))).toMatchObject({ status: 2, stderr: expect.stringContaining("No such file") });
    expect(wirelab("grade", "framing", lab.files.solution, "--format", "xml").status).toBe(2);
    expect(wirelab("grade", "framing", lab.files.solution, "--bogus").status).toBe(2);
    expect(wirelab("frobnicate").status).toBe(2);
  });

  it("gives a syntax error a clear message and zero", () => {
    const file = join(work, "broken.ts");
    writeFileSync(file, "export function encodeLengthPrefixed(payload: Uint8Array {\n");
    const result = JSON.parse(wirelab("grade", "framing", file, "--format", "json").stdout) as GradeResult;
    expect(result.score).toBe(0);
    expect(result.tests[0]!.output).toMatch(/Your code does not compile:\n {2}submission\.ts:1:\d+/);
  });
});

describe("wirelab labs", () => {
  it("lists the labs with their points", () => {
    const run = wirelab("labs");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^framing\s+Message framing\s+\d+ points \(\d+ public, \d+ hidden\)/m);
  });
});

describe("wirelab grade-all", () => {
  it("grades a folder into a CSV and JSON files, one row per student", () => {
    const dir = join(work, "class");
    mkdirSync(join(dir, "carol"), { recursive: true });
    copyFileSync(lab.files.solution, join(dir, "alice.ts"));
    copyFileSync(lab.files.starter, join(dir, "bob.ts"));
    copyFileSync(lab.files.starter, join(dir, "carol", "a.ts"));
    copyFileSync(lab.files.starter, join(dir, "carol", "b.ts"));
    const csv = join(work, "grades.csv");
    const run = wirelab("grade-all", "framing", dir, "--csv", csv, "--jobs", "2");
    expect(run.status).toBe(0);
    // No field in this class needs quoting but the last ("problem").
    const rows = readFileSync(csv, "utf8").trim().split("\n").map((line) => line.match(/("[^"]*"|[^,]*)(?:,|$)/g)!.slice(0, 9).map((f) => f.replace(/,$/, "").replace(/^"|"$/g, "")));
    expect(rows[0]).toEqual(["student", "score", "max_score", "percent", "passed", "failed", "seconds", "status", "problem"]);
    expect(rows.slice(1).map((row) => [row[0], row[3]])).toEqual([
      ["alice", "100.0"],
      ["bob", expect.not.stringMatching(/^100/)],
      ["carol", "0.0"],
    ]);
    expect(rows[3]!.slice(7)).toEqual(["problem", "2 .ts files and none named framing.ts (found: a.ts, b.ts)"]);
    expect(readdirSync(join(work, "grades-results")).sort()).toEqual(["alice.json", "bob.json"]);
  });
});

describe("wirelab run", () => {
  it("prints a trace summary and writes the same capture for the same seed", () => {
    const first = join(work, "a.pcapng");
    const second = join(work, "b.pcapng");
    const run = wirelab("run", "framing", lab.files.solution, "--seed", "5", "--pcap", first);
    expect(run.status).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(50);
    wirelab("run", "framing", lab.files.solution, "--seed", "5", "--pcap", second);
    expect(readFileSync(second)).toEqual(readFileSync(first));
    const other = join(work, "c.pcapng");
    wirelab("run", "framing", lab.files.solution, "--seed", "6", "--pcap", other);
    expect(readFileSync(other)).not.toEqual(readFileSync(first));
  });
});

describe("wirelab export gradescope", () => {
  it("makes an autograder without the solution that grades a submission", () => {
    const zipPath = join(work, "autograder.zip");
    expect(wirelab("export", "gradescope", "framing", "-o", zipPath).status).toBe(0);
    const files = unzipSync(readFileSync(zipPath));
    const names = Object.keys(files);
    expect(names).toContain("setup.sh");
    expect(names).toContain("run_autograder");
    expect(names).toContain("labs/framing/tests/hidden.ts");
    expect(names.filter((name) => /solution|mutants|starter/.test(name))).toEqual([]);
    const solutionText = readFileSync(lab.files.solution, "utf8");
    const solutionBody = solutionText.slice(solutionText.length / 3, solutionText.length / 3 + 200);
    expect(names.filter((name) => strFromU8(files[name]!).includes(solutionBody))).toEqual([]);

    // Lay it out as Gradescope does and run it, with our node_modules standing in for setup.sh.
    const root = join(work, "autograder");
    for (const [name, bytes] of Object.entries(files)) {
      mkdirSync(join(root, "source", name, ".."), { recursive: true });
      writeFileSync(join(root, "source", name), bytes, { mode: name === "run_autograder" ? 0o755 : 0o644 });
    }
    symlinkSync(join(ROOT, "node_modules"), join(root, "source", "node_modules"));
    mkdirSync(join(root, "submission"));
    copyFileSync(lab.files.solution, join(root, "submission", "framing.ts"));
    const env = { ...process.env, AUTOGRADER_ROOT: root };
    const run = spawnSync("bash", [join(root, "source", "run_autograder")], { encoding: "utf8", env });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(root, "results", "results.json"), "utf8")) as GradeResult;
    expect(result.score).toBe(result.max_score);

    copyFileSync(lab.files.starter, join(root, "submission", "other.ts"));
    rmSync(join(root, "submission", "framing.ts"));
    copyFileSync(lab.files.starter, join(root, "submission", "third.ts"));
    spawnSync("bash", [join(root, "source", "run_autograder")], { encoding: "utf8", env });
    const refused = JSON.parse(readFileSync(join(root, "results", "results.json"), "utf8")) as GradeResult;
    expect(refused).toMatchObject({ score: 0, output: expect.stringContaining("2 .ts files and none named framing.ts") });
  });
});

describe("wirelab new-lab", () => {
  it("scaffolds a lab whose solution passes and whose starter and mutant fail", async () => {
    const labsDir = join(work, "labs");
    mkdirSync(labsDir);
    const run = wirelab("new-lab", "checksum", "--title", "The Internet checksum", "--dir", labsDir);
    expect(run.status).toBe(0);
    const { gradeSubmission } = await import("#grader/grade.ts");
    const { loadMutants } = await import("#grader/labs.ts");
    const scaffolded = findLab("checksum", labsDir);
    const grade = (path: string) => gradeSubmission(scaffolded, readFileSync(path, "utf8"));
    const solution = await grade(scaffolded.files.solution);
    expect(solution.score).toBe(solution.max_score);
    expect((await grade(scaffolded.files.starter)).score).toBe(0);
    const [mutant] = await loadMutants(scaffolded);
    expect((await gradeSubmission(scaffolded, mutant!.source)).score).toBeLessThan(solution.max_score);
    expect(existsSync(join(labsDir, "checksum", "instructions.mdx"))).toBe(true);
    expect(wirelab("new-lab", "checksum", "--title", "again", "--dir", labsDir).status).toBe(2);
  }, 60_000);
});
