/**
 * One HTTPS POST, encapsulated layer by layer into an Ethernet frame, and the
 * same packet as the server receives it after two routers. Pure code (no DOM):
 * the explorer draws it and the tests check it.
 *
 * The IPv4 and TCP headers are the runtime's real emitters, and the packet is
 * carried by a runtime Network (client -> r1 -> r2 -> server), so the frame at
 * the receiver shows what the routers changed (TTL, header checksum) and what
 * they did not. Ethernet and the TLS record header are built here; the TLS
 * ciphertext is deterministic filler of the right length standing in for the
 * encrypted HTTP request.
 */
import { hexNumber as hex } from "#runtime/core/hex.ts";
import { formatIpv4Address, parseIpv4Address } from "#runtime/wire/address.ts";
import { IP_PROTOCOL, parseIpv4, type Ipv4Repr } from "#runtime/wire/ipv4.ts";
import { emitTcp, formatTcpFlags, parseTcp, tcpFlags, type TcpRepr } from "#runtime/wire/tcp.ts";
import { Network } from "#runtime/net/network.ts";

export type LayerId = "ethernet" | "ipv4" | "tcp" | "tls" | "payload" | "fcs";

/** A header field: where it sits in the frame and what it says. */
export interface Field {
  readonly name: string;
  /** First byte, counted from the start of the frame. */
  readonly offset: number;
  readonly length: number;
  readonly value: string;
  readonly note: string;
}

/** One layer of the frame: its header fields and the bytes it spans. */
export interface Layer {
  readonly id: LayerId;
  readonly name: string;
  /** Where it sits in the two models, e.g. "OSI 3 · TCP/IP internet". */
  readonly models: string;
  /** The layer's whole unit (header and everything it carries), [start, end). */
  readonly start: number;
  readonly end: number;
  readonly fields: readonly Field[];
}

/** Fixed parts of the scenario: who talks to whom. */
export const SCENARIO = {
  client: { ip: "198.51.100.23", mac: "00:00:5e:00:53:01", port: 51514 },
  r1: { mac: "00:00:5e:00:53:a1" },
  r2: { mac: "00:00:5e:00:53:b2" },
  server: { ip: "203.0.113.10", mac: "00:00:5e:00:53:10", port: 443, host: "shop.example" },
} as const;

export const DEFAULT_BODY = '{"item":"patch cable","qty":2}';
export const MAX_BODY_BYTES = 1000;
export const ETHERTYPE_IPV4 = 0x0800;
export const TLS_APPLICATION_DATA = 23;
export const TLS_LEGACY_VERSION = 0x0303;
/** AES-GCM (and the other TLS 1.3 AEADs) add a 16-byte authentication tag. */
export const AEAD_TAG_LENGTH = 16;
export const ETHERNET_HEADER_LENGTH = 14;
export const FCS_LENGTH = 4;

/** The HTTP/1.1 request (RFC 9112 message syntax) the application writes. */
export function httpRequest(body: string): string {
  const length = new TextEncoder().encode(body).length;
  return (
    "POST /api/orders HTTP/1.1\r\n" +
    `Host: ${SCENARIO.server.host}\r\n` +
    "Content-Type: application/json\r\n" +
    `Content-Length: ${length}\r\n` +
    "\r\n" +
    body
  );
}

/** A TLS record header (RFC 8446 §5.1) followed by its fragment. */
export function emitTlsRecord(contentType: number, fragment: Uint8Array): Uint8Array {
  if (fragment.length > 0xffff) throw new RangeError(`TLS record fragment of ${fragment.length} bytes is too long`);
  const record = new Uint8Array(5 + fragment.length);
  record[0] = contentType;
  record[1] = TLS_LEGACY_VERSION >> 8;
  record[2] = TLS_LEGACY_VERSION & 0xff;
  record[3] = fragment.length >> 8;
  record[4] = fragment.length & 0xff;
  record.set(fragment, 5);
  return record;
}

export interface TlsRecordHeader {
  contentType: number;
  version: number;
  length: number;
}

