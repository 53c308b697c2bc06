/**
 * The numbers the capstone's page-load model is built from: what is on the
 * page, how big each packet of each handshake is, and the few fixed times
 * the model assumes. Sizes are IPv4 datagram sizes (IP header included),
 * rounded, for a typical modern browser and server; they are "about right",
 * not a capture of one particular site.
 *
 * The TLS sizes assume what browsers negotiate today: the hybrid
 * X25519MLKEM768 key exchange (runtime/wire/tls-key-share.ts), whose
 * 1,216-byte client share makes the ClientHello about 1.7 kB, two TCP
 * segments or two QUIC Initial datagrams, and whose 1,120-byte server share
 * adds 1,088 bytes to the server's first flight. Round trips are unchanged.
 */
import { HYBRID_CLIENT_HELLO_EXTRA, HYBRID_SERVER_HELLO_EXTRA } from "#runtime/wire/tls-key-share.ts";

/** Full-sized TCP segment payload (SMSS) on a 1500-byte MTU path. */
export const SMSS = 1460;
/** RFC 6928's initial window: min(10·MSS, max(2·MSS, 14,600 bytes)), 10 segments of 1460. */
export const INITIAL_WINDOW = Math.min(10 * SMSS, Math.max(2 * SMSS, 14_600));

/** IP + TCP header bytes on a segment without options. */
const TCP_IP_HEADERS = 40;
/** IP + UDP header bytes on a datagram. */
const UDP_IP_HEADERS = 28;
/** RFC 9000 §14.1: a client pads every datagram carrying an Initial packet to at least 1200 bytes of UDP payload. */
const QUIC_MIN_INITIAL = 1200;

/** The IP packet sizes of `payload` bytes cut into full TCP segments. */
function tcpSegments(payload: number): number[] {
  const sizes: number[] = [];
  for (let left = payload; left > 0; left -= SMSS) sizes.push(Math.min(left, SMSS) + TCP_IP_HEADERS);
  return sizes;
}

/** The IP packet sizes of `payload` bytes of QUIC packets in datagrams of at most 1200 bytes; `padded` pads each to 1200 (client Initials). */
function quicDatagrams(payload: number, padded: boolean): number[] {
  const sizes: number[] = [];
  for (let left = payload; left > 0; left -= QUIC_MIN_INITIAL) sizes.push((padded ? QUIC_MIN_INITIAL : Math.min(left, QUIC_MIN_INITIAL)) + UDP_IP_HEADERS);
  return sizes;
}

/** Round-trip times from the recursive resolver to the servers it asks when nothing is cached (ms). */
export const UPSTREAM_RTT_MS = { root: 20, tld: 30, authoritative: 40 } as const;
/** Time the web server takes to produce the HTML once the request is in (ms; static files take none). */
export const SERVER_THINK_MS = 20;
/** Main-thread time the browser spends parsing, styling, laying out and painting before the first paint (ms; a stated guess). */
export const RENDER_MS = 30;
/** Retry timer of the stub resolver and of every handshake flight (ms): RFC 6298's initial RTO for TCP, about RFC 9002's first PTO for QUIC. */
export const HANDSHAKE_TIMEOUT_MS = 1000;

