/**
 * Throughput against window size, for the sliding-window simulation: a
 * runtime bulk transfer whose sender may keep exactly `window` segments
 * unacknowledged (a fixed window, as a receiver's advertised window would
 * impose), over one link of the chosen rate and round-trip time.
 */
import { ms, toMs } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";
import { BulkReceiver, BulkSender, type CongestionPolicy } from "#runtime/transport/bulk.ts";

export const SEGMENT_BYTES = 1460;
/** IPv4 (20) and TCP (20) headers around each segment. */
const HEADER_BYTES = 40;

export interface WindowOptions {
  /** Window, in segments. */
  readonly window: number;
  /** Round-trip propagation time, ms. */
  readonly rttMs: number;
  /** Link rate, bits per second. */
  readonly rateBps: number;
  /** Segments to send (default 400). */
  readonly segments?: number;
}

export interface WindowResult {
  /** Steady-state goodput (application bits per second over the second half of the transfer). */
  readonly throughputBps: number;
  /** The two limits: window / RTT, and the link's rate for payload. */
  readonly windowLimitBps: number;
  readonly linkLimitBps: number;
  /** Bandwidth-delay product in segments: the window that just fills the pipe. */
  readonly bdpSegments: number;
  readonly finishedMs: number;
}

/** A policy that never changes its mind: a fixed window, a fixed timer. */
export function fixedWindow(windowBytes: number, rtoMs: number): CongestionPolicy {
  return {
    cwnd: () => windowBytes,
    onNewAck: () => false,
    onDuplicateAck: () => false,
    onTimeout: () => {},
    onRttSample: () => {},
    rtoMs: () => rtoMs,
  };
}

export function runWindow(options: WindowOptions): WindowResult {
  const segments = options.segments ?? Math.max(200, 6 * options.window);
  const total = segments * SEGMENT_BYTES;
  const net = new Network({ seed: 1, trace: { record: false } });
  const sender = net.host("sender", "10.0.0.1");
  const receiver = net.host("receiver", "10.0.0.2");
  net.connect(sender, receiver, { rate: options.rateBps, delay: ms(options.rttMs / 2), queueBytes: Infinity });
  new BulkReceiver(receiver, sender);
  const now = () => toMs(net.now);
  const policy = fixedWindow(options.window * SEGMENT_BYTES, Math.max(1000, options.rttMs * 4 + 1000));
  // Note when half the data has been acknowledged, to measure the second half alone.
  const half = Math.floor(segments / 2) * SEGMENT_BYTES;
  let halfAt: number | null = null;
  const measured = { ...policy, onNewAck: (_acked: number, state: { ack: number }) => {
    if (halfAt === null && state.ack >= half) halfAt = now();
    return false;
  } };
  const bulk = new BulkSender({ now, from: sender, to: receiver, total, smss: SEGMENT_BYTES, policy: measured });
  bulk.start();
  net.run({ maxEvents: 2_000_000 });
  const finishedMs = bulk.finishedAt ?? now();
  const secondHalfMs = finishedMs - (halfAt ?? 0);
  const linkLimitBps = (options.rateBps * SEGMENT_BYTES) / (SEGMENT_BYTES + HEADER_BYTES);
  return {
    throughputBps: ((total - half) * 8 * 1000) / secondHalfMs,
    windowLimitBps: (options.window * SEGMENT_BYTES * 8 * 1000) / options.rttMs,
    linkLimitBps,
    bdpSegments: (options.rateBps * options.rttMs) / 1000 / 8 / (SEGMENT_BYTES + HEADER_BYTES),
    finishedMs,
  };
}

/** Throughput for each window in `windows` (same link), for the curve. */
export function sweepWindows(windows: readonly number[], rttMs: number, rateBps: number): { window: number; throughputBps: number }[] {
  return windows.map((window) => ({ window, throughputBps: runWindow({ window, rttMs, rateBps }).throughputBps }));
}
