/**
 * "Use my code" for the sawtooth: the learner's CongestionController,
 * through the congestion lab's `bulk` scenario (labs/congestion/harness.ts),
 * over the built-in model's bottleneck (sawtooth-controls.ts): 10 Mb/s, the
 * chosen round trip and buffer, 20 seconds. The harness has no random loss,
 * so the chosen loss rate becomes a seeded list of first transmissions to
 * drop (its `drop` script): the same rate, on other segments than the
 * built-in model's.
 */
import { Random } from "#runtime/core/random.ts";
import type { BulkInput, BulkResult, CallRecord } from "#labs/congestion/scenarios.ts";
import { mbps, num } from "#site/components/sim-client.ts";
import { DURATION_MS, RATE_BPS, SMSS } from "#site/simulations/tcp-udp/sawtooth-controls.ts";
import { drawChart } from "#site/simulations/tcp-udp/svg.ts";
import type { Driver } from "./types.ts";

/** A full packet on the wire: the segment and 40 bytes of TCP/IP headers (as the built-in model counts). */
const PACKET = SMSS + 40;

/** Offsets of the segments whose first transmission is lost, each with probability `rate`, up to what the link could carry in the run. */
export function lossScript(rate: number, seed: number): number[] {
  if (rate <= 0) return [];
  const random = new Random(seed).fork("use-my-code:loss");
  const segments = Math.ceil((RATE_BPS * DURATION_MS) / 1000 / 8 / SMSS);
  const offsets: number[] = [];
  for (let k = 0; k < segments; k++) if (random.chance(rate)) offsets.push(k * SMSS);
  return offsets;
}

export const congestionDriver: Driver = {
  input(values) {
    const rttMs = num(values, "rtt", 50);
    const drop = lossScript(num(values, "loss", 0), num(values, "seed", 1));
    const input: BulkInput = {
      seed: num(values, "seed", 1),
      smss: SMSS,
      totalBytes: 1e12,
      rate: RATE_BPS,
      delayMs: rttMs / 2,
      queueBytes: num(values, "queue", 20) * PACKET,
      untilMs: DURATION_MS,
      ...(drop.length > 0 ? { drop } : {}),
      calls: true,
      summary: true,
    };
    return { scenario: "bulk", input };
  },

  view(value, values, compact) {
    const result = value as BulkResult;
    const queuePackets = num(values, "queue", 20);
    const rttMs = num(values, "rtt", 50);
    const bdp = (RATE_BPS * rttMs) / 1000 / 8 / PACKET;
    const capacity = bdp + queuePackets;
    const points = windowPoints(result);
    const timeouts = (result.calls ?? []).filter((c) => c.event.kind === "timeout").map((c) => c.t);
    // The built-in plot's scale (the pipe and buffer, and ssthresh), so the two sides compare at a glance; higher cwnd is cut off and the summary says how high it went.
    const yMax = Math.max(capacity, ...points.map((p) => p.ssthresh ?? 0)) * 1.15;
    const drawing = drawChart({
      title: "Your controller's congestion window and slow-start threshold over time",
      compact,
      xLabel: compact ? "time (s); red: timeouts" : "time (s); red lines: retransmission timeouts",
      yLabel: "segments",
      xMax: DURATION_MS / 1000,
      yMax,
      formatY: (v) => String(Math.round(v)),
      series: [
        { name: "your cwnd", className: "sim-c1", step: true, points: points.map((p) => ({ x: p.t / 1000, y: p.cwnd })) },
        { name: "your ssthresh", className: "sim-c2", step: true, points: points.map((p) => ({ x: p.t / 1000, y: p.ssthresh })) },
        { name: "pipe + buffer", className: "sim-c3", points: [0, DURATION_MS / 1000].map((x) => ({ x, y: capacity })) },
      ],
      markers: timeouts.map((t) => ({ x: t / 1000, className: "sim-marker-loss", label: `timeout at ${(t / 1000).toFixed(2)} s` })),
    });
    const peak = Math.max(...points.map((p) => p.cwnd));
    const summary = describeBulk(result, points) + (peak > yMax ? ` Its cwnd went up to ${fmt(peak)} segments, above the plot.` : "");
    return { kind: "picture", summary, drawing };
  },
};

/** The learner's run in a sentence, as the built-in side's summary says it, and whether cwnd ever moved. */
export function describeBulk(result: BulkResult, points: readonly Point[] = windowPoints(result)): string {
  const throughput = (result.ackedBytes * 8 * 1000) / DURATION_MS;
  const first = points[0]?.cwnd ?? 0;
  const grew = points.some((p) => p.cwnd !== first);
  return (
    `Your controller: throughput <strong>${mbps(throughput)}</strong> of 10 Mb/s; <strong>${result.counts.fastRetransmits}</strong> fast retransmits, <strong>${result.counts.timeouts}</strong> timeouts, ${result.counts.queueDrops} packets dropped by the full buffer` +
    (result.counts.scriptedDrops > 0 ? `, ${result.counts.scriptedDrops} by random loss` : "") +
    "." +
    (grew ? "" : ` Its cwnd never changed from ${fmt(first)} segment${first === 1 ? "" : "s"}.`) +
    (result.callsTruncated ? " (The plot stops where the harness stopped recording calls.)" : "") +
    " The Algorithm menu changes only the built-in side: yours runs the one controller you wrote."
  );
}

export interface Point {
  readonly t: number;
  readonly cwnd: number;
  readonly ssthresh: number | null;
}

/** cwnd and ssthresh in segments after every call the sender made (the harness's `calls`), thinned to what a plot can show. */
export function windowPoints(result: BulkResult): Point[] {
  // A bulk run stops at a cwnd or ssthresh that is no number (the harness throws), so both are numbers here.
  const toPoint = (t: number, state: CallRecord["state"]): Point => ({
    t,
    cwnd: Number(state.cwnd) / SMSS,
    ssthresh: typeof state.ssthresh === "number" && Number.isFinite(state.ssthresh) ? state.ssthresh / SMSS : null,
  });
  const all = [toPoint(0, result.initial), ...(result.calls ?? []).map((c) => toPoint(c.t, c.state))];
  const kept: Point[] = [];
  for (const p of all) {
    const last = kept.at(-1);
    if (last === undefined || Math.abs(p.cwnd - last.cwnd) >= 0.5 || p.ssthresh !== last.ssthresh) kept.push(p);
  }
  const end = all.at(-1);
  if (end !== undefined) kept.push({ ...end, t: DURATION_MS });
  return kept;
}

const fmt = (segments: number) => (Number.isInteger(segments) ? String(segments) : segments.toFixed(0));
