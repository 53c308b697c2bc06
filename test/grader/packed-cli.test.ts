/**
 * The installable `wirelab` (issue 16): built by grader/package/build.ts,
 * packed by npm, installed from the tarball into an empty course folder, and
 * grading submissions against a labs folder outside the package: a copy of
 * labs/framing without its solution, mutants and variants. The tarball must
 * hold no lab of this repository: no solution, mutant, variant or test.
 * npm installs from its cache where it can (--prefer-offline).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUNTIME_DEPENDENCIES } from "#grader/dependencies.ts";
import { autograderPackageJson } from "#grader/export/gradescope.ts";
import { findLab } from "#grader/labs.ts";
import { buildPackage } from "#grader/package/build.ts";

const lab = findLab("framing");
const work = mkdtempSync(join(tmpdir(), "wirelab-packed-"));
// The sandbox may run as nobody, who must be able to read the course folder.
chmodSync(work, 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface PackReport {
  readonly filename: string;
  readonly size: number;
  readonly entryCount: number;
  readonly files: ReadonlyArray<{ readonly path: string }>;
}

/** Without the npm_* variables of the npm that runs the tests (npm_config_local_prefix names this checkout). */
const ENV = { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_"))), npm_config_update_notifier: "false" };

function run(command: string, args: readonly string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 150_000, env: ENV });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let pack: PackReport;

beforeAll(async () => {
  const built = join(work, "package");
  await buildPackage(built);
  const packed = run("npm", ["pack", built, "--pack-destination", work, "--json"], work);
  expect(packed.stderr).not.toMatch(/npm error/);
  pack = (JSON.parse(packed.stdout) as PackReport[])[0]!;
}, 120_000);

