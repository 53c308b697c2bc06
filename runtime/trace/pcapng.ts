/**
 * pcapng export, so a simulation's packets open in Wireshark or tshark.
 *
 * Layout follows the PCAP Next Generation Dump File Format, IETF
 * draft-ietf-opsawg-pcapng: one Section Header Block (§4.1), one Interface
 * Description Block (§4.2) and one Enhanced Packet Block (§4.3) per packet.
 * Every block is `type, total length, body, total length` (§3.1), padded to
 * 32 bits. We always write little-endian so output is identical on every host.
 */

/** A packet to write: virtual time in integer nanoseconds and its bytes. */
export interface PcapngPacket {
  /** Integer nanoseconds since the simulation started (written as epoch 0 + time). */
  readonly time: number;
  /** The packet, starting at the link-layer header of `linkType`. */
  readonly bytes: Uint8Array;
}

/** Options for {@link writePcapng}. */
export interface PcapngOptions {
  /**
   * Link-layer header type (tcpdump.org LINKTYPE_*): 101 = LINKTYPE_RAW
   * (raw IPv4 or IPv6, the default) or 228 = LINKTYPE_IPV4.
   */
  linkType?: 101 | 228;
  /** Interface name shown by Wireshark (`if_name`), default `"wirelab"`; `""` omits it. */
  interfaceName?: string;
  /**
   * Bytes kept per packet; longer packets are truncated (their original
   * length is still recorded). 0 means no limit. Default 262144.
   */
  snapLength?: number;
}

const SHB_TYPE = 0x0a0d0d0a;
const IDB_TYPE = 0x00000001;
const EPB_TYPE = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPT_ENDOFOPT = 0;
const OPT_IF_NAME = 2;
const OPT_IF_TSRESOL = 9;
// if_tsresol: high bit clear means a power of 10; 9 means nanoseconds (§4.2).
const TSRESOL_NANOSECONDS = 9;
const DEFAULT_SNAP_LENGTH = 262144;
const SHB_LENGTH = 28;
const EPB_OVERHEAD = 32;

/**
 * Writes packets as a pcapng file with a single interface.
 *
 * Timestamps are nanoseconds since the Unix epoch, so virtual time 0 shows
 * as 1970-01-01 00:00:00 in Wireshark and relative times read directly.
 *
 * @throws {RangeError} if a time is not a non-negative safe integer, or the
 *   options are invalid.
 * @example
 * ```ts
 * const file = writePcapng([{ time: 1_500_000, bytes: datagram }]);
 * // save `file` as capture.pcapng and open it in Wireshark
 * ```
 */
export function writePcapng(packets: Iterable<PcapngPacket>, options?: PcapngOptions): Uint8Array {
  const linkType = options?.linkType ?? 101;
  if (linkType !== 101 && linkType !== 228) {
    throw new RangeError(`pcapng linkType must be 101 (LINKTYPE_RAW) or 228 (LINKTYPE_IPV4), got ${linkType}`);
  }
  const snapLength = options?.snapLength ?? DEFAULT_SNAP_LENGTH;
  if (!(Number.isInteger(snapLength) && snapLength >= 0 && snapLength <= 0xffffffff)) {
    throw new RangeError(`pcapng snapLength must be an unsigned 32-bit integer, got ${snapLength}`);
  }
  const name = encodeUtf8(options?.interfaceName ?? "wirelab");
  if (name.length > 0xffff) throw new RangeError("pcapng interfaceName is longer than 65535 bytes");

  // Measure first so the file is one allocation; an iterable may be single-pass.
  const list = Array.isArray(packets) ? (packets as readonly PcapngPacket[]) : Array.from(packets);
  const nameOptionLength = name.length === 0 ? 0 : 4 + pad4(name.length);
  const idbLength = 16 + nameOptionLength + 8 + 4 + 4;
  let size = SHB_LENGTH + idbLength;
  for (const packet of list) size += EPB_OVERHEAD + pad4(capturedLength(packet.bytes.length, snapLength));

  const file = new Uint8Array(size);
  const view = new DataView(file.buffer);
  let at = 0;

  // Section Header Block (§4.1): no options; section length -1 = "not given".
  at = blockStart(view, at, SHB_TYPE, SHB_LENGTH);
  view.setUint32(at, BYTE_ORDER_MAGIC, true);
  view.setUint16(at + 4, 1, true); // major version
  view.setUint16(at + 6, 0, true); // minor version
  view.setInt32(at + 8, -1, true);
  view.setInt32(at + 12, -1, true);
  at = blockEnd(view, at + 16, SHB_LENGTH);

  // Interface Description Block (§4.2) with if_name, if_tsresol and opt_endofopt.
  at = blockStart(view, at, IDB_TYPE, idbLength);
  view.setUint16(at, linkType, true);
  view.setUint16(at + 2, 0, true); // reserved
  view.setUint32(at + 4, snapLength, true);
  at += 8;
  if (name.length > 0) {
    at = optionHeader(view, at, OPT_IF_NAME, name.length);
    file.set(name, at);
    at += pad4(name.length);
  }
  at = optionHeader(view, at, OPT_IF_TSRESOL, 1);
  view.setUint8(at, TSRESOL_NANOSECONDS);
  at += 4;
  at = optionHeader(view, at, OPT_ENDOFOPT, 0);
  at = blockEnd(view, at, idbLength);

  // One Enhanced Packet Block (§4.3) per packet, on interface 0, no options.
  for (const packet of list) {
    const time = packet.time;
    if (!(Number.isSafeInteger(time) && time >= 0)) {
      throw new RangeError(`pcapng packet time must be a non-negative integer number of nanoseconds, got ${time}`);
    }
    const captured = capturedLength(packet.bytes.length, snapLength);
    const length = EPB_OVERHEAD + pad4(captured);
    at = blockStart(view, at, EPB_TYPE, length);
    view.setUint32(at, 0, true); // interface ID
    // The 64-bit timestamp is split high word first; division keeps it exact past 2^32.
    view.setUint32(at + 4, Math.floor(time / 0x100000000), true);
    view.setUint32(at + 8, time % 0x100000000, true);
    view.setUint32(at + 12, captured, true);
    view.setUint32(at + 16, packet.bytes.length, true);
    file.set(captured === packet.bytes.length ? packet.bytes : packet.bytes.subarray(0, captured), at + 20);
    at = blockEnd(view, at + 20 + pad4(captured), length);
  }
  return file;
}

function capturedLength(length: number, snapLength: number): number {
  return snapLength === 0 ? length : Math.min(length, snapLength);
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** Writes a block's type and leading total length; returns the body offset. */
function blockStart(view: DataView, at: number, type: number, length: number): number {
  view.setUint32(at, type, true);
  view.setUint32(at + 4, length, true);
  return at + 8;
}

/** Writes a block's trailing total length; returns the next block's offset. */
function blockEnd(view: DataView, at: number, length: number): number {
  view.setUint32(at, length, true);
  return at + 4;
}

/** Writes an option's code and value length (§3.5); returns the value offset. */
function optionHeader(view: DataView, at: number, code: number, length: number): number {
  view.setUint16(at, code, true);
  view.setUint16(at + 2, length, true);
  return at + 4;
}

/** UTF-8 bytes of `text` (TextEncoder is a DOM/Node API, not ES2022). */
function encodeUtf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    let c = char.codePointAt(0) as number;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // a lone surrogate has no UTF-8 form
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(bytes);
}
