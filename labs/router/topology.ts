/**
 * The lab's network: a client, three routers in a line and a server, built
 * on the runtime (Network, Host, Router, links). Any router can run a
 * forwarding function instead of the runtime's own Router: the harness plugs
 * in the learner's code, the hidden tests plug in their oracle and compare
 * what the hosts receive. No answer lives here.
 *
 * ```text
 *  client ── r1 ── r2 ── r3 ── server
 *  10.1.0.10               10.3.0.10
 * ```
 *
 * r2 holds overlapping routes (10.1.0.0/16 one way, 10.0.0.0/8 the other)
 * and no default route, so 192.0.2.1 is unreachable there; r3's 10.3.0.0/24
 * holds only the server, so 10.3.0.99 is an unreachable host.
 */
import { ms } from "#runtime/core/time.ts";
import { Host } from "#runtime/net/host.ts";
import { Network } from "#runtime/net/network.ts";
import { NetworkNode } from "#runtime/net/node.ts";
import type { Packet } from "#runtime/net/packet.ts";
import { formatIpv4Address, parseCidr, parseIpv4Address } from "#runtime/wire/address.ts";
import { fromHex, toHex } from "#labs/kit/hex.ts";
import type { Arrival, ConfigSpec, Hop, NetworkInput, NetworkResult } from "./scenarios.ts";

/** The router configuration the learner's constructor gets: addresses as unsigned 32-bit numbers. */
export interface RouterConfigValue {
  readonly interfaces: readonly { readonly address: number; readonly neighbours: readonly number[] }[];
  readonly routes: readonly { readonly network: number; readonly prefixLength: number; readonly interface: number; readonly nextHop: number | null }[];
}

/** What a router decided for one datagram: an output, nothing, or a fault to report. */
export type Decision = { readonly interface: number; readonly nextHop: number; readonly datagram: Uint8Array } | null | { readonly fault: string };

/** A router's forwarding step, built once per router from its configuration. */
export type Forwarder = (datagram: Uint8Array) => Decision;

export const CLIENT = { name: "client", address: "10.1.0.10" } as const;
export const SERVER = { name: "server", address: "10.3.0.10", echoPort: 7 } as const;

/** The routers' configurations, in the lab's contract (instructions.mdx). */
export const ROUTERS: Readonly<Record<"r1" | "r2" | "r3", ConfigSpec>> = {
  r1: {
    // Interface 0 faces r2, so an ICMP error to the client leaves by interface 1.
    interfaces: [
      { address: "10.255.12.1", neighbours: ["10.255.12.2"] },
      { address: "10.1.0.1", neighbours: [CLIENT.address] },
    ],
    routes: [
      { prefix: "10.1.0.0/24", interface: 1, nextHop: null },
      { prefix: "10.255.12.0/24", interface: 0, nextHop: null },
      { prefix: "0.0.0.0/0", interface: 0, nextHop: "10.255.12.2" },
    ],
  },
  r2: {
    interfaces: [
      { address: "10.255.12.2", neighbours: ["10.255.12.1"] },
      { address: "10.255.23.2", neighbours: ["10.255.23.3"] },
    ],
    routes: [
      { prefix: "10.0.0.0/8", interface: 1, nextHop: "10.255.23.3" },
      { prefix: "10.1.0.0/16", interface: 0, nextHop: "10.255.12.1" },
      { prefix: "10.255.12.0/24", interface: 0, nextHop: null },
      { prefix: "10.255.23.0/24", interface: 1, nextHop: null },
    ],
  },
  r3: {
    interfaces: [
      { address: "10.255.23.3", neighbours: ["10.255.23.2"] },
      { address: "10.3.0.1", neighbours: [SERVER.address] },
    ],
    routes: [
      { prefix: "0.0.0.0/0", interface: 0, nextHop: "10.255.23.2" },
      { prefix: "10.3.0.0/24", interface: 1, nextHop: null },
      { prefix: "10.255.23.0/24", interface: 0, nextHop: null },
    ],
  },
};

export type RouterName = keyof typeof ROUTERS;
export const ROUTER_NAMES = Object.keys(ROUTERS) as RouterName[];

/** A configuration as the learner's constructor takes it. */
export function configValue(spec: ConfigSpec): RouterConfigValue {
  return {
    interfaces: spec.interfaces.map((i) => ({ address: parseIpv4Address(i.address), neighbours: i.neighbours.map(parseIpv4Address) })),
    routes: spec.routes.map((r) => {
      const { network, prefixLength } = parseCidr(r.prefix);
      return { network, prefixLength, interface: r.interface, nextHop: r.nextHop === null ? null : parseIpv4Address(r.nextHop) };
    }),
  };
}

/** Forwarding decisions per run; a router that loops datagrams for ever is stopped here. */
const MAX_DECISIONS = 2000;

/**
 * Runs `input` on the course topology; `forwarderFor` builds the forwarding
 * step of each router named in `input.learnerRouters`.
 */
