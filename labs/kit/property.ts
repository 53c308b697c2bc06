/**
 * Property and differential tests for labs: many seeded inputs through the
 * learner's code, each checked against an oracle the tests own (never the
 * reference solution) or against invariants where the RFCs allow choices.
 * fast-check draws the inputs from the grading seed and shrinks a failure to
 * the smallest input that still fails; the message shows that input, the
 * seed and how to replay it, so the learner can feed the same input locally.
 */
import fc from "fast-check";
import type { TestContext } from "./define-tests.ts";
import { SandboxFailure } from "./define-tests.ts";
import { LabAssertionError } from "./assert.ts";
import { toHex } from "./hex.ts";

export { fc };

/** How {@link checkProperty} runs. */
export interface PropertyOptions<T> {
  /** The inputs to draw. */
  readonly arbitrary: fc.Arbitrary<T>;
  /** How many inputs to try (default 100). Keep runs × sandbox calls per run in the low thousands. */
  readonly runs?: number;
  /** The input as the learner should read it (default: JSON with bytes as hex). */
  readonly show?: (input: T) => string;
  /** Mixed into the grading seed, so two properties of one test file draw different inputs. */
  readonly salt?: number;
}

/**
 * Checks `check` on inputs drawn from the grading seed. `check` asserts (and
 * may call `t.run`); it fails by throwing. A crash, hang or limit in the
 * learner's code stops the search at once (shrinking it would repeat the
 * same timeout many times) and is reported as it is.
 */
export async function checkProperty<T>(t: TestContext, options: PropertyOptions<T>, check: (input: T) => Promise<void> | void): Promise<void> {
  let sandboxFailure: SandboxFailure | undefined;
  const property = fc.asyncProperty(options.arbitrary, async (input) => {
    if (sandboxFailure !== undefined) return; // the verdict is in; skip the rest quickly
    try {
      await check(input);
    } catch (error) {
      if (error instanceof SandboxFailure) {
        sandboxFailure = error;
        return;
      }
      throw error;
    }
  });
  const seed = mixSeed(t.seed, options.salt ?? 0);
  const details = await fc.check(property, { seed, numRuns: options.runs ?? 100 });
  if (sandboxFailure !== undefined) throw sandboxFailure;
  if (!details.failed) return;
  const input = details.counterexample?.[0] as T;
  const show = options.show ?? showValue;
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new LabAssertionError(
    [
      cause,
      "",
      `Smallest failing input found (run ${details.numRuns} of ${options.runs ?? 100}, after ${details.numShrinks} shrinks):`,
      ...show(input).split("\n").map((line) => `  ${line}`),
      "",
      `Replay: \`npx wirelab grade <lab> <file> --seed ${t.seed}\` draws the same inputs; or feed the input above to your code locally.`,
    ].join("\n"),
  );
}

/** A JSON view of a drawn input, with byte arrays as hex. */
export function showValue(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (item instanceof Uint8Array ? `<hex ${toHex(item)}>` : item), 1)
    .replace(/\n\s*/g, " ")
    .slice(0, 4_000);
}

/** A 32-bit seed from the grading seed and a salt (fast-check takes a 32-bit integer). */
function mixSeed(seed: number, salt: number): number {
  let x = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(salt | 0, 0x85ebca6b)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  return (x ^ (x >>> 15)) | 0;
}
