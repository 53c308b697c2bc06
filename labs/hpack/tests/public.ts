/**
 * Public tests for the hpack lab: the RFC 7541 Appendix C basics, one per
 * stage. The hidden tests check much more (see the instructions).
 */
import { defineTests } from "#labs/kit/index.ts";
import { checkDecodeSequence, checkEncodeSequence, expectHex, expectTable, integers, ok, okHex, strings, table } from "./check.ts";
import { C2, C3 } from "./rfc-examples.ts";
import { RULES } from "./rules.ts";

export default defineTests(({ describe, it }) => {
  describe("stage 1: integers", () => {
    it(
      "encodes the integers of RFC 7541 C.1",
      { points: 3, rule: RULES.integer, hint: "10 fits in 5 bits: 0a. 1337 does not: 1f, then 1337 − 31 = 1306 in 7-bit groups, low group first, with the top bit set on all but the last: 9a 0a." },
      async (t) => {
        const calls = [
          { op: "encode", value: 10, prefixBits: 5 },
          { op: "encode", value: 1337, prefixBits: 5 },
          { op: "encode", value: 42, prefixBits: 8 },
        ] as const;
        const results = await integers(t, [...calls]);
        const expected = ["0a", "1f9a0a", "2a"];
        for (const [i, call] of calls.entries()) {
          t.step(`encodeInteger(${call.value}, ${call.prefixBits})`);
          expectHex(okHex(results[i]!, `encodeInteger(${call.value}, ${call.prefixBits})`), expected[i]!, `encodeInteger(${call.value}, ${call.prefixBits})`);
        }
      },
    );
  });

  describe("stage 2–3: strings", () => {
    it(
      "encodes www.example.com raw and Huffman-coded (RFC 7541 C.3.1, C.4.1)",
      { points: 3, rule: RULES.string, hint: "Raw: the length with a 7-bit prefix (0f), then the octets. Huffman: set the top bit of the length byte, and the length counts the coded bytes (0x0c = 12)." },
      async (t) => {
        const results = await strings(t, [
          { op: "encodeString", value: "www.example.com", huffman: false },
          { op: "encodeString", value: "www.example.com", huffman: true },
        ]);
        t.step('encodeString("www.example.com", false)');
        expectHex(okHex(results[0]!, "encodeString raw"), "0f7777772e6578616d706c652e636f6d", 'encodeString("www.example.com", false)');
        t.step('encodeString("www.example.com", true)');
        expectHex(okHex(results[1]!, "encodeString Huffman"), "8cf1e3c2e5f23a6ba0ab90f4ff", 'encodeString("www.example.com", true)');
      },
    );
  });

  describe("stage 4: the dynamic table", () => {
    it(
      "adds entries newest first and counts 32 bytes of overhead each",
      { points: 3, rule: RULES.entrySize, hint: "custom-key (10 octets) + custom-header (13 octets) + 32 = 55. New entries go to the front: entries()[0] is the newest." },
      async (t) => {
        t.step("new DynamicTable(); add(custom-key, custom-header); add(:authority, www.example.com)");
        const steps = await table(t, { ops: [{ op: "add", name: "custom-key", value: "custom-header" }, { op: "add", name: ":authority", value: "www.example.com" }] });
        expectTable(ok(steps[0]!, "add").table, [["custom-key", "custom-header"]], 55, "after the first add", 4096);
        expectTable(ok(steps[1]!, "add").table, [[":authority", "www.example.com"], ["custom-key", "custom-header"]], 112, "after the second add");
      },
    );
  });

  describe("stage 5: the decoder", () => {
    it(
      "decodes RFC 7541 C.2.1 (literal with indexing) and C.2.4 (indexed)",
      { points: 3, rule: RULES.representations, hint: "Look at the top bits of the first byte to tell the representation. 40 = literal with indexing and a new name; 82 = indexed field 2 of the static table." },
      async (t) => {
        const [c21, , , c24] = C2;
        await checkDecodeSequence(t, [c21], undefined, c21.section);
        await checkDecodeSequence(t, [c24], undefined, c24.section);
      },
    );

    it(
      "decodes the first request of RFC 7541 C.3",
      { points: 3, rule: RULES.indexSpace, hint: "82 86 84 are static entries 2, 6 and 4; 41 is a literal with indexing whose name is static entry 1 (:authority)." },
      async (t) => {
        await checkDecodeSequence(t, C3.blocks.slice(0, 1), undefined, "C.3.1");
      },
    );
  });

  describe("stage 6: the encoder", () => {
    it(
      "encodes the first request of RFC 7541 C.3 without Huffman",
      { points: 3, rule: RULES.policy, hint: "Fields in the static table are indexed (82 86 84); :authority: www.example.com is not, so it is a literal with incremental indexing whose name is static index 1 (41)." },
      async (t) => {
        await checkEncodeSequence(t, C3.blocks.slice(0, 1), { huffman: false, name: "C.3.1" });
      },
    );
  });
});
