/**
 * The project's import root (package.json "imports"): code imports
 * `#runtime/…`, `#labs/…`, `#grader/…`, `#site/…` and `#test/…` instead of
 * climbing `../../`. ESLint enforces it for TypeScript; this test covers the
 * files ESLint does not read (Astro components, MDX chapters) and the
 * grader's own resolver, which the sandbox and the class repository use.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { resolveImportRoot } from "#grader/import-root.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function filesUnder(dir: string, pattern: RegExp, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (["node_modules", ".astro", "dist", "dist-class", ".tmp"].includes(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) filesUnder(path, pattern, out);
    else if (pattern.test(name)) out.push(path);
  }
  return out;
}

describe("the import root", () => {
  it("is used by Astro components and MDX chapters (no ../../ imports)", () => {
    const files = [...filesUnder(join(ROOT, "site"), /\.(astro|mdx|mjs)$/), ...filesUnder(join(ROOT, "course"), /\.(astro|mdx)$/)];
    expect(files.length).toBeGreaterThan(20);
    const climbing = files.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/^\s*(?:import|export)\b[^\n]*?["'](\.\.\/\.\.\/[^"']*)["']/gm)].map(
        (match) => `${relative(ROOT, file)}: ${match[1]}`,
      ),
    );
    expect(climbing).toEqual([]);
  });

  it("resolves #area/... to the area's folder, as Node does", () => {
    const from = join(ROOT, "labs", "framing", "harness.ts");
    expect(resolveImportRoot("#runtime/wire/ipv4.ts", from)).toEqual({
      file: join(ROOT, "runtime", "wire", "ipv4.ts"),
      manifest: join(ROOT, "package.json"),
    });
    expect(resolveImportRoot("#site/workbench/main.ts", from).file).toBe(join(ROOT, "site", "src", "workbench", "main.ts"));
    expect(() => resolveImportRoot("#nowhere/x.ts", from)).toThrow(/no package.json "imports" entry maps/);
  });
});
