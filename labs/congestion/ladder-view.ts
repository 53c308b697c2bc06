/**
 * The congestion ladder as the workbench draws it (labs/kit/demo.ts):
 * one arrow per segment or ACK. A segment's first transmission carries
 * `dropKey` "seg:<offset>", which the demo turns into the bulk run's
 * scripted `drop` list.
 */
import type { LadderMark, LadderPacketView, LadderView } from "#labs/kit/demo.ts";
import type { LadderEvent, LadderPacket } from "./scenarios.ts";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function ladderView(events: readonly LadderEvent[], truncated: boolean): LadderView {
  const packets: Mutable<LadderPacketView>[] = [];
  const byId = new Map<number, Mutable<LadderPacketView>>();
  const marks: LadderMark[] = [];
  let lastScripted: Mutable<LadderPacketView> | undefined;
  for (const event of events) {
    if (event.kind === "timeout") {
      marks.push({ t: event.t, side: "left", kind: "timeout", label: `RTO fires (una ${event.una})` });
      continue;
    }
    if (event.kind === "send") {
      const view: Mutable<LadderPacketView> = {
        id: event.packet,
        from: event.dir === "data" ? "left" : "right",
        label: label(event),
        sentMs: event.t,
        arrivedMs: null,
        ...(event.retransmission === true ? { retransmission: true } : {}),
        ...(event.dir === "data" && event.retransmission !== true ? { dropKey: `seg:${event.offset}` } : {}),
      };
      packets.push(view);
      if (event.packet >= 0) byId.set(event.packet, view);
      else lastScripted = view;
    } else if (event.kind === "arrive") {
      const view = byId.get(event.packet);
      if (view !== undefined) view.arrivedMs = event.t;
    } else {
      const view = event.packet >= 0 ? byId.get(event.packet) : lastScripted;
      if (view !== undefined) view.lost = event.reason === "scripted" ? "dropped by you" : event.reason;
    }
  }
  for (const view of packets) if (view.arrivedMs === null && view.lost === undefined) view.lost = "still on the way when the run ended";
  const last = events.at(-1);
  return { left: "sender", right: "receiver", packets, marks, ...(truncated && last !== undefined ? { truncatedAtMs: last.t } : {}) };
}

function label(packet: LadderPacket): string {
  return packet.dir === "data" ? `${packet.offset}:${packet.offset + packet.length}` : `ACK ${packet.ack}`;
}

/** The demo's `drop` keys as byte offsets; unknown keys are ignored. */
export function offsetsFromDropKeys(keys: readonly string[]): number[] {
  return keys.flatMap((key) => {
    const match = /^seg:(\d+)$/.exec(key);
    return match === null ? [] : [Number(match[1])];
  });
}
