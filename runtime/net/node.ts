import type { DropReason } from "../trace/events.ts";
import type { NetworkContext } from "./context.ts";
import type { Link } from "./link.ts";
import type { Packet } from "./packet.ts";
import { RoutingTable } from "./routing-table.ts";

/**
 * What hosts and routers have in common: a name, links to neighbours and a
 * forwarding table that picks the outgoing link by longest-prefix match.
 */
export abstract class NetworkNode {
  readonly name: string;
  protected readonly context: NetworkContext;
  /** Where packets go, by destination prefix. */
  readonly routes = new RoutingTable<Link>();
  private readonly linksByNeighbour = new Map<NetworkNode, Link>();

  constructor(context: NetworkContext, name: string) {
    this.context = context;
    this.name = name;
  }

  /** Called by a link when a packet arrives at this node. */
  abstract receive(packet: Packet): void;

  /** Records the outgoing link to a neighbour (the network calls this when it connects two nodes). */
  attach(neighbour: NetworkNode, link: Link): void {
    this.linksByNeighbour.set(neighbour, link);
  }

  /** The outgoing link to `neighbour`. */
  linkTo(neighbour: NetworkNode): Link {
    const link = this.linksByNeighbour.get(neighbour);
    if (link === undefined) throw new Error(`${this.name} has no link to ${neighbour.name}`);
    return link;
  }

  /** Sends packets for `cidr` (e.g. "10.2.0.0/16", or "0.0.0.0/0" for a default route) to `via`. */
  addRoute(cidr: string, via: NetworkNode): this {
    this.routes.add(cidr, this.linkTo(via));
    return this;
  }

  /** Puts a packet on the link its destination routes to, or drops it. */
  protected forward(packet: Packet, destination: number): void {
    const link = this.routes.lookup(destination);
    if (link === undefined) return this.drop(packet, "no-route");
    link.send(packet);
  }

  /** Drops a packet at this node and says why in the trace. */
  protected drop(packet: Packet, reason: DropReason): void {
    const { sim, trace } = this.context;
    if (trace.active) {
      trace.emit({ kind: "drop", time: sim.now, where: this.name, packet: packet.id, size: packet.bytes.length, reason });
    }
  }
}
