/**
 * Says what each byte range of a header block is, for the demo viewer: a
 * walk over representations and prefixes (RFC 7541 §6), not a decoder. It
 * reads only prefixes and string lengths, and reads each prefix integer
 * with the learner's own decodeInteger (the harness reaches every edition
 * of the site, so it must not carry an answer the lab grades); the names and
 * values it shows are the ones the learner's decoder returned, field by
 * field. Whatever it cannot read is marked "unparsed".
 */
import type { Header, HpackFieldNote } from "./scenarios.ts";
import { STATIC_TABLE } from "./static-table.ts";

/** Reads an N-bit prefix integer (RFC 7541 §5.1) at `offset`: the learner's decodeInteger, or undefined where it fails. */
export type IntegerReader = (bytes: Uint8Array, offset: number, prefixBits: number) => { value: number; next: number } | undefined;

/** Notes for `block`; `decoded` is the learner decoder's list for it (undefined if it failed). */
export function annotate(block: Uint8Array, decoded: readonly Header[] | undefined, readInteger: IntegerReader): HpackFieldNote[] {
  const notes: HpackFieldNote[] = [];
  let offset = 0;
  let field = 0;
  const shown = (k: number) => (decoded?.[k] === undefined ? "?" : `${decoded[k]![0]}: ${decoded[k]![1]}`);
  while (offset < block.length) {
    const first = block[offset]!;
    const start = offset;
    if (first & 0x80) {
      const index = readInteger(block, offset, 7);
      if (index === undefined) break;
      notes.push({ offset, length: index.next - offset, kind: "indexed", text: `Indexed field ${index.value} → ${shown(field)}` });
      offset = index.next;
      field++;
      continue;
    }
    if ((first & 0xe0) === 0x20) {
      const size = readInteger(block, offset, 5);
      if (size === undefined) break;
      notes.push({ offset, length: size.next - offset, kind: "size-update", text: `Dynamic table size update → ${size.value} bytes` });
      offset = size.next;
      continue;
    }
    const [kind, prefixBits, label] =
      first & 0x40
        ? (["literal-indexed", 6, "Literal with incremental indexing"] as const)
        : first & 0x10
          ? (["literal-never-indexed", 4, "Literal never indexed"] as const)
          : (["literal-not-indexed", 4, "Literal without indexing"] as const);
    const index = readInteger(block, offset, prefixBits);
    if (index === undefined) break;
    const nameText = index.value === 0 ? "new name" : `name index ${index.value} (${nameAt(index.value, decoded?.[field])})`;
    notes.push({ offset, length: index.next - offset, kind, text: `${label}, ${nameText} → ${shown(field)}` });
    offset = index.next;
    if (index.value === 0) {
      const name = readString(readInteger, block, offset, "name", decoded?.[field]?.[0]);
      if (name === undefined) break;
      notes.push(name.note);
      offset = name.next;
    }
    const value = readString(readInteger, block, offset, "value", decoded?.[field]?.[1]);
    if (value === undefined) {
      offset = Math.max(offset, start);
      break;
    }
    notes.push(value.note);
    offset = value.next;
    field++;
  }
  if (offset < block.length) {
    notes.push({ offset, length: block.length - offset, kind: "unparsed", text: `${block.length - offset} bytes that do not parse as a representation` });
  }
  return notes;
}

function nameAt(index: number, decodedField: Header | undefined): string {
  if (index <= STATIC_TABLE.length) return STATIC_TABLE[index - 1]![0];
  return decodedField?.[0] ?? "?";
}

/** A string literal's range (RFC 7541 §5.2); its text is what the learner's decoder said, if anything. */
function readString(
  readInteger: IntegerReader,
  bytes: Uint8Array,
  offset: number,
  kind: "name" | "value",
  text: string | undefined,
): { note: HpackFieldNote; next: number } | undefined {
  if (offset >= bytes.length) return undefined;
  const length = readInteger(bytes, offset, 7);
  if (length === undefined || length.next + length.value > bytes.length) return undefined;
  const coding = bytes[offset]! & 0x80 ? "Huffman" : "Raw";
  const next = length.next + length.value;
  const shown = text === undefined ? "" : ` → ${text}`;
  return { note: { offset, length: next - offset, kind, text: `${coding} string, ${length.value} bytes${shown}` }, next };
}