export function runNetwork(
  input: NetworkInput,
  forwarderFor: (name: RouterName, config: RouterConfigValue) => Forwarder,
): { result: NetworkResult; net: Network } {
  const net = new Network({ seed: 1, trace: { capture: true } });
  const arrivals: Arrival[] = [];
  const hops: Hop[] = [];
  const faults: string[] = [];
  const budget = { left: MAX_DECISIONS };
  const client = new RecordingHost(net, CLIENT.name, CLIENT.address, arrivals);
  const server = new RecordingHost(net, SERVER.name, SERVER.address, arrivals);
  const echo = server.udp(SERVER.echoPort);
  echo.onDatagram = (d) => echo.send(d.from, d.payload);

  // Nodes by address (a router under each of its addresses), for next hops.
  const nodes = new Map<string, NetworkNode>([
    [CLIENT.address, client],
    [SERVER.address, server],
  ]);
  const routers = ROUTER_NAMES.map((name) => {
    const spec = ROUTERS[name];
    const node = input.learnerRouters.includes(name)
      ? new LabRouter(net, name, spec, forwarderFor(name, configValue(spec)), nodes, { hops, faults, budget })
      : net.router(name);
    for (const i of spec.interfaces) nodes.set(i.address, node);
    return { spec, node };
  });
  const chain = [client, ...routers.map((r) => r.node), server];
  for (let i = 1; i < chain.length; i++) net.connect(chain[i - 1]!, chain[i]!, "lan");
  for (const { spec, node } of routers) {
    if (node instanceof LabRouter) continue;
    // The runtime's Router has no addresses: a route leads to the neighbour on its interface.
    for (const route of spec.routes) node.addRoute(route.prefix, nodes.get(spec.interfaces[route.interface]!.neighbours[0]!)!);
  }
  input.probes.forEach((hex, i) => {
    net.sim.at(ms(i), () => client.linkTo(chain[1]!).send({ id: net.newPacketId(), bytes: fromHex(hex) }));
  });
  net.run({ maxEvents: 200_000 });
  return { result: { arrivals, hops, faults }, net };
}

/** A runtime Host that also records every datagram that reaches it. */
class RecordingHost extends Host {
  private readonly arrivals: Arrival[];

  constructor(net: Network, name: string, address: string, arrivals: Arrival[]) {
    super(net, name, address);
    this.arrivals = arrivals;
  }

  override receive(packet: Packet): void {
    this.arrivals.push({ host: this.name, timeNs: this.context.sim.now, datagram: toHex(packet.bytes) });
    super.receive(packet);
  }
}

interface Log {
  readonly hops: Hop[];
  readonly faults: string[];
  readonly budget: { left: number };
}

/** A router whose forwarding decisions come from a {@link Forwarder}. */
class LabRouter extends NetworkNode {
  private readonly spec: ConfigSpec;
  private readonly step: Forwarder;
  private readonly nodes: ReadonlyMap<string, NetworkNode>;
  private readonly log: Log;

  constructor(net: Network, name: string, spec: ConfigSpec, step: Forwarder, nodes: ReadonlyMap<string, NetworkNode>, log: Log) {
    super(net, name);
    this.spec = spec;
    this.step = step;
    this.nodes = nodes;
    this.log = log;
  }

  receive(packet: Packet): void {
    if (--this.log.budget.left < 0) {
      if (this.log.budget.left === -1) this.log.faults.push(`Stopped after ${MAX_DECISIONS} forwarding decisions: datagrams are going round in circles.`);
      return;
    }
    const decision = this.step(packet.bytes);
    const hop = (action: string): void => {
      this.log.hops.push({ router: this.name, timeNs: this.context.sim.now, received: toHex(packet.bytes), action });
    };
    if (decision === null) return hop("nothing");
    if ("fault" in decision) {
      hop(`fault: ${decision.fault}`);
      this.log.faults.push(`${this.name}: ${decision.fault}`);
      return;
    }
    const nextHop = formatIpv4Address(decision.nextHop);
    const where = this.spec.interfaces[decision.interface];
    hop(`send on interface ${decision.interface} to ${nextHop}: ${toHex(decision.datagram)}`);
    const neighbour = where?.neighbours.includes(nextHop) === true ? this.nodes.get(nextHop) : undefined;
    if (neighbour === undefined) {
      this.log.faults.push(`${this.name} sent a datagram on interface ${decision.interface} to ${nextHop}, which is no neighbour on that interface.`);
      return;
    }
    const own = this.spec.interfaces.some((i) => parseIpv4Address(i.address) === readSource(decision.datagram));
    this.linkTo(neighbour).send({ id: own ? this.context.newPacketId() : packet.id, bytes: decision.datagram });
  }
}

function readSource(datagram: Uint8Array): number {
  return datagram.length < 16 ? -1 : ((datagram[12]! << 24) | (datagram[13]! << 16) | (datagram[14]! << 8) | datagram[15]!) >>> 0;
}
