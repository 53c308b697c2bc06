import { Network, type NetworkOptions } from "#runtime/net/network.ts";
import type { LinkSpec } from "#runtime/net/profiles.ts";

/** Two hosts, a and b (10.0.0.1 and 10.0.0.2), joined by one link. */
export function pair(spec: LinkSpec, options: NetworkOptions = {}, reverse?: LinkSpec) {
  const net = new Network(options);
  const a = net.host("a", "10.0.0.1");
  const b = net.host("b", "10.0.0.2");
  const links = net.connect(a, b, spec, reverse);
  return { net, a, b, ...links };
}

/** A raw IPv4 packet of `size` bytes (header checksum is not set: links do not look). */
export function rawPacket(net: Network, size: number) {
  return { id: net.newPacketId(), bytes: new Uint8Array(size) };
}
