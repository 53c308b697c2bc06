/**
 * Generated mutants of solution.ts (`npm run mutation -- dns`) that no test
 * can kill, each with the reason no observable behaviour changes.
 */
import { defineEquivalents } from "#labs/kit/mutant-edits.ts";

const RESUME_NEVER_0_OR_1 = "resume is −1 until the first pointer sets it to that pointer's offset + 2 (at least 2), never 0 or 1, so < 0, <= 0 and < 1 agree";
const CUT_POINTER_UNREACHABLE = "the loop's first check has already thrown unless at < bytes.length, so this is never true: it is the `if (false)` mutant above (only the error's text differs)";
const LABEL_PAST_END_NEXT_ROUND =
  "a label that runs past the end leaves at beyond bytes.length, and the next round's `at >= bytes.length` check throws, so the message is still refused (only the error's text differs)";
const LABEL_ENDS_AT_LAST_BYTE =
  "it also throws for a label that ends on the message's last byte; the reference throws there one round later, because no byte is left for the name's end (only the error's text differs)";
const NO_FOURTH_SECTION = "counts has three items: the extra round reads counts[-1] or counts[3], which is undefined, and `0 < undefined` is false, so it reads nothing";
const ONE_QUERY_OUTSTANDING =
  "at most one query is outstanding (the next goes out only after the last was accepted or abandoned, and the harness starts a lookup only when the one before has answered), so the list holds only this query";

