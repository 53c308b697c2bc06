/**
 * A Gradescope autograder for one lab: a zip whose root holds `setup.sh`
 * (installs Node and the grader's few dependencies) and `run_autograder`
 * (grades the submission and writes /autograder/results/results.json).
 * It holds the grader, the runtime, the lab kit and the lab's harness and
 * tests, hidden ones included (the zip is the instructor's, not the
 * learners'), but never the reference solution, the mutants or the starter.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { strToU8, zipSync, type Zippable } from "fflate";
import type { Lab } from "../labs.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** What the grader needs at run time, and nothing for the site. */
const RUNTIME_DEPENDENCIES = ["node", "typescript", "ses", "@vitest/expect", "chai", "fflate"];

/** The files of the autograder, by path inside the zip. */
export function gradescopeFiles(lab: Lab): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const add = (path: string) => files.set(relative(ROOT, path).split(sep).join("/"), readFileSync(path));
  for (const dir of ["runtime", "grader", join("labs", "kit")]) {
    for (const path of walk(join(ROOT, dir))) if (path.endsWith(".ts")) add(path);
  }
  // The lab's folder, hidden tests included, less what graders never need to see.
  const withheld = new Set([lab.files.solution, lab.files.starter, lab.files.instructions]);
  const mutants = join(lab.dir, "mutants") + sep;
  for (const path of walk(lab.dir)) if (!withheld.has(path) && !path.startsWith(mutants)) add(path);
  files.set("package.json", strToU8(autograderPackageJson()));
  files.set("setup.sh", strToU8(SETUP_SH));
  files.set("run_autograder", strToU8(runAutograder(lab.meta.id)));
  return files;
}

/** The autograder as zip bytes. */
export function gradescopeZip(lab: Lab): Uint8Array {
  const tree: Zippable = {};
  for (const [path, bytes] of gradescopeFiles(lab)) {
    // Scripts must be executable; fflate takes Unix permission bits in `attrs`.
    const executable = path === "setup.sh" || path === "run_autograder";
    tree[path] = [bytes, { attrs: (executable ? 0o755 : 0o644) << 16, os: 3, mtime: new Date("2026-01-01T00:00:00Z") }];
  }
  return zipSync(tree, { level: 6 });
}

function autograderPackageJson(): string {
  const installed = (name: string) => {
    const meta = JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string };
    return meta.version;
  };
  const dependencies = Object.fromEntries(RUNTIME_DEPENDENCIES.map((name) => [name, installed(name)]));
  const manifest = {
    name: "wirelab-autograder",
    private: true,
    type: "module",
    bin: { wirelab: "grader/cli/main.ts" },
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
# The \`node\` package brings Node 22, which runs the grader's TypeScript directly.
npm install --no-audit --no-fund
`;

function runAutograder(labId: string): string {
  return `#!/usr/bin/env bash
# Gradescope runs this for every submission. AUTOGRADER_ROOT exists for testing.
set -uo pipefail
root="\${AUTOGRADER_ROOT:-/autograder}"
results="$root/results/results.json"
mkdir -p "$root/results"
cd "$root/source"

fail() {
  node_modules/.bin/node -e 'process.stdout.write(JSON.stringify({ score: 0, output: process.argv[1], tests: [] }))' "$1" > "$results"
  exit 0
}

# The submission: ${labId}.ts if there is one, else the only .ts file.
mapfile -t files < <(find "$root/submission" -type f -name '*.ts' | sort)
file=""
for candidate in "\${files[@]}"; do
  [ "$(basename "$candidate")" = "${labId}.ts" ] && file="$candidate"
done
if [ -z "$file" ]; then
  [ "\${#files[@]}" -eq 1 ] || fail "Submit one TypeScript file (${labId}.ts); found \${#files[@]} .ts files."
  file="\${files[0]}"
fi

if ! node_modules/.bin/node grader/cli/main.ts grade ${labId} "$file" --format json > "$results.tmp" 2> "$root/results/grader.log"; then
  fail "The autograder failed (not your fault): $(tail -n 5 "$root/results/grader.log")"
fi
mv "$results.tmp" "$results"
`;
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
