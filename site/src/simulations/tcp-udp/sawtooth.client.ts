import { mbps, num, setUpSimulations } from "#site/components/sim-client.ts";
import { pendingView } from "#site/simulations/recorded/pending.ts";
import type { RenoVariant } from "./reno.ts";
import { DURATION_MS } from "./sawtooth-controls.ts";
import { PENDING_TEXT, runSawtoothView } from "./sawtooth.model.ts";
import { unpack } from "./sawtooth-view.ts";
import { drawChart } from "./svg.ts";

export function setUpSawtooth(): void {
  setUpSimulations("sawtooth", (values, compact) => {
    const queuePackets = num(values, "queue", 20);
    const result = runSawtoothView({
      variant: (values.variant ?? "newreno") as RenoVariant,
      rttMs: num(values, "rtt", 50),
      queuePackets,
      lossRate: num(values, "loss", 0),
      seed: num(values, "seed", 1),
    });
    if (result === undefined) return pendingView(PENDING_TEXT);
    const points = result.points.map(unpack);
    const capacity = result.bdpSegments + queuePackets;
    const calm = points.filter((p) => !p.recovery).map((p) => p.cwnd);
    const yMax = Math.max(capacity, ...calm, ...points.map((p) => p.ssthresh ?? 0)) * 1.15;
    const bands: { from: number; to: number; className: string }[] = [];
    let start: number | null = null;
    for (const p of points) {
      if (p.recovery && start === null) start = p.t;
      if (!p.recovery && start !== null) {
        bands.push({ from: start / 1000, to: p.t / 1000, className: "sim-band" });
        start = null;
      }
    }
    if (start !== null) bands.push({ from: start / 1000, to: DURATION_MS / 1000, className: "sim-band" });
    const drawing = drawChart({
      title: "Congestion window and slow-start threshold over time",
      compact,
      xLabel: compact ? "time (s); shaded: fast recovery; red: timeouts" : "time (s); shaded: fast recovery; red lines: retransmission timeouts",
      yLabel: "segments",
      xMax: DURATION_MS / 1000,
      yMax,
      formatY: (v) => String(Math.round(v)),
      bands,
      series: [
        { name: "cwnd", className: "sim-c1", step: true, points: points.map((p) => ({ x: p.t / 1000, y: p.cwnd })) },
        { name: "ssthresh", className: "sim-c2", step: true, points: points.map((p) => ({ x: p.t / 1000, y: p.ssthresh })) },
        { name: "pipe + buffer", className: "sim-c3", points: [0, DURATION_MS / 1000].map((x) => ({ x, y: capacity })) },
      ],
      markers: result.timeoutTimes.map((t) => ({ x: t / 1000, className: "sim-marker-loss", label: `timeout at ${(t / 1000).toFixed(2)} s` })),
    });
    const summary =
      `Throughput <strong>${mbps(result.throughputBps)}</strong> of 10 Mb/s; <strong>${result.fastRetransmits}</strong> fast retransmits, <strong>${result.timeoutTimes.length}</strong> timeouts, ${result.queueDrops} packets dropped by the full buffer. ` +
      `The pipe holds ${result.bdpSegments.toFixed(0)} segments and the buffer ${queuePackets} more (green line).`;
    return { summary, drawing };
  });
}
