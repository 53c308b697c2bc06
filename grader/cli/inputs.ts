/** Reading what the user named on the command line, with clear errors. */
import { existsSync, readFileSync, statSync } from "node:fs";
import { HIDDEN_VISIBILITIES, type HiddenVisibility } from "../grade.ts";
import { UsageError } from "./usage.ts";

/** The largest submission graded; a protocol lab is a few hundred lines. */
export const MAX_SUBMISSION_BYTES = 1_000_000;

/** The text of a submission file. */
export function readSubmission(file: string): string {
  if (!existsSync(file)) throw new UsageError(`No such file: ${file}`);
  const stats = statSync(file);
  if (!stats.isFile()) throw new UsageError(`Not a file: ${file}`);
  if (stats.size > MAX_SUBMISSION_BYTES) throw new UsageError(`${file} is ${stats.size} bytes; submissions are at most 1 MB`);
  return readFileSync(file, "utf8");
}

/** The --seed value as a safe integer (default 1). */
export function seedOption(text: string | undefined): number {
  if (text === undefined) return 1;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`--seed takes a whole number >= 0, got "${text}"`);
  return seed;
}

/** The --hidden-visibility value (default after_due_date). */
export function hiddenVisibilityOption(text: string | undefined): HiddenVisibility {
  if (text === undefined) return "after_due_date";
  const found = HIDDEN_VISIBILITIES.find((visibility) => visibility === text);
  if (found === undefined) throw new UsageError(`--hidden-visibility takes ${HIDDEN_VISIBILITIES.join(", ")}; got "${text}"`);
  return found;
}
