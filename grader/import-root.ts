/**
 * The project's import root: package.json `imports` maps `#runtime/*`,
 * `#labs/*`, `#grader/*`, `#site/*` and `#test/*` to their folders, so code
 * imports `#runtime/wire/ipv4.ts` instead of climbing `../../../`. Node,
 * TypeScript, Vite and esbuild all read the map; the grader's own file scans
 * (the sandbox's readable files, the class repository's import closure) use
 * this module to follow the same specifiers.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
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
 * that imports through the map must be allowed to read it). A map may also
 * name an installed package (a course folder maps `#labs/kit/*` to
 * `wirelab/labs/kit/*`): then `package` is that package's name and `file`
 * is where Node's resolver finds the target.
 */
export function resolveImportRoot(specifier: string, fromFile: string): { file: string; manifest: string; package?: string } {
  const manifest = manifestFor(fromFile);
  if (manifest !== undefined) {
    // As Node does: an exact key first, else the pattern with the longest part before its "*", then the longest key.
    const entries = Object.entries(manifest.imports).sort(([a], [b]) => specificity(b) - specificity(a) || b.length - a.length);
    for (const [pattern, target] of entries) {
      const star = pattern.indexOf("*");
      const matches = star < 0 ? specifier === pattern : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1));
      if (!matches) continue;
      const rest = star < 0 ? "" : specifier.slice(star, specifier.length - (pattern.length - star - 1));
      const mapped = target.replace("*", rest);
      if (mapped.startsWith("./")) return { file: path.resolve(manifest.dir, mapped), manifest: manifest.file };
      return { file: resolveInPackage(mapped, manifest.file, specifier), manifest: manifest.file, package: packageName(mapped) };
    }
  }
  throw new Error(`${fromFile} imports ${specifier}, which no package.json "imports" entry maps.`);
}

function specificity(pattern: string): number {
  const star = pattern.indexOf("*");
  return star < 0 ? Number.MAX_SAFE_INTEGER : star;
}

/** "wirelab" of "wirelab/labs/kit/index.ts", "@scope/name" of "@scope/name/x". */
export function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

function resolveInPackage(target: string, manifest: string, specifier: string): string {
  try {
    return createRequire(manifest).resolve(target);
  } catch {
    throw new Error(`${manifest} maps ${specifier} to ${target}, but the package ${packageName(target)} is not installed there (npm install it).`);
  }
}
