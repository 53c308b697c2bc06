/**
 * A small TCP-like connection for the page-load simulation, carried in UDP
 * datagrams over a runtime link so that several connections can share one
 * path. It keeps what matters for HTTP's story: a one-round-trip handshake,
 * a byte stream delivered strictly in order, cumulative ACKs, slow start
 * from an initial window of 10 segments (RFC 6928), NewReno-style fast
 * retransmit and recovery (RFC 5681, RFC 6582), and a retransmission timer
 * from RFC 6298's estimator (minimum 1 s, §2.4) with exponential backoff.
 * Instead of full SACK, an ACK for a segment that arrived out of order
 * names that one segment, so a sender does not resend it after a timeout.
 *
 * Both ends are the same class: each sends its own stream and receives the
 * peer's. The application writes tagged chunks; the receiver reports how far
 * the in-order stream has been delivered, and how long segments that had
 * arrived waited behind a hole (head-of-line blocking).
 */
import type { Timer } from "#runtime/core/event-queue.ts";
import { ms, toMs } from "#runtime/core/time.ts";
import type { Host } from "#runtime/net/host.ts";
import type { Network } from "#runtime/net/network.ts";
import type { UdpSocket } from "#runtime/net/udp-socket.ts";

/** Payload bytes per segment. */
export const MSS = 1400;
/**
 * Our header: type (1), spare (1), SACK length (2), sequence offset (4),
 * acknowledgement (4). An ACK for a segment that arrived out of order names
 * that segment (offset and length): a one-block SACK, RFC 2018's idea.
 */
const HEADER = 12;
const SYN = 1;
const SYN_ACK = 2;
const DATA = 3;
const ACK = 4;
const INITIAL_WINDOW = 10 * MSS;
const MIN_RTO_MS = 1000;
const INITIAL_RTO_MS = 1000;
const MAX_RTO_MS = 60_000;

/** A piece of the application's stream: `tag` says what it carries. */
export interface Chunk {
  readonly start: number;
  readonly end: number;
  readonly tag: number;
  /** The last chunk of a message (a request or a response). */
  readonly last: boolean;
}

/** How long in-order delivery held back segments that had already arrived. */
export interface HolStats {
  /** Segments that arrived intact but had to wait for an earlier, missing one. */
  held: number;
  /** Their total wait, ms. */
  waitMs: number;
}

function frame(type: number, seq: number, ack: number, length: number, sackLength = 0): Uint8Array {
  const bytes = new Uint8Array(HEADER + length);
  const view = new DataView(bytes.buffer);
  bytes[0] = type;
  view.setUint16(2, sackLength);
  view.setUint32(4, seq);
  view.setUint32(8, ack);
  return bytes;
}

/** One end of a connection. */
export class Endpoint {
  /** Everything the application has written, in stream order. */
  readonly chunks: Chunk[] = [];
  /** Called when the send side wants more data and has none: write some with {@link write}. */
  refill: (() => void) | null = null;
  /** The peer's receive window, bytes: a cap on what may be outstanding. */
  rwnd = Infinity;
  /** Called for every data segment that arrives, in or out of order (QUIC-style per-stream delivery uses it). */
  onSegment: ((offset: number, length: number) => void) | null = null;
  /** Called for every data segment this end sends, with the runtime's packet id (for ladder diagrams). */
  onSend: ((id: number, offset: number, length: number, retransmission: boolean) => void) | null = null;
  /** Called when the in-order stream from the peer reaches a new offset. */
  onDeliver: ((delivered: number) => void) | null = null;
  readonly hol: HolStats = { held: 0, waitMs: 0 };
  retransmissions = 0;
  timeouts = 0;

  private written = 0;
  private una = 0;
  private nxt = 0;
  private highest = 0;
  private cwnd = INITIAL_WINDOW;
  private ssthresh = Infinity;
  private dupAcks = 0;
  private inRecovery = false;
  private recover = 0;
  private srtt: number | null = null;
  private rttvar = 0;
  private rto = INITIAL_RTO_MS;
  private timer: Timer | null = null;
  private timing: { end: number; at: number; retransmitted: boolean } | null = null;
  /** Segments the peer has reported holding beyond a hole (start → end). */
  private readonly sacked = new Map<number, number>();
  /** Receive side. */
  private rcvNext = 0;
  private readonly outOfOrder = new Map<number, { length: number; arrived: number }>();
  private readonly socket: UdpSocket;
  private readonly host: Host;
  private readonly net: Network;
  private readonly peer: { address: string; port: number };

  constructor(net: Network, host: Host, socket: UdpSocket, peer: { address: string; port: number }) {
    this.net = net;
    this.host = host;
    this.socket = socket;
    this.peer = peer;
  }

  private get now(): number {
    return toMs(this.net.now);
  }

