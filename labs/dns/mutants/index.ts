/**
 * Hand-written mutants of the dns lab: classic learner bugs, each a small
 * edit of solution.ts (labs/kit/mutant-edits.ts). Every one must fail a
 * hidden test (test/labs/prove-labs.test.ts). Generated mutants: `npm run mutation -- dns`.
 */
import { defineMutants } from "#labs/kit/mutant-edits.ts";

export default defineMutants({
  "rd-in-ra-bit": {
    bug: "Sets RD as 0x0080, the RA bit, counting the flag bits from the wrong end of the second header word.",
    edits: [["u16(query.rd ? 0x0100 : 0);", "u16(query.rd ? 0x0080 : 0);"]],
  },
  "do-bit-in-high-word": {
    bug: "Writes the DO flag into the first half of the OPT record's TTL (where the extended RCODE and version go) instead of the second.",
    edits: [["    u16(0);\n    u16(query.edns.dnssecOk ? 0x8000 : 0);", "    u16(query.edns.dnssecOk ? 0x8000 : 0);\n    u16(0);"]],
  },
  "label-of-64-allowed": {
    bug: "Checks labels with > 64 instead of > 63, so a 64-byte label is written and its length byte 0x40 reads as a reserved label type.",
    edits: [["label.length > 63", "label.length > 64"]],
  },
  "name-length-unchecked-on-encode": {
    bug: "Never counts the whole name: a name of 256 bytes on the wire is encoded.",
    edits: [["  if (length > 255) throw new RangeError(`name is ${length} bytes on the wire; at most 255`);\n", ""]],
  },
  "ttl-signed": {
    bug: "Reads the 32-bit TTL with << 24, so TTLs from 2^31 up come out negative (RFC 2181 §8: TTLs are unsigned).",
    edits: [["return this.u16() * 0x10000 + this.u16();", "return (this.u16() << 16) | this.u16();"]],
  },
  "record-continues-at-pointer-target": {
    bug: "After following a pointer, carries on reading the record where the jump ended instead of after the pointer's two bytes.",
    edits: [["this.at = resume < 0 ? at + 1 : resume;", "this.at = at + 1;"]],
  },
  "pointer-low-byte-only": {
    bug: "Takes only the second byte of a pointer as the offset, dropping its upper 6 bits: pointers past offset 255 land in the wrong place.",
    edits: [["const target = ((len & 0x3f) << 8) | bytes[at + 1]!;", "const target = bytes[at + 1]!;"]],
  },
  "hop-count-instead-of-backward-pointers": {
    bug: "Guards against loops by counting jumps (at most 16) instead of requiring every pointer to point back: a forward pointer is accepted.",
    edits: [
      ["    let resume = -1;", "    let resume = -1;\n    let jumps = 0;"],
      ["if (target >= start) throw new Error(`pointer at ${at} to ${target} does not point back`);", "if (++jumps > 16 || target >= bytes.length) throw new Error(`pointer at ${at} loops`);"],
    ],
  },
  "reserved-label-types-read-as-lengths": {
    bug: "Treats any byte below 0xC0 as a label length, so 0x41 reads a 65-byte label instead of rejecting the reserved label type.",
    edits: [["      if (len >= 0x40) throw new Error(`label type 0x${len.toString(16)} at ${at}`);\n", ""]],
  },
  "name-length-unchecked-on-decode": {
    bug: "Never checks the decoded name's length, so pointers can build a name longer than 255 bytes.",
    edits: [["      if (wire > 255) throw new Error(\"name longer than 255 bytes\");\n", ""]],
  },
  "a-rdlength-unchecked": {
    bug: "Reads 4 bytes for an A record whatever RDLENGTH says.",
    edits: [["    if (length !== 4) throw new Error(`A record with RDLENGTH ${length}`);\n", ""]],
  },
  "rdlength-not-enforced": {
    bug: "Parses NS, CNAME and SOA data without checking that it ends exactly where RDLENGTH says.",
    edits: [["  if (r.at !== end) throw new Error(`record data does not fill RDLENGTH ${length}`);\n", "  r.at = end;\n"]],
  },
  "opt-left-in-additional": {
    bug: "Reads the OPT record into edns but also leaves it among the additional records, as if it were data.",
    edits: [["      if (record.type !== OPT) {\n        sections[s]!.push(record);\n        continue;\n      }", "      sections[s]!.push(record);\n      if (record.type !== OPT) continue;"]],
  },
  "extended-rcode-ignored": {
    bug: "Ignores the OPT record's extended RCODE, so BADVERS (16) reads as NOERROR.",
    edits: [["      rcode |= (record.ttl >>> 24) << 4;\n", ""]],
  },
  "extended-rcode-not-shifted": {
    bug: "ORs the extended RCODE into the low bits instead of above the header's 4 bits.",
    edits: [["rcode |= (record.ttl >>> 24) << 4;", "rcode |= record.ttl >>> 24;"]],
  },
  "second-opt-accepted": {
    bug: "Accepts a second OPT record (the last one wins) instead of rejecting the message.",
    edits: [["if (s !== 2 || edns !== null || record.name !== \".\")", "if (s !== 2 || record.name !== \".\")"]],
  },
  "view-offset-ignored": {
    bug: "Reads the message through its whole underlying buffer, so a view starting at a non-zero byteOffset is read from the wrong place.",
    edits: [["const r = new Reader(bytes);", "const r = new Reader(new Uint8Array(bytes.buffer));"]],
  },
  "id-not-checked": {
    bug: "Accepts a reply without comparing its ID with the query's: any forged reply from the right address wins the race.",
    edits: [["message.id !== query.id || ", ""]],
  },
  "source-port-not-checked": {
    bug: "Does not check that the reply comes from port 53.",
    edits: [["packet.fromPort === 53 && ", ""]],
  },
  "question-not-checked": {
    bug: "Does not compare the reply's question with the query's (RFC 5452 §3).",
    edits: [[" || lower(q!.name) !== lower(lookup.name) || q!.type !== lookup.type", ""]],
  },
  "question-case-sensitive": {
    bug: "Compares the reply's question name case-sensitively, so a server that answers in another case is never believed.",
    edits: [["lower(q!.name) !== lower(lookup.name)", "q!.name !== lookup.name"]],
  },
  "qr-not-checked": {
    bug: "Accepts a query (QR = 0) as the reply.",
    edits: [["if (!message.qr || ", "if ("]],
  },
  "duplicate-reply-handled": {
    bug: "Keeps the query outstanding after its reply, so a second copy of the reply is handled again.",
    edits: [["    this.queries.splice(this.queries.indexOf(query), 1);\n    return this.handle(lookup, query, message, now);", "    return this.handle(lookup, query, message, now);"]],
  },
  "fixed-source-port": {
    bug: "Sends every query from one fixed port, leaving only the 16-bit ID for an attacker to guess.",
    edits: [["const port = 1024 + (this.random() % 64512);", "const port = 33333;"]],
  },
  "id-from-the-clock": {
    bug: "Derives the ID from the time instead of random(): predictable.",
    edits: [["const id = this.random() & 0xffff;", "const id = (now + this.queries.length) & 0xffff;"]],
  },
  "negative-ttl-minimum-only": {
    bug: "Caches a negative answer for the SOA's MINIMUM alone, ignoring a smaller SOA TTL (RFC 2308 §5 takes the minimum of both).",
    edits: [["Math.min(soa.ttl, (soa.data as Soa).minimum)", "(soa.data as Soa).minimum"]],
  },
  "negative-ttl-soa-ttl-only": {
    bug: "Caches a negative answer for the SOA record's own TTL, ignoring a smaller MINIMUM.",
    edits: [["Math.min(soa.ttl, (soa.data as Soa).minimum)", "soa.ttl"]],
  },
  "nxdomain-not-cached": {
    bug: "Never caches NXDOMAIN, so every lookup of a missing name goes out again.",
    edits: [["      this.putNegative(lookup.name, \"nx\", message.authority, now);\n", ""]],
  },
  "rrset-ttl-of-first-record": {
    bug: "Caches an RRset for its first record's TTL instead of the smallest (RFC 2181 §5.2).",
    edits: [["Math.min(...records.map((r) => r.ttl))", "records[0]!.ttl"]],
  },
  "expiry-inclusive": {
    bug: "Uses a cached entry while now <= expiry, one millisecond too long (and a TTL of 0 becomes usable).",
    edits: [["now < entry.expires", "now <= entry.expires"]],
  },
  "ttl-read-as-milliseconds": {
    bug: "Forgets that TTLs are seconds and the clock milliseconds.",
    edits: [["expires: now + ttl * 1000", "expires: now + ttl"]],
  },
  "always-from-the-root": {
    bug: "Ignores cached delegations and starts every lookup at the root.",
    edits: [["for (let i = 0; i < labels.length; i++) {", "for (let i = labels.length; i < labels.length; i++) {"]],
  },
  "shortest-delegation-first": {
    bug: "Searches the cached delegations from the top (com before example.com), so it asks a server farther from the name than it knows.",
    edits: [["for (let i = 0; i < labels.length; i++) {", "for (let i = labels.length - 1; i >= 0; i--) {"]],
  },
  "truncation-ignored": {
    bug: "Ignores TC = 1 and takes the empty truncated reply as NODATA.",
    edits: [["    if (message.tc && !query.tcp) return this.send(lookup, query.server, true, now);\n", ""]],
  },
  "tcp-without-length": {
    bug: "Sends the query over TCP without the two-byte length in front (RFC 1035 §4.2.2).",
    edits: [["const bytes = tcp ? Uint8Array.of(message.length >> 8, message.length & 0xff, ...message) : message;", "const bytes = message;"]],
  },
  "servfail-is-final": {
    bug: "Gives up at the first server that answers SERVFAIL or REFUSED instead of asking the next one.",
    edits: [["if (message.rcode !== 0 && message.rcode !== NXDOMAIN) return this.next(lookup, now);", "if (message.rcode !== 0 && message.rcode !== NXDOMAIN) return this.finish(lookup, SERVFAIL, now);"]],
  },
  "timeout-strictly-after": {
    bug: "Times a query out only when more than 1000 ms have passed, one tick late.",
    edits: [["now - q.sentAt >= TIMEOUT_MS", "now - q.sentAt > TIMEOUT_MS"]],
  },
  "lame-referral-followed": {
    bug: "Follows any referral, even one back to the same zone, instead of treating it as lame.",
    edits: [["zone === lookup.zone || ", ""]],
  },
  "glueless-gives-up": {
    bug: "Answers SERVFAIL when a referral comes without glue instead of looking the name server up.",
    edits: [["    return this.lookupServer(lookup, now);\n  }", "    return this.finish(lookup, SERVFAIL, now);\n  }"]],
  },
  "recursion-desired": {
    bug: "Sets RD in the queries it sends: an iterative resolver asks for referrals, not recursion.",
    edits: [["rd: false, edns: { udpSize: UDP_SIZE", "rd: true, edns: { udpSize: UDP_SIZE"]],
  },
  "answer-without-chain": {
    bug: "Answers with the final RRset only, dropping the CNAMEs that led to it.",
    edits: [["records: rcode === SERVFAIL ? [] : [...lookup.chain, ...records]", "records: rcode === SERVFAIL ? [] : [...records]"]],
  },
  "cname-loop-unchecked": {
    bug: "Follows CNAMEs without remembering where it has been: a loop never ends.",
    edits: [["    if (lower(target) === lower(lookup.chain[0]?.name ?? lookup.name) || lookup.chain.some((r) => lower(r.data as string) === lower(target))) return false;\n", ""]],
  },
});
