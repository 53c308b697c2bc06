/** What "Use my code" shows beside a built-in simulation (see your-code.client.ts). */
import type { RunOutcome } from "#grader/sandbox/types.ts";
import type { Values } from "#site/components/sim-client.ts";

export interface YourCodeView {
  /** "picture": the learner's run drawn; "message": only words (no code, a throw, a timeout, nothing to draw). */
  readonly kind: "picture" | "message";
  /** HTML built from numbers and escaped text only. */
  readonly summary: string;
  readonly drawing?: Element;
}

/** Drives one lab's harness over a simulation's scenario. */
export interface Driver {
  /** The harness scenario and its input for these controls, or a message when the learner's code has nothing to run for them. */
  input(values: Values): { readonly scenario: string; readonly input: unknown } | { readonly message: string };
  /** The learner's run as a picture and a summary. */
  view(value: unknown, values: Values, compact: boolean): YourCodeView;
}

export type Run = (scenario: string, input: unknown) => Promise<RunOutcome>;

/** Escapes text for the summary's HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
