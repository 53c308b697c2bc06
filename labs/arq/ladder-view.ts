/**
 * The arq ladder as the workbench draws it (labs/kit/demo.ts): one arrow
 * per packet, joined from its send, loss, corruption, duplication and
 * arrival events. First transmissions carry a `dropKey` so the learner can
 * drop them in a replay: "data:<message>" or "ack:<n>" (the n-th ACK sent),
 * the demo's `drop` list, which becomes the transfer's `kill`.
 */
import type { LadderPacketView, LadderView, LadderMark } from "#labs/kit/demo.ts";
import type { LadderEvent } from "./scenarios.ts";

const DATA = 1;
const ACK = 2;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function ladderView(events: readonly LadderEvent[], truncated: boolean): LadderView {
  const packets: Mutable<LadderPacketView>[] = [];
  const byId = new Map<number, Mutable<LadderPacketView>>();
  const marks: LadderMark[] = [];
  let acksSent = 0;
  let lastKilled: Mutable<LadderPacketView> | undefined;
  for (const event of events) {
    switch (event.kind) {
      case "send": {
        const label = `${event.type === DATA ? "DATA" : event.type === ACK ? "ACK" : `type ${event.type ?? "?"}`} ${event.seq ?? "?"}`;
        const firstData = event.dir === "data" && event.message !== undefined && event.message >= 0 && event.retransmission !== true;
        const dropKey = firstData ? `data:${event.message}` : event.dir === "ack" ? `ack:${acksSent}` : undefined;
        if (event.dir === "ack") acksSent++;
        const view: Mutable<LadderPacketView> = {
          id: event.packet,
          from: event.dir === "data" ? "left" : "right",
          label,
          sentMs: event.t,
          arrivedMs: null,
          ...(event.retransmission === true ? { retransmission: true } : {}),
          ...(dropKey === undefined ? {} : { dropKey }),
        };
        packets.push(view);
        if (event.packet >= 0) byId.set(event.packet, view);
        else lastKilled = view;
        break;
      }
      case "lost": {
        const view = event.packet >= 0 ? byId.get(event.packet) : lastKilled;
        if (view !== undefined) view.lost = event.reason === "killed" ? "dropped by you" : event.reason;
        break;
      }
      case "corrupted": {
        const view = byId.get(event.packet);
        if (view !== undefined) view.corrupted = true;
        break;
      }
      case "duplicated": {
        const original = byId.get(event.packet);
        if (original === undefined) break;
        const copy: Mutable<LadderPacketView> = { id: event.copy, from: original.from, label: `${original.label} (copy)`, sentMs: original.sentMs, arrivedMs: null };
        packets.push(copy);
        byId.set(event.copy, copy);
        break;
      }
      case "arrive": {
        const view = byId.get(event.packet);
        if (view !== undefined) view.arrivedMs = event.t;
        if (view !== undefined && !event.intact) view.corrupted = true;
        break;
      }
      case "timeout":
        marks.push({ t: event.t, side: "left", kind: "timeout", label: `timer ${event.key} fires` });
        break;
      case "deliver":
        marks.push({ t: event.t, side: "right", kind: "deliver", label: event.message >= 0 ? `deliver message ${event.message}` : "delivers bytes no one sent" });
        break;
    }
  }
  for (const view of packets) if (view.arrivedMs === null && view.lost === undefined) view.lost = "still on the way when the run ended";
  const last = events.at(-1);
  return { left: "sender", right: "receiver", packets, marks, ...(truncated && last !== undefined ? { truncatedAtMs: last.t } : {}) };
}

/** The demo's `drop` keys as a transfer's `kill`; unknown keys are ignored. */
export function killFromDropKeys(keys: readonly string[]): { data: number[]; acks: number[] } {
  const kill = { data: [] as number[], acks: [] as number[] };
  for (const key of keys) {
    const match = /^(data|ack):(\d+)$/.exec(key);
    if (match === null) continue;
    (match[1] === "data" ? kill.data : kill.acks).push(Number(match[2]));
  }
  return kill;
}
