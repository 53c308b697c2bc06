/**
 * TCP options (RFC 9293 §3.2): how they are measured, written and read.
 * Kinds and layouts: MSS (RFC 9293 §3.2), window scale and timestamps
 * (RFC 7323 §2 and §3), SACK-permitted and SACK (RFC 2018 §2, §3).
 */
import { checkField, WireError } from "./errors.ts";

/** Offset of the first option: right after the fixed 20-byte header. */
const OPTIONS_START = 20;

/** Most option bytes a header can carry: Data Offset is at most 15 words (60 bytes). */
export const TCP_MAX_OPTIONS_LENGTH = 40;

/**
 * A TCP option. Kinds and layouts: MSS (RFC 9293 §3.2), window scale and
 * timestamps (RFC 7323 §2 and §3), SACK-permitted and SACK (RFC 2018 §2, §3).
 * EOL and NOP are padding, not options: parsing skips them and emitting adds them.
 */
export type TcpOption =
  /** Maximum Segment Size (kind 2): the largest segment the sender can receive. */
  | { kind: "mss"; value: number }
  /** Window Scale (kind 3): window fields are shifted left by `shift` bits. */
  | { kind: "window-scale"; shift: number }
  /** SACK-Permitted (kind 4): selective acknowledgments may be used. */
  | { kind: "sack-permitted" }
  /** SACK (kind 5): blocks of received data as `[left edge, right edge)` sequence numbers. */
  | { kind: "sack"; blocks: [left: number, right: number][] }
  /** Timestamps (kind 8): TSval and TSecr. */
  | { kind: "timestamps"; value: number; echo: number }
  /** Any other kind, with its data bytes (everything after the length byte). */
  | { kind: "unknown"; type: number; data: Uint8Array };

// Option kinds (IANA "TCP Option Kind Numbers").
const OPT_EOL = 0;
const OPT_NOP = 1;
const OPT_MSS = 2;
const OPT_WINDOW_SCALE = 3;
const OPT_SACK_PERMITTED = 4;
const OPT_SACK = 5;
const OPT_TIMESTAMPS = 8;

/** Validates the options and returns their encoded length before padding. */
export function measureOptions(options: TcpOption[]): number {
  let length = 0;
  for (const option of options) {
    switch (option.kind) {
      case "mss":
        checkField("tcp.options.mss", option.value, 0xffff);
        length += 4;
        break;
      case "window-scale":
        checkField("tcp.options.window-scale", option.shift, 0xff);
        length += 3;
        break;
      case "sack-permitted":
        length += 2;
        break;
      case "sack":
        if (option.blocks.length < 1 || option.blocks.length > 4) {
          throw new WireError(
            "tcp.options.sack",
            `A TCP SACK option holds 1 to 4 blocks, got ${option.blocks.length} (RFC 2018 §3)`,
          );
        }
        length += 2 + 8 * option.blocks.length;
        break;
      case "timestamps":
        length += 10;
        break;
      case "unknown":
        checkField("tcp.options.unknown.type", option.type, 0xff);
        if (option.type === OPT_EOL || option.type === OPT_NOP) {
          throw new WireError(
            "tcp.options.unknown.type",
            `TCP option kind ${option.type} (${option.type === OPT_EOL ? "EOL" : "NOP"}) is padding and cannot carry data`,
          );
        }
        checkField("tcp.options.unknown.data.length", option.data.length, TCP_MAX_OPTIONS_LENGTH - 2);
        length += 2 + option.data.length;
        break;
    }
  }
  if (length > TCP_MAX_OPTIONS_LENGTH) {
    throw new WireError(
      "tcp.options",
      `TCP options take ${length} bytes, more than the ${TCP_MAX_OPTIONS_LENGTH} that fit in a header`,
    );
  }
  return length;
}

