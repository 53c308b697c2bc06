/**
 * Longest-prefix match explained, and a packet forwarded hop by hop through a
 * small runtime Network. Pure code (no DOM). The live model of the route
 * lookup simulation: only routing.model.ts imports it, so the class edition
 * (which replays routing.recorded.ts) ships no longest-prefix match (lab router).
 *
 *   client 10.1.0.10 ── edge ─┬─ core ── corp host 10.99.0.1
 *                             ├─ campus ── campus host 10.20.5.5
 *                             ├─ lab ── lab host 10.20.30.40
 *                             └─ isp ── web server 203.0.113.10
 */
import { formatIpv4Address, parseCidr, parseIpv4Address, prefixMask } from "#runtime/wire/address.ts";
import { emitIpv4, IP_PROTOCOL } from "#runtime/wire/ipv4.ts";
import { emitUdp } from "#runtime/wire/udp.ts";
import { Network } from "#runtime/net/network.ts";
import type { NetworkNode } from "#runtime/net/node.ts";
import { RoutingTable } from "#runtime/net/routing-table.ts";
import { EDGE_ROUTES, type Forwarding, type Hop, type RouteCheck } from "./routing-controls.ts";

export { EDGE_ROUTES, SAMPLE_DESTINATIONS, toBinary, readAddress, type Forwarding, type Hop, type RouteCheck } from "./routing-controls.ts";

export function buildTable(routes = EDGE_ROUTES): RoutingTable<string> {
  const table = new RoutingTable<string>();
  for (const r of routes) table.add(r.cidr, r.via);
  return table;
}


/**
 * Every route of `table` checked against `destination`, most specific first;
 * `chosen` marks the one the runtime's longest-prefix lookup returns.
 */
export function explainLookup(table: RoutingTable<string>, destination: number): { checks: RouteCheck[]; chosen: string | undefined } {
  const chosen = table.lookup(destination);
  let marked = false;
  const checks = table.routes().map((route) => {
    const matches = ((destination & prefixMask(route.prefixLength)) >>> 0) === route.network;
    const isChosen = matches && !marked && route.target === chosen;
    if (isChosen) marked = true;
    return {
      cidr: `${formatIpv4Address(route.network)}/${route.prefixLength}`,
      prefixLength: route.prefixLength,
      via: route.target,
      matches,
      commonBits: leadingCommonBits(destination, route.network),
      chosen: isChosen,
    };
  });
  return { checks, chosen };
}

export function leadingCommonBits(a: number, b: number): number {
  const x = (a ^ b) >>> 0;
  return x === 0 ? 32 : Math.clz32(x);
}




const HOSTS = { client: "10.1.0.10", corp: "10.99.0.1", campusHost: "10.20.5.5", labHost: "10.20.30.40", web: "203.0.113.10" };

/** The nodes' own routes (the edge router uses {@link EDGE_ROUTES}). */
export const OTHER_ROUTES: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>> = {
  core: [["10.99.0.0/16", "corp"], ["0.0.0.0/0", "edge"]],
  campus: [["10.20.5.0/24", "campusHost"], ["0.0.0.0/0", "edge"]],
  lab: [["10.20.30.0/24", "labHost"], ["0.0.0.0/0", "edge"]],
  isp: [["203.0.113.0/24", "web"], ["10.0.0.0/8", "edge"]],
};

/**
 * Sends one UDP datagram from the client to `destination` with the given
 * TTL through a fresh runtime Network and reports every hop from the trace.
 */
export function forward(destination: string, ttl = 64): Forwarding {
  const dst = parseIpv4Address(destination);
  const net = new Network({ seed: 1, trace: { capture: true } });
  const nodes = new Map<string, NetworkNode>();
  for (const [name, address] of Object.entries(HOSTS)) {
    const host = net.host(name, address);
    host.udp(9);
    nodes.set(name, host);
  }
  for (const name of ["edge", "core", "campus", "lab", "isp"]) nodes.set(name, net.router(name));
  const node = (name: string) => nodes.get(name)!;
  for (const r of EDGE_ROUTES) net.connect(node("edge"), node(r.via));
  net.connect(node("core"), node("corp"));
  net.connect(node("campus"), node("campusHost"));
  net.connect(node("lab"), node("labHost"));
  net.connect(node("isp"), node("web"));
  for (const r of EDGE_ROUTES) node("edge").addRoute(r.cidr, node(r.via));
  for (const [router, routes] of Object.entries(OTHER_ROUTES)) {
    for (const [cidr, via] of routes) node(router).addRoute(cidr, node(via));
  }

  const client = node("client");
  const src = parseIpv4Address(HOSTS.client);
  const datagram = emitUdp({ srcPort: 50000, dstPort: 9 }, new TextEncoder().encode("hello"), src, dst);
  const repr = { src, dst, protocol: IP_PROTOCOL.UDP, ttl, identification: 1, dscp: 0, ecn: 0, dontFragment: true, moreFragments: false, fragmentOffset: 0 };
  client.linkTo(node("edge")).send({ id: net.newPacketId(), bytes: emitIpv4(repr, datagram) });
  net.run({ maxEvents: 10_000 });

  const hops: Hop[] = net.trace.captured.map((c) => {
    const [from, to] = c.link.split("->") as [string, string];
    return { from, to, ttl: c.bytes[8]!, timeMs: c.time / 1e6, route: routeUsed(node(from), dst) };
  });
  let outcome: Forwarding["outcome"] | undefined;
  for (const event of net.trace.events) {
    if (event.kind === "deliver") outcome = { kind: "delivered", node: event.node, timeMs: event.time / 1e6 };
    if (event.kind === "drop") outcome = { kind: "dropped", where: event.where, reason: event.reason, timeMs: event.time / 1e6 };
  }
  if (outcome === undefined) throw new Error("The packet neither arrived nor was dropped");
  return { hops, outcome };
}

function routeUsed(node: NetworkNode, destination: number): string {
  for (const route of node.routes.routes()) {
    if (((destination & prefixMask(route.prefixLength)) >>> 0) === route.network) {
      return `${formatIpv4Address(route.network)}/${route.prefixLength}`;
    }
  }
  return "none";
}


/** Is `address` inside `cidr`? (For tests and prose checks.) */
export function contains(cidr: string, address: number): boolean {
  const { network, prefixLength } = parseCidr(cidr);
  return ((address & prefixMask(prefixLength)) >>> 0) === network;
}
