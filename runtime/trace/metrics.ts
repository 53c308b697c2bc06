import type { Time } from "../core/time.ts";
import type { DropReason } from "./events.ts";

/** A round-trip time measured by an endpoint. */
export interface RttSample {
  /** When the sample was taken. */
  readonly time: Time;
  /** The measured round-trip time (ns). */
  readonly rtt: Time;
}

/**
 * What one flow (one direction of a conversation between two sockets,
 * named like "udp 10.0.0.1:5000 > 10.0.0.2:7000") sent and got through.
 */
export class FlowMetrics {
  readonly name: string;
  packetsSent = 0;
  /** Payload bytes the sending application handed over. */
  bytesSent = 0;
  packetsDelivered = 0;
  /** Payload bytes handed to the receiving application. */
  bytesDelivered = 0;
  firstSendTime: Time | undefined = undefined;
  lastDeliveryTime: Time | undefined = undefined;
  readonly rttSamples: RttSample[] = [];

  constructor(name: string) {
    this.name = name;
  }

  /**
   * Goodput in bits per second: payload bytes delivered, over the time from
   * the first send to the last delivery. 0 before anything arrives.
   */
  get goodput(): number {
    if (this.firstSendTime === undefined || this.lastDeliveryTime === undefined) return 0;
    const elapsed = this.lastDeliveryTime - this.firstSendTime;
    return elapsed > 0 ? (this.bytesDelivered * 8 * 1e9) / elapsed : 0;
  }

  /** Fraction of sent packets that never reached the application (duplicates can make it negative). */
  get lossRate(): number {
    return this.packetsSent === 0 ? 0 : 1 - this.packetsDelivered / this.packetsSent;
  }
}

/** What one direction of a link carried, dropped and queued. */
export class LinkMetrics {
  readonly name: string;
  packetsSent = 0;
  bytesSent = 0;
  packetsArrived = 0;
  bytesArrived = 0;
  readonly drops: Partial<Record<DropReason, number>> = {};
  /** The most bytes that ever waited in the queue. */
  maxQueueBytes = 0;
  private queueIntegral = 0;
  private queueBytesNow = 0;
  private queueChangedAt: Time = 0;

  constructor(name: string) {
    this.name = name;
  }

  /** Total packets dropped, whatever the reason. */
  get packetsDropped(): number {
    let total = 0;
    for (const count of Object.values(this.drops)) total += count;
    return total;
  }

  /** Counts a drop. */
  noteDrop(reason: DropReason): void {
    this.drops[reason] = (this.drops[reason] ?? 0) + 1;
  }

  /** Records that `bytes` wait in the queue from `time` on (time never goes back). */
  noteQueue(time: Time, bytes: number): void {
    this.queueIntegral += this.queueBytesNow * (time - this.queueChangedAt);
    this.queueBytesNow = bytes;
    this.queueChangedAt = time;
    if (bytes > this.maxQueueBytes) this.maxQueueBytes = bytes;
  }

  /** Time-weighted mean queue occupancy in bytes, from time 0 to `until`. */
  averageQueueBytes(until: Time): number {
    if (until <= 0) return 0;
    const integral = this.queueIntegral + this.queueBytesNow * Math.max(0, until - this.queueChangedAt);
    return integral / until;
  }
}

/** All flow and link metrics of one simulation, created on first use. */
export class Metrics {
  readonly flows = new Map<string, FlowMetrics>();
  readonly links = new Map<string, LinkMetrics>();

  /** The metrics of the flow named `name`. */
  flow(name: string): FlowMetrics {
    let flow = this.flows.get(name);
    if (flow === undefined) this.flows.set(name, (flow = new FlowMetrics(name)));
    return flow;
  }

  /** The metrics of the link named `name`. */
  link(name: string): LinkMetrics {
    let link = this.links.get(name);
    if (link === undefined) this.links.set(name, (link = new LinkMetrics(name)));
    return link;
  }
}
