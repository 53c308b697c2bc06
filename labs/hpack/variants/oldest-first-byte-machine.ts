/**
 * A correct variant of the hpack lab (test/labs/prove-labs.test.ts gives it
 * full marks): the dynamic table keeps entries OLDEST first (push and
 * shift), so index 0 (the newest) is at the end; the Huffman decoder is
 * table-driven, a byte at a time, like nghttp2's: a state per inner node of
 * the code tree and, for each state and input byte, the symbols it emits and
 * the state it ends in, computed once; blocks are read through a cursor.
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

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

// Stage 1 -------------------------------------------------------------------

export function encodeInteger(value: number, prefixBits: number, firstByteFlags = 0): Uint8Array {
  const max = (1 << prefixBits) - 1;
  if (value < max) return Uint8Array.of(firstByteFlags | value);
  const out = [firstByteFlags | max];
  for (let rest = value - max; ; rest = Math.floor(rest / 128)) {
    if (rest < 128) {
      out.push(rest);
      break;
    }
    out.push(0x80 | (rest & 0x7f));
  }
  return Uint8Array.from(out);
}

export function decodeInteger(bytes: Uint8Array, offset: number, prefixBits: number): { value: number; next: number } {
  const cursor = new Cursor(bytes, offset);
  const value = cursor.integer(prefixBits);
  return { value, next: cursor.at };
}

// Stage 2 -------------------------------------------------------------------

export function huffmanEncode(octets: Uint8Array): Uint8Array {
  const out: number[] = [];
  let acc = 0; // up to 7 pending bits, then a code of up to 30 bits: below 2^37, exact
  let bits = 0;
  for (const octet of octets) {
    const [code, length] = HUFFMAN_CODES[octet]!;
    acc = acc * 2 ** length + code;
    bits += length;
    while (bits >= 8) {
      bits -= 8;
      const byte = Math.floor(acc / 2 ** bits);
      out.push(byte);
      acc -= byte * 2 ** bits;
    }
  }
  if (bits > 0) out.push(((acc << (8 - bits)) | (0xff >> bits)) & 0xff);
  return Uint8Array.from(out);
}

/** One step of the byte-at-a-time decoder. */
interface Transition {
  readonly next: number; // state after the byte
  readonly emit: readonly number[];
  readonly fail: boolean; // EOS decoded
}

interface Machine {
  /** Children of each inner node (state); a leaf is encoded as -(symbol + 1). */
  readonly children: [number, number][];
  /** Depth of each state, and whether the path to it is all ones (a valid padding prefix). */
  readonly depth: number[];
  readonly ones: boolean[];
  readonly table: (Transition | undefined)[];
}

let machine: Machine | undefined;

function buildMachine(): Machine {
  const children: [number, number][] = [[0, 0]];
  const depth = [0];
  const ones = [true];
  HUFFMAN_CODES.forEach(([code, length], symbol) => {
    let state = 0;
    for (let i = length - 1; i >= 1; i--) {
      const bit = (code >>> i) & 1;
      if (children[state]![bit] === 0) {
        children.push([0, 0]);
        depth.push(depth[state]! + 1);
        ones.push(ones[state]! && bit === 1);
        children[state]![bit] = children.length - 1;
      }
      state = children[state]![bit]!;
    }
    children[state]![code & 1] = -(symbol + 1);
  });
  return { children, depth, ones, table: [] };
}

function transition(m: Machine, state: number, byte: number): Transition {
  const key = state * 256 + byte;
  const known = m.table[key];
  if (known) return known;
  const emit: number[] = [];
  let at = state;
  let fail = false;
  for (let i = 7; i >= 0; i--) {
    const child = m.children[at]![(byte >> i) & 1]!;
    if (child >= 0) {
      at = child;
      continue;
    }
    const symbol = -child - 1;
    if (symbol === EOS) fail = true;
    else emit.push(symbol);
    at = 0;
  }
  const made = { next: at, emit, fail };
  m.table[key] = made;
  return made;
}

