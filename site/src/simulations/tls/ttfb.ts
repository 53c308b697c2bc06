/**
 * Time to first byte of an HTTPS response over five stacks: TCP + TLS 1.2,
 * TCP + TLS 1.3, TCP + TLS 1.3 resumed with 0-RTT early data, QUIC (1-RTT)
 * and QUIC resumed with 0-RTT. Each handshake is scripted as flights of
 * messages; a flight is cut into packets (TCP segments of at most 1460 bytes
 * with real TCP headers, or UDP datagrams of at most 1200 bytes for QUIC) and
 * sent over a runtime Network link with the chosen one-way delay. A side
 * sends its next flight when every packet of the flight it waits for has
 * arrived. Bare TCP acknowledgements of data and QUIC ACK-only packets are
 * left out: they are sent, but nothing waits for them.
 *
 * What is counted: the clock starts when the client sends its first packet
 * (SYN, or QUIC's first Initial) and stops when the first packet of the HTTP
 * response reaches the client. DNS, server think time and TCP's congestion
 * window are left out; every flight here fits in the initial window.
 *
 * A lost ClientHello is sent again when a timer runs out: over TCP the
 * retransmission timeout after one RTT sample (RFC 6298 §2.2–2.4: SRTT = R,
 * RTTVAR = R/2, RTO = SRTT + 4·RTTVAR = 3R, but at least 1 s); over QUIC the
 * probe timeout before any RTT sample (RFC 9002 §6.2.2: initial RTT 333 ms,
 * PTO = 333 + 4 × 166.5 = 999 ms).
 */
import { ms, seconds, toMs } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";
import type { UdpSocket } from "#runtime/net/udp-socket.ts";
import { IP_PROTOCOL } from "#runtime/wire/ipv4.ts";
import { emitTcp, tcpFlags } from "#runtime/wire/tcp.ts";
import { HYBRID_CLIENT_HELLO_EXTRA as PQ_CLIENT, HYBRID_SERVER_HELLO_EXTRA as PQ_SERVER } from "#runtime/wire/tls-key-share.ts";

export const VARIANTS = ["tls12", "tls13", "tls13-0rtt", "quic", "quic-0rtt"] as const;
export type VariantId = (typeof VARIANTS)[number];

export const VARIANT_NAMES: Record<VariantId, string> = {
  tls12: "TCP + TLS 1.2",
  tls13: "TCP + TLS 1.3",
  "tls13-0rtt": "TCP + TLS 1.3 0-RTT",
  quic: "QUIC 1-RTT",
  "quic-0rtt": "QUIC 0-RTT",
};

/** One message inside a flight, with its size on the wire (record header and tag included). */
export interface FlightPart {
  readonly name: string;
  readonly bytes: number;
  /** Sent encrypted (true) or readable by anyone on the path (false). */
  readonly encrypted: boolean;
}

/** Everything one side sends at once. */
export interface Flight {
  readonly from: "client" | "server";
  /** Short label drawn on the ladder. */
  readonly label: string;
  readonly parts: readonly FlightPart[];
  /** The flight (index) that must have fully arrived before this one is sent; null: at time 0. */
  readonly after: number | null;
  /** "syn", "synack" and "ack" are bare TCP segments. */
  readonly tcp?: "syn" | "synack" | "ack";
  /** This flight carries the ClientHello (the one a learner may lose). */
  readonly clientHello?: boolean;
  /** This flight carries the HTTP request or the response. */
  readonly request?: boolean;
  readonly response?: boolean;
  /** QUIC: pad every datagram to 1200 bytes (RFC 9000 §14.1, datagrams carrying a client Initial). */
  readonly pad?: boolean;
}

const REQUEST_PLAIN = 160; // "GET / HTTP/1.1" with a few headers, or an HTTP/2 or HTTP/3 HEADERS frame
const RESPONSE_PLAIN = 1200; // headers and the start of the body

/**
 * The flights of each variant. Sizes are typical of an ECDSA certificate
 * chain of two certificates and, in TLS 1.3 and QUIC, of the hybrid
 * X25519MLKEM768 key exchange browsers offer today (a 1,216-byte client
 * share next to X25519's 32, a 1,120-byte server share): the ClientHello
 * takes two TCP segments or two Initial datagrams. Over TCP, TLS 1.3 runs in
 * middlebox compatibility mode (RFC 8446 Appendix D.4), as browsers do: each
 * side sends one dummy ChangeCipherSpec record.
 */
