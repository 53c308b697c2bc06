/**
 * The compiling itself, given TypeScript's namespace: compile.ts passes the
 * package it imports; the compiler's child process (compile-child.ts) one
 * it loaded from V8's code cache (typescript-loader.ts). Only syntax errors
 * stop a submission; see compile.ts.
 */
import type ts from "typescript";
import { LEARNER_COMPILER_OPTIONS } from "./compiler-options.ts";

/** The result of compiling a submission. */
export type CompileResult =
  | { readonly ok: true; readonly javascript: string }
  | { readonly ok: false; readonly message: string };

/** Transpiles `source` (the learner's file, named `fileName` in messages) with `typescript`. */
export function transpileWith(typescript: typeof ts, source: string, fileName: string): CompileResult {
  const output = typescript.transpileModule(source, {
    compilerOptions: LEARNER_COMPILER_OPTIONS,
    fileName,
    reportDiagnostics: true,
  });
  const errors = (output.diagnostics ?? []).filter((d) => d.category === typescript.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const lines = errors.slice(0, 10).map((d) => formatDiagnostic(typescript, d, fileName));
    const more = errors.length > 10 ? [`…and ${errors.length - 10} more`] : [];
    return { ok: false, message: [`Your code does not compile:`, ...lines, ...more].join("\n") };
  }
  return { ok: true, javascript: output.outputText };
}

function formatDiagnostic(typescript: typeof ts, diagnostic: ts.Diagnostic, fileName: string): string {
  const text = typescript.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  if (diagnostic.file === undefined || diagnostic.start === undefined) return `  ${fileName}: ${text}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `  ${fileName}:${line + 1}:${character + 1}: ${text}`;
}
