/**
 * A correct variant of the tcp lab: every byte ever queued stays in one
 * growing buffer addressed by offsets from ISS + 1 (no slicing on ACKs),
 * sequence numbers compare by the unsigned distance (RFC 1982 style),
 * states dispatch through a switch, data segments carry no PSH, timer keys
 * are 7 and 42, and emit zeroes the ACK field itself when ACK is off.
 */

export type State =
  | "CLOSED"
  | "LISTEN"
  | "SYN-SENT"
  | "SYN-RECEIVED"
  | "ESTABLISHED"
  | "FIN-WAIT-1"
  | "FIN-WAIT-2"
  | "CLOSE-WAIT"
  | "CLOSING"
  | "LAST-ACK"
  | "TIME-WAIT";

export interface TcpConfig {
  readonly localAddress: number;
  readonly localPort: number;
  readonly remoteAddress: number;
  readonly remotePort: number;
  readonly iss: number;
  readonly window: number;
  readonly mss: number;
  readonly rtoMs: number;
  readonly mslMs: number;
}

export interface TcpContext {
  send(segment: Uint8Array): void;
  deliver(data: Uint8Array): void;
  setTimer(key: number, delayMs: number): void;
  cancelTimer(key: number): void;
}

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;

const RETRANSMIT = 7;
const TIME_WAIT = 42;

/** a < b in sequence space (RFC 9293 §3.4): the difference read as a signed 32-bit number. */
function lt(a: number, b: number): boolean {
  const d = (b - a) >>> 0;
  return d !== 0 && d < 0x80000000;
}
function le(a: number, b: number): boolean {
  return a === b || lt(a, b);
}

interface Segment {
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly window: number;
  readonly data: Uint8Array;
}

export class Connection {
  state: State = "CLOSED";
  private readonly config: TcpConfig;
  private readonly ctx: TcpContext;
  /** Came from LISTEN (a reset or SYN in SYN-RECEIVED goes back there). */
  private passive = false;
  private sndUna = 0;
  private sndNxt = 0;
  private sndWnd = 0;
  private sndWl1 = 0;
  private sndWl2 = 0;
  private rcvNxt = 0;
  /** Every byte ever queued; byte i has sequence number ISS + 1 + i. */
  private buffer = new Uint8Array(64);
  private queued = 0;
  /** close() was called: a FIN follows the queued data. */
  private closing = false;
  private finSent = false;

  constructor(config: TcpConfig, ctx: TcpContext) {
    this.config = config;
    this.ctx = ctx;
  }

  listen(): void {
    this.state = "LISTEN";
    this.passive = true;
  }

  connect(): void {
    this.sndUna = this.config.iss;
    this.sndNxt = (this.config.iss + 1) >>> 0;
    this.state = "SYN-SENT";
    this.emit(this.config.iss, 0, SYN);
    this.ctx.setTimer(RETRANSMIT, this.config.rtoMs);
  }

  send(data: Uint8Array): void {
    if (this.queued + data.length > this.buffer.length) {
      const bigger = new Uint8Array(Math.max(2 * this.buffer.length, this.queued + data.length));
      bigger.set(this.buffer.subarray(0, this.queued));
      this.buffer = bigger;
    }
    this.buffer.set(data, this.queued);
    this.queued += data.length;
    this.transmit();
  }

  /** The buffer offset of sequence number `seq`. */
  private offset(seq: number): number {
    return (seq - this.config.iss - 1) >>> 0;
  }

  close(): void {
    if (this.state === "LISTEN" || this.state === "SYN-SENT") {
      this.enterClosed();
      return;
    }
    this.closing = true;
    this.state = this.state === "CLOSE-WAIT" ? "LAST-ACK" : "FIN-WAIT-1";
    this.transmit();
  }