describe("the packed wirelab", () => {
  it("holds the compiled grader, runtime and kit, and no lab of this repository", () => {
    const paths = pack.files.map((file) => file.path);
    expect(paths).toContain("package.json");
    expect(paths).toContain("grader/cli/main.js");
    expect(paths).toContain("labs/kit/index.js");
    expect(paths).toContain("runtime/index.js");
    // Only compiled code: no TypeScript (Node would not run it under node_modules), nothing but these folders.
    expect(paths.filter((path) => !/^(?:grader|runtime|labs\/kit)\/.+\.js$/.test(path) && !["package.json", "README.md"].includes(path))).toEqual([]);
    // The kit's mutant-edits.js (how a lab declares its mutants) is the one legitimate "mutant" here.
    expect(paths.filter((path) => /solution|mutants\/|variants\/|hidden|(?:^|\/)tests\//.test(path))).toEqual([]);
    expect(paths.filter((path) => path.startsWith("labs/") && !path.startsWith("labs/kit/"))).toEqual([]);
    // The build fails on an import of a package outside RUNTIME_DEPENDENCIES; the Gradescope
    // autograder and the class repository install the same list (fast-check for property tests).
    const manifest = JSON.parse(readFileSync(join(work, "package", "package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).toEqual([...RUNTIME_DEPENDENCIES]);
    const autograder = JSON.parse(autograderPackageJson()) as { dependencies: Record<string, string> };
    expect(Object.keys(autograder.dependencies)).toEqual(["node", ...RUNTIME_DEPENDENCIES]);
    // And this checkout itself (solutions, hidden tests) refuses to be packed.
    const refused = run("npm", ["pack", "--dry-run"], fileURLToPath(new URL("../../", import.meta.url)));
    expect(refused.status).not.toBe(0);
    expect(refused.stderr + refused.stdout).toContain("npm pack ./dist/wirelab");
    console.log(`wirelab tarball: ${pack.filename}, ${pack.size} bytes, ${pack.entryCount} files`);
  });

  it("installs into an empty folder and grades a course folder's submissions", () => {
    const course = join(work, "course");
    mkdirSync(course);
    writeFileSync(join(course, "package.json"), JSON.stringify({ name: "course", private: true }) + "\n");
    const install = run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", join(work, pack.filename)], course);
    expect(install.stderr).not.toMatch(/npm error/);
    expect(install.status).toBe(0);
    const wirelab = (cwd: string, ...args: string[]) => run(process.execPath, [join(course, "node_modules", ".bin", "wirelab"), ...args], cwd);

    expect(wirelab(course, "init")).toMatchObject({ status: 0 });
    const manifest = JSON.parse(readFileSync(join(course, "package.json"), "utf8")) as { imports: Record<string, string> };
    expect(manifest.imports["#labs/kit/*"]).toBe("wirelab/labs/kit/*");
    // The lab as an instructor would copy it from this repository, less what only its authors need.
    cpSync(lab.dir, join(course, "labs", "framing"), {
      recursive: true,
      filter: (path) => !/\/(?:solution\.ts|mutants|variants)$/.test(path),
    });
    const labs = wirelab(course, "labs");
    expect(labs.stderr).toBe("");
    expect(labs.stdout).toMatch(/^framing +Message framing +\d+ points/);

    const submissions = join(work, "submissions");
    for (const [student, file] of [["alice", lab.files.solution], ["bob", lab.files.starter]] as const) {
      mkdirSync(join(submissions, student), { recursive: true });
      cpSync(file, join(submissions, student, "framing.ts"));
    }
    // From another folder, so --labs reaches the per-submission processes.
    const csv = join(work, "grades.csv");
    const graded = wirelab(work, "grade-all", "framing", submissions, "--csv", csv, "--jobs", "2", "--labs", join(course, "labs"));
    expect(graded.stderr).toBe("");
    expect(graded.status).toBe(0);
    const rows = readFileSync(csv, "utf8").trim().split("\n").map((line) => line.split(","));
    const [alice, bob] = rows.slice(1);
    expect(alice?.slice(0, 2)).toEqual(["alice", alice?.[2]]);
    expect(alice?.[7]).toBe("graded");
    expect(bob?.[0]).toBe("bob");
    expect(Number(bob?.[1])).toBeLessThan(Number(bob?.[2]));
    const result = JSON.parse(readFileSync(join(work, "grades-results", "alice.json"), "utf8")) as { sandbox: string };
    expect(result.sandbox).toMatch(/SES compartment, Node permission model/);

    // A Gradescope autograder from the installed package: its compiled grader and the course's lab, less the lab's starter.
    const zip = join(work, "autograder.zip");
    expect(wirelab(course, "export", "gradescope", "framing", "-o", zip)).toMatchObject({ status: 0 });
    const source = join(work, "autograder", "source");
    const entries = Object.entries(unzipSync(readFileSync(zip)));
    expect(entries.map(([path]) => path)).toContain("labs/framing/tests/hidden.ts");
    expect(entries.map(([path]) => path).filter((path) => /\.ts$/.test(path) && !path.startsWith("labs/framing/"))).toEqual([]);
    for (const [path, bytes] of entries) {
      mkdirSync(join(source, path, ".."), { recursive: true });
      writeFileSync(join(source, path), bytes, { mode: path === "run_autograder" ? 0o755 : 0o644 });
    }
    // What setup.sh would install: the course's node_modules, and this Node as the `node` package's.
    mkdirSync(join(source, "node_modules", ".bin"), { recursive: true });
    for (const name of readdirSync(join(course, "node_modules"))) {
      if (name !== ".bin" && name !== "wirelab") symlinkSync(join(course, "node_modules", name), join(source, "node_modules", name));
    }
    symlinkSync(process.execPath, join(source, "node_modules", ".bin", "node"));
    mkdirSync(join(work, "autograder", "submission"));
    cpSync(lab.files.solution, join(work, "autograder", "submission", "framing.ts"));
    const graded2 = spawnSync("bash", [join(source, "run_autograder")], { encoding: "utf8", env: { ...ENV, AUTOGRADER_ROOT: join(work, "autograder") } });
    const resultsFile = join(work, "autograder", "results", "results.json");
    expect(existsSync(resultsFile), graded2.stdout + graded2.stderr).toBe(true);
    const results = JSON.parse(readFileSync(resultsFile, "utf8")) as { score: number; max_score: number };
    expect(results.score).toBe(results.max_score);
    expect(results.max_score).toBeGreaterThan(0);
  }, 240_000);
});
