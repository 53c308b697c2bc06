/**
 * The project's import root: package.json `imports` maps `#runtime/*`,
 * `#labs/*`, `#grader/*`, `#site/*` and `#test/*` to their folders, so code
 * imports `#runtime/wire/ipv4.ts` instead of climbing `../../../`. Node,
 * TypeScript, Vite and esbuild all read the map; the grader's own file scans
 * (the sandbox's readable files, the class repository's import closure) use
 * this module to follow the same specifiers.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** The nearest package.json above `fromFile` that has an `imports` map, with its folder. */
function manifestFor(fromFile: string): { dir: string; file: string; imports: Record<string, string> } | undefined {
  for (let dir = path.dirname(fromFile); ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, "utf8")) as { imports?: Record<string, string> };
      return { dir, file, imports: manifest.imports ?? {} };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The absolute file a `#...` specifier names from `fromFile`, and the
 * package.json that maps it (Node reads that file to resolve, so a sandbox
 * that imports through the map must be allowed to read it).
 */
export function resolveImportRoot(specifier: string, fromFile: string): { file: string; manifest: string } {
  const manifest = manifestFor(fromFile);
  if (manifest !== undefined) {
    for (const [pattern, target] of Object.entries(manifest.imports)) {
      const star = pattern.indexOf("*");
      const matches = star < 0 ? specifier === pattern : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1));
      if (!matches) continue;
      const rest = star < 0 ? "" : specifier.slice(star, specifier.length - (pattern.length - star - 1));
      return { file: path.resolve(manifest.dir, target.replace("*", rest)), manifest: manifest.file };
    }
  }
  throw new Error(`${fromFile} imports ${specifier}, which no package.json "imports" entry maps.`);
}
