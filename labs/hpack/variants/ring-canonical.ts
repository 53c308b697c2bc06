/**
 * A correct variant of the hpack lab (test/labs/prove-labs.test.ts gives it
 * full marks): the dynamic table is a ring buffer that grows by doubling;
 * the Huffman decoder uses the code's canonical order (codes of one length
 * are consecutive), not a tree; integers are read group by group into a
 * list first, then checked; and the errors thrown on purpose are
 * RangeError, TypeError and plain Error, which the instructions accept.
 */

export class HpackError extends Error {
  override name = "HpackError";
}

export const DEFAULT_TABLE_SIZE = 4096;
export const MAX_INTEGER = 0x7fffffff;
export type Header = [name: string, value: string];
export type HeaderInput =
  | readonly [name: string, value: string]
  | { readonly name: string; readonly value: string; readonly sensitive?: boolean };

const toOctets = (text: string) => new TextEncoder().encode(text);
const fromOctets = (octets: Uint8Array) => new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(octets);

// Stage 1 -------------------------------------------------------------------

export function encodeInteger(value: number, prefixBits: number, firstByteFlags = 0): Uint8Array {
  const limit = 2 ** prefixBits - 1;
  if (value < limit) return new Uint8Array([firstByteFlags | value]);
  const out = [firstByteFlags | limit];
  let rest = value - limit;
  do {
    const group = rest % 128;
    rest = (rest - group) / 128;
    out.push(rest > 0 ? group + 128 : group);
  } while (rest > 0);
  return new Uint8Array(out);
}

export function decodeInteger(bytes: Uint8Array, offset: number, prefixBits: number): { value: number; next: number } {
  if (!(offset < bytes.length)) throw new RangeError(`no integer at offset ${offset}: the bytes end`);
  const limit = 2 ** prefixBits - 1;
  const prefix = bytes[offset]! & limit;
  if (prefix !== limit) return { value: prefix, next: offset + 1 };
  const groups: number[] = [];
  let at = offset + 1;
  for (;;) {
    if (groups.length === 5) throw new RangeError(`integer at offset ${offset}: more than 5 continuation bytes`);
    if (at >= bytes.length) throw new RangeError(`integer at offset ${offset} is cut short`);
    const byte = bytes[at++]!;
    groups.push(byte & 127);
    if (byte < 128) break;
  }
  let value = 0;
  for (let k = groups.length - 1; k >= 0; k--) value = value * 128 + groups[k]!;
  value += limit;
  if (value > MAX_INTEGER) throw new RangeError(`integer at offset ${offset} is ${value}, over ${MAX_INTEGER}`);
  return { value, next: at };
}

// Stage 2 -------------------------------------------------------------------

export function huffmanEncode(octets: Uint8Array): Uint8Array {
  let bitCount = 0;
  for (const octet of octets) bitCount += HUFFMAN_CODES[octet]![1];
  const out = new Uint8Array(Math.ceil(bitCount / 8)).fill(0xff);
  let position = 0;
  for (const octet of octets) {
    const [code, length] = HUFFMAN_CODES[octet]!;
    for (let i = length - 1; i >= 0; i--, position++) {
      const bit = Math.floor(code / 2 ** i) % 2;
      if (bit === 0) out[position >> 3]! &= ~(0x80 >> (position & 7));
    }
  }
  return out;
}

/** Per code length: the first code and the symbols in code order (RFC 7541 Appendix B is canonical). */
interface LengthGroup {
  readonly first: number;
  readonly symbols: number[];
}

let groupsByLength: Map<number, LengthGroup> | undefined;

function canonicalGroups(): Map<number, LengthGroup> {
  if (groupsByLength) return groupsByLength;
  const map = new Map<number, LengthGroup>();
  const order = HUFFMAN_CODES.map(([code, length], symbol) => ({ code, length, symbol })).sort((a, b) => a.length - b.length || a.code - b.code);
  for (const { code, length, symbol } of order) {
    const group = map.get(length) ?? { first: code, symbols: [] };
    if (code !== group.first + group.symbols.length) throw new Error("the Huffman table is not canonical");
    group.symbols.push(symbol);
    map.set(length, group);
  }
  groupsByLength = map;
  return map;
}

