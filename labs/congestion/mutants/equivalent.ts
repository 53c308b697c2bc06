/**
 * Generated mutants of solution.ts that no test can kill because no
 * observable behaviour changes (or the change is a choice the RFCs allow and
 * the tests accept). `npm run mutation -- congestion` lists survivors.
 */
import { defineEquivalents } from "#labs/kit/mutant-edits.ts";

export default defineEquivalents([
  {
    original: "private recover = -1;",
    mutated: "private recover = (-2);",
    reason: "recover is only compared with info.ack ≥ 0 before the first loss sets it, so any negative start lets every third duplicate ACK through alike",
  },
  {
    original: "this.granularity = options.granularityMs ?? 0;",
    mutated: "this.granularity = options.granularityMs ?? (-1);",
    reason: "G only enters max(G, 4·RTTVAR) and RTTVAR ≥ 0, so a default of −1 never wins, exactly like 0",
  },
  {
    original: "if (this.cwnd < this.ssthresh) {",
    mutated: "if (this.cwnd <= this.ssthresh) {",
    reason: "RFC 5681 §3.1: when cwnd = ssthresh either slow start or congestion avoidance may be used; the instructions allow both and the tests accept both",
  },
]);
