/**
 * Which file of a submission folder is graded. One rule for `grade-all` (a
 * folder per student, or a cloned student repository) and the Gradescope
 * autograder (/autograder/submission), so a file graded one way is graded
 * the same way the other:
 *
 * 1. `--file NAME` (a path inside the folder) if the instructor gave one;
 * 2. else the one `<lab>.ts` anywhere in the folder;
 * 3. else the only `.ts` file in the folder;
 * 4. anything else is a stated problem, never a guess.
 *
 * Only regular files count: symbolic links are never followed (a link can
 * point anywhere on the grader's machine). Hidden folders (`.git`) and
 * `node_modules` are skipped, as are declaration files (`*.d.ts`).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** The file to grade, or why there is none. */
export type PickedFile =
  | { readonly ok: true; readonly file: string; readonly relative: string }
  | { readonly ok: false; readonly problem: string };

/** Folders deeper than this, and entries past this count, are not searched (a submission is one file). */
const MAX_DEPTH = 8;
const MAX_ENTRIES = 10_000;

/** Picks the file to grade in `dir` for lab `labId`; `named` is the instructor's `--file`. */
export function pickSubmissionFile(dir: string, labId: string, named?: string): PickedFile {
  const listing = listTypeScript(dir);
  if (listing === undefined) return { ok: false, problem: "the folder cannot be read" };
  const { files, links } = listing;
  const found = (file: string) => ({ ok: true as const, file: join(dir, file), relative: file });
  if (named !== undefined) {
    const wanted = normalise(named);
    if (files.includes(wanted)) return found(wanted);
    if (links.includes(wanted)) return { ok: false, problem: `${wanted} is a symbolic link, not a file` };
    return { ok: false, problem: `no ${wanted} in the folder${foundList(files)}` };
  }
  const labFile = `${labId}.ts`;
  const labFiles = files.filter((file) => file === labFile || file.endsWith(`/${labFile}`));
  if (labFiles.length === 1) return found(labFiles[0]!);
  if (labFiles.length > 1) return { ok: false, problem: `several ${labFile} files: ${labFiles.join(", ")}` };
  if (files.length === 1) return found(files[0]!);
  if (files.length === 0) {
    return { ok: false, problem: links.length > 0 ? `no .ts file (symbolic links are not followed: ${links.join(", ")})` : "no .ts file" };
  }
  return { ok: false, problem: `${files.length} .ts files and none named ${labFile}${foundList(files)}` };
}

/** Regular `.ts` files and symbolic links named `*.ts` under `dir`, as sorted relative paths; undefined if `dir` cannot be read. */
function listTypeScript(dir: string): { files: string[]; links: string[] } | undefined {
  const files: string[] = [];
  const links: string[] = [];
  let seen = 0;
  const walk = (relative: string, depth: number): boolean => {
    let entries;
    try {
      entries = readdirSync(join(dir, relative), { withFileTypes: true });
    } catch {
      return false;
    }
    for (const entry of entries) {
      if (++seen > MAX_ENTRIES) break;
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!entry.name.startsWith(".") && entry.name !== "node_modules" && depth < MAX_DEPTH) walk(path, depth + 1);
      } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
        if (entry.isFile()) files.push(path);
        else if (entry.isSymbolicLink()) links.push(path);
      }
    }
    return true;
  };
  if (!walk("", 0)) return undefined;
  return { files: files.sort(), links: links.sort() };
}

function normalise(name: string): string {
  return name.replace(/\\/g, "/").replace(/^(\.\/)+/, "");
}

function foundList(files: readonly string[]): string {
  if (files.length === 0) return " (no .ts file)";
  const shown = files.slice(0, 5).join(", ");
  return ` (found: ${shown}${files.length > 5 ? `, and ${files.length - 5} more` : ""})`;
}
