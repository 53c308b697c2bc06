/**
 * An IPv4 router: forward datagrams hop by hop.
 *
 * Your Router gets one datagram at a time (the bytes of an IPv4 header and
 * its data, as they arrived on one of its interfaces) and decides what to
 * send: the datagram itself, one hop further, with its TTL decremented and
 * its checksum updated; or an ICMP error back to the sender; or nothing.
 *
 * The instructions pin every step; the stages there match the TODOs here.
 * Addresses are unsigned 32-bit numbers: 10.0.0.1 is 0x0a000001. JavaScript's
 * bitwise operators give SIGNED 32-bit results, so end with `>>> 0` where an
 * address must come out unsigned.
 */

/** One of the router's interfaces: its own address, and the neighbours (hosts and routers) on its link. */
export interface Interface {
  readonly address: number;
  readonly neighbours: readonly number[];
}

/**
 * A route: datagrams for `network/prefixLength` leave by `interface` and go
 * to `nextHop`, the next router; `nextHop` is null for a directly connected
 * network, where the datagram goes straight to its destination.
 */
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

/** A datagram the router sends: out of `interface` (an index into `interfaces`), to the neighbour `nextHop`. */
export interface Output {
  readonly interface: number;
  readonly nextHop: number;
  readonly datagram: Uint8Array;
}

export class Router {
  /** @param config the router's interfaces and routing table; no two routes share a prefix. */
  constructor(config: RouterConfig) {
    // TODO (stage 3): keep what forward() needs (a sorted copy of the routes? a trie?).
    void config;
  }

  /**
   * Handles one datagram that arrived on any interface.
   *
   * @param datagram the bytes as received (possibly with link padding after
   *   the total length); never change them.
   * @returns what to send (a new Uint8Array in `datagram`), or null to send nothing.
   */
  forward(datagram: Uint8Array): Output | null {
    // TODO (stage 1): validate the header; drop (null) anything invalid.
    // TODO (stage 2): decrement the TTL and update the checksum (RFC 1624).
    // TODO (stage 3): choose the route by longest-prefix match.
    // TODO (stage 4): ICMP Time Exceeded and Destination Unreachable, when allowed.
    void datagram;
    return null;
  }
}

/**
 * The Internet checksum (RFC 1071): the one's complement of the one's
 * complement sum of `bytes` as big-endian 16-bit words (an odd last byte is
 * padded with zero). Computed over a header whose checksum field is zero, it
 * is the value to write there; over a header as received, it is 0 when the
 * header is intact. Given: use it, or write your own.
 */
export function internetChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
