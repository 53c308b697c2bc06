/**
 * Build-time only (astro.config.mjs), class edition: a lab's tests/rules.ts
 * holds the rules of its hidden tests too, which describe what they check.
 * The public tests import it, so the class build gets a copy holding only
 * the entries that the public tests' own files name (`RULES.key`). A file
 * that reaches the rules another way (`RULES[...]`, `Object.values(RULES)`)
 * keeps them all, and says so in the build log.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import type { Plugin } from "vite";

const RULES_FILE = /\/labs\/([^/]+)\/tests\/rules\.ts$/;

/** The lab's own files the public tests reach (through imports). */
async function publicFiles(labDir: string): Promise<string[]> {
  const result = await build({
    entryPoints: [join(labDir, "tests", "public.ts")],
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "neutral",
    logLevel: "silent",
    packages: "external",
    absWorkingDir: dirname(dirname(dirname(labDir))),
  });
  const root = dirname(dirname(dirname(labDir)));
  return Object.keys(result.metafile.inputs)
    .map((path) => join(root, path))
    .filter((path) => path.startsWith(labDir) && !RULES_FILE.test(path));
}

export function publicRulesOnly(): Plugin {
  return {
    name: "wirelab:public-rules-only",
    enforce: "pre",
    async load(id) {
      const match = RULES_FILE.exec(id.split("?")[0]!);
      if (match === null) return null;
      const labDir = dirname(dirname(id.split("?")[0]!));
      const rules = (await import(pathToFileURL(id.split("?")[0]!).href)) as Record<string, unknown>;
      const sources = (await publicFiles(labDir)).map((path) => readFileSync(path, "utf8"));
      const lines: string[] = [];
      for (const [name, value] of Object.entries(rules)) {
        if (value === null || typeof value !== "object") {
          lines.push(`export const ${name} = ${JSON.stringify(value)};`);
          continue;
        }
        const dynamic = sources.some((source) => new RegExp(`\\b${name}\\s*\\[|\\(\\s*${name}\\s*\\)`).test(source));
        if (dynamic) this.warn(`${id}: a public test reads ${name} by computed key; the class edition keeps all of it`);
        const used = new Set(sources.flatMap((source) => [...source.matchAll(new RegExp(`\\b${name}\\.(\\w+)`, "g"))].map((m) => m[1]!)));
        const kept = Object.fromEntries(Object.entries(value).filter(([key]) => dynamic || used.has(key)));
        lines.push(`export const ${name} = ${JSON.stringify(kept)};`);
      }
      return `// ${match[1]}: the rules its public tests name (class edition; editions/public-rules.ts)\n${lines.join("\n")}\n`;
    },
  };
}
