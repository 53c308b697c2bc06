/**
 * The congestion-window sawtooth: one Reno or NewReno bulk transfer (the
 * runtime's BulkSender with {@link RenoPolicy}) through a drop-tail
 * bottleneck, with cwnd and ssthresh recorded after every change.
 */
import { ms, toMs } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";
import { BulkReceiver, BulkSender } from "#runtime/transport/bulk.ts";
import { RenoPolicy, type RenoEvent, type RenoVariant } from "./reno.ts";
import { SMSS } from "./sawtooth-controls.ts";

export { SMSS };

export interface SawtoothOptions {
  readonly variant: RenoVariant;
  /** Bottleneck rate, bits per second. */
  readonly rateBps: number;
  /** Round-trip propagation time, ms. */
  readonly rttMs: number;
  /** Bottleneck buffer, in full-sized packets. */
  readonly queuePackets: number;
  /** Random loss on the bottleneck, on top of queue overflow. */
  readonly lossRate: number;
  /** How long to run, ms of virtual time. */
  readonly durationMs: number;
  /** Initial ssthresh in bytes (default 65,535: RFC 5681 §3.1's example, the largest unscaled window). */
  readonly initialSsthresh?: number;
  readonly seed?: number;
}

export interface SawtoothPoint {
  readonly t: number;
  /** In segments. */
  readonly cwnd: number;
  readonly ssthresh: number | null;
  /** In fast recovery, where cwnd is inflated by one segment per duplicate ACK. */
  readonly recovery: boolean;
}

export interface SawtoothResult {
  readonly series: SawtoothPoint[];
  readonly events: (RenoEvent & { readonly t: number })[];
  /** Application bytes acknowledged per second, bits per second. */
  readonly throughputBps: number;
  readonly fastRetransmits: number;
  readonly timeouts: number;
  /** Packets the bottleneck queue threw away. */
  readonly queueDrops: number;
  /** Bandwidth-delay product in segments. */
  readonly bdpSegments: number;
}

export function runSawtooth(options: SawtoothOptions): SawtoothResult {
  const net = new Network({ seed: options.seed ?? 1, trace: { record: false } });
  const sender = net.host("sender", "10.0.0.1");
  const receiver = net.host("receiver", "10.0.0.2");
  const packet = SMSS + 40;
  const loss = options.lossRate > 0 ? ({ model: "bernoulli", rate: options.lossRate } as const) : ({ model: "none" } as const);
  net.connect(
    sender,
    receiver,
    { rate: options.rateBps, delay: ms(options.rttMs / 2), queueBytes: options.queuePackets * packet, loss },
    { rate: 1e9, delay: ms(options.rttMs / 2), queueBytes: Infinity },
  );
  let queueDrops = 0;
  net.trace.listen((event) => {
    if (event.kind === "drop" && event.reason === "queue-full") queueDrops++;
  });
  const now = () => toMs(net.now);
  const policy = new RenoPolicy(SMSS, options.variant, options.initialSsthresh ?? 65_535);
  const series: SawtoothPoint[] = [];
  const events: (RenoEvent & { t: number })[] = [];
  const record = (p: RenoPolicy) => {
    series.push({ t: now(), cwnd: p.window / SMSS, ssthresh: p.ssthresh === Infinity ? null : p.ssthresh / SMSS, recovery: p.inRecovery });
  };
  policy.onChange = record;
  policy.onEvent = (event) => events.push({ ...event, t: now() });
  record(policy);
  new BulkReceiver(receiver, sender);
  const bulk = new BulkSender({ now, from: sender, to: receiver, total: 1e12, smss: SMSS, policy });
  bulk.start();
  net.run({ until: ms(options.durationMs), maxEvents: 3_000_000 });
  record(policy);
  return {
    series,
    events,
    throughputBps: (bulk.una * 8 * 1000) / options.durationMs,
    fastRetransmits: events.filter((e) => e.kind === "fast-retransmit").length,
    timeouts: events.filter((e) => e.kind === "timeout").length,
    queueDrops,
    bdpSegments: (options.rateBps * options.rttMs) / 1000 / 8 / packet,
  };
}
