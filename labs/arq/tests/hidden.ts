/**
 * Hidden tests for the ARQ lab: the checksum, the packet format, exactly-once
 * in-order delivery under every kind of fault and across sequence wrap, the
 * window, the timers, frugal retransmission and efficiency on a long, fat
 * path. Link seeds derive from the grading seed (t.seed).
 */
import { defineTests, expect, fail, toHex, type TestContext } from "#labs/kit/index.ts";
import { checkProperty, fc } from "#labs/kit/property.ts";
import type { ChecksumResult, ConstructResult, LinkInput, Mode, TransferResult } from "../scenarios.ts";
import {
  clean,
  expectExactlyOnce,
  expectFullWindow,
  expectInOrder,
  expectNoOverflow,
  expectNoRetransmission,
  expectWellFormed,
  options,
  showLadder,
  showRun,
  transfer,
  type Transfer,
} from "./check.ts";
import { RULES } from "./rules.ts";
import { expectFrugal, expectReceiverRules, expectSenderRules } from "./invariants.ts";
import { checksumOracle } from "./oracle.ts";
import { limitTests } from "./hidden-limits.ts";
import { scriptTests } from "./hidden-scripts.ts";
import { propertyTests } from "./hidden-properties.ts";
import { withShrinkBudget } from "./shrink-budget.ts";

/** Three link seeds derived from the grading seed. */
function seeds(t: TestContext): number[] {
  return [0, 1, 2].map((k) => t.seed * 31 + 101 * k);
}

/** Runs each transfer and checks exactly-once delivery (and the format) for each. */
async function expectAllReliable(t: TestContext, runs: readonly Transfer[]): Promise<TransferResult[]> {
  const results: TransferResult[] = [];
  for (const run of runs) {
    const result = await transfer(t, run);
    expectWellFormed(t, result);
    expectReceiverRules(t, result, run.options);
    expectSenderRules(t, result, run.options);
    expectExactlyOnce(t, result, run.count);
    results.push(result);
  }
  return results;
}

const lossy: LinkInput = { delayMs: 10, rate: 10e6, loss: 0.2 };
const HOSTILE_TIMEOUT = 150;
const EFFICIENCY_FLOOR = 0.15;

