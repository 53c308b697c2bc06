/** The messages between the grader and the compiler's child process (limited-compile.ts, compile-child.ts). */
import type { CompileResult } from "../transpile.ts";

/** Grader to child: where the compiler is and the code cache to load it with, then a source to compile (`keep`: another may follow). */
export type ParentCompilerMessage =
  | { readonly type: "setup"; readonly compiler: string; readonly cache: Uint8Array | undefined }
  | { readonly type: "compile"; readonly source: string; readonly fileName: string; readonly keep: boolean };

/** Child to grader, in this order. */
export type CompilerMessage =
  | { readonly type: "started" }
  /** `cache`: a fresh code cache, when the child had none that V8 accepted. */
  | { readonly type: "ready"; readonly cache?: Uint8Array }
  /** `failed`: the compiler itself failed (its stack overflowed, it threw), rather than reporting the source's errors. */
  | { readonly type: "compiled"; readonly result: CompileResult; readonly failed: boolean };
