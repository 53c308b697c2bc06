import { num, setUpSimulations } from "#site/components/sim-client.ts";
import { markEvent } from "#site/components/sim-timeline.ts";
import { formatMs, s, timeScale } from "../tcp-udp/svg.ts";
import { runAll, VARIANT_NAMES, type TtfbResult, type VariantId } from "./ttfb.ts";

/** Column headings that fit a narrow ladder. */
const SHORT_NAMES: Record<VariantId, readonly [string, string]> = {
  tls12: ["TCP +", "TLS 1.2"],
  tls13: ["TCP +", "TLS 1.3"],
  "tls13-0rtt": ["TCP +", "TLS 1.3 0-RTT"],
  quic: ["QUIC", "1-RTT"],
  "quic-0rtt": ["QUIC", "0-RTT"],
};

export function setUpTtfb(): void {
  setUpSimulations("tls-ttfb", (values, compact) => {
    const rtt = num(values, "rtt", 100);
    const lose = values.lose === "clienthello";
    const results = runAll(rtt, lose);
    const drawing = document.createElement("div");
    drawing.className = "tls-ttfb";
    drawing.append(drawBars(results, rtt, compact), drawLadders(results, rtt));
    const best = results.reduce((a, b) => (b.ttfbMs < a.ttfbMs ? b : a));
    const worst = results.reduce((a, b) => (b.ttfbMs > a.ttfbMs ? b : a));
    const summary =
      `At an RTT of <strong>${rtt} ms</strong>${lose ? " with the first ClientHello lost" : ""}, the first response byte arrives after ` +
      `<strong>${formatMs(worst.ttfbMs)}</strong> with ${VARIANT_NAMES[worst.variant]} and <strong>${formatMs(best.ttfbMs)}</strong> with ${VARIANT_NAMES[best.variant]}.` +
      (lose ? " The lost ClientHello is sent again only when a timer of about 1 s runs out: far longer than any of the handshakes." : "");
    return { summary, drawing };
  });
}

function rttsText(ms: number, rtt: number): string {
  const n = ms / rtt;
  return `${Number.isInteger(Math.round(n * 10) / 10) ? Math.round(n) : n.toFixed(1)} RTT`;
}

/** Horizontal bars: time to the first response byte, split into "before the request" and "request and response". */
function drawBars(results: readonly TtfbResult[], rtt: number, compact: boolean): SVGElement {
  const width = compact ? 400 : 760;
  const nameW = compact ? 128 : 170;
  const labelW = compact ? 92 : 130;
  const rowH = 26;
  const top = 28;
  const height = top + rowH * results.length + 8;
  const max = Math.max(...results.map((r) => r.ttfbMs));
  const span = width - nameW - labelW - 10;
  const X = (t: number) => nameW + 8 + (t / max) * span;
  const root = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "sim-svg tls-bars", role: "img", "aria-label": "Bar chart: time to the first response byte for each stack" });
  root.append(s("title", {}, "Time to the first response byte"));
  root.append(
    s("rect", { x: nameW + 8, y: 6, width: 12, height: 10, class: "tls-bar-hs" }),
    s("text", { x: nameW + 24, y: 15, class: "sim-small" }, "before the request"),
    s("rect", { x: nameW + (compact ? 122 : 150), y: 6, width: 12, height: 10, class: "tls-bar-rr" }),
    s("text", { x: nameW + (compact ? 138 : 166), y: 15, class: "sim-small" }, "request → first byte"),
  );
  results.forEach((r, i) => {
    const y = top + i * rowH;
    const request = Math.max(0, r.requestSentMs);
    root.append(
      s("text", { x: nameW, y: y + 15, class: "tls-bar-name", "text-anchor": "end" }, VARIANT_NAMES[r.variant]),
      s("rect", { x: X(0), y: y + 3, width: Math.max(0, X(request) - X(0)), height: rowH - 8, class: "tls-bar-hs" }, s("title", {}, `request sent at ${formatMs(request)}`)),
      s("rect", { x: X(request), y: y + 3, width: Math.max(1, X(r.ttfbMs) - X(request)), height: rowH - 8, class: "tls-bar-rr" }, s("title", {}, `first response byte at ${formatMs(r.ttfbMs)}`)),
      s("text", { x: X(r.ttfbMs) + 6, y: y + 15, class: "tls-bar-value" }, `${formatMs(r.ttfbMs)} · ${rttsText(r.ttfbMs, rtt)}`),
    );
  });
  return root;
}

