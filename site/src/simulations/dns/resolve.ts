/**
 * The resolution simulation: a runtime Network with a stub resolver, a
 * recursive resolver and three name servers (root, .com, example.com), each
 * a host with its own link delay. Every message is a real DNS message
 * (#runtime/wire/dns.ts) in a real UDP datagram on port 53, so the capture opens in
 * Wireshark as DNS.
 *
 * The resolver follows RFC 1034 §5.3.3 in outline: answer from the cache
 * when it can; otherwise ask the closest servers it knows for the name
 * (root hints at first), follow referrals, cache what it learns (answers,
 * NS records and glue, negative answers for the SOA's minimum), and answer
 * the stub with TTLs counted down. Queries use a random ID and a random
 * source port (RFC 5452; §9.2 on ports), and a reply is accepted only
 * when its ID, address, port and question match.
 *
 * Truncation: without EDNS(0) a UDP message may carry 512 bytes (RFC 1035
 * §4.2.1). A larger answer comes back with TC=1 and no records, and the
 * asker repeats the question over TCP (RFC 7766), each message with a
 * 2-byte length prefix (RFC 1035 §4.2.2). The TCP retry is a real, minimal
 * TCP connection: SYN, SYN-ACK, ACK, the query, the response (and a close
 * that only the capture shows), so it costs two extra round trips: one for
 * the handshake and one for the exchange. The length prefix and the message
 * go in one segment, as RFC 7766 §8 recommends. With EDNS(0) both ends advertise
 * 1232 bytes and the big answer fits in one datagram.
 *
 * The pieces: recursive-resolver.ts (the resolver and its cache,
 * resolver-cache.ts) and authoritative.ts (the name servers) are fed DNS
 * messages and say what to send; dns-over-tcp.ts does the same for the TCP
 * retry; resolver-network.ts carries it all over the runtime's Network; and
 * runSession below plays the learner's actions on it.
 */
import { ms, toMs } from "#runtime/core/time.ts";
import { CLASS_IN, type DnsMessage } from "#runtime/wire/dns.ts";
import { ROOT } from "./zones.ts";
import { LOOKUPS, type CacheRow, type DnsSimConfig, type Lookup, type SessionAction } from "./resolver-controls.ts";
import { answerQuery } from "./authoritative.ts";
import { RecursiveResolver, type ResolverAction } from "./recursive-resolver.ts";
import { ResolverNetwork } from "./resolver-network.ts";

export { DEFAULT_CONFIG, LANE_TITLES, LANES, LOOKUPS } from "./resolver-controls.ts";
export type { CacheOrigin, CacheRow, DnsSimConfig, Lane, Lookup, LookupId, SessionAction, Step } from "./resolver-controls.ts";
export { Cache } from "./resolver-cache.ts";
export { CLASSIC_UDP_LIMIT, describeMessage, EDNS_UDP_SIZE } from "./resolver-messages.ts";

export interface SessionResult {
  readonly lookups: readonly Lookup[];
  /** The resolver's cache at the end, expired entries included. */
  readonly cache: readonly CacheRow[];
  /** The virtual clock at the end, ms. */
  readonly clockMs: number;
  /** The whole run as a pcapng file. */
  pcapng(): Uint8Array;
}

/** Where the resolver sends its answer to one stub query. */
type Reply = (response: DnsMessage) => void;

/** Runs the actions in order against a fresh network and cache and reports everything. */
export function runSession(config: DnsSimConfig, actions: readonly SessionAction[]): SessionResult {
  const wires = new ResolverNetwork(config);
  const { net, log, stub, resolver, servers } = wires;
  const nowMs = () => toMs(net.now);
  const lookups: Lookup[] = [];

  for (const { endpoint, zone } of servers.values()) wires.serve(endpoint, (query, reply) => reply(answerQuery(zone, query)));

  const model = new RecursiveResolver<Reply>(() => net.now, servers.keys(), ROOT.server.address);
  /** Carries out what the resolver model decided: ask a name server (its response goes back to the model), or answer the stub. */
  const act = (action: ResolverAction<Reply>): void => {
    if (action.kind === "answer") return action.client(action.response);
    if (log.current !== null) log.current.upstreamQueries++;
    wires.ask(resolver, servers.get(action.server)!.endpoint, action.question, false, (response) => act(model.onResponse(action.id, response)));
  };
  wires.serve(resolver, (query, reply) => act(model.onQuery(reply, query)));

  for (const action of actions) {
    if (action.kind === "advance") {
      net.run({ until: net.now + ms(action.seconds * 1000) });
      continue;
    }
    const spec = LOOKUPS.find((l) => l.id === action.lookup) ?? LOOKUPS[0];
    const lookup: Lookup = { id: spec.id, name: spec.name, type: spec.type, startMs: nowMs(), endMs: nowMs(), steps: [], response: null, upstreamQueries: 0, usedTcp: false };
    log.current = lookup;
    lookups.push(lookup);
    wires.ask(stub, resolver, { name: spec.name, type: spec.type, class: CLASS_IN }, true, (response) => {
      lookup.response = response;
      lookup.endMs = nowMs();
    });
    net.run();
    log.current = null;
  }

  return { lookups, cache: model.cache.rows(), clockMs: nowMs(), pcapng: () => net.trace.toPcapng() };
}
