/**
 * Reads the pcapng files the runtime writes (runtime/trace/pcapng.ts):
 * Section Header Block, Interface Description Blocks, Enhanced Packet
 * Blocks (draft-ietf-opsawg-pcapng §4.1-§4.3), little-endian. Other block
 * types are skipped; a big-endian section or a broken block is an Error
 * that says which byte is wrong.
 */

export interface PcapngRecord {
  /** Timestamp in nanoseconds (the runtime writes virtual time since 0). */
  readonly timeNs: bigint;
  /** The captured bytes (a copy), starting at the link-layer header. */
  readonly data: Uint8Array;
  /** The packet's length on the wire (larger than `data` when the snap length cut it). */
  readonly originalLength: number;
  /** The interface's LINKTYPE_* (101 = raw IP, 228 = IPv4). */
  readonly linkType: number;
}

const SHB_TYPE = 0x0a0d0d0a;
const IDB_TYPE = 0x00000001;
const EPB_TYPE = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const BYTE_ORDER_MAGIC_SWAPPED = 0x4d3c2b1a;
const OPT_ENDOFOPT = 0;
const OPT_IF_TSRESOL = 9;

interface Interface {
  linkType: number;
  /** Timestamp units: 10^-exponent s (decimal) or 2^-exponent s (binary). */
  decimal: boolean;
  exponent: number;
}

/** The packets of a pcapng file, in file order. */
export function readPcapng(bytes: Uint8Array): PcapngRecord[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 28 || view.getUint32(0, true) !== SHB_TYPE) {
    throw new Error(
      bytes.length < 4
        ? `Not a pcapng file: only ${bytes.length} bytes`
        : `Not a pcapng file: it starts with 0x${hexWord(view.getUint32(0, false))}, not a Section Header Block (0x0a0d0d0a)`,
    );
  }
  const records: PcapngRecord[] = [];
  let interfaces: Interface[] = [];
  for (let at = 0; at < bytes.length; ) {
    if (at + 12 > bytes.length) throw new Error(`pcapng block at byte ${at} is truncated: ${bytes.length - at} bytes left, a block needs at least 12`);
    const type = view.getUint32(at, true);
    if (type === SHB_TYPE) {
      const magic = view.getUint32(at + 8, true);
      if (magic === BYTE_ORDER_MAGIC_SWAPPED) throw new Error(`pcapng section at byte ${at} is big-endian; only little-endian captures (as the runtime writes) are supported`);
      if (magic !== BYTE_ORDER_MAGIC) throw new Error(`pcapng section at byte ${at} has byte-order magic 0x${hexWord(magic)}, expected 0x1a2b3c4d`);
      interfaces = [];
    }
    const length = view.getUint32(at + 4, true);
    if (length < 12 || length % 4 !== 0) throw new Error(`pcapng block at byte ${at} has length ${length}: must be a multiple of 4 and at least 12`);
    if (at + length > bytes.length) throw new Error(`pcapng block at byte ${at} claims ${length} bytes but only ${bytes.length - at} are left`);
    const trailer = view.getUint32(at + length - 4, true);
    if (trailer !== length) throw new Error(`pcapng block at byte ${at}: leading length ${length} and trailing length ${trailer} differ`);
    const body = at + 8;
    const end = at + length - 4;
    if (type === IDB_TYPE) {
      interfaces.push(readInterface(view, body, end));
    } else if (type === EPB_TYPE) {
      if (end - body < 20) throw new Error(`pcapng Enhanced Packet Block at byte ${at} is too short (${length} bytes)`);
      const id = view.getUint32(body, true);
      const face = interfaces[id];
      if (face === undefined) throw new Error(`pcapng packet at byte ${at} names interface ${id}, but the section describes ${interfaces.length}`);
      const ticks = (BigInt(view.getUint32(body + 4, true)) << 32n) | BigInt(view.getUint32(body + 8, true));
      const captured = view.getUint32(body + 12, true);
      const originalLength = view.getUint32(body + 16, true);
      if (body + 20 + captured > end) throw new Error(`pcapng packet at byte ${at} claims ${captured} captured bytes, more than its block holds`);
      records.push({
        timeNs: toNanoseconds(ticks, face),
        data: bytes.slice(body + 20, body + 20 + captured),
        originalLength,
        linkType: face.linkType,
      });
    }
    at += length;
  }
  return records;
}

function readInterface(view: DataView, body: number, end: number): Interface {
  const face: Interface = { linkType: view.getUint16(body, true), decimal: true, exponent: 6 };
  // Options (§3.5): code, length, value padded to 32 bits.
  for (let at = body + 8; at + 4 <= end; ) {
    const code = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (code === OPT_ENDOFOPT) break;
    if (code === OPT_IF_TSRESOL && length >= 1) {
      const value = view.getUint8(at + 4);
      face.decimal = (value & 0x80) === 0;
      face.exponent = value & 0x7f;
    }
    at += 4 + ((length + 3) & ~3);
  }
  return face;
}

function toNanoseconds(ticks: bigint, face: Interface): bigint {
  if (face.decimal) {
    return face.exponent <= 9 ? ticks * 10n ** BigInt(9 - face.exponent) : ticks / 10n ** BigInt(face.exponent - 9);
  }
  return (ticks * 1_000_000_000n) >> BigInt(face.exponent);
}

function hexWord(value: number): string {
  return value.toString(16).padStart(8, "0");
}