export function parseTlsRecordHeader(bytes: Uint8Array): TlsRecordHeader {
  if (bytes.length < 5) throw new RangeError("TLS record header truncated");
  return { contentType: bytes[0]!, version: (bytes[1]! << 8) | bytes[2]!, length: (bytes[3]! << 8) | bytes[4]! };
}

/**
 * Stand-in ciphertext: in TLS 1.3 the record carries the plaintext, one byte
 * of inner content type (and optional padding), sealed by an AEAD that adds a
 * tag, so it is `plaintext + 1 + 16` bytes long. The bytes are a seeded
 * xorshift stream: they look random, as real ciphertext does.
 */
export function fakeCiphertext(plaintextLength: number, seed = 0x2545f491): Uint8Array {
  const out = new Uint8Array(plaintextLength + 1 + AEAD_TAG_LENGTH);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** CRC-32 as Ethernet's frame check sequence uses it (IEEE 802.3, reflected, poly 0x04C11DB7). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export function parseMac(text: string): Uint8Array {
  return Uint8Array.from(text.split(":").map((part) => parseInt(part, 16)));
}

export function formatMac(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(":");
}

/** An Ethernet II frame: 14-byte header, payload, 4-byte FCS (CRC-32, least significant byte first). */
export function emitEthernet(dst: string, src: string, etherType: number, payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(ETHERNET_HEADER_LENGTH + payload.length + FCS_LENGTH);
  frame.set(parseMac(dst), 0);
  frame.set(parseMac(src), 6);
  frame[12] = etherType >> 8;
  frame[13] = etherType & 0xff;
  frame.set(payload, ETHERNET_HEADER_LENGTH);
  const fcs = crc32(frame.subarray(0, frame.length - FCS_LENGTH));
  const at = frame.length - FCS_LENGTH;
  for (let i = 0; i < 4; i++) frame[at + i] = (fcs >>> (8 * i)) & 0xff;
  return frame;
}

export interface ParsedEthernet {
  dst: string;
  src: string;
  etherType: number;
  payload: Uint8Array;
  fcs: number;
  fcsOk: boolean;
}

export function parseEthernet(frame: Uint8Array): ParsedEthernet {
  if (frame.length < ETHERNET_HEADER_LENGTH + FCS_LENGTH) throw new RangeError("Ethernet frame truncated");
  const at = frame.length - FCS_LENGTH;
  const fcs = (frame[at]! | (frame[at + 1]! << 8) | (frame[at + 2]! << 16) | (frame[at + 3]! << 24)) >>> 0;
  return {
    dst: formatMac(frame.subarray(0, 6)),
    src: formatMac(frame.subarray(6, 12)),
    etherType: (frame[12]! << 8) | frame[13]!,
    payload: frame.subarray(ETHERNET_HEADER_LENGTH, at),
    fcs,
    fcsOk: crc32(frame.subarray(0, at)) === fcs,
  };
}

/** Everything the explorer shows about one HTTPS POST. */
export interface HttpsPost {
  /** The HTTP request the application wrote (shown beside the ciphertext). */
  readonly plaintext: string;
  readonly plaintextBytes: Uint8Array;
  readonly tlsRecord: Uint8Array;
  readonly tcpSegment: Uint8Array;
  /** The IPv4 packet as it left the client and as it reached the server. */
  readonly sentPacket: Uint8Array;
  readonly receivedPacket: Uint8Array;
  /** The Ethernet frames on the first and on the last link. */
  readonly sentFrame: Uint8Array;
  readonly receivedFrame: Uint8Array;
  /** The links the packet crossed, in order. */
  readonly path: readonly string[];
  /** True when the server's TCP endpoint on port 443 got the segment. */
  readonly delivered: boolean;
  /** The packet on every link, as a pcapng capture (raw IP, no Ethernet) for Wireshark. */
  readonly pcapng: Uint8Array;
}

