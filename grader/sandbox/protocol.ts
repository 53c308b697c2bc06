/**
 * The messages between a sandbox's grader side and the realm holding the
 * learner's code, the same whether they travel over Node's IPC channel
 * (child.ts) or a Web Worker's postMessage (worker.ts). Both carry them
 * with the structured clone algorithm, so results may hold typed arrays.
 */
import type { SandboxFailureKind } from "#labs/kit/define-tests.ts";
import type { SandboxLimits } from "./types.ts";

/** What the grader side sends. */
export type ParentMessage =
  | { readonly type: "load"; readonly learnerJs: string; readonly limits: SandboxLimits }
  | { readonly type: "run"; readonly id: number; readonly scenario: string; readonly input: unknown };

/** How a load or a run ended; the learner's output comes separately, as "log" messages. */
export type Reply =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly kind: SandboxFailureKind; readonly message: string };

/** What the realm's side sends. Log lines are sent as they are printed, so a run that hangs keeps them. */
export type ChildMessage =
  | { readonly type: "booted"; readonly scenarios: readonly string[] }
  | { readonly type: "boot-failed"; readonly message: string }
  | { readonly type: "log"; readonly line: string }
  | { readonly type: "loaded"; readonly reply: Reply }
  | { readonly type: "result"; readonly id: number; readonly reply: Reply };
