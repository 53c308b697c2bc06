/**
 * The grader's keeping of the compiler's code cache (typescript-loader.ts):
 * in memory for this process, and in the private folder (private-cache.ts)
 * for the next. A cache is keyed by what V8 checks (Node's version, the
 * architecture, the heap flag) and the compiler's version.
 */
import { createRequire } from "node:module";
import { readPrivate, writePrivate } from "./private-cache.ts";

const inMemory = new Map<string, Uint8Array>();

/** The cache for a compiler child whose heap is capped at `heapMb`, if one was kept. */
export function compilerCache(heapMb: number): Uint8Array | undefined {
  const key = cacheKey(heapMb);
  const kept = inMemory.get(key);
  if (kept !== undefined) return kept;
  const read = readPrivate(key);
  if (read === undefined) return undefined;
  const cache = new Uint8Array(read);
  inMemory.set(key, cache);
  return cache;
}

/** Keeps `cache`, made by a child whose heap is capped at `heapMb`. */
export function keepCompilerCache(heapMb: number, cache: Uint8Array): void {
  const key = cacheKey(heapMb);
  inMemory.set(key, cache);
  writePrivate(key, cache);
}

/** Where typescript.js is, for the compiler's child to load. */
export function compilerFile(): string {
  return createRequire(import.meta.url).resolve("typescript");
}

let typescriptVersion: string | undefined;

function cacheKey(heapMb: number): string {
  typescriptVersion ??= (createRequire(import.meta.url)("typescript/package.json") as { version: string }).version;
  return `typescript-${typescriptVersion}-node-${process.version}-${process.arch}-heap-${heapMb}.v8-cache`;
}