  onTimer(key: number): void {
    if (key === TIME_WAIT) {
      this.enterClosed();
      return;
    }
    switch (this.state) {
      case "SYN-SENT":
        this.emit(this.config.iss, 0, SYN);
        break;
      case "SYN-RECEIVED":
        this.emit(this.config.iss, this.rcvNxt, SYN | ACK);
        break;
      default: {
        const from = this.offset(this.sndUna);
        if (this.finSent && from === this.queued) this.emit(this.sndUna, this.rcvNxt, FIN | ACK);
        else this.emit(this.sndUna, this.rcvNxt, ACK, this.buffer.subarray(from, Math.min(from + this.config.mss, this.queued, this.offset(this.sndNxt))));
      }
    }
    this.ctx.setTimer(RETRANSMIT, this.config.rtoMs);
  }

  onSegment(bytes: Uint8Array): void {
    const segment = this.parse(bytes);
    if (segment === null) return;
    switch (this.state) {
      case "CLOSED":
        return this.closedArrives(segment);
      case "LISTEN":
        return this.listenArrives(segment);
      case "SYN-SENT":
        return this.synSentArrives(segment);
      default:
        return this.synchronizedArrives(segment);
    }
  }

  /** RFC 9293 §3.10.7.1: no connection; answer everything but a RST with a RST. */
  private closedArrives(s: Segment): void {
    if (s.flags & RST) return;
    if (s.flags & ACK) this.emit(s.ack, 0, RST);
    else this.emit(0, s.seq + length(s), RST | ACK);
  }

  /** RFC 9293 §3.10.7.2. */
  private listenArrives(s: Segment): void {
    if (s.flags & RST) return;
    if (s.flags & ACK) {
      this.emit(s.ack, 0, RST);
      return;
    }
    if (!(s.flags & SYN)) return;
    this.rcvNxt = (s.seq + 1) >>> 0;
    this.sndUna = this.config.iss;
    this.sndNxt = (this.config.iss + 1) >>> 0;
    this.state = "SYN-RECEIVED";
    this.emit(this.config.iss, this.rcvNxt, SYN | ACK);
    this.ctx.setTimer(RETRANSMIT, this.config.rtoMs);
  }

  /** RFC 9293 §3.10.7.3. */
  private synSentArrives(s: Segment): void {
    const hasAck = (s.flags & ACK) !== 0;
    if (hasAck && (le(s.ack, this.config.iss) || lt(this.sndNxt, s.ack))) {
      if (!(s.flags & RST)) this.emit(s.ack, 0, RST);
      return;
    }
    if (s.flags & RST) {
      if (hasAck) this.enterClosed();
      return;
    }
    if (!(s.flags & SYN)) return;
    this.rcvNxt = (s.seq + 1) >>> 0;
    if (hasAck) {
      this.sndUna = s.ack;
      this.sndWnd = s.window;
      this.sndWl1 = s.seq;
      this.sndWl2 = s.ack;
      this.state = "ESTABLISHED";
      this.ctx.cancelTimer(RETRANSMIT);
      this.emit(this.sndNxt, this.rcvNxt, ACK);
      this.transmit();
    } else {
      this.state = "SYN-RECEIVED";
      this.emit(this.config.iss, this.rcvNxt, SYN | ACK);
    }
  }

