/**
 * The tests' own HPACK decoder (RFC 7541), written apart from the reference
 * solution: it reads what the learner's encoder wrote without trusting the
 * learner's decoder, and reports how each field is written (for failures
 * and for checking the encoder's policy). Hidden tests only: it is a
 * complete answer to stage 5 (issue 17), so no public test or harness may
 * import it.
 */
import { STATIC_TABLE } from "#labs/hpack/static-table.ts";
import type { Header } from "#labs/hpack/scenarios.ts";
import type { FieldNote, Representation } from "../check.ts";
import { unhuffman } from "./huffman.ts";
import { decodeIntegerModel } from "./integer.ts";
import { ModelTable } from "./table.ts";

export type FieldRepresentation = Exclude<Representation, "size-update">;

export interface ReadField {
  readonly name: string;
  readonly value: string;
  readonly representation: FieldRepresentation;
  /** The index used for the field (indexed) or its name (literals), 0 for a new name. */
  readonly index: number;
  readonly offset: number;
  /** Whether the name (new names only) and the value were Huffman-coded. */
  readonly huffman: { readonly name?: boolean; readonly value?: boolean };
  /** The dynamic table just before this field, newest first. */
  readonly tableBefore: readonly Header[];
}

export interface ReadBlock {
  readonly sizeUpdates: number[];
  readonly fields: ReadField[];
  /** Every representation with its offset, size updates included. */
  readonly notes: FieldNote[];
}

/** UTF-8 that keeps a leading U+FEFF (a plain TextDecoder drops it). */
const text = new TextDecoder("utf-8", { ignoreBOM: true });

/** A decoding context: keep one per connection direction. */
export class ReferenceDecoder {
  readonly model: ModelTable;
  readonly limit: number;

  constructor(maxSize = 4096) {
    this.model = new ModelTable(maxSize);
    this.limit = maxSize;
  }

  get table(): Header[] {
    return this.model.copy();
  }

  get size(): number {
    return this.model.size;
  }

  /** Reads one block; throws an Error saying what is wrong with it (and where). */
  read(block: Uint8Array): ReadBlock {
    const result: ReadBlock = { sizeUpdates: [], fields: [], notes: [] };
    const input: Input = { bytes: block, at: 0 };
    while (input.at < block.length) {
      const offset = input.at;
      const first = block[offset]!;
      if (first >= 0x80) {
        const tableBefore = this.model.copy();
        const index = integer(input, 7);
        const [name, value] = this.#entry(index, offset);
        result.fields.push({ name, value, representation: "indexed", index, offset, huffman: {}, tableBefore });
      } else if (first >= 0x40) {
        const field = this.#literal(input, 6, "literal-indexed");
        result.fields.push(field);
        this.model.add(field.name, field.value);
      } else if (first >= 0x20) {
        if (result.fields.length > 0) throw new Error(`size update at offset ${offset}, after a field`);
        const size = integer(input, 5);
        if (size > this.limit) throw new Error(`size update at offset ${offset} to ${size}, over the limit ${this.limit}`);
        this.model.resize(size);
        result.sizeUpdates.push(size);
        result.notes.push([offset, "size-update", size]);
        continue;
      } else {
        result.fields.push(this.#literal(input, 4, first >= 0x10 ? "literal-never-indexed" : "literal-not-indexed"));
      }
      const last = result.fields.at(-1)!;
      result.notes.push([last.offset, last.representation, last.index]);
    }
    return result;
  }

  #literal(input: Input, prefix: number, representation: FieldRepresentation): ReadField {
    const offset = input.at;
    const tableBefore = this.model.copy();
    const index = integer(input, prefix);
    const huffman: { name?: boolean; value?: boolean } = {};
    let name: string;
    if (index === 0) {
      huffman.name = (input.bytes[input.at] ?? 0) >= 0x80;
      name = string(input);
    } else {
      name = this.#entry(index, offset)[0];
    }
    huffman.value = (input.bytes[input.at] ?? 0) >= 0x80;
    return { name, value: string(input), representation, index, offset, huffman, tableBefore };
  }

  #entry(index: number, offset: number): Header {
    const entry = index === 0 ? undefined : index <= STATIC_TABLE.length ? STATIC_TABLE[index - 1] : this.model.entries[index - STATIC_TABLE.length - 1];
    if (entry === undefined) throw new Error(`index ${index} at offset ${offset} is not in the tables (61 static, ${this.model.entries.length} dynamic)`);
    return [entry[0], entry[1]];
  }
}

interface Input {
  readonly bytes: Uint8Array;
  at: number;
}

function integer(input: Input, prefix: number): number {
  const read = decodeIntegerModel(input.bytes, input.at, prefix);
  if ("error" in read) throw new Error(`bad integer at offset ${input.at}: ${read.error}`);
  input.at = read.next;
  return read.value;
}

function string(input: Input): string {
  const offset = input.at;
  if (offset >= input.bytes.length) throw new Error(`the block ends before a string at offset ${offset}`);
  const huffman = input.bytes[offset]! >= 0x80;
  const length = integer(input, 7);
  if (input.at + length > input.bytes.length) throw new Error(`the string at offset ${offset} needs ${length} octets, ${input.bytes.length - input.at} left`);
  const body = input.bytes.slice(input.at, input.at + length);
  input.at += length;
  if (!huffman) return text.decode(body);
  const octets = unhuffman(body);
  if ("error" in octets) throw new Error(`the Huffman string at offset ${offset}: ${octets.error}`);
  return text.decode(octets);
}
