/**
 * `wirelab init`: makes the current folder a course folder for the installed
 * package. Its package.json gets `"type": "module"` and the `imports` through
 * which labs reach the package's kit and runtime (`#labs/kit/x.ts` →
 * wirelab/labs/kit/x.js, the package's `exports`) and each other
 * (`#labs/<lab>/...` → ./labs/<lab>/...); other fields stay as they are.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "./usage.ts";

/** The map a course folder needs; the most specific pattern wins, as in Node. */
export const COURSE_IMPORTS: Readonly<Record<string, string>> = {
  "#labs/kit/*": "wirelab/labs/kit/*",
  "#runtime/*": "wirelab/runtime/*",
  "#labs/*": "./labs/*",
};

export async function initCommand(args: string[]): Promise<void> {
  if (args.length > 0) throw new UsageError("Usage: wirelab init (in the course folder, after npm install wirelab)");
  const file = resolve("package.json");
  let manifest: Record<string, unknown> = { name: "course", private: true };
  if (existsSync(file)) {
    try {
      manifest = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    } catch (error) {
      throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const imports = { ...(manifest.imports as Record<string, string> | undefined), ...COURSE_IMPORTS };
  writeFileSync(file, JSON.stringify({ ...manifest, type: "module", imports }, null, 2) + "\n");
  mkdirSync(resolve("labs"), { recursive: true });
  console.log(`Updated ${file} ("type": "module" and "imports" for #labs/kit, #runtime and #labs) and made labs/. Next: npx wirelab new-lab <id> --title "…", or copy a lab folder into labs/.`);
}
