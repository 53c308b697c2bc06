import type { Timer } from "../core/event-queue.ts";
import type { Time } from "../core/time.ts";
import { formatIpv4Address, parseIpv4Address } from "../wire/address.ts";
import { WireError } from "../wire/errors.ts";
import { emitIpv4, IP_PROTOCOL, parseIpv4, verifyIpv4Checksum } from "../wire/ipv4.ts";
import { parseTcp, type TcpRepr } from "../wire/tcp.ts";
import { emitUdp, parseUdp } from "../wire/udp.ts";
import type { NetworkContext } from "./context.ts";
import type { Link } from "./link.ts";
import { flowName, type Endpoint } from "./endpoint.ts";
import { NetworkNode } from "./node.ts";
import type { Packet } from "./packet.ts";
import { UdpSocket, type UdpSocketOptions } from "./udp-socket.ts";

/** A TCP segment as handed to a stream endpoint. */
export interface TcpSegment {
  readonly from: Endpoint;
  readonly repr: TcpRepr;
  readonly payload: Uint8Array;
  readonly packet: number;
}

const FIRST_EPHEMERAL_PORT = 49152;
const DEFAULT_TTL = 64;

/**
 * An end host with one IPv4 address. It sends what its sockets and streams
 * give it, routes by its table (its first link is the default route), and on
 * receipt checks the IPv4 header, the destination address and the transport
 * checksum before handing the payload to whoever listens on the port. It
 * never forwards packets for others.
 */
export class Host extends NetworkNode {
  /** The host's IPv4 address, dotted. */
  readonly address: string;
  /** The same address as a 32-bit number (wire form). */
  readonly addressValue: number;
  private readonly udpSockets = new Map<number, UdpSocket>();
  private readonly tcpReceivers = new Map<number, (segment: TcpSegment) => void>();
  private nextEphemeralPort = FIRST_EPHEMERAL_PORT;
  private nextIdentification = 0;

  constructor(context: NetworkContext, name: string, address: string) {
    super(context, name);
    this.addressValue = parseIpv4Address(address);
    this.address = formatIpv4Address(this.addressValue);
  }

  override attach(neighbour: NetworkNode, link: Link): void {
    super.attach(neighbour, link);
    if (this.routes.lookup(0) === undefined) this.routes.add("0.0.0.0/0", link);
  }

  /** Opens a datagram socket on `port` (an unused ephemeral port if omitted). */
  udp(port?: number, options?: UdpSocketOptions): UdpSocket {
    const chosen = port ?? this.ephemeralPort((p) => this.udpSockets.has(p));
    checkPort(chosen);
    if (this.udpSockets.has(chosen)) throw new Error(`UDP port ${chosen} is already in use on ${this.name}`);
    const socket = new UdpSocket(this, chosen, options);
    this.udpSockets.set(chosen, socket);
    return socket;
  }

  /**
   * Runs `action` after `delay` of virtual time; the trace records the
   * firing under `label`. Cancel the returned timer to stop it.
   */
  timer(delay: Time, label: string, action: () => void): Timer {
    return this.context.sim.after(delay, () => {
      const { sim, trace } = this.context;
      if (trace.active) trace.emit({ kind: "timer", time: sim.now, node: this.name, label });
      action();
    });
  }

  /** Listens for TCP segments on `port` (used by byte streams). */
  listenTcp(port: number | undefined, receiver: (segment: TcpSegment) => void): number {
    const chosen = port ?? this.ephemeralPort((p) => this.tcpReceivers.has(p));
    checkPort(chosen);
    if (this.tcpReceivers.has(chosen)) throw new Error(`TCP port ${chosen} is already in use on ${this.name}`);
    this.tcpReceivers.set(chosen, receiver);
    return chosen;
  }

  /** Wraps a transport payload in IPv4 and sends it; returns the packet. */
  sendIp(protocol: number, destination: number, transport: Uint8Array): Packet {
    const bytes = emitIpv4(
      {
        src: this.addressValue,
        dst: destination,
        protocol,
        ttl: DEFAULT_TTL,
        identification: this.nextIdentification,
        dscp: 0,
        ecn: 0,
        dontFragment: true,
        moreFragments: false,
        fragmentOffset: 0,
      },
      transport,
    );
    this.nextIdentification = (this.nextIdentification + 1) & 0xffff;
    const packet = { id: this.context.newPacketId(), bytes };
    this.forward(packet, destination);
    return packet;
  }

