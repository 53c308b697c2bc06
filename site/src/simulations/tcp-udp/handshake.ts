/**
 * A scripted TCP connection, segment by segment, for the handshake and
 * teardown simulation: three-way handshake, one request and one response,
 * then the four-way close with TIME-WAIT. The runtime's bulk transfer has no
 * handshake, so both ends are event-fed models (handshake-end.ts); this
 * driver puts them on a runtime link with the chosen delay and loss, sends
 * their segments as real TCP headers (runtime/wire/tcp.ts), runs their
 * timers on the hosts and plays both applications. Lost segments that use
 * sequence space (SYN, FIN, data) are sent again when the retransmission
 * timer expires: 1 s at first (RFC 6298 §2.1), doubling on every expiry
 * (RFC 6298 §5.5).
 */
import type { Timer } from "#runtime/core/event-queue.ts";
import { ms, seconds } from "#runtime/core/time.ts";
import type { Host } from "#runtime/net/host.ts";
import { Network } from "#runtime/net/network.ts";
import { IP_PROTOCOL } from "#runtime/wire/ipv4.ts";
import { emitTcp, type TcpFlags } from "#runtime/wire/tcp.ts";
import { MSL_MS, REQUEST_BYTES, RESPONSE_BYTES, type DroppableSegment } from "./handshake-controls.ts";
import { TcpEnd, type OutgoingSegment, type SegmentRole, type TcpEndHooks, type TcpState, type TcpTimer } from "./handshake-end.ts";
import { LadderRecorder, type Ladder } from "./ladder.ts";
import { formatMs } from "./svg.ts";

export type { TcpState } from "./handshake-end.ts";

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

type Side = StateChange["side"];
type TimeKey = "clientEstablishedMs" | "serverEstablishedMs" | "responseMs" | "serverClosedMs" | "timeWaitStartMs" | "clientClosedMs";
/** The result's times, filled in as the run goes. */
type Times = { -readonly [K in TimeKey]: number | null };

/** The name a learner drops each first transmission by (handshake-controls.ts), from its side and why it was sent. */
const DROP_KEYS: Record<Side, Partial<Record<SegmentRole, DroppableSegment>>> = {
  client: { syn: "SYN", "handshake-ack": "ACK (handshake)", data: "request", fin: "FIN (client)", "fin-ack": "last ACK" },
  server: { syn: "SYN-ACK", data: "response", "fin-ack": "ACK of client FIN", fin: "FIN (server)" },
};

/** Which state changes the result reports, and as what. */
const TIMES: Record<Side, Partial<Record<TcpState, TimeKey>>> = {
  client: { ESTABLISHED: "clientEstablishedMs", "TIME-WAIT": "timeWaitStartMs", CLOSED: "clientClosedMs" },
  server: { ESTABLISHED: "serverEstablishedMs", CLOSED: "serverClosedMs" },
};

const TIMER_LABELS: Record<TcpTimer, string> = { retransmission: "retransmission timer", "time-wait": "2 MSL" };

/** What one side's application does when its end has news. */
interface App {
  established?(): void;
  deliver?(): void;
  peerClosed?(): void;
}

/** What one run records, shared by both sides. */
interface Run {
  readonly net: Network;
  readonly recorder: LadderRecorder;
  readonly toDrop: ReadonlySet<string>;
  readonly states: StateChange[];
  readonly times: Times;
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
  const times: Times = { clientEstablishedMs: null, serverEstablishedMs: null, responseMs: null, serverClosedMs: null, timeWaitStartMs: null, clientClosedMs: null };
  const run: Run = { net, recorder, toDrop: new Set<string>(options.drop ?? []), states: [], times };
  const msl = options.mslMs ?? MSL_MS;
  const serverCloseDelay = options.serverCloseDelayMs ?? 20;

  // The client asks once connected and closes when the answer is in; the server answers and closes its side a little after the client's FIN.
  const client: Wiring = new Wiring(run, "client", clientHost, 49152, msl, {
    established: () => client.end.write(recorder.nowMs, REQUEST_BYTES),
    deliver: () => {
      times.responseMs = recorder.nowMs;
      client.end.close(recorder.nowMs);
    },
  });
  const server: Wiring = new Wiring(run, "server", serverHost, 80, msl, {
    deliver: () => server.end.write(recorder.nowMs, RESPONSE_BYTES),
    peerClosed: () => serverHost.timer(ms(serverCloseDelay), "application closes", () => server.end.close(recorder.nowMs)),
  });
  client.peer = server;
  server.peer = client;
  server.end.listen(recorder.nowMs);
  client.end.connect(recorder.nowMs);
  net.run({ until: seconds(3600), maxEvents: 10_000 });

