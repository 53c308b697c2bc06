/**
 * Hidden tests of the documented limits: each protocol's window at the
 * largest value allowed and one past it, seqBits 2..16, positive finite
 * timeouts, known modes, the largest message and one byte more, and empty
 * messages (allowed: 0..MAX_MESSAGE bytes).
 */
import type { TestRegistry } from "#labs/kit/define-tests.ts";
import { fail, type TestContext } from "#labs/kit/index.ts";
import type { ConstructResult, Mode, OptionsInput, ScriptResult } from "../scenarios.ts";
import { scriptMessage } from "../wire.ts";
import { clean, expectExactlyOnce, expectWellFormed, options, transfer } from "./check.ts";
import { expectReceiverRules, expectSenderRules } from "./invariants.ts";
import { packetHex } from "./oracle.ts";
import { RULES } from "./rules.ts";

type Case = readonly [OptionsInput, "ok" | "throws"];

function o(mode: string, window: number | string, seqBits: number | string, timeoutMs: number | string = 100): OptionsInput {
  return { mode: mode as Mode, window, seqBits, timeoutMs };
}

/** Builds both sides with each case's options and checks which constructors threw a RangeError. */
async function expectConstruct(t: TestContext, cases: readonly Case[]): Promise<void> {
  const results = await t.run<ConstructResult>("construct", { cases: cases.map(([options]) => options) });
  for (const [i, [options, expected]] of cases.entries()) {
    for (const side of ["sender", "receiver"] as const) {
      const got = results[i]![side];
      t.step(`new ${side === "sender" ? "Sender" : "Receiver"}(${JSON.stringify(options)}) → ${got}`);
      if (expected === "ok" && got !== "ok") fail(`these options are allowed, but the constructor threw: ${got}`);
      if (expected === "throws" && got === "ok") fail(`these options break the contract (see the step above), but the constructor accepted them`);
      if (expected === "throws" && !got.startsWith("RangeError")) fail(`expected a RangeError, got ${got}`);
    }
  }
}

