/**
 * HPACK, header compression for HTTP/2 (RFC 7541).
 *
 * Every HTTP/2 request and response carries its headers as a header block:
 * HPACK turns a header list into bytes and back, using a static table of
 * common fields, a dynamic table both ends build as they go, and a Huffman
 * code for strings. You will write it in stages, sans-I/O (bytes in, lists
 * out, in the style of Python's hpack library):
 *
 *   1. integers with an N-bit prefix       (RFC 7541 §5.1)
 *   2. the Huffman code                    (§5.2, Appendix B: the table is given below)
 *   3. string literals                     (§5.2)
 *   4. the dynamic table                   (§2.3, §4; the static table is given below)
 *   5. the decoder                         (§3, §6)
 *   6. the encoder                         (§6, with the policy in the instructions)
 *
 * Throw an Error (HpackError is there for that) on malformed input: the
 * tests accept any Error you throw on purpose (Error, RangeError, TypeError…),
 * but not a crash (an error the engine throws for you, like "Cannot read
 * properties of undefined") or a hang.
 */

/** Thrown for malformed input. */
export class HpackError extends Error {
  override name = "HpackError";
}

/** SETTINGS_HEADER_TABLE_SIZE's initial value (RFC 9113 §6.5.2). */
export const DEFAULT_TABLE_SIZE = 4096;

/** The largest integer a decoder accepts (lab limit; RFC 7541 §5.1 lets a decoder set one). */
export const MAX_INTEGER = 0x7fffffff;

/** A header field: a name and a value. */
export type Header = [name: string, value: string];

/** What Encoder.encode takes: a pair, or an object that can mark the field sensitive. */
export type HeaderInput =
  | readonly [name: string, value: string]
  | { readonly name: string; readonly value: string; readonly sensitive?: boolean };

// ---------------------------------------------------------------------------
// Stage 1: integers with an N-bit prefix (RFC 7541 §5.1)

/**
 * `value` with a `prefixBits`-bit prefix (1 to 8). `firstByteFlags` holds the
 * bits above the prefix (for example 0x80 for an indexed field).
 */
export function encodeInteger(value: number, prefixBits: number, firstByteFlags = 0): Uint8Array {
  // TODO (stage 1: §5.1 — fits in the prefix, or prefix of all ones then 7-bit groups)
  void value;
  void prefixBits;
  void firstByteFlags;
  throw new Error("not implemented");
}

/**
 * Reads an integer whose prefix is the low `prefixBits` bits of `bytes[offset]`;
 * `next` is the offset after it. Throws if the bytes end first, the value
 * passes MAX_INTEGER, or there are more than 5 continuation bytes (the lab's
 * limits). Beware: `<<` wraps at 32 bits (16 << 28 is 0).
 */
export function decodeInteger(bytes: Uint8Array, offset: number, prefixBits: number): { value: number; next: number } {
  // TODO (stage 1: §5.1 — the reverse; throw on truncation and past MAX_INTEGER)
  void bytes;
  void offset;
  void prefixBits;
  throw new Error("not implemented");
}

// ---------------------------------------------------------------------------
// Stage 2: Huffman code (RFC 7541 §5.2, Appendix B)

/** The Huffman code of `octets`, padded with ones to a whole byte. */
export function huffmanEncode(octets: Uint8Array): Uint8Array {
  // TODO (stage 2: each octet's code from HUFFMAN_CODES, bit by bit, then ones)
  void octets;
  throw new Error("not implemented");
}

/** The octets of a Huffman-coded string; throws on EOS, or padding that is not all ones or longer than 7 bits (8 is too long). */
export function huffmanDecode(bytes: Uint8Array): Uint8Array {
  // TODO (stage 2: walk the bits; check EOS and the padding at the end)
  void bytes;
  throw new Error("not implemented");
}

// ---------------------------------------------------------------------------
// Stage 3: string literals (RFC 7541 §5.2)

/** A string literal: H bit and a 7-bit prefix length, then the UTF-8 octets, raw or Huffman-coded. */
export function encodeString(value: string, huffman: boolean): Uint8Array {
  // TODO (stage 3: §5.2 — H bit, length (7-bit prefix), octets)
  void value;
  void huffman;
  throw new Error("not implemented");
}

/**
 * Reads a string literal at `offset`; `next` is the offset after it. The text
 * is the UTF-8 of the octets, unchanged: keep uppercase letters, and keep a
 * leading U+FEFF (new TextDecoder("utf-8", { ignoreBOM: true })).
 */
export function decodeString(bytes: Uint8Array, offset: number): { value: string; next: number } {
  // TODO (stage 3: §5.2 — the reverse; throw if the octets run out)
  void bytes;
  void offset;
  throw new Error("not implemented");
}

