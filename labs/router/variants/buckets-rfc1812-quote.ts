/**
 * A correct variant: routes in one Map per prefix length, looked up from
 * /32 down to /0 (as the runtime's RoutingTable does); the checksum updated
 * the way Linux's ip_decrease_ttl does it (add 0x0100, fold the carry, never
 * leave 0xFFFF); and ICMP errors quoting as much of the datagram as RFC 1812
 * §4.3.2.3 allows (the ICMP datagram up to 576 bytes), not RFC 792's 8 bytes.
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

const MAX_ICMP_DATAGRAM = 576;

function mask(length: number): number {
  return length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
}

function u32(b: Uint8Array, at: number): number {
  return b[at]! * 0x1000000 + b[at + 1]! * 0x10000 + b[at + 2]! * 0x100 + b[at + 3]!;
}

function sum16(b: Uint8Array, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i += 2) sum += (b[i]! << 8) + (i + 1 < length ? b[i + 1]! : 0);
  while (sum >>> 16 !== 0) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

export class Router {
  private readonly byLength: Map<number, Route>[] = [];
  private readonly interfaces: readonly Interface[];

  constructor(config: RouterConfig) {
    this.interfaces = config.interfaces;
    for (let length = 0; length <= 32; length++) this.byLength.push(new Map());
    for (const route of config.routes) this.byLength[route.prefixLength]!.set(route.network, route);
  }

  forward(datagram: Uint8Array): Output | null {
    if (datagram.length < 20) return null;
    const version = datagram[0]! >> 4;
    const ihl = datagram[0]! & 0xf;
    const total = (datagram[2]! << 8) | datagram[3]!;
    if (version !== 4 || ihl < 5 || total < ihl * 4 || total > datagram.length) return null;
    if (sum16(datagram, ihl * 4) !== 0xffff) return null;
    const packet = datagram.slice(0, total);
    const dst = u32(packet, 16);
    if (dst >= 0xe0000000) return null;
    for (const i of this.interfaces) if (i.address === dst) return null;
    if (packet[8]! <= 1) return this.reply(packet, 11, 0);
    const next = this.nextHop(dst);
    if (typeof next === "number") return this.reply(packet, 3, next);
    // Linux's ip_decrease_ttl: the TTL is the high byte of its word, so the checksum grows by 0x0100.
    packet[8] = packet[8]! - 1;
    let check = ((packet[10]! << 8) | packet[11]!) + 0x0100;
    check = (check + (check >= 0xffff ? 1 : 0)) & 0xffff;
    packet[10] = check >> 8;
    packet[11] = check & 0xff;
    return { interface: next.interface, nextHop: next.nextHop, datagram: packet };
  }

  private nextHop(address: number): { interface: number; nextHop: number } | number {
    for (let length = 32; length >= 0; length--) {
      const route = this.byLength[length]!.get((address & mask(length)) >>> 0);
      if (route === undefined) continue;
      if (route.nextHop !== null) return { interface: route.interface, nextHop: route.nextHop };
      if (this.interfaces[route.interface]!.neighbours.includes(address)) return { interface: route.interface, nextHop: address };
      return 1; // host unreachable
    }
    return 0; // net unreachable
  }

  private reply(original: Uint8Array, type: number, code: number): Output | null {
    const headerLength = (original[0]! & 0xf) * 4;
    if ((((original[6]! & 0x1f) << 8) | original[7]!) !== 0) return null;
    if (original[9] === 1 && [3, 4, 5, 11, 12].includes(original[headerLength] ?? -1)) return null;
    const src = u32(original, 12);
    if (src < 0x01000000 || (src >= 0x7f000000 && src < 0x80000000) || src >= 0xe0000000) return null;
    const back = this.nextHop(src);
    if (typeof back === "number") return null;
    const quote = original.subarray(0, Math.min(original.length, MAX_ICMP_DATAGRAM - 28));
    const out = new Uint8Array(28 + quote.length);
    const from = this.interfaces[back.interface]!.address;
    out.set([0x45, 0, out.length >> 8, out.length & 0xff, 0, 0, 0, 0, 64, 1, 0, 0]);
    out.set([from >>> 24, (from >>> 16) & 0xff, (from >>> 8) & 0xff, from & 0xff, src >>> 24, (src >>> 16) & 0xff, (src >>> 8) & 0xff, src & 0xff], 12);
    const ipSum = ~sum16(out, 20) & 0xffff;
    out[10] = ipSum >> 8;
    out[11] = ipSum & 0xff;
    out[20] = type;
    out[21] = code;
    out.set(quote, 28);
    const icmpSum = ~sum16(out.subarray(20), out.length - 20) & 0xffff;
    out[22] = icmpSum >> 8;
    out[23] = icmpSum & 0xff;
    return { interface: back.interface, nextHop: back.nextHop, datagram: out };
  }
}
