/**
 * Hand-written mutants of the hpack lab: classic learner bugs, each a small
 * edit of solution.ts (labs/kit/mutant-edits.ts). Every one must fail a hidden test
 * (test/labs/prove-labs.test.ts). Generated mutants: `npm run mutation`.
 */
import { defineMutants } from "#labs/kit/mutant-edits.ts";

export default defineMutants({
  "bom-dropped": {
    bug: "strings are decoded with a plain new TextDecoder(), which drops a leading U+FEFF (octets ef bb bf): the value changes and the entry's size no longer matches the encoder's.",
    edits: [["const fromUtf8 = new TextDecoder(\"utf-8\", { ignoreBOM: true });", "const fromUtf8 = new TextDecoder();"]],
  },
  "continuation-bytes-uncapped": {
    bug: "decodeInteger checks the value but not the number of continuation bytes: 1f 80 80 80 80 80 00 (six bytes of zero groups) is read as 31.",
    edits: [
      ["  for (let count = 0; count < 5; count++) {", "  for (let count = 0; ; count++) {"],
      ["  throw new HpackError(`integer starting at byte ${offset} has too many continuation bytes`);\n", ""],
    ],
  },
  "exact-fit-evicts": {
    bug: "the table evicts while size + new >= maxSize: an entry that makes the table exactly full evicts the oldest one for nothing.",
    edits: [["    this.#evictTo(this.#maxSize - size);", "    this.#evictTo(this.#maxSize - size - 1);"]],
  },
  "index-unchecked-crash": {
    bug: "the decoder never checks an index against the tables: index 62 with an empty table reads undefined and crashes with a TypeError instead of rejecting the block.",
    edits: [["    if (entry === undefined) throw new HpackError(`no dynamic table entry ${index} (the table has ${this.#entries.length})`);\n    return [entry.name, entry.value];", "    return [entry!.name, entry!.value];"]],
  },
  "integer-shift-wraps": {
    bug: "decodeInteger adds (byte & 0x7f) << (7 × k): the fifth group is shifted by 28 bits and wraps in 32 bits (16 << 28 is 0, 8 << 28 is negative), so huge integers pass the limit check.",
    edits: [["    value += (byte & 0x7f) * factor;", "    value += (byte & 0x7f) << (7 * count);"]],
  },
  "names-lowercased": {
    bug: "the decoder lowercases new names (X-Custom becomes x-custom), though the lab passes names through unchanged.",
    edits: [["      name = literal.value;", "      name = literal.value.toLowerCase();"]],
  },
  "padding-eight-allowed": {
    bug: "the Huffman decoder allows up to 8 bits of padding (pending > 8), so a whole ff byte after a code that ends on a byte boundary is accepted.",
    edits: [["  if (pending > 7) throw", "  if (pending > 8) throw"]],
  },
  "set-max-size-exact-evicts": {
    bug: "setMaxSize evicts until size < maxSize, so shrinking to exactly the current size drops an entry.",
    edits: [["    this.#evictTo(maxSize);", "    this.#evictTo(maxSize - 1);"]],
  },
  "too-big-at-max": {
    bug: "the encoder treats an entry of exactly maxSize as too big (>= instead of >) and sends it without indexing.",
    edits: [["    if (entrySize(name, value) > this.table.maxSize) return literal(", "    if (entrySize(name, value) >= this.table.maxSize) return literal("]],
  },
  "eos-accepted": {
    bug: "the Huffman decoder treats EOS like any symbol (emits nothing) instead of rejecting it.",
    edits: [
      ["      if (node.symbol === EOS) throw new HpackError(\"Huffman string contains EOS\");", ""],
      ["        out.push(node.symbol);", "        if (node.symbol !== EOS) out.push(node.symbol);"],
    ],
  },
  "evict-after-insert": {
    bug: "the table inserts first and evicts afterwards, never evicting the entry it just added, so an entry larger than the table stays in it.",
    edits: [
      ["    this.#evictTo(this.#maxSize - size);\n    // An entry larger than the table leaves it empty, without error.\n    if (size > this.#maxSize) return;", ""],
      ["    this.#size += size;", "    this.#size += size;\n    while (this.#size > this.#maxSize && this.#entries.length > 1) this.#size -= this.#entries.pop()!.size;"],
    ],
  },
  "headers-in-map": {
    bug: "the decoder collects fields in a Map: a repeated name keeps only its last value, at its first place.",
    edits: [
      ["    const headers: Header[] = [];", "    const headers: Header[] = [];\n    const byName = new Map<string, string>();"],
      ["        headers.push(this.#lookup(index.value));", "        const [name, value] = this.#lookup(index.value);\n        headers.push([name, value]);\n        byName.set(name, value);"],
      ["        headers.push([field.name, field.value]);", "        headers.push([field.name, field.value]);\n        byName.set(field.name, field.value);"],
      ["    return headers;", "    return [...byName];"],
    ],
  },
  "huffman-padding-unchecked": {
    bug: "the Huffman decoder accepts any padding: longer than 7 bits, or not all ones.",
    edits: [
      ["  if (pending > 7) throw new HpackError(`Huffman string ends with ${pending} padding bits (at most 7 allowed)`);\n  if (!allOnes) throw new HpackError(\"Huffman padding is not all ones\");", "  void pending;\n  void allOnes;"],
    ],
  },
  "index-62-oldest": {
    bug: "HPACK index 62 reads the oldest dynamic entry instead of the newest.",
    edits: [
      ["    return this.table.get(index - STATIC_TABLE.length - 1);", "    return this.table.get(this.table.length - (index - STATIC_TABLE.length));"],
    ],
  },
  "integer-overflow-unchecked": {
    bug: "decodeInteger never limits the value or the number of continuation bytes.",
    edits: [
      ["  for (let count = 0; count < 5; count++) {", "  for (;;) {"],
      ["    if (value > MAX_INTEGER) throw new HpackError(`integer starting at byte ${offset} is over ${MAX_INTEGER}`);", ""],
      ["  throw new HpackError(`integer starting at byte ${offset} has too many continuation bytes`);", ""],
    ],
  },
  "name-index-dynamic-first": {
    bug: "the encoder looks for names in the dynamic table before the static table, so C.5's :status: 307 takes its name from dynamic index 65 instead of static 8.",
    edits: [
      ["    for (const [i, [entryName, entryValue]] of entries.entries()) {", "    const order = [...entries.keys()].sort((a, b) => (b >= STATIC_TABLE.length ? 1 : 0) - (a >= STATIC_TABLE.length ? 1 : 0) || a - b);\n    for (const i of order) {\n      const [entryName, entryValue] = entries[i]!;"],
    ],
  },
  "never-indexed-dropped": {
    bug: "sensitive fields go out as literals without indexing (0000xxxx): the never-indexed flag is lost.",
    edits: [
      ["    if (sensitive) return literal(0x10, 4, nameIndex, name, value, huffman);", "    if (sensitive) return literal(0x00, 4, nameIndex, name, value, huffman);"],
    ],
  },
  "prefix-boundary": {
    bug: "a value of exactly 2^N − 1 is written in the prefix alone, without the continuation byte 00.",
    edits: [
      ["  if (value < max) return Uint8Array.of(firstByteFlags | value);", "  if (value <= max) return Uint8Array.of(firstByteFlags | value);"],
    ],
  },
  "size-update-anywhere": {
    bug: "the decoder accepts a dynamic table size update anywhere in a block, not only before the first field.",
    edits: [
      ["        if (headers.length > 0) throw new HpackError(`table size update at offset ${offset} follows a field`);", ""],
    ],
  },
  "size-without-32": {
    bug: "an entry's size is name + value octets, without the 32 octets of overhead (RFC 7541 §4.1).",
    edits: [
      ["  return utf8.encode(name).length + utf8.encode(value).length + 32;", "  return utf8.encode(name).length + utf8.encode(value).length;"],
    ],
  },
  "string-length-utf16": {
    bug: "a string literal's length prefix counts UTF-16 code units (value.length) instead of the octets that follow.",
    edits: [
      ["  return concat([encodeInteger(body.length, 7, huffman ? 0x80 : 0), body]);", "  return concat([encodeInteger(huffman ? body.length : value.length, 7, huffman ? 0x80 : 0), body]);"],
    ],
  },
  "table-not-kept": {
    bug: "the decoder starts every block with a fresh, empty dynamic table.",
    edits: [
      ["    const headers: Header[] = [];", "    const headers: Header[] = [];\n    (this as { table: DynamicTable }).table = new DynamicTable(this.table.maxSize);"],
    ],
  },
  "utf16-entry-size": {
    bug: "an entry's size counts UTF-16 code units (string.length) instead of UTF-8 octets.",
    edits: [
      ["  return utf8.encode(name).length + utf8.encode(value).length + 32;", "  return name.length + value.length + 32;"],
    ],
  },
});
