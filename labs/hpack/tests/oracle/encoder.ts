/**
 * The tests' own encoder, which makes every choice RFC 7541 allows from
 * numbers it is given: any representation that can carry the field
 * (indexed when the exact field is in a table; otherwise or besides, a
 * literal with, without or never indexing), any matching name index or a
 * new name, Huffman or not per string, and size updates at the start of a
 * block. It feeds the learner's decoder blocks the learner's own encoder
 * never writes. Hidden tests only.
 */
import { STATIC_TABLE } from "#labs/hpack/static-table.ts";
import type { Header } from "#labs/hpack/scenarios.ts";
import type { FieldNote } from "../check.ts";
import type { FieldRepresentation } from "./decoder.ts";
import { huffman } from "./huffman.ts";
import { encodeIntegerModel } from "./integer.ts";
import { ModelTable } from "./table.ts";

/** A field and the numbers that decide how it is written. */
export interface ChosenField {
  readonly name: string;
  readonly value: string;
  /** Picks the representation and the index among those allowed. */
  readonly choice: number;
  readonly huffmanName: boolean;
  readonly huffmanValue: boolean;
}

export interface ChosenBlock {
  /** Size updates at the start of the block (each at most the decoder's limit). */
  readonly updates: readonly number[];
  readonly fields: readonly ChosenField[];
}

export interface WrittenBlock {
  readonly hex: string;
  readonly headers: Header[];
  readonly notes: FieldNote[];
  /** The table after the block, as any correct decoder must have it. */
  readonly table: Header[];
  readonly size: number;
  readonly maxSize: number;
}

const KINDS: readonly [FieldRepresentation, number, number][] = [
  ["literal-indexed", 6, 0x40],
  ["literal-not-indexed", 4, 0x00],
  ["literal-never-indexed", 4, 0x10],
];
const utf8 = new TextEncoder();

export class ChoosingEncoder {
  readonly model: ModelTable;

  constructor(maxSize: number) {
    this.model = new ModelTable(maxSize);
  }

  write(block: ChosenBlock): WrittenBlock {
    const bytes: number[] = [];
    const notes: FieldNote[] = [];
    for (const size of block.updates) {
      notes.push([bytes.length, "size-update", size]);
      bytes.push(...encodeIntegerModel(size, 5, 0x20));
      this.model.resize(size);
    }
    for (const field of block.fields) {
      const offset = bytes.length;
      const all = [...STATIC_TABLE, ...this.model.entries];
      const exact = all.flatMap(([n, v], i) => (n === field.name && v === field.value ? [i + 1] : []));
      const names = all.flatMap(([n], i) => (n === field.name ? [i + 1] : []));
      let kind = field.choice % 4;
      if (kind === 0 && exact.length === 0) kind = 1 + (field.choice >>> 2) % 3;
      if (kind === 0) {
        const index = exact[(field.choice >>> 4) % exact.length]!;
        notes.push([offset, "indexed", index]);
        bytes.push(...encodeIntegerModel(index, 7, 0x80));
        continue;
      }
      const [representation, prefix, flags] = KINDS[kind - 1]!;
      const nameOptions = [0, ...names];
      const nameIndex = nameOptions[(field.choice >>> 4) % nameOptions.length]!;
      notes.push([offset, representation, nameIndex]);
      bytes.push(...encodeIntegerModel(nameIndex, prefix, flags));
      if (nameIndex === 0) bytes.push(...string(field.name, field.huffmanName));
      bytes.push(...string(field.value, field.huffmanValue));
      if (representation === "literal-indexed") this.model.add(field.name, field.value);
    }
    return {
      hex: bytes.map((b) => b.toString(16).padStart(2, "0")).join(""),
      headers: block.fields.map((f) => [f.name, f.value]),
      notes,
      table: this.model.copy(),
      size: this.model.size,
      maxSize: this.model.maxSize,
    };
  }
}

function string(text: string, useHuffman: boolean): number[] {
  const octets = utf8.encode(text);
  const body = useHuffman ? huffman(octets) : octets;
  return [...encodeIntegerModel(body.length, 7, useHuffman ? 0x80 : 0), ...body];
}
