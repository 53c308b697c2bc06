/**
 * Reference solution for the router lab. Never shipped to learners.
 *
 * A datagram goes through the steps of the instructions in order: validate
 * (RFC 791 §3.1, RFC 1812 §5.2.2), own or unroutable destination, TTL
 * (RFC 1812 §5.3.1), longest-prefix match (RFC 4632 §5.1), neighbour check,
 * then forward with the checksum updated incrementally (RFC 1624 §3, eqn. 3)
 * or answer with an ICMP error (RFC 792) when RFC 1122 §3.2.2 allows one.
 */

/** One of the router's interfaces: its own address and the neighbours on its link. */
export interface Interface {
  readonly address: number;
  readonly neighbours: readonly number[];
}

/** A route: datagrams for `network/prefixLength` leave by `interface`, to `nextHop` (null: directly connected). */
export interface Route {
  readonly network: number;
  readonly prefixLength: number;
  readonly interface: number;
  readonly nextHop: number | null;
}

export interface RouterConfig {
  readonly interfaces: readonly Interface[];
  readonly routes: readonly Route[];
}

/** A datagram the router sends: out of `interface`, to the neighbour `nextHop`. */
export interface Output {
  readonly interface: number;
  readonly nextHop: number;
  readonly datagram: Uint8Array;
}

const ICMP = 1;
const DESTINATION_UNREACHABLE = 3;
const TIME_EXCEEDED = 11;
const NET_UNREACHABLE = 0;
const HOST_UNREACHABLE = 1;
const ICMP_ERROR_TYPES = [3, 4, 5, 11, 12];
/** RFC 792: the quote is the header plus the first 64 bits of data. */
const QUOTED_DATA = 8;
const ICMP_TTL = 64;
/** The first byte of 224.0.0.0: multicast, then reserved, then broadcast. */
const MULTICAST = 224;

/** Where a datagram goes next. */
interface Hop {
  readonly interface: number;
  readonly nextHop: number;
}

export class Router {
  private readonly interfaces: readonly Interface[];
  /** Most specific first, so the first match is the longest. */
  private readonly routes: readonly Route[];

  constructor(config: RouterConfig) {
    this.interfaces = config.interfaces;
    this.routes = [...config.routes].sort((a, b) => b.prefixLength - a.prefixLength);
  }

  /** What to send for one arriving datagram, or null to send nothing. */
  forward(datagram: Uint8Array): Output | null {
    const packet = validDatagram(datagram);
    if (packet === null) return null;
    const destination = read32(packet, 16);
    if (packet[16]! >= MULTICAST || this.interfaces.some((i) => i.address === destination)) return null;
    const ttl = packet[8]!;
    if (ttl <= 1) return this.icmpErrorAbout(packet, TIME_EXCEEDED, 0);
    const hop = this.resolve(destination);
    if (typeof hop === "number") return this.icmpErrorAbout(packet, DESTINATION_UNREACHABLE, hop);

    const out = packet.slice();
    out[8] = ttl - 1;
    // RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'), m the TTL/protocol word before, m' after.
    // The TTL is the word's high byte, so m' = m - 0x0100 and ~m + m' = 0xffff - 0x0100 = 0xfeff,
    // whatever m is. The sum has at most one carry to add back (end-around).
    const sum = (~read16(packet, 10) & 0xffff) + 0xfeff;
    write16(out, 10, ~(sum > 0xffff ? sum - 0xffff : sum));
    return { interface: hop.interface, nextHop: hop.nextHop, datagram: out };
  }

  /** The hop for `address`, or the Destination Unreachable code saying why there is none. */
  private resolve(address: number): Hop | number {
    const route = this.routes.find((r) => r.prefixLength === 0 || (address ^ r.network) >>> (32 - r.prefixLength) === 0);
    if (route === undefined) return NET_UNREACHABLE;
    if (route.nextHop !== null) return { interface: route.interface, nextHop: route.nextHop };
    if (!this.interfaces[route.interface]!.neighbours.includes(address)) return HOST_UNREACHABLE;
    return { interface: route.interface, nextHop: address };
  }

  /** An ICMP error about `packet` (as received), routed back to its source; null when none may be sent. */
  private icmpErrorAbout(packet: Uint8Array, type: number, code: number): Output | null {
    const source = read32(packet, 12);
    const headerLength = (packet[0]! & 0x0f) * 4;
    // RFC 1122 §3.2.2: not about a non-first fragment, an ICMP error, or a source that is no single host.
    if ((read16(packet, 6) & 0x1fff) !== 0) return null;
    if (packet[9] === ICMP && ICMP_ERROR_TYPES.includes(packet[headerLength]!)) return null;
    if (packet[12] === 0 || packet[12] === 127 || packet[12]! >= MULTICAST) return null;
    const hop = this.resolve(source);
    if (typeof hop === "number") return null;

    const quote = packet.subarray(0, Math.min(packet.length, headerLength + QUOTED_DATA));
    const message = new Uint8Array(28 + quote.length);
    message[0] = 0x45;
    write16(message, 2, message.length);
    message[8] = ICMP_TTL;
    message[9] = ICMP;
    write32(message, 12, this.interfaces[hop.interface]!.address);
    write32(message, 16, source);
    message[20] = type;
    message[21] = code;
    message.set(quote, 28);
    write16(message, 22, internetChecksum(message.subarray(20)));
    write16(message, 10, internetChecksum(message.subarray(0, 20)));
    return { interface: hop.interface, nextHop: hop.nextHop, datagram: message };
  }
}

/**
 * The datagram without link padding if its header is valid (RFC 1812 §5.2.2), else null.
 * IHL ≥ 5 and IHL × 4 ≤ Total Length ≤ the buffer also mean the buffer holds 20 bytes.
 */
function validDatagram(datagram: Uint8Array): Uint8Array | null {
  const ihl = datagram[0]! & 0x0f;
  const headerLength = ihl * 4;
  const total = read16(datagram, 2);
  if ((datagram[0]! & 0xf0) !== 0x40 || ihl < 5 || total < headerLength || total > datagram.length) return null;
  return internetChecksum(datagram.subarray(0, headerLength)) === 0 ? datagram.subarray(0, total) : null;
}

/** RFC 1071: the one's complement of the one's complement sum of 16-bit big-endian words. */
export function internetChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum -= 0xffff; // end-around carries: 0x10000 is worth 1
  return ~sum & 0xffff;
}

function read16(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 8) | bytes[at + 1]!;
}

function read32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

/** Big-endian; a Uint8Array keeps the low 8 bits of what is stored, so no masks are needed. */
function write16(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 8;
  bytes[at + 1] = value;
}

function write32(bytes: Uint8Array, at: number, value: number): void {
  write16(bytes, at, value >>> 16);
  write16(bytes, at + 2, value);
}
