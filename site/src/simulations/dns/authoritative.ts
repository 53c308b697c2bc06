/** An authoritative name server of the resolution simulation (resolve.ts): a query in, its zone's response out. */
import { header, type DnsMessage } from "#runtime/wire/dns.ts";
import { answerFrom, type Zone } from "./zones.ts";

/** The response to `query` from `zone`'s data: answers, a referral, or a negative answer (zones.ts decides which). */
export function answerQuery(zone: Zone, query: DnsMessage): DnsMessage {
  const a = answerFrom(zone, query.questions[0]!);
  return {
    header: header({ id: query.header.id, qr: true, aa: a.aa, rd: query.header.rd, rcode: a.rcode }),
    questions: query.questions,
    answers: a.answers,
    authority: a.authority,
    additional: a.additional,
  };
}
