/**
 * `wirelab export gradescope <lab> -o autograder.zip [--hidden-visibility V] [--file NAME]`
 * and `wirelab export class-repo -o DIR` (the public tests only, for students' CI).
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { classRepoFiles } from "../export/class-repo.ts";
import { gradescopeZip } from "../export/gradescope.ts";
import { findCliLab, listCliLabs } from "./labs-dir.ts";
import { COMPILED } from "../own-file.ts";
import { hiddenVisibilityOption } from "./inputs.ts";
import { UsageError } from "./usage.ts";

const USAGE =
  "Usage: wirelab export gradescope <lab> -o autograder.zip [--hidden-visibility V] [--file NAME]\n       wirelab export class-repo -o DIR";

export async function exportCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: "string", short: "o" }, "hidden-visibility": { type: "string" }, file: { type: "string" } },
  });
  const [target, labId] = positionals;
  if (target === "class-repo" && positionals.length === 1 && values.output !== undefined) {
    // Students run the class repository's grader from its TypeScript sources, which the installed package does not hold.
    if (COMPILED) throw new UsageError("wirelab export class-repo needs a checkout of the Wirelab repository (run it there); the installed package exports Gradescope autograders.");
    return exportClassRepo(values.output);
  }
  if (target !== "gradescope" || labId === undefined || values.output === undefined || positionals.length > 2) throw new UsageError(USAGE);
  const hiddenVisibility = hiddenVisibilityOption(values["hidden-visibility"]);
  const zip = gradescopeZip(findCliLab(labId), { hiddenVisibility, ...(values.file === undefined ? {} : { file: values.file }) });
  writeFileSync(values.output, zip);
  console.log(`Wrote ${values.output} (${zip.length} bytes). Upload it as the Gradescope autograder for ${labId}; hidden tests: ${hiddenVisibility}.`);
}

function exportClassRepo(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(`${dir} is not empty: export the class repository into a new folder`);
  const files = classRepoFiles(listCliLabs());
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  console.log(`Wrote ${files.size} files to ${dir}: the grader and the public tests, no hidden test or solution. Push it to a public repository.`);
}
