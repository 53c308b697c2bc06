/**
 * Names every header field of a captured raw IPv4 packet, with the bytes it
 * occupies, for the packet view's field list and hex highlighting. Values
 * come from the runtime's own parsers (runtime/wire), which check lengths
 * and checksums; the offsets come from the header layouts in the RFCs:
 * IPv4 in RFC 791 §3.1, UDP in RFC 768, TCP in RFC 9293 §3.1 (options §3.2,
 * RFC 7323, RFC 2018).
 */
import { hexNumber as hex } from "#runtime/core/hex.ts";
import { formatIpv4Address } from "#runtime/wire/address.ts";
import { IP_PROTOCOL, parseIpv4, verifyIpv4Checksum, type ParsedIpv4 } from "#runtime/wire/ipv4.ts";
import { formatTcpFlags, parseTcp, type ParsedTcp } from "#runtime/wire/tcp.ts";
import { parseUdp, type ParsedUdp } from "#runtime/wire/udp.ts";

export type FieldLayer = "IPv4" | "UDP" | "TCP" | "Payload";

export interface PacketField {
  readonly layer: FieldLayer;
  readonly name: string;
  /** The value, for people: "10.0.0.1", "17 (UDP)", "0x1c46 (correct)". */
  readonly value: string;
  /** First byte of the field in the packet. */
  readonly offset: number;
  /** Bytes the field spans (fields that share a byte, like Version and IHL, both span it). */
  readonly length: number;
}

export interface PacketSummary {
  readonly source: string;
  readonly destination: string;
  readonly protocol: "UDP" | "TCP" | "IPv4" | "?";
  /** "TCP 80 → 5000 [ACK] seq=1 ack=1 len=0", "UDP 4000 → 4001 len=12". */
  readonly info: string;
}

const PROTOCOL_NAMES: Record<number, string> = { [IP_PROTOCOL.ICMP]: "ICMP", [IP_PROTOCOL.TCP]: "TCP", [IP_PROTOCOL.UDP]: "UDP" };


function u16(data: Uint8Array, at: number): number {
  return (data[at]! << 8) | data[at + 1]!;
}

