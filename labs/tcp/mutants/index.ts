/**
 * Hand-written mutants of the tcp lab: classic learner bugs, each a small
 * edit of solution.ts (labs/kit/mutant-edits.ts). Every one must fail a
 * hidden test (test/labs/prove-labs.test.ts). Generated mutants: `npm run mutation`.
 */
import { defineMutants } from "#labs/kit/mutant-edits.ts";

export default defineMutants({
  "sequence-compare-without-wrap": {
    bug: "Compares sequence numbers with a plain `<`, so everything goes wrong once numbers wrap past 2^32 − 1 to 0 (RFC 9293 §3.4 compares modulo 2^32).",
    edits: [["  return ((a - b) | 0) < 0;", "  return a < b;"], ["  return ((a - b) | 0) <= 0;", "  return a <= b;"]],
  },
  "window-test-without-wrap": {
    bug: "Tests the receive window with plain comparisons (RCV.NXT ≤ SEG.SEQ < RCV.NXT + RCV.WND on unbounded numbers), which fails when the window straddles 2^32.",
    edits: [["((n - this.rcvNxt) >>> 0) < window", "n >= this.rcvNxt && n < this.rcvNxt + window"]],
  },
  "syn-not-counted": {
    bug: "Forgets that a SYN takes one sequence number: the RST,ACK to a SYN at a closed port acknowledges SEG.SEQ instead of SEG.SEQ + 1.",
    edits: [["s.data.length + (s.flags & SYN ? 1 : 0)", "s.data.length"]],
  },
  "fin-not-counted": {
    bug: "Forgets that a FIN takes one sequence number in SEG.LEN (closed-port answers and the acceptability test).",
    edits: [[" + (s.flags & FIN ? 1 : 0);", ";"]],
  },
  "rst-in-window-resets": {
    bug: "Accepts any RST inside the window as a reset (RFC 793's rule), so a blind attacker who guesses the window can kill the connection; RFC 5961 §3.2 wants a challenge ACK unless SEG.SEQ = RCV.NXT.",
    edits: [["      if (s.seq !== this.rcvNxt) this.sendAck();\n      else if", "      if"]],
  },
  "rst-answered": {
    bug: "Answers an unacceptable RST with an ACK, like any unacceptable segment; RFC 9293's first check never answers a RST.",
    edits: [["      if (!(s.flags & RST)) this.sendAck();\n      return;\n    }\n    // Second", "      this.sendAck();\n      return;\n    }\n    // Second"]],
  },
  "syn-resets-connection": {
    bug: "Resets the connection on a SYN in the window (RFC 793's rule) instead of sending a challenge ACK (RFC 5961 §4.2).",
    edits: [["      if (this.state === \"SYN-RECEIVED\" && this.passive) this.backToListen();\n      else this.sendAck();", "      if (this.state === \"SYN-RECEIVED\" && this.passive) this.backToListen();\n      else this.enterClosed();"]],
  },
  "listen-ignores-ack": {
    bug: "Silently drops an ACK that arrives in LISTEN instead of answering it with <SEQ=SEG.ACK><CTL=RST>.",
    edits: [["    if (s.flags & ACK) {\n      this.emit(s.ack, 0, RST);\n      return;\n    }", "    if (s.flags & ACK) return;"]],
  },
  "closed-rst-seq-zero": {
    bug: "Answers every segment at a closed port with RST,ACK seq 0, even one that carries an ACK (which must get <SEQ=SEG.ACK><CTL=RST>).",
    edits: [["    if (s.flags & ACK) this.emit(s.ack, 0, RST);\n    else this.emit", "    this.emit"]],
  },
  "syn-sent-believes-any-rst": {
    bug: "In SYN-SENT, believes a RST without an ACK, so anyone can refuse the connection for the server.",
    edits: [["      if (hasAck) this.enterClosed();", "      this.enterClosed();"]],
  },
  "syn-sent-accepts-ack-of-iss": {
    bug: "In SYN-SENT, takes SEG.ACK = ISS as acceptable (SND.UNA ≤ SEG.ACK instead of ISS < SEG.ACK): the SYN itself is not acknowledged by it.",
    edits: [["le(s.ack, this.config.iss)", "lt(s.ack, this.config.iss)"]],
  },
  "no-simultaneous-open": {
    bug: "In SYN-SENT, drops a SYN without ACK, so a simultaneous open never completes.",
    edits: [["    if (!(s.flags & SYN)) return;\n    this.rcvNxt = (s.seq + 1) >>> 0;\n    if (hasAck) {", "    if (!(s.flags & SYN) || !hasAck) return;\n    this.rcvNxt = (s.seq + 1) >>> 0;\n    if (hasAck) {"]],
  },
  "acceptable-first-byte-only": {
    bug: "Tests only SEG.SEQ against the window, so a segment that starts before RCV.NXT but brings new bytes is rejected instead of trimmed.",
    edits: [["    return inWindow(s.seq) || inWindow(s.seq + len - 1);", "    return inWindow(s.seq);"]],
  },
  "window-edge-inclusive": {
    bug: "Lets the window include RCV.NXT + RCV.WND itself (≤ instead of <).",
    edits: [["((n - this.rcvNxt) >>> 0) < window", "((n - this.rcvNxt) >>> 0) <= window"]],
  },
  "no-trim": {
    bug: "Delivers a segment's data from its first byte even when it starts before RCV.NXT, so the application gets bytes twice.",
    edits: [["s.data.slice(skip, skip + this.config.window)", "s.data.slice(0, this.config.window)"]],
  },
  "window-not-enforced": {
    bug: "Delivers everything a segment carries, even the bytes past RCV.NXT + RCV.WND.",
    edits: [["s.data.slice(skip, skip + this.config.window)", "s.data.slice(skip)"]],
  },
  "out-of-order-delivered": {
    bug: "Delivers an acceptable segment's data even when it starts after RCV.NXT, leaving a hole in the byte stream.",
    edits: [["    if (skip > s.data.length) {\n      if (length(s) > 0) ack = true;\n    } else {", "    {"], ["const skip = (this.rcvNxt - s.seq) >>> 0;", "const skip = lt(s.seq, this.rcvNxt) ? (this.rcvNxt - s.seq) >>> 0 : 0;"]],
  },
  "ack-of-unsent-accepted": {
    bug: "Processes a segment whose ACK acknowledges data never sent (SEG.ACK > SND.NXT) instead of answering with an ACK and dropping it.",
    edits: [["    if (lt(this.sndNxt, s.ack)) {\n      this.sendAck();\n      return;\n    }\n", ""]],
  },
  "acks-every-segment": {
    bug: "Answers every acceptable segment with an ACK, even an empty ACK: two such endpoints ACK each other's ACKs forever.",
    edits: [["    if (ack) this.sendAck();", "    this.sendAck();"]],
  },
  "time-wait-one-msl": {
    bug: "Waits one MSL in TIME-WAIT instead of two.",
    edits: [["    this.ctx.setTimer(TIME_WAIT, 2 * this.config.mslMs);\n  }", "    this.ctx.setTimer(TIME_WAIT, this.config.mslMs);\n  }"]],
  },
  "no-time-wait": {
    bug: "Goes from FIN-WAIT-2 straight to CLOSED on the peer's FIN, so a lost last ACK can never be repeated.",
    edits: [["        else if (this.state === \"FIN-WAIT-2\") this.enterTimeWait();", "        else if (this.state === \"FIN-WAIT-2\") this.enterClosed();"]],
  },
  "no-closing-state": {
    bug: "In FIN-WAIT-1 treats the peer's FIN as if its own FIN were acknowledged and enters TIME-WAIT; the simultaneous close must wait in CLOSING.",
    edits: [["        else if (this.state === \"FIN-WAIT-1\") this.state = \"CLOSING\";", "        else if (this.state === \"FIN-WAIT-1\") this.enterTimeWait();"]],
  },
  "time-wait-not-restarted": {
    bug: "Does not acknowledge or restart the 2·MSL timer for an acceptable segment in TIME-WAIT.",
    edits: [["    let ack = wasTimeWait;", "    let ack = false;"], ["    if (wasTimeWait) this.ctx.setTimer(TIME_WAIT, 2 * this.config.mslMs);\n", ""]],
  },
  "timer-not-restarted-on-ack": {
    bug: "Leaves the retransmission timer running from the first transmission when an ACK acknowledges new data (RFC 6298 §5.3 restarts it).",
    edits: [["    if (this.sndUna === this.sndNxt) this.ctx.cancelTimer(RETRANSMIT);\n    else this.ctx.setTimer(RETRANSMIT, this.config.rtoMs);", "    if (this.sndUna === this.sndNxt) this.ctx.cancelTimer(RETRANSMIT);"]],
  },
  "timer-restarted-per-segment": {
    bug: "Restarts the retransmission timer for every segment sent, so a steady stream of new data postpones the retransmission of the first one.",
    edits: [["      if (this.sndUna === this.sndNxt) this.ctx.setTimer(RETRANSMIT, this.config.rtoMs);\n      this.emit(this.sndNxt, this.rcvNxt, ACK | PSH", "      this.ctx.setTimer(RETRANSMIT, this.config.rtoMs);\n      this.emit(this.sndNxt, this.rcvNxt, ACK | PSH"]],
  },
  "go-back-n-retransmission": {
    bug: "On a timeout resends everything outstanding (Go-Back-N) instead of the earliest unacknowledged segment.",
    edits: [["this.queue.subarray(0, Math.min(this.config.mss, inFlight))", "this.queue.subarray(0, inFlight - (this.finSent ? 1 : 0))"]],
  },
  "peer-window-ignored": {
    bug: "Sends all queued data at once in mss-sized segments, ignoring the peer's window.",
    edits: [["      const room = this.sndWnd - sent;", "      const room = Infinity;"]],
  },
  "window-update-unconditional": {
    bug: "Takes the window from every acceptable segment, even an older one (no SND.WL1/SND.WL2 check).",
    edits: [["le(this.sndUna, s.ack) && le(this.sndWl1, s.seq)", "le(this.sndUna, s.ack)"]],
  },
  "checksum-not-verified": {
    bug: "Never verifies the checksum of an arriving segment, so corrupted data is delivered.",
    edits: [["    if (tcpChecksum(this.config.remoteAddress, this.config.localAddress, bytes) !== 0) return null;\n", ""]],
  },
  "data-offset-ignored": {
    bug: "Takes the data to start at byte 20, ignoring Data Offset, so options are delivered as data.",
    edits: [["data: bytes.subarray(offset) };", "data: bytes.subarray(20) };"]],
  },
  "last-ack-never-closes": {
    bug: "Stays in LAST-ACK when its FIN is acknowledged.",
    edits: [["    else if (this.state === \"LAST-ACK\" && finAcked) {\n      this.enterClosed();\n      return;\n    }", ""]],
  },
  "syn-received-bad-ack-dropped": {
    bug: "In SYN-RECEIVED drops an unacceptable ACK silently instead of answering <SEQ=SEG.ACK><CTL=RST>.",
    edits: [["      if (!(lt(this.sndUna, s.ack) && le(s.ack, this.sndNxt))) {\n        this.emit(s.ack, 0, RST);\n        return;", "      if (!(lt(this.sndUna, s.ack) && le(s.ack, this.sndNxt))) {\n        return;"]],
  },
  "passive-reset-closes": {
    bug: "Closes a passively opened connection on a RST in SYN-RECEIVED instead of returning to LISTEN.",
    edits: [["      else if (this.state === \"SYN-RECEIVED\" && this.passive) this.backToListen();\n", ""]],
  },
  "fin-before-data": {
    bug: "Sends the FIN as soon as close() is called, before queued data the window has held back.",
    edits: [["    if (this.closing && ((this.sndNxt - this.sndUna) >>> 0) === this.queue.length) {", "    if (this.closing) {"]],
  },
  "reset-keeps-timers": {
    bug: "Does not stop the retransmission timer when the connection is reset, so a CLOSED connection keeps retransmitting.",
    edits: [["    this.state = \"CLOSED\";\n    this.ctx.cancelTimer(RETRANSMIT);", "    this.state = \"CLOSED\";"]],
  },
  "fin-acked-by-any-ack": {
    bug: "Leaves FIN-WAIT-1 on any acceptable ACK, even one that does not cover the FIN.",
    edits: [["const finAcked = this.finSent && this.sndUna === this.sndNxt;", "const finAcked = this.finSent;"]],
  },
});