export function huffmanDecode(bytes: Uint8Array): Uint8Array {
  const groups = canonicalGroups();
  const out: number[] = [];
  let code = 0;
  let length = 0;
  for (let i = 0; i < bytes.length * 8; i++) {
    code = code * 2 + ((bytes[i >> 3]! >> (7 - (i & 7))) & 1);
    length++;
    const group = groups.get(length);
    if (group === undefined || code < group.first || code >= group.first + group.symbols.length) continue;
    const symbol = group.symbols[code - group.first]!;
    if (symbol === EOS) throw new TypeError("EOS in a Huffman string");
    out.push(symbol);
    code = 0;
    length = 0;
  }
  if (length >= 8) throw new TypeError(`${length} bits of Huffman padding`);
  if (code !== 2 ** length - 1) throw new TypeError("Huffman padding with a zero bit");
  return new Uint8Array(out);
}

// Stage 3 -------------------------------------------------------------------

export function encodeString(value: string, huffman: boolean): Uint8Array {
  const raw = toOctets(value);
  const body = huffman ? huffmanEncode(raw) : raw;
  const head = encodeInteger(body.length, 7, huffman ? 128 : 0);
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

export function decodeString(bytes: Uint8Array, offset: number): { value: string; next: number } {
  if (offset >= bytes.length) throw new Error(`no string at offset ${offset}`);
  const coded = bytes[offset]! >= 128;
  const length = decodeInteger(bytes, offset, 7);
  const end = length.next + length.value;
  if (end > bytes.length) throw new Error(`string at offset ${offset} runs past the block`);
  const body = bytes.slice(length.next, end);
  return { value: fromOctets(coded ? huffmanDecode(body) : body), next: end };
}

// Stage 4: a ring buffer, newest at `head - 1` --------------------------------

function octetSize(name: string, value: string): number {
  return toOctets(name).length + toOctets(value).length + 32;
}

export class DynamicTable {
  #ring: ({ name: string; value: string; size: number } | undefined)[] = new Array(8);
  #head = 0; // where the next entry goes
  #count = 0;
  #size = 0;
  #max: number;

  constructor(maxSize = DEFAULT_TABLE_SIZE) {
    this.#max = maxSize;
  }

  get maxSize(): number {
    return this.#max;
  }

  get size(): number {
    return this.#size;
  }

  get length(): number {
    return this.#count;
  }

  add(name: string, value: string): void {
    const size = octetSize(name, value);
    while (this.#count > 0 && this.#size + size > this.#max) this.#dropOldest();
    if (size > this.#max) return;
    if (this.#count === this.#ring.length) this.#grow();
    this.#ring[this.#head] = { name, value, size };
    this.#head = (this.#head + 1) % this.#ring.length;
    this.#count++;
    this.#size += size;
  }

  get(index: number): Header {
    if (!(index >= 0 && index < this.#count)) throw new RangeError(`dynamic entry ${index} does not exist`);
    const slot = (this.#head - 1 - index + 2 * this.#ring.length) % this.#ring.length;
    const entry = this.#ring[slot]!;
    return [entry.name, entry.value];
  }

  setMaxSize(maxSize: number): void {
    this.#max = maxSize;
    while (this.#count > 0 && this.#size > maxSize) this.#dropOldest();
  }

  entries(): Header[] {
    return Array.from({ length: this.#count }, (_, i) => this.get(i));
  }

  #dropOldest(): void {
    const slot = (this.#head - this.#count + this.#ring.length) % this.#ring.length;
    this.#size -= this.#ring[slot]!.size;
    this.#ring[slot] = undefined;
    this.#count--;
  }

  #grow(): void {
    const entries = Array.from({ length: this.#count }, (_, i) => this.#ring[(this.#head - this.#count + i + this.#ring.length) % this.#ring.length]);
    this.#ring = [...entries, ...new Array<undefined>(this.#ring.length)];
    this.#head = this.#count;
  }
}

// Stage 5 -------------------------------------------------------------------

export class Decoder {
  readonly table: DynamicTable;
  readonly #announced: number;

  constructor(maxTableSize = DEFAULT_TABLE_SIZE) {
    this.table = new DynamicTable(maxTableSize);
    this.#announced = maxTableSize;
  }

  decode(block: Uint8Array): Header[] {
    const out: Header[] = [];
    let at = 0;
    while (at < block.length) {
      const byte = block[at]!;
      if (byte >= 0x80) {
        const index = decodeInteger(block, at, 7);
        out.push(this.#field(index.value));
        at = index.next;
        continue;
      }
      if (byte >= 0x40 || byte < 0x20) {
        const prefix = byte >= 0x40 ? 6 : 4;
        const index = decodeInteger(block, at, prefix);
        let name: string;
        let next = index.next;
        if (index.value > 0) name = this.#field(index.value)[0];
        else ({ value: name, next } = decodeString(block, next));
        const value = decodeString(block, next);
        if (prefix === 6) this.table.add(name, value.value);
        out.push([name, value.value]);
        at = value.next;
        continue;
      }
      if (out.length > 0) throw new Error(`size update at offset ${at} comes after a field`);
      const size = decodeInteger(block, at, 5);
      if (size.value > this.#announced) throw new RangeError(`size update to ${size.value} is over ${this.#announced}`);
      this.table.setMaxSize(size.value);
      at = size.next;
    }
    return out;
  }

  #field(index: number): Header {
    if (index >= 1 && index <= 61) return [STATIC_TABLE[index - 1]![0], STATIC_TABLE[index - 1]![1]];
    if (index > 61 && index - 62 < this.table.length) return this.table.get(index - 62);
    throw new RangeError(`index ${index} is outside the tables`);
  }
}

// Stage 6 -------------------------------------------------------------------

export interface EncodeOptions {
  readonly huffman?: boolean;
}

let staticExact: Map<string, number> | undefined;
let staticName: Map<string, number> | undefined;

function staticIndexes(): [Map<string, number>, Map<string, number>] {
  if (!staticExact || !staticName) {
    staticExact = new Map();
    staticName = new Map();
    for (let i = STATIC_TABLE.length; i >= 1; i--) {
      const [name, value] = STATIC_TABLE[i - 1]!;
      staticExact.set(`${name}\u0000${value}`, i);
      staticName.set(name, i);
    }
  }
  return [staticExact, staticName];
}

export class Encoder {
  readonly table: DynamicTable;
  #pending: number[] = [];

  constructor(maxTableSize = DEFAULT_TABLE_SIZE) {
    this.table = new DynamicTable(maxTableSize);
  }

  setMaxTableSize(maxSize: number): void {
    this.table.setMaxSize(maxSize);
    this.#pending.push(maxSize);
  }

  encode(headers: readonly HeaderInput[], options: EncodeOptions = {}): Uint8Array {
    const huffman = options.huffman !== false;
    const out: number[] = [];
    if (this.#pending.length > 0) {
      const last = this.#pending[this.#pending.length - 1]!;
      const low = Math.min(...this.#pending);
      if (low < last) out.push(...encodeInteger(low, 5, 0x20));
      out.push(...encodeInteger(last, 5, 0x20));
      this.#pending = [];
    }
    for (const header of headers) {
      const name = "name" in header ? header.name : header[0];
      const value = "name" in header ? header.value : header[1];
      const sensitive = "name" in header && header.sensitive === true;
      const [exact, nameIndex] = this.#lookup(name, value);
      if (!sensitive && exact > 0) {
        out.push(...encodeInteger(exact, 7, 0x80));
        continue;
      }
      let flags = 0x10;
      let prefix = 4;
      if (!sensitive) {
        const fits = octetSize(name, value) <= this.table.maxSize;
        flags = fits ? 0x40 : 0x00;
        prefix = fits ? 6 : 4;
      }
      out.push(...encodeInteger(nameIndex, prefix, flags));
      if (nameIndex === 0) out.push(...encodeString(name, huffman));
      out.push(...encodeString(value, huffman));
      if (flags === 0x40) this.table.add(name, value);
    }
    return new Uint8Array(out);
  }

  #lookup(name: string, value: string): [exact: number, nameIndex: number] {
    const [exactMap, nameMap] = staticIndexes();
    let exact = exactMap.get(`${name}\u0000${value}`) ?? 0;
    let nameIndex = nameMap.get(name) ?? 0;
    for (let i = 0; i < this.table.length && (exact === 0 || nameIndex === 0); i++) {
      const [n, v] = this.table.get(i);
      if (n !== name) continue;
      if (nameIndex === 0) nameIndex = 62 + i;
      if (exact === 0 && v === value) exact = 62 + i;
    }
    return [exact, nameIndex];
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