export function huffmanDecode(bytes: Uint8Array): Uint8Array {
  machine ??= buildMachine();
  const out: number[] = [];
  let state = 0;
  for (const byte of bytes) {
    const step = transition(machine, state, byte);
    if (step.fail) throw new HpackError("the EOS symbol inside a Huffman string");
    out.push(...step.emit);
    state = step.next;
  }
  // Ending inside the tree is padding: at most 7 bits, all ones.
  if (machine.depth[state]! > 7) throw new HpackError(`Huffman padding of ${machine.depth[state]} bits`);
  if (!machine.ones[state]) throw new HpackError("Huffman padding holds a zero bit");
  return Uint8Array.from(out);
}

// Stage 3 -------------------------------------------------------------------

export function encodeString(value: string, huffman: boolean): Uint8Array {
  const octets = encoder.encode(value);
  const body = huffman ? huffmanEncode(octets) : octets;
  return Uint8Array.from([...encodeInteger(body.length, 7, huffman ? 0x80 : 0), ...body]);
}

export function decodeString(bytes: Uint8Array, offset: number): { value: string; next: number } {
  const cursor = new Cursor(bytes, offset);
  const value = cursor.string();
  return { value, next: cursor.at };
}

/** Reads a block from `at` onwards; every read checks the bytes are there. */
class Cursor {
  readonly bytes: Uint8Array;
  at: number;

  constructor(bytes: Uint8Array, at: number) {
    this.bytes = bytes;
    this.at = at;
  }

  get done(): boolean {
    return this.at >= this.bytes.length;
  }

  peek(): number {
    if (this.done) throw new HpackError(`the block ends at offset ${this.at}`);
    return this.bytes[this.at]!;
  }

  byte(): number {
    const value = this.peek();
    this.at++;
    return value;
  }

  integer(prefixBits: number): number {
    const start = this.at;
    const max = (1 << prefixBits) - 1;
    let value = this.byte() & max;
    if (value < max) return value;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.byte();
      value += (byte & 0x7f) * 2 ** shift;
      if (value > MAX_INTEGER) throw new HpackError(`integer at offset ${start} passes ${MAX_INTEGER}`);
      if (byte < 0x80) return value;
    }
    throw new HpackError(`integer at offset ${start} has more than 5 continuation bytes`);
  }

  string(): string {
    const huffman = (this.peek() & 0x80) !== 0;
    const length = this.integer(7);
    if (length > this.bytes.length - this.at) throw new HpackError(`string of ${length} octets at offset ${this.at}, past the block`);
    const body = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return decoder.decode(huffman ? huffmanDecode(body) : body);
  }
}

// Stage 4: entries oldest first ------------------------------------------------

export class DynamicTable {
  #oldestFirst: { name: string; value: string; size: number }[] = [];
  #size = 0;
  #maxSize: number;

  constructor(maxSize = DEFAULT_TABLE_SIZE) {
    this.#maxSize = maxSize;
  }

  get maxSize(): number {
    return this.#maxSize;
  }

  get size(): number {
    return this.#size;
  }

  get length(): number {
    return this.#oldestFirst.length;
  }

  add(name: string, value: string): void {
    const size = encoder.encode(name).length + encoder.encode(value).length + 32;
    if (size > this.#maxSize) {
      this.#oldestFirst = [];
      this.#size = 0;
      return;
    }
    this.#shrinkTo(this.#maxSize - size);
    this.#oldestFirst.push({ name, value, size });
    this.#size += size;
  }

  get(index: number): Header {
    const entry = this.#oldestFirst[this.#oldestFirst.length - 1 - index];
    if (entry === undefined || index < 0) throw new HpackError(`dynamic index ${index} is empty`);
    return [entry.name, entry.value];
  }

  setMaxSize(maxSize: number): void {
    this.#maxSize = maxSize;
    this.#shrinkTo(maxSize);
  }

  entries(): Header[] {
    return this.#oldestFirst.map((e): Header => [e.name, e.value]).reverse();
  }

