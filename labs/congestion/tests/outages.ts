/**
 * Hidden end-to-end tests where the retransmission timer really fires: a
 * fast retransmission or a partial-ACK retransmission that is lost too, and
 * outages (every data segment sent in a window of time is lost) before the
 * first RTT sample and in mid-transfer. Every call the sender makes is
 * checked against the tests' RFC model; the timeouts' times check the timer.
 */
import type { TestRegistry } from "#labs/kit/define-tests.ts";
import { fail, type TestContext } from "#labs/kit/index.ts";
import type { BulkInput, BulkResult } from "../scenarios.ts";
import { bottleneck, expectBetween, ladderSteps } from "./check.ts";
import { expectRunConforms, modelRun, timeoutLines } from "./oracle/conformance.ts";
import { RULES } from "./rules.ts";

/** The bottleneck with a queue big enough never to overflow: only the scripted losses happen. */
const quiet = (seed: number, extra: Partial<BulkInput>): BulkInput => ({ ...bottleneck(seed, 100_000), queueBytes: 64_000, ...extra });

/** The run, its timeouts judged one by one, every call checked against the model. */
async function outage(t: TestContext, input: BulkInput, hint: string, check: (result: BulkResult, timeouts: number[]) => void): Promise<void> {
  const result = await modelRun(t, { ...input, calls: true }, (r) => {
    for (const line of timeoutLines(input, r)) t.step(line);
    ladderSteps(t, r.ladder, "the lost segments and the timeouts", (e) => e.kind === "timeout" || e.kind === "drop" || (e.kind === "send" && e.retransmission === true), 20);
    if (r.finishedAtMs === null) fail(`the transfer did not finish: ${r.ackedBytes} of ${input.totalBytes} bytes were acknowledged`);
    check(r, r.ladder.filter((e) => e.kind === "timeout").map((e) => e.t));
  });
  expectRunConforms(input, result, hint);
}

function expectTimes(times: readonly number[], expected: readonly number[], what: string): void {
  const show = (list: readonly number[]) => list.map((x) => `${x.toFixed(1)} ms`).join(", ") || "none";
  const same = times.length === expected.length && times.every((x, k) => Math.abs(x - expected[k]!) < 0.01);
  if (!same) fail(`${what}: the timer fired at ${show(times)}, expected ${show(expected)}`);
}

export function declareOutageTests({ describe, it }: TestRegistry): void {
  describe("end to end: the retransmission timer", () => {
    it(
      "a lost fast retransmission: the timeout ends fast recovery and slow start repairs the loss",
      { points: 4, rule: `${RULES.timeoutInRecovery}; ${RULES.timeout}`, hint: "onTimeout must leave fast recovery, set cwnd = SMSS and recover = info.highestSent − 1." },
      async (t) => {
        t.step("the segment at offset 30000 is dropped, and so is its fast retransmission");
        await outage(t, quiet(t.seed, { drop: [30_000], dropResent: [30_000] }), "Compare your state after the timeout with the model's.", (r, times) => {
          expectBetween(times.length, 1, 1, "retransmission timeouts");
          expectBetween(r.counts.fastRetransmits, 1, 1, "fast retransmits");
          expectBetween(r.counts.retransmissions, 2, 2, "segments sent again (the fast retransmission and the one after the timeout)");
        });
      },
    );

    it(
      "a lost partial-ACK retransmission: a timeout after partial ACKs",
      { points: 3, rule: `${RULES.partialAck}; ${RULES.timeoutInRecovery}`, hint: "After the timeout, ACKs are slow-start ACKs, not partial ones: no more { retransmit: true }." },
      async (t) => {
        t.step("segments 20000, 22000 and 24000 are dropped (one window), and so is the partial-ACK retransmission of 22000");
        await outage(t, quiet(t.seed, { drop: [20_000, 22_000, 24_000], dropResent: [22_000] }), "Check the call marked ▶ against the rule.", (r, times) => {
          expectBetween(times.length, 1, 1, "retransmission timeouts");
          expectBetween(r.counts.fastRetransmits, 1, 1, "fast retransmits");
          expectBetween(r.counts.retransmissions, 5, 5, "segments sent again (3 lost, 1 lost again, and 24000 after the timeout)");
        });
      },
    );

    it(
      "an outage before the first RTT sample: the timer fires after 1 s, then 2 s",
      { points: 3, rule: `${RULES.rtoInitial}; ${RULES.karn}`, hint: "Before any sample rto() is 1000 × 2^(timeouts so far); the retransmitted segment's sample is ambiguous: ignore it." },
      async (t) => {
        t.step("every data segment sent before 2500 ms is lost");
        await outage(t, quiet(t.seed, { blackouts: [{ fromMs: 0, toMs: 2500 }] }), "rto() must double on each timeout even before the first sample.", (_r, times) => {
          expectTimes(times, [1000, 3000], "timeouts");
        });
      },
    );

    it(
      "an outage mid-transfer: RTO backs off from the 1 s floor (1 s, 2 s, 4 s) and the backoff holds until a valid sample",
      { points: 4, rule: `${RULES.rtoFloor}; ${RULES.rtoBackoff}; ${RULES.karn}`, hint: "Floor first, then double; only a valid RTT sample (retransmitted: false) ends the backoff." },
      async (t) => {
        t.step("every data segment sent between 300 ms and 4000 ms is lost");
        await outage(t, { ...bottleneck(t.seed, 200_000), blackouts: [{ fromMs: 300, toMs: 4000 }] }, "Compare rto() after each call with the model's RTO.", (_r, times) => {
          if (times.length !== 3) fail(`expected 3 timeouts (at about 1.3 s, then 2 s and 4 s later), got ${times.length}`);
          expectTimes([times[1]! - times[0]!, times[2]! - times[1]!], [2000, 4000], "the gaps between the timeouts");
        });
      },
    );
  });
}
