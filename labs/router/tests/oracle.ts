/**
 * The tests' own router: an independent model of the lab's contract, built
 * on the runtime's wire formats (parseIpv4, emitIpv4, emitIcmp) and its
 * RoutingTable, never on solution.ts. It recomputes the header checksum in
 * full, which is what RFC 1624's incremental update must agree with. Hidden
 * tests only (issue 17: no answer in the public tests or the harness).
 */
import { RoutingTable } from "#runtime/net/routing-table.ts";
import { formatIpv4Address } from "#runtime/wire/address.ts";
import { internetChecksum } from "#runtime/wire/checksum.ts";
import { WireError } from "#runtime/wire/errors.ts";
import {
  emitIcmp,
  ICMP_QUOTED_DATA_BYTES,
  ICMP_ROUTER_ERROR_MAX_DATAGRAM,
  ICMP_TIME_EXCEEDED_CODE,
  ICMP_TYPE,
  ICMP_UNREACHABLE_CODE,
  isIcmpError,
} from "#runtime/wire/icmp.ts";
import { emitIpv4, IP_PROTOCOL, IPV4_HEADER_LENGTH, parseIpv4 } from "#runtime/wire/ipv4.ts";
import type { RouterConfigValue } from "../topology.ts";

/** Lab contract: the TTL of the router's own ICMP messages. */
export const ICMP_MESSAGE_TTL = 64;

/** The two quotes the lab accepts: RFC 792's header + 8 bytes, or RFC 1812 §4.3.2.3's up to 576 bytes in all. */
export type QuotePolicy = "rfc792" | "rfc1812";

export interface OracleOutput {
  readonly interface: number;
  readonly nextHop: number;
  readonly datagram: Uint8Array;
}

/** What the router must do with one datagram, and why, in words for a failure message. */
export interface Verdict {
  readonly output: OracleOutput | null;
  readonly why: string;
}

type Hop = { readonly interface: number; readonly nextHop: number } | { readonly code: number; readonly why: string };

export class OracleRouter {
  private readonly config: RouterConfigValue;
  private readonly table = new RoutingTable<number>();
  private readonly policy: QuotePolicy;

  constructor(config: RouterConfigValue, policy: QuotePolicy = "rfc792") {
    this.config = config;
    this.policy = policy;
    config.routes.forEach((route, index) => this.table.add(`${formatIpv4Address(route.network)}/${route.prefixLength}`, index));
  }

  forward(datagram: Uint8Array): Verdict {
    let ip;
    try {
      ip = parseIpv4(datagram);
    } catch (error) {
      if (!(error instanceof WireError)) throw error;
      return { output: null, why: `drop it silently: the header is invalid (${error.message}; RFC 1812 §5.2.2)` };
    }
    const { repr, headerLength } = ip;
    const total = headerLength + ip.payload.length;
    const packet = datagram.subarray(0, total);
    if (this.config.interfaces.some((i) => i.address === repr.dst)) {
      return { output: null, why: `send nothing: ${formatIpv4Address(repr.dst)} is the router's own address (delivered locally)` };
    }
    if (repr.dst >= 0xe0000000) {
      return { output: null, why: `send nothing: ${formatIpv4Address(repr.dst)} is multicast, reserved or broadcast (224.0.0.0 and up), never forwarded` };
    }
    if (repr.ttl <= 1) return this.error(packet, ICMP_TYPE.TIME_EXCEEDED, ICMP_TIME_EXCEEDED_CODE.TTL, `TTL ${repr.ttl} would reach 0 (RFC 1812 §5.3.1)`);
    const hop = this.resolve(repr.dst);
    if ("code" in hop) return this.error(packet, ICMP_TYPE.DESTINATION_UNREACHABLE, hop.code, hop.why);

    const out = packet.slice();
    out[8] = repr.ttl - 1;
    out[10] = 0;
    out[11] = 0;
    const checksum = internetChecksum(out.subarray(0, headerLength));
    out[10] = checksum >> 8;
    out[11] = checksum & 0xff;
    return {
      output: { ...hop, datagram: out },
      why: `forward it on interface ${hop.interface} to ${formatIpv4Address(hop.nextHop)} with TTL ${repr.ttl - 1}`,
    };
  }

  private resolve(address: number): Hop {
    const index = this.table.lookup(address);
    if (index === undefined) {
      return { code: ICMP_UNREACHABLE_CODE.NET, why: `no route matches ${formatIpv4Address(address)} (net unreachable, RFC 792)` };
    }
    const route = this.config.routes[index]!;
    if (route.nextHop !== null) return { interface: route.interface, nextHop: route.nextHop };
    if (!this.config.interfaces[route.interface]!.neighbours.includes(address)) {
      return {
        code: ICMP_UNREACHABLE_CODE.HOST,
        why: `${formatIpv4Address(address)} is on the directly connected ${formatIpv4Address(route.network)}/${route.prefixLength} but is no neighbour there (host unreachable)`,
      };
    }
    return { interface: route.interface, nextHop: address };
  }

  private error(packet: Uint8Array, type: number, code: number, cause: string): Verdict {
    const ip = parseIpv4(packet);
    const what = `${type === ICMP_TYPE.TIME_EXCEEDED ? "Time Exceeded" : "Destination Unreachable"} (type ${type} code ${code})`;
    const silent = (reason: string): Verdict => ({ output: null, why: `send nothing: ${cause}, but no ICMP error may be sent: ${reason}` });
    if (ip.repr.fragmentOffset !== 0) return silent(`it is not the first fragment (offset ${ip.repr.fragmentOffset}; RFC 1122 §3.2.2)`);
    if (ip.repr.protocol === IP_PROTOCOL.ICMP && ip.payload.length > 0 && isIcmpError(ip.payload[0]!)) {
      return silent(`it carries an ICMP error (type ${ip.payload[0]}; RFC 1122 §3.2.2)`);
    }
    const first = ip.repr.src >>> 24;
    if (first === 0 || first === 127 || first >= 224) {
      return silent(`its source ${formatIpv4Address(ip.repr.src)} is no single host (RFC 1122 §3.2.2)`);
    }
    const hop = this.resolve(ip.repr.src);
    if ("code" in hop) return silent(`the error could not be sent back: ${hop.why}`);
    const quoteLength =
      this.policy === "rfc792"
        ? Math.min(packet.length, ip.headerLength + ICMP_QUOTED_DATA_BYTES)
        : Math.min(packet.length, ICMP_ROUTER_ERROR_MAX_DATAGRAM - IPV4_HEADER_LENGTH - 8);
    const icmp = emitIcmp({ type, code, rest: 0 }, packet.subarray(0, quoteLength));
    const datagram = emitIpv4(
      {
        src: this.config.interfaces[hop.interface]!.address,
        dst: ip.repr.src,
        protocol: IP_PROTOCOL.ICMP,
        ttl: ICMP_MESSAGE_TTL,
        identification: 0,
        dscp: 0,
        ecn: 0,
        dontFragment: false,
        moreFragments: false,
        fragmentOffset: 0,
      },
      icmp,
    );
    return {
      output: { ...hop, datagram },
      why: `send ICMP ${what} to ${formatIpv4Address(ip.repr.src)} on interface ${hop.interface}, because ${cause}`,
    };
  }
}
