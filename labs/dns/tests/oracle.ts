/**
 * The tests' own view of DNS messages: the runtime's codec
 * (runtime/wire/dns.ts, written independently of the lab's reference)
 * builds the expected bytes of queries and reads messages into the shape
 * decodeMessage must return.
 */
import { encodeMessage, header, optRecord, TYPE, type DnsMessage, type DnsRecord } from "#runtime/wire/dns.ts";
import { toHex } from "#labs/kit/index.ts";
import type { EncodeInput, MessageView, RecordView } from "../scenarios.ts";

/** The bytes encodeQuery must return for `query`. */
export function queryHex(query: EncodeInput["queries"][number]): string {
  return toHex(
    encodeMessage({
      header: header({ id: query.id, rd: query.rd }),
      questions: [{ name: query.name, type: query.type, class: 1 }],
      answers: [],
      authority: [],
      additional: query.edns === null ? [] : [optRecord(query.edns.udpSize, { dnssecOk: query.edns.dnssecOk })],
    }),
  );
}

function recordView(r: DnsRecord, raw: (r: DnsRecord) => Uint8Array): RecordView {
  const d = r.data;
  const data: RecordView["data"] =
    d.kind === "A"
      ? d.address
      : d.kind === "NS"
        ? d.host
        : d.kind === "CNAME"
          ? d.target
          : d.kind === "SOA"
            ? { mname: d.mname, rname: d.rname, serial: d.serial, refresh: d.refresh, retry: d.retry, expire: d.expire, minimum: d.minimum }
            : { hex: toHex(raw(r)) };
  return { name: r.name, type: r.type, class: r.class, ttl: r.ttl, data };
}

/** What decodeMessage must return for a message the runtime's codec decoded (A, NS, CNAME, SOA and raw data only). */
export function viewOf(m: DnsMessage): MessageView {
  const raw = (r: DnsRecord) => {
    if (r.data.kind !== "raw") throw new Error(`viewOf: ${r.data.kind} data has no raw form here; generate it as raw bytes`);
    return r.data.bytes;
  };
  const opt = m.additional.find((r) => r.type === TYPE.OPT);
  return {
    ...m.header,
    rcode: m.header.rcode | (opt === undefined ? 0 : (opt.ttl >>> 24) << 4),
    questions: m.questions.map((q) => ({ ...q })),
    answers: m.answers.map((r) => recordView(r, raw)),
    authority: m.authority.map((r) => recordView(r, raw)),
    additional: m.additional.filter((r) => r !== opt).map((r) => recordView(r, raw)),
    edns: opt === undefined ? null : { udpSize: opt.class, version: (opt.ttl >>> 16) & 0xff, dnssecOk: (opt.ttl & 0x8000) !== 0 },
  };
}
