/**
 * Random DNS messages and queries for the dns lab's property tests, built
 * with the runtime's codec (an independent implementation). Names come from a
 * small pool of labels so that compression has suffixes to share.
 */
import { fc } from "#labs/kit/property.ts";
import { decodeMessage, encodeMessage, optRecord, type DnsMessage, type DnsRecord } from "#runtime/wire/dns.ts";
import { toHex } from "#labs/kit/index.ts";
import type { EncodeInput, MessageView } from "../scenarios.ts";
import { viewOf } from "./oracle.ts";

const LABELS = ["www", "WWW", "mail", "example", "com", "net", "a", "b-2", "_tcp", "xn--bcher-kva", "x".repeat(63)];

export const name = fc.oneof({ weight: 1, arbitrary: fc.constant(".") }, { weight: 6, arbitrary: fc.array(fc.constantFrom(...LABELS), { minLength: 1, maxLength: 4 }).map((labels) => labels.join(".")).filter((n) => n.split(".").reduce((sum, label) => sum + label.length + 1, 1) <= 255) });

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const u16 = fc.integer({ min: 0, max: 0xffff });

const record: fc.Arbitrary<DnsRecord> = fc.oneof(
  fc.record({ name, ttl: u32, address: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }) }).map(({ name, ttl, address }) => ({ name, type: 1, class: 1, ttl, data: { kind: "A" as const, address: address.join(".") } })),
  fc.record({ name, ttl: u32, host: name }).map(({ name, ttl, host }) => ({ name, type: 2, class: 1, ttl, data: { kind: "NS" as const, host } })),
  fc.record({ name, ttl: u32, target: name }).map(({ name, ttl, target }) => ({ name, type: 5, class: 1, ttl, data: { kind: "CNAME" as const, target } })),
  fc
    .record({ name, ttl: u32, mname: name, rname: name, numbers: fc.array(u32, { minLength: 5, maxLength: 5 }) })
    .map(({ name, ttl, mname, rname, numbers }) => {
      const [serial, refresh, retry, expire, minimum] = numbers as [number, number, number, number, number];
      return { name, type: 6, class: 1, ttl, data: { kind: "SOA" as const, mname, rname, serial, refresh, retry, expire, minimum } };
    }),
  fc
    .record({ name, ttl: u32, type: fc.constantFrom(12, 13, 99, 257, 65535), cls: fc.constantFrom(1, 3, 255), bytes: fc.uint8Array({ maxLength: 12 }) })
    .map(({ name, ttl, type, cls, bytes }) => ({ name, type, class: cls, ttl, data: { kind: "raw" as const, bytes } })),
);

export interface RandomMessage {
  readonly hex: string;
  readonly expected: MessageView;
}

/** A random valid message (compressed or not, maybe with EDNS) and what decodeMessage must return for it. */
export const message: fc.Arbitrary<RandomMessage> = fc
  .record({
    id: u16,
    flags: fc.record({ qr: fc.boolean(), opcode: fc.integer({ min: 0, max: 15 }), aa: fc.boolean(), tc: fc.boolean(), rd: fc.boolean(), ra: fc.boolean(), rcode: fc.integer({ min: 0, max: 15 }) }),
    questions: fc.array(fc.record({ name, type: u16, class: fc.constantFrom(1, 3, 255) }), { maxLength: 2 }),
    answers: fc.array(record, { maxLength: 4 }),
    authority: fc.array(record, { maxLength: 3 }),
    additional: fc.array(record, { maxLength: 3 }),
    opt: fc.option(fc.record({ udpSize: u16, extendedRcode: fc.integer({ min: 0, max: 255 }), version: fc.integer({ min: 0, max: 255 }), dnssecOk: fc.boolean(), at: fc.nat() }), { nil: null }),
    compress: fc.boolean(),
  })
  .map(({ id, flags, questions, answers, authority, additional, opt, compress }) => {
    const extra = [...additional];
    if (opt !== null) extra.splice(opt.at % (extra.length + 1), 0, optRecord(opt.udpSize, opt));
    const m: DnsMessage = { header: { id, ...flags }, questions, answers, authority, additional: extra };
    const bytes = encodeMessage(m, { compress });
    return { hex: toHex(bytes), expected: viewOf(decodeMessage(bytes)) };
  });

/** A random query encodeQuery can encode. */
export const query: fc.Arbitrary<EncodeInput["queries"][number]> = fc.record({
  id: u16,
  name: name,
  type: u16,
  rd: fc.boolean(),
  edns: fc.option(fc.record({ udpSize: u16, dnssecOk: fc.boolean() }), { nil: null }),
});
