import type { Time } from "../core/time.ts";

/** Why a packet was dropped. */
export type DropReason =
  /** The drop-tail queue was full. */
  | "queue-full"
  /** Lost on the wire by the link's loss model. */
  | "loss"
  /** Larger than the link's MTU. */
  | "mtu"
  /** A header checksum did not verify (the packet was corrupted). */
  | "bad-checksum"
  /** Not a well-formed datagram (a header field made no sense). */
  | "malformed"
  /** A router had no route to the destination. */
  | "no-route"
  /** A router decremented the TTL to zero. */
  | "ttl-expired"
  /** Arrived at a host that does not own the destination address. */
  | "wrong-host"
  /** No socket or stream listens on the destination port. */
  | "no-listener";

/**
 * One thing that happened in a simulation. `link` names a link as
 * "from->to"; `node` names a host or router; `packet` is a {@link Packet} id.
 */
export type TraceEvent =
  /** A packet entered a link. */
  | { readonly kind: "send"; readonly time: Time; readonly link: string; readonly packet: number; readonly size: number }
  /** The packet must wait: `queueBytes` were already waiting ahead of it. */
  | {
      readonly kind: "queue";
      readonly time: Time;
      readonly link: string;
      readonly packet: number;
      readonly size: number;
      readonly queueBytes: number;
    }
  /** The packet was dropped on a link or at a node. */
  | {
      readonly kind: "drop";
      readonly time: Time;
      readonly where: string;
      readonly packet: number;
      readonly size: number;
      readonly reason: DropReason;
    }
  /** The link flipped bits in the packet (`bits` are bit offsets from the first byte). */
  | { readonly kind: "corrupt"; readonly time: Time; readonly link: string; readonly packet: number; readonly bits: readonly number[] }
  /** The link delivered the packet twice; the second copy is packet `copy`. */
  | { readonly kind: "duplicate"; readonly time: Time; readonly link: string; readonly packet: number; readonly copy: number }
  /** The packet reached the far end of a link. */
  | { readonly kind: "arrive"; readonly time: Time; readonly link: string; readonly packet: number; readonly size: number }
  /** A node handed the packet's payload to a socket or stream. */
  | { readonly kind: "deliver"; readonly time: Time; readonly node: string; readonly packet: number; readonly flow: string; readonly bytes: number }
  /** A named timer fired on a node. */
  | { readonly kind: "timer"; readonly time: Time; readonly node: string; readonly label: string };

/** The kinds of {@link TraceEvent}. */
export type TraceEventKind = TraceEvent["kind"];