  /** @internal Used by {@link UdpSocket.send}. */
  sendUdp(socket: UdpSocket, to: Endpoint, payload: Uint8Array): number {
    checkPort(to.port);
    const destination = parseIpv4Address(to.address);
    const datagram = emitUdp({ srcPort: socket.port, dstPort: to.port }, payload, this.addressValue, destination, {
      checksum: socket.checksum,
    });
    const target = { address: formatIpv4Address(destination), port: to.port };
    const flow = this.context.metrics.flow(flowName("udp", socket.local, target));
    flow.packetsSent++;
    flow.bytesSent += payload.length;
    flow.firstSendTime ??= this.context.sim.now;
    return this.sendIp(IP_PROTOCOL.UDP, destination, datagram).id;
  }

  /** @internal Used by {@link UdpSocket.close}. */
  releaseUdp(port: number): void {
    this.udpSockets.delete(port);
  }

  receive(packet: Packet): void {
    const bytes = packet.bytes;
    if (!verifyIpv4Checksum(bytes)) return this.drop(packet, bytes.length < 20 ? "malformed" : "bad-checksum");
    try {
      const ip = parseIpv4(bytes);
      if (ip.repr.dst !== this.addressValue) return this.drop(packet, "wrong-host");
      const from = formatIpv4Address(ip.repr.src);
      if (ip.repr.protocol === IP_PROTOCOL.UDP) {
        const udp = parseUdp(ip.payload, ip.repr.src, ip.repr.dst);
        const socket = this.udpSockets.get(udp.repr.dstPort);
        if (socket === undefined) return this.drop(packet, "no-listener");
        const datagram = { from: { address: from, port: udp.repr.srcPort }, payload: udp.payload.slice(), packet: packet.id };
        this.noteDelivery(flowName("udp", datagram.from, socket.local), packet, udp.payload.length);
        socket.onDatagram?.(datagram);
      } else if (ip.repr.protocol === IP_PROTOCOL.TCP) {
        const tcp = parseTcp(ip.payload, ip.repr.src, ip.repr.dst);
        const receiver = this.tcpReceivers.get(tcp.repr.dstPort);
        if (receiver === undefined) return this.drop(packet, "no-listener");
        const segmentFrom = { address: from, port: tcp.repr.srcPort };
        const local = { address: this.address, port: tcp.repr.dstPort };
        this.noteDelivery(flowName("tcp", segmentFrom, local), packet, tcp.payload.length);
        receiver({ from: segmentFrom, repr: tcp.repr, payload: tcp.payload.slice(), packet: packet.id });
      } else {
        this.drop(packet, "no-listener");
      }
    } catch (error) {
      if (!(error instanceof WireError)) throw error;
      this.drop(packet, error.field.endsWith("checksum") ? "bad-checksum" : "malformed");
    }
  }

  private noteDelivery(name: string, packet: Packet, bytes: number): void {
    const { sim, trace, metrics } = this.context;
    const flow = metrics.flow(name);
    flow.packetsDelivered++;
    flow.bytesDelivered += bytes;
    flow.lastDeliveryTime = sim.now;
    if (trace.active) trace.emit({ kind: "deliver", time: sim.now, node: this.name, packet: packet.id, flow: name, bytes });
  }

  private ephemeralPort(inUse: (port: number) => boolean): number {
    for (let tries = 0; tries <= 0xffff - FIRST_EPHEMERAL_PORT; tries++) {
      const port = this.nextEphemeralPort;
      this.nextEphemeralPort = port === 0xffff ? FIRST_EPHEMERAL_PORT : port + 1;
      if (!inUse(port)) return port;
    }
    throw new Error(`${this.name} has no free ephemeral port`);
  }
}

function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 0xffff) {
    throw new RangeError(`A port is an integer from 0 to 65535, got ${port}`);
  }
}
