/**
 * A two-party time-sequence ("ladder") diagram recorded from a runtime
 * Network: the same plain shape as the labs' LadderView, kept here so the
 * chapter's simulations depend on nothing outside the runtime.
 */
import type { Network } from "#runtime/net/network.ts";
import { toMs } from "#runtime/core/time.ts";

export interface LadderPacket {
  /** The runtime's packet id. */
  readonly id: number;
  readonly from: "left" | "right";
  /** "SYN seq=0", "DATA 3". */
  readonly label: string;
  readonly sentMs: number;
  /** When it arrived, or null when it was lost. */
  arrivedMs: number | null;
  /** Why it was lost ("loss", "queue-full", "dropped by you"). */
  lost?: string;
  readonly retransmission?: boolean;
}

export interface LadderMark {
  readonly t: number;
  readonly side: "left" | "right";
  readonly kind: "timeout" | "deliver" | "note" | "state";
  readonly label: string;
}

export interface Ladder {
  readonly left: string;
  readonly right: string;
  readonly packets: LadderPacket[];
  readonly marks: LadderMark[];
}

/**
 * Records packets as the simulation sends them and fills in their fate from
 * the network's trace: arrival when a host takes them, loss when a link or
 * node drops them.
 */
export class LadderRecorder {
  readonly ladder: Ladder;
  private readonly byId = new Map<number, LadderPacket>();
  private readonly net: Network;

  constructor(net: Network, left: string, right: string) {
    this.net = net;
    this.ladder = { left, right, packets: [], marks: [] };
    net.trace.listen((event) => {
      if (event.kind !== "drop") return;
      const packet = this.byId.get(event.packet);
      if (packet !== undefined) packet.lost = event.reason;
    });
  }

  /** The current virtual time, ms. */
  get nowMs(): number {
    return toMs(this.net.now);
  }

  /** A packet just went out (id from the runtime), or was dropped before the link (id < 0). */
  sent(id: number, from: "left" | "right", label: string, retransmission: boolean, droppedByYou = false, sentMs = this.nowMs): void {
    const packet: LadderPacket = { id, from, label, sentMs, arrivedMs: null, retransmission };
    if (droppedByYou) packet.lost = "dropped by you";
    this.ladder.packets.push(packet);
    if (id >= 0) this.byId.set(id, packet);
  }

  /** The packet with this runtime id reached its host. */
  arrived(id: number): void {
    const packet = this.byId.get(id);
    if (packet !== undefined) packet.arrivedMs = this.nowMs;
  }

  mark(side: "left" | "right", kind: LadderMark["kind"], label: string): void {
    this.ladder.marks.push({ t: this.nowMs, side, kind, label });
  }
}
