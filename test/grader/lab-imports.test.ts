/**
 * Labs import the kit as `#labs/kit/...`, never by a relative path: a course
 * folder using the installed `wirelab` package has no labs/kit/ of its own,
 * and its package.json maps `#labs/kit/*` into the package (README,
 * "Installing the grader"), so only the import-root form works in both.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { LABS_DIR } from "#grader/labs.ts";

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) tsFiles(path, out);
    else if (name.endsWith(".ts")) out.push(path);
  }
  return out;
}

describe("labs", () => {
  it("import the kit through #labs/kit/, so they run from a course folder too", () => {
    const labs = readdirSync(LABS_DIR).filter((name) => name !== "kit" && statSync(join(LABS_DIR, name)).isDirectory());
    const relativeKit = labs.flatMap((lab) =>
      tsFiles(join(LABS_DIR, lab)).flatMap((file) =>
        [...readFileSync(file, "utf8").matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']((?:\.\.\/)+kit\/[^"']*)["']/g)].map(
          (match) => `${relative(LABS_DIR, file)}: ${match[1]} (write #labs/kit/${match[1]!.replace(/^(?:\.\.\/)+kit\//, "")})`,
        ),
      ),
    );
    expect(relativeKit).toEqual([]);
  });
});