  /** RFC 9293 §3.10.7.4: SYN-RECEIVED and every state after it. */
  private synchronizedArrives(s: Segment): void {
    // First: the sequence number (RFC 9293 §3.10.7.4, the four cases with RCV.WND > 0).
    if (!this.acceptable(s)) {
      if (!(s.flags & RST)) this.sendAck();
      return;
    }
    // Second: RST, exactly at RCV.NXT or else a challenge ACK (RFC 5961 §3.2).
    if (s.flags & RST) {
      if (s.seq !== this.rcvNxt) this.sendAck();
      else if (this.state === "SYN-RECEIVED" && this.passive) this.backToListen();
      else this.enterClosed();
      return;
    }
    // Fourth: SYN (RFC 5961 §4.2: a challenge ACK).
    if (s.flags & SYN) {
      if (this.state === "SYN-RECEIVED" && this.passive) this.backToListen();
      else this.sendAck();
      return;
    }
    // Fifth: ACK.
    if (!(s.flags & ACK)) return;
    const wasTimeWait = this.state === "TIME-WAIT";
    if (this.state === "SYN-RECEIVED") {
      if (!(lt(this.sndUna, s.ack) && le(s.ack, this.sndNxt))) {
        this.emit(s.ack, 0, RST);
        return;
      }
      this.state = "ESTABLISHED";
      this.sndWnd = s.window;
      this.sndWl1 = s.seq;
      this.sndWl2 = s.ack;
    }
    if (lt(this.sndNxt, s.ack)) {
      this.sendAck();
      return;
    }
    if (lt(this.sndUna, s.ack)) this.acknowledged(s.ack);
    if (le(this.sndUna, s.ack) && (lt(this.sndWl1, s.seq) || (this.sndWl1 === s.seq && le(this.sndWl2, s.ack)))) {
      this.sndWnd = s.window;
      this.sndWl1 = s.seq;
      this.sndWl2 = s.ack;
    }
    const finAcked = this.finSent && this.sndUna === this.sndNxt;
    if (this.state === "FIN-WAIT-1" && finAcked) this.state = "FIN-WAIT-2";
    else if (this.state === "CLOSING" && finAcked) this.enterTimeWait();
    else if (this.state === "LAST-ACK" && finAcked) {
      this.enterClosed();
      return;
    }
    // Seventh and eighth: text and FIN, only from RCV.NXT on and inside the window; out-of-order data is not kept.
    let ack = wasTimeWait;
    const skip = (this.rcvNxt - s.seq) >>> 0;
    if (skip > s.data.length) {
      if (length(s) > 0) ack = true;
    } else {
      let consumed = 0;
      if (skip < s.data.length && (this.state === "ESTABLISHED" || this.state === "FIN-WAIT-1" || this.state === "FIN-WAIT-2")) {
        const text = s.data.slice(skip, skip + this.config.window);
        this.ctx.deliver(text);
        consumed = text.length;
        this.rcvNxt = (this.rcvNxt + consumed) >>> 0;
        ack = true;
      }
      if ((s.flags & FIN) !== 0 && skip + consumed === s.data.length && s.data.length - skip < this.config.window) {
        this.rcvNxt = (this.rcvNxt + 1) >>> 0;
        ack = true;
        if (this.state === "ESTABLISHED") this.state = "CLOSE-WAIT";
        else if (this.state === "FIN-WAIT-1") this.state = "CLOSING";
        else if (this.state === "FIN-WAIT-2") this.enterTimeWait();
      }
    }
    if (wasTimeWait) this.ctx.setTimer(TIME_WAIT, 2 * this.config.mslMs);
    if (ack) this.sendAck();
    this.transmit();
  }

  /** RFC 9293 §3.10.7.4 first check, for RCV.WND > 0. */
  private acceptable(s: Segment): boolean {
    const window = this.config.window;
    const inWindow = (n: number): boolean => ((n - this.rcvNxt) >>> 0) < window;
    const len = length(s);
    if (len === 0) return inWindow(s.seq);
    return inWindow(s.seq) || inWindow(s.seq + len - 1);
  }

  /** SND.UNA moves to `ack`: drop acknowledged bytes, then stop or restart the timer (RFC 6298 §5.2, §5.3). */
  private acknowledged(ack: number): void {
    this.sndUna = ack;
    if (this.sndUna === this.sndNxt) this.ctx.cancelTimer(RETRANSMIT);
    else this.ctx.setTimer(RETRANSMIT, this.config.rtoMs);
  }

