import { Fnv1a64 } from "../core/hash.ts";
import type { Time } from "../core/time.ts";
import type { TraceEvent } from "./events.ts";
import { writePcapng } from "./pcapng.ts";

/** What a {@link Trace} keeps. */
export interface TraceOptions {
  /** Keep every event in {@link Trace.events} (default true). */
  readonly record?: boolean;
  /** Keep the bytes of every packet that enters a link, for pcapng export (default false). */
  readonly capture?: boolean;
}

/** A packet as a capture saw it: when it entered which link, and its bytes. */
export interface CapturedPacket {
  readonly time: Time;
  readonly link: string;
  readonly packet: number;
  readonly bytes: Uint8Array;
}

/**
 * The structured event log of a simulation. Components ask {@link active}
 * before building an event, so a simulation that records nothing pays almost
 * nothing for tracing.
 */
export class Trace {
  /** Every event, in the order it happened (when recording). */
  readonly events: TraceEvent[] = [];
  /** Every packet that entered a link (when capturing). */
  readonly captured: CapturedPacket[] = [];
  /** True when events are recorded or someone listens. */
  active: boolean;
  /** True when packet bytes are captured. */
  readonly capturing: boolean;
  private readonly recording: boolean;
  private readonly listeners: Array<(event: TraceEvent) => void> = [];

  constructor(options: TraceOptions = {}) {
    this.recording = options.record ?? true;
    this.capturing = options.capture ?? false;
    this.active = this.recording;
  }

  /** Records an event and tells the listeners. */
  emit(event: TraceEvent): void {
    if (this.recording) this.events.push(event);
    for (const listener of this.listeners) listener(event);
  }

  /** Calls `listener` for every event from now on; returns a function that stops it. */
  listen(listener: (event: TraceEvent) => void): () => void {
    this.listeners.push(listener);
    this.active = true;
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
      this.active = this.recording || this.listeners.length > 0;
    };
  }

  /** Keeps a packet's bytes for the capture. */
  capture(packet: CapturedPacket): void {
    this.captured.push(packet);
  }

  /**
   * The captured packets as a pcapng file (LINKTYPE_RAW: raw IPv4), for
   * Wireshark or tshark. Pass a link name to keep only that link's packets.
   */
  toPcapng(link?: string): Uint8Array {
    const packets = link === undefined ? this.captured : this.captured.filter((p) => p.link === link);
    return writePcapng(packets, { interfaceName: link ?? "wirelab" });
  }

  /**
   * A short fingerprint of the recorded events (64-bit FNV-1a of their JSON,
   * as 16 hex digits): equal runs give equal hashes.
   */
  hash(): string {
    const hash = new Fnv1a64();
    for (const event of this.events) hash.update(JSON.stringify(event));
    return hash.hex();
  }
}
