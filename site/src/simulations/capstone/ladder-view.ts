/** A page load with its packets, packed for recording (ladder.model.ts) and unpacked to draw (ladder.recorded.ts). */
import type { PacketRecord, PageLoadResult, PhaseKey } from "./model.ts";

/** A packet as [id, from, to, label, phase, IP bytes, sent ms, arrived ms or null, why lost or null, 1 if resent, drop key or null]: compact, since runs are recorded. */
export type PackedPacket = readonly [
  id: number,
  from: string,
  to: string,
  label: string,
  phase: PhaseKey,
  bytes: number,
  sentMs: number,
  arrivedMs: number | null,
  lost: string | null,
  retransmission: 0 | 1,
  dropKey: string | null,
];

export interface LadderRun extends Omit<PageLoadResult, "packets"> {
  readonly packets: readonly PackedPacket[];
}

/** To a hundredth of a millisecond: far below a pixel of the ladder. */
const round = (value: number) => Math.round(value * 100) / 100;

/** Packs a run, keeping only the drop keys in `droppable` (the packets whose loss was recorded too). */
export function packRun(result: PageLoadResult, droppable: ReadonlySet<string>): LadderRun {
  const keep = (key: string | undefined) => (key !== undefined && droppable.has(key) ? key : null);
  const packets = result.packets.map(
    (p): PackedPacket => [p.id, p.from, p.to, p.label, p.phase, p.bytes, round(p.sentMs), p.arrivedMs === null ? null : round(p.arrivedMs), p.lost ?? null, p.retransmission ? 1 : 0, keep(p.dropKey)],
  );
  return { ...result, packets };
}

export function unpackRun(run: LadderRun): PageLoadResult {
  const packets = run.packets.map(
    ([id, from, to, label, phase, bytes, sentMs, arrivedMs, lost, retransmission, dropKey]): PacketRecord => ({
      id,
      from,
      to,
      label,
      phase,
      bytes,
      sentMs,
      arrivedMs,
      ...(lost === null ? {} : { lost }),
      retransmission: retransmission === 1,
      ...(dropKey === null ? {} : { dropKey }),
    }),
  );
  return { ...run, packets };
}