export function limitTests({ describe, it }: TestRegistry): void {
  describe("limits", () => {
    it(
      "each protocol's largest window is accepted and one more is refused",
      {
        points: 3,
        rule: RULES.srWindow,
        hint:
          "stop-and-wait: window 1 only; Go-Back-N: 1 ≤ window ≤ 2^seqBits − 1; Selective Repeat: 1 ≤ window ≤ 2^(seqBits − 1). " +
          "Check with the exact bounds (≤, not <) in both constructors.",
      },
      async (t) => {
        await expectConstruct(t, [
          [o("stop-and-wait", 1, 2), "ok"],
          [o("stop-and-wait", 2, 8), "throws"],
          [o("stop-and-wait", 0, 8), "throws"],
          [o("go-back-n", 3, 2), "ok"],
          [o("go-back-n", 4, 2), "throws"],
          [o("go-back-n", 65535, 16), "ok"],
          [o("go-back-n", 65536, 16), "throws"],
          [o("go-back-n", 0, 8), "throws"],
          [o("selective-repeat", 2, 2), "ok"],
          [o("selective-repeat", 3, 2), "throws"],
          [o("selective-repeat", 32768, 16), "ok"],
          [o("selective-repeat", 32769, 16), "throws"],
          [o("selective-repeat", 1, 2), "ok"],
          [o("selective-repeat", 0, 4), "throws"],
          [o("selective-repeat", -1, 4), "throws"],
        ]);
      },
    );

    it(
      "seqBits, window and timeout outside the contract, and unknown modes, are refused",
      {
        points: 2,
        rule: RULES.options,
        hint:
          "seqBits must be an integer from 2 to 16, window an integer ≥ 1, timeoutMs a finite number > 0, and mode one of the three names; " +
          "Number.isInteger and Number.isFinite reject NaN and Infinity too.",
      },
      async (t) => {
        await expectConstruct(t, [
          [o("go-back-n", 1, 1), "throws"],
          [o("go-back-n", 1, 17), "throws"],
          [o("go-back-n", 1, 2.5), "throws"],
          [o("go-back-n", 1, "NaN"), "throws"],
          [o("go-back-n", 1.5, 4), "throws"],
          [o("selective-repeat", "NaN", 4), "throws"],
          [o("go-back-n", 4, 8, 0), "throws"],
          [o("go-back-n", 4, 8, -10), "throws"],
          [o("go-back-n", 4, 8, "NaN"), "throws"],
          [o("go-back-n", 4, 8, "Infinity"), "throws"],
          [o("go-back-n", 4, 8, 0.5), "ok"],
          [o("sliding-window", 4, 8), "throws"],
          [o("stop-and-wait", 1, 16, 1e6), "ok"],
        ]);
      },
    );

    it(
      "offer takes a 1024-byte message, refuses 1025 bytes with a RangeError, and a refused message uses no sequence number",
      {
        points: 2,
        rule: RULES.maxMessage,
        hint:
          "Check the length first, before anything changes: `if (message.length > MAX_MESSAGE) throw new RangeError(...)`. " +
          "The next accepted message must still get the next sequence number.",
      },
      async (t) => {
        const steps = [{ offer: 1025 }, { offer: 1024 }, { offer: 0 }, { offer: 5000 }, { offer: 7 }];
        const results = await t.run<ScriptResult>("script", { options: options("go-back-n", 8, 4), role: "sender", steps });
        const expected: [string, number | null][] = [
          ["throws", null],
          ["true", 0],
          ["true", 1],
          ["throws", null],
          ["true", 2],
        ];
        for (const [i, step] of steps.entries()) {
          const result = results[i]!;
          const [outcome, seq] = expected[i]!;
          const sends = result.events.filter((e) => e.kind === "send");
          t.step(`offer(${step.offer} bytes) → ${result.threw ?? result.returned}, sent ${sends.length} packet(s)`);
          if (outcome === "throws") {
            if (result.threw === undefined) fail(`a ${step.offer}-byte message is longer than MAX_MESSAGE (1024): offer must throw a RangeError`);
            if (!result.threw.startsWith("RangeError")) fail(`expected a RangeError, got ${result.threw}`);
            if (sends.length > 0) fail("a refused message must send nothing");
            continue;
          }
          if (result.returned !== "true") fail(`a ${step.offer}-byte message fits (0..1024 bytes) and the window is empty enough: offer must return true`);
          const want = packetHex(1, seq!, scriptMessage(i, step.offer));
          if (sends.length !== 1 || sends[0]!.kind !== "send" || sends[0]!.hex !== want) {
            fail(
              `expected exactly one packet, DATA ${seq} carrying the ${step.offer}-byte message (the refused messages take no number):\n` +
                `  expected ${want.slice(0, 60)}${want.length > 60 ? " …" : ""}\n` +
                `  got      ${sends.map((e) => (e.kind === "send" ? e.hex.slice(0, 60) : "")).join(" | ") || "nothing"}`,
            );
          }
        }
      },
    );

    it(
      "empty, tiny and largest messages arrive intact in every mode",
      {
        points: 2,
        rule: RULES.reliable,
        hint:
          "A message may have 0 to 1024 bytes: an empty message is a DATA packet of just the 5-byte header, and the receiver delivers an " +
          "empty Uint8Array for it. Do not treat a zero-length payload as 'no packet'.",
      },
      async (t) => {
        const sizes = [0, 1, 0, 0, 3, 1024, 2, 0, 1024, 1, 0, 5, 0];
        for (const [mode, window] of [["stop-and-wait", 1], ["go-back-n", 5], ["selective-repeat", 4]] as const) {
          const run = options(mode, window, 3);
          const result = await transfer(t, {
            options: run,
            seed: t.seed,
            count: sizes.length,
            sizes,
            data: { delayMs: 10, rate: 10e6, loss: 0.2 },
            acks: clean(),
          });
          expectWellFormed(t, result);
          expectReceiverRules(t, result, run);
          expectSenderRules(t, result, run);
          expectExactlyOnce(t, result, sizes.length);
        }
      },
    );
  });
}