export default defineEquivalents([
  {
    original: "const u16 = (value: number) => out.push((value >> 8) & 0xff, value & 0xff);",
    mutated: "const u16 = (value: number) => out.push((value >>> 8) & 0xff, value & 0xff);",
    reason: "every value written is a 16-bit field (0 to 65,535), never negative, so >> and >>> agree",
  },
  { original: "let resume = -1;", mutated: "let resume = (-2);", reason: "resume is only compared with 0 (resume < 0) before it is set: any negative start behaves alike" },
  {
    original: "if (at + 1 >= bytes.length) throw new Error(`pointer cut short at ${at}`);",
    mutated: "if (false) throw new Error(`pointer cut short at ${at}`);",
    reason:
      "a pointer's first byte as the message's last byte still makes the message fail: the name then resumes one byte past the end, so the QTYPE or TYPE read after it, or the RDLENGTH check after a name in RDATA, throws (only the error's text differs)",
  },

  { original: "if (at + 1 >= bytes.length) throw new Error(`pointer cut short at ${at}`);", mutated: "if (at - 1 >= bytes.length) throw new Error(`pointer cut short at ${at}`);", reason: CUT_POINTER_UNREACHABLE },
  { original: "if (at + 1 >= bytes.length) throw new Error(`pointer cut short at ${at}`);", mutated: "if (at + (0) >= bytes.length) throw new Error(`pointer cut short at ${at}`);", reason: CUT_POINTER_UNREACHABLE },
  { original: "if (at + 1 >= bytes.length) throw new Error(`pointer cut short at ${at}`);", mutated: "if (at + 1 > bytes.length) throw new Error(`pointer cut short at ${at}`);", reason: CUT_POINTER_UNREACHABLE },
  { original: "if (resume < 0) resume = at + 2;", mutated: "if (resume <= 0) resume = at + 2;", reason: RESUME_NEVER_0_OR_1 },
  { original: "if (resume < 0) resume = at + 2;", mutated: "if (resume < (1)) resume = at + 2;", reason: RESUME_NEVER_0_OR_1 },
  { original: "this.at = resume < 0 ? at + 1 : resume;", mutated: "this.at = resume <= 0 ? at + 1 : resume;", reason: RESUME_NEVER_0_OR_1 },
  { original: "this.at = resume < 0 ? at + 1 : resume;", mutated: "this.at = resume < (1) ? at + 1 : resume;", reason: RESUME_NEVER_0_OR_1 },
  { original: "if (at + 1 + len > bytes.length) throw new Error(`label runs past the end at ${at}`);", mutated: "if (false) throw new Error(`label runs past the end at ${at}`);", reason: LABEL_PAST_END_NEXT_ROUND },
  {
    original: "if (at + 1 + len > bytes.length) throw new Error(`label runs past the end at ${at}`);",
    mutated: "if (at - 1 + len > bytes.length) throw new Error(`label runs past the end at ${at}`);",
    reason: `it throws only where the reference does; for the rest, ${LABEL_PAST_END_NEXT_ROUND}`,
  },
  {
    original: "if (at + 1 + len > bytes.length) throw new Error(`label runs past the end at ${at}`);",
    mutated: "if (at + (0) + len > bytes.length) throw new Error(`label runs past the end at ${at}`);",
    reason: LABEL_PAST_END_NEXT_ROUND,
  },
  {
    original: "if (at + 1 + len > bytes.length) throw new Error(`label runs past the end at ${at}`);",
    mutated: "if (at + 1 - len > bytes.length) throw new Error(`label runs past the end at ${at}`);",
    reason: `at < bytes.length and len ≥ 1 make at + 1 - len at most bytes.length, so it never throws, and ${LABEL_PAST_END_NEXT_ROUND}`,
  },
  {
    original: "if (at + 1 + len > bytes.length) throw new Error(`label runs past the end at ${at}`);",
    mutated: "if (at + (2) + len > bytes.length) throw new Error(`label runs past the end at ${at}`);",
    reason: LABEL_ENDS_AT_LAST_BYTE,
  },
  {
    original: "if (at + 1 + len > bytes.length) throw new Error(`label runs past the end at ${at}`);",
    mutated: "if (at + 1 + len >= bytes.length) throw new Error(`label runs past the end at ${at}`);",
    reason: LABEL_ENDS_AT_LAST_BYTE,
  },
  {
    original: "labels.push(String.fromCharCode(...bytes.subarray(at + 1, at + 1 + len)));",
    mutated: "labels.push(String.fromCharCode(...bytes.slice(at + 1, at + 1 + len)));",
    reason: "String.fromCharCode only reads the bytes, so a copy behaves like a view",
  },
  { original: 'data = [...r.bytes.subarray(r.at, end)].join(".");', mutated: 'data = [...r.bytes.slice(r.at, end)].join(".");', reason: "spreading into a new array only reads the bytes, so a copy behaves like a view" },
  { original: "for (let s = 0; s < 3; s++) {", mutated: "for (let s = (-1); s < 3; s++) {", reason: NO_FOURTH_SECTION },
  { original: "for (let s = 0; s < 3; s++) {", mutated: "for (let s = 0; s <= 3; s++) {", reason: NO_FOURTH_SECTION },
  { original: "for (let s = 0; s < 3; s++) {", mutated: "for (let s = 0; s < (4); s++) {", reason: NO_FOURTH_SECTION },
  {
    original: "edns = { udpSize: record.class, version: (record.ttl >>> 16) & 0xff, dnssecOk: (record.ttl & 0x8000) !== 0 };",
    mutated: "edns = { udpSize: record.class, version: (record.ttl >> 16) & 0xff, dnssecOk: (record.ttl & 0x8000) !== 0 };",
    reason: "& 0xff keeps bits 16 to 23 of the TTL, and >> and >>> differ only in the bits shifted in at the top",
  },
  { original: "opcode: (flags >> 11) & 0xf,", mutated: "opcode: (flags >>> 11) & 0xf,", reason: "flags is a 16-bit field (0 to 65,535), never negative, so >> and >>> agree" },
  { original: "if (packet.tcp) bytes = bytes.subarray(2);", mutated: "if (packet.tcp) bytes = bytes.slice(2);", reason: "decodeMessage only reads the bytes (and copies raw RDATA), so a copy behaves like a view" },
  { original: "this.queries.splice(this.queries.indexOf(query), 1);", mutated: "this.queries.splice(this.queries.indexOf(query), (2));", reason: `${ONE_QUERY_OUTSTANDING}: removing two items from it removes only that one` },
  { original: "actions.push(...this.next(query.lookup, now));", mutated: "actions.unshift(...this.next(query.lookup, now));", reason: `${ONE_QUERY_OUTSTANDING}: at most one times out per call, when actions is still empty, and unshift and push then give the same order` },
  { original: "this.queries.push({ lookup, server, id, port, tcp, sentAt: now });", mutated: "this.queries.unshift({ lookup, server, id, port, tcp, sentAt: now });", reason: `${ONE_QUERY_OUTSTANDING}: it is empty when a query is added, so the end it goes to does not matter` },
  {
    original: "for (let i = 0; i < labels.length; i++) {",
    mutated: "for (let i = 0; i <= labels.length; i++) {",
    reason: "the extra round looks up the empty name (no labels left), and no cache key holds one: decoded names are never empty (the root is \".\")",
  },
  {
    original: "const port = 1024 + (this.random() % 64512);",
    mutated: "const port = 1024 + (this.random() % (64511));",
    reason: "every port it draws (1024 to 65534) is one the contract allows; it only never draws 65535, and which draw would have been 65535 depends on the order of random() calls, which the contract leaves open",
  },
  {
    original: "const bytes = tcp ? Uint8Array.of(message.length >> 8, message.length & 0xff, ...message) : message;",
    mutated: "const bytes = tcp ? Uint8Array.of(message.length >>> 8, message.length & 0xff, ...message) : message;",
    reason: "a message's length is never negative, so >> and >>> agree",
  },
  {
    original: "const addresses = rcode === 0 ? records.map((r) => r.data as string) : [];",
    mutated: "const addresses = true ? records.map((r) => r.data as string) : [];",
    reason: "finish() is given records only with rcode 0 (NXDOMAIN and SERVFAIL always finish with none), so the map gives [] either way",
  },
]);