// ---------------------------------------------------------------------------
// Stage 4: the dynamic table (RFC 7541 §2.3.2, §4)

/** The dynamic table: newest entry first, oldest evicted first. */
export class DynamicTable {
  constructor(maxSize = DEFAULT_TABLE_SIZE) {
    // TODO (stage 4): keep the maximum size; start empty.
    // (`void x;` only keeps the compiler quiet about unused parameters: delete it when you use them.)
    void maxSize;
  }

  /** The table's maximum size in octets. */
  get maxSize(): number {
    throw new Error("not implemented");
  }

  /** The sum of the entries' sizes (name + value octets + 32 each). */
  get size(): number {
    throw new Error("not implemented");
  }

  /** The number of entries. */
  get length(): number {
    throw new Error("not implemented");
  }

  /** Adds an entry, evicting the oldest ones first to make room. */
  add(name: string, value: string): void {
    // TODO (stage 4: §4.4 — evict while size + new > maxSize; an entry larger than the table empties it)
    void name;
    void value;
    throw new Error("not implemented");
  }

  /** The entry at `index`: 0 is the newest (HPACK index 62). */
  get(index: number): Header {
    // TODO (stage 4: §2.3.3 — 0 is the newest entry)
    void index;
    throw new Error("not implemented");
  }

  /** Changes the maximum size, evicting the oldest entries until the table fits. */
  setMaxSize(maxSize: number): void {
    // TODO (stage 4: §4.3 — evict until the table fits)
    void maxSize;
    throw new Error("not implemented");
  }

  /** Copies of the entries, newest first. */
  entries(): Header[] {
    throw new Error("not implemented");
  }
}

// ---------------------------------------------------------------------------
// Stage 5: the decoder (RFC 7541 §3, §6)

/** Decodes header blocks; the table lives across blocks. */
export class Decoder {
  readonly table: DynamicTable;

  /** `maxTableSize`: the table's initial size, and the most a size update may ask for. */
  constructor(maxTableSize = DEFAULT_TABLE_SIZE) {
    this.table = new DynamicTable(maxTableSize);
  }

  /** The header list of one complete header block, in order, duplicates kept. */
  decode(block: Uint8Array): Header[] {
    // TODO (stage 5: §6 — read representations until the block ends)
    void block;
    throw new Error("not implemented");
  }
}

// ---------------------------------------------------------------------------
// Stage 6: the encoder (RFC 7541 §6, §4.2; policy in the instructions)

/** Encoder options. */
export interface EncodeOptions {
  /** Huffman-code every string literal (default true). */
  readonly huffman?: boolean;
}

/** Encodes header lists into header blocks. */
export class Encoder {
  readonly table: DynamicTable;

  constructor(maxTableSize = DEFAULT_TABLE_SIZE) {
    this.table = new DynamicTable(maxTableSize);
  }

  /** Changes the table size; the next block starts with the size update(s). */
  setMaxTableSize(maxSize: number): void {
    // TODO (stage 6: §4.2 — resize now, signal it at the start of the next block)
    void maxSize;
    throw new Error("not implemented");
  }

  /** One header block for `headers`, in order. */
  encode(headers: readonly HeaderInput[], options: EncodeOptions = {}): Uint8Array {
    // TODO (stage 6: the policy of the instructions)
    void headers;
    void options;
    throw new Error("not implemented");
  }
}

// ---------------------------------------------------------------------------
// Given data: RFC 7541 Appendix A and B (the same as labs/hpack/static-table.ts and huffman-table.ts)

/** `STATIC_TABLE[i - 1] = [name, value]` for HPACK index i. */
export const STATIC_TABLE: readonly (readonly [name: string, value: string])[] = [
  [":authority", ""], // 1
  [":method", "GET"], // 2
  [":method", "POST"], // 3
  [":path", "/"], // 4
  [":path", "/index.html"], // 5
  [":scheme", "http"], // 6
  [":scheme", "https"], // 7
  [":status", "200"], // 8
  [":status", "204"], // 9
  [":status", "206"], // 10
  [":status", "304"], // 11
  [":status", "400"], // 12
  [":status", "404"], // 13
  [":status", "500"], // 14
  ["accept-charset", ""], // 15
  ["accept-encoding", "gzip, deflate"], // 16
  ["accept-language", ""], // 17
  ["accept-ranges", ""], // 18
  ["accept", ""], // 19
  ["access-control-allow-origin", ""], // 20
  ["age", ""], // 21
  ["allow", ""], // 22
  ["authorization", ""], // 23
  ["cache-control", ""], // 24
  ["content-disposition", ""], // 25
  ["content-encoding", ""], // 26
  ["content-language", ""], // 27
  ["content-length", ""], // 28
  ["content-location", ""], // 29
  ["content-range", ""], // 30
  ["content-type", ""], // 31
  ["cookie", ""], // 32
  ["date", ""], // 33
  ["etag", ""], // 34
  ["expect", ""], // 35
  ["expires", ""], // 36
  ["from", ""], // 37
  ["host", ""], // 38
  ["if-match", ""], // 39
  ["if-modified-since", ""], // 40
  ["if-none-match", ""], // 41
  ["if-range", ""], // 42
  ["if-unmodified-since", ""], // 43
  ["last-modified", ""], // 44
  ["link", ""], // 45
  ["location", ""], // 46
  ["max-forwards", ""], // 47
  ["proxy-authenticate", ""], // 48
  ["proxy-authorization", ""], // 49
  ["range", ""], // 50
  ["referer", ""], // 51
  ["refresh", ""], // 52
  ["retry-after", ""], // 53
  ["server", ""], // 54
  ["set-cookie", ""], // 55
  ["strict-transport-security", ""], // 56
  ["transfer-encoding", ""], // 57
  ["user-agent", ""], // 58
  ["vary", ""], // 59
  ["via", ""], // 60
  ["www-authenticate", ""], // 61
];