/** Parses without checking checksums: a corrupted packet still shows its fields. */
function tryIpv4(data: Uint8Array): ParsedIpv4 | Error {
  try {
    return parseIpv4(data, { verifyChecksum: false });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** "correct", or the parser's complaint (which names the expected value). */
function checksumVerdict(check: () => unknown, field: string): string {
  try {
    check();
    return "correct";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message.includes(field) || /checksum/i.test(message) ? `wrong: ${message}` : "not checked";
  }
}

/** The header fields of a raw IPv4 packet (LINKTYPE_RAW / LINKTYPE_IPV4), in wire order. */
export function describePacket(data: Uint8Array): PacketField[] {
  const fields: PacketField[] = [];
  const ip = tryIpv4(data);
  if (ip instanceof Error) {
    if (data.length > 0) fields.push({ layer: "Payload", name: "Unparsed bytes", value: `not an IPv4 packet: ${ip.message}`, offset: 0, length: data.length });
    return fields;
  }
  const { repr, headerLength } = ip;
  const add = (layer: FieldLayer, name: string, value: string, offset: number, length: number) =>
    fields.push({ layer, name, value, offset, length });

  // RFC 791 §3.1.
  add("IPv4", "Version", "4", 0, 1);
  add("IPv4", "IHL", `${headerLength / 4} (${headerLength} bytes)`, 0, 1);
  add("IPv4", "DSCP", String(repr.dscp), 1, 1);
  add("IPv4", "ECN", String(repr.ecn), 1, 1);
  const totalLength = u16(data, 2);
  add("IPv4", "Total Length", `${totalLength}`, 2, 2);
  add("IPv4", "Identification", `${hex(repr.identification, 4)} (${repr.identification})`, 4, 2);
  const flags = [repr.dontFragment ? "DF" : "", repr.moreFragments ? "MF" : ""].filter(Boolean).join(", ");
  add("IPv4", "Flags", flags === "" ? "none" : flags, 6, 1);
  add("IPv4", "Fragment Offset", `${repr.fragmentOffset}`, 6, 2);
  add("IPv4", "Time to Live", String(repr.ttl), 8, 1);
  add("IPv4", "Protocol", `${repr.protocol} (${PROTOCOL_NAMES[repr.protocol] ?? "other"})`, 9, 1);
  add("IPv4", "Header Checksum", `${hex(u16(data, 10), 4)} (${verifyIpv4Checksum(data) ? "correct" : "wrong"})`, 10, 2);
  add("IPv4", "Source Address", formatIpv4Address(repr.src), 12, 4);
  add("IPv4", "Destination Address", formatIpv4Address(repr.dst), 16, 4);
  if (headerLength > 20) add("IPv4", "Options", `${headerLength - 20} bytes`, 20, headerLength - 20);

  const segment = ip.payload;
  const base = headerLength;
  let payloadStart = base;
  let payloadEnd = headerLength + segment.length;
  if (repr.protocol === IP_PROTOCOL.UDP) {
    const udp = tryParse(() => parseUdp(segment, repr.src, repr.dst, { verifyChecksum: false }));
    if (udp instanceof Error) {
      add("Payload", "Unparsed UDP bytes", udp.message, base, segment.length);
      return fields;
    }
    // RFC 768, "Format".
    add("UDP", "Source Port", String(udp.repr.srcPort), base, 2);
    add("UDP", "Destination Port", String(udp.repr.dstPort), base + 2, 2);
    add("UDP", "Length", `${u16(segment, 4)}`, base + 4, 2);
    const checksum = u16(segment, 6);
    add(
      "UDP",
      "Checksum",
      udp.checksumPresent ? `${hex(checksum, 4)} (${checksumVerdict(() => parseUdp(segment, repr.src, repr.dst), "udp.checksum")})` : "0x0000 (none)",
      base + 6,
      2,
    );
    payloadStart = base + 8;
    payloadEnd = payloadStart + udp.payload.length;
  } else if (repr.protocol === IP_PROTOCOL.TCP) {
    const tcp = tryParse(() => parseTcp(segment, repr.src, repr.dst, { verifyChecksum: false }));
    if (tcp instanceof Error) {
      add("Payload", "Unparsed TCP bytes", tcp.message, base, segment.length);
      return fields;
    }
    // RFC 9293 §3.1.
    const t = tcp.repr;
    const dataOffset = segment[12]! >>> 4;
    add("TCP", "Source Port", String(t.srcPort), base, 2);
    add("TCP", "Destination Port", String(t.dstPort), base + 2, 2);
    add("TCP", "Sequence Number", String(t.seq), base + 4, 4);
    add("TCP", "Acknowledgment Number", t.flags.ack ? String(t.ack) : `${t.ack} (ACK not set: ignored)`, base + 8, 4);
    add("TCP", "Data Offset", `${dataOffset} (${dataOffset * 4} bytes)`, base + 12, 1);
    add("TCP", "Flags", `${hex(segment[13]!, 2)} [${formatTcpFlags(t.flags)}]`, base + 13, 1);
    add("TCP", "Window", String(t.window), base + 14, 2);
    add("TCP", "Checksum", `${hex(u16(segment, 16), 4)} (${checksumVerdict(() => parseTcp(segment, repr.src, repr.dst), "tcp.checksum")})`, base + 16, 2);
    add("TCP", "Urgent Pointer", String(t.urgentPointer), base + 18, 2);
    for (const option of describeTcpOptions(segment, dataOffset * 4)) add("TCP", option.name, option.value, base + option.offset, option.length);
    payloadStart = base + dataOffset * 4;
  }
  const payload = data.subarray(payloadStart, payloadEnd);
  if (payload.length > 0) add("Payload", "Data", `${payload.length} bytes: ${preview(payload)}`, payloadStart, payload.length);
  if (data.length > totalLength) add("Payload", "Trailing bytes", `${data.length - totalLength} bytes after the IPv4 total length`, totalLength, data.length - totalLength);
  return fields;
}

function tryParse<T>(parse: () => T): T | Error {
  try {
    return parse();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** The options in bytes 20..end of a TCP header, each with its offset in the segment (RFC 9293 §3.2). */
function describeTcpOptions(segment: Uint8Array, end: number): { name: string; value: string; offset: number; length: number }[] {
  const out: { name: string; value: string; offset: number; length: number }[] = [];
  const u32 = (at: number) => ((segment[at]! << 24) | (segment[at + 1]! << 16) | (segment[at + 2]! << 8) | segment[at + 3]!) >>> 0;
  for (let i = 20; i < end; ) {
    const kind = segment[i]!;
    if (kind === 0) {
      out.push({ name: "Option: End of List", value: `padding, ${end - i} bytes`, offset: i, length: end - i });
      break;
    }
    if (kind === 1) {
      out.push({ name: "Option: No-Operation", value: "padding", offset: i, length: 1 });
      i++;
      continue;
    }
    const length = segment[i + 1] ?? 0;
    if (length < 2 || i + length > end) {
      out.push({ name: `Option kind ${kind}`, value: `malformed (length ${length})`, offset: i, length: end - i });
      break;
    }
    let name = `Option kind ${kind}`;
    let value = `${length - 2} data bytes`;
    if (kind === 2 && length === 4) [name, value] = ["Option: Maximum Segment Size", String(u16(segment, i + 2))];
    else if (kind === 3 && length === 3) [name, value] = ["Option: Window Scale", `shift ${segment[i + 2]} (×${2 ** segment[i + 2]!})`];
    else if (kind === 4 && length === 2) [name, value] = ["Option: SACK Permitted", "yes"];
    else if (kind === 5) {
      const blocks: string[] = [];
      for (let at = i + 2; at + 8 <= i + length; at += 8) blocks.push(`${u32(at)}-${u32(at + 4)}`);
      [name, value] = ["Option: SACK", blocks.join(", ")];
    } else if (kind === 8 && length === 10) [name, value] = ["Option: Timestamps", `TSval ${u32(i + 2)}, TSecr ${u32(i + 6)}`];
    out.push({ name, value, offset: i, length });
    i += length;
  }
  return out;
}

/** Printable ASCII of the first bytes, dots for the rest: `"hello.."`. */
function preview(bytes: Uint8Array, max = 24): string {
  let text = "";
  for (const byte of bytes.subarray(0, max)) text += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : ".";
  return `"${text}"${bytes.length > max ? "…" : ""}`;
}

/** The packet list's columns for one packet. */
export function summarizePacket(data: Uint8Array): PacketSummary {
  const ip = tryIpv4(data);
  if (ip instanceof Error) return { source: "?", destination: "?", protocol: "?", info: `not IPv4: ${ip.message}` };
  const src = formatIpv4Address(ip.repr.src);
  const dst = formatIpv4Address(ip.repr.dst);
  const badIp = verifyIpv4Checksum(data) ? "" : " [bad IPv4 checksum]";
  if (ip.repr.protocol === IP_PROTOCOL.UDP) {
    const udp = tryParse<ParsedUdp>(() => parseUdp(ip.payload, ip.repr.src, ip.repr.dst, { verifyChecksum: false }));
    if (!(udp instanceof Error)) {
      const bad = checksumVerdict(() => parseUdp(ip.payload, ip.repr.src, ip.repr.dst), "udp.checksum") === "correct" ? "" : " [bad checksum]";
      return {
        source: `${src}:${udp.repr.srcPort}`,
        destination: `${dst}:${udp.repr.dstPort}`,
        protocol: "UDP",
        info: `UDP ${udp.repr.srcPort} → ${udp.repr.dstPort} len=${udp.payload.length}${bad}${badIp}`,
      };
    }
  } else if (ip.repr.protocol === IP_PROTOCOL.TCP) {
    const tcp = tryParse<ParsedTcp>(() => parseTcp(ip.payload, ip.repr.src, ip.repr.dst, { verifyChecksum: false }));
    if (!(tcp instanceof Error)) {
      const t = tcp.repr;
      const bad = checksumVerdict(() => parseTcp(ip.payload, ip.repr.src, ip.repr.dst), "tcp.checksum") === "correct" ? "" : " [bad checksum]";
      const ack = t.flags.ack ? ` ack=${t.ack}` : "";
      return {
        source: `${src}:${t.srcPort}`,
        destination: `${dst}:${t.dstPort}`,
        protocol: "TCP",
        info: `TCP ${t.srcPort} → ${t.dstPort} [${formatTcpFlags(t.flags)}] seq=${t.seq}${ack} win=${t.window} len=${tcp.payload.length}${bad}${badIp}`,
      };
    }
  }
  const name = PROTOCOL_NAMES[ip.repr.protocol] ?? `protocol ${ip.repr.protocol}`;
  return { source: src, destination: dst, protocol: "IPv4", info: `${name}, ${ip.payload.length} bytes${badIp}` };
}
