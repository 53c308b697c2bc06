/**
 * RFC 7541 Appendix C, as data: the header lists, the exact bytes, how each
 * block is written (its representations and their offsets, recorded from
 * the RFC's own walk-through and checked against the hidden tests' decoder
 * by test/labs/hpack-fixtures.test.ts) and the dynamic table after each
 * block. Data only: the public tests use it, so it holds no code that
 * answers a stage (issue 17).
 */
import type { Header } from "../scenarios.ts";
import type { FieldNote } from "./check.ts";

export interface ExampleBlock {
  readonly headers: Header[];
  readonly hex: string;
  /** The dynamic table afterwards, newest first, and its size. */
  readonly table: Header[];
  readonly size: number;
  /** Each representation: [offset, kind, index]. */
  readonly notes: readonly FieldNote[];
}

export interface ExampleSequence {
  readonly section: string;
  readonly maxTableSize: number;
  readonly huffman: boolean;
  readonly blocks: readonly ExampleBlock[];
}

const request1: Header[] = [[":method", "GET"], [":scheme", "http"], [":path", "/"], [":authority", "www.example.com"]];
const request2: Header[] = [...request1, ["cache-control", "no-cache"]];
const request3: Header[] = [[":method", "GET"], [":scheme", "https"], [":path", "/index.html"], [":authority", "www.example.com"], ["custom-key", "custom-value"]];
const requestTables: Header[][] = [
  [[":authority", "www.example.com"]],
  [["cache-control", "no-cache"], [":authority", "www.example.com"]],
  [["custom-key", "custom-value"], ["cache-control", "no-cache"], [":authority", "www.example.com"]],
];

const date1 = "Mon, 21 Oct 2013 20:13:21 GMT";
const date2 = "Mon, 21 Oct 2013 20:13:22 GMT";
const location = "https://www.example.com";
const cookie = "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";
const response1: Header[] = [[":status", "302"], ["cache-control", "private"], ["date", date1], ["location", location]];
const response2: Header[] = [[":status", "307"], ["cache-control", "private"], ["date", date1], ["location", location]];
const response3: Header[] = [[":status", "200"], ["cache-control", "private"], ["date", date2], ["location", location], ["content-encoding", "gzip"], ["set-cookie", cookie]];
const responseTables: Header[][] = [
  [["location", location], ["date", date1], ["cache-control", "private"], [":status", "302"]],
  [[":status", "307"], ["location", location], ["date", date1], ["cache-control", "private"]],
  [["set-cookie", cookie], ["content-encoding", "gzip"], ["date", date2]],
];

function sequence(
  section: string,
  maxTableSize: number,
  huffman: boolean,
  lists: Header[][],
  hexes: string[],
  tables: Header[][],
  sizes: number[],
  notes: FieldNote[][],
): ExampleSequence {
  return { section, maxTableSize, huffman, blocks: lists.map((headers, i) => ({ headers, hex: hexes[i]!, table: tables[i]!, size: sizes[i]!, notes: notes[i]! })) };
}

/** C.3 and C.4 write the same representations (only the strings' coding differs). */
const requestNotes: FieldNote[][] = [
  [[0, "indexed", 2], [1, "indexed", 6], [2, "indexed", 4], [3, "literal-indexed", 1]],
  [[0, "indexed", 2], [1, "indexed", 6], [2, "indexed", 4], [3, "indexed", 62], [4, "literal-indexed", 24]],
  [[0, "indexed", 2], [1, "indexed", 7], [2, "indexed", 5], [3, "indexed", 63], [4, "literal-indexed", 0]],
];

/** C.3: requests without Huffman coding. */
export const C3 = sequence("C.3", 4096, false, [request1, request2, request3], [
  "828684410f7777772e6578616d706c652e636f6d",
  "828684be58086e6f2d6361636865",
  "828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565",
], requestTables, [57, 110, 164], requestNotes);

/** C.4: the same requests with Huffman coding. */
export const C4 = sequence("C.4", 4096, true, [request1, request2, request3], [
  "828684418cf1e3c2e5f23a6ba0ab90f4ff",
  "828684be5886a8eb10649cbf",
  "828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf",
], requestTables, [57, 110, 164], requestNotes);

/** C.5: responses without Huffman coding, 256-octet table (evictions). */
export const C5 = sequence("C.5", 256, false, [response1, response2, response3], [
  "4803333032580770726976617465611d4d6f6e2c203231204f637420323031332032303a31333a323120474d546e1768747470733a2f2f7777772e6578616d706c652e636f6d",
  "4803333037c1c0bf",
  "88c1611d4d6f6e2c203231204f637420323031332032303a31333a323220474d54c05a04677a69707738666f6f3d4153444a4b48514b425a584f5157454f50495541585157454f49553b206d61782d6167653d333630303b2076657273696f6e3d31",
], responseTables, [222, 222, 215], [
  [[0, "literal-indexed", 8], [5, "literal-indexed", 24], [14, "literal-indexed", 33], [45, "literal-indexed", 46]],
  [[0, "literal-indexed", 8], [5, "indexed", 65], [6, "indexed", 64], [7, "indexed", 63]],
  [[0, "indexed", 8], [1, "indexed", 65], [2, "literal-indexed", 33], [33, "indexed", 64], [34, "literal-indexed", 26], [40, "literal-indexed", 55]],
]);

/** C.6: the same responses with Huffman coding. */
export const C6 = sequence("C.6", 256, true, [response1, response2, response3], [
  "488264025885aec3771a4b6196d07abe941054d444a8200595040b8166e082a62d1bff6e919d29ad171863c78f0b97c8e9ae82ae43d3",
  "4883640effc1c0bf",
  "88c16196d07abe941054d444a8200595040b8166e084a62d1bffc05a839bd9ab77ad94e7821dd7f2e6c7b335dfdfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007",
], responseTables, [222, 222, 215], [
  [[0, "literal-indexed", 8], [4, "literal-indexed", 24], [11, "literal-indexed", 33], [35, "literal-indexed", 46]],
  [[0, "literal-indexed", 8], [5, "indexed", 65], [6, "indexed", 64], [7, "indexed", 63]],
  [[0, "indexed", 8], [1, "indexed", 65], [2, "literal-indexed", 33], [26, "indexed", 64], [27, "literal-indexed", 26], [32, "literal-indexed", 55]],
]);

/** C.2: single fields, each decoded with a fresh (empty) table. */
export const C2 = [
  { section: "C.2.1 literal with indexing", hex: "400a637573746f6d2d6b65790d637573746f6d2d686561646572", headers: [["custom-key", "custom-header"]] as Header[], table: [["custom-key", "custom-header"]] as Header[], size: 55, notes: [[0, "literal-indexed", 0]] as FieldNote[] },
  { section: "C.2.2 literal without indexing", hex: "040c2f73616d706c652f70617468", headers: [[":path", "/sample/path"]] as Header[], table: [] as Header[], size: 0, notes: [[0, "literal-not-indexed", 4]] as FieldNote[] },
  { section: "C.2.3 literal never indexed", hex: "100870617373776f726406736563726574", headers: [["password", "secret"]] as Header[], table: [] as Header[], size: 0, notes: [[0, "literal-never-indexed", 0]] as FieldNote[] },
  { section: "C.2.4 indexed field", hex: "82", headers: [[":method", "GET"]] as Header[], table: [] as Header[], size: 0, notes: [[0, "indexed", 2]] as FieldNote[] },
] as const;
