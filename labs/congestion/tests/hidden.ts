/**
 * Hidden tests for the congestion lab: every rule of RFC 5681, RFC 6582
 * and RFC 6298 the lab asks for, each checked with chosen events (here and
 * in edges.ts), random event sequences judged by the tests' RFC model
 * (properties.ts), then the controller in charge of a bulk transfer over a
 * drop-tail bottleneck, with outages that make the timer fire (outages.ts).
 * Only this file and the files it imports may use oracle/ (issue 17).
 */
import { defineTests, fail } from "#labs/kit/index.ts";
import {
  bottleneck,
  bulkRun,
  dupAck,
  goodputToNinetyPercent,
  expectBetween,
  expectState,
  info,
  ladderSteps,
  longPath,
  newAck,
  rtt,
  runEvents,
  set,
  slowStartRounds,
  timeout,
} from "./check.ts";
import { declareEdgeTests } from "./edges.ts";
import { expectRunConforms, modelRun } from "./oracle/conformance.ts";
import { declareOutageTests } from "./outages.ts";
import { declarePropertyTests } from "./properties.ts";
import { RULES } from "./rules.ts";

export default defineTests((registry) => {
  const { describe, it } = registry;
  describe("stage 1: slow start and congestion avoidance", () => {
    it(
      "the initial window follows RFC 5681's three bands, not RFC 3390",
      { points: 3, rule: RULES.initialWindow, hint: "Compare SMSS with 2190 and 1095 (both bounds inclusive on the ≤ side)." },
      async (t) => {
        const table: [number, number][] = [[536, 2144], [1095, 4380], [1096, 3288], [1200, 3600], [2190, 6570], [2191, 4382], [4000, 8000]];
        for (const [smss, iw] of table) {
          const [state] = await runEvents(t, { smss }, []);
          expectState(state, { cwnd: iw }, `SMSS ${smss}: the initial window`);
        }
      },
    );

    it(
      "an ACK of more than one segment grows cwnd by only one SMSS",
      { points: 3, rule: RULES.slowStart, hint: "A stretch ACK of 3000 bytes adds min(3000, SMSS) = SMSS, not 3000 (RFC 3465 byte counting is limited to L = 1 SMSS here)." },
      async (t) => {
        const states = await runEvents(t, { smss: 1000 }, [newAck(3000, info(1000, 3000, 4000))]);
        expectState(states[1], { cwnd: 5000 }, "after one ACK of 3000 new bytes");
      },
    );

    it(
      "an ACK of less than a segment grows cwnd by the bytes acknowledged",
      { points: 1, rule: RULES.slowStart, hint: "min(N, SMSS) with N = 500 is 500." },
      async (t) => {
        const states = await runEvents(t, { smss: 1000 }, [newAck(500, info(3500, 500, 4000))]);
        expectState(states[1], { cwnd: 4500 }, "after one ACK of 500 new bytes");
      },
    );

    it(
      "congestion avoidance adds about one SMSS per window of ACKs, never more",
      {
        points: 4,
        rule: RULES.congestionAvoidance,
        hint: "Above ssthresh add SMSS·SMSS/cwnd per ACK (ten ACKs of a 10000-byte window add a little under 1000), or count bytes and add SMSS per cwnd acknowledged.",
      },
      async (t) => {
        const events = [set(10_000, 5000)];
        for (let k = 1; k <= 21; k++) events.push(newAck(1000, info(9000, 1000 * k, 10_000 + 1000 * k)));
        const states = await runEvents(t, { smss: 1000 }, events);
        for (let k = 2; k < states.length; k++) {
          const before = states[k - 1]!.cwnd as number;
          expectBetween(states[k]!.cwnd, before, before + 1000, `cwnd after ACK #${k - 1} (from ${before}: one ACK adds 0 to SMSS)`);
        }
        expectBetween(states[11]!.cwnd, 10_000 + 800, 10_000 + 1000 + 10, "cwnd after ten ACKs of one segment each from cwnd 10000 (ssthresh 5000): one window");
        expectBetween(states[22]!.cwnd, 10_000 + 1000, 10_000 + 2000 + 21, "cwnd after 21 ACKs (two windows and one ACK): at least one SMSS, at most two");
      },
    );

    it(
      "slow start hands over to congestion avoidance at ssthresh",
      { points: 2, rule: `${RULES.slowStart}; ${RULES.congestionAvoidance}`, hint: "Compare cwnd with ssthresh on every ACK." },
      async (t) => {
        const events = [set(undefined, 6000)];
        for (let k = 1; k <= 6; k++) events.push(newAck(1000, info(4000, 1000 * k, 4000 + 1000 * k)));
        const states = await runEvents(t, { smss: 1000 }, events);
        expectState(states[2], { cwnd: 5000 }, "after ACK #1 (slow start: cwnd 4000 < ssthresh 6000)");
        expectState(states[3], { cwnd: 6000 }, "after ACK #2");
        for (const k of [4, 5, 6]) {
          const before = states[k]!.cwnd as number;
          expectBetween(states[k + 1]!.cwnd, before, before + Math.ceil(1e6 / before) + 1, `cwnd after ACK #${k} (above ssthresh: congestion avoidance, at most SMSS·SMSS/cwnd)`);
        }
      },
    );
  });

  describe("stage 1: retransmission timeout", () => {
    it(
      "ssthresh is half of FlightSize, not of cwnd",
      { points: 3, rule: RULES.timeout, hint: "Use info.flightSize: the data outstanding may be far less than cwnd." },
      async (t) => {
        const states = await runEvents(t, { smss: 1000 }, [set(20_000, 30_000), timeout(info(12_000, 50_000, 62_000))]);
        expectState(states[2], { ssthresh: 6000 }, "after a timeout with cwnd 20000 and FlightSize 12000");
      },
    );

    it(
      "cwnd falls to one SMSS (the loss window)",
      { points: 3, rule: RULES.timeout, hint: "After a timeout cwnd = SMSS, whatever ssthresh becomes." },
      async (t) => {
        const states = await runEvents(t, { smss: 1460 }, [set(29_200), timeout(info(29_200, 0, 29_200))]);
        expectState(states[2], { cwnd: 1460, ssthresh: 14_600 }, "after a timeout with FlightSize 29200 (SMSS 1460)");
      },
    );

    it(
      "ssthresh never falls below 2·SMSS",
      { points: 2, rule: RULES.timeout, hint: "max(FlightSize / 2, 2·SMSS)." },
      async (t) => {
        const states = await runEvents(t, { smss: 1000 }, [timeout(info(3000, 0, 3000))]);
        expectState(states[1], { ssthresh: 2000, cwnd: 1000 }, "after a timeout with FlightSize 3000");
      },
    );

    it(
      "slow start begins again after a timeout",
      { points: 1, rule: RULES.timeout, hint: "cwnd 1000 < ssthresh 4000: the next ACK adds one SMSS." },
      async (t) => {
        const states = await runEvents(t, { smss: 1000 }, [timeout(info(8000, 0, 8000)), newAck(1000, info(7000, 1000, 8000))]);
        expectState(states[2], { cwnd: 2000, ssthresh: 4000 }, "after the first ACK following the timeout");
      },
    );
  });

  describe("stage 2: fast retransmit and fast recovery", () => {
    const flight = info(8000, 0, 8000);

    it(
      "the first two duplicate ACKs change nothing",
      { points: 2, rule: RULES.fastRetransmit, hint: "Wait for the third: one or two duplicates may be reordering." },
      async (t) => {
        const states = await runEvents(t, { smss: 1000 }, [dupAck(1, flight), dupAck(2, flight)]);
        expectState(states[1], { cwnd: 4000, ssthresh: null, retransmit: false }, "after the first duplicate ACK");
        expectState(states[2], { cwnd: 4000, ssthresh: null, retransmit: false }, "after the second duplicate ACK");
      },
    );

    it(
      "the third duplicate ACK halves FlightSize, not cwnd (SMSS 1460)",
      { points: 3, rule: RULES.fastRetransmit, hint: "ssthresh = max(info.flightSize / 2, 2·SMSS); cwnd = ssthresh + 3·SMSS." },
      async (t) => {
        const f = info(14_600, 0, 14_600);
        const states = await runEvents(t, { smss: 1460 }, [set(20_440), dupAck(1, f), dupAck(2, f), dupAck(3, f)]);
        expectState(states[4], { ssthresh: 7300, cwnd: 7300 + 3 * 1460, retransmit: true }, "after the third duplicate ACK (cwnd 20440, FlightSize 14600)");
      },
    );

    it(
      "the third duplicate ACK with little in flight keeps ssthresh at 2·SMSS",
      { points: 1, rule: RULES.fastRetransmit, hint: "The same max(FlightSize / 2, 2·SMSS) as after a timeout." },
      async (t) => {
        const f = info(3000, 0, 3000);
        const states = await runEvents(t, { smss: 1000 }, [dupAck(1, f), dupAck(2, f), dupAck(3, f)]);
        expectState(states[3], { ssthresh: 2000, cwnd: 5000, retransmit: true }, "after the third duplicate ACK with FlightSize 3000");
      },
    );

    it(
      "each further duplicate ACK inflates cwnd by SMSS",
      { points: 3, rule: RULES.inflate, hint: "Every duplicate ACK means a segment has left the network: add SMSS so a new one may go." },
      async (t) => {
        const states = await runEvents(t, { smss: 1000 }, [dupAck(1, flight), dupAck(2, flight), dupAck(3, flight), dupAck(4, flight), dupAck(5, flight)]);
        expectState(states[4], { cwnd: 8000, retransmit: false }, "after the fourth duplicate ACK");
        expectState(states[5], { cwnd: 9000, ssthresh: 4000, retransmit: false }, "after the fifth duplicate ACK");
      },
    );

    it(
      "the ACK of new data deflates cwnd to ssthresh",
      { points: 3, rule: RULES.deflate, hint: "When the retransmission is acknowledged, leave fast recovery with cwnd = ssthresh." },
      async (t) => {
        const states = await runEvents(t, { smss: 1000 }, [
          dupAck(1, flight),
          dupAck(2, flight),
          dupAck(3, flight),
          dupAck(4, flight),
          dupAck(5, flight),
          newAck(10_000, info(0, 10_000, 10_000)),
        ]);
        expectState(states[6], { cwnd: 4000, ssthresh: 4000, retransmit: false }, "after the ACK of all 10000 bytes");
      },
    );

    it(
      "the worked example from start to end, then congestion avoidance",
      { points: 2, rule: RULES.vectors, hint: "After deflation cwnd = ssthresh: the next ACK grows cwnd by SMSS·SMSS/cwnd at most." },
      async (t) => {
        const states = await runEvents(t, { smss: 1000 }, [
          dupAck(1, flight),
          dupAck(2, flight),
          dupAck(3, flight),
          dupAck(4, flight),
          dupAck(5, flight),
          newAck(10_000, info(2000, 10_000, 12_000)),
          newAck(1000, info(2000, 11_000, 13_000)),
        ]);
        expectState(states[3], { ssthresh: 4000, cwnd: 7000, retransmit: true }, "after the third duplicate ACK");
        expectState(states[5], { cwnd: 9000 }, "after two more duplicate ACKs");
        expectState(states[6], { cwnd: 4000 }, "after the next new ACK");
        expectBetween(states[7]!.cwnd, 4000, 5000, "cwnd after one more ACK (cwnd = ssthresh: RFC 5681 allows either slow start or congestion avoidance)");
      },
    );
  });

  describe("stage 3: NewReno", () => {
    it(
      "a partial ACK retransmits, deflates by the bytes acknowledged plus one SMSS, and stays in recovery",
      { points: 4, rule: RULES.partialAck, hint: "recover = info.highestSent − 1 (the last byte sent) at the third duplicate ACK; an ACK with info.ack ≤ recover is partial." },
      async (t) => {
        const f = info(8000, 0, 8000);
        const states = await runEvents(t, { smss: 1000 }, [
          dupAck(1, f),
          dupAck(2, f),
          dupAck(3, f),
          dupAck(4, f),
          dupAck(5, f),
          newAck(2000, info(8000, 2000, 10_000)),
          dupAck(1, info(8000, 2000, 10_000)),
          newAck(8000, info(0, 10_000, 10_000)),
        ]);
        expectState(states[6], { retransmit: true, cwnd: 8000, ssthresh: 4000 }, "after a partial ACK of 2000 bytes (recover = 7999, cwnd was 9000)");
        expectState(states[7], { cwnd: 9000, retransmit: false }, "after a duplicate ACK that follows the partial ACK (still in fast recovery: inflate)");
        expectState(states[8], { cwnd: 4000, retransmit: false }, "after the ACK that covers recover (a full ACK ends recovery)");
      },
    );

    it(
      "after a timeout, three duplicate ACKs below recover do not halve the window again",
      { points: 4, rule: RULES.recoverGuard, hint: "In onTimeout set recover = info.highestSent − 1; in onDuplicateAck enter fast retransmit only if info.ack > recover." },
      async (t) => {
        const old = info(15_000, 1000, 16_000);
        const states = await runEvents(t, { smss: 1000 }, [
          set(16_000),
          timeout(info(16_000, 0, 16_000)),
          newAck(1000, info(15_000, 1000, 16_000)),
          dupAck(1, old),
          dupAck(2, old),
          dupAck(3, old),
        ]);
        expectState(states[2], { ssthresh: 8000, cwnd: 1000 }, "after the timeout");
        expectState(states[6], { ssthresh: 8000, cwnd: 2000, retransmit: false }, "after three duplicate ACKs for data sent before the timeout");
      },
    );

    it(
      "a loss after recover is covered starts a new fast recovery",
      { points: 2, rule: RULES.recoverGuard, hint: "Once info.ack > recover the guard no longer applies." },
      async (t) => {
        const fresh = info(12_000, 17_000, 29_000);
        const states = await runEvents(t, { smss: 1000 }, [
          timeout(info(16_000, 0, 16_000)),
          set(14_000),
          dupAck(1, fresh),
          dupAck(2, fresh),
          dupAck(3, fresh),
        ]);
        expectState(states[5], { ssthresh: 6000, cwnd: 9000, retransmit: true }, "after the third duplicate ACK with ack 17000 > recover 15999");
      },
    );
  });

  describe("stage 4: retransmission timer", () => {
    it(
      "the second sample updates RTTVAR before SRTT",
      { points: 3, rule: RULES.rtoNext, hint: "RTTVAR = 3/4·250 + 1/4·|500 − 700| = 237.5, then SRTT = 7/8·500 + 1/8·700 = 525; RTO = 525 + 950." },
      async (t) => {
        const states = await runEvents(t, { smss: 1000, minRtoMs: 0 }, [rtt(500), rtt(700)]);
        expectState(states[1], { rto: 1500 }, "after R1 = 500 ms");
        expectState(states[2], { rto: 1475 }, "after R2 = 700 ms");
      },
    );

    it(
      "RTO is at least 1 s by default",
      { points: 2, rule: RULES.rtoFloor, hint: "Use options.minRtoMs when given, else 1000." },
      async (t) => {
        const states = await runEvents(t, { smss: 1000 }, [rtt(100), rtt(100)]);
        expectState(states[1], { rto: 1000 }, "after R1 = 100 ms (100 + 4·50 = 300, rounded up)");
        expectState(states[2], { rto: 1000 }, "after R2 = 100 ms");
      },
    );

    it(
      "each timeout doubles RTO, and a new sample recomputes it",
      { points: 3, rule: RULES.rtoBackoff, hint: "Keep a backoff factor: double it in onTimeout, reset it in onRttSample." },
      async (t) => {
        const f = info(4000, 0, 4000);
        const states = await runEvents(t, { smss: 1000, minRtoMs: 0 }, [rtt(500), timeout(f), timeout(f), rtt(500)]);
        expectState(states[2], { rto: 3000 }, "after one timeout (RTO was 1500)");
        expectState(states[3], { rto: 6000 }, "after a second timeout");
        expectState(states[4], { rto: 1250 }, "after a new sample R = 500 (SRTT 500, RTTVAR 187.5)");
      },
    );

    it(
      "a sample from a retransmitted segment changes nothing (Karn's rule)",
      { points: 3, rule: RULES.karn, hint: "In onRttSample, return at once when sample.retransmitted is true: the ACK may answer either copy of the segment." },
      async (t) => {
        const f = info(4000, 0, 4000);
        const states = await runEvents(t, { smss: 1000, minRtoMs: 0 }, [rtt(500), rtt(4000, true), rtt(700), timeout(f), rtt(40, true)]);
        expectState(states[2], { rto: 1500 }, "after an ambiguous sample of 4000 ms from a retransmitted segment (RTO was 1500)");
        expectState(states[3], { rto: 1475 }, "after the valid sample R2 = 700 ms (as if the ambiguous one never came)");
        expectState(states[5], { rto: 2950 }, "after a timeout (RTO doubled to 2950) and another ambiguous sample: the backoff stays");
      },
    );

    it(
      "the clock granularity G bounds the variance term from below",
      { points: 2, rule: RULES.rtoFirst, hint: "RTO = SRTT + max(G, 4·RTTVAR): 20 + max(100, 40); G is options.granularityMs, 0 when absent." },
      async (t) => {
        const states = await runEvents(t, { smss: 1000, minRtoMs: 0, granularityMs: 100 }, [rtt(20)]);
        expectState(states[1], { rto: 120 }, "after R1 = 20 ms with G = 100 ms");
        const steady = await runEvents(t, { smss: 1000, minRtoMs: 0 }, Array.from({ length: 25 }, () => rtt(100)));
        expectState(steady[25], { rto: 100 + 4 * 50 * 0.75 ** 24 }, "after 25 samples of 100 ms with G absent (G defaults to 0: RTTVAR = 50·0.75²⁴, so 4·RTTVAR < 1)");
      },
    );
  });

  describe("end to end over a drop-tail bottleneck", () => {
    it(
      "a 1 MB transfer finishes and uses most of the link",
      { points: 4, rule: RULES.goodput, hint: "Watch the demo (`wirelab run congestion <file>`): cwnd should climb, halve on a loss and climb again." },
      async (t) => {
        await modelRun(t, { ...bottleneck(t.seed, 1_000_000), summary: true }, (result) => {
          if (result.finishedAtMs === null) fail(`the transfer did not finish: ${result.ackedBytes} of 1000000 bytes were acknowledged`);
          expectBetween(goodputToNinetyPercent(result, bottleneck(t.seed, 1_000_000)), 0.8, 1, "goodput until 900 kB were acknowledged (share of the link rate; the tail is left out: a lost last segment waits for the timer)");
        });
      },
    );

    it(
      "the sawtooth: losses are repaired by fast retransmit, and cwnd halves and climbs again",
      { points: 4, rule: RULES.sawtooth, hint: "Most losses should end in fast recovery, not a timeout; after each, cwnd starts again from ssthresh." },
      async (t) => {
        await modelRun(t, { ...bottleneck(t.seed, 1_000_000), summary: true }, (result) => {
          expectBetween(result.reductions, 4, 1000, "times a loss cut cwnd");
          expectBetween(result.counts.fastRetransmits, 4, 1000, "fast retransmits");
          expectBetween(result.counts.timeouts, 0, 1, "retransmission timeouts");
          const end = result.finishedAtMs ?? 30_000;
          const late = result.series.filter((p) => p.timeMs >= end / 2).map((p) => p.cwnd);
          expectBetween(Math.max(...late), 8000, 30_000, `largest cwnd in the second half of the transfer, after ${(end / 2).toFixed(0)} ms (BDP 10000 + queue 8000)`);
        });
      },
    );

    it(
      "slow start doubles cwnd every round trip until the first loss",
      { points: 3, rule: RULES.doubling, hint: "Slow start grows per ACK, not per RTT: add min(ackedBytes, SMSS) on every new ACK while cwnd < ssthresh." },
      async (t) => {
        const result = await bulkRun(t, longPath(t.seed, 200_000));
        const rounds = slowStartRounds(result);
        t.step("cwnd at the end of each round trip (when the ACK of the whole previous flight arrived), before any loss:");
        let before = result.series[0]?.cwnd ?? 0;
        t.step(`  start: cwnd ${before}`);
        for (const [k, round] of rounds.slice(0, 8).entries()) {
          t.step(`  round trip ${k + 1}: ${round.t.toFixed(1)} ms, ACK ${round.ack}, cwnd ${round.cwnd} (×${(round.cwnd / before).toFixed(2)})`);
          before = round.cwnd;
        }
        if (rounds.length > 8) t.step(`  … ${rounds.length - 8} more round trips`);
        if (rounds.length < 3) fail(`only ${rounds.length} round trips passed before the first loss; expected at least 3 on this 125 kB path`);
        before = result.series[0]?.cwnd ?? 0;
        for (const [k, round] of rounds.slice(0, 5).entries()) {
          expectBetween(Number((round.cwnd / before).toFixed(2)), 1.8, 2.2, `cwnd growth over round trip ${k + 1} (${before} → ${round.cwnd})`);
          before = round.cwnd;
        }
      },
    );

    it(
      "NewReno repairs a burst of three losses in one window without a timeout",
      { points: 4, rule: RULES.burst, hint: "A partial ACK (info.ack ≤ recover) must answer { retransmit: true } and keep you in fast recovery; only a full ACK ends it." },
      async (t) => {
        const drop = [20_000, 22_000, 24_000];
        t.step(`the first transmissions of the segments at offsets ${drop.join(", ")} (all in one window: the third flight of slow start) are dropped on purpose`);
        await modelRun(t, { ...bottleneck(t.seed, 100_000), queueBytes: 64_000, drop }, (result) => {
          ladderSteps(
            t,
            result.ladder,
            "the ladder of the dropped segments and of every timeout",
            (e) => e.kind === "timeout" || (e.kind !== "arrive" && e.dir === "data" && drop.includes(e.offset)),
          );
          if (result.finishedAtMs === null) fail(`the transfer did not finish: ${result.ackedBytes} of 100000 bytes were acknowledged`);
          expectBetween(result.counts.timeouts, 0, 0, "retransmission timeouts");
          expectBetween(result.counts.fastRetransmits, 1, 1, "fast retransmits (one loss episode: one halving)");
          expectBetween(result.counts.retransmissions, 3, 3, "segments sent again (3 were lost; a full ACK must not resend anything)");
        });
      },
    );

    it(
      "the queue does not overflow again and again",
      { points: 3, rule: RULES.queue, hint: "After a loss the window must come down (to ssthresh) and grow by only one SMSS per RTT." },
      async (t) => {
        await modelRun(t, { ...bottleneck(t.seed, 1_000_000), summary: true }, (result) => {
          const share = result.counts.queueDrops / result.counts.segments;
          expectBetween(Number(share.toFixed(4)), 0, 0.03, "share of segments dropped by the full queue");
        });
      },
    );

    it(
      "with SMSS 1460 too",
      { points: 2, rule: RULES.sawtooth, hint: "Nothing in your controller should assume SMSS 1000." },
      async (t) => {
        const input = { ...bottleneck(t.seed + 7, 1_460_000, 1460), queueBytes: 12_000 };
        await modelRun(t, { ...input, summary: true }, (result) => {
          if (result.finishedAtMs === null) fail(`the transfer did not finish: ${result.ackedBytes} of 1460000 bytes were acknowledged`);
          expectBetween(goodputToNinetyPercent(result, input), 0.75, 1, "goodput until 90% was acknowledged (share of the link rate)");
          expectBetween(result.counts.timeouts, 0, 1, "retransmission timeouts");
        });
      },
    );

    it(
      "every decision in the 1 MB transfer is one the RFCs allow, event by event, and nothing is resent needlessly",
      {
        points: 4,
        rule: `${RULES.fullAck}; ${RULES.partialAck}; ${RULES.inflate}`,
        hint: "The failure shows the calls and packets around the first wrong decision; replay those calls with the events scenario.",
      },
      async (t) => {
        const input = bottleneck(t.seed, 1_000_000);
        const result = await bulkRun(t, { ...input, calls: true });
        expectRunConforms(input, result, "Compare the marked call with the rule.");
        const lost = result.counts.queueDrops + result.counts.scriptedDrops;
        expectBetween(result.counts.retransmissions, 0, lost, `segments sent again (${lost} were lost; a drop-tail queue loses each segment once here)`);
      },
    );
  });

  declareEdgeTests(registry);
  declareOutageTests(registry);
  declarePropertyTests(registry);
});