/** Packet sizes, bytes on the wire at the IP layer. */
export const PACKET = {
  /** DNS query for the A record of www.example.com with an EDNS(0) OPT record: 12 header + 21 question + 11 OPT, + 8 UDP + 20 IP. */
  dnsQuery: 72,
  /** The answer: the question again plus one 16-byte A record (name compressed to a pointer). */
  dnsAnswer: 88,
  /** The root's referral to the .com servers (NS records plus glue addresses). */
  dnsRootReferral: 880,
  /** The .com server's referral to example.com's name servers. */
  dnsTldReferral: 260,
  /** TCP SYN / SYN-ACK with MSS, window-scale and SACK-permitted options: 20 IP + 20 TCP + 12 options. */
  syn: 52,
  /** A bare TCP ACK: 20 IP + 20 TCP. */
  ack: 40,
  /** TLS ClientHello (X25519MLKEM768 and X25519 key shares, SNI, ALPN "h2, http/1.1"): about 1.7 kB, two segments. */
  clientHello: tcpSegments(517 + HYBRID_CLIENT_HELLO_EXTRA) as readonly number[],
  /** The same ClientHello carrying a pre-shared key and, for 0-RTT, the early-data request. */
  clientHelloEarlyData: tcpSegments(900 + HYBRID_CLIENT_HELLO_EXTRA) as readonly number[],
  /** Server's full TLS 1.3 flight: ServerHello (hybrid share), then encrypted EncryptedExtensions (ALPN), Certificate (about 2.6 kB chain), CertificateVerify, Finished. */
  serverFlightFull: tcpSegments(3000 + HYBRID_SERVER_HELLO_EXTRA) as readonly number[],
  /** Resumed: ServerHello with the pre_shared_key extension (and a fresh hybrid share), EncryptedExtensions and Finished; no certificate. */
  serverFlightResumed: tcpSegments(260 + HYBRID_SERVER_HELLO_EXTRA) as readonly number[],
  /** Client Finished, the HTTP/2 preface and SETTINGS, and the first request's HEADERS (about 250 bytes of HPACK). */
  firstRequestH2: 470,
  /** A later HTTP/2 request: HEADERS mostly as HPACK indexes into the dynamic table, in a TLS record. */
  laterRequestH2: 110,
  /** Client Finished (EndOfEarlyData first) after a 0-RTT handshake. */
  clientFinished: 110,
  /** QUIC Initials with the ClientHello: about 1.8 kB of packets, so two datagrams, each padded to RFC 9000's 1200-byte minimum. */
  quicInitial: quicDatagrams(600 + HYBRID_CLIENT_HELLO_EXTRA, true) as readonly number[],
  /** Server's QUIC flight: Initial (ServerHello) and Handshake packets (the rest of TLS), within 3 × what the client sent (anti-amplification, RFC 9000 §8.1). */
  quicServerFlightFull: quicDatagrams(3072 + HYBRID_SERVER_HELLO_EXTRA, false) as readonly number[],
  /** Resumed QUIC: Initial + Handshake packets with no certificate. */
  quicServerFlightResumed: quicDatagrams(392 + HYBRID_SERVER_HELLO_EXTRA, false) as readonly number[],
  /** Client Handshake (Finished) coalesced with 1-RTT packets: SETTINGS, QPACK streams and the first request. */
  firstRequestH3: 400,
  /** A later HTTP/3 request in a 1-RTT packet (short header, QPACK HEADERS, 16-byte AEAD tag). */
  laterRequestH3: 100,
  /** Client Handshake packet (Finished) after a 0-RTT handshake. */
  quicClientFinished: 120,
  /** An acknowledgement (TCP ACK or QUIC ACK frame). */
  quicAck: 70,
} as const;

/** HTTP/2 or HTTP/3 response header bytes (HEADERS frame with :status, content-type, cache-control, ...). */
export const RESPONSE_HEADER_BYTES = 90;
/** Frame and TLS record overhead per 16 kB of body (9-byte frame header + 5-byte record header + 16-byte tag + 1). */
export const PER_16K_OVERHEAD = 31;

export type ResourceKind = "html" | "css" | "js" | "image";

export interface Subresource {
  readonly name: string;
  readonly kind: Exclude<ResourceKind, "html">;
  /** Body bytes (compressed, as sent). */
  readonly bytes: number;
  /** Offset in the HTML body where the tag naming it sits: the browser can request it once the HTML up to here has arrived. */
  readonly discoveredAt: number;
  /** RFC 9218 urgency, 0 (most urgent) to 7: what the server sends first. */
  readonly urgency: number;
  /** The browser will not paint before it has it (a stylesheet, a classic script in the head). */
  readonly blocksPaint: boolean;
}

/** The HTML document: body bytes as sent (compressed). */
export const HTML_BYTES = 30_000;

/** What the HTML names, in document order. */
export const SUBRESOURCES: readonly Subresource[] = [
  { name: "style.css", kind: "css", bytes: 20_000, discoveredAt: 900, urgency: 0, blocksPaint: true },
  { name: "app.js", kind: "js", bytes: 50_000, discoveredAt: 1_300, urgency: 1, blocksPaint: true },
  { name: "logo.svg", kind: "image", bytes: 4_000, discoveredAt: 3_000, urgency: 3, blocksPaint: false },
  { name: "hero.jpg", kind: "image", bytes: 80_000, discoveredAt: 6_000, urgency: 3, blocksPaint: false },
  { name: "photo.jpg", kind: "image", bytes: 40_000, discoveredAt: 18_000, urgency: 3, blocksPaint: false },
  { name: "chart.png", kind: "image", bytes: 25_000, discoveredAt: 26_000, urgency: 3, blocksPaint: false },
];

/** Bytes a response puts on the connection: headers, body, frame and record overhead. */
export function responseBytes(body: number): number {
  return RESPONSE_HEADER_BYTES + body + Math.ceil(body / 16_384) * PER_16K_OVERHEAD;
}

/** Serialisation time of `bytes` at `mbps` megabits per second, in ms. */
export function serialisationMs(bytes: number, mbps: number): number {
  return (bytes * 8) / (mbps * 1000);
}
