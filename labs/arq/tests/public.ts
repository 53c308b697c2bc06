/**
 * Public tests for the ARQ lab: the checksum's RFC example and each protocol
 * on a clean link, plus one planned loss. The hidden tests check much more
 * (see the instructions).
 */
import { defineTests, expect } from "#labs/kit/index.ts";
import type { ChecksumResult } from "../scenarios.ts";
import { clean, expectExactlyOnce, expectFullWindow, expectWellFormed, options, transfer } from "./check.ts";
import { RULES } from "./rules.ts";

export default defineTests(({ describe, it }) => {
  describe("checksum", () => {
    it(
      "computes the RFC 1071 example",
      {
        points: 2,
        rule: RULES.checksum,
        hint: "Add the bytes as 16-bit big-endian words, fold every carry out of bit 15 back into the sum, then flip all 16 bits.",
      },
      async (t) => {
        t.step("internetChecksum(00 01 f2 03 f4 f5 f6 f7): RFC 1071 §3 sums these words to ddf2");
        const [result] = await t.run<ChecksumResult>("checksum", { inputs: ["00 01 f2 03 f4 f5 f6 f7"] });
        expect(result).toEqual({ value: 0x220d });
      },
    );
  });

  describe("stop-and-wait", () => {
    it(
      "delivers 5 messages over a clean link",
      {
        points: 3,
        rule: RULES.reliable,
        hint: "Send message 0 with sequence number 0; the receiver delivers it and ACKs 1 (the number it expects next); then send message 1.",
      },
      async (t) => {
        const result = await transfer(t, { options: options("stop-and-wait", 1), seed: t.seed, count: 5, data: clean() });
        expectWellFormed(t, result);
        expectExactlyOnce(t, result, 5);
      },
    );

    it(
      "recovers from a lost DATA packet and a lost ACK",
      {
        points: 3,
        rule: RULES.duplicates,
        hint: "Start the timer when you send; on expiry send the same packet again. A receiver that gets the old packet again ACKs it without delivering it.",
      },
      async (t) => {
        const result = await transfer(t, {
          options: options("stop-and-wait", 1),
          seed: t.seed,
          count: 5,
          data: clean(),
          kill: { data: [1], acks: [3] },
        });
        expectWellFormed(t, result);
        expectExactlyOnce(t, result, 5);
      },
    );
  });

  describe("sliding windows", () => {
    it(
      "Go-Back-N delivers 20 messages and keeps 4 in flight",
      {
        points: 2,
        rule: RULES.window,
        hint: "offer() sends at once while fewer than `window` messages are unacknowledged; each new ACK makes room for the next.",
      },
      async (t) => {
        const result = await transfer(t, { options: options("go-back-n", 4), seed: t.seed, count: 20, data: clean() });
        expectWellFormed(t, result);
        expectExactlyOnce(t, result, 20);
        expectFullWindow(t, result, 4);
      },
    );

    it(
      "Selective Repeat delivers 20 messages and keeps 4 in flight",
      {
        points: 3,
        rule: RULES.window,
        hint: "Each DATA gets its own ACK carrying its sequence number; the window slides past every acknowledged packet at its start.",
      },
      async (t) => {
        const result = await transfer(t, { options: options("selective-repeat", 4), seed: t.seed, count: 20, data: clean() });
        expectWellFormed(t, result);
        expectExactlyOnce(t, result, 20);
        expectFullWindow(t, result, 4);
      },
    );
  });
});
