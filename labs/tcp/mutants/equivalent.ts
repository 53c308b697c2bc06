/**
 * Generated mutants of solution.ts (`npm run mutation -- tcp`) that no test
 * can kill, each with the reason no observable behaviour changes.
 */
import { defineEquivalents } from "#labs/kit/mutant-edits.ts";

const COPIED = "the bytes are only read (copied into a new segment, or by the context, which copies what deliver() gets), so a copy behaves like a view";
const SHORT_DIFFERENCE =
  "the difference of two sequence numbers read here is at most one window of unacknowledged bytes (under 2^31), and >> 0 and >>> 0 give the same value for every difference whose true value modulo 2^32 is below 2^31";
const SET_BEFORE_USE = "connect() or the SYN that leaves LISTEN sets it before anything reads it; a CLOSED connection never reads it";

export default defineEquivalents([
  { original: "const RETRANSMIT = 0;", mutated: "const RETRANSMIT = (-1);", reason: "timer keys are the connection's own: −1 is as distinct from TIME_WAIT (1) as 0 is" },
  { original: "const TIME_WAIT = 1;", mutated: "const TIME_WAIT = (2);", reason: "timer keys are the connection's own: 2 is as distinct from RETRANSMIT (0) as 1 is" },
  { original: "private sndUna = 0;", mutated: "private sndUna = (1);", reason: SET_BEFORE_USE },
  { original: "private sndUna = 0;", mutated: "private sndUna = (-1);", reason: SET_BEFORE_USE },
  { original: "private sndNxt = 0;", mutated: "private sndNxt = (1);", reason: SET_BEFORE_USE },
  { original: "private sndNxt = 0;", mutated: "private sndNxt = (-1);", reason: SET_BEFORE_USE },
  { original: "private rcvNxt = 0;", mutated: "private rcvNxt = (1);", reason: SET_BEFORE_USE },
  { original: "private rcvNxt = 0;", mutated: "private rcvNxt = (-1);", reason: SET_BEFORE_USE },
  { original: "private sndWnd = 0;", mutated: "private sndWnd = (1);", reason: "set from the SYN,ACK, or by the window update of the ACK that makes SYN-RECEIVED ESTABLISHED, before anything is sent" },
  { original: "private sndWnd = 0;", mutated: "private sndWnd = (-1);", reason: "set from the SYN,ACK, or by the window update of the ACK that makes SYN-RECEIVED ESTABLISHED, before anything is sent" },
  { original: "private sndWl1 = 0;", mutated: "private sndWl1 = (1);", reason: "set from the SYN,ACK or by the ACK that makes SYN-RECEIVED ESTABLISHED, before the first window update reads it" },
  { original: "private sndWl1 = 0;", mutated: "private sndWl1 = (-1);", reason: "set from the SYN,ACK or by the ACK that makes SYN-RECEIVED ESTABLISHED, before the first window update reads it" },
  { original: "if (len === 0) return inWindow(s.seq);", mutated: "if (len === (1)) return inWindow(s.seq);", reason: "for SEG.LEN = 1 the last sequence number is the first, so the general test gives the same answer" },
  {
    original: "else this.emit(this.sndUna, this.rcvNxt, ACK | PSH, this.queue.subarray(0, Math.min(this.config.mss, inFlight)));",
    mutated: "else this.emit(this.sndUna, this.rcvNxt, ACK | PSH, this.queue.slice(0, Math.min(this.config.mss, inFlight)));",
    reason: COPIED,
  },
  { original: "const text = s.data.slice(skip, skip + this.config.window);", mutated: "const text = s.data.subarray(skip, skip + this.config.window);", reason: COPIED },
  { original: "this.queue = this.queue.subarray((ack - this.sndUna) >>> 0);", mutated: "this.queue = this.queue.slice((ack - this.sndUna) >>> 0);", reason: "the queue is only read and replaced, never written in place, so a copy behaves like a view" },
  {
    original: "this.emit(this.sndNxt, this.rcvNxt, ACK | PSH, this.queue.subarray(sent, sent + length));",
    mutated: "this.emit(this.sndNxt, this.rcvNxt, ACK | PSH, this.queue.slice(sent, sent + length));",
    reason: COPIED,
  },
  { original: "return ((a - b) | 0) < 0;", mutated: "return ((a - b) | (1)) < 0;", reason: "x | 1 keeps x | 0's sign bit, and only the sign is read" },
  { original: "const inFlight = (this.sndNxt - this.sndUna) >>> 0;", mutated: "const inFlight = (this.sndNxt - this.sndUna) >> 0;", reason: SHORT_DIFFERENCE },
  { original: "this.queue = this.queue.subarray((ack - this.sndUna) >>> 0);", mutated: "this.queue = this.queue.subarray((ack - this.sndUna) >> 0);", reason: SHORT_DIFFERENCE },
  { original: "const sent = (this.sndNxt - this.sndUna) >>> 0;", mutated: "const sent = (this.sndNxt - this.sndUna) >> 0;", reason: SHORT_DIFFERENCE },
  {
    original: "if (this.closing && ((this.sndNxt - this.sndUna) >>> 0) === this.queue.length) {",
    mutated: "if (this.closing && ((this.sndNxt - this.sndUna) >> 0) === this.queue.length) {",
    reason: SHORT_DIFFERENCE,
  },
  { original: "const offset = (bytes[12]! >> 4) * 4;", mutated: "const offset = (bytes[12]! >>> 4) * 4;", reason: "a byte (0 to 255) is never negative, so >> and >>> agree" },
  { original: "if (offset < 20 || offset > bytes.length) return null;", mutated: "if (offset < (19) || offset > bytes.length) return null;", reason: "the offset is Data Offset × 4, a multiple of 4: below 19 and below 20 hold for the same offsets" },
  {
    original: "return { seq: read32(bytes, 4), ack: read32(bytes, 8), flags: bytes[13]!, window: (bytes[14]! << 8) | bytes[15]!, data: bytes.subarray(offset) };",
    mutated: "return { seq: read32(bytes, 4), ack: read32(bytes, 8), flags: bytes[13]!, window: (bytes[14]! << 8) | bytes[15]!, data: bytes.slice(offset) };",
    reason: COPIED,
  },
  {
    original: "for (let i = 0; i < segment.length; i += 2) sum += (segment[i]! << 8) | (segment[i + 1] ?? 0);",
    mutated: "for (let i = 0; i <= segment.length; i += 2) sum += (segment[i]! << 8) | (segment[i + 1] ?? 0);",
    reason: "the extra round reads past the end: undefined << 8 is 0 and undefined ?? 0 is 0, so it adds nothing",
  },
  {
    original: "while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);",
    mutated: "while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);",
    reason: "the sum of a segment's 16-bit words stays below 2^31 (a segment under 64 KiB has under 2^15 words of at most 0xffff), where >> and >>> agree",
  },
  { original: "bytes[at] = value >>> 8;", mutated: "bytes[at] = value >> 8;", reason: "a Uint8Array keeps the low 8 bits, and >> 8 and >>> 8 agree on them for every 32-bit value" },
  { original: "write16(bytes, at, value >>> 16);", mutated: "write16(bytes, at, value >> 16);", reason: "write16 keeps only the low 16 bits of what it is given, and >> 16 and >>> 16 agree on them" },
]);
