/**
 * Hand-written mutants of the congestion lab: classic learner bugs, each a small
 * edit of solution.ts (labs/kit/mutant-edits.ts). Every one must fail a hidden test
 * (test/labs/prove-labs.test.ts). Generated mutants: `npm run mutation`.
 */
import { defineMutants } from "#labs/kit/mutant-edits.ts";

export default defineMutants({
  "ca-grows-smss-per-ack": {
    bug: "congestion avoidance adds a whole SMSS per ACK (exponential growth) instead of about one per RTT.",
    edits: [
      ["      this.cwnd += (this.smss * this.smss) / this.cwnd; // congestion avoidance, eq. 3", "      this.cwnd += this.smss; // congestion avoidance"],
    ],
  },
  "ca-integer-division-zero-growth": {
    bug: "congestion avoidance computes the increment with integer division, Math.floor(SMSS / cwnd) · SMSS, which is 0 once cwnd > SMSS: cwnd never grows above ssthresh.",
    edits: [
      ["      this.cwnd += (this.smss * this.smss) / this.cwnd; // congestion avoidance, eq. 3", "      this.cwnd += Math.floor(this.smss / this.cwnd) * this.smss; // congestion avoidance, eq. 3"],
    ],
  },
  "iw-rfc3390": {
    bug: "the initial window from RFC 3390's min(4·SMSS, max(2·SMSS, 4380)) instead of RFC 5681's bands.",
    edits: [
      ["    this.cwnd = smss > 2190 ? 2 * smss : smss > 1095 ? 3 * smss : 4 * smss;", "    this.cwnd = Math.min(4 * smss, Math.max(2 * smss, 4380));"],
    ],
  },
  "no-2smss-floor": {
    bug: "ssthresh = FlightSize / 2 without the 2·SMSS floor, on a timeout and on the third duplicate ACK.",
    edits: [
      ["    this.ssthresh = Math.max(info.flightSize / 2, 2 * this.smss); // eq. 4", "    this.ssthresh = info.flightSize / 2; // eq. 4"],
      ["  onTimeout(info: EventInfo): void {\n    this.ssthresh = Math.max(info.flightSize / 2, 2 * this.smss);", "  onTimeout(info: EventInfo): void {\n    this.ssthresh = info.flightSize / 2;"],
    ],
  },
  "no-deflation-on-new-ack": {
    bug: "the ACK that ends fast recovery leaves cwnd inflated.",
    edits: [
      ["        this.cwnd = this.ssthresh;", ""],
    ],
  },
  "no-inflation-on-dup-acks": {
    bug: "further duplicate ACKs in fast recovery leave cwnd as it is.",
    edits: [
      ["      this.cwnd += this.smss; // RFC 5681 §3.2 step 4: inflate", "      // (no inflation)"],
    ],
  },
  "no-recover-guard": {
    bug: "no NewReno recover guard: three duplicate ACKs for data sent before a timeout halve the window again.",
    edits: [
      ["    if (count !== 3 || info.ack <= this.recover) return { retransmit: false };", "    if (count !== 3) return { retransmit: false };"],
    ],
  },
  "no-rto-backoff": {
    bug: "a timeout does not double RTO.",
    edits: [
      ["    this.backoff *= 2; // RFC 6298 §5.5 (no cap: §2.5 allows one of 60 s or more, not less)", "    // (no backoff)"],
    ],
  },
  "no-rto-floor": {
    bug: "RTO is never rounded up to the 1-second minimum.",
    edits: [
      ["  private readonly minRto: number;", ""],
      ["    this.minRto = options.minRtoMs ?? 1000;", ""],
      ["    return Math.max(this.baseRto, this.minRto) * this.backoff;", "    return this.baseRto * this.backoff;"],
    ],
  },
  "partial-ack-ends-recovery": {
    bug: "plain Reno: any new ACK, partial or not, ends fast recovery (no NewReno partial ACKs).",
    edits: [
      ["      if (info.ack > this.recover) {", "      if (info.ack > this.recover || ackedBytes > 0) {"],
    ],
  },
  "samples-retransmitted-segments": {
    bug: "Karn's rule ignored: samples from retransmitted segments update SRTT, RTTVAR and the backoff.",
    edits: [
      ["    if (sample.retransmitted) return;", "    void sample;"],
    ],
  },
  "slow-start-grows-by-n": {
    bug: "slow start adds every byte acknowledged, N, instead of min(N, SMSS).",
    edits: [
      ["      this.cwnd += Math.min(ackedBytes, this.smss); // slow start, RFC 5681 eq. 2", "      this.cwnd += ackedBytes; // slow start, RFC 5681 eq. 2"],
    ],
  },
  "slow-start-grows-per-rtt": {
    bug: "slow start grows cwnd by about one SMSS per RTT (SMSS·SMSS/cwnd per ACK) instead of min(N, SMSS) per ACK: no exponential growth.",
    edits: [
      ["      this.cwnd += Math.min(ackedBytes, this.smss); // slow start, RFC 5681 eq. 2", "      this.cwnd += (this.smss * this.smss) / this.cwnd; // slow start, RFC 5681 eq. 2"],
    ],
  },
  "srtt-before-rttvar": {
    bug: "SRTT is updated before RTTVAR, so RTTVAR uses the new SRTT.",
    edits: [["rttvar: 0.75 * e.rttvar + 0.25 * Math.abs(e.srtt - rttMs)", "rttvar: 0.75 * e.rttvar + 0.25 * Math.abs(0.875 * e.srtt + 0.125 * rttMs - rttMs)"]],
  },
  "ssthresh-from-cwnd": {
    bug: "ssthresh is half of cwnd, not of FlightSize, on a timeout and on the third duplicate ACK.",
    edits: [
      ["    this.ssthresh = Math.max(info.flightSize / 2, 2 * this.smss); // eq. 4", "    this.ssthresh = Math.max(this.cwnd / 2, 2 * this.smss); // eq. 4"],
      ["  onTimeout(info: EventInfo): void {\n    this.ssthresh = Math.max(info.flightSize / 2, 2 * this.smss);", "  onTimeout(info: EventInfo): void {\n    this.ssthresh = Math.max(this.cwnd / 2, 2 * this.smss);"],
    ],
  },
  "timeout-keeps-cwnd-at-ssthresh": {
    bug: "a timeout sets cwnd to the new ssthresh instead of the 1-SMSS loss window.",
    edits: [
      ["    this.cwnd = this.smss; // loss window", "    this.cwnd = this.ssthresh;"],
    ],
  },
  "recover-one-past-last-byte": {
    bug: "recover = info.highestSent (one past the last byte sent) with 'full if ack > recover': the ACK of exactly the data outstanding at the loss is taken for a partial ACK and resends a segment that arrived (the lab's own old bug).",
    edits: [["    this.recover = info.highestSent - 1; // RFC 6582 §3.2 step 2: the highest byte sent (highestSent is one past it)", "    this.recover = info.highestSent;"]],
  },
  "timeout-keeps-fast-recovery": {
    bug: "a timeout during fast recovery does not end it: the next ACK is treated as a partial or full ACK.",
    edits: [["    this.inRecovery = false;\n    this.recover = info.highestSent - 1; // RFC 6582 §4", "    this.recover = info.highestSent - 1; // RFC 6582 §4"]],
  },
  "timeout-leaves-recover": {
    bug: "a timeout does not move recover to the last byte sent (RFC 6582 §4): duplicate ACKs of data sent before it start a second halving.",
    edits: [["    this.recover = info.highestSent - 1; // RFC 6582 §4", ""]],
  },
  "no-backoff-before-first-sample": {
    bug: "before the first RTT sample rto() is always 1000: timeouts in an outage at the start do not back off.",
    edits: [["    return Math.max(this.baseRto, this.minRto) * this.backoff;", "    return this.estimate === null ? INITIAL_RTO_MS : Math.max(this.baseRto, this.minRto) * this.backoff;"]],
  },
  "floor-after-doubling": {
    bug: "the 1 s floor is applied after the backoff, max(RTO·2^n, 1 s), so a short RTO stays at 1 s over the first timeouts instead of 2 s, 4 s.",
    edits: [["    return Math.max(this.baseRto, this.minRto) * this.backoff;", "    return Math.max(this.baseRto * this.backoff, this.minRto);"]],
  },
  "new-ack-ends-backoff": {
    bug: "any ACK of new data resets the backoff, even without a valid RTT sample (Karn: the backed-off RTO holds until a valid sample).",
    edits: [["  onNewAck(ackedBytes: number, info: EventInfo): AckDecision {\n", "  onNewAck(ackedBytes: number, info: EventInfo): AckDecision {\n    this.backoff = 1;\n"]],
  },
  "ambiguous-sample-ends-backoff": {
    bug: "a sample from a retransmitted segment is ignored for SRTT and RTTVAR but still resets the backoff.",
    edits: [["    if (sample.retransmitted) return;", "    if (sample.retransmitted) {\n      this.backoff = 1;\n      return;\n    }"]],
  },
  "rto-cap-below-60s": {
    bug: "RTO capped at 30 s, below the 60 s minimum cap RFC 6298 §2.5 allows.",
    edits: [["    return Math.max(this.baseRto, this.minRto) * this.backoff;", "    return Math.min(Math.max(this.baseRto, this.minRto) * this.backoff, 30_000);"]],
  },
  "partial-ack-add-back-above-smss": {
    bug: "a partial ACK adds SMSS back only when it acknowledged more than SMSS (> instead of ≥): a partial ACK of exactly one segment shrinks cwnd.",
    edits: [["(ackedBytes >= this.smss ? this.smss : 0)", "(ackedBytes > this.smss ? this.smss : 0)"]],
  },
  "partial-ack-always-adds-back": {
    bug: "a partial ACK adds SMSS back whatever it acknowledged, even less than one segment.",
    edits: [["(ackedBytes >= this.smss ? this.smss : 0)", "this.smss"]],
  },
  "partial-ack-no-floor": {
    bug: "partial-ACK deflation can leave less than one SMSS (the instructions pin one SMSS as the least).",
    edits: [["      this.cwnd = Math.max(this.cwnd - ackedBytes + (ackedBytes >= this.smss ? this.smss : 0), this.smss);", "      this.cwnd = this.cwnd - ackedBytes + (ackedBytes >= this.smss ? this.smss : 0);"]],
  },
  "partial-ack-no-retransmit": {
    bug: "a partial ACK deflates cwnd but does not ask for the next hole to be resent, so each further loss waits for the timer.",
    edits: [["      return { retransmit: true };\n    }\n    if (this.cwnd < this.ssthresh)", "      return { retransmit: false };\n    }\n    if (this.cwnd < this.ssthresh)"]],
  },
  "inflate-only-after-third": {
    bug: "fast recovery inflates only on duplicate ACKs counted beyond 3, so the duplicates 1-3 that follow a partial ACK do not inflate.",
    edits: [["      this.cwnd += this.smss; // RFC 5681 §3.2 step 4: inflate", "      if (count > 3) this.cwnd += this.smss; // RFC 5681 §3.2 step 4: inflate"]],
  },
  "inflate-outside-recovery": {
    bug: "every duplicate ACK beyond the third inflates cwnd, in fast recovery or not (after the recover guard refused the third).",
    edits: [["    if (count !== 3 || info.ack <= this.recover) return { retransmit: false };", "    if (count > 3) this.cwnd += this.smss;\n    if (count !== 3 || info.ack <= this.recover) return { retransmit: false };"]],
  },
  "third-dup-in-recovery-restarts": {
    bug: "the count is checked before the recovery state: a third duplicate ACK after a partial ACK halves the window again.",
    edits: [["    if (this.inRecovery) {\n      this.cwnd += this.smss; // RFC 5681 §3.2 step 4: inflate", "    if (this.inRecovery && count !== 3) {\n      this.cwnd += this.smss; // RFC 5681 §3.2 step 4: inflate"], ["    if (count !== 3 || info.ack <= this.recover) return { retransmit: false };", "    if (count !== 3) return { retransmit: false };"]],
  },
});