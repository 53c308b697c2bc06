/**
 * Public tests for the congestion lab: the initial window, slow start, the
 * worked example's third duplicate ACK, the first RTO and a transfer over
 * the bottleneck. The hidden tests check every rule (see the instructions).
 */
import { defineTests } from "#labs/kit/index.ts";
import { bottleneck, bulkRun, dupAck, expectBetween, expectState, info, newAck, rtt, runEvents, set, timeout } from "./check.ts";
import { RULES } from "./rules.ts";

export default defineTests(({ describe, it }) => {
  describe("stage 1: slow start, congestion avoidance and the timeout", () => {
    it(
      "starts with the RFC 5681 initial window for SMSS 1000 and 1460",
      { points: 2, rule: RULES.initialWindow, hint: "Set cwnd in the constructor from options.smss; ssthresh starts at Infinity." },
      async (t) => {
        for (const smss of [1000, 1460]) {
          const [state] = await runEvents(t, { smss }, []);
          expectState(state, { cwnd: smss === 1000 ? 4000 : 4380, ssthresh: null }, `new CongestionController({ smss: ${smss} })`);
        }
      },
    );

    it(
      "grows cwnd by one SMSS for each ACK of a full segment",
      { points: 2, rule: RULES.slowStart, hint: "In onNewAck, while cwnd < ssthresh add min(ackedBytes, SMSS)." },
      async (t) => {
        const states = await runEvents(t, { smss: 1000 }, [
          newAck(1000, info(3000, 1000, 4000)),
          newAck(1000, info(3000, 2000, 5000)),
          newAck(1000, info(3000, 3000, 6000)),
        ]);
        for (const k of [1, 2, 3]) expectState(states[k], { cwnd: 4000 + 1000 * k }, `after ACK #${k}`);
      },
    );

    it(
      "above ssthresh, a window of ACKs grows cwnd by about one SMSS",
      { points: 2, rule: RULES.congestionAvoidance, hint: "Congestion avoidance: cwnd += SMSS·SMSS/cwnd per ACK (at least 1 byte), or add SMSS each time the bytes acknowledged reach cwnd." },
      async (t) => {
        const events = [set(8000, 4000)];
        for (let k = 1; k <= 16; k++) events.push(newAck(1000, info(7000, 1000 * k, 8000 + 1000 * k)));
        const states = await runEvents(t, { smss: 1000 }, events);
        expectBetween(states[2]!.cwnd, 8000, 9000, "cwnd after one ACK from cwnd 8000 with ssthresh 4000 (8000 + 1000·1000/8000 = 8125 with equation 3)");
        expectBetween(states[9]!.cwnd, 8800, 9008, "cwnd after 8 ACKs (one window of 8000 bytes): about one SMSS more, never more");
        expectBetween(states[17]!.cwnd, 9000, 10_016, "cwnd after 16 ACKs (two windows)");
      },
    );

    it(
      "a timeout sets ssthresh to half of FlightSize and cwnd to one SMSS",
      { points: 2, rule: RULES.timeout, hint: "ssthresh = max(info.flightSize / 2, 2·SMSS); cwnd = SMSS." },
      async (t) => {
        const states = await runEvents(t, { smss: 1000 }, [set(10_000), timeout(info(10_000, 0, 10_000))]);
        expectState(states[2], { ssthresh: 5000, cwnd: 1000 }, "after a timeout with FlightSize 10000");
      },
    );

    it(
      "a transfer over the bottleneck finishes and uses at least half of the link",
      { points: 2, rule: RULES.goodput, hint: "The sender sends while FlightSize < cwnd: a window that grows keeps the link busy." },
      async (t) => {
        const result = await bulkRun(t, bottleneck(t.seed, 200_000));
        if (result.finishedAtMs === null) throw new Error(`the transfer did not finish: ${result.ackedBytes} of 200000 bytes were acknowledged`);
        if (result.goodput < 0.5) throw new Error(`goodput was ${(result.goodput * 100).toFixed(1)}% of the link, expected at least 50%`);
      },
    );
  });

  describe("stage 2: fast retransmit", () => {
    it(
      "the third duplicate ACK of the worked example: ssthresh 4000, cwnd 7000, retransmit",
      { points: 3, rule: RULES.vectors, hint: "ssthresh = max(FlightSize / 2, 2·SMSS) from info.flightSize, then cwnd = ssthresh + 3·SMSS." },
      async (t) => {
        const flight = info(8000, 0, 8000);
        const states = await runEvents(t, { smss: 1000 }, [dupAck(1, flight), dupAck(2, flight), dupAck(3, flight)]);
        expectState(states[3], { ssthresh: 4000, cwnd: 7000, retransmit: true }, "after the third duplicate ACK");
      },
    );
  });

  describe("stage 4: RTO", () => {
    it(
      "an outage before the first RTT sample: the timer fires after 1 s, then 2 s later",
      { points: 2, rule: `${RULES.rtoInitial}; ${RULES.rtoBackoff}`, hint: "Before any sample rto() is 1000 × 2^(timeouts so far): double it in onTimeout even before the first sample." },
      async (t) => {
        t.step("every data segment sent before 2500 ms is lost");
        const result = await bulkRun(t, { ...bottleneck(t.seed, 100_000), queueBytes: 64_000, blackouts: [{ fromMs: 0, toMs: 2500 }] });
        const times = result.ladder.filter((e) => e.kind === "timeout").map((e) => e.t);
        const show = (list: readonly number[]) => list.map((x) => `${x.toFixed(1)} ms`).join(", ") || "none";
        if (times.length < 2 || Math.abs(times[0]! - 1000) > 0.01 || Math.abs(times[1]! - 3000) > 0.01) {
          throw new Error(`the retransmission timer fired at ${show(times)}; expected 1000.0 ms (RTO 1 s) and 3000.0 ms (RTO doubled to 2 s)`);
        }
        if (result.finishedAtMs === null) throw new Error(`the transfer did not finish: ${result.ackedBytes} of 100000 bytes were acknowledged`);
      },
    );


    it(
      "RTO is 1 s before any sample, and SRTT + 4·RTTVAR after the first",
      { points: 2, rule: `${RULES.rtoInitial}; ${RULES.rtoFirst}`, hint: "First sample R: SRTT = R, RTTVAR = R / 2." },
      async (t) => {
        const states = await runEvents(t, { smss: 1000, minRtoMs: 0 }, [rtt(500)]);
        expectState(states[0], { rto: 1000 }, "before any RTT sample");
        expectState(states[1], { rto: 1500 }, "after the sample R1 = 500 ms (1 s floor off: minRtoMs 0)");
      },
    );
  });
});
