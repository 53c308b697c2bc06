/**
 * The workbench's Run for the dns lab: the learner's Resolver looks up a few
 * names in a small Internet (world.ts): a referral chain with glue, a CNAME
 * into another zone whose name server has no glue, a name that does not
 * exist, the first name again (from the cache) and an answer too big for UDP.
 * The terminal lists every query and answer; the ladder and the capture show
 * the messages.
 */
import { toBase64 } from "#labs/kit/base64.ts";
import type { DemoInput, DemoResult, LadderPacketView } from "#labs/kit/demo.ts";
import { formatIpv4Address, parseIpv4Address } from "#runtime/wire/address.ts";
import { decodeMessage, rcodeName, typeName } from "#runtime/wire/dns.ts";
import { emitIpv4, IP_PROTOCOL } from "#runtime/wire/ipv4.ts";
import { emitUdp } from "#runtime/wire/udp.ts";
import { writePcapng } from "#runtime/trace/pcapng.ts";
import { RESOLVER_ADDRESS, runResolver, type ResolverDriver, type WireMessage } from "./network.ts";
import { DEMO_LOOKUPS, WORLD } from "./world.ts";

export function demo(input: DemoInput, driver: ResolverDriver): DemoResult {
  const { result, wire } = runResolver({ ...WORLD, lookups: DEMO_LOOKUPS, seed: input.seed }, driver);
  const summary: string[] = [`Your Resolver, starting from the root server ${WORLD.roots[0]}, looks up ${DEMO_LOOKUPS.length} names:`];
  DEMO_LOOKUPS.forEach((lookup, i) => {
    const outcome = result.lookups[i];
    summary.push(`${lookup.name} ${typeName(lookup.type)} (at ${outcome?.startMs ?? lookup.atMs} ms):`);
    for (const q of result.queries.filter((q) => q.lookup === i)) {
      summary.push(`  ${q.atMs} ms  → ${q.to} ${q.tcp ? "TCP" : "UDP"} ${q.name} ${typeName(q.type)} (id ${q.id}, port ${q.fromPort})`);
    }
    if (outcome === undefined || outcome.rcode === null) summary.push("  no answer within 10 s");
    else {
      summary.push(`  ${outcome.doneMs} ms  answer: ${rcodeName(outcome.rcode)}${outcome.records.length === 0 ? ", no records" : ""}`);
      for (const r of outcome.records) summary.push(`    ${r.name} ${r.ttl} ${typeName(r.type)} ${typeof r.data === "string" ? r.data : JSON.stringify(r.data)}`);
    }
  });
  if (result.faults.length > 0) summary.push("Faults:", ...result.faults.map((f) => `  ${f}`));
  return { summary, pcap: toBase64(capture(wire)), ladder: ladder(wire) };
}

function label(message: WireMessage): string {
  try {
    const bytes = message.tcp ? message.bytes.subarray(2) : message.bytes;
    const m = decodeMessage(bytes);
    const q = m.questions[0];
    const what = q === undefined ? "?" : `${q.name} ${typeName(q.type)}`;
    if (!m.header.qr) return `${message.tcp ? "TCP " : ""}${what}? (id ${m.header.id})`;
    const result = m.header.tc ? "TC=1" : m.answers.length > 0 ? `${m.answers.length} answer${m.answers.length === 1 ? "" : "s"}` : m.authority.some((r) => r.type === 2) ? "referral" : rcodeName(m.header.rcode);
    return `${message.kind === "forged" ? "FORGED " : ""}${what}: ${result}`;
  } catch {
    return `${message.kind} (malformed)`;
  }
}

function ladder(wire: readonly WireMessage[]): DemoResult["ladder"] {
  const packets: LadderPacketView[] = wire.map((message, id) => ({
    id,
    from: message.from === RESOLVER_ADDRESS ? ("left" as const) : ("right" as const),
    label: `${label(message)} ${message.from === RESOLVER_ADDRESS ? `→ ${message.to}` : `← ${message.from}`}`,
    sentMs: message.atMs,
    arrivedMs: message.arriveMs,
  }));
  return { left: "your resolver", right: "name servers", packets, marks: [] };
}

/** The UDP messages as IPv4 datagrams, for the packets view and Wireshark (TCP segments are left out). */
function capture(wire: readonly WireMessage[]): Uint8Array {
  const packets = wire
    .filter((m) => !m.tcp)
    .map((m) => {
      const src = parseIpv4Address(m.from);
      const dst = parseIpv4Address(m.to);
      const udp = emitUdp({ srcPort: m.fromPort, dstPort: m.toPort }, m.bytes, src, dst);
      const bytes = emitIpv4({ src, dst, protocol: IP_PROTOCOL.UDP, ttl: 64, identification: 0, dscp: 0, ecn: 0, dontFragment: true, moreFragments: false, fragmentOffset: 0 }, udp);
      return { time: Math.round(m.atMs * 1e6), bytes, from: formatIpv4Address(src) };
    })
    .sort((a, b) => a.time - b.time);
  return writePcapng(packets);
}