/** `HUFFMAN_CODES[symbol] = [code, bits]`; the code is the low `bits` bits, most significant first. */
export const HUFFMAN_CODES: readonly (readonly [code: number, bits: number])[] = [
  [0x1ff8, 13], [0x7fffd8, 23], [0xfffffe2, 28], [0xfffffe3, 28], // 0–3
  [0xfffffe4, 28], [0xfffffe5, 28], [0xfffffe6, 28], [0xfffffe7, 28], // 4–7
  [0xfffffe8, 28], [0xffffea, 24], [0x3ffffffc, 30], [0xfffffe9, 28], // 8–11
  [0xfffffea, 28], [0x3ffffffd, 30], [0xfffffeb, 28], [0xfffffec, 28], // 12–15
  [0xfffffed, 28], [0xfffffee, 28], [0xfffffef, 28], [0xffffff0, 28], // 16–19
  [0xffffff1, 28], [0xffffff2, 28], [0x3ffffffe, 30], [0xffffff3, 28], // 20–23
  [0xffffff4, 28], [0xffffff5, 28], [0xffffff6, 28], [0xffffff7, 28], // 24–27
  [0xffffff8, 28], [0xffffff9, 28], [0xffffffa, 28], [0xffffffb, 28], // 28–31
  [0x14, 6], [0x3f8, 10], [0x3f9, 10], [0xffa, 12], // 32–35
  [0x1ff9, 13], [0x15, 6], [0xf8, 8], [0x7fa, 11], // 36–39
  [0x3fa, 10], [0x3fb, 10], [0xf9, 8], [0x7fb, 11], // 40–43
  [0xfa, 8], [0x16, 6], [0x17, 6], [0x18, 6], // 44–47
  [0x0, 5], [0x1, 5], [0x2, 5], [0x19, 6], // 48–51
  [0x1a, 6], [0x1b, 6], [0x1c, 6], [0x1d, 6], // 52–55
  [0x1e, 6], [0x1f, 6], [0x5c, 7], [0xfb, 8], // 56–59
  [0x7ffc, 15], [0x20, 6], [0xffb, 12], [0x3fc, 10], // 60–63
  [0x1ffa, 13], [0x21, 6], [0x5d, 7], [0x5e, 7], // 64–67
  [0x5f, 7], [0x60, 7], [0x61, 7], [0x62, 7], // 68–71
  [0x63, 7], [0x64, 7], [0x65, 7], [0x66, 7], // 72–75
  [0x67, 7], [0x68, 7], [0x69, 7], [0x6a, 7], // 76–79
  [0x6b, 7], [0x6c, 7], [0x6d, 7], [0x6e, 7], // 80–83
  [0x6f, 7], [0x70, 7], [0x71, 7], [0x72, 7], // 84–87
  [0xfc, 8], [0x73, 7], [0xfd, 8], [0x1ffb, 13], // 88–91
  [0x7fff0, 19], [0x1ffc, 13], [0x3ffc, 14], [0x22, 6], // 92–95
  [0x7ffd, 15], [0x3, 5], [0x23, 6], [0x4, 5], // 96–99
  [0x24, 6], [0x5, 5], [0x25, 6], [0x26, 6], // 100–103
  [0x27, 6], [0x6, 5], [0x74, 7], [0x75, 7], // 104–107
  [0x28, 6], [0x29, 6], [0x2a, 6], [0x7, 5], // 108–111
  [0x2b, 6], [0x76, 7], [0x2c, 6], [0x8, 5], // 112–115
  [0x9, 5], [0x2d, 6], [0x77, 7], [0x78, 7], // 116–119
  [0x79, 7], [0x7a, 7], [0x7b, 7], [0x7ffe, 15], // 120–123
  [0x7fc, 11], [0x3ffd, 14], [0x1ffd, 13], [0xffffffc, 28], // 124–127
  [0xfffe6, 20], [0x3fffd2, 22], [0xfffe7, 20], [0xfffe8, 20], // 128–131
  [0x3fffd3, 22], [0x3fffd4, 22], [0x3fffd5, 22], [0x7fffd9, 23], // 132–135
  [0x3fffd6, 22], [0x7fffda, 23], [0x7fffdb, 23], [0x7fffdc, 23], // 136–139
  [0x7fffdd, 23], [0x7fffde, 23], [0xffffeb, 24], [0x7fffdf, 23], // 140–143
  [0xffffec, 24], [0xffffed, 24], [0x3fffd7, 22], [0x7fffe0, 23], // 144–147
  [0xffffee, 24], [0x7fffe1, 23], [0x7fffe2, 23], [0x7fffe3, 23], // 148–151
  [0x7fffe4, 23], [0x1fffdc, 21], [0x3fffd8, 22], [0x7fffe5, 23], // 152–155
  [0x3fffd9, 22], [0x7fffe6, 23], [0x7fffe7, 23], [0xffffef, 24], // 156–159
  [0x3fffda, 22], [0x1fffdd, 21], [0xfffe9, 20], [0x3fffdb, 22], // 160–163
  [0x3fffdc, 22], [0x7fffe8, 23], [0x7fffe9, 23], [0x1fffde, 21], // 164–167
  [0x7fffea, 23], [0x3fffdd, 22], [0x3fffde, 22], [0xfffff0, 24], // 168–171
  [0x1fffdf, 21], [0x3fffdf, 22], [0x7fffeb, 23], [0x7fffec, 23], // 172–175
  [0x1fffe0, 21], [0x1fffe1, 21], [0x3fffe0, 22], [0x1fffe2, 21], // 176–179
  [0x7fffed, 23], [0x3fffe1, 22], [0x7fffee, 23], [0x7fffef, 23], // 180–183
  [0xfffea, 20], [0x3fffe2, 22], [0x3fffe3, 22], [0x3fffe4, 22], // 184–187
  [0x7ffff0, 23], [0x3fffe5, 22], [0x3fffe6, 22], [0x7ffff1, 23], // 188–191
  [0x3ffffe0, 26], [0x3ffffe1, 26], [0xfffeb, 20], [0x7fff1, 19], // 192–195
  [0x3fffe7, 22], [0x7ffff2, 23], [0x3fffe8, 22], [0x1ffffec, 25], // 196–199
  [0x3ffffe2, 26], [0x3ffffe3, 26], [0x3ffffe4, 26], [0x7ffffde, 27], // 200–203
  [0x7ffffdf, 27], [0x3ffffe5, 26], [0xfffff1, 24], [0x1ffffed, 25], // 204–207
  [0x7fff2, 19], [0x1fffe3, 21], [0x3ffffe6, 26], [0x7ffffe0, 27], // 208–211
  [0x7ffffe1, 27], [0x3ffffe7, 26], [0x7ffffe2, 27], [0xfffff2, 24], // 212–215
  [0x1fffe4, 21], [0x1fffe5, 21], [0x3ffffe8, 26], [0x3ffffe9, 26], // 216–219
  [0xffffffd, 28], [0x7ffffe3, 27], [0x7ffffe4, 27], [0x7ffffe5, 27], // 220–223
  [0xfffec, 20], [0xfffff3, 24], [0xfffed, 20], [0x1fffe6, 21], // 224–227
  [0x3fffe9, 22], [0x1fffe7, 21], [0x1fffe8, 21], [0x7ffff3, 23], // 228–231
  [0x3fffea, 22], [0x3fffeb, 22], [0x1ffffee, 25], [0x1ffffef, 25], // 232–235
  [0xfffff4, 24], [0xfffff5, 24], [0x3ffffea, 26], [0x7ffff4, 23], // 236–239
  [0x3ffffeb, 26], [0x7ffffe6, 27], [0x3ffffec, 26], [0x3ffffed, 26], // 240–243
  [0x7ffffe7, 27], [0x7ffffe8, 27], [0x7ffffe9, 27], [0x7ffffea, 27], // 244–247
  [0x7ffffeb, 27], [0xffffffe, 28], [0x7ffffec, 27], [0x7ffffed, 27], // 248–251
  [0x7ffffee, 27], [0x7ffffef, 27], [0x7fffff0, 27], [0x3ffffee, 26], // 252–255
  [0x3fffffff, 30], // 256
];

/** The end-of-string symbol (RFC 7541 §5.2): 30 one bits, never valid inside a string. */
export const EOS = 256;
