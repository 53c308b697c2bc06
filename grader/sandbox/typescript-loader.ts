/**
 * Loads the TypeScript compiler in the compiler's child process through
 * V8's code cache: typescript.js is 9 MB, and parsing and compiling it
 * (then the functions a first transpile needs) costs most of the child's
 * start. The cache comes from the grader (compiler-cache.ts), which got it
 * from an earlier child that had compiled only a fixed sample of the
 * grader's own (never a learner's source), so no submission can shape it.
 * V8 checks that a cache matches this source, this V8 and these flags, and
 * ignores one that does not. The grader grants the child the package by
 * name (limited-compile.ts): nothing here imports it.
 */
import type ts from "typescript";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";

/** TypeScript, loaded. */
export interface LoadedCompiler {
  readonly typescript: typeof ts;
  /** True when a cache was given and V8 used it. */
  readonly cacheUsed: boolean;
  /** Makes a cache holding what has been compiled so far (call after a first transpile). */
  makeCache(): Uint8Array;
}

/** Loads TypeScript's CommonJS bundle `file` (typescript.js) as Node's loader would, with `cache` if given. */
export function loadTypeScript(file: string, cache: Uint8Array | undefined): LoadedCompiler {
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, "utf8")}\n})`;
  const script = new vm.Script(wrapped, { filename: file, ...(cache === undefined ? {} : { cachedData: cache }) });
  const module = { exports: {} as unknown };
  const body = script.runInThisContext() as (...args: unknown[]) => void;
  body.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    typescript: module.exports as typeof ts,
    cacheUsed: cache !== undefined && script.cachedDataRejected === false,
    makeCache: () => script.createCachedData(),
  };
}
