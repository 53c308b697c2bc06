/**
 * Generated mutants of solution.ts that cannot change what a test can see
 * (`npm run mutation -- arq`), each with the reason.
 */
import { defineEquivalents } from "#labs/kit/mutant-edits.ts";

export default defineEquivalents([
  {
    original: "const GBN_TIMER = 0;",
    mutated: "const GBN_TIMER = (1);",
    reason: "timer keys are the learner's choice; Go-Back-N uses this one key alone, so any number names the same timer",
  },
  {
    original: "const GBN_TIMER = 0;",
    mutated: "const GBN_TIMER = (-1);",
    reason: "timer keys are the learner's choice; Go-Back-N uses this one key alone, so any number names the same timer",
  },
  {
    original: "for (let i = 0; i < bytes.length; i += 2) {",
    mutated: "for (let i = 0; i <= bytes.length; i += 2) {",
    reason: "the extra step (even lengths only) reads past the end: undefined << 8 is 0 and ?? 0 gives 0, so it adds nothing to the sum",
  },
  {
    original: "sum = (sum & 0xffff) + (sum >>> 16);",
    mutated: "sum = (sum & 0xffff) + (sum >> 16);",
    reason: "the sum is folded after every word, so it stays below 2^17 and is never negative: >> and >>> agree",
  },
  {
    original: "packet[1] = seq >>> 8;",
    mutated: "packet[1] = seq >> 8;",
    reason: "seq is 0..65535 here, never negative: >> and >>> agree",
  },
  {
    original: "packet[3] = checksum >>> 8;",
    mutated: "packet[3] = checksum >> 8;",
    reason: "internetChecksum returns 0..0xffff, never negative: >> and >>> agree",
  },
  {
    original: "zeroed.fill(0, 3, 5);",
    mutated: "zeroed.fill((-1), 3, 5);",
    reason: "bytes 3-4 straddle two words, so ff ff adds 0x00ff + 0xff00 = 0xffff, one's complement zero: a packet's type byte is never 0, so its folded sum is unchanged",
  },
  {
    original: "const zeroed = bytes.slice();",
    mutated: "const zeroed = bytes.subarray();",
    reason: "zeroing bytes 3-4 in place only touches the lent packet, which the harness overwrites after the call; nothing reads those bytes afterwards",
  },
  {
    original: "if (!this.unacked.has(n)) return; // not sent, or acknowledged already",
    mutated: "if (false) return; // not sent, or acknowledged already",
    reason: "An ACK for a packet not outstanding finds no timer under its key (in-flight packets have distinct keys and unwrap picks the in-window one), so delete, cancelTimer and the base loop all do nothing.",
  },
]);