  /** Appends `bytes` to the stream, tagged; call {@link flush} (or let a refill do it). */
  write(bytes: number, tag: number, last: boolean): void {
    if (bytes <= 0) return;
    this.chunks.push({ start: this.written, end: this.written + bytes, tag, last });
    this.written += bytes;
  }

  /** Sends what the window allows. */
  flush(): void {
    for (;;) {
      if (this.nxt >= this.written) {
        this.refill?.();
        if (this.nxt >= this.written) break;
      }
      const sackedEnd = this.nxt < this.highest ? this.sackedAt(this.nxt) : null;
      if (sackedEnd !== null) {
        this.nxt = sackedEnd; // the peer has this one: do not send it again
        continue;
      }
      const length = Math.min(MSS, this.written - this.nxt);
      if (this.nxt > this.una && this.nxt - this.una + length > Math.min(this.cwnd, this.rwnd)) break;
      this.sendSegment(this.nxt, length);
      this.nxt += length;
      if (this.nxt > this.highest) this.highest = this.nxt;
      if (this.timer === null) this.restartTimer();
    }
  }

  /** The end of a SACKed range that holds `offset`, or null. */
  private sackedAt(offset: number): number | null {
    for (const [start, end] of this.sacked) if (start <= offset && offset < end) return end;
    return null;
  }

  /** Sets the first RTT measurement (from the handshake). */
  seedRtt(rttMs: number): void {
    this.srtt = rttMs;
    this.rttvar = rttMs / 2;
    this.rto = Math.max(MIN_RTO_MS, rttMs + 4 * this.rttvar);
  }

  /** A datagram of this connection arrived. */
  receive(payload: Uint8Array): void {
    const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
    const type = payload[0];
    if (type === DATA) this.onData(view.getUint32(4), payload.length - HEADER);
    else if (type === ACK) {
      const sackLength = view.getUint16(2);
      if (sackLength > 0) this.sacked.set(view.getUint32(4), view.getUint32(4) + sackLength);
      this.onAck(view.getUint32(8));
    }
  }

  private sendSegment(offset: number, length: number): void {
    const retransmission = offset < this.highest;
    if (retransmission) this.retransmissions++;
    if (!retransmission && this.timing === null) this.timing = { end: offset + length, at: this.now, retransmitted: false };
    if (retransmission && this.timing !== null && offset < this.timing.end) this.timing.retransmitted = true;
    const id = this.socket.send(this.peer, frame(DATA, offset, 0, length));
    this.onSend?.(id, offset, length, retransmission);
  }

  private onData(offset: number, length: number): void {
    this.onSegment?.(offset, length);
    if (offset + length > this.rcvNext && !this.outOfOrder.has(offset)) this.outOfOrder.set(offset, { length, arrived: this.now });
    const before = this.rcvNext;
    const outOfOrder = offset > this.rcvNext;
    // Move the in-order point past every buffered segment that now touches it (segments may overlap:
    // a retransmission need not have the original's boundaries).
    for (let moved = true; moved; ) {
      moved = false;
      for (const [start, seg] of this.outOfOrder) {
        if (start > this.rcvNext) continue;
        this.outOfOrder.delete(start);
        if (start + seg.length <= this.rcvNext) continue; // an old duplicate
        // A segment that arrived earlier than now and only now moves to the application was held by a hole.
        if (seg.arrived < this.now) {
          this.hol.held++;
          this.hol.waitMs += this.now - seg.arrived;
        }
        this.rcvNext = start + seg.length;
        moved = true;
      }
    }
    this.socket.send(this.peer, outOfOrder ? frame(ACK, offset, this.rcvNext, 0, length) : frame(ACK, 0, this.rcvNext, 0));
    if (this.rcvNext > before) this.onDeliver?.(this.rcvNext);
  }

