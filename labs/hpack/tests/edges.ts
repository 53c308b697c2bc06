/**
 * Hidden tests at the edges issue 11 found open: integers whose fifth
 * continuation group passes 32 bits, the 5-continuation-byte limit, Huffman
 * padding of exactly 8 bits, entries that fit the table exactly (and one
 * octet more), and what the decoder does with uppercase names and a
 * leading U+FEFF. Registered by hidden.ts.
 */
import { fail, type defineTests } from "#labs/kit/index.ts";
import type { DecodeStep, Header } from "../scenarios.ts";
import { indexed, literal } from "./blocks.ts";
import { decodeRuns, encode, expectError, expectHeaders, expectHex, expectRejected, expectTable, hexOf, integers, ok, okHex, strings, table, utf8 } from "./check.ts";
import { huffman } from "./oracle/huffman.ts";
import { RULES } from "./rules.ts";

type Registry = Parameters<Parameters<typeof defineTests>[0]>[0];
type Decoded = Extract<DecodeStep, { headers: unknown }>;

export function edgeTests({ describe, it }: Registry): void {
  describe("integers at 32 bits", () => {
    it(
      "rejects an integer whose fifth continuation group passes 2^31 − 1, even where a 32-bit shift would wrap it",
      {
        points: 3,
        rule: RULES.integerLimit,
        hint: "The fifth group is shifted by 28 bits: (16 << 28) is 0 and (8 << 28) is negative in JavaScript's 32-bit shifts. Add group × 128^k with plain numbers (or check the group before shifting) and compare the total with 2^31 − 1.",
      },
      async (t) => {
        const valid = [
          { hex: "1fe0ffffff07", value: 0x7fffffff, why: "2^31 − 1 itself, with a 5-bit prefix (31 + 2147483616)" },
          { hex: "01feffffff07", value: 0x7fffffff, why: "2^31 − 1 with a 1-bit prefix (1 + 2147483646)" },
        ];
        const bad = [
          { hex: "1fe1ffffff07", why: "2^31, one more than the limit" },
          { hex: "1f8080808008", why: "31 + 8·2^28 = 2^31 + 31 (a 32-bit shift makes it negative)" },
          { hex: "1f8080808010", why: "31 + 16·2^28 = 2^32 + 31 (a 32-bit shift wraps it to 31)" },
          { hex: "1fffffffff7f", why: "31 + 2^35 − 1" },
          { hex: "ff8080808008", why: "255 + 2^31 with an 8-bit prefix" },
        ];
        const results = await integers(t, [...valid, ...bad].map(({ hex }) => ({ op: "decode", hex, prefixBits: hex.startsWith("01") ? 1 : hex.startsWith("ff") ? 8 : 5 })));
        for (const [i, c] of valid.entries()) {
          const what = `decodeInteger(${c.hex}, 0, ${c.hex.startsWith("01") ? 1 : 5})`;
          t.step(`${what}: ${c.why}`);
          const got = ok(results[i]!, what) as { value: number; next: number };
          if (got.value !== c.value || got.next !== 6) fail(`${what} returned ${JSON.stringify(got)}, expected { value: ${c.value}, next: 6 } (${c.why})`);
        }
        for (const [i, c] of bad.entries()) {
          const what = `decodeInteger(${c.hex}, 0, ${c.hex.startsWith("ff") ? 8 : 5})`;
          t.step(`${what}: ${c.why}`);
          expectError(results[valid.length + i], what, c.why);
        }
        await expectRejected(t, [
          { hex: "007f8080808008", why: "a new name whose length is 127 + 2^31 (wrapped negative, a decoder may walk backwards forever)" },
          { hex: "3f808080801082", why: "a size update to 2^32 + 31 (wrapped to 31, it would look valid)" },
          { hex: "ff8080808008", why: "an index of 127 + 2^31" },
          { hex: "41ff8080808010" + hexOf(utf8("x")), why: "a value whose length is 127 + 2^32 (wrapped to 127)" },
        ]);
      },
    );

    it(
      "reads up to 5 continuation bytes, zero groups included, and rejects a sixth",
      {
        points: 2,
        rule: RULES.integerBytes,
        hint: "Count continuation bytes, not the value: 1f 80 80 80 80 00 is 31 written with 5 continuation bytes (allowed), 1f 80 80 80 80 80 00 uses 6 (an error, though the value is small).",
      },
      async (t) => {
        const cases = [
          { hex: "1f8000", result: { value: 31, next: 3 } },
          { hex: "1f8080808000", result: { value: 31, next: 6 } },
          { hex: "1f8180808000", result: { value: 32, next: 6 } },
          { hex: "1f808080808000", result: undefined },
          { hex: "1f8080808080808001", result: undefined },
        ];
        const results = await integers(t, cases.map(({ hex }) => ({ op: "decode", hex, prefixBits: 5 })));
        for (const [i, c] of cases.entries()) {
          const what = `decodeInteger(${c.hex}, 0, 5)`;
          t.step(`${what}: ${c.hex.length / 2 - 1} continuation bytes`);
          if (c.result === undefined) {
            expectError(results[i], what, `${c.hex.length / 2 - 1} continuation bytes, more than the 5 this lab allows`);
            continue;
          }
          const got = ok(results[i]!, what) as { value: number; next: number };
          if (got.value !== c.result.value || got.next !== c.result.next) fail(`${what} returned ${JSON.stringify(got)}, expected ${JSON.stringify(c.result)}`);
        }
        await expectRejected(t, [{ hex: "3f80808080800082", why: "a size update written with 6 continuation bytes" }]);
        t.step("decode 3f 80 80 80 80 00 82: a size update to 31 written with 5 continuation bytes, then :method: GET");
        const [run] = await decodeRuns(t, [{ blocks: ["3f808080800082"] }]);
        const done = ok(run![0]!, "Decoder.decode(3f808080800082)") as Decoded;
        expectHeaders(done.headers, [[":method", "GET"]], "3f 80 80 80 80 00 82");
        expectTable(done.table, [], 0, "after the size update to 31", 31);
      },
    );
  });

  describe("Huffman padding of exactly 8 bits", () => {
    it(
      "rejects a whole byte of padding after a code that ends on a byte boundary",
      {
        points: 2,
        rule: RULES.huffmanErrors,
        hint: "Padding is the bits after the last whole symbol; 8 of them is already too many (RFC 7541 §5.2: more than 7). Count them across bytes: a string whose codes end exactly at a byte boundary must not be followed by ff.",
      },
      async (t) => {
        const eight = huffman(utf8("aaaaaaaa")); // 8 × 5 bits = 40 bits: no padding at all
        const seven = huffman(utf8("aaaaa")); // 25 bits: 7 bits of padding
        const bad = [
          { hex: "ff", why: "an empty string followed by 8 bits of padding" },
          { hex: hexOf(eight) + "ff", why: "aaaaaaaa (40 bits, a whole number of bytes) followed by 8 bits of padding" },
          { hex: hexOf(huffman(utf8("0"))).slice(0, -2) + "07ff", why: "'0' (00000) followed by 3 + 8 = 11 bits of padding" },
        ];
        const results = await strings(t, [
          { op: "huffmanDecode", hex: hexOf(eight) },
          { op: "huffmanDecode", hex: hexOf(seven) },
          { op: "huffmanDecode", hex: "" },
          ...bad.map(({ hex }) => ({ op: "huffmanDecode", hex }) as const),
        ]);
        for (const [i, [hex, text]] of ([[hexOf(eight), "aaaaaaaa"], [hexOf(seven), "aaaaa"], ["", ""]] as const).entries()) {
          t.step(`huffmanDecode(${hex || "(empty)"}): valid, ${JSON.stringify(text)} with ${[0, 7, 0][i]} bits of padding`);
          expectHex(okHex(results[i]!, `huffmanDecode(${hex})`), hexOf(utf8(text)), `huffmanDecode(${hex || "(empty)"})`);
        }
        for (const [i, c] of bad.entries()) {
          t.step(`huffmanDecode(${c.hex}): ${c.why}`);
          expectError(results[3 + i], `huffmanDecode(${c.hex})`, c.why);
        }
        const value = Uint8Array.from([...eight, 0xff]);
        await expectRejected(t, [{ hex: "4001" + hexOf(utf8("x")) + hexOf(Uint8Array.of(0x80 | value.length)) + hexOf(value), why: "a value with exactly 8 bits of Huffman padding" }]);
      },
    );
  });

  describe("entries that fit exactly", () => {
    it(
      "keeps an entry that makes the table exactly maxSize, and evicts for one octet more",
      {
        points: 3,
        rule: RULES.exactFit,
        hint: "Evict while size + new > maxSize (strictly greater): three 40-octet entries fit in 120, not in 119. An entry of exactly maxSize is added; maxSize + 1 empties the table.",
      },
      async (t) => {
        const three = [["aaaa", "1111"], ["bbbb", "2222"], ["cccc", "3333"]] as const;
        const adds = three.map(([name, value]) => ({ op: "add", name, value }) as const);
        t.step("DynamicTable(120): add three entries of 40 octets (120 in all), then d: (33 octets); setMaxSize(113), setMaxSize(112)");
        const fit = await table(t, { maxSize: 120, ops: [...adds, { op: "add", name: "d", value: "" }, { op: "setMaxSize", size: 113 }, { op: "setMaxSize", size: 112 }] });
        expectTable(ok(fit[2]!, "third add").table, [["cccc", "3333"], ["bbbb", "2222"], ["aaaa", "1111"]], 120, "DynamicTable(120) after three 40-octet entries (exactly 120)", 120);
        expectTable(ok(fit[3]!, "add d").table, [["d", ""], ["cccc", "3333"], ["bbbb", "2222"]], 113, "after adding d: (33 octets; 153 > 120 evicts aaaa)");
        expectTable(ok(fit[4]!, "setMaxSize(113)").table, [["d", ""], ["cccc", "3333"], ["bbbb", "2222"]], 113, "after setMaxSize(113), exactly the size", 113);
        expectTable(ok(fit[5]!, "setMaxSize(112)").table, [["d", ""], ["cccc", "3333"]], 73, "after setMaxSize(112), one octet less", 112);
        t.step("DynamicTable(119): the same three entries (one octet short)");
        const over = await table(t, { maxSize: 119, ops: adds });
        expectTable(ok(over[2]!, "third add").table, [["cccc", "3333"], ["bbbb", "2222"]], 80, "DynamicTable(119) after three 40-octet entries (aaaa evicted)", 119);
        t.step("DynamicTable(40) and DynamicTable(39): add a:1, then aaaa: 1111 (40 octets)");
        const whole = await table(t, { maxSize: 40, ops: [{ op: "add", name: "a", value: "1" }, adds[0]] });
        const tooBig = await table(t, { maxSize: 39, ops: [{ op: "add", name: "a", value: "1" }, adds[0]] });
        expectTable(ok(whole[1]!, "add").table, [["aaaa", "1111"]], 40, "DynamicTable(40) after an entry of exactly 40 octets", 40);
        expectTable(ok(tooBig[1]!, "add").table, [], 0, "DynamicTable(39) after an entry of 40 octets", 39);
      },
    );

    it(
      "decodes and encodes at the exact fit too",
      {
        points: 2,
        rule: RULES.exactFit,
        hint: "The Decoder's and the Encoder's tables follow the same rule: 120 octets fit in 120. The encoder's 'too big' test is size > maxSize, so an entry of exactly maxSize is indexed.",
      },
      async (t) => {
        const block = literal("indexing", "aaaa", "1111") + literal("indexing", "bbbb", "2222") + literal("indexing", "cccc", "3333") + indexed(64);
        t.step(`Decoder(120): three literals with indexing of 40 octets, then index 64 (the oldest): ${block}`);
        const [run] = await decodeRuns(t, [{ maxTableSize: 120, blocks: [block] }]);
        const done = ok(run![0]!, "Decoder(120).decode") as Decoded;
        expectHeaders(done.headers, [["aaaa", "1111"], ["bbbb", "2222"], ["cccc", "3333"], ["aaaa", "1111"]], "Decoder(120)");
        expectTable(done.table, [["cccc", "3333"], ["bbbb", "2222"], ["aaaa", "1111"]], 120, "Decoder(120)'s table", 120);
        await expectRejected(t, [{ hex: block, why: "in a Decoder(119) aaaa was evicted, so index 64 is past the tables" }], 119);
        const field: Header = ["aaaa", "1111"];
        const fits = await encode(t, { maxTableSize: 40, blocks: [{ headers: [field], huffman: false }, { headers: [field], huffman: false }] });
        const over = await encode(t, { maxTableSize: 39, blocks: [{ headers: [field], huffman: false }, { headers: [field], huffman: false }] });
        t.step("Encoder(40) and Encoder(39): encode [aaaa: 1111] (40 octets) twice");
        expectHex(okHex(fits[0]!, "Encoder(40) block 1"), literal("indexing", "aaaa", "1111"), "Encoder(40), first block (40 ≤ 40: indexed into the table)");
        expectHex(okHex(fits[1]!, "Encoder(40) block 2"), indexed(62), "Encoder(40), second block (now in the table: index 62)");
        expectHex(okHex(over[0]!, "Encoder(39) block 1"), literal("without", "aaaa", "1111"), "Encoder(39), first block (40 > 39: without indexing)");
        expectHex(okHex(over[1]!, "Encoder(39) block 2"), literal("without", "aaaa", "1111"), "Encoder(39), second block");
      },
    );
  });

  describe("names and values as they are", () => {
    const bom = "\ufeff";
    it(
      "encodes indices past 126 with the 7-bit prefix and continuation bytes",
      {
        points: 2,
        rule: `${RULES.representations}; RFC 7541 §5.1: a value of 2^N − 1 or more fills the prefix and continues`,
        hint: "An indexed field is 1xxxxxxx with a 7-bit prefix: index 127 and up is 0xff followed by continuation bytes, never one byte 0x80 | index.",
      },
      async (t) => {
        // 70 entries of 3 + 1 + 32 = 36 octets (2,520 in all) fit the default 4,096: the oldest ends at index 62 + 69 = 131.
        const fields: Header[] = Array.from({ length: 70 }, (_, i) => [`x${String(i).padStart(2, "0")}`, "v"]);
        t.step("Encoder (table 4096): encode x00..x69 (value v, no Huffman) twice; the second block is all indexed fields");
        const encoded = await encode(t, { blocks: [{ headers: fields, huffman: false }, { headers: fields, huffman: false }] });
        const expected = fields.map((_, i) => indexed(62 + 69 - i)).join("");
        expectHex(okHex(encoded[1]!, "encode"), expected, "the second block (x00 is index 131 = ff 04, … x69 is index 62 = be)");
      },
    );

    it(
      "keeps uppercase names and a leading U+FEFF, in both directions",
      {
        points: 2,
        rule: RULES.fieldText,
        hint: "Do not lowercase, trim or reject anything: HPACK carries octets. A plain new TextDecoder() drops a leading U+FEFF (ef bb bf); use new TextDecoder(\"utf-8\", { ignoreBOM: true }). Names are compared exactly, so Content-Type is not static entry 31.",
      },
      async (t) => {
        const fields: Header[] = [["X-Custom", "Value"], ["Content-Type", "text/html"], [`${bom}bom`, `${bom}v`]];
        const block = literal("indexing", "X-Custom", "Value") + literal("without", "Content-Type", "text/html", true) + indexed(62) + literal("indexing", `${bom}bom`, `${bom}v`, true);
        t.step(`decode ${block}: X-Custom (raw), Content-Type (Huffman), index 62, then a name and a value that start with ef bb bf`);
        const [run] = await decodeRuns(t, [{ blocks: [block] }]);
        const done = ok(run![0]!, "Decoder.decode") as Decoded;
        expectHeaders(done.headers, [fields[0]!, fields[1]!, fields[0]!, fields[2]!], "uppercase names and U+FEFF");
        expectTable(done.table, [fields[2]!, fields[0]!], 42 + 45, "the decoder's table (\\ufeffbom: \\ufeffv is 6 + 4 + 32 = 42 octets)");
        const results = await strings(t, [
          { op: "decodeString", hex: "03efbbbf" },
          { op: "encodeString", value: bom, huffman: false },
        ]);
        t.step("decodeString(03efbbbf, 0) and encodeString(\"\\ufeff\", false)");
        const got = ok(results[0]!, "decodeString(03efbbbf, 0)") as { value: string; next: number };
        if (got.value !== bom || got.next !== 4) fail(`decodeString(03efbbbf, 0) returned ${JSON.stringify(got).replace(bom, "\\ufeff")}, expected { value: "\\ufeff", next: 4 }: the octets ef bb bf are U+FEFF, and it stays`);
        expectHex(okHex(results[1]!, "encodeString"), "03efbbbf", 'encodeString("\\ufeff", false)');
        const encoded = await encode(t, { blocks: [{ headers: [fields[1]!, fields[2]!], huffman: false }] });
        t.step("Encoder: encode [Content-Type: text/html, \\ufeffbom: \\ufeffv] without Huffman");
        expectHex(okHex(encoded[0]!, "encode"), literal("indexing", "Content-Type", "text/html") + literal("indexing", `${bom}bom`, `${bom}v`), "Encoder.encode (new names: no table has Content-Type or \\ufeffbom)");
      },
    );
  });
}
