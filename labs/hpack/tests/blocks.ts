/**
 * Building header blocks by hand for the hidden tests (RFC 7541 §5, §6), so
 * that expected bytes never come from the code under test. Hidden tests
 * only (it encodes).
 */
import { hexOf, utf8 } from "./check.ts";
import { huffman } from "./oracle/huffman.ts";
import { encodeIntegerModel } from "./oracle/integer.ts";

/** An integer with an N-bit prefix and the flag bits above it (RFC 7541 §5.1). */
export const int = encodeIntegerModel;

/** A string literal (RFC 7541 §5.2), raw or Huffman. */
export function str(text: string, useHuffman = false): number[] {
  const body = useHuffman ? huffman(utf8(text)) : utf8(text);
  return [...int(body.length, 7, useHuffman ? 0x80 : 0), ...body];
}

/** An indexed field (§6.1). */
export const indexed = (index: number): string => hexOf(Uint8Array.from(int(index, 7, 0x80)));

/** A size update (§6.3). */
export const sizeUpdate = (size: number): string => hexOf(Uint8Array.from(int(size, 5, 0x20)));

const KINDS = { indexing: [6, 0x40], without: [4, 0x00], never: [4, 0x10] } as const;

/** A literal field (§6.2): `name` is a name index or a new name. */
export function literal(kind: keyof typeof KINDS, name: number | string, value: string, useHuffman = false): string {
  const [prefix, flags] = KINDS[kind];
  const bytes = typeof name === "number" ? int(name, prefix, flags) : [...int(0, prefix, flags), ...str(name, useHuffman)];
  return hexOf(Uint8Array.from([...bytes, ...str(value, useHuffman)]));
}