  #shrinkTo(limit: number): void {
    while (this.#size > limit) this.#size -= this.#oldestFirst.shift()!.size;
  }
}

// Stage 5 -------------------------------------------------------------------

export class Decoder {
  readonly table: DynamicTable;
  readonly #limit: number;

  constructor(maxTableSize = DEFAULT_TABLE_SIZE) {
    this.table = new DynamicTable(maxTableSize);
    this.#limit = maxTableSize;
  }

  decode(block: Uint8Array): Header[] {
    const cursor = new Cursor(block, 0);
    const fields: Header[] = [];
    while (!cursor.done) {
      const first = cursor.peek();
      if (first & 0x80) {
        fields.push(this.#entry(cursor.integer(7)));
      } else if ((first & 0xe0) === 0x20) {
        if (fields.length > 0) throw new HpackError("a dynamic table size update after a field");
        const size = cursor.integer(5);
        if (size > this.#limit) throw new HpackError(`a size update to ${size}, above ${this.#limit}`);
        this.table.setMaxSize(size);
      } else {
        const indexing = (first & 0x40) !== 0;
        const nameIndex = cursor.integer(indexing ? 6 : 4);
        const name = nameIndex === 0 ? cursor.string() : this.#entry(nameIndex)[0];
        const value = cursor.string();
        if (indexing) this.table.add(name, value);
        fields.push([name, value]);
      }
    }
    return fields;
  }

  #entry(index: number): Header {
    if (index === 0) throw new HpackError("index 0");
    if (index <= STATIC_TABLE.length) return [...STATIC_TABLE[index - 1]!];
    if (index > STATIC_TABLE.length + this.table.length) throw new HpackError(`index ${index} past the tables`);
    return this.table.get(index - STATIC_TABLE.length - 1);
  }
}

// Stage 6 -------------------------------------------------------------------

export interface EncodeOptions {
  readonly huffman?: boolean;
}

export class Encoder {
  readonly table: DynamicTable;
  #sizes: number[] = [];

  constructor(maxTableSize = DEFAULT_TABLE_SIZE) {
    this.table = new DynamicTable(maxTableSize);
  }

  setMaxTableSize(maxSize: number): void {
    this.#sizes.push(maxSize);
    this.table.setMaxSize(maxSize);
  }

  encode(headers: readonly HeaderInput[], options: EncodeOptions = {}): Uint8Array {
    const huffman = options.huffman ?? true;
    const parts: number[][] = [];
    if (this.#sizes.length > 0) {
      const final = this.#sizes.at(-1)!;
      const smallest = this.#sizes.reduce((a, b) => Math.min(a, b));
      for (const size of smallest < final ? [smallest, final] : [final]) parts.push([...encodeInteger(size, 5, 0x20)]);
      this.#sizes = [];
    }
    for (const header of headers) {
      const [name, value, sensitive] = Array.isArray(header)
        ? [header[0] as string, header[1] as string, false]
        : [(header as { name: string }).name, (header as { value: string }).value, (header as { sensitive?: boolean }).sensitive === true];
      const all: readonly (readonly [string, string])[] = [...STATIC_TABLE, ...this.table.entries()];
      const exact = all.findIndex(([n, v]) => n === name && v === value) + 1;
      const named = all.findIndex(([n]) => n === name) + 1;
      if (!sensitive && exact > 0) {
        parts.push([...encodeInteger(exact, 7, 0x80)]);
        continue;
      }
      const size = encoder.encode(name).length + encoder.encode(value).length + 32;
      const [flags, prefix] = sensitive ? [0x10, 4] : size > this.table.maxSize ? [0x00, 4] : [0x40, 6];
      const field = [...encodeInteger(named, prefix, flags)];
      if (named === 0) field.push(...encodeString(name, huffman));
      field.push(...encodeString(value, huffman));
      parts.push(field);
      if (flags === 0x40) this.table.add(name, value);
    }
    return Uint8Array.from(parts.flat());
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