export function flightsOf(variant: VariantId): readonly Flight[] {
  const part = (name: string, bytes: number, encrypted = false): FlightPart => ({ name, bytes, encrypted });
  switch (variant) {
    case "tls12":
      return [
        { from: "client", label: "SYN", parts: [], after: null, tcp: "syn" },
        { from: "server", label: "SYN-ACK", parts: [], after: 0, tcp: "synack" },
        { from: "client", label: "ACK", parts: [], after: 1, tcp: "ack" },
        { from: "client", label: "ClientHello", parts: [part("ClientHello", 250)], after: 1, clientHello: true },
        {
          from: "server",
          label: "ServerHello … Done",
          parts: [part("ServerHello", 95), part("Certificate", 2600), part("ServerKeyExchange", 150), part("ServerHelloDone", 9)],
          after: 3,
        },
        {
          from: "client",
          label: "CKE, CCS, Finished",
          parts: [part("ClientKeyExchange", 42), part("ChangeCipherSpec", 6), part("Finished", 45, true)],
          after: 4,
        },
        { from: "server", label: "CCS, Finished", parts: [part("ChangeCipherSpec", 6), part("Finished", 45, true)], after: 5 },
        { from: "client", label: "GET", parts: [part("request", REQUEST_PLAIN + 29, true)], after: 6, request: true },
        { from: "server", label: "200 OK", parts: [part("response", RESPONSE_PLAIN + 29, true)], after: 7, response: true },
      ];
    case "tls13":
      return [
        { from: "client", label: "SYN", parts: [], after: null, tcp: "syn" },
        { from: "server", label: "SYN-ACK", parts: [], after: 0, tcp: "synack" },
        { from: "client", label: "ACK", parts: [], after: 1, tcp: "ack" },
        { from: "client", label: "ClientHello", parts: [part("ClientHello + key_share", 290 + PQ_CLIENT)], after: 1, clientHello: true },
        {
          from: "server",
          label: "ServerHello … Fin",
          parts: [
            part("ServerHello + key_share", 127 + PQ_SERVER),
            part("ChangeCipherSpec (compatibility)", 6),
            part("EncryptedExtensions", 40, true),
            part("Certificate", 2620, true),
            part("CertificateVerify", 100, true),
            part("Finished", 58, true),
          ],
          after: 3,
        },
        {
          from: "client",
          label: "Finished + GET",
          parts: [part("ChangeCipherSpec (compatibility)", 6), part("Finished", 58, true), part("request", REQUEST_PLAIN + 22, true)],
          after: 4,
          request: true,
        },
        { from: "server", label: "200 OK", parts: [part("response", RESPONSE_PLAIN + 22, true)], after: 5, response: true },
      ];
    case "tls13-0rtt":
      return [
        { from: "client", label: "SYN", parts: [], after: null, tcp: "syn" },
        { from: "server", label: "SYN-ACK", parts: [], after: 0, tcp: "synack" },
        { from: "client", label: "ACK", parts: [], after: 1, tcp: "ack" },
        {
          from: "client",
          label: "ClientHello + GET",
          parts: [
            part("ClientHello + key_share + pre_shared_key + early_data", 520 + PQ_CLIENT),
            part("ChangeCipherSpec (compatibility)", 6),
            part("request (0-RTT)", REQUEST_PLAIN + 22, true),
          ],
          after: 1,
          clientHello: true,
          request: true,
        },
        {
          from: "server",
          label: "SH … Fin + 200 OK",
          parts: [
            part("ServerHello + key_share + pre_shared_key", 159 + PQ_SERVER),
            part("ChangeCipherSpec (compatibility)", 6),
            part("EncryptedExtensions", 44, true),
            part("Finished", 58, true),
            part("response", RESPONSE_PLAIN + 22, true),
          ],
          after: 3,
          response: true,
        },
        { from: "client", label: "EOED, Finished", parts: [part("EndOfEarlyData", 26, true), part("Finished", 58, true)], after: 4 },
      ];
    case "quic":
      return [
        { from: "client", label: "ClientHello", parts: [part("Initial: ClientHello", 330 + PQ_CLIENT)], after: null, clientHello: true, pad: true },
        {
          from: "server",
          label: "ServerHello … Fin",
          parts: [
            part("Initial: ServerHello", 180 + PQ_SERVER),
            part("Handshake: EncryptedExtensions, Certificate, CertificateVerify, Finished", 2900, true),
          ],
          after: 0,
        },
        {
          from: "client",
          label: "Finished + GET",
          parts: [part("Initial: ACK", 60), part("Handshake: Finished", 90, true), part("1-RTT: request", REQUEST_PLAIN + 40, true)],
          after: 1,
          request: true,
          pad: true,
        },
        { from: "server", label: "200 OK", parts: [part("1-RTT: response, HANDSHAKE_DONE", RESPONSE_PLAIN + 45, true)], after: 2, response: true },
      ];
    case "quic-0rtt":
      return [
        {
          from: "client",
          label: "ClientHello + GET",
          parts: [part("Initial: ClientHello + pre_shared_key + early_data", 560 + PQ_CLIENT), part("0-RTT: request", REQUEST_PLAIN + 40, true)],
          after: null,
          clientHello: true,
          request: true,
          pad: true,
        },
        {
          from: "server",
          label: "SH … Fin + 200 OK",
          parts: [
            part("Initial: ServerHello", 220 + PQ_SERVER),
            part("Handshake: EncryptedExtensions, Finished", 170, true),
            part("1-RTT: response", RESPONSE_PLAIN + 45, true),
          ],
          after: 0,
          response: true,
        },
        { from: "client", label: "Finished", parts: [part("Initial: ACK", 60), part("Handshake: Finished", 90, true)], after: 1, pad: true },
      ];
  }
}

