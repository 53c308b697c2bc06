/**
 * The tests' own HPACK decoder (RFC 7541), written apart from the reference
 * solution: it checks what the learner's encoder wrote without trusting the
 * learner's decoder, and reports each field's representation. It runs on
 * the test side only, never in the sandbox.
 */
import { HUFFMAN_CODES } from "../huffman-table.ts";
import { STATIC_TABLE } from "../static-table.ts";
import type { Header } from "../scenarios.ts";

export type Representation = "indexed" | "literal-indexed" | "literal-not-indexed" | "literal-never-indexed";

export interface ReadField {
  readonly name: string;
  readonly value: string;
  readonly representation: Representation;
  /** The index used for the field (indexed) or its name (literals), 0 for a new name. */
  readonly index: number;
  readonly offset: number;
}

export interface ReadBlock {
  readonly sizeUpdates: number[];
  readonly fields: ReadField[];
}

/** "bits:code" → symbol, for reading Huffman codes bit by bit. */
const CODES = new Map(HUFFMAN_CODES.map(([code, bits], symbol) => [`${bits}:${code}`, symbol]));

/** A decoding context: keep one per connection direction. */
export class ReferenceDecoder {
  table: Header[] = [];
  maxSize: number;
  readonly limit: number;

  constructor(maxSize = 4096) {
    this.maxSize = maxSize;
    this.limit = maxSize;
  }

  get size(): number {
    return this.table.reduce((sum, [n, v]) => sum + octets(n).length + octets(v).length + 32, 0);
  }

  /** Reads one block; throws an Error saying what is wrong with it. */
  read(block: Uint8Array): ReadBlock {
    const result: ReadBlock = { sizeUpdates: [], fields: [] };
    const input = { bytes: block, at: 0 };
    while (input.at < block.length) {
      const offset = input.at;
      const first = block[offset]!;
      if (first >= 0x80) {
        const index = integer(input, 7);
        const [name, value] = this.#entry(index);
        result.fields.push({ name, value, representation: "indexed", index, offset });
      } else if (first >= 0x40) {
        result.fields.push(this.#literal(input, 6, "literal-indexed"));
        const field = result.fields.at(-1)!;
        this.#add(field.name, field.value);
      } else if (first >= 0x20) {
        if (result.fields.length > 0) throw new Error(`size update at offset ${offset} after a field`);
        const size = integer(input, 5);
        if (size > this.limit) throw new Error(`size update to ${size} over the limit ${this.limit}`);
        this.maxSize = size;
        this.#shrink(size);
        result.sizeUpdates.push(size);
      } else {
        result.fields.push(this.#literal(input, 4, first >= 0x10 ? "literal-never-indexed" : "literal-not-indexed"));
      }
    }
    return result;
  }

  #literal(input: Input, prefix: number, representation: Representation): ReadField {
    const offset = input.at;
    const index = integer(input, prefix);
    const name = index === 0 ? text(input) : this.#entry(index)[0];
    return { name, value: text(input), representation, index, offset };
  }

  #entry(index: number): Header {
    const entry = index === 0 ? undefined : index <= 61 ? STATIC_TABLE[index - 1] : this.table[index - 62];
    if (entry === undefined) throw new Error(`index ${index} is not in the tables`);
    return [entry[0], entry[1]];
  }

  #add(name: string, value: string): void {
    const size = octets(name).length + octets(value).length + 32;
    this.#shrink(this.maxSize - size);
    if (size <= this.maxSize) this.table.unshift([name, value]);
  }

  #shrink(limit: number): void {
    while (this.table.length > 0 && this.size > limit) this.table.pop();
  }
}

interface Input {
  readonly bytes: Uint8Array;
  at: number;
}

function octets(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

function integer(input: Input, prefix: number): number {
  const mask = 2 ** prefix - 1;
  if (input.at >= input.bytes.length) throw new Error("block ends inside an integer");
  let value = input.bytes[input.at++]! & mask;
  if (value !== mask) return value;
  for (let shift = 0; shift <= 28; shift += 7) {
    if (input.at >= input.bytes.length) throw new Error("block ends inside an integer");
    const byte = input.bytes[input.at++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if (value > 0x7fffffff) throw new Error("integer over 2^31 - 1");
    if (byte < 0x80) return value;
  }
  throw new Error("integer with too many continuation bytes");
}

function text(input: Input): string {
  if (input.at >= input.bytes.length) throw new Error("block ends before a string");
  const huffman = input.bytes[input.at]! >= 0x80;
  const length = integer(input, 7);
  if (input.at + length > input.bytes.length) throw new Error("block ends inside a string");
  const body = input.bytes.slice(input.at, input.at + length);
  input.at += length;
  return new TextDecoder().decode(huffman ? unhuffman(body) : body);
}

/** Huffman decoding by looking up each growing run of bits (slow and plain). */
export function unhuffman(body: Uint8Array): Uint8Array {
  const out: number[] = [];
  let code = 0;
  let bits = 0;
  for (const byte of body) {
    for (let i = 7; i >= 0; i--) {
      code = code * 2 + ((byte >> i) & 1);
      bits++;
      const symbol = CODES.get(`${bits}:${code}`);
      if (symbol === 256) throw new Error("EOS inside a Huffman string");
      if (symbol !== undefined) {
        out.push(symbol);
        code = 0;
        bits = 0;
      }
    }
  }
  if (bits > 7) throw new Error("Huffman padding longer than 7 bits");
  if (code !== 2 ** bits - 1) throw new Error("Huffman padding not all ones");
  return Uint8Array.from(out);
}

/** The tests' Huffman encoder, for expected bytes. */
export function huffman(data: Uint8Array): Uint8Array {
  const bits: number[] = [];
  for (const byte of data) {
    const [code, length] = HUFFMAN_CODES[byte]!;
    for (let i = length - 1; i >= 0; i--) bits.push(Math.floor(code / 2 ** i) % 2);
  }
  while (bits.length % 8 !== 0) bits.push(1);
  return Uint8Array.from({ length: bits.length / 8 }, (_, i) => bits.slice(8 * i, 8 * i + 8).reduce((n, b) => n * 2 + b, 0));
}
