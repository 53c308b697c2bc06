/**
 * Student CI never holds the answers: the workflow in a student's repository
 * holds no secret, names no course repository and runs public tests only,
 * from a class repository that has no hidden test or solution; hidden
 * grading runs in the instructor's own workflow, cloning read-only.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { classRepoFiles } from "#grader/export/class-repo.ts";
import { findLab, listLabs } from "#grader/labs.ts";
import type { GradeResult } from "#grader/results.ts";
import { parseCsv, ROOT, wirelab } from "./fixtures/grade-all.ts";

const work = mkdtempSync(join(tmpdir(), "wirelab-student-ci-"));
chmodSync(work, 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));
const ci = (name: string) => readFileSync(join(ROOT, "grader", "ci", name), "utf8");

describe("the student repository's workflow", () => {
  const workflow = ci("student-public-tests.yml");

  it("holds no secret or token and names no private course repository", () => {
    expect(workflow).not.toMatch(/secrets\./);
    expect(workflow).not.toMatch(/\btoken\b/i);
    expect(workflow).not.toMatch(/WIRELAB_REPOSITORY|WIRELAB_TOKEN|your-org\/wirelab\b(?!-class)/);
    expect(workflow).toMatch(/^permissions:\n {2}contents: read$/m);
    expect(workflow.match(/persist-credentials: false/g)).toHaveLength(2);
  });

  it("runs the public tests only", () => {
    expect(workflow).not.toMatch(/hidden/i);
    const commands = workflow.split("\n").filter((line) => /wirelab (grade|grade-all)\b/.test(line) && !line.trim().startsWith("#"));
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(command).toMatch(/ --public\b/);
    expect(workflow).not.toMatch(/--format json|results\.json/);
  });
});

describe("the instructor's workflow", () => {
  const workflow = ci("grade-class-repos.yml");

  it("uses its one secret to clone and nowhere else", () => {
    expect(workflow.match(/secrets\.\w+/g)).toEqual(["secrets.CLASS_READ_TOKEN"]);
    const cloneStep = workflow.slice(workflow.indexOf("- name: Clone"), workflow.indexOf("- name: Grade\n"));
    expect(cloneStep).toContain("secrets.CLASS_READ_TOKEN");
    expect(workflow).toMatch(/^permissions:\n {2}contents: read$/m);
    expect(workflow).toMatch(/wirelab grade-all "\$LAB" submissions --file "\$FILE" --roster/);
  });
});

describe("wirelab export class-repo", () => {
  const labs = listLabs();

  it("has the public tests and no hidden test, solution, mutant or variant", async () => {
    const files = classRepoFiles(labs);
    const paths = [...files.keys()];
    expect(paths.filter((path) => /solution|mutants\/|variants\//.test(path))).toEqual([]);
    const text = (content: Uint8Array | string) => (typeof content === "string" ? content : new TextDecoder().decode(content));
    for (const lab of labs) {
      const dir = `labs/${lab.meta.id}`;
      expect(paths).toContain(`${dir}/tests/public.ts`);
      expect(text(files.get(`${dir}/tests/hidden.ts`)!)).toContain("defineTests(() => {})");
      // Not a line of the real hidden tests or the reference solution in the lab's folder (but lines the starter, public tests or harness show too).
      const shown = [lab.files.starter, lab.files.publicTests, lab.files.harness].map((path) => readFileSync(path, "utf8")).join("\n");
      const secrets = [lab.files.hiddenTests, lab.files.solution].map((path) => readFileSync(path, "utf8"));
      // A ruler comment ("// ------ the resolver") marks a section, not a secret.
      const ruler = (line: string) => /^\s*\/\/\s*-{8,}/.test(line);
      const markers = secrets.flatMap((source) => source.split("\n").filter((line) => line.trim().length > 60 && !ruler(line) && !shown.includes(line)));
      expect(markers.length, lab.meta.id).toBeGreaterThan(5);
      for (const [path, content] of files) {
        if (!path.startsWith(`${dir}/`)) continue;
        const body = text(content);
        const leaked = markers.find((line) => body.includes(line));
        expect(leaked, `${path} holds a line of ${lab.meta.id}'s hidden tests or solution`).toBeUndefined();
      }
    }
  });

  it("grades with --public on its own, and shows no hidden points", async () => {
    const dir = join(work, "class-repo");
    const exported = await wirelab("export", "class-repo", "-o", dir);
    expect(exported.status, exported.stderr).toBe(0);
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    const lab = findLab("framing");
    const run = spawnSync(process.execPath, [join(dir, "grader/cli/main.ts"), "grade", "framing", lab.files.solution, "--public", "--format", "json"], {
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as GradeResult;
    expect(result.score).toBe(result.max_score);
    expect(result.tests.every((test) => test.visibility === "visible")).toBe(true);
    const labsList = spawnSync(process.execPath, [join(dir, "grader/cli/main.ts"), "labs"], { encoding: "utf8" }).stdout;
    expect(labsList).toMatch(/^framing .*\(\d+ public, 0 hidden\)/m);
    expect((await wirelab("export", "class-repo", "-o", dir)).status).toBe(2);
  }, 120_000);
});

describe("grader/ci/clone-class-repos.sh", () => {
  it("clones each student's repository, lists who could not be cloned, and grade-all gives them a missing row", async () => {
    const lab = findLab("framing");
    const base = join(work, "git");
    const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, stdio: "pipe" });
    const repo = join(work, "alice-work");
    mkdirSync(join(repo, "src"), { recursive: true });
    copyFileSync(lab.files.solution, join(repo, "src", "framing.ts"));
    writeFileSync(join(repo, "notes.ts"), "export {};\n");
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "-c", "user.name=a", "-c", "user.email=a@example.org", "commit", "-qm", "framing");
    mkdirSync(join(base, "class"), { recursive: true });
    git(work, "clone", "-q", "--bare", repo, join(base, "class", "alice.git"));
    const list = join(work, "class-repos.txt");
    writeFileSync(list, "# the class\nalice class/alice.git\nbob class/bob.git\n../evil class/alice.git\n");

    const clone = spawnSync("bash", [join(ROOT, "grader/ci/clone-class-repos.sh"), list, join(work, "submissions")], {
      encoding: "utf8",
      env: { ...process.env, GIT_BASE: `file://${base}` },
    });
    expect(clone.status, clone.stderr).toBe(0);
    expect(clone.stderr).toMatch(/could not clone class\/bob\.git for bob/);
    expect(clone.stderr).toMatch(/skipped "\.\.\/evil"/);
    expect(readFileSync(join(work, "submissions.roster"), "utf8")).toBe("alice\nbob\n");
    expect(readFileSync(join(work, "submissions.commits"), "utf8")).toMatch(/^alice class\/alice\.git [0-9a-f]{40}\n$/);

    const csv = join(work, "grades.csv");
    const graded = await wirelab("grade-all", "framing", join(work, "submissions"), "--file", "src/framing.ts", "--roster", join(work, "submissions.roster"), "--csv", csv, "--public");
    expect(graded.status, graded.stderr).toBe(0);
    expect(parseCsv(readFileSync(csv, "utf8")).map((row) => [row.student, row.status, row.percent])).toEqual([
      ["alice", "graded", "100.0"],
      ["bob", "missing", "0.0"],
    ]);
  }, 120_000);
});
