/**
 * A correct variant: routes in a binary trie (one node per prefix bit, the
 * deepest route on the path wins), the header checksum recomputed in full
 * after the TTL changes (RFC 1071) instead of updated, and headers read
 * through a DataView. Quotes RFC 792's header + 8 bytes.
 */

export interface Interface {
  readonly address: number;
  readonly neighbours: readonly number[];
}

export interface Route {
  readonly network: number;
  readonly prefixLength: number;
  readonly interface: number;
  readonly nextHop: number | null;
}

export interface RouterConfig {
  readonly interfaces: readonly Interface[];
  readonly routes: readonly Route[];
}

export interface Output {
  readonly interface: number;
  readonly nextHop: number;
  readonly datagram: Uint8Array;
}

interface TrieNode {
  route?: Route;
  zero?: TrieNode;
  one?: TrieNode;
}

export class Router {
  private readonly root: TrieNode = {};
  private readonly config: RouterConfig;

  constructor(config: RouterConfig) {
    this.config = config;
    for (const route of config.routes) {
      let node = this.root;
      for (let bit = 0; bit < route.prefixLength; bit++) {
        const key = ((route.network >>> (31 - bit)) & 1) === 1 ? "one" : "zero";
        node = node[key] ??= {};
      }
      node.route = route;
    }
  }

  forward(datagram: Uint8Array): Output | null {
    if (datagram.length < 20) return null;
    const view = new DataView(datagram.buffer, datagram.byteOffset, datagram.byteLength);
    const first = view.getUint8(0);
    const headerLength = (first & 15) * 4;
    const total = view.getUint16(2);
    if (first >>> 4 !== 4 || headerLength < 20 || total < headerLength || total > datagram.length) return null;
    if (checksum(datagram, 0, headerLength) !== 0) return null;
    const packet = datagram.subarray(0, total);
    const dst = view.getUint32(16);
    if (this.config.interfaces.some((i) => i.address === dst)) return null;
    if (dst >>> 28 >= 14) return null; // 224.0.0.0 and up
    const ttl = view.getUint8(8);
    if (ttl < 2) return this.icmpError(packet, 11, 0);
    const hop = this.hopFor(dst);
    if ("code" in hop) return this.icmpError(packet, 3, hop.code);
    const out = new Uint8Array(packet);
    const outView = new DataView(out.buffer);
    outView.setUint8(8, ttl - 1);
    outView.setUint16(10, 0);
    outView.setUint16(10, checksum(out, 0, headerLength));
    return { ...hop, datagram: out };
  }

  private lookup(address: number): Route | undefined {
    let node: TrieNode | undefined = this.root;
    let best: Route | undefined;
    for (let bit = 0; node !== undefined; bit++) {
      if (node.route !== undefined) best = node.route;
      if (bit === 32) break;
      node = ((address >>> (31 - bit)) & 1) === 1 ? node.one : node.zero;
    }
    return best;
  }

  private hopFor(address: number): { interface: number; nextHop: number } | { code: number } {
    const route = this.lookup(address);
    if (route === undefined) return { code: 0 };
    if (route.nextHop === null) {
      return this.config.interfaces[route.interface]!.neighbours.indexOf(address) >= 0 ? { interface: route.interface, nextHop: address } : { code: 1 };
    }
    return { interface: route.interface, nextHop: route.nextHop };
  }

  private icmpError(packet: Uint8Array, type: number, code: number): Output | null {
    const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
    const src = view.getUint32(12);
    const headerLength = (packet[0]! & 15) * 4;
    const isFirstFragment = (view.getUint16(6) & 0x1fff) === 0;
    const icmpType = view.getUint8(9) === 1 && packet.length > headerLength ? packet[headerLength]! : -1;
    const aboutIcmpError = icmpType === 3 || icmpType === 4 || icmpType === 5 || icmpType === 11 || icmpType === 12;
    const topByte = src >>> 24;
    const singleHost = topByte !== 0 && topByte !== 127 && topByte < 224;
    if (!isFirstFragment || aboutIcmpError || !singleHost) return null;
    const hop = this.hopFor(src);
    if ("code" in hop) return null;
    const quoted = Math.min(packet.length, headerLength + 8);
    const out = new Uint8Array(20 + 8 + quoted);
    const o = new DataView(out.buffer);
    o.setUint8(0, 0x45);
    o.setUint16(2, out.length);
    o.setUint8(8, 64);
    o.setUint8(9, 1);
    o.setUint32(12, this.config.interfaces[hop.interface]!.address);
    o.setUint32(16, src);
    o.setUint16(10, checksum(out, 0, 20));
    o.setUint8(20, type);
    o.setUint8(21, code);
    out.set(packet.subarray(0, quoted), 28);
    o.setUint16(22, checksum(out, 20, out.length));
    return { ...hop, datagram: out };
  }
}

/** RFC 1071 over bytes [start, end). */
function checksum(bytes: Uint8Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i += 2) sum += bytes[i]! * 256 + (i + 1 < end ? bytes[i + 1]! : 0);
  sum = (sum >>> 16) + (sum & 0xffff);
  sum += sum >>> 16;
  return ~sum & 0xffff;
}
