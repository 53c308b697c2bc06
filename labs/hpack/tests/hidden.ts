/**
 * Hidden tests for the hpack lab: every example of RFC 7541 Appendix C for
 * the decoder and the encoder, prefix boundaries, Huffman padding and EOS,
 * the table's sizes in octets and its evictions, malformed blocks, the
 * encoder's choice of representation, a corpus recorded from nghttp2, the
 * edges of edges.ts, and the property tests of properties.ts (seeded random
 * inputs judged by the tests' own models in oracle/). Only this file and
 * the files it imports may use oracle/ (issue 17).
 */
import { defineTests, fail, fromHex, type TestContext } from "#labs/kit/index.ts";
import type { DecodeStep, Header, IntegerCall, StringCall } from "../scenarios.ts";
import { indexed, int, literal, sizeUpdate, str } from "./blocks.ts";
import {
  checkDecodeSequence,
  checkEncodeSequence,
  decodeRuns,
  encode,
  entryBytes,
  expectError,
  expectRejected,
  expectHeaders,
  expectHex,
  expectTable,
  field,
  hexOf,
  integers,
  ok,
  okHex,
  strings,
  table,
  utf8,
} from "./check.ts";
import { CORPUS } from "./corpus.ts";
import { edgeTests } from "./edges.ts";
import { ReferenceDecoder } from "./oracle/decoder.ts";
import { huffman } from "./oracle/huffman.ts";
import { propertyTests } from "./properties.ts";
import { randomHeaderLists, plain } from "./random-headers.ts";
import { C2, C3, C4, C5, C6, type ExampleSequence } from "./rfc-examples.ts";
import { RULES } from "./rules.ts";

const bytesHex = (bytes: number[]) => hexOf(Uint8Array.from(bytes));

function decodeSequenceTest(sequence: ExampleSequence) {
  return async (t: TestContext) => checkDecodeSequence(t, sequence.blocks, sequence.maxTableSize, sequence.section);
}

function encodeSequenceTest(sequence: ExampleSequence) {
  return async (t: TestContext) =>
    checkEncodeSequence(t, sequence.blocks, { maxTableSize: sequence.maxTableSize, huffman: sequence.huffman, name: sequence.section });
}

