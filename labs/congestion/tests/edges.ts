/**
 * Hidden tests at the edges of the rules, chosen events each: partial ACKs of
 * exactly SMSS and of less, the full-ACK boundary at `recover`, duplicate ACKs
 * after a partial ACK and beyond the third outside recovery, a timeout during
 * fast recovery, and the timer's paths (before any sample, the floor before
 * the doubling, Karn's backoff across new ACKs, the 60 s cap). Each also runs
 * the whole sequence past the tests' RFC model (oracle/).
 */
import type { TestRegistry } from "#labs/kit/define-tests.ts";
import type { TestContext } from "#labs/kit/index.ts";
import type { ControllerEvent, ControllerOptions, ControllerState } from "../scenarios.ts";
import { dupAck, expectState, info, newAck, rtt, runEvents, set, timeout } from "./check.ts";
import { expectConforms } from "./oracle/conformance.ts";
import { RULES } from "./rules.ts";

/** Runs the events, then checks the whole sequence against the model. */
type Checked = ControllerState[] & { readonly conform: () => void };

async function run(t: TestContext, options: ControllerOptions, events: readonly ControllerEvent[], hint: string): Promise<Checked> {
  const states = await runEvents(t, options, events);
  return Object.assign(states, { conform: () => expectConforms(options, events, states, hint) });
}

/** Enters fast recovery with FlightSize 8000 (SMSS 1000): ssthresh 4000, cwnd 7000, recover 7999. */
const enter = (): ControllerEvent[] => {
  const f = info(8000, 0, 8000);
  return [dupAck(1, f), dupAck(2, f), dupAck(3, f)];
};

