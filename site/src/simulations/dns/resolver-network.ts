/**
 * The resolution simulation's network (resolve.ts): a stub, a recursive
 * resolver and one host per name server, each linked with its delay, and the
 * driver that carries DNS messages between them over real UDP datagrams and
 * TCP segments on port 53. The protocol decisions are the models' (the
 * resolver, dns-over-tcp.ts, resolver-messages.ts); this file only does I/O
 * and writes the steps the ladder shows.
 */
import { ms, toMs } from "#runtime/core/time.ts";
import type { Random } from "#runtime/core/random.ts";
import type { Host, TcpSegment } from "#runtime/net/host.ts";
import { Network } from "#runtime/net/network.ts";
import { IP_PROTOCOL } from "#runtime/wire/ipv4.ts";
import { emitTcp, tcpFlags } from "#runtime/wire/tcp.ts";
import { decodeMessage, encodeMessage, type DnsMessage, type DnsQuestion } from "#runtime/wire/dns.ts";
import { ZONES, type ServerLane, type Zone } from "./zones.ts";
import type { DnsSimConfig, Lane } from "./resolver-controls.ts";
import { describeMessage, fitResponse, isReplyTo, makeQuery } from "./resolver-messages.ts";
import { TcpDnsClient, TcpDnsServerConnection, type OutSegment } from "./dns-over-tcp.ts";
import { StepLog } from "./step-log.ts";

export interface Endpoint {
  readonly host: Host;
  readonly lane: Lane;
}

/** What a DNS server does with a query: answer it through `reply`, now or later. */
export type QueryHandler = (query: DnsMessage, reply: (response: DnsMessage) => void) => void;

export class ResolverNetwork {
  readonly net: Network;
  readonly log: StepLog;
  readonly stub: Endpoint;
  readonly resolver: Endpoint;
  /** The name servers by address, with their zones. */
  readonly servers = new Map<string, { readonly endpoint: Endpoint; readonly zone: Zone }>();
  private readonly random: Random;
  private readonly edns: boolean;
  private readonly usedPorts = new Map<Host, Set<number>>();

  constructor(config: DnsSimConfig) {
    this.net = new Network({ seed: config.seed, trace: { record: false, capture: true } });
    this.random = this.net.sim.random.fork("dns");
    this.edns = config.edns;
    this.log = new StepLog(() => toMs(this.net.now));
    const link = (delayMs: number) => ({ rate: Infinity, delay: ms(delayMs) });
    this.stub = { host: this.net.host("stub", "10.0.0.2"), lane: "stub" };
    this.resolver = { host: this.net.host("resolver", "10.0.0.53"), lane: "resolver" };
    this.net.connect(this.stub.host, this.resolver.host, link(config.stubMs));
    const delays: Record<ServerLane, number> = { root: config.rootMs, tld: config.tldMs, auth: config.authMs };
    for (const zone of ZONES) {
      const host = this.net.host(zone.server.lane, zone.server.address);
      this.net.connect(this.resolver.host, host, link(delays[zone.server.lane]));
      this.resolver.host.addRoute(`${zone.server.address}/32`, host);
      this.servers.set(zone.server.address, { endpoint: { host, lane: zone.server.lane }, zone });
    }
  }

  /** A DNS server on port 53, UDP and TCP. */
  serve(server: Endpoint, handle: QueryHandler): void {
    const socket = server.host.udp(53);
    socket.onDatagram = (datagram) => {
      this.log.arrived(datagram.packet);
      const query = decodeMessage(datagram.payload);
      const client = this.peerOf(datagram.from.address);
      handle(query, (response) => {
        const sent = fitResponse(response, query, "UDP", this.edns);
        const bytes = encodeMessage(sent);
        const packet = socket.send(datagram.from, bytes);
        this.log.sent(packet, { from: server.lane, to: client.lane, transport: "UDP", label: describeMessage(sent), message: sent, dnsBytes: bytes.length, srcPort: 53, dstPort: datagram.from.port });
      });
    };
    const connections = new Map<string, TcpDnsServerConnection>();
    server.host.listenTcp(53, (segment) => {
      this.log.arrived(segment.packet);
      const client = this.peerOf(segment.from.address);
      const id = `${segment.from.address}:${segment.from.port}`;
      const send = (out: OutSegment, message: DnsMessage | null = null, dnsBytes = 0) => this.sendTcp(server, client, 53, segment.from.port, out, message, dnsBytes);
      if (segment.repr.flags.syn) {
        const c = new TcpDnsServerConnection(inSegment(segment), this.random.nextUint32());
        connections.set(id, c);
        send(c.accept());
        return;
      }
      const c = connections.get(id);
      if (c === undefined) return;
      const query = c.onData(inSegment(segment));
      if (query !== null) {
        handle(query, (response) => {
          const bytes = encodeMessage(fitResponse(response, query, "TCP", this.edns));
          send(c.respond(bytes), response, bytes.length);
        });
      }
      if (segment.repr.flags.fin) send(c.onFin(inSegment(segment)));
    });
  }

