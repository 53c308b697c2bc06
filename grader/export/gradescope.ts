/**
 * A Gradescope autograder for one lab: a zip whose root holds `setup.sh`
 * (installs Node and the grader's few dependencies) and `run_autograder`
 * (grades the submission with autograder-run.ts and writes
 * /autograder/results/results.json).
 * It holds the grader, the runtime, the lab kit and the lab's harness and
 * tests, hidden ones included (the zip is the instructor's, not the
 * learners'), but never the reference solution, the mutants or the starter.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { strToU8, zipSync, type Zippable } from "fflate";
import { RUNTIME_DEPENDENCIES } from "../dependencies.ts";
import { COMPILED } from "../own-file.ts";
import type { HiddenVisibility } from "../grade.ts";
import type { Lab } from "../labs.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The grader's files: .ts in a checkout, .js in the installed package (grader/package/build.ts). */
const SOURCE_EXTENSION = COMPILED ? ".js" : ".ts";

/** What the grader needs at run time, and Node 22 itself (the `node` package): nothing for the site. */
const AUTOGRADER_DEPENDENCIES = ["node", ...RUNTIME_DEPENDENCIES];

/** What the instructor chooses when exporting. */
export interface GradescopeOptions {
  /** When students see the hidden tests' results (default after the due date). */
  readonly hiddenVisibility?: HiddenVisibility;
  /** The file to grade inside the submission, if not `<lab>.ts` or the only .ts file. */
  readonly file?: string;
}

/** The files of the autograder, by path inside the zip. */
export function gradescopeFiles(lab: Lab, options: GradescopeOptions = {}): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const add = (path: string, as = relative(ROOT, path)) => files.set(as.split(sep).join("/"), readFileSync(path));
  // The grader as it runs here: its TypeScript in a checkout, its JavaScript in the installed package.
  for (const dir of ["runtime", "grader", join("labs", "kit")]) {
    for (const path of walk(join(ROOT, dir))) if (path.endsWith(SOURCE_EXTENSION)) add(path);
  }
  // The lab's folder as labs/<id>/ (wherever it lives: --labs), hidden tests included, less what graders never need to see.
  const withheld = new Set([lab.files.solution, lab.files.starter, lab.files.instructions]);
  const secretDirs = ["mutants", "variants"].map((name) => join(lab.dir, name) + sep);
  for (const path of walk(lab.dir)) {
    if (!withheld.has(path) && !secretDirs.some((dir) => path.startsWith(dir))) add(path, join("labs", lab.meta.id, relative(lab.dir, path)));
  }
  files.set("package.json", strToU8(autograderPackageJson()));
  files.set("setup.sh", strToU8(SETUP_SH));
  files.set("run_autograder", strToU8(runAutograder(lab.meta.id, options)));
  return files;
}

/** The autograder as zip bytes. */
export function gradescopeZip(lab: Lab, options: GradescopeOptions = {}): Uint8Array {
  const tree: Zippable = {};
  for (const [path, bytes] of gradescopeFiles(lab, options)) {
    // Scripts must be executable; fflate takes Unix permission bits in `attrs`.
    const executable = path === "setup.sh" || path === "run_autograder";
    tree[path] = [bytes, { attrs: (executable ? 0o755 : 0o644) << 16, os: 3, mtime: new Date("2026-01-01T00:00:00Z") }];
  }
  return zipSync(tree, { level: 6 });
}

/**
 * A package.json for a copy of the grader: its few run-time dependencies, at
 * the versions installed here (in the installed package: its own ranges, and
 * this Node), and the import root. A copy of the compiled package also maps
 * the labs' `#runtime/x.ts` and `#labs/kit/x.ts` to the compiled `.js`.
 */
export function autograderPackageJson(): string {
  const own = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { imports: Record<string, string>; dependencies?: Record<string, string> };
  const installed = (name: string) => {
    if (COMPILED) return name === "node" ? process.versions.node : own.dependencies![name]!;
    const meta = JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string };
    return meta.version;
  };
  const dependencies = Object.fromEntries(AUTOGRADER_DEPENDENCIES.map((name) => [name, installed(name)]));
  const imports = COMPILED ? { "#runtime/*.ts": "./runtime/*.js", "#labs/kit/*.ts": "./labs/kit/*.js", ...own.imports } : own.imports;
  const manifest = {
    name: "wirelab-autograder",
    private: true,
    type: "module",
    // The copied code imports through the project's import root (#runtime/..., #labs/...).
    imports,
    bin: { wirelab: `grader/cli/main${SOURCE_EXTENSION}` },
    dependencies,
    allowScripts: { node: true },
  };
  return JSON.stringify(manifest, null, 2) + "\n";
}

const SETUP_SH = `#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image.
set -euo pipefail
apt-get update
apt-get install -y --no-install-recommends nodejs npm ca-certificates
cd /autograder/source
# The \`node\` package brings Node 22, which strips the types of the labs' (and a checkout's grader's) TypeScript.
npm install --no-audit --no-fund
`;

/** The script Gradescope runs per submission: all the work is in autograder-run.ts, shared rules included. */
function runAutograder(labId: string, options: GradescopeOptions): string {
  const args = [labId, "--hidden-visibility", options.hiddenVisibility ?? "after_due_date"];
  if (options.file !== undefined) args.push("--file", options.file);
  return `#!/usr/bin/env bash
# Gradescope runs this for every submission (AUTOGRADER_ROOT exists for testing).
# It writes /autograder/results/results.json, or on a grader fault writes none
# and exits 1, which Gradescope shows as a failed run rather than a score.
set -uo pipefail
cd "\${AUTOGRADER_ROOT:-/autograder}/source"
exec node_modules/.bin/node grader/export/autograder-run${SOURCE_EXTENSION} ${args.map(shellQuote).join(" ")}
`;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Every file under `dir`, sorted. */
export function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