  /** Sends what the window allows of the queued data, then the FIN once all data is out. */
  private transmit(): void {
    // Before ESTABLISHED nothing is queued or closing (the contract calls send and close later), so no state check is needed.
    if (this.finSent) return;
    const right = (this.sndUna + this.sndWnd) >>> 0;
    while (this.offset(this.sndNxt) < this.queued && lt(this.sndNxt, right)) {
      const from = this.offset(this.sndNxt);
      const to = Math.min(from + this.config.mss, this.queued, from + ((right - this.sndNxt) >>> 0));
      if (this.sndUna === this.sndNxt) this.ctx.setTimer(RETRANSMIT, this.config.rtoMs);
      this.emit(this.sndNxt, this.rcvNxt, ACK, this.buffer.subarray(from, to));
      this.sndNxt = (this.sndNxt + to - from) >>> 0;
    }
    if (this.closing && this.offset(this.sndNxt) === this.queued) {
      if (this.sndUna === this.sndNxt) this.ctx.setTimer(RETRANSMIT, this.config.rtoMs);
      this.emit(this.sndNxt, this.rcvNxt, FIN | ACK);
      this.sndNxt = (this.sndNxt + 1) >>> 0;
      this.finSent = true;
    }
  }

  private enterTimeWait(): void {
    this.state = "TIME-WAIT";
    this.ctx.cancelTimer(RETRANSMIT);
    this.ctx.setTimer(TIME_WAIT, 2 * this.config.mslMs);
  }

  private backToListen(): void {
    this.state = "LISTEN";
    this.ctx.cancelTimer(RETRANSMIT);
  }

  private enterClosed(): void {
    this.state = "CLOSED";
    this.ctx.cancelTimer(RETRANSMIT);
    this.ctx.cancelTimer(TIME_WAIT);
  }

  private sendAck(): void {
    this.emit(this.sndNxt, this.rcvNxt, ACK);
  }

  /** Reads a segment; null when it is too short or its checksum fails (RFC 9293 §3.1). */
  private parse(bytes: Uint8Array): Segment | null {
    if (bytes.length < 20) return null;
    const offset = (bytes[12]! >> 4) * 4;
    if (offset < 20 || offset > bytes.length) return null;
    if (tcpChecksum(this.config.remoteAddress, this.config.localAddress, bytes) !== 0) return null;
    return { seq: read32(bytes, 4), ack: read32(bytes, 8), flags: bytes[13]!, window: (bytes[14]! << 8) | bytes[15]!, data: bytes.subarray(offset) };
  }

  private emit(seq: number, ack: number, flags: number, data: Uint8Array = new Uint8Array(0)): void {
    const segment = new Uint8Array(20 + data.length);
    write16(segment, 0, this.config.localPort);
    write16(segment, 2, this.config.remotePort);
    write32(segment, 4, seq);
    write32(segment, 8, flags & ACK ? ack : 0);
    segment[12] = 5 << 4;
    segment[13] = flags;
    write16(segment, 14, this.config.window);
    segment.set(data, 20);
    write16(segment, 16, tcpChecksum(this.config.localAddress, this.config.remoteAddress, segment));
    this.ctx.send(segment);
  }
}

/** SEG.LEN: the data, plus one for a SYN and one for a FIN. */
function length(s: Segment): number {
  return s.data.length + (s.flags & SYN ? 1 : 0) + (s.flags & FIN ? 1 : 0);
}

/**
 * The TCP checksum (RFC 9293 §3.1): the Internet checksum over the
 * pseudo-header (source, destination, zero, protocol 6, TCP length) and
 * the segment. Over a segment with a zero checksum field it is the value
 * to write there; over a segment as received it is 0 when intact.
 */
export function tcpChecksum(source: number, destination: number, segment: Uint8Array): number {
  let sum = (source >>> 16) + (source & 0xffff) + (destination >>> 16) + (destination & 0xffff) + 6 + segment.length;
  for (let i = 0; i < segment.length; i += 2) sum += (segment[i]! << 8) | (segment[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function read32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function write16(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 8;
  bytes[at + 1] = value;
}

function write32(bytes: Uint8Array, at: number, value: number): void {
  write16(bytes, at, value >>> 16);
  write16(bytes, at + 2, value);
}
