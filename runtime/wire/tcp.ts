/**
 * The TCP header (RFC 9293 §3.1):
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |       |C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 * |       |       |R|E|G|K|H|T|N|N|                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |         Urgent Pointer        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           [Options]                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * Data Offset is the header length in 32-bit words. The checksum covers an
 * IPv4 pseudo-header, the header and the data, and is mandatory.
 */
import { internetChecksum, onesComplementSum, pseudoHeaderSum, type ParseOptions } from "./checksum.ts";
import { checkField, hex, WireError } from "./errors.ts";
import { IP_PROTOCOL } from "./ipv4.ts";
import { measureOptions, readOptions, writeOptions, type TcpOption } from "./tcp-options.ts";

export { TCP_MAX_OPTIONS_LENGTH, type TcpOption } from "./tcp-options.ts";

/** Length of a TCP header without options, in bytes (Data Offset = 5). */
export const TCP_HEADER_LENGTH = 20;


/** The connection states of RFC 9293 §3.3.2, by their RFC names. */
export type TcpState =
  | "CLOSED"
  | "LISTEN"
  | "SYN-SENT"
  | "SYN-RECEIVED"
  | "ESTABLISHED"
  | "FIN-WAIT-1"
  | "FIN-WAIT-2"
  | "CLOSE-WAIT"
  | "CLOSING"
  | "LAST-ACK"
  | "TIME-WAIT";

/** The eight control bits of a TCP header (RFC 9293 §3.1; ECE and CWR from RFC 3168 §6.1). */
export interface TcpFlags {
  /** No more data from sender. */
  fin: boolean;
  /** Synchronize sequence numbers. */
  syn: boolean;
  /** Reset the connection. */
  rst: boolean;
  /** Push function: deliver buffered data to the application now. */
  psh: boolean;
  /** The Acknowledgment Number field is significant. */
  ack: boolean;
  /** The Urgent Pointer field is significant. */
  urg: boolean;
  /** ECN-Echo: congestion was experienced (RFC 3168). */
  ece: boolean;
  /** Congestion Window Reduced (RFC 3168). */
  cwr: boolean;
}


/** The fields of a TCP header. Data Offset and checksum are derived on emit. */
export interface TcpRepr {
  /** Source port, 0 to 65535. */
  srcPort: number;
  /** Destination port, 0 to 65535. */
  dstPort: number;
  /** Sequence number, unsigned 32-bit; emit takes it modulo 2^32. */
  seq: number;
  /** Acknowledgment number, unsigned 32-bit; emit takes it modulo 2^32. */
  ack: number;
  /** Control bits. */
  flags: TcpFlags;
  /** Receive window, 0 to 65535 (before any window scaling). */
  window: number;
  /** Urgent pointer, 0 to 65535. */
  urgentPointer: number;
  /** Options in the order they appear on the wire. */
  options: TcpOption[];
}

/** The result of {@link parseTcp}. */
export interface ParsedTcp {
  /** The header fields. */
  repr: TcpRepr;
  /** The data after the header: a view into the parsed bytes. */
  payload: Uint8Array;
}


// Control bits in byte 13, least significant first.
const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const PSH = 0x08;
const ACK = 0x10;
const URG = 0x20;
const ECE = 0x40;
const CWR = 0x80;

/**
 * Builds a {@link TcpFlags} with the named bits set and the rest clear.
 *
 * @example tcpFlags({ syn: true, ack: true })
 */
export function tcpFlags(set: Partial<TcpFlags> = {}): TcpFlags {
  return {
    fin: set.fin === true,
    syn: set.syn === true,
    rst: set.rst === true,
    psh: set.psh === true,
    ack: set.ack === true,
    urg: set.urg === true,
    ece: set.ece === true,
    cwr: set.cwr === true,
  };
}

/**
 * Names the set flags, comma-separated, in Wireshark's order (lowest bit
 * first): `"SYN,ACK"`, `"FIN,PSH,ACK"`. Returns `"none"` when no flag is set.
 */
export function formatTcpFlags(flags: TcpFlags): string {
  const names: string[] = [];
  if (flags.fin) names.push("FIN");
  if (flags.syn) names.push("SYN");
  if (flags.rst) names.push("RST");
  if (flags.psh) names.push("PSH");
  if (flags.ack) names.push("ACK");
  if (flags.urg) names.push("URG");
  if (flags.ece) names.push("ECE");
  if (flags.cwr) names.push("CWR");
  return names.length === 0 ? "none" : names.join(",");
}

/**
 * Builds a TCP segment: header, options padded with EOL (zero) bytes to a
 * multiple of 4, a copy of `payload`, and the checksum.
 *
 * @param srcAddr IPv4 source address, for the pseudo-header checksum.
 * @param dstAddr IPv4 destination address, for the pseudo-header checksum.
 * @throws {WireError} if a field is out of range, the options exceed 40 bytes,
 *   or the segment exceeds 65535 bytes.
 */
