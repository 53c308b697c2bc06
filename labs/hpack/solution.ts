/**
 * HPACK, header compression for HTTP/2 (RFC 7541): the reference solution.
 *
 * Sans-I/O, in the style of Python's hpack library: bytes in, header lists
 * out, and the other way round. Nothing here reads a socket; the caller
 * carries header blocks wherever it likes.
 */

/** Thrown for malformed input (a decoding error, RFC 7541 §2.3.3, §5.1, §5.2, §4.2). */
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

const utf8 = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF in the string; a plain TextDecoder would drop it.
const fromUtf8 = new TextDecoder("utf-8", { ignoreBOM: true });

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Stage 1: integers with an N-bit prefix (RFC 7541 §5.1)

/**
 * `value` with a `prefixBits`-bit prefix (1 to 8). `firstByteFlags` holds the
 * bits above the prefix (for example 0x80 for an indexed field).
 */
export function encodeInteger(value: number, prefixBits: number, firstByteFlags = 0): Uint8Array {
  const max = (1 << prefixBits) - 1;
  // A value that fills the prefix (max itself too) continues in the next bytes.
  if (value < max) return Uint8Array.of(firstByteFlags | value);
  const bytes = [firstByteFlags | max];
  let rest = value - max;
  while (rest >= 128) {
    bytes.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Uint8Array.from(bytes);
}

/** Reads an integer whose prefix is the low `prefixBits` bits of `bytes[offset]`; `next` is the offset after it. */
export function decodeInteger(bytes: Uint8Array, offset: number, prefixBits: number): { value: number; next: number } {
  if (offset >= bytes.length) throw new HpackError(`truncated integer starting at byte ${offset}`);
  const max = (1 << prefixBits) - 1;
  let value = bytes[offset]! & max;
  let next = offset + 1;
  if (value < max) return { value, next };
  let factor = 1;
  // Five continuation bytes reach past 2^31; a sixth can only pad or overflow.
  for (let count = 0; count < 5; count++) {
    if (next >= bytes.length) throw new HpackError(`truncated integer starting at byte ${offset}`);
    const byte = bytes[next++]!;
    value += (byte & 0x7f) * factor;
    if (value > MAX_INTEGER) throw new HpackError(`integer starting at byte ${offset} is over ${MAX_INTEGER}`);
    if ((byte & 0x80) === 0) return { value, next };
    factor *= 128;
  }
  throw new HpackError(`integer starting at byte ${offset} has too many continuation bytes`);
}

// ---------------------------------------------------------------------------
// Stage 2: Huffman code (RFC 7541 §5.2, Appendix B)

/** The Huffman code of `octets`, padded with the most significant bits of EOS (ones). */
export function huffmanEncode(octets: Uint8Array): Uint8Array {
  const out: number[] = [];
  let current = 0;
  let bits = 0;
  for (const octet of octets) {
    const [code, length] = HUFFMAN_CODES[octet]!;
    for (let i = length - 1; i >= 0; i--) {
      current = (current << 1) | ((code >>> i) & 1);
      if (++bits === 8) {
        out.push(current);
        current = 0;
        bits = 0;
      }
    }
  }
  if (bits > 0) out.push((current << (8 - bits)) | (0xff >> bits));
  return Uint8Array.from(out);
}

interface HuffmanNode {
  symbol: number;
  children: [HuffmanNode | undefined, HuffmanNode | undefined];
}

let huffmanRoot: HuffmanNode | undefined;

/** The code as a binary tree, built on first use (the table is defined at the end of the file). */
function huffmanTree(): HuffmanNode {
  return (huffmanRoot ??= buildHuffmanTree());
}

function buildHuffmanTree(): HuffmanNode {
  const root: HuffmanNode = { symbol: -1, children: [undefined, undefined] };
  HUFFMAN_CODES.forEach(([code, length], symbol) => {
    let node = root;
    for (let i = length - 1; i >= 0; i--) {
      const bit = (code >>> i) & 1;
      node = node.children[bit] ??= { symbol: -1, children: [undefined, undefined] };
    }
    node.symbol = symbol;
  });
  return root;
}

/** The octets of a Huffman-coded string; throws on EOS, or padding that is too long or not all ones. */
export function huffmanDecode(bytes: Uint8Array): Uint8Array {
  const root = huffmanTree();
  const out: number[] = [];
  let node = root;
  let pending = 0; // bits read since the last symbol
  let allOnes = true;
  for (let at = 0; at < bytes.length; at++) {
    const byte = bytes[at]!;
    for (let i = 7; i >= 0; i--) {
      const bit = (byte >> i) & 1;
      const child = node.children[bit];
      if (child === undefined) throw new HpackError("invalid Huffman code");
      node = child;
      pending++;
      if (bit === 0) allOnes = false;
      if (node.symbol === EOS) throw new HpackError("Huffman string contains EOS");
      if (node.symbol >= 0) {
        out.push(node.symbol);
        node = root;
        pending = 0;
        allOnes = true;
      }
    }
  }
  if (pending > 7) throw new HpackError(`Huffman string ends with ${pending} padding bits (at most 7 allowed)`);
  if (!allOnes) throw new HpackError("Huffman padding is not all ones");
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------
// Stage 3: string literals (RFC 7541 §5.2)

/** A string literal: H bit and a 7-bit prefix length, then the UTF-8 octets, raw or Huffman-coded. */
export function encodeString(value: string, huffman: boolean): Uint8Array {
  const raw = utf8.encode(value);
  const body = huffman ? huffmanEncode(raw) : raw;
  return concat([encodeInteger(body.length, 7, huffman ? 0x80 : 0), body]);
}

/** Reads a string literal at `offset`; `next` is the offset after it. */
export function decodeString(bytes: Uint8Array, offset: number): { value: string; next: number } {
  const huffman = (bytes[offset]! & 0x80) !== 0;
  const { value: length, next: start } = decodeInteger(bytes, offset, 7);
  if (start + length > bytes.length) {
    throw new HpackError(`string literal at byte ${offset} needs ${length} bytes, ${bytes.length - start} left`);
  }
  const body = bytes.subarray(start, start + length);
  return { value: fromUtf8.decode(huffman ? huffmanDecode(body) : body), next: start + length };
}

// ---------------------------------------------------------------------------
// Stage 4: the dynamic table (RFC 7541 §2.3.2, §4)

/** An entry's size: its name's and value's length in octets (UTF-8), plus 32 (RFC 7541 §4.1). */
export function entrySize(name: string, value: string): number {
  return utf8.encode(name).length + utf8.encode(value).length + 32;
}

/** A table entry, with its size kept so that eviction need not measure it again. */
interface Entry {
  readonly name: string;
  readonly value: string;
  readonly size: number;
}

/** The dynamic table: newest entry first, oldest evicted first. */
export class DynamicTable {
  #entries: Entry[] = [];
  #size = 0;
  #maxSize: number;

  constructor(maxSize = DEFAULT_TABLE_SIZE) {
    this.#maxSize = maxSize;
  }

  /** The table's maximum size in octets. */
  get maxSize(): number {
    return this.#maxSize;
  }

  /** The sum of the entries' sizes. */
  get size(): number {
    return this.#size;
  }

  /** The number of entries. */
  get length(): number {
    return this.#entries.length;
  }

  /** Adds an entry, evicting the oldest ones first to make room (RFC 7541 §4.4). */
  add(name: string, value: string): void {
    const size = entrySize(name, value);
    this.#evictTo(this.#maxSize - size);
    // An entry larger than the table leaves it empty, without error.
    if (size > this.#maxSize) return;
    this.#entries.unshift({ name, value, size });
    this.#size += size;
  }

  /** The entry at `index`: 0 is the newest (HPACK index 62). */
  get(index: number): Header {
    const entry = this.#entries[index];
    if (entry === undefined) throw new HpackError(`no dynamic table entry ${index} (the table has ${this.#entries.length})`);
    return [entry.name, entry.value];
  }

  /** Changes the maximum size, evicting the oldest entries until the table fits (RFC 7541 §4.3). */
  setMaxSize(maxSize: number): void {
    this.#maxSize = maxSize;
    this.#evictTo(maxSize);
  }

  /** Copies of the entries, newest first. */
  entries(): Header[] {
    return this.#entries.map(({ name, value }) => [name, value]);
  }

  #evictTo(limit: number): void {
    while (this.#size > limit && this.#entries.length > 0) this.#size -= this.#entries.pop()!.size;
  }
}

// ---------------------------------------------------------------------------
// Stage 5: the decoder (RFC 7541 §3, §6)

/** Decodes header blocks; one Decoder per connection direction, since the table lives across blocks. */
export class Decoder {
  readonly table: DynamicTable;
  /** The largest table size a size update may ask for (our SETTINGS_HEADER_TABLE_SIZE). */
  readonly #maxAllowed: number;

  constructor(maxTableSize = DEFAULT_TABLE_SIZE) {
    this.table = new DynamicTable(maxTableSize);
    this.#maxAllowed = maxTableSize;
  }

  /** The header list of one complete header block, in order, duplicates kept. */
  decode(block: Uint8Array): Header[] {
    const headers: Header[] = [];
    let offset = 0;
    while (offset < block.length) {
      const first = block[offset]!;
      if ((first & 0x80) !== 0) {
        // §6.1 indexed field
        const index = decodeInteger(block, offset, 7);
        headers.push(this.#lookup(index.value));
        offset = index.next;
      } else if ((first & 0xe0) === 0x20) {
        // §6.3 size update: only before the first field (§4.2)
        if (headers.length > 0) throw new HpackError(`table size update at offset ${offset} follows a field`);
        const size = decodeInteger(block, offset, 5);
        if (size.value > this.#maxAllowed) {
          throw new HpackError(`table size update to ${size.value}, over the limit of ${this.#maxAllowed}`);
        }
        this.table.setMaxSize(size.value);
        offset = size.next;
      } else {
        // §6.2.1 with incremental indexing (6-bit prefix), §6.2.2 without and §6.2.3 never indexed (4-bit)
        const indexing = (first & 0x40) !== 0;
        const field = this.#literal(block, offset, indexing ? 6 : 4);
        if (indexing) this.table.add(field.name, field.value);
        headers.push([field.name, field.value]);
        offset = field.next;
      }
    }
    return headers;
  }

  #literal(block: Uint8Array, offset: number, prefixBits: number): { name: string; value: string; next: number } {
    const index = decodeInteger(block, offset, prefixBits);
    let name: string;
    let next = index.next;
    if (index.value === 0) {
      const literal = decodeString(block, next);
      name = literal.value;
      next = literal.next;
    } else {
      name = this.#lookup(index.value)[0];
    }
    const value = decodeString(block, next);
    return { name, value: value.value, next: value.next };
  }

  #lookup(index: number): Header {
    if (index === 0) throw new HpackError("index 0 is not a valid index");
    if (index <= STATIC_TABLE.length) {
      const [name, value] = STATIC_TABLE[index - 1]!;
      return [name, value];
    }
    return this.table.get(index - STATIC_TABLE.length - 1);
  }
}

// ---------------------------------------------------------------------------
// Stage 6: the encoder (RFC 7541 §6, §4.2; policy in the instructions)

/** Encoder options. */
export interface EncodeOptions {
  /** Huffman-code every string literal (default true), as RFC 7541 C.4 and C.6 do. */
  readonly huffman?: boolean;
}

/** Encodes header lists into header blocks, with the lab's policy (see the instructions). */
export class Encoder {
  readonly table: DynamicTable;
  /** The smallest size set since the last block, when a size update is due (§4.2). */
  #smallestSize: number | undefined;

  constructor(maxTableSize = DEFAULT_TABLE_SIZE) {
    this.table = new DynamicTable(maxTableSize);
  }

  /** Changes the table size; the next block starts with the size update(s). */
  setMaxTableSize(maxSize: number): void {
    this.table.setMaxSize(maxSize);
    this.#smallestSize = Math.min(this.#smallestSize ?? maxSize, maxSize);
  }

  /** One header block for `headers`, in order. */
  encode(headers: readonly HeaderInput[], options: EncodeOptions = {}): Uint8Array {
    const huffman = options.huffman ?? true;
    const parts: Uint8Array[] = [];
    if (this.#smallestSize !== undefined) {
      // Signal the smallest size first if the table shrank below the final size (§4.2).
      if (this.#smallestSize < this.table.maxSize) parts.push(encodeInteger(this.#smallestSize, 5, 0x20));
      parts.push(encodeInteger(this.table.maxSize, 5, 0x20));
      this.#smallestSize = undefined;
    }
    for (const header of headers) {
      const [name, value, sensitive] = isPair(header)
        ? [header[0], header[1], false]
        : [header.name, header.value, header.sensitive === true];
      parts.push(this.#field(name, value, sensitive, huffman));
    }
    return concat(parts);
  }

  #field(name: string, value: string, sensitive: boolean, huffman: boolean): Uint8Array {
    const { index, nameIndex } = this.#find(name, value);
    if (sensitive) return literal(0x10, 4, nameIndex, name, value, huffman);
    if (index > 0) return encodeInteger(index, 7, 0x80);
    // An entry larger than the table would only empty it.
    if (entrySize(name, value) > this.table.maxSize) return literal(0x00, 4, nameIndex, name, value, huffman);
    this.table.add(name, value);
    return literal(0x40, 6, nameIndex, name, value, huffman);
  }

  /** The smallest index of the exact field and of its name (0 if none), static table first. */
  #find(name: string, value: string): { index: number; nameIndex: number } {
    let nameIndex = 0;
    const entries = [...STATIC_TABLE, ...this.table.entries()];
    for (const [i, [entryName, entryValue]] of entries.entries()) {
      if (entryName !== name) continue;
      if (entryValue === value) return { index: i + 1, nameIndex: nameIndex || i + 1 };
      if (nameIndex === 0) nameIndex = i + 1;
    }
    return { index: 0, nameIndex };
  }
}

function isPair(header: HeaderInput): header is readonly [string, string] {
  return Array.isArray(header);
}

/** A literal field: the representation's flags, the name (indexed or literal), the value. */
function literal(flags: number, prefixBits: number, nameIndex: number, name: string, value: string, huffman: boolean): Uint8Array {
  const parts = [encodeInteger(nameIndex, prefixBits, flags)];
  if (nameIndex === 0) parts.push(encodeString(name, huffman));
  parts.push(encodeString(value, huffman));
  return concat(parts);
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