export function declareEdgeTests({ describe, it }: TestRegistry): void {
  describe("edges: NewReno", () => {
    it(
      "a partial ACK of exactly SMSS adds SMSS back; one of less than SMSS does not; cwnd stays at least one SMSS",
      { points: 3, rule: RULES.partialAck, hint: "Deflate by ackedBytes, then add SMSS back only if ackedBytes ≥ SMSS (≥, not >)." },
      async (t) => {
        const hint = "cwnd = cwnd − ackedBytes + (ackedBytes ≥ SMSS ? SMSS : 0), and answer { retransmit: true }.";
        const states = await run(t, { smss: 1000 }, [
          ...enter(),
          newAck(1000, info(7000, 1000, 8000)),
          newAck(500, info(6500, 1500, 8000)),
          newAck(999, info(5501, 2499, 8000)),
        ], hint);
        expectState(states[4], { cwnd: 7000, retransmit: true, ssthresh: 4000 }, "after a partial ACK of exactly 1000 bytes (cwnd was 7000)");
        expectState(states[5], { cwnd: 6500, retransmit: true }, "after a partial ACK of 500 bytes");
        expectState(states[6], { cwnd: 5501, retransmit: true }, "after a partial ACK of 999 bytes");
        states.conform();
        const deep = await run(t, { smss: 1000 }, [...enter(), newAck(7500, info(500, 7500, 8000))], "Never deflate below one SMSS.");
        expectState(deep[4], { cwnd: 1000, retransmit: true }, "after a partial ACK of 7500 bytes from cwnd 7000 (7000 − 7500 + 1000 = 500: one SMSS is the least)");
        deep.conform();
      },
    );

    it(
      "the ACK of exactly the data outstanding when loss was detected is a full ACK",
      { points: 4, rule: `${RULES.fullAck}; ${RULES.partialAck}`, hint: "recover = info.highestSent − 1 (highestSent is one past the last byte sent); a full ACK has info.ack > recover." },
      async (t) => {
        const states = await run(t, { smss: 1000 }, [...enter(), newAck(8000, info(2000, 8000, 10_000))], "recover is the last byte sent: info.highestSent − 1.");
        expectState(states[4], { cwnd: 4000, retransmit: false }, "after the ACK of all 8000 bytes outstanding at the third duplicate ACK (recover 7999)");
        states.conform();
        const f = info(8000, 0, 8000);
        const short = await run(t, { smss: 1000 }, [
          ...enter(),
          dupAck(4, f),
          dupAck(5, f),
          newAck(7999, info(2001, 7999, 10_000)),
          newAck(1, info(2000, 8000, 10_000)),
        ], "An ACK one byte short of recover is partial; the next byte makes it full.");
        expectState(short[6], { cwnd: 9000 - 7999 + 1000, retransmit: true }, "after an ACK one byte short of the 8000 bytes outstanding (a partial ACK)");
        expectState(short[7], { cwnd: 4000, retransmit: false }, "after the ACK of the last byte (a full ACK)");
        short.conform();
      },
    );

    it(
      "duplicate ACKs 1, 2 and 3 after a partial ACK inflate cwnd and start no new fast retransmit",
      { points: 3, rule: RULES.dupAfterPartial, hint: "In fast recovery every duplicate ACK adds SMSS, whatever its count: the sender counts from 1 again after each new ACK." },
      async (t) => {
        const g = info(6000, 2000, 8000);
        const states = await run(t, { smss: 1000 }, [...enter(), newAck(2000, g), dupAck(1, g), dupAck(2, g), dupAck(3, g), newAck(6000, info(0, 8000, 8000))], "Check inRecovery before the count.");
        expectState(states[4], { cwnd: 6000, retransmit: true }, "after a partial ACK of 2000 bytes");
        for (const k of [1, 2, 3]) expectState(states[4 + k], { cwnd: 6000 + 1000 * k, ssthresh: 4000, retransmit: false }, `after duplicate ACK #${k} that follows it`);
        expectState(states[8], { cwnd: 4000, retransmit: false }, "after the full ACK");
        states.conform();
      },
    );

    it(
      "duplicate ACKs beyond the third outside fast recovery change nothing",
      { points: 2, rule: RULES.beyondThird, hint: "Inflate only in fast recovery; outside it a 4th, 5th, … duplicate ACK is ignored." },
      async (t) => {
        const old = info(15_000, 1000, 16_000);
        const events = [set(16_000), timeout(info(16_000, 0, 16_000)), newAck(1000, old)];
        for (let k = 1; k <= 6; k++) events.push(dupAck(k, old));
        const states = await run(t, { smss: 1000 }, events, "The third was refused by the recover guard (ack 1000 ≤ recover 15999); the rest must change nothing either.");
        for (let k = 1; k <= 6; k++) expectState(states[3 + k], { cwnd: 2000, ssthresh: 8000, retransmit: false }, `after duplicate ACK #${k} below recover`);
        states.conform();
      },
    );

    it(
      "after a timeout, duplicate ACKs covering every byte sent before it may start fast retransmit; one byte short may not",
      { points: 2, rule: RULES.recoverGuard, hint: "After the timeout recover = info.highestSent − 1 = 15999: an ACK of 16000 covers it." },
      async (t) => {
        const fresh = info(2000, 16_000, 18_000);
        const states = await run(t, { smss: 1000 }, [timeout(info(16_000, 0, 16_000)), newAck(16_000, fresh), dupAck(1, fresh), dupAck(2, fresh), dupAck(3, fresh)], "recover = info.highestSent − 1.");
        expectState(states[5], { retransmit: true, ssthresh: 2000, cwnd: 5000 }, "after the third duplicate ACK with ack 16000 (recover 15999)");
        states.conform();
        const short = info(1001, 15_999, 17_000);
        const refused = await run(t, { smss: 1000 }, [timeout(info(16_000, 0, 16_000)), newAck(15_999, short), dupAck(1, short), dupAck(2, short), dupAck(3, short)], "ack 15999 does not cover recover 15999.");
        expectState(refused[5], { retransmit: false, ssthresh: 8000, cwnd: 2000 }, "after the third duplicate ACK with ack 15999, one byte short of covering recover 15999");
        refused.conform();
      },
    );

    it(
      "a timeout during fast recovery ends it: the next ACK is a slow-start ACK",
      { points: 4, rule: RULES.timeoutInRecovery, hint: "In onTimeout leave fast recovery and set recover = info.highestSent − 1." },
      async (t) => {
        const f = info(8000, 0, 8000);
        const states = await run(t, { smss: 1000 }, [
          ...enter(),
          dupAck(4, f),
          timeout(info(9000, 0, 9000)),
          newAck(1000, info(8000, 1000, 9000)),
          newAck(8000, info(0, 9000, 9000)),
        ], "After a timeout you are in slow start: cwnd 1 SMSS, growing by min(N, SMSS) per ACK.");
        expectState(states[5], { cwnd: 1000, ssthresh: 4500 }, "after a timeout in fast recovery with FlightSize 9000");
        expectState(states[6], { cwnd: 2000, retransmit: false }, "after the next ACK (1000 new bytes): slow start, not a partial ACK");
        expectState(states[7], { cwnd: 3000, retransmit: false }, "after the ACK of everything (slow start again, not a full ACK's cwnd = ssthresh)");
        states.conform();
      },
    );
  });

  describe("edges: retransmission timer", () => {
    it(
      "timeouts before any RTT sample double the initial 1-second RTO",
      { points: 3, rule: `${RULES.rtoInitial}; ${RULES.rtoBackoff}`, hint: "The backoff applies before the first sample too: 1000, 2000, 4000; an ambiguous sample or a new ACK keeps it." },
      async (t) => {
        const f = info(4000, 0, 4000);
        const events = [timeout(f), timeout(f), rtt(300, true), newAck(1000, info(3000, 1000, 4000)), rtt(300)];
        const states = await run(t, { smss: 1000, minRtoMs: 0 }, events, "Keep the backoff factor separate from SRTT/RTTVAR.");
        expectState(states[1], { rto: 2000 }, "after one timeout (no sample yet)");
        expectState(states[2], { rto: 4000 }, "after a second timeout");
        expectState(states[4], { rto: 4000 }, "after an ambiguous sample and a new ACK");
        expectState(states[5], { rto: 900 }, "after the first valid sample R = 300 (1 s floor off): 300 + 4·150");
        const floored = await run(t, { smss: 1000 }, events, "With the default floor the same events end at 1000.");
        states.conform();
        expectState(floored[5], { rto: 1000 }, "with the 1 s floor, after the first valid sample R = 300");
        floored.conform();
      },
    );

    it(
      "the 1-second floor applies before the doubling",
      { points: 3, rule: `${RULES.rtoFloor}; ${RULES.rtoBackoff}`, hint: "RTO = max(SRTT + max(G, 4·RTTVAR), 1 s), then each timeout doubles that: 1000, 2000, 4000 (not max(300·2ⁿ, 1000))." },
      async (t) => {
        const f = info(4000, 0, 4000);
        const states = await run(t, { smss: 1000 }, [rtt(100), timeout(f), timeout(f)], "Floor first, then double.");
        expectState(states[1], { rto: 1000 }, "after R = 100 (100 + 4·50 = 300, rounded up to 1 s)");
        expectState(states[2], { rto: 2000 }, "after a timeout");
        expectState(states[3], { rto: 4000 }, "after a second timeout");
        states.conform();
      },
    );

    it(
      "the backoff holds across new ACKs until a valid sample (Karn)",
      { points: 3, rule: RULES.karn, hint: "Only a valid sample (retransmitted: false) resets the backoff; onNewAck and ambiguous samples leave it." },
      async (t) => {
        const events = [
          rtt(500),
          timeout(info(4000, 0, 4000)),
          newAck(1000, info(3000, 1000, 4000)),
          newAck(1000, info(3000, 2000, 5000)),
          rtt(800, true),
          newAck(1000, info(3000, 3000, 6000)),
          rtt(600),
        ];
        const states = await run(t, { smss: 1000, minRtoMs: 0 }, events, "Reset the backoff in onRttSample, after the Karn check, and nowhere else.");
        expectState(states[2], { rto: 3000 }, "after a timeout (RTO was 1500)");
        for (const k of [3, 4, 5, 6]) expectState(states[k], { rto: 3000 }, `after event #${k} (no valid sample yet)`);
        expectState(states[7], { rto: 1362.5 }, "after the valid sample R = 600: RTTVAR 212.5, SRTT 512.5");
        states.conform();
      },
    );

    it(
      "RTO keeps doubling to at least 60 seconds",
      { points: 2, rule: RULES.rtoBackoff, hint: "A cap is allowed only at 60 s or more (RFC 6298 §2.5)." },
      async (t) => {
        const f = info(4000, 0, 4000);
        const states = await run(t, { smss: 1000 }, Array.from({ length: 7 }, () => timeout(f)), "Double on every timeout; cap at 60000 or more, if at all.");
        for (let k = 1; k <= 5; k++) expectState(states[k], { rto: 1000 * 2 ** k }, `after timeout #${k}`);
        states.conform();
      },
    );
  });
}