export function isQuic(variant: VariantId): boolean {
  return variant === "quic" || variant === "quic-0rtt";
}

export interface TtfbOptions {
  readonly variant: VariantId;
  /** Round-trip time, ms (the link's one-way delay is half of it). */
  readonly rttMs: number;
  /** Lose the first transmission of the ClientHello. */
  readonly loseClientHello?: boolean;
  /** Link rate, bits per second (default 1 Gb/s, so that transmission time stays far below a millisecond). */
  readonly rate?: number;
}

export interface WirePacket {
  readonly flight: number;
  readonly from: "client" | "server";
  /** The flight's label on its first packet, "" on the others. */
  readonly label: string;
  /** What it carries, for a tooltip. */
  readonly detail: string;
  /** Bytes of the IP packet. */
  readonly bytes: number;
  readonly sentMs: number;
  arrivedMs: number | null;
  readonly retransmission: boolean;
}

export interface TtfbResult {
  readonly variant: VariantId;
  readonly rttMs: number;
  readonly packets: readonly WirePacket[];
  /** When the client sent the request (0 when it goes in the first flight). */
  readonly requestSentMs: number;
  /** When the first response packet reached the client. */
  readonly ttfbMs: number;
  /** The timer that resent a lost ClientHello, ms (0 when nothing was lost). */
  readonly timeoutMs: number;
  /** IP bytes each way up to the response. */
  readonly clientBytes: number;
  readonly serverBytes: number;
  /** QUIC: UDP payload bytes of the server's first flight and of the client's first datagram. */
  readonly serverFirstFlightBytes: number;
  readonly clientFirstFlightBytes: number;
}

const TCP_MSS = 1460;
const QUIC_DATAGRAM = 1200;
const CLIENT = "10.0.0.1";
const SERVER = "10.0.0.2";