  private onAck(ack: number): void {
    if (ack > this.una && ack <= this.highest) {
      const acked = ack - this.una;
      this.una = ack;
      for (const start of this.sacked.keys()) if (start < ack) this.sacked.delete(start);
      if (this.nxt < ack) this.nxt = ack;
      this.dupAcks = 0;
      if (this.timing !== null && ack >= this.timing.end) {
        if (!this.timing.retransmitted) this.sample(this.now - this.timing.at); // Karn's rule, RFC 6298 §3
        this.timing = null;
      }
      // New data acknowledged: drop any timer backoff, as Linux does (RFC 6298 §5.7 allows keeping it until a new sample).
      if (this.srtt !== null) this.rto = Math.min(MAX_RTO_MS, Math.max(MIN_RTO_MS, this.srtt + 4 * this.rttvar));
      if (this.inRecovery) {
        if (ack > this.recover) {
          this.inRecovery = false;
          this.cwnd = this.ssthresh; // RFC 6582 §3.2 step 3: full acknowledgement ends recovery
        } else {
          this.sendSegment(this.una, Math.min(MSS, this.written - this.una)); // partial ACK: resend the next hole
          this.cwnd = Math.max(MSS, this.cwnd - acked + MSS);
        }
      } else if (this.cwnd < this.ssthresh) this.cwnd += Math.min(acked, MSS); // slow start
      else this.cwnd += (MSS * MSS) / this.cwnd; // congestion avoidance
      this.restartTimer();
    } else if (ack === this.una && this.highest > this.una) {
      this.dupAcks++;
      if (this.dupAcks === 3 && !this.inRecovery) {
        this.ssthresh = Math.max((this.highest - this.una) / 2, 2 * MSS);
        this.recover = this.highest - 1; // RFC 6582 §3.2: the highest byte sent (`highest` is one past it)
        this.inRecovery = true;
        this.cwnd = this.ssthresh + 3 * MSS;
        this.sendSegment(this.una, Math.min(MSS, this.written - this.una)); // fast retransmit
        this.restartTimer();
      } else if (this.inRecovery) this.cwnd += MSS; // each duplicate ACK means a segment left the network
    }
    this.flush();
  }

  private sample(r: number): void {
    if (this.srtt === null) this.seedRtt(r);
    else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - r);
      this.srtt = 0.875 * this.srtt + 0.125 * r;
      this.rto = Math.min(MAX_RTO_MS, Math.max(MIN_RTO_MS, this.srtt + 4 * this.rttvar));
    }
  }

  private onTimeout(): void {
    this.timer = null;
    this.timeouts++;
    this.ssthresh = Math.max((this.highest - this.una) / 2, 2 * MSS);
    this.cwnd = MSS;
    this.inRecovery = false;
    this.recover = this.highest - 1; // RFC 6582 §3.2: the highest byte sent (`highest` is one past it)
    this.dupAcks = 0;
    this.rto = Math.min(MAX_RTO_MS, this.rto * 2); // RFC 6298 §5.5: back off
    this.timing = null;
    this.nxt = this.una; // go back to the hole (no SACK: later segments may be sent again)
    this.flush();
    if (this.timer === null) this.restartTimer();
  }

  private restartTimer(): void {
    this.timer?.cancel();
    this.timer = null;
    if (this.highest <= this.una) return;
    this.timer = this.host.timer(ms(this.rto), "retransmission timer", () => this.onTimeout());
  }
}

/** A client–server connection: a handshake, then an {@link Endpoint} at each end. */
export class Connection {
  readonly client: Endpoint;
  readonly server: Endpoint;
  /** Virtual ms when the handshake completed at the client, or null. */
  openedAt: number | null = null;
  private synTimer: Timer | null = null;
  private synRto = INITIAL_RTO_MS;
  private synSentAt = 0;

  /**
   * Opens connection `index` (its ports derive from it) and calls `onOpen`
   * when the handshake completes; `onHandshake` hears of every SYN and
   * SYN-ACK sent, with the runtime's packet id.
   */
  constructor(
    net: Network,
    clientHost: Host,
    serverHost: Host,
    index: number,
    onOpen: (connection: Connection) => void,
    onHandshake?: (id: number, kind: "SYN" | "SYN-ACK", retransmission: boolean) => void,
  ) {
    const clientSocket = clientHost.udp(20_000 + index);
    const serverSocket = serverHost.udp(8_000 + index);
    const toServer = { address: serverHost.address, port: 8_000 + index };
    const toClient = { address: clientHost.address, port: 20_000 + index };
    this.client = new Endpoint(net, clientHost, clientSocket, toServer);
    this.server = new Endpoint(net, serverHost, serverSocket, toClient);
    let syns = 0;
    let synAcks = 0;
    serverSocket.onDatagram = (d) => {
      if (d.payload[0] === SYN) {
        const id = serverSocket.send(toClient, frame(SYN_ACK, 0, 0, 0));
        onHandshake?.(id, "SYN-ACK", synAcks++ > 0);
      }
      else this.server.receive(d.payload);
    };
    clientSocket.onDatagram = (d) => {
      if (d.payload[0] === SYN_ACK) {
        if (this.openedAt !== null) return;
        this.openedAt = toMs(net.now);
        this.synTimer?.cancel();
        const rtt = this.openedAt - this.synSentAt;
        this.client.seedRtt(rtt);
        this.server.seedRtt(rtt);
        onOpen(this);
      } else this.client.receive(d.payload);
    };
    const sendSyn = () => {
      this.synSentAt = toMs(net.now);
      const id = clientSocket.send(toServer, frame(SYN, 0, 0, 0));
      onHandshake?.(id, "SYN", syns++ > 0);
      this.synTimer = clientHost.timer(ms(this.synRto), "SYN timer", () => {
        this.synRto *= 2;
        sendSyn();
      });
    };
    sendSyn();
  }
}
