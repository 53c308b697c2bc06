/**
 * Hidden property tests: seeded random schedules (message sizes, protocol
 * parameters, link faults both ways and explicit drops) through the
 * learner's sender and receiver, each run checked against the rules every
 * correct ARQ keeps (invariants.ts). fast-check shrinks a failure to the
 * smallest schedule that still fails and prints it as the transfer to replay.
 */
import type { TestRegistry } from "#labs/kit/define-tests.ts";
import { LabAssertionError, stepText, type Step, type TestContext } from "#labs/kit/index.ts";
import { checkProperty, fc } from "#labs/kit/property.ts";
import type { ArqOptions, LinkInput, Mode } from "../scenarios.ts";
import { transfer, type Transfer } from "./check.ts";
import { expectCorrectRun } from "./invariants.ts";
import { RULES } from "./rules.ts";
import { withShrinkBudget } from "./shrink-budget.ts";

/** Link faults of one direction, as probabilities (0 shrinks first). */
interface Faults {
  readonly loss: number;
  readonly duplicate: number;
  readonly reorder: number;
  readonly corrupt: number;
}

interface Schedule {
  readonly mode: Mode;
  readonly seqBits: number;
  /** Where the window sits in its allowed range, 0..1 (1: the largest allowed). */
  readonly windowShare: number;
  readonly sizes: readonly number[];
  readonly seed: number;
  readonly data: Faults;
  readonly acks: Faults;
  /** DATA sends (retransmissions included) and ACKs to drop, by their order of sending. */
  readonly dropData: readonly number[];
  readonly dropAcks: readonly number[];
}

const DELAY_MS = 10;
const REORDER_DELAY_MS = 8;
const RATE = 10e6;
/** Well above the longest round trip (2 × (10 + 8) ms plus a window of 1 KB packets at 10 Mb/s): no timeout is premature. */
const TIMEOUT_MS = 120;

const probability = fc.constantFrom(0, 0.1, 0.25);
const faults: fc.Arbitrary<Faults> = fc.record({ loss: probability, duplicate: probability, reorder: probability, corrupt: probability });

function schedule(mode: Mode): fc.Arbitrary<Schedule> {
  return fc.record({
    mode: fc.constant(mode),
    seqBits: fc.integer({ min: 2, max: 5 }),
    windowShare: fc.constantFrom(1, 0, 0.5, 0.25),
    sizes: fc.array(fc.oneof(fc.integer({ min: 0, max: 64 }), fc.constantFrom(0, 1, 3, 4, 1024)), { minLength: 1, maxLength: 24 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    data: faults,
    acks: faults,
    dropData: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 4 }),
    dropAcks: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 4 }),
  });
}

/**
 * The options a schedule stands for. With reordering, the window is kept to a
 * quarter of the space: a packet overtaken by others must not come back when its
 * number means something new (every ARQ assumes a bounded packet lifetime).
 */
function optionsOf(s: Schedule): ArqOptions {
  const space = 2 ** s.seqBits;
  const reorders = s.data.reorder > 0 || s.acks.reorder > 0;
  const largest = s.mode === "stop-and-wait" ? 1 : reorders ? Math.max(1, space / 4) : s.mode === "go-back-n" ? space - 1 : space / 2;
  const window = Math.max(1, Math.round(largest * s.windowShare));
  return { mode: s.mode, window, seqBits: s.seqBits, timeoutMs: TIMEOUT_MS };
}

function link(f: Faults): LinkInput {
  const spec: Record<string, number> = { delayMs: DELAY_MS, rate: RATE };
  if (f.loss > 0) spec["loss"] = f.loss;
  if (f.duplicate > 0) spec["duplicate"] = f.duplicate;
  if (f.corrupt > 0) spec["corrupt"] = f.corrupt;
  if (f.reorder > 0) {
    spec["reorder"] = f.reorder;
    spec["reorderDelayMs"] = REORDER_DELAY_MS;
  }
  return spec;
}

function transferOf(s: Schedule): Transfer {
  return {
    options: optionsOf(s),
    seed: s.seed,
    count: s.sizes.length,
    sizes: s.sizes,
    data: link(s.data),
    acks: link(s.acks),
    kill: { dataSends: s.dropData, acks: s.dropAcks },
    untilMs: 120_000,
  };
}

/** The schedule as the transfer it runs: the input to replay. */
function show(s: Schedule): string {
  const run = transferOf(s);
  return [
    `options: ${JSON.stringify(run.options)}`,
    `message sizes (bytes): ${JSON.stringify(s.sizes)}`,
    `link seed: ${s.seed}`,
    `DATA link: ${JSON.stringify(run.data)}`,
    `ACK link: ${JSON.stringify(run.acks)}`,
    `dropped on purpose: DATA sends #${JSON.stringify(s.dropData)} (counting retransmissions, from 0), ACKs #${JSON.stringify(s.dropAcks)}`,
  ].join("\n");
}

/** Runs one schedule and checks every rule; a failure carries the steps of this run only. */
async function checkSchedule(t: TestContext, s: Schedule): Promise<void> {
  const steps: Step[] = [];
  const local: TestContext = { run: (scenario, input) => t.run(scenario, input), step: (text) => steps.push(text), seed: t.seed };
  const run = transferOf(s);
  try {
    const result = await transfer(local, run);
    expectCorrectRun(local, result, run.options, run.count);
  } catch (error) {
    if (!(error instanceof LabAssertionError)) throw error;
    throw new LabAssertionError([error.message, "", ...steps.map(stepText)].join("\n"));
  }
}

const RUNS = 30;
export function propertyTests({ describe, it }: TestRegistry): void {
  describe("random schedules", () => {
    for (const [mode, name, salt] of [
      ["stop-and-wait", "stop-and-wait", 1],
      ["go-back-n", "Go-Back-N", 2],
      ["selective-repeat", "Selective Repeat", 3],
    ] as const) {
      it(
        `${name} keeps every rule on ${RUNS} random schedules of sizes, windows and link faults`,
        {
          points: 4,
          rule: `${RULES.reliable}. ${RULES.ackRules}. ${RULES.timerRules}. ${RULES.frugal}`,
          hint:
            "The message names the first rule broken and the event where it happened; the input printed below it is the smallest " +
            "schedule found that still fails. Run that transfer by hand (same options, sizes, links and drops) and follow the ladder.",
        },
        async (t) => {
          await checkProperty(t, { arbitrary: schedule(mode), runs: RUNS, show, salt }, withShrinkBudget((s) => checkSchedule(t, s)));
        },
      );
    }
  });
}
