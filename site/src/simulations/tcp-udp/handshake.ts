/**
 * A scripted TCP connection, segment by segment, for the handshake and
 * teardown simulation: three-way handshake, one request and one response,
 * then the four-way close with TIME-WAIT. The runtime's bulk transfer has no
 * handshake, so both ends are written here as small state machines that send
 * real TCP headers (runtime/wire/tcp.ts) over a runtime link with the chosen
 * delay and loss. Lost segments that use sequence space (SYN, FIN, data) are
 * sent again when the retransmission timer expires: 1 s at first
 * (RFC 6298 §2.1), doubling on every expiry (RFC 6298 §5.5).
 */
import type { Timer } from "#runtime/core/event-queue.ts";
import { ms, seconds } from "#runtime/core/time.ts";
import type { Host, TcpSegment } from "#runtime/net/host.ts";
import { Network } from "#runtime/net/network.ts";
import { IP_PROTOCOL } from "#runtime/wire/ipv4.ts";
import { emitTcp, tcpFlags, type TcpFlags } from "#runtime/wire/tcp.ts";
import { INITIAL_RTO_MS, MSL_MS, REQUEST_BYTES, RESPONSE_BYTES, type DroppableSegment } from "./handshake-controls.ts";
import { LadderRecorder, type Ladder } from "./ladder.ts";

/** The connection states of RFC 9293 §3.3.2. */
export type TcpState =
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


export interface HandshakeOptions {
  /** One-way propagation delay, ms. */
  readonly oneWayMs: number;
  /** Independent loss probability of every segment, in each direction. */
  readonly lossRate?: number;
  readonly seed?: number;
  /** First transmissions to drop on purpose. */
  readonly drop?: readonly DroppableSegment[];
  /** Maximum Segment Lifetime, ms (RFC 9293 uses 2 minutes). */
  readonly mslMs?: number;
  /** How long the server application waits before closing its side, ms. */
  readonly serverCloseDelayMs?: number;
}

export interface StateChange {
  readonly t: number;
  readonly side: "client" | "server";
  readonly state: TcpState;
}

export interface HandshakeResult {
  readonly ladder: Ladder;
  readonly states: readonly StateChange[];
  /** When the client entered ESTABLISHED, ms (null if never). */
  readonly clientEstablishedMs: number | null;
  /** When the server entered ESTABLISHED, ms (null if never). */
  readonly serverEstablishedMs: number | null;
  /** When the client had the whole response, ms. */
  readonly responseMs: number | null;
  /** When the server reached CLOSED, ms. */
  readonly serverClosedMs: number | null;
  /** When the client entered TIME-WAIT and when it left it, ms. */
  readonly timeWaitStartMs: number | null;
  readonly clientClosedMs: number | null;
  /** Segments sent again after a timeout or a duplicate. */
  readonly retransmissions: number;
  /** Retransmission timer expiries. */
  readonly timeouts: number;
  /** True when an end gave up after too many retransmissions. */
  readonly gaveUp: boolean;
}

const MAX_RTO_MS = 60_000; // RFC 6298 §2.5 allows an upper bound of at least 60 s
const MAX_RETRIES = 8;

interface Outstanding {
  readonly seq: number; // relative
  readonly flags: Partial<TcpFlags>;
  readonly length: number;
  readonly name: string;
  readonly firstSentMs: number;
  retransmitted: boolean;
  tries: number;
}

