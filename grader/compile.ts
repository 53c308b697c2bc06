/**
 * Compiles a learner's TypeScript to JavaScript for the sandbox, with the
 * same compiler (TypeScript 5.9) and settings the browser editor uses, so
 * the code that runs is the same everywhere. Only syntax errors stop a
 * submission; type errors are the editor's business, as they are in any
 * TypeScript project that runs through a transpiler.
 */
import ts from "typescript";
import { LEARNER_COMPILER_OPTIONS } from "./compiler-options.ts";
import { transpileWith, type CompileResult } from "./transpile.ts";

export type { CompileResult };
export { LEARNER_COMPILER_OPTIONS };

/** Transpiles `source` (the learner's file, named `fileName` in messages). */
export function compileSubmission(source: string, fileName = "submission.ts"): CompileResult {
  return transpileWith(ts, source, fileName);
}
