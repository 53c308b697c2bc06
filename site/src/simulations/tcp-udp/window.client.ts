import { mbps, num, setUpSimulations } from "#site/components/sim-client.ts";
import { drawChart } from "./svg.ts";
import { runWindow, SEGMENT_BYTES, sweepWindows } from "./window.ts";

const SWEEP = [1, 2, 4, 6, 8, 12, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128];
const MAX_UNSCALED = 65535 / SEGMENT_BYTES;

export function setUpWindow(): void {
  let cache: { key: string; curve: { window: number; throughputBps: number }[] } | null = null;
  setUpSimulations("window", (values, compact) => {
    const window = num(values, "window", 8);
    const rttMs = num(values, "rtt", 50);
    const rateBps = num(values, "rate", 10e6);
    const key = `${rttMs}/${rateBps}`;
    if (cache?.key !== key) cache = { key, curve: sweepWindows(SWEEP, rttMs, rateBps) };
    const now = runWindow({ window, rttMs, rateBps });
    const yMax = Math.max(now.linkLimitBps, ...cache.curve.map((p) => p.throughputBps)) * 1.15 / 1e6;
    const drawing = drawChart({
      title: "Throughput against window size",
      compact,
      xLabel: compact ? "window (1460-byte segments)" : "window (segments of 1460 bytes)",
      yLabel: "throughput (Mb/s)",
      xMax: 128,
      yMax,
      formatY: (v) => (yMax < 3 ? v.toFixed(1) : String(Math.round(v))),
      series: [
        { name: "measured", className: "sim-c1", points: cache.curve.map((p) => ({ x: p.window, y: p.throughputBps / 1e6 })) },
        { name: "window / RTT", className: "sim-c3", points: [0, Math.min(128, (yMax * 1000 * rttMs) / (SEGMENT_BYTES * 8))].map((x) => ({ x, y: (x * SEGMENT_BYTES * 8) / rttMs / 1000 })) },
        { name: "link rate", className: "sim-c2", points: [0, 128].map((x) => ({ x, y: now.linkLimitBps / 1e6 })) },
      ],
      markers: [
        { x: Math.min(now.bdpSegments, 128), className: "sim-marker-bdp", label: `bandwidth-delay product: ${now.bdpSegments.toFixed(1)} segments` },
        { x: MAX_UNSCALED, className: "sim-marker-loss", label: "65,535 bytes: the largest window without window scaling (RFC 7323)" },
      ],
      dots: [{ x: window, y: now.throughputBps / 1e6, className: "sim-dot-now", label: `window ${window}: ${mbps(now.throughputBps)}` }],
    });
    const kb = ((window * SEGMENT_BYTES) / 1000).toFixed(1);
    const limit = now.windowLimitBps < now.linkLimitBps ? "the window is the limit: the sender spends part of every round trip waiting for ACKs" : "the link is the limit: the window covers the whole round trip, so ACKs return before it runs out";
    const summary =
      `Window ${window} segments (${kb} KB): <strong>${mbps(now.throughputBps)}</strong>; window ÷ RTT = ${mbps(now.windowLimitBps)}, link ${mbps(now.linkLimitBps)}. ` +
      `Bandwidth-delay product ${now.bdpSegments.toFixed(1)} segments (dashed line), so ${limit}.` +
      (now.bdpSegments > MAX_UNSCALED ? " This pipe holds more than 65,535 bytes (red line), the most a 16-bit window field can offer without window scaling." : "");
    return { summary, drawing };
  });
}