export function emitTcp(repr: TcpRepr, payload: Uint8Array, srcAddr: number, dstAddr: number): Uint8Array {
  checkField("tcp.srcPort", repr.srcPort, 0xffff);
  checkField("tcp.dstPort", repr.dstPort, 0xffff);
  checkField("tcp.window", repr.window, 0xffff);
  checkField("tcp.urgentPointer", repr.urgentPointer, 0xffff);
  const optionsLength = measureOptions(repr.options);
  const headerLength = TCP_HEADER_LENGTH + ((optionsLength + 3) & ~3);
  const length = headerLength + payload.length;
  if (length > 0xffff) {
    throw new WireError("tcp.length", `TCP segment length ${length} exceeds 65535 (payload is ${payload.length} bytes)`);
  }
  const segment = new Uint8Array(length);
  const view = new DataView(segment.buffer);
  view.setUint16(0, repr.srcPort);
  view.setUint16(2, repr.dstPort);
  view.setUint32(4, repr.seq >>> 0);
  view.setUint32(8, repr.ack >>> 0);
  segment[12] = (headerLength / 4) << 4;
  segment[13] = encodeFlags(repr.flags);
  view.setUint16(14, repr.window);
  view.setUint16(18, repr.urgentPointer);
  // New arrays are zeroed, so the padding after the last option is already EOL.
  writeOptions(repr.options, view, TCP_HEADER_LENGTH);
  segment.set(payload, headerLength);
  view.setUint16(16, internetChecksum(segment, pseudoHeaderSum(srcAddr, dstAddr, IP_PROTOCOL.TCP, length)));
  return segment;
}

function encodeFlags(flags: TcpFlags): number {
  return (
    (flags.fin ? FIN : 0) |
    (flags.syn ? SYN : 0) |
    (flags.rst ? RST : 0) |
    (flags.psh ? PSH : 0) |
    (flags.ack ? ACK : 0) |
    (flags.urg ? URG : 0) |
    (flags.ece ? ECE : 0) |
    (flags.cwr ? CWR : 0)
  );
}

/**
 * Parses a TCP segment (the whole payload of an IPv4 packet).
 *
 * @param srcAddr IPv4 source address, for the pseudo-header checksum.
 * @param dstAddr IPv4 destination address, for the pseudo-header checksum.
 * @param options `verifyChecksum` (default `true`) checks the checksum.
 * @throws {WireError} if the segment is truncated, Data Offset is below 5 or
 *   beyond the buffer, the checksum is wrong, or an option is malformed.
 */
export function parseTcp(bytes: Uint8Array, srcAddr: number, dstAddr: number, options?: ParseOptions): ParsedTcp {
  if (bytes.length < TCP_HEADER_LENGTH) {
    throw new WireError(
      "tcp.header",
      `TCP segment truncated: ${bytes.length} bytes is shorter than the ${TCP_HEADER_LENGTH}-byte minimum header`,
      bytes.length,
    );
  }
  if (bytes.length > 0xffff) {
    throw new WireError("tcp.length", `TCP segment length ${bytes.length} exceeds 65535`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataOffset = bytes[12] >>> 4;
  if (dataOffset < 5) {
    throw new WireError(
      "tcp.dataOffset",
      `TCP data offset is ${dataOffset} words, below the minimum of 5 words (20 bytes) (RFC 9293 §3.1)`,
      12,
    );
  }
  const headerLength = dataOffset * 4;
  if (headerLength > bytes.length) {
    throw new WireError(
      "tcp.dataOffset",
      `TCP data offset is ${dataOffset} words (${headerLength} bytes) but the segment is only ${bytes.length} bytes`,
      12,
    );
  }
  if (options?.verifyChecksum !== false) {
    const pseudo = pseudoHeaderSum(srcAddr, dstAddr, IP_PROTOCOL.TCP, bytes.length);
    if (onesComplementSum(bytes, 0, bytes.length, pseudo) !== 0xffff) {
      // Cold path: recompute what the sender should have written, skipping bytes 16-17.
      const expected = ~onesComplementSum(bytes, 0, 16, onesComplementSum(bytes, 18, bytes.length, pseudo)) & 0xffff;
      throw new WireError(
        "tcp.checksum",
        `TCP checksum mismatch (expected ${hex(expected, 4)}, found ${hex(view.getUint16(16), 4)})`,
        16,
      );
    }
  }
  const flagBits = bytes[13];
  const repr: TcpRepr = {
    srcPort: view.getUint16(0),
    dstPort: view.getUint16(2),
    seq: view.getUint32(4),
    ack: view.getUint32(8),
    flags: {
      fin: (flagBits & FIN) !== 0,
      syn: (flagBits & SYN) !== 0,
      rst: (flagBits & RST) !== 0,
      psh: (flagBits & PSH) !== 0,
      ack: (flagBits & ACK) !== 0,
      urg: (flagBits & URG) !== 0,
      ece: (flagBits & ECE) !== 0,
      cwr: (flagBits & CWR) !== 0,
    },
    window: view.getUint16(14),
    urgentPointer: view.getUint16(18),
    options: readOptions(bytes, view, headerLength),
  };
  return { repr, payload: bytes.subarray(headerLength) };
}
