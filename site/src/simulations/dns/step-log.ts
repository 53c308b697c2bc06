/** The steps the resolution simulation (resolve.ts) shows: each packet sent during a lookup, with when it left and arrived. */
import type { Lookup, Step } from "./resolver-controls.ts";

export class StepLog {
  /** The lookup whose packets are being recorded, or null between lookups. */
  current: Lookup | null = null;
  private readonly byPacket = new Map<number, Step>();
  private readonly nowMs: () => number;
  constructor(nowMs: () => number) {
    this.nowMs = nowMs;
  }

  /** A packet just sent, for the current lookup. */
  sent(packet: number, step: Omit<Step, "sentMs" | "arrivedMs">): void {
    const full: Step = { ...step, sentMs: this.nowMs(), arrivedMs: null };
    this.current?.steps.push(full);
    this.byPacket.set(packet, full);
  }

  /** A packet just delivered (packets never recorded are ignored). */
  arrived(packet: number): void {
    const step = this.byPacket.get(packet);
    if (step !== undefined) step.arrivedMs = this.nowMs();
  }
}