/** Runs one variant over a fresh network and returns its packets and timings. */
export function runTtfb(options: TtfbOptions): TtfbResult {
  const { variant, rttMs } = options;
  const quic = isQuic(variant);
  const flights = flightsOf(variant);
  const net = new Network({ seed: 1, trace: { record: false } });
  const hosts = { client: net.host("client", CLIENT), server: net.host("server", SERVER) };
  net.connect(hosts.client, hosts.server, { rate: options.rate ?? 1e9, delay: ms(rttMs / 2), queueBytes: 1e6 });
  const now = () => toMs(net.now);

  const packets: WirePacket[] = [];
  const byId = new Map<number, WirePacket>();
  const arrivedCount = new Map<number, number>();
  const segmentsOf = new Map<number, number>();
  let requestSentMs = -1;
  let ttfbMs = -1;
  let timeoutMs = 0;
  let synSentMs = 0;
  let synAckMs = 0;

  // The two ends: TCP ports with relative sequence numbers, or UDP sockets.
  const ports = { client: 49152, server: 443 };
  const seq = { client: 0, server: 0 };
  const sockets: Partial<Record<"client" | "server", UdpSocket>> = {};
  const onArrival = (id: number) => {
    const packet = byId.get(id);
    if (packet === undefined || packet.arrivedMs !== null) return;
    packet.arrivedMs = now();
    const count = (arrivedCount.get(packet.flight) ?? 0) + 1;
    arrivedCount.set(packet.flight, count);
    const flight = flights[packet.flight]!;
    if (flight.response === true && ttfbMs < 0) ttfbMs = now();
    if (flight.tcp === "synack") synAckMs = now();
    if (count === segmentsOf.get(packet.flight)) {
      flights.forEach((next, index) => {
        if (next.after === packet.flight) send(index, false);
      });
    }
  };
  if (quic) {
    for (const side of ["client", "server"] as const) {
      const socket = hosts[side].udp(ports[side]);
      socket.onDatagram = (d) => onArrival(d.packet);
      sockets[side] = socket;
    }
  } else {
    for (const side of ["client", "server"] as const) hosts[side].listenTcp(ports[side], (segment) => onArrival(segment.packet));
  }

  /** The payload sizes of the packets that carry flight `index`. */
  const cut = (flight: Flight): number[] => {
    if (flight.tcp !== undefined) return [0];
    const total = flight.parts.reduce((sum, p) => sum + p.bytes, 0);
    const max = quic ? QUIC_DATAGRAM : TCP_MSS;
    const sizes: number[] = [];
    for (let left = total; left > 0; left -= max) sizes.push(Math.min(left, max));
    return flight.pad === true ? sizes.map(() => QUIC_DATAGRAM) : sizes;
  };

  const send = (index: number, retransmission: boolean) => {
    const flight = flights[index]!;
    const from = flight.from;
    const to = from === "client" ? "server" : "client";
    const sizes = cut(flight);
    segmentsOf.set(index, sizes.length);
    const lose = flight.clientHello === true && options.loseClientHello === true && !retransmission;
    if (flight.request === true) requestSentMs = now();
    if (flight.tcp === "syn") synSentMs = now();
    const detail = flight.tcp !== undefined ? flight.label : flight.parts.map((p) => `${p.name} (${p.bytes} B${p.encrypted ? ", encrypted" : ""})`).join("; ");
    // TCP data reuses its sequence numbers when it is sent again.
    const firstSeq = seq[from];
    let offset = 0;
    sizes.forEach((size, i) => {
      let bytes: Uint8Array;
      let id = -1;
      if (quic) {
        bytes = new Uint8Array(size);
        if (!lose) id = sockets[from]!.send({ address: to === "server" ? SERVER : CLIENT, port: ports[to] }, bytes);
      } else {
        const flags =
          flight.tcp === "syn" ? tcpFlags({ syn: true }) : flight.tcp === "synack" ? tcpFlags({ syn: true, ack: true }) : tcpFlags({ ack: true, psh: size > 0 });
        const repr = { srcPort: ports[from], dstPort: ports[to], seq: firstSeq + offset, ack: seq[to], flags, window: 65535, urgentPointer: 0, options: [] };
        bytes = emitTcp(repr, new Uint8Array(size), hosts[from].addressValue, hosts[to].addressValue);
        if (!lose) id = hosts[from].sendIp(IP_PROTOCOL.TCP, hosts[to].addressValue, bytes).id;
      }
      offset += size;
      const ipBytes = bytes.length + 20 + (quic ? 8 : 0);
      const packet: WirePacket = { flight: index, from, label: i === 0 ? flight.label : "", detail, bytes: ipBytes, sentMs: now(), arrivedMs: null, retransmission };
      packets.push(packet);
      if (id >= 0) byId.set(id, packet);
    });
    if (!retransmission) seq[from] += flight.tcp === "syn" || flight.tcp === "synack" ? 1 : offset;
    if (lose) {
      // RFC 6298 §2.2–2.4 after the SYN/SYN-ACK sample, or RFC 9002 §6.2.2's first PTO.
      const sample = synAckMs - synSentMs;
      timeoutMs = quic ? 333 + 4 * (333 / 2) : Math.max(1000, sample + 4 * (sample / 2));
      hosts[from].timer(ms(timeoutMs), "retransmission", () => send(index, true));
    }
  };

  send(0, false);
  net.run({ until: seconds(60), maxEvents: 10_000 });

  const upToResponse = packets.filter((p) => p.sentMs <= ttfbMs);
  const sum = (side: "client" | "server") => upToResponse.filter((p) => p.from === side).reduce((total, p) => total + p.bytes, 0);
  const firstOf = (side: "client" | "server") => {
    const index = flights.findIndex((f) => f.from === side && f.tcp === undefined);
    return packets.filter((p) => p.flight === index && !p.retransmission).reduce((total, p) => total + p.bytes - 28, 0);
  };
  return {
    variant,
    rttMs,
    packets,
    requestSentMs,
    ttfbMs,
    timeoutMs,
    clientBytes: sum("client"),
    serverBytes: sum("server"),
    serverFirstFlightBytes: firstOf("server"),
    clientFirstFlightBytes: firstOf("client"),
  };
}

/** All five variants at one RTT. */
export function runAll(rttMs: number, loseClientHello = false): TtfbResult[] {
  return VARIANTS.map((variant) => runTtfb({ variant, rttMs, loseClientHello }));
}