/** The five ladders side by side on one time axis, so that equal times line up. */
function drawLadders(results: readonly TtfbResult[], rtt: number): SVGElement {
  const axisW = 46;
  const colW = 116;
  const width = axisW + colW * results.length;
  const top = 70;
  const times = [0];
  for (const r of results) {
    times.push(r.ttfbMs);
    for (const p of r.packets) times.push(p.sentMs, p.arrivedMs ?? p.sentMs + rtt * 0.3);
  }
  const scale = timeScale(times, 130 / rtt, 70);
  const y = (t: number) => top + scale.at(t);
  const height = top + scale.height + 40;
  const root = s("svg", {
    viewBox: `0 0 ${width} ${height}`,
    class: "sim-svg tls-ladders",
    role: "img",
    "aria-label": "Five ladder diagrams side by side, client on the left of each and server on the right, time going down",
  });
  root.append(s("title", {}, "The packets of each handshake, on one time axis"));
  // RTT grid.
  let lastTickY = -Infinity;
  for (let k = 0; k * rtt <= Math.max(...times) + 0.5; k++) {
    const yy = y(k * rtt);
    // No ticks inside a squeezed quiet gap (a timeout): only where something happens within half an RTT.
    if (yy - lastTickY < 16 || !times.some((t) => Math.abs(t - k * rtt) <= rtt / 2 + 0.01)) continue;
    lastTickY = yy;
    root.append(s("line", { x1: axisW - 4, x2: width, y1: yy, y2: yy, class: "sim-grid" }));
    root.append(s("text", { x: axisW - 6, y: yy + 4, class: "sim-small", "text-anchor": "end" }, k === 0 ? "0" : `${k} RTT`));
  }
  for (const gap of scale.breaks) {
    root.append(s("text", { x: 2, y: top + gap.y + 4, class: "sim-small sim-timeout" }, `⋯${formatMs(gap.gapMs)}`));
  }
  results.forEach((r, i) => {
    const x0 = axisW + i * colW;
    const xc = x0 + 20;
    const xs = x0 + colW - 20;
    root.append(
      s("text", { x: x0 + colW / 2, y: 14, class: "sim-end", "text-anchor": "middle" }, SHORT_NAMES[r.variant][0]),
      s("text", { x: x0 + colW / 2, y: 30, class: "sim-end", "text-anchor": "middle" }, SHORT_NAMES[r.variant][1]),
      s("text", { x: xc, y: 48, class: "sim-small sim-muted", "text-anchor": "middle" }, "client"),
      s("text", { x: xs, y: 48, class: "sim-small sim-muted", "text-anchor": "middle" }, "server"),
      s("line", { x1: xc, x2: xc, y1: 54, y2: height - 26, class: "sim-axis" }),
      s("line", { x1: xs, x2: xs, y1: 54, y2: height - 26, class: "sim-axis" }),
    );
    for (const p of r.packets) {
      const x1 = p.from === "client" ? xc : xs;
      const x2 = p.from === "client" ? xs : xc;
      const lost = p.arrivedMs === null;
      const fraction = lost ? 0.55 : 1;
      const xEnd = x1 + (x2 - x1) * fraction;
      const y1 = y(p.sentMs);
      const yEnd = lost ? y(p.sentMs + (rtt / 2) * fraction) : y(p.arrivedMs!);
      const g = s("g", { class: `sim-packet${lost ? " sim-lost" : ""}${p.retransmission ? " sim-retx" : ""}` });
      g.append(
        s("title", {}, `${p.detail}: ${p.bytes} B, sent at ${formatMs(p.sentMs)}, ${lost ? "lost" : `arrived at ${formatMs(p.arrivedMs!)}`}${p.retransmission ? " (sent again)" : ""}`),
        s("line", { x1, y1, x2: xEnd, y2: yEnd, "marker-end": lost ? "" : "url(#tls-arrow)" }),
      );
      if (lost) g.append(s("path", { d: `M${xEnd - 4},${yEnd - 4} l8,8 M${xEnd - 4},${yEnd + 4} l8,-8`, class: "sim-cross" }));
      if (p.label !== "" && p.label !== "ACK") {
        // Horizontal, on the arrow's middle: successive arrows' middles are half an RTT apart, so labels never collide.
        const lx = (xc + xs) / 2;
        const ly = y1 + (yEnd - y1) * ((lx - x1) / (xEnd - x1));
        g.append(s("text", { x: lx, y: ly + 3.5, class: "sim-label tls-ladder-label", "text-anchor": "middle" }, p.label));
      }
      // Each packet is an event of the timeline control: the five stacks step on one clock.
      const fate = lost ? "lost" : `arrives at ${formatMs(p.arrivedMs!)}`;
      markEvent(g, p.sentMs, `${VARIANT_NAMES[r.variant]}: ${p.detail}${p.retransmission ? " (sent again)" : ""}, ${p.from} → ${p.from === "client" ? "server" : "client"}, sent at ${formatMs(p.sentMs)}, ${fate}`);
      root.append(g);
    }
    const yt = y(r.ttfbMs);
    const first = s("g", {}, s("line", { x1: x0 + 4, x2: x0 + colW - 4, y1: yt, y2: yt, class: "tls-ttfb-line" }), s("circle", { cx: xc, cy: yt, r: 4, class: "tls-ttfb-dot" }));
    markEvent(first, r.ttfbMs, `${VARIANT_NAMES[r.variant]}: the first response byte reaches the client at ${formatMs(r.ttfbMs)} (${rttsText(r.ttfbMs, rtt)})`);
    root.append(
      first,
      s("text", { x: x0 + colW / 2, y: height - 8, class: "tls-ttfb-text", "text-anchor": "middle" }, `1st byte ${formatMs(r.ttfbMs)}`),
    );
  });
  root.prepend(
    s("defs", {}, s("marker", { id: "tls-arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, s("path", { d: "M0,0 L10,5 L0,10 z", class: "sim-arrowhead" }))),
  );
  return root;
}
