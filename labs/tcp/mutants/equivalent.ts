/**
 * Generated mutants of solution.ts (`npm run mutation -- tcp`) that no test
 * can kill, each with the reason no observable behaviour changes.
 */
import { defineEquivalents } from "#labs/kit/mutant-edits.ts";

const COPIED = "the bytes are only read (copied into a new segment, or by the context, which copies what deliver() gets), so a copy behaves like a view";
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
]);
