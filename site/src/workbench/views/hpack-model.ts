/** The arithmetic behind the HPACK view, kept apart from the DOM so it is tested in Node. */
import type { HpackDemoBlock, HpackFieldNote } from "./hpack-types.ts";

/** Bytes of a hex string ("82 86 84" or "828684"). Throws on odd length or a non-hex digit. */
export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, "");
  if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) throw new Error(`Not a hex byte string: ${JSON.stringify(hex.slice(0, 40))}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Size of a header list before compression: name and value bytes in UTF-8. */
export function headerBytes(headers: readonly (readonly [string, string])[]): number {
  const encoder = new TextEncoder();
  let total = 0;
  for (const [name, value] of headers) total += encoder.encode(name).length + encoder.encode(value).length;
  return total;
}

/**
 * How many entries at the front of `table` (index 62 first) this block
 * added, given the table after the previous block: the rest must be the
 * previous table's first entries, shifted up (older ones may have been
 * evicted from the end). Every entry is new for the first block.
 */
export function newEntryCount(table: HpackDemoBlock["table"], previous: HpackDemoBlock["table"] | null): number {
  if (previous === null) return table.length;
  for (let added = 0; added <= table.length; added++) {
    const rest = table.slice(added);
    if (rest.length <= previous.length && rest.every((e, i) => e.name === previous[i]!.name && e.value === previous[i]!.value)) return added;
  }
  return table.length;
}

/** Entries of the previous table that this block evicted. */
export function evictedCount(table: HpackDemoBlock["table"], previous: HpackDemoBlock["table"] | null): number {
  if (previous === null) return 0;
  return previous.length - (table.length - newEntryCount(table, previous));
}

export interface NoteNode {
  readonly note: HpackFieldNote;
  /** 0 for a field, 1 for a part inside one (its name or value). */
  readonly depth: number;
}

/** The notes in byte order, each with its nesting depth (a note inside a longer one is a part of it). */
export function nestNotes(notes: readonly HpackFieldNote[]): NoteNode[] {
  const sorted = [...notes].sort((a, b) => a.offset - b.offset || b.length - a.length);
  const out: NoteNode[] = [];
  const open: HpackFieldNote[] = [];
  for (const note of sorted) {
    while (open.length > 0 && note.offset >= open[open.length - 1]!.offset + open[open.length - 1]!.length) open.pop();
    out.push({ note, depth: Math.min(open.length, 2) });
    open.push(note);
  }
  return out;
}

/** For each byte, the kind of the outermost note that covers it ("unparsed" for none). */
export function kindPerByte(length: number, notes: readonly HpackFieldNote[]): HpackFieldNote["kind"][] {
  const kinds: HpackFieldNote["kind"][] = new Array(length).fill("unparsed");
  const covered: number[] = new Array(length).fill(-1);
  for (const note of notes) {
    for (let i = note.offset; i < note.offset + note.length && i < length; i++) {
      if (covered[i]! < note.length) {
        covered[i] = note.length;
        kinds[i] = note.kind;
      }
    }
  }
  return kinds;
}
