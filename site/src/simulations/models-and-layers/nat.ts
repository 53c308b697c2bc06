/**
 * A NAT box for UDP with the behaviours RFC 4787 names: how it picks an
 * external port for an outgoing packet (mapping, §4.1), which incoming
 * packets it lets through to a mapping (filtering, §5), and when an idle
 * mapping is forgotten (refresh, §4.3). Sans-I/O: the caller passes the
 * time and the packet's addresses and gets back an address or a reason.
 */

/** RFC 4787 §4.1: endpoint-independent, address-dependent, address-and-port-dependent. */
export type MappingBehaviour = "eim" | "adm" | "apdm";
/** RFC 4787 §5: endpoint-independent, address-dependent, address-and-port-dependent. */
export type FilteringBehaviour = "eif" | "adf" | "apdf";

export interface Endpoint {
  readonly ip: string;
  readonly port: number;
}

export const show = (e: Endpoint): string => `${e.ip}:${e.port}`;
export const sameEndpoint = (a: Endpoint, b: Endpoint): boolean => a.ip === b.ip && a.port === b.port;

export interface NatConfig {
  readonly publicIp: string;
  readonly mapping: MappingBehaviour;
  readonly filtering: FilteringBehaviour;
  /** Idle time after which a mapping is dropped, ms (RFC 4787 REQ-5: at least 2 minutes). */
  readonly timeoutMs: number;
  /** The first external port handed out; later mappings take the next ones. */
  readonly firstPort: number;
}

/** One mapping: an internal endpoint's external port, toward some set of destinations. */
export interface Binding {
  readonly internal: Endpoint;
  readonly external: Endpoint;
  /** Who this mapping was made for ("any" under endpoint-independent mapping). */
  readonly toward: string;
  /** The destinations the internal endpoint sent to through it (what the filter admits). */
  readonly sentTo: Set<string>;
  lastOutboundMs: number;
}

export type Inbound = { readonly ok: true; readonly to: Endpoint } | { readonly ok: false; readonly reason: string };

export class Nat {
  private readonly bindings: Binding[] = [];
  private nextPort: number;
  readonly config: NatConfig;

  constructor(config: NatConfig) {
    this.config = config;
    this.nextPort = config.firstPort;
  }

  /** The destination key a mapping is reused for, by mapping behaviour. */
  private toward(dst: Endpoint): string {
    if (this.config.mapping === "eim") return "any";
    return this.config.mapping === "adm" ? dst.ip : show(dst);
  }

  private live(nowMs: number): Binding[] {
    // Only outbound traffic refreshes a mapping (RFC 4787 REQ-6), so idle time counts from the last packet out.
    for (let i = this.bindings.length - 1; i >= 0; i--) {
      if (nowMs - this.bindings[i]!.lastOutboundMs > this.config.timeoutMs) this.bindings.splice(i, 1);
    }
    return this.bindings;
  }

  /** Translates a packet from `src` (inside) to `dst` (outside): its new source address. */
  outbound(nowMs: number, src: Endpoint, dst: Endpoint): Endpoint {
    const toward = this.toward(dst);
    let binding = this.live(nowMs).find((b) => sameEndpoint(b.internal, src) && b.toward === toward);
    if (binding === undefined) {
      binding = { internal: src, external: { ip: this.config.publicIp, port: this.nextPort++ }, toward, sentTo: new Set(), lastOutboundMs: nowMs };
      this.bindings.push(binding);
    }
    binding.lastOutboundMs = nowMs;
    binding.sentTo.add(show(dst));
    binding.sentTo.add(dst.ip);
    return binding.external;
  }

  /** A packet from `from` (outside) to this NAT's `port`: the inside address, or why it is dropped. */
  inbound(nowMs: number, port: number, from: Endpoint): Inbound {
    const binding = this.live(nowMs).find((b) => b.external.port === port);
    if (binding === undefined) return { ok: false, reason: `no mapping for port ${port} at ${this.config.publicIp}` };
    const filter = this.config.filtering;
    if (filter === "adf" && !binding.sentTo.has(from.ip)) return { ok: false, reason: `filtered: nothing was sent to ${from.ip}` };
    if (filter === "apdf" && !binding.sentTo.has(show(from))) return { ok: false, reason: `filtered: nothing was sent to ${show(from)}` };
    return { ok: true, to: binding.internal };
  }

  /** The mappings alive now, oldest first. */
  table(nowMs: number): readonly Binding[] {
    return [...this.live(nowMs)];
  }
}
