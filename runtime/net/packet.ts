/**
 * A packet in flight: a complete IPv4 datagram (real headers, real
 * checksums) and an id that names it in traces. Treat `bytes` as read-only:
 * a link that corrupts or duplicates a packet makes a copy first, so a trace
 * or capture that kept a reference never changes under it.
 */
export interface Packet {
  /** Unique within one simulation; a duplicate made by a link gets a new id. */
  readonly id: number;
  /** The IPv4 datagram, header first. */
  readonly bytes: Uint8Array;
}