export default defineTests((registry) => {
  const { describe, it } = registry;
  describe("integers", () => {
    it(
      "encodes RFC 7541 C.1 and every prefix boundary",
      {
        points: 4,
        rule: RULES.integer,
        hint: "A value equal to 2^N − 1 does not fit: the prefix is all ones and a 00 byte follows (31 with 5 bits is 1f 00). Keep the flag bits above the prefix.",
      },
      async (t) => {
        const calls: (IntegerCall & { op: "encode" })[] = [
          { op: "encode", value: 10, prefixBits: 5 },
          { op: "encode", value: 1337, prefixBits: 5 },
          { op: "encode", value: 42, prefixBits: 8 },
          { op: "encode", value: 0x7fffffff, prefixBits: 5 },
          { op: "encode", value: 62, prefixBits: 7, flags: 0x80 },
          { op: "encode", value: 16, prefixBits: 4, flags: 0x10 },
        ];
        for (let n = 1; n <= 8; n++) {
          for (const value of [2 ** n - 2, 2 ** n - 1, 2 ** n, 2 ** n - 1 + 127, 2 ** n - 1 + 128]) {
            calls.push({ op: "encode", value, prefixBits: n, ...(n < 8 ? { flags: 0x80 } : {}) });
          }
        }
        const results = await integers(t, calls);
        for (const [i, call] of calls.entries()) {
          const what = `encodeInteger(${call.value}, ${call.prefixBits}${call.flags === undefined ? "" : `, 0x${call.flags.toString(16)}`})`;
          t.step(what);
          expectHex(okHex(results[i]!, what), bytesHex(int(call.value, call.prefixBits, call.flags ?? 0)), what);
        }
      },
    );

    it(
      "decodes integers at an offset and says where they end",
      { points: 2, rule: RULES.integer, hint: "Start at bytes[offset], mask the prefix bits, and return next = the offset of the first byte after the integer." },
      async (t) => {
        const cases = [
          { hex: "ff1f9a0a00", offset: 1, prefixBits: 5, value: 1337, next: 4 },
          { hex: "ea", offset: 0, prefixBits: 5, value: 10, next: 1 },
          { hex: "001f00", offset: 1, prefixBits: 5, value: 31, next: 3 },
          { hex: "2a", offset: 0, prefixBits: 8, value: 42, next: 1 },
          { hex: bytesHex(int(0x7fffffff, 4, 0x70)), offset: 0, prefixBits: 4, value: 0x7fffffff, next: 6 },
        ];
        const results = await integers(t, cases.map(({ hex, offset, prefixBits }) => ({ op: "decode", hex, offset, prefixBits })));
        for (const [i, c] of cases.entries()) {
          const what = `decodeInteger(${c.hex}, ${c.offset}, ${c.prefixBits})`;
          t.step(what);
          const got = ok(results[i]!, what) as { value: number; next: number };
          if (got.value !== c.value || got.next !== c.next) fail(`${what} returned { value: ${got.value}, next: ${got.next} }, expected { value: ${c.value}, next: ${c.next} }`);
        }
      },
    );

    it(
      "rejects integers that overflow, never end or stop short",
      { points: 3, rule: RULES.integerLimit, hint: "Throw when the value passes 2^31 − 1, after more continuation bytes than a 31-bit value needs, and when the bytes run out before a byte without the top bit." },
      async (t) => {
        const cases = [
          { hex: bytesHex(int(2 ** 31, 5)), why: "2^31 is over the limit" },
          { hex: "1fffffffffffffffffff7f", why: "a value far over 2^53" },
          { hex: "1f" + "80".repeat(10) + "00", why: "ten continuation bytes" },
          { hex: "1f9a", why: "the bytes end inside the integer" },
          { hex: "", why: "no bytes at all" },
        ];
        const results = await integers(t, [...cases.map(({ hex }) => ({ op: "decode", hex, prefixBits: 5 }) as const), { op: "decode", hex: "1f9a0a", prefixBits: 5 }]);
        const control = ok(results[cases.length]!, "decodeInteger(1f9a0a, 0, 5)");
        t.step("decodeInteger(1f9a0a, 0, 5), a valid control: 1337");
        if (!("value" in control) || control.value !== 1337) fail(`decodeInteger(1f9a0a, 0, 5) returned ${JSON.stringify(control)}, expected { value: 1337, next: 3 }`);
        for (const [i, c] of cases.entries()) {
          t.step(`decodeInteger(${c.hex || "(empty)"}, 0, 5)`);
          expectError(results[i], `decodeInteger(${c.hex || "(empty)"}, 0, 5)`, c.why);
        }
      },
    );
  });

  describe("Huffman and strings", () => {
    const texts = ["www.example.com", "no-cache", "custom-key", "custom-value", "302", "307", "private", "Mon, 21 Oct 2013 20:13:21 GMT", "https://www.example.com", "gzip", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1", ""];

    it(
      "Huffman-codes the RFC 7541 strings and every byte value",
      { points: 2, rule: RULES.huffman, hint: "Write each code most significant bit first, packing codes across byte boundaries; pad the last byte with ones." },
      async (t) => {
        const inputs = [...texts.map(utf8), Uint8Array.from({ length: 256 }, (_, i) => i), Uint8Array.from({ length: 256 }, (_, i) => 255 - i)];
        const results = await strings(t, inputs.map((bytes) => ({ op: "huffmanEncode", hex: hexOf(bytes) })));
        for (const [i, bytes] of inputs.entries()) {
          const what = `huffmanEncode(${i < texts.length ? JSON.stringify(texts[i]) : i === texts.length ? "bytes 00 to ff" : "bytes ff down to 00"})`;
          t.step(what);
          expectHex(okHex(results[i]!, what), hexOf(huffman(bytes)), what);
        }
      },
    );

    it(
      "decodes Huffman strings, every byte value included",
      { points: 2, rule: RULES.huffman, hint: "Read bit by bit, walking a tree (or a table) built from the codes; emit a symbol at each leaf and start again from the root." },
      async (t) => {
        const inputs = [...texts.map(utf8), Uint8Array.from({ length: 256 }, (_, i) => i)];
        const results = await strings(t, inputs.map((bytes) => ({ op: "huffmanDecode", hex: hexOf(huffman(bytes)) })));
        for (const [i, bytes] of inputs.entries()) {
          const what = `huffmanDecode(${hexOf(huffman(bytes)).slice(0, 40)})`;
          t.step(what);
          expectHex(okHex(results[i]!, what), hexOf(bytes), what);
        }
      },
    );

    it(
      "rejects padding over 7 bits, padding that is not all ones, and EOS",
      { points: 4, rule: RULES.huffmanErrors, hint: "Count the bits read since the last symbol and whether they were all ones: at the end, more than 7, or any zero, is an error. Decoding the 30-bit EOS symbol is an error too." },
      async (t) => {
        // vectors.md: the value strings of blocks nghttp2 rejected with COMPRESSION_ERROR.
        const bad = [
          { hex: "49509fff", why: "padding longer than 7 bits (a whole ff byte after 'test')" },
          { hex: "495090", why: "padding not all ones" },
          { hex: "4951fffffffa7f", why: "EOS inside the string" },
          { hex: "ffffffff", why: "32 one bits: EOS (30 bits) is decoded" },
        ];
        const calls: StringCall[] = [
          ...bad.map(({ hex }) => ({ op: "huffmanDecode", hex }) as const),
          { op: "huffmanDecode", hex: "49509f" },
          ...bad.map(({ hex }) => ({ op: "decodeString", hex: bytesHex([0x80 | (hex.length / 2)]) + hex }) as const),
        ];
        const results = await strings(t, calls);
        for (const [i, c] of bad.entries()) {
          t.step(`huffmanDecode(${c.hex})`);
          expectError(results[i], `huffmanDecode(${c.hex})`, c.why);
        }
        t.step("huffmanDecode(49509f), the valid control: test");
        expectHex(okHex(results[bad.length]!, "huffmanDecode(49509f)"), hexOf(utf8("test")), "huffmanDecode(49509f)");
        for (const [i, c] of bad.entries()) {
          const literalHex = bytesHex([0x80 | (c.hex.length / 2)]) + c.hex;
          t.step(`decodeString(${literalHex}, 0): the same bytes as a Huffman string literal`);
          expectError(results[bad.length + 1 + i], `decodeString(${literalHex}, 0)`, c.why);
        }
        await expectRejected(t, [
          { hex: "0085f2b24a84ff8449509fff", why: "a field whose value has padding over 7 bits" },
          { hex: "0085f2b24a84ff83495090", why: "a field whose value's padding is not all ones" },
          { hex: "0085f2b24a84ff874951fffffffa7f", why: "a field whose value holds EOS" },
        ]);
      },
    );

    it(
      "writes string literals: H bit, length in octets, UTF-8",
      { points: 2, rule: RULES.string, hint: "The length counts octets of UTF-8 (TextEncoder), not string.length; a length of 127 does not fit 7 bits: 7f 00." },
      async (t) => {
        const values = ["custom-key", "", "a".repeat(127), "a".repeat(200), "café", "日本語 🙂"];
        const calls: StringCall[] = [];
        for (const value of values) calls.push({ op: "encodeString", value, huffman: false }, { op: "encodeString", value, huffman: true });
        const results = await strings(t, calls);
        for (const [i, call] of calls.entries()) {
          if (call.op !== "encodeString") continue;
          const what = `encodeString(${JSON.stringify(call.value.length > 20 ? call.value.slice(0, 8) + "…(" + call.value.length + ")" : call.value)}, ${call.huffman})`;
          t.step(what);
          expectHex(okHex(results[i]!, what), bytesHex(str(call.value, call.huffman)), what);
        }
        const encoded = bytesHex([0x00, ...str("café"), ...str("x", true)]);
        const decoded = await strings(t, [
          { op: "decodeString", hex: encoded, offset: 1 },
          { op: "decodeString", hex: encoded, offset: 7 },
        ]);
        for (const [i, [offset, value, next]] of ([[1, "café", 7], [7, "x", 9]] as const).entries()) {
          const what = `decodeString(${encoded}, ${offset})`;
          t.step(what);
          const got = ok(decoded[i]!, what) as { value: string; next: number };
          if (got.value !== value || got.next !== next) fail(`${what} returned ${JSON.stringify(got)}, expected ${JSON.stringify({ value, next })}`);
        }
      },
    );
  });

  describe("dynamic table", () => {
    it(
      "counts entry sizes in UTF-8 octets plus 32",
      { points: 3, rule: RULES.entrySize, hint: "Size = UTF-8 length of the name + UTF-8 length of the value + 32. \"ü\" is 2 octets, \"日\" is 3, \"🙂\" is 4 (and string.length says 1, 1 and 2)." },
      async (t) => {
        const entries: Header[] = [["x-ünï", "naïve café"], ["x-emoji", "🙂🙂"], ["日本", "語"], ["a", ""]];
        t.step(`add ${entries.map(field).join(", ")}`);
        const steps = await table(t, { ops: entries.map(([name, value]) => ({ op: "add", name, value })) });
        let size = 0;
        for (const [i, entry] of entries.entries()) {
          size += entryBytes(entry);
          expectTable(ok(steps[i]!, `add ${field(entry)}`).table, entries.slice(0, i + 1).reverse(), size, `after adding ${field(entry)}`);
        }
      },
    );

    it(
      "evicts the oldest entries first, before adding",
      { points: 2, rule: RULES.eviction, hint: "Before adding an entry of size s, drop entries from the old end while size + s > maxSize; then add the new one at the front." },
      async (t) => {
        // 40 + 40 + 40 = 120 > 100: the third add evicts the first.
        const ops = [
          { op: "add", name: "aaaa", value: "1111" },
          { op: "add", name: "bbbb", value: "2222" },
          { op: "add", name: "cccc", value: "3333" },
          { op: "add", name: "dddd", value: "44444444444444444444" },
        ] as const;
        t.step("new DynamicTable(100); add 4 entries of 40, 40, 40 and 56 octets");
        const steps = await table(t, { maxSize: 100, ops: [...ops] });
        expectTable(ok(steps[1]!, "add").table, [["bbbb", "2222"], ["aaaa", "1111"]], 80, "after two adds", 100);
        expectTable(ok(steps[2]!, "add").table, [["cccc", "3333"], ["bbbb", "2222"]], 80, "after the third add (aaaa evicted)");
        expectTable(ok(steps[3]!, "add").table, [["dddd", "44444444444444444444"], ["cccc", "3333"]], 96, "after the fourth add (bbbb evicted: 40 + 56 fits in 100)");
      },
    );

    it(
      "empties itself, without error, for an entry larger than the table",
      { points: 3, rule: RULES.eviction, hint: "An entry larger than maxSize is not an error: evict everything, and do not add it. The table's size must never pass maxSize." },
      async (t) => {
        t.step("new DynamicTable(100); add two small entries, then one of 33 + 70 = 103 octets");
        const steps = await table(t, {
          maxSize: 100,
          ops: [
            { op: "add", name: "a", value: "1" },
            { op: "add", name: "b", value: "2" },
            { op: "add", name: "c", value: "x".repeat(70) },
            { op: "add", name: "d", value: "4" },
          ],
        });
        expectTable(ok(steps[2]!, "add of the large entry").table, [], 0, "after adding an entry larger than the table");
        expectTable(ok(steps[3]!, "add after it").table, [["d", "4"]], 34, "after one more small entry");
        const block = literal("indexing", "c", "x".repeat(70)) + indexed(2);
        t.step(`and in a Decoder(100): a literal with indexing of 103 octets, then 82 (${block.slice(0, 16)}…)`);
        const runs = await decodeRuns(t, [{ maxTableSize: 100, blocks: [literal("indexing", "a", "1") + block] }]);
        const step = ok(runs[0]![0]!, "Decoder(100).decode") as Extract<DecodeStep, { headers: unknown }>;
        expectHeaders(step.headers, [["a", "1"], ["c", "x".repeat(70)], [":method", "GET"]], "the decoded list");
        expectTable(step.table, [], 0, "the decoder's table after the large entry");
      },
    );

    it(
      "shrinks with setMaxSize and reads entries with get(0) = newest",
      { points: 2, rule: RULES.maxSize, hint: "setMaxSize evicts oldest entries until size <= the new maximum; get(0) is HPACK index 62, the newest entry." },
      async (t) => {
        t.step("add a:1, b:2, c:3 (34 octets each); get(0); get(2); setMaxSize(70); setMaxSize(0)");
        const steps = await table(t, {
          ops: [
            { op: "add", name: "a", value: "1" },
            { op: "add", name: "b", value: "2" },
            { op: "add", name: "c", value: "3" },
            { op: "get", index: 0 },
            { op: "get", index: 2 },
            { op: "setMaxSize", size: 70 },
            { op: "setMaxSize", size: 0 },
          ],
        });
        const got0 = ok(steps[3]!, "get(0)").got;
        const got2 = ok(steps[4]!, "get(2)").got;
        if (got0?.[0] !== "c" || got2?.[0] !== "a") fail(`get(0) returned ${JSON.stringify(got0)} and get(2) ${JSON.stringify(got2)}; expected ["c","3"] (newest) and ["a","1"] (oldest)`);
        expectTable(ok(steps[5]!, "setMaxSize(70)").table, [["c", "3"], ["b", "2"]], 68, "after setMaxSize(70)", 70);
        expectTable(ok(steps[6]!, "setMaxSize(0)").table, [], 0, "after setMaxSize(0)", 0);
      },
    );
  });

  describe("decoder", () => {
    it(
      "decodes each example of RFC 7541 C.2 with an empty table",
      { points: 2, rule: RULES.representations, hint: "04 is a literal without indexing (name index 4, :path); 10 is never indexed with a new name. Neither goes into the table." },
      async (t) => {
        for (const example of C2) await checkDecodeSequence(t, [example], undefined, example.section);
      },
    );

    it("decodes the requests of RFC 7541 C.3 with one context", { points: 2, rule: RULES.context, hint: "Keep one DynamicTable in the Decoder for all blocks: be (62) and bf (63) refer to entries added by earlier blocks." }, decodeSequenceTest(C3));
    it("decodes the requests of RFC 7541 C.4 (Huffman) with one context", { points: 2, rule: RULES.context, hint: "Same as C.3, with Huffman-coded strings (H bit set in the length byte)." }, decodeSequenceTest(C4));
    it("decodes the responses of RFC 7541 C.5 in a 256-byte table", { points: 2, rule: RULES.eviction, hint: "The table holds 256 octets: adding :status: 307 evicts :status: 302; the third block evicts location and :status: 307." }, decodeSequenceTest(C5));
    it("decodes the responses of RFC 7541 C.6 (Huffman) in a 256-byte table", { points: 2, rule: RULES.eviction, hint: "Same evictions as C.5; the strings are Huffman-coded." }, decodeSequenceTest(C6));

    it(
      "rejects index 0 and indices past the tables",
      { points: 2, rule: RULES.indexSpace, hint: "Index 0 is never valid; with k dynamic entries the last valid index is 61 + k. Check before reading an array (an undefined entry is not a header)." },
      async (t) => {
        await expectRejected(t, [
          { hex: "80", why: "index 0" },
          { hex: indexed(62), why: "index 62 with an empty dynamic table" },
          { hex: literal("indexing", "a", "1") + indexed(63), why: "index 63 with one dynamic entry" },
          { hex: literal("without", 62, "v"), why: "a literal whose name index 62 is past the tables" },
          { hex: indexed(1000), why: "index 1000" },
        ]);
      },
    );

    it(
      "takes size updates only at the start of a block, up to the limit",
      { points: 4, rule: RULES.sizeUpdate, hint: "Remember whether a field was decoded in this block; a size update after one is an error, as is one over the maxTableSize the Decoder was made with." },
      async (t) => {
        await expectRejected(t, [
          { hex: indexed(2) + sizeUpdate(100), why: "a size update after the first field" },
          { hex: sizeUpdate(0) + indexed(2) + sizeUpdate(0), why: "a size update after a field, even after one at the start" },
          { hex: "3fe21f", why: "a size update to 4097, over the limit of 4096" },
        ]);
        t.step("Decoder(): two size updates at the start (to 0, then 4096), then 82, then a block after C.3 that shrinks the table to 110");
        const runs = await decodeRuns(t, [
          { blocks: [sizeUpdate(0) + sizeUpdate(4096) + indexed(2)] },
          { blocks: [...C3.blocks.map((b) => b.hex), sizeUpdate(110) + indexed(63)] },
          { maxTableSize: 256, blocks: [sizeUpdate(256) + indexed(2)] },
        ]);
        const first = ok(runs[0]![0]!, "decode(20 3fe11f 82)") as Extract<DecodeStep, { headers: unknown }>;
        expectHeaders(first.headers, [[":method", "GET"]], "two size updates then 82");
        expectTable(first.table, [], 0, "after the size updates", 4096);
        const shrunk = ok(runs[1]![3]!, "decode(size update to 110, bf)") as Extract<DecodeStep, { headers: unknown }>;
        expectTable(shrunk.table, [["custom-key", "custom-value"], ["cache-control", "no-cache"]], 107, "after C.3 and a size update to 110", 110);
        expectHeaders(shrunk.headers, [["cache-control", "no-cache"]], "bf after the update (index 63 is now cache-control)");
        expectHeaders(ok(runs[2]![0]!, "Decoder(256): update to 256").headers as Header[], [[":method", "GET"]], "Decoder(256), update to 256 (the limit itself)");
      },
    );

    it(
      "rejects blocks that end inside a field",
      { points: 2, rule: RULES.string, hint: "Before reading a string's octets, check that length octets are left; an integer or a string cut short is a decoding error, not an empty value." },
      async (t) => {
        const c31 = C3.blocks[0]!.hex;
        await expectRejected(t, [
          { hex: c31.slice(0, -2), why: "the value of :authority is one byte short" },
          { hex: "828684410f", why: "the value's length byte, and no value" },
          { hex: "400a6375", why: "the name is cut short" },
          { hex: "41", why: "a literal with no value" },
          { hex: "ff", why: "an index whose integer is cut short" },
          { hex: "40", why: "a literal with a new name and nothing after" },
        ]);
      },
    );

    it(
      "keeps duplicate names, in order",
      { points: 2, rule: RULES.headerList, hint: "Return an array of [name, value] pairs in block order; a Map or an object would merge fields with the same name." },
      async (t) => {
        const block = literal("indexing", 32, "a=1") + literal("without", 32, "b=2") + indexed(62) + indexed(2) + literal("never", 32, "c=3") + indexed(62);
        await checkDecodeSequence(t, [{ hex: block, headers: [["cookie", "a=1"], ["cookie", "b=2"], ["cookie", "a=1"], [":method", "GET"], ["cookie", "c=3"], ["cookie", "a=1"]] }]);
      },
    );

    it(
      "decodes UTF-8 names and values and sizes them in octets",
      { points: 2, rule: RULES.entrySize, hint: "Decode string octets with TextDecoder (UTF-8) and size entries by octets: x-ünï is 7 octets, not 5." },
      async (t) => {
        const fields: Header[] = [["x-ünï", "naïve café"], ["x-emoji", "🙂 ok"]];
        const block = literal("indexing", fields[0]![0], fields[0]![1]) + literal("indexing", fields[1]![0], fields[1]![1], true);
        const size = fields.reduce((n, f) => n + entryBytes(f), 0);
        await checkDecodeSequence(t, [{ hex: block, headers: fields, table: [...fields].reverse(), size }]);
      },
    );

    it(
      "decodes the nghttp2 corpus in order with one Decoder",
      { points: 4, rule: RULES.interop, hint: "These blocks come from a real peer: it uses the dynamic table, never-indexed fields, Huffman strings, a size update (3f e1 01) after the table shrank, and UTF-8 octets in values." },
      async (t) => {
        t.step(`${CORPUS.blocks.length} blocks recorded with ${CORPUS.recordedWith}`);
        // The tests' decoder says how each block is written, so a failure names the representation and its offset.
        const reader = new ReferenceDecoder();
        await checkDecodeSequence(t, CORPUS.blocks.map((b) => ({ ...b, notes: reader.read(fromHex(b.hex)).notes })), undefined, "nghttp2 block");
      },
    );
  });

  describe("encoder", () => {
    it("encodes the requests of RFC 7541 C.3 (no Huffman) byte for byte", { points: 2, rule: RULES.policy, hint: "be is :authority: www.example.com, added by the first block; cache-control: no-cache is a literal with indexing whose name is static 24 (58)." }, encodeSequenceTest(C3));
    it("encodes the requests of RFC 7541 C.4 (Huffman) byte for byte", { points: 2, rule: RULES.policy, hint: "With huffman: true every string literal is Huffman-coded, as in the RFC." }, encodeSequenceTest(C4));
    it("encodes the responses of RFC 7541 C.5 in a 256-byte table", { points: 2, rule: RULES.policy, hint: "Name indices come from the smallest match: :status is static 8, date 33 (even when the dynamic table also has a date)." }, encodeSequenceTest(C5));
    it("encodes the responses of RFC 7541 C.6 (Huffman) in a 256-byte table", { points: 2, rule: RULES.policy, hint: "Same choices as C.5, with every string Huffman-coded (\"307\" too, though it does not get shorter)." }, encodeSequenceTest(C6));

    it(
      "never indexes sensitive fields, and keeps them out of the table",
      { points: 3, rule: RULES.policy, hint: "sensitive: true means the never-indexed representation (first byte 0001xxxx), every time, even for a field the table holds; do not add it to the table." },
      async (t) => {
        const blocks = [
          { headers: [{ name: "password", value: "secret", sensitive: true }], huffman: false },
          { headers: [{ name: "authorization", value: "Basic dXNlcg==", sensitive: true }, ["password", "secret"] as Header], huffman: false },
          { headers: [{ name: "password", value: "secret", sensitive: true }, { name: "accept", value: "*/*", sensitive: false }], huffman: false },
        ];
        const expected = [
          "100870617373776f726406736563726574", // RFC 7541 C.2.3
          literal("never", 23, "Basic dXNlcg==") + literal("indexing", "password", "secret"),
          literal("never", 62, "secret") + literal("indexing", 19, "*/*"),
        ];
        const steps = await encode(t, { blocks });
        for (const [i, block] of blocks.entries()) {
          const what = `Encoder.encode(${JSON.stringify(block.headers)})`;
          t.step(what);
          expectHex(okHex(steps[i]!, what), expected[i]!, what);
        }
        expectTable(ok(steps[0]!, "block 1").table, [], 0, "after a sensitive field alone");
      },
    );

    it(
      "sends an entry larger than the table without indexing",
      { points: 2, rule: RULES.policy, hint: "If name + value + 32 > the table's maxSize, adding it would only empty the table: use a literal without indexing (0000xxxx) and leave the table alone." },
      async (t) => {
        const big = "v".repeat(300);
        const steps = await encode(t, {
          maxTableSize: 256,
          blocks: [{ headers: [["x-a", "1"], ["x-big", big], ["cookie", big]], huffman: false }],
        });
        const expected = literal("indexing", "x-a", "1") + literal("without", "x-big", big) + literal("without", 32, big);
        t.step("Encoder(256).encode([[x-a, 1], [x-big, 300 × v], [cookie, 300 × v]], { huffman: false })");
        const done = ok(steps[0]!, "encode");
        expectHex(done.hex, expected, "Encoder(256).encode");
        expectTable(done.table, [["x-a", "1"]], 36, "the encoder's table");
      },
    );

    it(
      "starts the next block with the size update after setMaxTableSize",
      { points: 3, rule: RULES.encoderSizeUpdate, hint: "Remember the smallest size set since the last block and the final one; emit 001xxxxx updates first thing in the next block (smallest first if it is below the final), then never again until the next change." },
      async (t) => {
        const request: Header[] = [[":authority", "www.example.com"]];
        const steps = await encode(t, {
          blocks: [
            { headers: request, huffman: false },
            { headers: request, huffman: false, setMaxTableSize: 0 },
            { headers: request, huffman: false, setMaxTableSize: 4096 },
            { headers: request, huffman: false },
          ],
        });
        const authority = literal("indexing", 1, "www.example.com");
        const expected = [authority, sizeUpdate(0) + literal("without", 1, "www.example.com"), sizeUpdate(4096) + authority, indexed(62)];
        const labels = ["first block", "after setMaxTableSize(0)", "after setMaxTableSize(4096)", "one more block, no change"];
        for (const [i, hex] of expected.entries()) {
          t.step(`${labels[i]}: encode [${field(request[0]!)}]`);
          expectHex(okHex(steps[i]!, labels[i]!), hex, `Encoder.encode (${labels[i]})`);
        }
        // Two changes before one block: the smallest size, then the final one (RFC 7541 §4.2).
        const merged = await encode(t, {
          blocks: [
            { headers: request, huffman: false },
            { headers: request, huffman: false, setMaxTableSize: [0, 100] },
            { headers: [], setMaxTableSize: [200, 150] },
          ],
        });
        t.step("encode [:authority]; setMaxTableSize(0), setMaxTableSize(100), encode it again; setMaxTableSize(200), (150), encode []");
        expectHex(okHex(merged[1]!, "second block"), sizeUpdate(0) + sizeUpdate(100) + authority, "the block after setMaxTableSize(0) and (100)");
        expectHex(okHex(merged[2]!, "third block"), sizeUpdate(150), "the block after setMaxTableSize(200) and (150): only the final size, as none was below it");
      },
    );

    it(
      "writes UTF-8 names and values as UTF-8 octets",
      { points: 2, rule: RULES.string, hint: "Encode with TextEncoder; the length prefix counts octets." },
      async (t) => {
        const headers: Header[] = [["x-ünï", "naïve café 日本 🙂"]];
        t.step(`encode ${JSON.stringify(headers)} with huffman false, then true`);
        const steps = await encode(t, { blocks: [{ headers, huffman: false }, { headers: [["x-other", "日本"]], huffman: true }] });
        expectHex(okHex(steps[0]!, "encode"), literal("indexing", headers[0]![0], headers[0]![1]), "Encoder.encode, raw");
        expectHex(okHex(steps[1]!, "encode"), literal("indexing", "x-other", "日本", true), "Encoder.encode, Huffman");
      },
    );
  });

  describe("round trips", () => {
    it(
      "your encoder → your decoder: seeded random header lists",
      { points: 3, rule: RULES.roundTrip, hint: "The steps show the failing list. Encoder and Decoder must keep identical tables: same sizes, same evictions." },
      async (t) => {
        const lists = randomHeaderLists(t.seed, "hpack:self", 60);
        for (const huffman of [true, false]) {
          const steps = await encode(t, { maxTableSize: 512, decode: true, blocks: lists.map((headers) => ({ headers, huffman })) });
          for (const [i, headers] of lists.entries()) {
            const what = `seed ${t.seed}, huffman ${huffman}, list ${i + 1} of ${lists.length}`;
            t.step(`${what}: ${JSON.stringify(headers).slice(0, 200)}`);
            const done = ok(steps[i]!, `Encoder.encode (${what})`);
            const decoded = ok(done.decoded!, `Decoder.decode (${what}) of ${done.hex.slice(0, 60)}`) as Extract<DecodeStep, { headers: unknown }>;
            expectHeaders(decoded.headers, plain(headers), what);
          }
        }
      },
    );
  });
  edgeTests(registry);
  propertyTests(registry);
});
