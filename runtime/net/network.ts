import { Simulator, type RunOptions } from "../core/simulator.ts";
import { Metrics } from "../trace/metrics.ts";
import { Trace, type TraceOptions } from "../trace/trace.ts";
import { ByteStream, type ByteStreamOptions } from "./byte-stream.ts";
import type { NetworkContext } from "./context.ts";
import { Host } from "./host.ts";
import { Link } from "./link.ts";
import type { NetworkNode } from "./node.ts";
import { resolveLinkSpec, type LinkSpec } from "./profiles.ts";
import { Router } from "./router.ts";

/** Options for a {@link Network}. */
export interface NetworkOptions {
  /** Seed for every random choice in the network (default 1). */
  readonly seed?: number | bigint;
  /** What the trace keeps (default: every event, no packet bytes). */
  readonly trace?: TraceOptions;
}

/** The two directions of a connection made by {@link Network.connect}. */
export interface DuplexLink {
  /** From the first node to the second. */
  readonly forward: Link;
  /** From the second node back to the first. */
  readonly reverse: Link;
}

/**
 * A simulated network: hosts and routers joined by links, one virtual clock,
 * one trace and one set of metrics. The same seed always gives the same run.
 *
 * ```ts
 * const net = new Network({ seed: 7 });
 * const client = net.host("client", "10.0.0.1");
 * const server = net.host("server", "10.0.0.2");
 * net.connect(client, server, "wifi");
 * const socket = server.udp(53);
 * socket.onDatagram = (d) => socket.send(d.from, d.payload); // echo
 * client.udp().send({ address: "10.0.0.2", port: 53 }, new Uint8Array([1, 2, 3]));
 * net.run();
 * ```
 */
export class Network implements NetworkContext {
  readonly sim: Simulator;
  readonly trace: Trace;
  readonly metrics = new Metrics();
  private readonly nodes = new Map<string, NetworkNode>();
  private readonly links = new Map<string, Link>();
  private packetCount = 0;

  constructor(options: NetworkOptions = {}) {
    this.sim = new Simulator(options.seed === undefined ? {} : { seed: options.seed });
    this.trace = new Trace(options.trace);
  }

  /** The current virtual time (ns). */
  get now(): number {
    return this.sim.now;
  }

  /** A fresh packet id. */
  newPacketId(): number {
    return ++this.packetCount;
  }

  /** Adds a host named `name` with IPv4 `address`. */
  host(name: string, address: string): Host {
    return this.addNode(new Host(this, name, address));
  }

  /** Adds a router named `name`. Give it routes with `addRoute`. */
  router(name: string): Router {
    return this.addNode(new Router(this, name));
  }

  /**
   * Joins two nodes with a link in each direction. `spec` describes the link
   * (a profile name or fields); `reverseSpec`, if given, the way back.
   */
  connect(a: NetworkNode, b: NetworkNode, spec?: LinkSpec, reverseSpec?: LinkSpec): DuplexLink {
    const forward = this.addLink(a, b, resolveLinkSpec(spec));
    const reverse = this.addLink(b, a, resolveLinkSpec(reverseSpec ?? spec));
    return { forward, reverse };
  }

  /** A one-way byte stream from `from` to `to` over the path between them. */
  stream(from: Host, to: Host, options?: ByteStreamOptions): ByteStream {
    return new ByteStream(this, from, to, options);
  }

  /** The link named "from->to". */
  link(name: string): Link {
    const link = this.links.get(name);
    if (link === undefined) throw new Error(`No link named "${name}". Links: ${[...this.links.keys()].join(", ")}`);
    return link;
  }

  /** Runs the simulation (see {@link Simulator.run}) and brings link metrics up to date. */
  run(options?: RunOptions): void {
    this.sim.run(options);
    for (const link of this.links.values()) link.settle();
  }

  private addNode<T extends NetworkNode>(node: T): T {
    if (this.nodes.has(node.name)) throw new Error(`A node named "${node.name}" already exists`);
    this.nodes.set(node.name, node);
    return node;
  }

  private addLink(from: NetworkNode, to: NetworkNode, config: Link["config"]): Link {
    let name = `${from.name}->${to.name}`;
    for (let n = 2; this.links.has(name); n++) name = `${from.name}->${to.name}#${n}`;
    const link = new Link(this, name, config);
    link.connect((packet) => to.receive(packet));
    from.attach(to, link);
    this.links.set(name, link);
    return link;
  }
}
