/**
 * Errors raised by the wire layer. A failing parse or emit names the header
 * field at fault and, when bytes are involved, the byte offset where it sits,
 * so a learner can find the bad byte in a hex dump.
 */

/**
 * A header that cannot be parsed or emitted.
 *
 * @example
 * ```ts
 * try {
 *   parseIpv4(bytes);
 * } catch (error) {
 *   if (error instanceof WireError) console.log(error.field, error.offset);
 *   // "ipv4.checksum" 10
 * }
 * ```
 */
export class WireError extends Error {
  /** The header field at fault, as `protocol.field`, e.g. `"ipv4.checksum"`. */
  readonly field: string;
  /** Byte offset of the field from the start of the parsed buffer, if known. */
  readonly offset: number | undefined;

  /**
   * @param field The header field at fault, e.g. `"udp.length"`.
   * @param message What is wrong, e.g. `"UDP length 4 is below the 8-byte header"`.
   *   When `offset` is given, `" at byte <offset>"` is appended.
   * @param offset Byte offset of the field in the buffer being parsed.
   */
  constructor(field: string, message: string, offset?: number) {
    super(offset === undefined ? message : `${message} at byte ${offset}`);
    this.name = "WireError";
    this.field = field;
    this.offset = offset;
  }
}

/** Formats `value` as `0x` and `digits` hex digits for error messages (the runtime's one hex helper). */
export { hexNumber as hex } from "../core/hex.ts";

/**
 * Throws a {@link WireError} unless `value` is an integer from 0 to `max`.
 * Emitters call this so an out-of-range field fails loudly instead of being
 * silently truncated to its bit width.
 *
 * @param field The field being checked, e.g. `"ipv4.ttl"`.
 * @param value The value to check.
 * @param max The largest allowed value, e.g. `0xff` for an 8-bit field.
 */
export function checkField(field: string, value: number, max: number): void {
  if (!(Number.isInteger(value) && value >= 0 && value <= max)) {
    throw new WireError(field, `${field} must be an integer from 0 to ${max}, got ${value}`);
  }
}