/** Builds the POST, sends it through the simulated network, returns every stage. */
export function buildHttpsPost(body: string = DEFAULT_BODY): HttpsPost {
  const plaintext = httpRequest(body);
  const plaintextBytes = new TextEncoder().encode(plaintext);
  if (new TextEncoder().encode(body).length > MAX_BODY_BYTES) {
    throw new RangeError(`The body may be at most ${MAX_BODY_BYTES} bytes`);
  }
  const tlsRecord = emitTlsRecord(TLS_APPLICATION_DATA, fakeCiphertext(plaintextBytes.length));

  const src = parseIpv4Address(SCENARIO.client.ip);
  const dst = parseIpv4Address(SCENARIO.server.ip);
  const tcp: TcpRepr = {
    srcPort: SCENARIO.client.port,
    dstPort: SCENARIO.server.port,
    seq: 2_840_117_303,
    ack: 1_106_552_871,
    flags: tcpFlags({ psh: true, ack: true }),
    window: 502,
    urgentPointer: 0,
    options: [{ kind: "timestamps", value: 3_411_202, echo: 907_115 }],
  };
  const tcpSegment = emitTcp(tcp, tlsRecord, src, dst);

  // Carry it through a runtime network: the routers decrement the TTL and
  // recompute the header checksum; nothing else in the packet changes.
  const net = new Network({ seed: 1, trace: { capture: true } });
  const client = net.host("client", SCENARIO.client.ip);
  const r1 = net.router("r1");
  const r2 = net.router("r2");
  const server = net.host("server", SCENARIO.server.ip);
  net.connect(client, r1, "lan");
  net.connect(r1, r2, "lan");
  net.connect(r2, server, "lan");
  r1.addRoute("203.0.113.0/24", r2).addRoute("0.0.0.0/0", client);
  r2.addRoute("203.0.113.0/24", server).addRoute("0.0.0.0/0", r1);
  let delivered = false;
  server.listenTcp(SCENARIO.server.port, () => {
    delivered = true;
  });
  client.sendIp(IP_PROTOCOL.TCP, dst, tcpSegment);
  net.run();

  const captured = net.trace.captured;
  const sentPacket = captured[0]!.bytes;
  const receivedPacket = captured[captured.length - 1]!.bytes;
  return {
    plaintext,
    plaintextBytes,
    tlsRecord,
    tcpSegment,
    sentPacket,
    receivedPacket,
    sentFrame: emitEthernet(SCENARIO.r1.mac, SCENARIO.client.mac, ETHERTYPE_IPV4, sentPacket),
    receivedFrame: emitEthernet(SCENARIO.server.mac, SCENARIO.r2.mac, ETHERTYPE_IPV4, receivedPacket),
    path: captured.map((c) => c.link),
    delivered,
    pcapng: net.trace.toPcapng(),
  };
}


/** The frame as a receiver decodes it, one parser per layer, with every field located. */
export interface DecodedFrame {
  readonly ethernet: ParsedEthernet;
  readonly ip: Ipv4Repr;
  readonly ipHeaderLength: number;
  readonly ipTotalLength: number;
  readonly tcp: TcpRepr;
  readonly tcpHeaderLength: number;
  readonly tls: TlsRecordHeader;
  readonly ciphertext: Uint8Array;
  readonly layers: readonly Layer[];
}

/**
 * Decapsulates a frame the way the receiver does: Ethernet (own parser, FCS
 * checked), then IPv4 and TCP with the runtime's parsers (checksums checked),
 * then the TLS record header. Throws if any layer is malformed.
 */
