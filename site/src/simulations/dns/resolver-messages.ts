/**
 * The DNS messages of the resolution simulation (resolve.ts), apart from
 * any network: building a query, fitting a response to what the asker can
 * take, matching a reply to its query, TCP's length prefix, and the label
 * an arrow shows.
 */
import { encodeMessage, formatData, header, optRecord, RCODE, rcodeName, TYPE, typeName, type DnsMessage, type DnsQuestion } from "#runtime/wire/dns.ts";

/** The UDP payload a message may fill without EDNS(0) (RFC 1035 §4.2.1). */
export const CLASSIC_UDP_LIMIT = 512;
/** What both ends advertise with EDNS(0) on: the size DNS Flag Day 2020 settled on. */
export const EDNS_UDP_SIZE = 1232;

/** A query for one question, with an OPT record offering EDNS_UDP_SIZE when EDNS(0) is on. */
export function makeQuery(id: number, question: DnsQuestion, rd: boolean, edns: boolean): DnsMessage {
  return { header: header({ id, rd }), questions: [question], answers: [], authority: [], additional: edns ? [optRecord(EDNS_UDP_SIZE)] : [] };
}

/** The UDP size the asker accepts: 512 bytes, or more if its OPT record offers more (in its class field, RFC 6891 §6.1.2). */
const limitFor = (query: DnsMessage) => {
  const opt = query.additional.find((r) => r.type === TYPE.OPT);
  return opt === undefined ? CLASSIC_UDP_LIMIT : Math.max(CLASSIC_UDP_LIMIT, opt.class);
};

/** A response as sent; over UDP one too big for the asker's limit becomes header + question with TC=1. */
export function fitResponse(response: DnsMessage, query: DnsMessage, transport: "UDP" | "TCP", edns: boolean): DnsMessage {
  const opt = edns && query.additional.some((r) => r.type === TYPE.OPT) ? [optRecord(EDNS_UDP_SIZE)] : [];
  const full = { ...response, additional: [...response.additional, ...opt] };
  if (transport === "TCP" || encodeMessage(full).length <= limitFor(query)) return full;
  return { header: { ...response.header, tc: true }, questions: response.questions, answers: [], authority: [], additional: opt };
}

/** RFC 5452: accept only a reply that matches the ID, the server's address and port, and the question. */
export function isReplyTo(response: DnsMessage, query: DnsMessage, from: { readonly address: string; readonly port: number }, server: string): boolean {
  const q = response.questions[0];
  const question = query.questions[0]!;
  return (
    response.header.qr && response.header.id === query.header.id && from.address === server && from.port === 53 &&
    q !== undefined && q.name.toLowerCase() === question.name.toLowerCase() && q.type === question.type
  );
}

/** A message with TCP's 2-byte length prefix (RFC 1035 §4.2.2). */
export function framed(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(message.length + 2);
  out[0] = message.length >>> 8;
  out[1] = message.length & 0xff;
  out.set(message, 2);
  return out;
}

/** The message a length-prefixed payload carries. */
export const unframed = (payload: Uint8Array): Uint8Array => payload.subarray(2, 2 + ((payload[0]! << 8) | payload[1]!));

/** A label for a message on an arrow. */
export function describeMessage(message: DnsMessage): string {
  const q = message.questions[0];
  const asked = q === undefined ? "?" : `${q.name} ${typeName(q.type)}?`;
  if (!message.header.qr) return asked;
  if (message.header.tc) return "TC=1: truncated, ask again over TCP";
  if (message.header.rcode === RCODE.NXDOMAIN) return "NXDOMAIN (name does not exist)";
  if (message.header.rcode !== RCODE.NOERROR) return rcodeName(message.header.rcode);
  const answers = message.answers;
  if (answers.length > 0) {
    const first = answers[0]!;
    const more = answers.length > 1 ? ` (+${answers.length - 1} more)` : "";
    return `${typeName(first.type)} ${formatData(first)}${more}`;
  }
  const ns = message.authority.filter((r) => r.type === TYPE.NS);
  if (ns.length > 0) return `referral: ${ns[0]!.name} NS ${formatData(ns[0]!)}`;
  return "no data (NOERROR, empty answer)";
}
