/**
 * Captures for the "Debugging on the wire" chapter: short conversations run
 * over a runtime Network (client -> tap -> server), with the tap's links
 * captured as a client-side tcpdump would see them. Both ends are scripted
 * (real TCP, UDP and DNS headers from runtime/wire), except that the loss is
 * real: the tap's link to the server is a 10 Mb/s drop-tail queue with room
 * for one waiting segment, so the third of three back-to-back full segments
 * is dropped, and the client's retransmission timer resends it.
 */
import { ms } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";
import type { Host } from "#runtime/net/host.ts";
import { writePcapng } from "#runtime/trace/pcapng.ts";
import { CLASS_IN, encodeMessage, header, TYPE } from "#runtime/wire/dns.ts";
import { IP_PROTOCOL } from "#runtime/wire/ipv4.ts";
import { emitTcp, tcpFlags, type TcpFlags, type TcpOption } from "#runtime/wire/tcp.ts";
import { emitUdp } from "#runtime/wire/udp.ts";

export type ScenarioId = "handshake" | "loss" | "reset" | "zero-window" | "slow-dns";

export const SCENARIOS: readonly { id: ScenarioId; name: string }[] = [
  { id: "handshake", name: "Handshake, one request, close" },
  { id: "loss", name: "A lost segment and its retransmission" },
  { id: "reset", name: "Connection refused (RST)" },
  { id: "zero-window", name: "A receiver that stops reading (zero window)" },
  { id: "slow-dns", name: "A slow DNS answer, then the connection" },
];

export const ADDR = { client: "192.0.2.10", server: "203.0.113.10", resolver: "198.51.100.53" } as const;
export const CLIENT_PORT = 49152;
/** One-way delay between the tap and the far side; the client sits next to the tap. */
export const ONE_WAY_MS = 20;
/** RFC 6298 §2.4: the retransmission timeout is never below 1 s. */
export const RTO_MS = 1000;
/** How long the slow resolver takes to answer. */
export const DNS_DELAY_MS = 1200;
export const MSS = 1460;

/** One packet of a capture: when the client-side tap saw it, and its IPv4 bytes. */
export interface CapturedFrame {
  readonly timeNs: number;
  readonly bytes: Uint8Array;
}

export interface Capture {
  readonly scenario: ScenarioId;
  readonly frames: readonly CapturedFrame[];
  /** Packets a full queue dropped after the capture point, as the runtime's trace recorded them. */
  readonly dropped: number;
  /** The same frames as a pcapng file for Wireshark. */
  readonly pcapng: Uint8Array;
}

const REQUEST = "GET /status HTTP/1.1\r\nHost: shop.example\r\n\r\n";
const RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
const text = (s: string) => new TextEncoder().encode(s);