  return {
    ladder: recorder.ladder,
    states: run.states,
    ...times,
    retransmissions: client.end.retransmissions + server.end.retransmissions,
    timeouts: client.end.timeouts + server.end.timeouts,
    gaveUp: client.end.gaveUp || server.end.gaveUp,
  };
}

/** One end on its host: its segments go over the runtime link, its timers run on the host, and what happens is drawn on the ladder. */
class Wiring {
  readonly end: TcpEnd;
  peer!: Wiring;
  private readonly run: Run;
  private readonly side: Side;
  private readonly host: Host;
  private readonly port: number;
  private readonly timers = new Map<TcpTimer, Timer>();

  constructor(run: Run, side: Side, host: Host, port: number, mslMs: number, app: App) {
    this.run = run;
    this.side = side;
    this.host = host;
    this.port = port;
    this.end = new TcpEnd(run.net.sim.random.fork(`iss:${side}`).nextUint32(), mslMs, this.hooks(app));
    host.listenTcp(port, (segment) => {
      run.recorder.arrived(segment.packet);
      const { seq, ack, flags } = segment.repr;
      this.end.receive(run.recorder.nowMs, { seq, ack, flags, length: segment.payload.length });
    });
  }

  private get ladderSide(): "left" | "right" {
    return this.side === "client" ? "left" : "right";
  }

  private hooks(app: App): TcpEndHooks {
    const { recorder } = this.run;
    return {
      send: (segment) => this.send(segment),
      setTimer: (timer, delayMs) => {
        this.timers.get(timer)?.cancel();
        this.timers.set(timer, this.host.timer(ms(delayMs), TIMER_LABELS[timer], () => this.fire(timer)));
      },
      cancelTimer: (timer) => {
        this.timers.get(timer)?.cancel();
        this.timers.delete(timer);
      },
      state: (state) => {
        this.run.states.push({ t: recorder.nowMs, side: this.side, state });
        recorder.mark(this.ladderSide, "state", state);
        const time = TIMES[this.side][state];
        if (time !== undefined) this.run.times[time] = recorder.nowMs;
      },
      timedOut: (rtoMs) => recorder.mark(this.ladderSide, "timeout", `RTO ${formatMs(rtoMs)} expired`),
      gaveUp: () => recorder.mark(this.ladderSide, "note", "gave up"),
      established: () => app.established?.(),
      deliver: (length) => {
        recorder.mark(this.ladderSide, "deliver", `app gets ${length} B`);
        app.deliver?.();
      },
      peerClosed: () => app.peerClosed?.(),
    };
  }

  private fire(timer: TcpTimer): void {
    this.timers.delete(timer);
    this.end.timerFired(this.run.recorder.nowMs, timer);
  }

  /** Puts a segment on the link, unless it is a first transmission the learner chose to drop. */
  private send(segment: OutgoingSegment): void {
    const { recorder } = this.run;
    const label = describe(segment.flags, segment.relativeSeq, segment.relativeAck, segment.length);
    const key = segment.retransmission ? undefined : DROP_KEYS[this.side][segment.role];
    if (key !== undefined && this.run.toDrop.has(key)) {
      recorder.sent(-1, this.ladderSide, label, segment.retransmission, true);
      return;
    }
    const repr = { srcPort: this.port, dstPort: this.peer.port, seq: segment.seq, ack: segment.ack, flags: segment.flags, window: 65535, urgentPointer: 0, options: [] };
    const payload = new Uint8Array(segment.length).fill(0x61);
    const bytes = emitTcp(repr, payload, this.host.addressValue, this.peer.host.addressValue);
    const packet = this.host.sendIp(IP_PROTOCOL.TCP, this.peer.host.addressValue, bytes);
    recorder.sent(packet.id, this.ladderSide, label, segment.retransmission);
  }
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