  /** Asks `to` over UDP from a fresh random port with a random ID; falls back to TCP on TC=1. */
  ask(from: Endpoint, to: Endpoint, question: DnsQuestion, rd: boolean, done: (response: DnsMessage) => void): void {
    const port = this.randomPort(from.host);
    const socket = from.host.udp(port);
    const query = makeQuery(this.random.int(0, 0xffff), question, rd, this.edns);
    socket.onDatagram = (datagram) => {
      const response = decodeMessage(datagram.payload);
      if (!isReplyTo(response, query, datagram.from, to.host.address)) return;
      this.log.arrived(datagram.packet);
      socket.close();
      if (response.header.tc) {
        if (this.log.current !== null) this.log.current.usedTcp = true;
        this.askTcp(from, to, query, done);
      } else done(response);
    };
    const bytes = encodeMessage(query);
    const packet = socket.send({ address: to.host.address, port: 53 }, bytes);
    this.log.sent(packet, { from: from.lane, to: to.lane, transport: "UDP", label: describeMessage(query), message: query, dnsBytes: bytes.length, srcPort: port, dstPort: 53 });
  }

  /** Asks `to` one question over TCP on a new connection and calls `done` with the response. */
  private askTcp(from: Endpoint, to: Endpoint, query: DnsMessage, done: (response: DnsMessage) => void): void {
    const port = this.randomPort(from.host);
    const bytes = encodeMessage(query);
    const client = new TcpDnsClient(this.random.nextUint32(), bytes);
    from.host.listenTcp(port, (segment) => {
      this.log.arrived(segment.packet);
      const { send, response } = client.onSegment(inSegment(segment));
      for (const out of send) this.sendTcp(from, to, port, 53, out, query, bytes.length);
      if (response !== null) done(response);
    });
    this.sendTcp(from, to, port, 53, client.open(), null, 0);
  }

  /** Puts a segment on the network and, if the ladder shows it, records it (`message` is the DNS message a data segment carries). */
  private sendTcp(from: Endpoint, to: Endpoint, srcPort: number, dstPort: number, out: OutSegment, message: DnsMessage | null, dnsBytes: number): void {
    const repr = { srcPort, dstPort, seq: out.seq >>> 0, ack: out.ack >>> 0, flags: tcpFlags(out.flags), window: 65535, urgentPointer: 0, options: [] };
    const bytes = emitTcp(repr, out.payload, from.host.addressValue, to.host.addressValue);
    const packet = from.host.sendIp(IP_PROTOCOL.TCP, to.host.addressValue, bytes).id;
    if (out.shown === null) return;
    const carried = out.shown === "message" ? message : null;
    const label = carried === null ? out.shown : `${describeMessage(carried)} (over TCP)`;
    this.log.sent(packet, { from: from.lane, to: to.lane, transport: "TCP", label, message: carried, dnsBytes: carried === null ? 0 : dnsBytes, srcPort, dstPort });
  }

  /** A random port from the dynamic range 49152-65535 that this host is not using. */
  private randomPort(host: Host): number {
    const used = this.usedPorts.get(host) ?? new Set<number>();
    this.usedPorts.set(host, used);
    let port = 49152 + this.random.int(0, 16383);
    while (used.has(port)) port = 49152 + this.random.int(0, 16383);
    used.add(port);
    return port;
  }

  private peerOf(address: string): Endpoint {
    return address === this.stub.host.address ? this.stub : this.resolver;
  }
}

const inSegment = (segment: TcpSegment) => ({ seq: segment.repr.seq, flags: segment.repr.flags, payload: segment.payload });
