/**
 * The class repository: what an instructor may publish for students' own
 * CI (`wirelab export class-repo -o DIR`, then push DIR to a PUBLIC
 * repository). It holds the grader, the runtime, the lab kit and, per lab,
 * what the class edition of the site already shows: lab.json, the
 * instructions, the starter, the harness and the public tests with the
 * files they import. Never a hidden test (tests/hidden.ts is an empty
 * suite, so `wirelab grade <lab> <file> --public` runs as usual), nor a
 * reference solution, mutant or variant, nor any file only hidden tests use.
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { listLabs, type Lab } from "../labs.ts";
import { autograderPackageJson, walk } from "./gradescope.ts";
import { resolveImportRoot } from "../import-root.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** An empty hidden suite: the class repository has no hidden tests. */
const HIDDEN_STUB = `/** The hidden tests are not in the class repository: your instructor grades with them. */
import { defineTests } from "#labs/kit/index.ts";

export default defineTests(() => {});
`;

/** The files of the class repository, by path, for every lab in `labsDir` (default: this checkout's labs/). */
export function classRepoFiles(labs: readonly Lab[] = listLabs()): Map<string, Uint8Array | string> {
  const files = new Map<string, Uint8Array | string>();
  const add = (path: string) => files.set(toPosix(relative(ROOT, path)), readFileSync(path));
  for (const dir of ["runtime", "grader", join("labs", "kit")]) {
    for (const path of walk(join(ROOT, dir))) if (path.endsWith(".ts")) add(path);
  }
  for (const lab of labs) {
    const labRoot = toPosix(relative(ROOT, lab.dir));
    for (const path of [join(lab.dir, "lab.json"), lab.files.instructions, lab.files.starter]) add(path);
    for (const path of importClosure([lab.files.harness, lab.files.publicTests], lab.dir)) add(path);
    files.set(`${labRoot}/tests/hidden.ts`, HIDDEN_STUB);
  }
  files.set("package.json", autograderPackageJson());
  files.set("README.md", README);
  return files;
}

/** `entries` and every file of `labDir` they import, directly or not (files outside the lab are copied whole above). */
function importClosure(entries: readonly string[], labDir: string): string[] {
  const inside = labDir + sep;
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file) || !file.startsWith(inside)) continue;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']((?:\.{1,2}\/|#)[^"']+)["']/g)) {
      const specifier = match[1]!;
      pending.push(specifier.startsWith("#") ? resolveImportRoot(specifier, file).file : resolve(dirname(file), specifier));
    }
  }
  return [...seen].sort();
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

const README = `# Wirelab: the class repository

The grader and every lab's public tests, for checking your own work:

\`\`\`sh
npm install
npx wirelab grade <lab> <your-file.ts> --public
\`\`\`

The hidden tests, which give most of the points, are not here: your
instructor grades with them.
`;
