/** `wirelab new-lab <id> --title "..."`: scaffolds a lab that grades from the start. */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { LABS_DIR } from "../labs.ts";
import { COMPILED } from "../own-file.ts";
import { labsDir as cliLabsDir } from "./labs-dir.ts";
import * as templates from "../scaffold/templates.ts";
import { UsageError } from "./usage.ts";

export async function newLabCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { title: { type: "string" }, chapter: { type: "string" }, dir: { type: "string" } },
  });
  const [id] = positionals;
  if (id === undefined || values.title === undefined || positionals.length > 1) {
    throw new UsageError('Usage: wirelab new-lab <id> --title "Title" [--chapter NAME]');
  }
  const dir = scaffoldLab(id, values.title, values.chapter ?? "TODO", values.dir ?? cliLabsDir());
  console.log(`Created ${dir}. Try: npx wirelab grade ${id} ${join(dir, "solution.ts")}`);
}

/** Writes a new lab folder under `labsDir`; returns its path. */
export function scaffoldLab(id: string, title: string, chapter: string, labsDir: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) throw new UsageError(`A lab id is lowercase letters, digits and dashes, got "${id}"`);
  const dir = join(labsDir, id);
  if (existsSync(dir)) throw new UsageError(`${dir} already exists`);
  // Inside this project, and in a course folder of the installed package (its
  // package.json maps #labs/kit/* to the package), a lab imports the kit through
  // the import root; a lab elsewhere beside a checkout names the kit's path.
  const inProject = COMPILED || resolve(labsDir) === resolve(LABS_DIR);
  const kitFrom = (from: string) => (inProject ? "#labs/kit" : relative(from, join(LABS_DIR, "kit")).split(sep).join("/"));
  const kit = kitFrom(dir);
  const kitFromTests = kitFrom(join(dir, "tests"));
  const files: Record<string, string> = {
    "lab.json": templates.labJson(id, title, chapter),
    "instructions.mdx": templates.instructions(title),
    "starter.ts": templates.starter,
    "solution.ts": templates.solution,
    "harness.ts": templates.harness({ kit }),
    "tests/public.ts": templates.publicTests({ kit: kitFromTests }),
    "tests/hidden.ts": templates.hiddenTests({ kit: kitFromTests }),
    "mutants/index.ts": templates.mutants({ kit, kitFromMutants: kitFromTests }),
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
