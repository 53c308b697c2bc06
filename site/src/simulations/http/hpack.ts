/**
 * A small HPACK encoder (RFC 7541) for the header-compression simulation: a
 * teaching model, not the lab's solution. It uses three representations:
 * an indexed field (§6.1) when the whole field is in a table, a literal with
 * incremental indexing (§6.2.1) when the dynamic table is on, and a literal
 * without indexing (§6.2.2) when it is off. Credentials are never indexed
 * (§6.2.3, §7.1.3). Names are taken from a table when they can be; strings are
 * Huffman-coded (§5.2, Appendix B) when asked. A table size other than the
 * initial 4,096 bytes is announced by a size update (§6.3) that opens the first
 * block, as §4.2 requires after the peer's SETTINGS_HEADER_TABLE_SIZE.
 */
import { HUFFMAN_CODES } from "#labs/hpack/huffman-table.ts";
import { STATIC_TABLE } from "#labs/hpack/static-table.ts";
import type { Header } from "./hpack-requests.ts";

// The requests as text and their HTTP/1.1 size have a home of their own (hpack-requests.ts), free of the encoder,
// so the class edition and "Use my code" can read them without shipping it.
export { http1Size, parseRequests, type Header } from "./hpack-requests.ts";

/** RFC 7541 §4.1: an entry's size is its name and value lengths plus 32. */
export function entrySize(name: string, value: string): number {
  return utf8(name).length + utf8(value).length + 32;
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** §5.1: an integer with an N-bit prefix; `flags` fills the first byte's high bits. */
export function encodeInteger(value: number, prefixBits: number, flags: number): number[] {
  const max = (1 << prefixBits) - 1;
  if (value < max) return [flags | value];
  const out = [flags | max];
  let rest = value - max;
  while (rest >= 128) {
    out.push((rest % 128) + 128);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

/** Appendix B: the Huffman code of `bytes`, padded with the high bits of EOS (all ones). */
export function huffmanEncode(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    const [code, length] = HUFFMAN_CODES[byte]!;
    for (let i = length - 1; i >= 0; i--) {
      acc = (acc << 1) | (Math.floor(code / 2 ** i) & 1);
      bits++;
      if (bits === 8) {
        out.push(acc);
        acc = 0;
        bits = 0;
      }
    }
  }
  if (bits > 0) out.push((acc << (8 - bits)) | ((1 << (8 - bits)) - 1));
  return out;
}

/** §5.2: a string literal, raw or Huffman-coded (H bit set). */
export function encodeString(text: string, huffman: boolean): number[] {
  const bytes = utf8(text);
  if (!huffman) return [...encodeInteger(bytes.length, 7, 0), ...bytes];
  const coded = huffmanEncode(bytes);
  return [...encodeInteger(coded.length, 7, 0x80), ...coded];
}

export interface DynamicEntry {
  readonly name: string;
  readonly value: string;
  readonly size: number;
}

export type Representation = "indexed" | "literal-indexed-name" | "literal-new-name" | "size-update";

/** The table size both ends start with (RFC 9113 §6.5.2, SETTINGS_HEADER_TABLE_SIZE's initial value). */
export const INITIAL_TABLE_SIZE = 4096;

/**
 * Fields whose values are secrets an attacker could guess one byte at a time
 * if they shared a compression context (§7.1.3): sent as literals never
 * indexed (§6.2.3), so neither this table nor an intermediary's holds them.
 */
const NEVER_INDEXED = new Set(["authorization", "proxy-authorization"]);

/** How one field was encoded. */
export interface EncodedField {
  readonly name: string;
  readonly value: string;
  readonly representation: Representation;
  /** The table index used (whole field or name), if any. */
  readonly index: number | null;
  /** Whether the field was added to the dynamic table. */
  readonly added: boolean;
  /** Whether it was sent as a literal never indexed (§6.2.3). */
  readonly neverIndexed?: boolean;
  readonly bytes: number[];
}

export interface EncodedBlock {
  readonly fields: EncodedField[];
  readonly bytes: number[];
  /** The dynamic table after this block, newest first (index 62 first). */
  readonly table: DynamicEntry[];
  readonly tableSize: number;
  /** Entries evicted while encoding this block. */
  readonly evicted: number;
}

export interface EncoderOptions {
  /** Use the dynamic table (literal with incremental indexing); otherwise literals without indexing. */
  readonly dynamicTable: boolean;
  readonly huffman: boolean;
  /** SETTINGS_HEADER_TABLE_SIZE, bytes (default 4,096). */
  readonly maxTableSize?: number;
}

/** An encoder for one connection: its dynamic table lives across blocks. */
export class HpackEncoder {
  private table: DynamicEntry[] = [];
  private size = 0;
  /** Whether the first block, which announces a changed table size, is still to come. */
  private first = true;
  private readonly options: EncoderOptions;

  constructor(options: EncoderOptions) {
    this.options = options;
  }

  private find(name: string, value: string): { full: number | null; name: number | null } {
    let full: number | null = null;
    let nameOnly: number | null = null;
    STATIC_TABLE.forEach(([n, v], i) => {
      if (n !== name) return;
      if (v === value && full === null) full = i + 1;
      if (nameOnly === null) nameOnly = i + 1;
    });
    this.table.forEach((entry, i) => {
      if (entry.name !== name) return;
      if (entry.value === value && full === null) full = STATIC_TABLE.length + 1 + i;
      if (nameOnly === null) nameOnly = STATIC_TABLE.length + 1 + i;
    });
    return { full, name: nameOnly };
  }

  /** §4.4: add an entry, evicting the oldest until it fits. Returns how many were evicted. */
  private add(name: string, value: string): number {
    const max = this.options.maxTableSize ?? INITIAL_TABLE_SIZE;
    const size = entrySize(name, value);
    let evicted = 0;
    while (this.table.length > 0 && this.size + size > max) {
      this.size -= this.table.pop()!.size;
      evicted++;
    }
    if (size <= max) {
      this.table.unshift({ name, value, size });
      this.size += size;
    }
    return evicted;
  }

  encode(headers: readonly Header[]): EncodedBlock {
    const fields: EncodedField[] = [];
    const max = this.options.maxTableSize ?? INITIAL_TABLE_SIZE;
    if (this.first && max !== INITIAL_TABLE_SIZE) {
      // §6.3: pattern 001 with a 5-bit prefix, at the start of the block (§4.2).
      fields.push({ name: "table size update", value: String(max), representation: "size-update", index: null, added: false, bytes: encodeInteger(max, 5, 0x20) });
    }
    this.first = false;
    let evicted = 0;
    for (const [rawName, value] of headers) {
      const name = rawName.toLowerCase(); // HTTP/2 field names are lowercase (RFC 9113 §8.2.1)
      const neverIndexed = NEVER_INDEXED.has(name);
      const { full, name: nameIndex } = this.find(name, value);
      if (full !== null && !neverIndexed) {
        fields.push({ name, value, representation: "indexed", index: full, added: false, bytes: encodeInteger(full, 7, 0x80) });
        continue;
      }
      const { huffman } = this.options;
      const indexing = this.options.dynamicTable && !neverIndexed;
      // §6.2.1 pattern 01 with a 6-bit index; §6.2.2 pattern 0000 and §6.2.3 pattern 0001 with a 4-bit index.
      const [prefixBits, flags] = indexing ? [6, 0x40] : [4, neverIndexed ? 0x10 : 0x00];
      const head = nameIndex !== null ? encodeInteger(nameIndex, prefixBits, flags) : [flags, ...encodeString(name, huffman)];
      const bytes = [...head, ...encodeString(value, huffman)];
      if (indexing) evicted += this.add(name, value);
      fields.push({ name, value, representation: nameIndex !== null ? "literal-indexed-name" : "literal-new-name", index: nameIndex, added: indexing, neverIndexed, bytes });
    }
    return { fields, bytes: fields.flatMap((f) => f.bytes), table: [...this.table], tableSize: this.size, evicted };
  }
}