export function decodeFrame(frame: Uint8Array): DecodedFrame {
  const ethernet = parseEthernet(frame);
  if (ethernet.etherType !== ETHERTYPE_IPV4) throw new Error(`EtherType ${hex(ethernet.etherType, 4)} is not IPv4`);
  const ipParsed = parseIpv4(ethernet.payload);
  const ip = ipParsed.repr;
  if (ip.protocol !== IP_PROTOCOL.TCP) throw new Error(`IP protocol ${ip.protocol} is not TCP`);
  const tcpParsed = parseTcp(ipParsed.payload, ip.src, ip.dst);
  const tcp = tcpParsed.repr;
  const tls = parseTlsRecordHeader(tcpParsed.payload);
  const ciphertext = tcpParsed.payload.subarray(5, 5 + tls.length);

  const E = 0;
  const I = ETHERNET_HEADER_LENGTH;
  const ipHeaderLength = ipParsed.headerLength;
  const T = I + ipHeaderLength;
  const tcpHeaderLength = ipParsed.payload.length - tcpParsed.payload.length;
  const R = T + tcpHeaderLength;
  const C = R + 5;
  const end = frame.length - FCS_LENGTH;
  const ipTotalLength = ipHeaderLength + ipParsed.payload.length;
  const flagsWord = (ethernet.payload[6]! << 8) | ethernet.payload[7]!;

  const layers: Layer[] = [
    {
      id: "ethernet",
      name: "Ethernet II header",
      models: "OSI 2 data link · TCP/IP link",
      start: E,
      end: frame.length,
      fields: [
        { name: "Destination MAC", offset: 0, length: 6, value: ethernet.dst, note: "The interface on this link that the frame is for: the next hop, which is a router unless the destination is on the same link." },
        { name: "Source MAC", offset: 6, length: 6, value: ethernet.src, note: "The interface that put the frame on this link." },
        { name: "EtherType", offset: 12, length: 2, value: `${hex(ethernet.etherType, 4)} (IPv4)`, note: "Which protocol the payload is, so the receiver knows which code to hand it to. 0x86DD would be IPv6, 0x0806 ARP." },
      ],
    },
    {
      id: "ipv4",
      name: "IPv4 header",
      models: "OSI 3 network · TCP/IP internet",
      start: I,
      end: I + ipTotalLength,
      fields: [
        { name: "Version", offset: I, length: 1, value: "4", note: "High four bits of the first byte." },
        { name: "IHL (header length)", offset: I, length: 1, value: `${ipHeaderLength / 4} words = ${ipHeaderLength} bytes`, note: "Low four bits, in 32-bit words: 5 means no options." },
        { name: "DSCP / ECN", offset: I + 1, length: 1, value: `${ip.dscp} / ${ip.ecn}`, note: "Once Type of Service; now a traffic class (RFC 2474) and two congestion bits (RFC 3168)." },
        { name: "Total Length", offset: I + 2, length: 2, value: `${ipTotalLength} bytes`, note: `The IP header, the TCP header, the TLS record: ${ipHeaderLength} + ${tcpHeaderLength} + ${5 + tls.length}.` },
        { name: "Identification", offset: I + 4, length: 2, value: String(ip.identification), note: "Shared by all the fragments of one datagram, so the receiver can put them back together." },
        { name: "Flags", offset: I + 6, length: 1, value: `DF=${ip.dontFragment ? 1 : 0}, MF=${ip.moreFragments ? 1 : 0}`, note: "Top three bits of byte 6: reserved, Don't Fragment, More Fragments." },
        { name: "Fragment Offset", offset: I + 6, length: 2, value: `${ip.fragmentOffset / 8} (×8 = ${ip.fragmentOffset} bytes)`, note: `Low 13 bits of the word ${hex(flagsWord, 4)}, counted in 8-byte units. 0: this is the start of the datagram.` },
        { name: "Time to Live", offset: I + 8, length: 1, value: String(ip.ttl), note: "Each router takes one off and discards the packet when it would reach zero." },
        { name: "Protocol", offset: I + 9, length: 1, value: `${ip.protocol} (TCP)`, note: "What the payload is: 6 TCP, 17 UDP, 1 ICMP." },
        { name: "Header Checksum", offset: I + 10, length: 2, value: hex((ethernet.payload[10]! << 8) | ethernet.payload[11]!, 4), note: "Covers the IP header only; every router recomputes it after changing the TTL." },
        { name: "Source address", offset: I + 12, length: 4, value: formatIpv4Address(ip.src), note: "The client." },
        { name: "Destination address", offset: I + 16, length: 4, value: formatIpv4Address(ip.dst), note: "The server, end to end: routers read it at every hop." },
      ],
    },
    {
      id: "tcp",
      name: "TCP header",
      models: "OSI 4 transport · TCP/IP transport",
      start: T,
      end,
      fields: [
        { name: "Source port", offset: T, length: 2, value: String(tcp.srcPort), note: "An ephemeral port the client's operating system picked for this connection." },
        { name: "Destination port", offset: T + 2, length: 2, value: `${tcp.dstPort} (https)`, note: "Which program on the server gets the bytes." },
        { name: "Sequence number", offset: T + 4, length: 4, value: String(tcp.seq), note: "Number of the first data byte in this segment, in the client's byte stream." },
        { name: "Acknowledgment number", offset: T + 8, length: 4, value: String(tcp.ack), note: "The next byte the client expects from the server." },
        { name: "Data Offset", offset: T + 12, length: 1, value: `${tcpHeaderLength / 4} words = ${tcpHeaderLength} bytes`, note: "Header length in 32-bit words (high four bits of byte 12): here options follow the fixed 20 bytes." },
        { name: "Flags", offset: T + 13, length: 1, value: formatTcpFlags(tcp.flags), note: "ACK: the acknowledgment number is valid. PSH: hand the data to the application without waiting." },
        { name: "Window", offset: T + 14, length: 2, value: String(tcp.window), note: "How much more the client can receive (multiplied by a window scale factor if one was agreed in the handshake)." },
        { name: "Checksum", offset: T + 16, length: 2, value: hex((frame[T + 16]! << 8) | frame[T + 17]!, 4), note: "Covers a pseudo-header (addresses, protocol, length), the TCP header and the data." },
        { name: "Urgent pointer", offset: T + 18, length: 2, value: String(tcp.urgentPointer), note: "Unused unless URG is set." },
        ...(tcpHeaderLength > 20
          ? [{ name: "Options", offset: T + 20, length: tcpHeaderLength - 20, value: tcp.options.map((o) => (o.kind === "timestamps" ? `Timestamps ${o.value}/${o.echo}` : o.kind)).join(", "), note: "Timestamps (RFC 7323), then zero bytes padding the header to a multiple of 4." }]
          : []),
      ],
    },
    {
      id: "tls",
      name: "TLS record",
      models: "between transport and application (OSI 5–6, roughly)",
      start: R,
      end,
      fields: [
        { name: "Content type", offset: R, length: 1, value: `${tls.contentType} (application_data)`, note: "In TLS 1.3 every encrypted record says 23; the real type is hidden inside the ciphertext." },
        { name: "Legacy version", offset: R + 1, length: 2, value: hex(tls.version, 4), note: "0x0303 (\"TLS 1.2\") for compatibility with middleboxes; the version really in use was agreed in the handshake." },
        { name: "Length", offset: R + 3, length: 2, value: `${tls.length} bytes`, note: "Length of the encrypted fragment that follows." },
      ],
    },
    {
      id: "payload",
      name: "Encrypted HTTP request",
      models: "OSI 7 application · TCP/IP application",
      start: C,
      end,
      fields: [
        { name: "Ciphertext", offset: C, length: tls.length - AEAD_TAG_LENGTH, value: `${tls.length - AEAD_TAG_LENGTH} bytes`, note: "The HTTP request plus one byte of inner content type, encrypted. No one on the path can read it." },
        { name: "Authentication tag", offset: C + tls.length - AEAD_TAG_LENGTH, length: AEAD_TAG_LENGTH, value: "16 bytes", note: "Lets the receiver detect any change to the record (AEAD, e.g. AES-GCM)." },
      ],
    },
    {
      id: "fcs",
      name: "Ethernet trailer",
      models: "OSI 2 data link · TCP/IP link",
      start: end,
      end: frame.length,
      fields: [
        { name: "Frame check sequence", offset: end, length: 4, value: `CRC ${hex(ethernet.fcs, 8)} ${ethernet.fcsOk ? "(valid)" : "(BAD)"}`, note: `CRC-32 over the frame from the destination address to the end of the payload, sent least significant byte first (Wireshark shows the bytes in wire order, 0x${[...frame.subarray(end)].map((b) => b.toString(16).padStart(2, "0")).join("")}). A receiver silently discards a frame whose CRC fails.` },
      ],
    },
  ];
  return { ethernet, ip, ipHeaderLength, ipTotalLength, tcp, tcpHeaderLength, tls, ciphertext, layers };
}
