/**
 * Public tests for the dns lab: one fixed case per stage, the expected bytes
 * and answers written out (RFC 1035 §4.1 layouts; recorded real messages from
 * fixtures/recorded.json). The hidden tests check much more.
 */
import { defineTests } from "#labs/kit/index.ts";
import recorded from "../fixtures/recorded.json" with { type: "json" };
import type { MessageView } from "../scenarios.ts";
import { WORLD } from "../world.ts";
import { decodeAll, encodeAll, expectDecoded, expectEncoded, expectResolve } from "./check.ts";
import { RULES } from "./rules.ts";

const RECORDED = recorded.messages as readonly { name: string; source: string; hex: string; message: MessageView }[];

export default defineTests(({ describe, it }) => {
  describe("codec", () => {
    it(
      "encodes a query for www.example.com A, with and without EDNS(0)",
      { points: 3, rule: `${RULES.query}. ${RULES.opt}`, hint: "Header 12 34 01 00 00 01 00 00 00 00 00 00 (ARCOUNT 01 with EDNS), then 03 w w w 07 e x a m p l e 03 c o m 00, 00 01, 00 01, then the OPT record 00 00 29 04 d0 00 00 00 00 00 00." },
      async (t) => {
        const plain = { id: 0x1234, name: "www.example.com", type: 1, rd: true, edns: null };
        const edns = { id: 0xbeef, name: "www.example.com", type: 1, rd: false, edns: { udpSize: 1232, dnssecOk: false } };
        const [a, b] = await encodeAll(t, [plain, edns]);
        expectEncoded(t, plain, a!, "12 34 01 00 00 01 00 00 00 00 00 00 03 77 77 77 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 01 00 01", "RFC 1035 §4.1");
        expectEncoded(
          t,
          edns,
          b!,
          "be ef 00 00 00 01 00 00 00 00 00 01 03 77 77 77 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 01 00 01 00 00 29 04 d0 00 00 00 00 00 00",
          "RFC 6891 §6.1.2: OPT with CLASS 1232 (04 d0)",
        );
      },
    );

    it(
      "decodes a real response whose answer's name is a compression pointer",
      { points: 3, rule: `${RULES.header}. ${RULES.compression}`, hint: "c0 0c is a pointer to offset 12, where the question's name google.com starts; the A record's data is 4 bytes: 8e fb 2a ee = 142.251.42.238." },
      async (t) => {
        const response = RECORDED[1]!;
        t.step(`recorded: ${response.name} (${response.source})`);
        const [got] = await decodeAll(t, [response.hex]);
        expectDecoded(t, response.name, response.hex, got!, response.message, "a valid response");
      },
    );
  });

  describe("resolver", () => {
    it(
      "resolves www.example.com from the root, following referrals with glue",
      { points: 3, rule: RULES.referral, hint: "Ask the root; its reply has no answer but NS records for com in the authority section and their A records (glue) in the additional section: ask those addresses next, until a reply holds the answer." },
      (t) =>
        expectResolve(t, { ...WORLD, seed: t.seed, lookups: [{ name: "www.example.com", type: 1, atMs: 0 }] }, [
          {
            queries: ["198.41.0.4 UDP www.example.com A", "192.5.6.30 UDP www.example.com A", "203.0.113.53 UDP www.example.com A"],
            rcode: 0,
            records: ["www.example.com 300 A 203.0.113.10"],
          },
        ]),
    );

    it(
      "answers NXDOMAIN for a name that does not exist",
      { points: 2, rule: RULES.negative, hint: "RCODE 3 in the last server's reply: answer { kind: \"answer\", rcode: 3, records: [] }." },
      (t) =>
        expectResolve(t, { ...WORLD, seed: t.seed, lookups: [{ name: "nosuch.example.com", type: 1, atMs: 0 }] }, [
          { queries: ["198.41.0.4 UDP nosuch.example.com A", "192.5.6.30 UDP nosuch.example.com A", "203.0.113.53 UDP nosuch.example.com A"], rcode: 3, records: [] },
        ]),
    );
  });
});