/** Writes already-validated options at `offset`. */
export function writeOptions(options: TcpOption[], view: DataView, offset: number): void {
  for (const option of options) {
    switch (option.kind) {
      case "mss":
        view.setUint8(offset, OPT_MSS);
        view.setUint8(offset + 1, 4);
        view.setUint16(offset + 2, option.value);
        offset += 4;
        break;
      case "window-scale":
        view.setUint8(offset, OPT_WINDOW_SCALE);
        view.setUint8(offset + 1, 3);
        view.setUint8(offset + 2, option.shift);
        offset += 3;
        break;
      case "sack-permitted":
        view.setUint8(offset, OPT_SACK_PERMITTED);
        view.setUint8(offset + 1, 2);
        offset += 2;
        break;
      case "sack":
        view.setUint8(offset, OPT_SACK);
        view.setUint8(offset + 1, 2 + 8 * option.blocks.length);
        offset += 2;
        for (const [left, right] of option.blocks) {
          view.setUint32(offset, left >>> 0);
          view.setUint32(offset + 4, right >>> 0);
          offset += 8;
        }
        break;
      case "timestamps":
        view.setUint8(offset, OPT_TIMESTAMPS);
        view.setUint8(offset + 1, 10);
        view.setUint32(offset + 2, option.value >>> 0);
        view.setUint32(offset + 6, option.echo >>> 0);
        offset += 10;
        break;
      case "unknown":
        view.setUint8(offset, option.type);
        view.setUint8(offset + 1, 2 + option.data.length);
        new Uint8Array(view.buffer, view.byteOffset + offset + 2, option.data.length).set(option.data);
        offset += 2 + option.data.length;
        break;
    }
  }
}

/** Parses the options in `bytes[20..end)`; offsets in errors are from the segment start. */
export function readOptions(bytes: Uint8Array, view: DataView, end: number): TcpOption[] {
  const options: TcpOption[] = [];
  let i = OPTIONS_START;
  while (i < end) {
    const kind = bytes[i];
    if (kind === OPT_EOL) break;
    if (kind === OPT_NOP) {
      i++;
      continue;
    }
    if (i + 1 >= end) {
      throw new WireError("tcp.options", `TCP option kind ${kind} has no length byte before the header ends`, i);
    }
    const length = bytes[i + 1];
    if (length < 2 || i + length > end) {
      throw new WireError(
        "tcp.options",
        `TCP option kind ${kind} has length ${length}, which ` +
          (length < 2 ? "is below the minimum of 2" : `runs past the end of the ${end}-byte header`),
        i + 1,
      );
    }
    switch (kind) {
      case OPT_MSS:
        expectOptionLength("mss", length, 4, i, "RFC 9293 §3.2");
        options.push({ kind: "mss", value: view.getUint16(i + 2) });
        break;
      case OPT_WINDOW_SCALE:
        expectOptionLength("window-scale", length, 3, i, "RFC 7323 §2.2");
        options.push({ kind: "window-scale", shift: bytes[i + 2] });
        break;
      case OPT_SACK_PERMITTED:
        expectOptionLength("sack-permitted", length, 2, i, "RFC 2018 §2");
        options.push({ kind: "sack-permitted" });
        break;
      case OPT_SACK: {
        if (length < 10 || (length - 2) % 8 !== 0) {
          throw new WireError(
            "tcp.options.sack",
            `TCP SACK option length is ${length}, expected 2 + 8 per block (10, 18, 26 or 34) (RFC 2018 §3)`,
            i + 1,
          );
        }
        const blocks: [number, number][] = [];
        for (let at = i + 2; at < i + length; at += 8) blocks.push([view.getUint32(at), view.getUint32(at + 4)]);
        options.push({ kind: "sack", blocks });
        break;
      }
      case OPT_TIMESTAMPS:
        expectOptionLength("timestamps", length, 10, i, "RFC 7323 §3.2");
        options.push({ kind: "timestamps", value: view.getUint32(i + 2), echo: view.getUint32(i + 6) });
        break;
      default:
        options.push({ kind: "unknown", type: kind, data: bytes.subarray(i + 2, i + length) });
    }
    i += length;
  }
  return options;
}

function expectOptionLength(name: string, length: number, expected: number, at: number, rfc: string): void {
  if (length !== expected) {
    throw new WireError(
      `tcp.options.${name}`,
      `TCP ${name} option length is ${length}, expected ${expected} (${rfc})`,
      at + 1,
    );
  }
}
