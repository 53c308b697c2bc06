/**
 * Hand-written mutants of the congestion lab: classic learner bugs, each a small
 * edit of solution.ts (labs/kit/mutant-edits.ts). Every one must fail a hidden test
 * (test/labs/prove-labs.test.ts). Generated mutants: `npm run mutation`.
 */
import { defineMutants } from "../../kit/mutant-edits.ts";

export default defineMutants({
  "ca-grows-smss-per-ack": {
    bug: "congestion avoidance adds a whole SMSS per ACK (exponential growth) instead of about one per RTT.",
    edits: [
      ["      this.cwnd += Math.max(1, Math.floor((this.smss * this.smss) / this.cwnd)); // congestion avoidance, eq. 3", "      this.cwnd += this.smss; // congestion avoidance"],
    ],
  },
  "ca-integer-division-zero-growth": {
    bug: "congestion avoidance computes the increment with integer division, Math.floor(SMSS / cwnd) · SMSS, which is 0 once cwnd > SMSS: cwnd never grows above ssthresh.",
    edits: [
      ["      this.cwnd += Math.max(1, Math.floor((this.smss * this.smss) / this.cwnd)); // congestion avoidance, eq. 3", "      this.cwnd += Math.floor(this.smss / this.cwnd) * this.smss; // congestion avoidance, eq. 3"],
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
      ["    this.backoff = Math.min(this.backoff * 2, MAX_RTO_MS); // RFC 6298 §5.5", "    // (no backoff)"],
    ],
  },
  "no-rto-floor": {
    bug: "RTO is never rounded up to the 1-second minimum.",
    edits: [
      ["  private readonly minRto: number;", ""],
      ["    this.minRto = options.minRtoMs ?? 1000;", ""],
      ["    return Math.min(Math.max(this.baseRto, this.minRto) * this.backoff, MAX_RTO_MS);", "    return Math.min(this.baseRto * this.backoff, MAX_RTO_MS);"],
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
      ["      this.cwnd += Math.min(ackedBytes, this.smss); // slow start, RFC 5681 eq. 2", "      this.cwnd += Math.max(1, Math.floor((this.smss * this.smss) / this.cwnd)); // slow start, RFC 5681 eq. 2"],
    ],
  },
  "srtt-before-rttvar": {
    bug: "SRTT is updated before RTTVAR, so RTTVAR uses the new SRTT.",
    edits: [
      ["      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - rttMs);", ""],
      ["      this.srtt = 0.875 * this.srtt + 0.125 * rttMs;", "      this.srtt = 0.875 * this.srtt + 0.125 * rttMs;\n      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - rttMs);"],
    ],
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
});