/** Runs one scenario and returns what the client-side capture holds. */
export function runCapture(scenario: ScenarioId, seed = 1): Capture {
  const net = new Network({ seed, trace: { record: true, capture: true } });
  const client = net.host("client", ADDR.client);
  const tap = net.router("tap");
  const server = net.host("server", ADDR.server);
  const resolver = net.host("resolver", ADDR.resolver);
  const near = { rate: 1e9, delay: ms(0.05), queueBytes: 1_000_000 };
  const far = { rate: 10e6, delay: ms(ONE_WAY_MS), queueBytes: 1500 };
  net.connect(client, tap, near);
  net.connect(tap, server, far);
  net.connect(tap, resolver, far);
  tap.addRoute(`${ADDR.client}/32`, client).addRoute(`${ADDR.server}/32`, server).addRoute(`${ADDR.resolver}/32`, resolver);
  // Nobody listens on the hosts: the ends are scripted, and only the wire matters here.
  const iss = { client: net.sim.random.fork("iss:client").nextUint32(), server: net.sim.random.fork("iss:server").nextUint32() };
  const rtt = 2 * ONE_WAY_MS + 1;

  /** Sends a TCP segment at `atMs`; seq and ack are relative to each side's ISS. */
  const tcp = (atMs: number, from: "client" | "server", f: Partial<TcpFlags>, seq: number, ack: number | null, payload = new Uint8Array(0), window = 64240, port = 80) => {
    const [host, peer, src, dst] = from === "client" ? [client, server, CLIENT_PORT, port] : [server, client, port, CLIENT_PORT];
    const mine = from === "client" ? iss.client : iss.server;
    const theirs = from === "client" ? iss.server : iss.client;
    const options: TcpOption[] = f.syn === true ? [{ kind: "mss", value: MSS }] : [];
    const flags = tcpFlags({ ...f, ack: ack !== null });
    const repr = { srcPort: src, dstPort: dst, seq: (mine + seq) >>> 0, ack: ack === null ? 0 : (theirs + ack) >>> 0, flags, window, urgentPointer: 0, options };
    sendAt(host, peer, atMs, IP_PROTOCOL.TCP, (s, d) => emitTcp(repr, payload, s, d));
  };
  const sendAt = (host: Host, peer: Host, atMs: number, protocol: number, build: (src: number, dst: number) => Uint8Array) => {
    host.timer(ms(atMs), "script", () => host.sendIp(protocol, peer.addressValue, build(host.addressValue, peer.addressValue)));
  };
  const handshake = (t: number) => {
    tcp(t, "client", { syn: true }, 0, null);
    tcp(t + rtt / 2, "server", { syn: true }, 0, 1);
    tcp(t + rtt, "client", {}, 1, 1);
  };
  const close = (t: number, clientSeq: number, serverSeq: number) => {
    tcp(t, "client", { fin: true }, clientSeq, serverSeq);
    tcp(t + rtt / 2, "server", { fin: true }, serverSeq, clientSeq + 1);
    tcp(t + rtt, "client", {}, clientSeq + 1, serverSeq + 1);
  };
  const req = text(REQUEST);
  const res = text(RESPONSE);

  if (scenario === "handshake") {
    handshake(0);
    tcp(rtt, "client", { psh: true }, 1, 1, req);
    tcp(rtt + rtt / 2, "server", { psh: true }, 1, 1 + req.length, res);
    tcp(2 * rtt, "client", {}, 1 + req.length, 1 + res.length);
    close(2 * rtt + 5, 1 + req.length, 1 + res.length);
  } else if (scenario === "loss") {
    // An upload: three full segments leave back to back; the third finds the tap's queue full.
    handshake(0);
    const chunk = (i: number) => new Uint8Array(MSS).fill(0x41 + i);
    for (let i = 0; i < 3; i++) tcp(rtt, "client", { psh: i === 2 }, 1 + i * MSS, 1, chunk(i));
    tcp(rtt + rtt / 2 + 2, "server", {}, 1, 1 + MSS);
    tcp(rtt + rtt / 2 + 3, "server", {}, 1, 1 + 2 * MSS);
    tcp(rtt + RTO_MS, "client", { psh: true }, 1 + 2 * MSS, 1, chunk(2));
    tcp(rtt + RTO_MS + rtt / 2 + 2, "server", {}, 1, 1 + 3 * MSS);
  } else if (scenario === "reset") {
    // RFC 9293 §3.10.7.1: a SYN to a port nobody listens on gets <SEQ=0><ACK=SEG.SEQ+1><CTL=RST,ACK>.
    tcp(0, "client", { syn: true }, 0, null, undefined, 64240, 8080);
    const rst = tcpFlags({ rst: true, ack: true });
    const rstRepr = { srcPort: 8080, dstPort: CLIENT_PORT, seq: 0, ack: (iss.client + 1) >>> 0, flags: rst, window: 0, urgentPointer: 0, options: [] };
    sendAt(server, client, rtt / 2, IP_PROTOCOL.TCP, (s, d) => emitTcp(rstRepr, new Uint8Array(0), s, d));
  } else if (scenario === "zero-window") {
    // The server's application stops reading: its 4,380-byte buffer fills and it advertises 0.
    handshake(0);
    const buffer = 3 * MSS;
    for (let i = 0; i < 3; i++) tcp(rtt + i * 2, "client", {}, 1 + i * MSS, 1, new Uint8Array(MSS).fill(0x61));
    tcp(rtt + rtt / 2 + 6, "server", {}, 1, 1 + buffer, undefined, 0);
    // Zero-window probe (RFC 9293 §3.8.6.1): one byte past the window, sent on the persist timer.
    tcp(rtt + rtt + 200, "client", {}, 1 + buffer, 1, new Uint8Array(1).fill(0x61));
    tcp(rtt + rtt / 2 + rtt + 200, "server", {}, 1, 1 + buffer, undefined, 0);
    // The application reads everything: the window opens (a window update).
    tcp(rtt + 1500, "server", {}, 1, 1 + buffer, undefined, 64240);
    tcp(rtt + 1500 + rtt / 2, "client", { psh: true }, 1 + buffer, 1, new Uint8Array(MSS).fill(0x61));
  } else {
    const query = { header: header({ id: 0x1a2b, rd: true }), questions: [{ name: "shop.example", type: TYPE.A, class: CLASS_IN }], answers: [], authority: [], additional: [] };
    const answer = {
      ...query,
      header: header({ id: 0x1a2b, qr: true, rd: true, ra: true }),
      answers: [{ name: "shop.example", type: TYPE.A, class: CLASS_IN, ttl: 300, data: { kind: "A" as const, address: ADDR.server } }],
    };
    const udp = (sp: number, dp: number, payload: Uint8Array) => (s: number, d: number) => emitUdp({ srcPort: sp, dstPort: dp }, payload, s, d);
    sendAt(client, resolver, 0, IP_PROTOCOL.UDP, udp(53001, 53, encodeMessage(query)));
    sendAt(resolver, client, DNS_DELAY_MS, IP_PROTOCOL.UDP, udp(53, 53001, encodeMessage(answer, { compress: true })));
    handshake(DNS_DELAY_MS + rtt / 2 + 1);
  }
  net.run();

  const onClientSide = new Set(["client->tap", "tap->client"]);
  const frames = net.trace.captured.filter((p) => onClientSide.has(p.link)).map((p) => ({ timeNs: p.time, bytes: p.bytes }));
  const dropped = net.trace.events.filter((e) => e.kind === "drop" && e.reason === "queue-full").length;
  return { scenario, frames, dropped, pcapng: writePcapng(frames.map((f) => ({ time: f.timeNs, bytes: f.bytes })), { interfaceName: "client" }) };
}
