/**
 * IP fragmentation, computed here because Wirelab's routers do not fragment
 * (they drop what does not fit, as a router must for a DF packet). IPv4
 * follows RFC 791's procedure; IPv6 follows RFC 8200 (only the source
 * fragments, with an 8-byte Fragment header). Pure code (no DOM).
 */
import { emitIpv4, IP_PROTOCOL, IPV4_HEADER_LENGTH, type Ipv4Repr } from "#runtime/wire/ipv4.ts";

export const IPV6_HEADER_LENGTH = 40;
export const IPV6_FRAGMENT_HEADER_LENGTH = 8;
/** RFC 791: every internet module must be able to forward a 68-byte datagram unfragmented. */
export const IPV4_MIN_MTU = 68;
/** RFC 8200 §5: every link carrying IPv6 has an MTU of at least 1280 bytes. */
export const IPV6_MIN_MTU = 1280;

/** One fragment: which slice of the original payload it carries. */
export interface Fragment {
  /** Where its data starts in the original payload, in bytes. */
  readonly offsetBytes: number;
  /** The Fragment Offset field: offsetBytes / 8. */
  readonly offsetField: number;
  readonly moreFragments: boolean;
  readonly dataLength: number;
  /** The whole fragment on the wire, headers included. */
  readonly totalLength: number;
}

/**
 * Splits `payloadLength` bytes of data into fragments that fit `mtu` when
 * each carries `headerLength` bytes of headers. Every fragment but the last
 * carries a multiple of 8 bytes (the offset field counts 8-byte units) and
 * has More Fragments set.
 */
export function fragment(payloadLength: number, mtu: number, headerLength: number): Fragment[] {
  const perFragment = Math.floor((mtu - headerLength) / 8) * 8;
  if (perFragment < 8) throw new RangeError(`An MTU of ${mtu} leaves no room for 8 data bytes after ${headerLength} bytes of header`);
  const fragments: Fragment[] = [];
  let offset = 0;
  do {
    const dataLength = Math.min(perFragment, payloadLength - offset);
    const last = offset + dataLength >= payloadLength;
    fragments.push({ offsetBytes: offset, offsetField: offset / 8, moreFragments: !last, dataLength, totalLength: headerLength + dataLength });
    offset += dataLength;
  } while (offset < payloadLength);
  return fragments;
}

export type IpVersion = 4 | 6;

export interface FragmentPlan {
  readonly version: IpVersion;
  readonly mtu: number;
  readonly datagramLength: number;
  readonly payloadLength: number;
  readonly outcome:
    /** The datagram fits the link as it is. */
    | "fits"
    /** IPv4: a router split it. IPv6: the source split it. */
    | "fragmented"
    /** IPv4 with DF: the router drops it and reports the MTU (ICMP). */
    | "dropped-df"
    /** The MTU is below the version's minimum: not a valid link for it. */
    | "mtu-too-small";
  readonly fragments: readonly Fragment[];
}

/**
 * What happens to a datagram of `datagramLength` bytes (header included) on
 * a link whose MTU is `mtu`.
 */
export function planFragments(version: IpVersion, datagramLength: number, mtu: number, dontFragment: boolean): FragmentPlan {
  const header = version === 4 ? IPV4_HEADER_LENGTH : IPV6_HEADER_LENGTH;
  const payloadLength = datagramLength - header;
  if (payloadLength < 0) throw new RangeError(`A datagram is at least ${header} bytes (its header)`);
  const base = { version, mtu, datagramLength, payloadLength };
  if (mtu < (version === 4 ? IPV4_MIN_MTU : IPV6_MIN_MTU)) return { ...base, outcome: "mtu-too-small", fragments: [] };
  if (datagramLength <= mtu) {
    return { ...base, outcome: "fits", fragments: [{ offsetBytes: 0, offsetField: 0, moreFragments: false, dataLength: payloadLength, totalLength: datagramLength }] };
  }
  if (version === 4 && dontFragment) return { ...base, outcome: "dropped-df", fragments: [] };
  const perFragmentHeader = version === 4 ? IPV4_HEADER_LENGTH : IPV6_HEADER_LENGTH + IPV6_FRAGMENT_HEADER_LENGTH;
  return { ...base, outcome: "fragmented", fragments: fragment(payloadLength, mtu, perFragmentHeader) };
}

/**
 * The real IPv4 fragments of a datagram, built with the runtime's emitter:
 * each carries a copy of the header with its own Total Length, MF flag,
 * Fragment Offset and checksum.
 */
export function emitIpv4Fragments(repr: Ipv4Repr, payload: Uint8Array, mtu: number): Uint8Array[] {
  return fragment(payload.length, mtu, IPV4_HEADER_LENGTH).map((f) =>
    emitIpv4(
      { ...repr, moreFragments: f.moreFragments || repr.moreFragments, fragmentOffset: repr.fragmentOffset + f.offsetBytes },
      payload.subarray(f.offsetBytes, f.offsetBytes + f.dataLength),
    ),
  );
}

/** A sample datagram header for the simulation's hex view. */
export const SAMPLE_REPR: Ipv4Repr = {
  src: 0xc6336417, // 198.51.100.23
  dst: 0xcb00710a, // 203.0.113.10
  protocol: IP_PROTOCOL.UDP,
  ttl: 64,
  identification: 0x1c46,
  dscp: 0,
  ecn: 0,
  dontFragment: false,
  moreFragments: false,
  fragmentOffset: 0,
};
