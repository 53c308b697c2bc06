/** `wirelab export gradescope <lab> -o autograder.zip`. */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { gradescopeZip } from "../export/gradescope.ts";
import { findLab } from "../labs.ts";
import { UsageError } from "./usage.ts";

export async function exportCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { output: { type: "string", short: "o" } } });
  const [target, labId] = positionals;
  if (target !== "gradescope" || labId === undefined || values.output === undefined || positionals.length > 2) {
    throw new UsageError("Usage: wirelab export gradescope <lab> -o autograder.zip");
  }
  const zip = gradescopeZip(findLab(labId));
  writeFileSync(values.output, zip);
  console.log(`Wrote ${values.output} (${zip.length} bytes). Upload it as the Gradescope autograder for ${labId}.`);
}
