import { describe, expect as vitestExpect, it } from "vitest";
import { defineTests, expect, expectBytes, fail } from "#labs/kit/index.ts";
import { runSuite } from "#grader/run-suite.ts";
import type { RunOutcome, Sandbox } from "#grader/sandbox/types.ts";

/** A stand-in sandbox that answers from a table, so the runner can be tested alone. */
function fakeSandbox(answers: Record<string, RunOutcome>): Sandbox {
  return {
    run: async (scenario) => answers[scenario] ?? { ok: false, kind: "crash", message: `no answer for ${scenario}`, logs: [] },
    close: async () => {},
  };
}

const suite = defineTests(({ describe, it }) => {
  describe("group", () => {
    it("passes", { points: 2 }, async (t) => {
      expect(await t.run("answer")).toBe(42);
    });
    it("fails with a rule, steps, a hint and logs", { points: 3, rule: "RFC 0: be right", hint: "Be right." }, async (t) => {
      t.step("pushed 00 01");
      const value = await t.run<number>("noisy");
      expect(value).toBe(1);
    });
    it("fails when the sandbox does", async (t) => {
      await t.run("hang");
    });
    it("shows bytes with a caret", async () => {
      expectBytes(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4), "frame");
    });
  });
  it("fails explicitly", { points: 0 }, () => fail("nope"));
});

describe("runSuite", () => {
  it("scores tests and explains failures", async () => {
    const sandbox = fakeSandbox({
      answer: { ok: true, value: 42, logs: [] },
      noisy: { ok: true, value: 2, logs: ["score: 100 (fake)"] },
      hang: { ok: false, kind: "timeout", message: "Time limit exceeded: 2 s", logs: [] },
    });
    const seen: string[] = [];
    const results = await runSuite(suite, sandbox, { visibility: "visible", seed: 1, onResult: (r) => seen.push(r.name) });
    vitestExpect(results.map((r) => [r.name, r.status, r.score, r.max_score])).toEqual([
      ["group > passes", "passed", 2, 2],
      ["group > fails with a rule, steps, a hint and logs", "failed", 0, 3],
      ["group > fails when the sandbox does", "failed", 0, 1],
      ["group > shows bytes with a caret", "failed", 0, 1],
      ["fails explicitly", "failed", 0, 0],
    ]);
    vitestExpect(seen).toHaveLength(5);
    vitestExpect(results[1]!.output).toBe(
      [
        "expected 2 to be 1 // Object.is equality",
        "",
        "Rule: RFC 0: be right",
        "",
        "Steps:",
        "  pushed 00 01",
        "",
        "Hint: Be right.",
        "",
        "Your code printed:",
        "  | score: 100 (fake)",
      ].join("\n"),
    );
    vitestExpect(results[2]!.output).toBe("Time limit exceeded: 2 s");
    vitestExpect(results[3]!.output).toContain("frame: wrong bytes at offset 2\n  expected @0000: 01 02 04\n");
    vitestExpect(results.every((r) => r.visibility === "visible")).toBe(true);
  });
});

describe("defineTests", () => {
  it("refuses duplicate names and bad points", () => {
    vitestExpect(() => defineTests(({ it }) => {
      it("a", () => {});
      it("a", () => {});
    })).toThrow(/Two tests are named "a"/);
    vitestExpect(() => defineTests(({ it }) => it("b", { points: -1 }, () => {}))).toThrow(/invalid points/);
  });
});