/** Runs one connection from SYN to CLOSED and returns what happened. */
export function runHandshake(options: HandshakeOptions): HandshakeResult {
  const lossRate = options.lossRate ?? 0;
  const net = new Network({ seed: options.seed ?? 1, trace: { record: false } });
  const clientHost = net.host("client", "10.0.0.1");
  const serverHost = net.host("server", "10.0.0.2");
  const link = { rate: 10e6, delay: ms(options.oneWayMs), queueBytes: 64_000, loss: lossRate > 0 ? ({ model: "bernoulli", rate: lossRate } as const) : ({ model: "none" } as const) };
  net.connect(clientHost, serverHost, link);
  const recorder = new LadderRecorder(net, "client", "server");
  const toDrop = new Set<string>(options.drop ?? []);
  const msl = options.mslMs ?? MSL_MS;
  const serverCloseDelay = options.serverCloseDelayMs ?? 20;
  const states: StateChange[] = [];
  let retransmissions = 0;
  let timeouts = 0;
  let gaveUp = false;
  const result = {
    clientEstablishedMs: null as number | null,
    serverEstablishedMs: null as number | null,
    responseMs: null as number | null,
    serverClosedMs: null as number | null,
    timeWaitStartMs: null as number | null,
    clientClosedMs: null as number | null,
  };

  class End {
    state: TcpState = "CLOSED";
    readonly side: "client" | "server";
    readonly host: Host;
    readonly port: number;
    peer!: End;
    /**
     * Initial send sequence number. RFC 9293 §3.4.1 computes it as a 4 µs clock
     * plus a keyed hash of the addresses and ports; a seeded random draw stands
     * in for both here (one connection per run, so the clock part changes nothing).
     */
    readonly iss: number;
    irs = 0;
    sndUna = 0;
    sndNxt = 0;
    rcvNxt = 0;
    rtoMs = INITIAL_RTO_MS;
    srtt: number | null = null;
    rttvar = 0;
    outstanding: Outstanding | null = null;
    timer: Timer | null = null;
    timeWait: Timer | null = null;

    constructor(side: "client" | "server", host: Host, port: number) {
      this.side = side;
      this.host = host;
      this.port = port;
      this.iss = net.sim.random.fork(`iss:${side}`).nextUint32();
      host.listenTcp(port, (segment) => this.receive(segment));
    }

    get ladderSide(): "left" | "right" {
      return this.side === "client" ? "left" : "right";
    }

    enter(state: TcpState): void {
      if (this.state === state) return;
      this.state = state;
      states.push({ t: recorder.nowMs, side: this.side, state });
      recorder.mark(this.ladderSide, "state", state);
    }

    /** Sends one segment; `name` is its drop key on the first transmission. */
    emit(seq: number, flags: Partial<TcpFlags>, length: number, name: string | null, retransmission: boolean): void {
      const withAck = this.state !== "SYN-SENT" && !(flags.syn === true && flags.ack !== true);
      const all = tcpFlags({ ...flags, ack: withAck || flags.ack === true });
      const repr = {
        srcPort: this.port,
        dstPort: this.peer.port,
        seq: (this.iss + seq) >>> 0,
        ack: all.ack ? (this.irs + this.rcvNxt) >>> 0 : 0,
        flags: all,
        window: 65535,
        urgentPointer: 0,
        options: [],
      };
      const label = describe(all, seq, all.ack ? this.rcvNxt : null, length);
      const dropped = name !== null && !retransmission && toDrop.has(name);
      if (dropped) {
        recorder.sent(-1, this.ladderSide, label, retransmission, true);
        return;
      }
      const payload = new Uint8Array(length).fill(0x61);
      const bytes = emitTcp(repr, payload, this.host.addressValue, this.peer.host.addressValue);
      const packet = this.host.sendIp(IP_PROTOCOL.TCP, this.peer.host.addressValue, bytes);
      recorder.sent(packet.id, this.ladderSide, label, retransmission);
    }

    /** Sends a segment that uses sequence space and must be acknowledged. */
    sendReliable(flags: Partial<TcpFlags>, length: number, name: string): void {
      const seq = this.sndNxt;
      const consumed = length + (flags.syn === true ? 1 : 0) + (flags.fin === true ? 1 : 0);
      this.sndNxt += consumed;
      this.outstanding = { seq, flags, length, name, firstSentMs: recorder.nowMs, retransmitted: false, tries: 0 };
      this.emit(seq, flags, length, name, false);
      this.armTimer();
    }

    /** A bare ACK of everything received so far. */
    sendAck(name: string | null, retransmission = false): void {
      this.emit(this.sndNxt, {}, 0, name, retransmission);
    }

    armTimer(): void {
      this.timer?.cancel();
      this.timer = this.host.timer(ms(this.rtoMs), "retransmission timer", () => this.onTimeout());
    }

    onTimeout(): void {
      this.timer = null;
      const o = this.outstanding;
      if (o === null) return;
      timeouts++;
      recorder.mark(this.ladderSide, "timeout", `RTO ${formatMs(this.rtoMs)} expired`);
      if (o.tries >= MAX_RETRIES) {
        gaveUp = true;
        recorder.mark(this.ladderSide, "note", "gave up");
        return;
      }
      o.tries++;
      o.retransmitted = true;
      retransmissions++;
      this.rtoMs = Math.min(this.rtoMs * 2, MAX_RTO_MS); // RFC 6298 §5.5
      this.emit(o.seq, o.flags, o.length, o.name, true);
      this.armTimer();
    }

    /** RFC 6298 §2.2–2.4, with Karn's rule (§3): no samples from retransmitted segments. */
    sampleRtt(o: Outstanding): void {
      if (o.retransmitted) return;
      const r = recorder.nowMs - o.firstSentMs;
      if (this.srtt === null) {
        this.srtt = r;
        this.rttvar = r / 2;
      } else {
        this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - r);
        this.srtt = 0.875 * this.srtt + 0.125 * r;
      }
      this.rtoMs = Math.min(Math.max(this.srtt + Math.max(1, 4 * this.rttvar), 1000), MAX_RTO_MS);
    }

    /** Processes the acknowledgment field; true when it acknowledged the outstanding segment. */
    processAck(ack: number): boolean {
      const o = this.outstanding;
      if (ack <= this.sndUna || ack > this.sndNxt) return false;
      this.sndUna = ack;
      if (o !== null && ack >= this.sndNxt) {
        this.sampleRtt(o);
        // RFC 6298 §5.7: a SYN (or SYN-ACK) that timed out leaves the RTO at 3 s for the data that follows.
        if (o.flags.syn === true && o.retransmitted) this.rtoMs = 3000;
        this.outstanding = null;
        this.timer?.cancel();
        this.timer = null;
        return true;
      }
      return false;
    }

    receive(segment: TcpSegment): void {
      recorder.arrived(segment.packet);
      const { flags } = segment.repr;
      if (flags.syn) {
        if (this.state === "LISTEN") this.irs = segment.repr.seq;
        if (this.state === "SYN-SENT" && flags.ack) this.irs = segment.repr.seq;
      }
      const seq = (segment.repr.seq - this.irs) >>> 0;
      const ack = (segment.repr.ack - this.iss) >>> 0;
      const length = segment.payload.length;
      if (this.side === "client") this.clientReceive(flags, seq, ack, length);
      else this.serverReceive(flags, seq, ack, length);
    }

    /** Data or FIN at rcvNxt is new; anything before it is a duplicate. */
    isDuplicate(seq: number, flags: TcpFlags, length: number): boolean {
      return (length > 0 || flags.fin || flags.syn) && seq < this.rcvNxt;
    }

    clientReceive(flags: TcpFlags, seq: number, ack: number, length: number): void {
      switch (this.state) {
        case "SYN-SENT":
          if (flags.syn && flags.ack && ack === 1) {
            this.rcvNxt = 1;
            this.processAck(ack);
            this.enter("ESTABLISHED");
            result.clientEstablishedMs = recorder.nowMs;
            this.sendAck("ACK (handshake)");
            this.sendReliable({ psh: true }, REQUEST_BYTES, "request");
          }
          return;
        case "ESTABLISHED":
        case "FIN-WAIT-1":
        case "FIN-WAIT-2":
        case "CLOSING":
        case "TIME-WAIT": {
          if (this.isDuplicate(seq, flags, length)) {
            // A copy of something already received: its ACK was lost, so acknowledge again.
            if (this.state === "TIME-WAIT" && flags.fin) this.restartTimeWait();
            this.sendAck(null, true);
            return;
          }
          if (flags.ack && this.processAck(ack)) {
            if (this.state === "FIN-WAIT-1") this.enter("FIN-WAIT-2");
            else if (this.state === "CLOSING") this.startTimeWait();
          }
          if (length > 0 && seq === this.rcvNxt) {
            this.rcvNxt += length;
            result.responseMs = recorder.nowMs;
            recorder.mark("left", "deliver", `app gets ${length} B`);
            // The application has its answer and closes: FIN, carrying the ACK of the response.
            this.enter("FIN-WAIT-1");
            this.sendReliable({ fin: true }, 0, "FIN (client)");
            return;
          }
          if (flags.fin && seq === this.rcvNxt) {
            this.rcvNxt += 1;
            if (this.state === "FIN-WAIT-2") {
              this.sendAck("last ACK");
              this.startTimeWait();
            } else if (this.state === "FIN-WAIT-1") {
              this.sendAck("last ACK");
              this.enter("CLOSING");
            }
          }
          return;
        }
        default:
          return;
      }
    }

    serverReceive(flags: TcpFlags, seq: number, ack: number, length: number): void {
      switch (this.state) {
        case "LISTEN":
          if (flags.syn && !flags.ack) {
            this.rcvNxt = 1;
            this.enter("SYN-RECEIVED");
            this.sendReliable({ syn: true, ack: true }, 0, "SYN-ACK");
          }
          return;
        case "SYN-RECEIVED":
          if (flags.syn) {
            // The client's SYN again: our SYN-ACK was lost or is late. Answer it again.
            retransmissions++;
            const o = this.outstanding;
            if (o !== null) {
              o.retransmitted = true;
              this.emit(o.seq, o.flags, o.length, o.name, true);
            }
            return;
          }
          if (flags.ack && this.processAck(ack)) {
            this.enter("ESTABLISHED");
            result.serverEstablishedMs = recorder.nowMs;
            if (length > 0) this.serverReceive(flags, seq, ack, length); // the request completed the handshake
          }
          return;
        case "ESTABLISHED":
        case "CLOSE-WAIT":
        case "LAST-ACK": {
          if (this.isDuplicate(seq, flags, length)) {
            this.sendAck(null, true);
            return;
          }
          if (flags.ack && this.processAck(ack) && this.state === "LAST-ACK") {
            this.enter("CLOSED");
            result.serverClosedMs = recorder.nowMs;
            return;
          }
          if (length > 0 && seq === this.rcvNxt) {
            this.rcvNxt += length;
            recorder.mark("right", "deliver", `app gets ${length} B`);
            this.sendReliable({ psh: true }, RESPONSE_BYTES, "response");
            return;
          }
          if (flags.fin && seq === this.rcvNxt && this.state === "ESTABLISHED") {
            this.rcvNxt += 1;
            this.enter("CLOSE-WAIT");
            this.sendAck("ACK of client FIN");
            this.host.timer(ms(serverCloseDelay), "application closes", () => {
              this.enter("LAST-ACK");
              this.sendReliable({ fin: true }, 0, "FIN (server)");
            });
          }
          return;
        }
        default:
          return;
      }
    }

    startTimeWait(): void {
      this.enter("TIME-WAIT");
      result.timeWaitStartMs = recorder.nowMs;
      this.restartTimeWait();
    }

    /** RFC 9293 §3.10.7.4: a retransmitted FIN in TIME-WAIT is acknowledged and the 2 MSL wait starts over. */
    restartTimeWait(): void {
      this.timeWait?.cancel();
      this.timeWait = this.host.timer(ms(2 * msl), "2 MSL", () => {
        this.enter("CLOSED");
        result.clientClosedMs = recorder.nowMs;
      });
    }
  }

  const client = new End("client", clientHost, 49152);
  const server = new End("server", serverHost, 80);
  client.peer = server;
  server.peer = client;
  server.enter("LISTEN");
  client.enter("SYN-SENT");
  client.sendReliable({ syn: true }, 0, "SYN");
  net.run({ until: seconds(3600), maxEvents: 10_000 });

  return {
    ladder: recorder.ladder,
    states,
    ...result,
    retransmissions,
    timeouts,
    gaveUp,
  };
}

/** "SYN seq=0", "ACK seq=1 ack=1", "PSH,ACK seq=1 ack=1 len=80", with relative numbers as Wireshark shows them. */
function describe(flags: TcpFlags, seq: number, ack: number | null, length: number): string {
  const names: string[] = [];
  if (flags.syn) names.push("SYN");
  if (flags.fin) names.push("FIN");
  if (flags.psh) names.push("PSH");
  if (flags.ack) names.push("ACK");
  let text = `${names.join(",")} seq=${seq}`;
  if (ack !== null) text += ` ack=${ack}`;
  if (length > 0) text += ` len=${length}`;
  return text;
}

function formatMs(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(value % 1000 === 0 ? 0 : 2)} s` : `${Math.round(value)} ms`;
}
