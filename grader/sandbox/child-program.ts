/**
 * A child's program with its TypeScript already stripped: the grader strips
 * the child's own files and the lab's harness once (Node's own stripper,
 * which keeps every line and column, so stack traces read as before) and
 * hands them to `node -` on its standard input with a module hook that
 * serves them. The child then starts without loading the stripper (a
 * WebAssembly module) or parsing the types, which was most of its start-up.
 * Files it is not handed (JavaScript packages) it reads as before; the
 * permission model's grants do not change.
 *
 * Stripped files are kept in memory and in the private folder
 * (private-cache.ts), named by a hash of their source: an edited harness
 * is stripped anew.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { stripTypeScriptTypes } from "node:module";
import { pathToFileURL } from "node:url";
import { readPrivate, writePrivate } from "./private-cache.ts";

const inMemory = new Map<string, string>();

/**
 * Where a file's relative and `#` imports lead, as the grader's scan found
 * them (command.ts): by {@link linkKey} of the importing file's URL and the
 * specifier, the imported file's path.
 */
export type ImportLinks = ReadonlyMap<string, string>;

/** The key of one import in {@link ImportLinks}. */
export function linkKey(parentUrl: string, specifier: string): string {
  return `${parentUrl}\n${specifier}`;
}

/**
 * The program that runs `entry` with `files` (the .ts among them) served
 * stripped, and the `links` among those files, or to a package's one-file
 * build (command.ts), resolved without asking the file system (Node's
 * resolver stats and reads package.json files for every import, a good part
 * of a child's start).
 */
export function strippedProgram(entry: string, files: readonly string[], links: ImportLinks = new Map()): string {
  const sources = new Map<string, string>();
  for (const file of files) {
    if (!file.endsWith(".ts") || !existsSync(file) || !statSync(file).isFile()) continue;
    const code = stripped(readFileSync(file, "utf8"));
    // A file the stripper refuses (a syntax error, an enum) is left to the child, which reports it as it always has.
    if (code !== undefined) sources.set(pathToFileURL(file).href, code);
  }
  // Each link's target: TypeScript served stripped, or a package's one-file JavaScript build (command.ts), read by Node.
  const resolved: Array<[string, { url: string; format: string }]> = [];
  for (const [key, file] of links) {
    const url = pathToFileURL(file).href;
    if (sources.has(url)) resolved.push([key, { url, format: "module-typescript" }]);
    else if (file.endsWith(".js") && existsSync(file)) resolved.push([key, { url, format: "module" }]);
  }
  return [
    `import { registerHooks } from "node:module";`,
    `const sources = new Map(${JSON.stringify([...sources])});`,
    `const links = new Map(${JSON.stringify(resolved)});`,
    `registerHooks({`,
    `  resolve(specifier, context, nextResolve) {`,
    `    const link = links.get(context.parentURL + "\\n" + specifier);`,
    `    return link === undefined ? nextResolve(specifier, context) : { ...link, shortCircuit: true };`,
    `  },`,
    // Only what Node would strip itself (an ES module in TypeScript); anything else loads as before.
    `  load(url, context, nextLoad) {`,
    `    const source = context.format === "module-typescript" ? sources.get(url) : undefined;`,
    `    return source === undefined ? nextLoad(url, context) : { format: "module", source, shortCircuit: true };`,
    `  },`,
    `});`,
    `await import(${JSON.stringify(pathToFileURL(entry).href)});`,
  ].join("\n");
}

function stripped(source: string): string | undefined {
  const name = `stripped-${process.version}-${createHash("sha256").update(source).digest("hex")}.js`;
  const kept = inMemory.get(name) ?? readPrivate(name)?.toString("utf8");
  if (kept !== undefined) {
    inMemory.set(name, kept);
    return kept;
  }
  let code: string;
  try {
    code = quietly(() => stripTypeScriptTypes(source));
  } catch {
    return undefined;
  }
  inMemory.set(name, code);
  writePrivate(name, code);
  return code;
}

/** Runs `work` without the "experimental feature" warning Node prints to stderr, which the grader's callers read. */
function quietly<T>(work: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = () => {};
  try {
    return work();
  } finally {
    process.emitWarning = emitWarning;
  }
}
