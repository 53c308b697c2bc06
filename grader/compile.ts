/**
 * Compiles a learner's TypeScript to JavaScript for the sandbox, with the
 * same compiler (TypeScript 5.9) and settings the browser editor uses, so
 * the code that runs is the same everywhere. Only syntax errors stop a
 * submission; type errors are the editor's business, as they are in any
 * TypeScript project that runs through a transpiler.
 */
import ts from "typescript";
import { LEARNER_COMPILER_OPTIONS } from "./compiler-options.ts";

/** The result of {@link compileSubmission}. */
export type CompileResult =
  | { readonly ok: true; readonly javascript: string }
  | { readonly ok: false; readonly message: string };

export { LEARNER_COMPILER_OPTIONS };

/** Transpiles `source` (the learner's file, named `fileName` in messages). */
export function compileSubmission(source: string, fileName = "submission.ts"): CompileResult {
  const output = ts.transpileModule(source, {
    compilerOptions: LEARNER_COMPILER_OPTIONS,
    fileName,
    reportDiagnostics: true,
  });
  const errors = (output.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const lines = errors.slice(0, 10).map((d) => formatDiagnostic(d, fileName));
    const more = errors.length > 10 ? [`…and ${errors.length - 10} more`] : [];
    return { ok: false, message: [`Your code does not compile:`, ...lines, ...more].join("\n") };
  }
  return { ok: true, javascript: output.outputText };
}

function formatDiagnostic(diagnostic: ts.Diagnostic, fileName: string): string {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  if (diagnostic.file === undefined || diagnostic.start === undefined) return `  ${fileName}: ${text}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `  ${fileName}:${line + 1}:${character + 1}: ${text}`;
}
