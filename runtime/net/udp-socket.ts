import type { Endpoint } from "./endpoint.ts";
import type { Host } from "./host.ts";

/** A datagram as a socket receives it. */
export interface Datagram {
  /** Who sent it. */
  readonly from: Endpoint;
  /** The payload (a copy the receiver may keep). */
  readonly payload: Uint8Array;
  /** The id of the packet that carried it (for matching against the trace). */
  readonly packet: number;
}

/** Options for {@link Host.udp}. */
export interface UdpSocketOptions {
  /**
   * Compute the UDP checksum on send (default true). With false the checksum
   * field is 0, "no checksum" in RFC 768, so a corrupted payload reaches the
   * receiver unnoticed: labs use this to make learners detect corruption.
   */
  readonly checksum?: boolean;
}

/**
 * A UDP-like datagram endpoint: connectionless, unordered, unreliable. What
 * you send may be lost, duplicated, reordered or corrupted by the links on
 * the way, exactly as the path's configuration says.
 */
export class UdpSocket {
  /** The host this socket belongs to. */
  readonly host: Host;
  /** The local port. */
  readonly port: number;
  /** Whether sent datagrams carry a checksum. */
  readonly checksum: boolean;
  /** Called with every datagram that arrives for this port. */
  onDatagram: ((datagram: Datagram) => void) | null = null;
  private closed = false;

  constructor(host: Host, port: number, options: UdpSocketOptions = {}) {
    this.host = host;
    this.port = port;
    this.checksum = options.checksum ?? true;
  }

  /** This socket's address and port. */
  get local(): Endpoint {
    return { address: this.host.address, port: this.port };
  }

  /** Sends `payload` to `to`; returns the id of the packet that carries it. */
  send(to: Endpoint, payload: Uint8Array): number {
    if (this.closed) throw new Error(`UDP socket ${this.host.address}:${this.port} is closed`);
    return this.host.sendUdp(this, to, payload);
  }

  /** Stops receiving; the port becomes free again. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.host.releaseUdp(this.port);
  }
}