export default defineTests((registry) => {
  const { describe, it } = registry;
  describe("checksum", () => {
    it(
      "handles odd lengths, carries and the empty input",
      {
        points: 3,
        rule: RULES.checksum,
        hint:
          "Pad an odd last byte with a zero byte on its right (it is the high byte of the last word). Fold carries until none are left; " +
          "the checksum of no bytes is ffff.",
      },
      async (t) => {
        const cases: [string, number][] = [
          ["", 0xffff],
          ["ab", 0x54ff],
          ["00 01 f2", 0x0dfe],
          ["ff ff ff ff ff ff", 0x0000],
          ["ff ff 00 01", 0xfffe],
          ["80 00 80 00 80 00", 0x7ffe],
          ["12 34 56 78 9a", 0xfd52],
          // 0xffff + 0xffff + 0x0001 = 0x1ffff: one fold gives 0x10000, which needs a second.
          ["ff ff ff ff 00 01", 0xfffe],
        ];
        const results = await t.run<ChecksumResult>("checksum", { inputs: cases.map(([hex]) => hex) });
        for (const [i, [hex, expected]] of cases.entries()) {
          t.step(`internetChecksum(${hex === "" ? "no bytes" : hex}) should be ${expected.toString(16).padStart(4, "0")}`);
          expect(results[i]).toEqual({ value: expected });
        }
      },
    );
  });

  describe("checksum", () => {
    it(
      "agrees with RFC 1071 on random inputs, long sums and views into larger buffers",
      {
        points: 3,
        rule: RULES.checksum,
        hint:
          "Fold until no carry is left (a sum folded once can carry again: 0x1ffff → 0x10000 → 0x0001). Read the bytes through the " +
          "Uint8Array itself, not its .buffer: the array may be a view that starts at a non-zero byteOffset.",
      },
      async (t) => {
        // 514 words of ffff and one of 0002: the sum's carries need folding twice.
        const long = new Uint8Array(1030).fill(0xff);
        long[1028] = 0;
        long[1029] = 2;
        const input = fc.record({
          bytes: fc.oneof(fc.constant(long), fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ minLength: 600, maxLength: 1100 })),
          view: fc.boolean(),
        });
        const show = ({ bytes, view }: { bytes: Uint8Array; view: boolean }) =>
          `${bytes.length} bytes${view ? ", passed as a view at byteOffset 3 into a larger buffer" : ""}: ${toHex(bytes) || "(none)"}`;
        await checkProperty(
          t,
          { arbitrary: input, runs: 40, salt: 11, show },
          withShrinkBudget(async ({ bytes, view }) => {
            // The harness passes every odd-numbered input as a view: put this one first or second.
            const inputs = view ? ["", toHex(bytes)] : [toHex(bytes)];
            const results = await t.run<ChecksumResult>("checksum", { inputs });
            const got = results[inputs.length - 1]!;
            const expected = checksumOracle(bytes);
            if ("value" in got && got.value === expected) return;
            const shown = bytes.length > 24 ? `${toHex(bytes.subarray(0, 24))} … (${bytes.length} bytes)` : toHex(bytes) || "no bytes";
            fail(
              `internetChecksum(${shown})${view ? " (a view at byteOffset 3)" : ""} should be ${expected.toString(16).padStart(4, "0")}, ` +
                `got ${"value" in got ? got.value.toString(16).padStart(4, "0") : got.error}`,
            );
          }),
        );
      },
    );
  });

  describe("packet format", () => {
    it(
      "every packet has a valid header and checksum, and message k has sequence number k mod 2^seqBits",
      {
        points: 3,
        rule: RULES.format,
        hint: "Write type, number (big-endian), zero, zero, payload; compute the checksum over all of it and store it in bytes 3-4.",
      },
      async (t) => {
        for (const mode of ["go-back-n", "selective-repeat"] as const) {
          const result = await transfer(t, { options: options(mode, 5, 4), seed: t.seed, count: 40, data: clean(), minBytes: 4, maxBytes: 61 });
          expectWellFormed(t, result);
          const wrong = result.ladder.findIndex(
            (e) => e.kind === "send" && e.dir === "data" && e.message !== undefined && e.message >= 0 && e.seq !== e.message % 16,
          );
          if (wrong !== -1) {
            showLadder(t, result, wrong);
            const event = result.ladder[wrong]!;
            if (event.kind === "send") fail(`message ${event.message} went out with sequence number ${event.seq}, expected ${event.message! % 16}`);
          }
          expectExactlyOnce(t, result, 40);
        }
      },
    );
  });

  describe("exactly once, in order", () => {
    it(
      "stop-and-wait survives 20% loss both ways",
      { points: 3, rule: RULES.reliable, hint: "Every timeout resends the one outstanding packet; every arrival, new or old, gets an ACK." },
      async (t) => {
        await expectAllReliable(
          t,
          seeds(t).map((seed) => ({ options: options("stop-and-wait", 1), seed, count: 40, data: lossy })),
        );
      },
    );

    for (const mode of ["go-back-n", "selective-repeat"] as const) {
      it(
        `${mode === "go-back-n" ? "Go-Back-N" : "Selective Repeat"} survives the hostile profile`,
        {
          points: 4,
          rule: RULES.reliable,
          hint:
            "The hostile link loses, corrupts, duplicates and reorders. Drop packets whose checksum fails; accept only numbers inside " +
            "the window; never deliver a number twice.",
        },
        async (t) => {
          await expectAllReliable(
            t,
            seeds(t).map((seed) => ({ options: options(mode, 8, 4, HOSTILE_TIMEOUT), seed, count: 120, data: "hostile" })),
          );
        },
      );
    }

    it(
      "corrupted packets are ignored, both ways",
      {
        points: 3,
        rule: RULES.corruption,
        hint: "Check the checksum of every packet first, in the sender (ACKs) and in the receiver (DATA); treat a mismatch as a loss.",
      },
      async (t) => {
        const link: LinkInput = { delayMs: 10, rate: 10e6, corrupt: 0.3 };
        await expectAllReliable(
          t,
          (["go-back-n", "selective-repeat"] as const).flatMap((mode) =>
            seeds(t).slice(0, 2).map((seed) => ({ options: options(mode, 6, 8), seed, count: 80, data: link, minBytes: 40 })),
          ),
        );
      },
    );

    it(
      "duplicated and reordered packets are handled",
      {
        points: 3,
        rule: RULES.duplicates,
        hint: "A duplicate DATA is ACKed again but not delivered; a late ACK for something already acknowledged changes nothing.",
      },
      async (t) => {
        const link: LinkInput = { delayMs: 10, rate: 10e6, duplicate: 0.2, reorder: 0.3, reorderDelayMs: 8 };
        await expectAllReliable(
          t,
          (["go-back-n", "selective-repeat"] as const).flatMap((mode) =>
            seeds(t).slice(0, 2).map((seed) => ({ options: options(mode, 6, 8), seed, count: 80, data: link })),
          ),
        );
      },
    );

    it(
      "lost ACKs cause no duplicate delivery, and the sender still finishes",
      {
        points: 4,
        rule: RULES.reack,
        hint:
          "When an ACK is lost the sender resends a packet the receiver has already delivered: ACK it again (a Selective Repeat receiver " +
          "re-ACKs anything in the window just before its own) and deliver nothing.",
      },
      async (t) => {
        const acks: LinkInput = { delayMs: 10, rate: 10e6, loss: 0.3 };
        const modes: [Mode, number][] = [["stop-and-wait", 1], ["go-back-n", 6], ["selective-repeat", 6]];
        await expectAllReliable(
          t,
          modes.flatMap(([mode, window]) =>
            seeds(t).slice(0, 2).map((seed) => ({ options: options(mode, window, 8), seed, count: 60, data: clean(), acks })),
          ),
        );
      },
    );

    it(
      "sequence numbers wrap: 4-bit numbers, 150 messages, full windows",
      {
        points: 4,
        rule: RULES.wrap,
        hint:
          "After 15 comes 0. Compare numbers by their distance forward modulo 2^seqBits, e.g. (ack − base + space) % space, " +
          "or keep unwrapped counters and reduce modulo the space only on the wire.",
      },
      async (t) => {
        const link: LinkInput = { delayMs: 10, rate: 10e6, loss: 0.1 };
        await expectAllReliable(t, [
          { options: options("go-back-n", 15, 4), seed: t.seed, count: 150, data: link },
          { options: options("selective-repeat", 8, 4), seed: t.seed, count: 150, data: link },
        ]);
      },
    );
  });

  describe("exactly once, in order", () => {
    it(
      "ACKs reordered on the way back: the sender takes only ACKs that acknowledge something new",
      {
        points: 3,
        rule: RULES.ackAcceptance,
        hint:
          "An ACK overtaken by a newer one arrives late and acknowledges nothing new: (ack − base) mod 2^seqBits is then larger than " +
          "next − base. Ignore it; never move base backwards or past next.",
      },
      async (t) => {
        const acks: LinkInput = { delayMs: 10, rate: 10e6, reorder: 0.4, reorderDelayMs: 9, duplicate: 0.2 };
        const runs: [Mode, number][] = [["go-back-n", 4], ["selective-repeat", 4]];
        for (const [mode, window] of runs) {
          for (const seed of seeds(t).slice(0, 2)) {
            const run = options(mode, window, 4, 150);
            const result = await transfer(t, { options: run, seed, count: 90, data: { delayMs: 10, rate: 10e6, loss: 0.05 }, acks });
            expectWellFormed(t, result);
            expectReceiverRules(t, result, run);
            expectNoOverflow(t, result, window);
            expectSenderRules(t, result, run);
            expectExactlyOnce(t, result, 90);
          }
        }
      },
    );

    it(
      "numbers above 255 use both bytes: 9-bit numbers wrap with Go-Back-N's largest window",
      {
        points: 2,
        rule: RULES.format,
        hint: "Bytes 1-2 hold the number big-endian: byte 1 = seq >> 8, byte 2 = seq & 0xff; read it back the same way.",
      },
      async (t) => {
        const run = options("go-back-n", 511, 9, 400);
        const result = await transfer(t, { options: run, seed: t.seed, count: 700, data: { delayMs: 10, rate: 50e6, loss: 0.01 }, minBytes: 4, maxBytes: 24 });
        expectWellFormed(t, result);
        expectNoOverflow(t, result, 511);
        expectExactlyOnce(t, result, 700);
      },
    );
  });

  describe("windows", () => {
    it(
      "both sliding windows fill up and never overflow",
      {
        points: 3,
        rule: RULES.window,
        hint: "Count what is outstanding as next − base (unwrapped) and send while it is below the window; offer() returns false otherwise.",
      },
      async (t) => {
        const link: LinkInput = { delayMs: 30, rate: 50e6, loss: 0.05 };
        for (const [mode, window] of [["go-back-n", 5], ["selective-repeat", 6]] as const) {
          const result = await transfer(t, { options: options(mode, window, 8), seed: t.seed, count: 60, data: link });
          expectExactlyOnce(t, result, 60);
          expectFullWindow(t, result, window);
        }
      },
    );

    it(
      "windows too large for the sequence space are refused",
      {
        points: 2,
        rule: RULES.srWindow,
        hint: "In the constructor: if (mode is selective-repeat and window > 2 ** (seqBits − 1)) throw new RangeError(...). Same check in Receiver.",
      },
      async (t) => {
        const cases = [
          options("selective-repeat", 9, 4),
          options("selective-repeat", 8, 4),
          options("selective-repeat", 129, 8),
          options("go-back-n", 16, 4),
          options("go-back-n", 15, 4),
        ];
        const expected = ["throws", "ok", "throws", "throws", "ok"];
        const results = await t.run<ConstructResult>("construct", { cases });
        for (const [i, options] of cases.entries()) {
          for (const side of ["sender", "receiver"] as const) {
            const got = results[i]![side];
            t.step(`new ${side === "sender" ? "Sender" : "Receiver"}(${JSON.stringify(options)}) → ${got}`);
            if (expected[i] === "ok" && got !== "ok") fail(`this window fits the sequence space, but the constructor threw: ${got}`);
            if (expected[i] === "throws" && got === "ok") {
              fail(`window ${options.window} with ${options.seqBits}-bit sequence numbers is too large for ${options.mode}, but the constructor accepted it`);
            }
            if (expected[i] === "throws" && !got.startsWith("RangeError")) fail(`expected a RangeError, got ${got}`);
          }
        }
      },
    );
  });

  describe("timers and retransmission", () => {
    it(
      "Go-Back-N resends every outstanding packet on a timeout",
      { points: 3, rule: RULES.gbnTimeout, hint: "On the timer: for every number from base to next − 1, send that packet again; then restart the timer." },
      async (t) => {
        const result = await transfer(t, { options: options("go-back-n", 4, 8, 60), seed: t.seed, count: 10, data: clean(), kill: { data: [2] } });
        expectExactlyOnce(t, result, 10);
        const timeout = result.ladder.findIndex((e) => e.kind === "timeout");
        if (timeout === -1) fail("message 2 was lost, but no timer ever fired");
        const resent: number[] = [];
        for (let i = timeout + 1; i < result.ladder.length; i++) {
          const event = result.ladder[i]!;
          if (event.kind !== "send" || event.dir !== "data") break;
          if (event.message !== undefined) resent.push(event.message);
        }
        showLadder(t, result, timeout, 8, 5);
        expect(resent, "messages sent right after the first timeout (2 was lost; 3, 4 and 5 were outstanding)").toEqual([2, 3, 4, 5]);
      },
    );

    it(
      "Go-Back-N restarts its timer on every new ACK",
      {
        points: 3,
        rule: RULES.gbnRestart,
        hint: "When an ACK moves base forward: cancel the timer if nothing is outstanding, otherwise set it again for a full timeout.",
      },
      async (t) => {
        // Round trip about 21 ms and a 45 ms timeout: a timer started once, and never restarted, expires mid-transfer.
        const result = await transfer(t, { options: options("go-back-n", 4, 8, 45), seed: t.seed, count: 80, data: clean() });
        expectExactlyOnce(t, result, 80);
        expectNoRetransmission(t, result, "the link lost nothing and every ACK came back within half the timeout");
      },
    );

    it(
      "duplicate ACKs never cause a retransmission",
      {
        points: 3,
        rule: RULES.noDupAckRetransmit,
        hint: "A duplicate ACK acknowledges nothing new: ignore it. Resend only when a timer expires.",
      },
      async (t) => {
        const link: LinkInput = { delayMs: 10, rate: 10e6, duplicate: 0.3 };
        for (const mode of ["go-back-n", "selective-repeat"] as const) {
          const result = await transfer(t, { options: options(mode, 8, 8, 500), seed: t.seed, count: 60, data: link });
          expectExactlyOnce(t, result, 60);
          expectNoRetransmission(t, result, "nothing was lost: the link only duplicated packets");
        }
      },
    );

    it(
      "Selective Repeat resends only what was lost, and buffers the rest",
      {
        points: 3,
        rule: RULES.srTimers,
        hint:
          "Give each packet its own timer (its sequence number makes a good key); cancel it when that packet's ACK arrives. " +
          "The receiver keeps out-of-order packets and delivers them when the gap is filled.",
      },
      async (t) => {
        const result = await transfer(t, {
          options: options("selective-repeat", 4, 8, 60),
          seed: t.seed,
          count: 12,
          data: clean(),
          kill: { data: [2], acks: [6] },
        });
        expectExactlyOnce(t, result, 12);
        if (result.counts.retransmissions !== 2) {
          showLadder(t, result, result.ladder.findIndex((e) => e.kind === "timeout"), 6, 12);
          fail(`one DATA and one ACK were lost, so exactly 2 retransmissions were needed; there were ${result.counts.retransmissions}`);
        }
      },
    );

    it(
      "retransmissions stay proportional to losses",
      {
        points: 3,
        rule: RULES.frugal,
        hint:
          "Resend on timeouts only, and in Selective Repeat only the packet whose timer expired: one retransmission per lost or corrupted " +
          "packet (+2). In Go-Back-N a timer may expire only when something was lost, corrupted or reordered.",
      },
      async (t) => {
        const link: LinkInput = { delayMs: 10, rate: 10e6, loss: 0.1, corrupt: 0.05 };
        for (const [mode, window] of [["selective-repeat", 8], ["go-back-n", 8]] as const) {
          for (const seed of seeds(t).slice(0, 2)) {
            const run = options(mode, window, 8);
            const result = await transfer(t, { options: run, seed, count: 100, data: link });
            expectExactlyOnce(t, result, 100);
            expectFrugal(t, result, run);
          }
        }
      },
    );
  });

  describe("efficiency", () => {
    it(
      `Selective Repeat keeps a long, fat path busy (goodput ≥ ${EFFICIENCY_FLOOR} of the link rate)`,
      {
        points: 4,
        rule: RULES.efficiency,
        hint:
          "100 Mb/s and a 100 ms round trip hold about 1200 packets of 1000 bytes, so a window of 2048 can keep the link busy. " +
          "Check that offer() fills the window, that an ACK frees its slot at once, and that a timeout resends only its own packet.",
      },
      async (t) => {
        // A bulk transfer timed over a fixed 600 ms, so one unlucky loss at the very end cannot decide the score.
        const result = await transfer(t, {
          options: options("selective-repeat", 2048, 12, 250),
          seed: t.seed,
          count: 6000,
          minBytes: 1000,
          maxBytes: 1000,
          data: "long-fat",
          untilMs: 600,
          ladder: false,
        });
        expectInOrder(t, result, 6000, 1);
        showRun(t, result);
        t.step(`goodput: ${(result.goodput * 100).toFixed(1)}% of 100 Mb/s (${result.delivered.length} messages of 1000 bytes in 600 ms)`);
        if (result.goodput < EFFICIENCY_FLOOR) {
          fail(`goodput was ${(result.goodput * 100).toFixed(1)}% of the link rate; at least ${EFFICIENCY_FLOOR * 100}% is expected`);
        }
      },
    );
  });
  limitTests(registry);
  scriptTests(registry);
  propertyTests(registry);
});
