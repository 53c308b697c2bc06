import { formatIpv4Address, parseCidr, prefixMask } from "../wire/address.ts";

/** A route as stored: prefix, its length, and where it leads. */
export interface Route<T> {
  readonly network: number;
  readonly prefixLength: number;
  readonly target: T;
}

/**
 * A forwarding table with longest-prefix match: of all the routes whose
 * prefix contains an address, the most specific (longest) one wins. Routes
 * are kept per prefix length, so a lookup tries at most 33 exact matches,
 * from /32 down to /0.
 */
export class RoutingTable<T> {
  private readonly byLength: Array<Map<number, T>> = Array.from({ length: 33 }, () => new Map());

  /** Adds (or replaces) the route for `cidr`, e.g. "10.1.0.0/16" or "0.0.0.0/0". */
  add(cidr: string, target: T): void {
    const { network, prefixLength } = parseCidr(cidr);
    this.byLength[prefixLength]!.set((network & prefixMask(prefixLength)) >>> 0, target);
  }

  /** Where packets for `address` go, or undefined when no route matches. */
  lookup(address: number): T | undefined {
    for (let length = 32; length >= 0; length--) {
      const routes = this.byLength[length]!;
      if (routes.size === 0) continue;
      const target = routes.get((address & prefixMask(length)) >>> 0);
      if (target !== undefined) return target;
    }
    return undefined;
  }

  /** Every route, most specific first (for display). */
  routes(): Array<Route<T>> {
    const all: Array<Route<T>> = [];
    for (let length = 32; length >= 0; length--) {
      for (const [network, target] of this.byLength[length]!) all.push({ network, prefixLength: length, target });
    }
    return all;
  }

  /** The routes as text, one "10.1.0.0/16 -> target" line each. */
  describe(name: (target: T) => string): string[] {
    return this.routes().map((r) => `${formatIpv4Address(r.network)}/${r.prefixLength} -> ${name(r.target)}`);
  }
}
