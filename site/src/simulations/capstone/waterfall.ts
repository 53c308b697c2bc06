/**
 * Draws a page-load result: a waterfall of phases and resources in virtual
 * milliseconds (SVG), with the first-paint and load lines, and a table of
 * what layers 7, 4 and 3 did in each phase. Colours come from Starlight's
 * CSS variables (classes styled in PageLoadSim.astro), so both themes work.
 */
import type { PageLoadResult, Phase, PhaseKey, PhaseTraffic, ResourceTiming } from "./model.ts";
import { PACKET } from "./sizes.ts";
import { formatMs } from "./wiring.ts";
import { markEvent } from "#site/components/sim-timeline.ts";

const SVG_NS = "http://www.w3.org/2000/svg";

function s(tag: string, attrs: Record<string, string | number> = {}, text?: string): SVGElement {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

function h(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value);
  element.append(...children);
  return element;
}

/** A round step for axis ticks: 1, 2 or 5 times a power of ten, giving about `count` ticks. */
function niceStep(max: number, count: number): number {
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

interface Row {
  readonly label: string;
  /** Light part (waiting), then solid part (working). */
  readonly wait?: readonly [number, number];
  readonly work: readonly [number, number] | null;
  readonly className: string;
  readonly note: string;
}

const PHASE_CLASS: Record<PhaseKey, string> = {
  dns: "cap-dns",
  tcp: "cap-tcp",
  tls: "cap-tls",
  quic: "cap-tls",
  request: "cap-req",
  html: "cap-html",
  subresources: "cap-sub",
};

function retries(traffic: PhaseTraffic | undefined): string {
  if (traffic === undefined || traffic.lost === 0) return "";
  return `, ${traffic.lost} lost`;
}

function rowsOf(result: PageLoadResult): Row[] {
  const traffic = (key: PhaseKey) => result.traffic.find((t) => t.key === key);
  const rows: Row[] = [];
  for (const phase of result.phases) {
    if (phase.key === "html" || phase.key === "subresources") continue;
    const length = phase.endMs - phase.startMs;
    const cached = phase.key === "dns" && length === 0;
    rows.push({
      label: phase.label,
      work: cached ? null : [phase.startMs, phase.endMs],
      className: PHASE_CLASS[phase.key],
      note: cached ? "cached: nothing sent" : `${formatMs(length)}${retries(traffic(phase.key))}`,
    });
  }
  for (const resource of result.resources) rows.push(resourceRow(resource, result));
  return rows;
}

function resourceRow(r: ResourceTiming, result: PageLoadResult): Row {
  const className = `cap-${r.kind}`;
  if (r.fromCache) return { label: r.name, work: null, className, note: "from the HTTP cache" };
  if (r.kind === "html") {
    const traffic = result.traffic.find((t) => t.key === "html");
    return { label: `${r.name} (${Math.round(r.bytes / 1000)} kB)`, work: [r.firstByteMs, r.doneMs], className, note: `${formatMs(r.doneMs - r.firstByteMs)}${retries(traffic)}` };
  }
  return {
    label: `${r.name} (${Math.round(r.bytes / 1000)} kB)`,
    wait: [r.requestMs ?? r.discoveredMs, r.firstByteMs],
    work: [r.firstByteMs, r.doneMs],
    className,
    note: formatMs(r.doneMs - (r.requestMs ?? r.discoveredMs)),
  };
}

/** Draws the waterfall `width` CSS pixels wide; below 560 px the labels go above the bars. */
export function drawWaterfall(result: PageLoadResult, width: number, caption: string): SVGElement {
  const rows = rowsOf(result);
  const compact = width < 560;
  const labelWidth = compact ? 0 : 176;
  const left = labelWidth + 8;
  const right = width - (compact ? 12 : 78);
  const rowHeight = compact ? 34 : 24;
  const top = 44;
  const height = top + rows.length * rowHeight + 56;
  const end = Math.max(result.loadMs, result.firstPaintMs) * 1.04 || 1;
  const x = (t: number) => left + (t / end) * (right - left);

  const svg = s("svg", {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    class: `cap-svg${compact ? " cap-compact" : ""}`,
    role: "img",
    "aria-label": `Waterfall: first paint at ${formatMs(result.firstPaintMs)}, page loaded at ${formatMs(result.loadMs)}`,
  });
  svg.append(s("title", {}, "Timeline of opening the page"));

  // Grid and axis.
  const step = niceStep(end, compact ? 4 : 8);
  const axisY = top + rows.length * rowHeight + 6;
  for (let t = 0; t <= end; t += step) {
    svg.append(s("line", { x1: x(t), x2: x(t), y1: top - 6, y2: axisY, class: "cap-grid" }));
    svg.append(s("text", { x: x(t), y: axisY + 15, "text-anchor": t === 0 ? "start" : "middle", class: "cap-tick" }, formatMs(t)));
  }
  svg.append(s("line", { x1: left, x2: right, y1: axisY, y2: axisY, class: "cap-axis" }));
  svg.append(s("text", { x: width - 6, y: height - 8, "text-anchor": "end", class: "cap-caption" }, caption));

  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    const barY = compact ? y + 15 : y + 4;
    const barH = compact ? 13 : 15;
    if (compact) svg.append(s("text", { x: 2, y: y + 11, class: "cap-label" }, `${row.label} · ${row.note}`));
    else svg.append(s("text", { x: labelWidth, y: y + 16, "text-anchor": "end", class: "cap-label" }, row.label));
    // The row's bars and note are an event of the timeline control, from when its wait or work starts; its name stays.
    const bars = s("g", {});
    const from = row.wait?.[0] ?? row.work?.[0] ?? 0;
    const to = row.work?.[1] ?? row.wait?.[1];
    markEvent(bars, from, `${row.label}${to === undefined ? "" : `, ${formatMs(from)} to ${formatMs(to)}`}: ${row.note}`);
    svg.append(bars);
    if (row.wait !== undefined && row.wait[1] > row.wait[0]) {
      bars.append(s("rect", { x: x(row.wait[0]), y: barY + 3, width: Math.max(1, x(row.wait[1]) - x(row.wait[0])), height: barH - 6, class: `cap-wait ${row.className}` }));
    }
    if (row.work !== null) {
      bars.append(s("rect", { x: x(row.work[0]), y: barY, width: Math.max(2, x(row.work[1]) - x(row.work[0])), height: barH, rx: 2, class: `cap-bar ${row.className}` }));
    }
    if (!compact) {
      const after = row.work !== null ? x(row.work[1]) : row.wait !== undefined ? x(row.wait[1]) : left;
      bars.append(s("text", { x: after + 5, y: y + 16, class: "cap-note" }, row.note));
    }
  });

  // First paint and load: a dashed line each, labelled on its own line at the top.
  const marker = (t: number, label: string, className: string, labelY: number) => {
    const mark = s("g", {});
    markEvent(mark, t, label);
    svg.append(mark);
    mark.append(s("line", { x1: x(t), x2: x(t), y1: labelY + 4, y2: axisY, class: className }));
    const anchor = x(t) > width * 0.6 ? "end" : "start";
    mark.append(s("text", { x: x(t) + (anchor === "end" ? -4 : 4), y: labelY, "text-anchor": anchor, class: `${className}-text` }, label));
  };
  marker(result.loadMs, `all files in: ${formatMs(result.loadMs)}`, "cap-load", 13);
  marker(result.firstPaintMs, `first paint: ${formatMs(result.firstPaintMs)}`, "cap-paint", 29);
  return svg;
}

function layerText(phase: Phase, result: PageLoadResult): [string, string] {
  const { protocol, tls, dns } = result.options;
  const h2 = protocol === "h2";
  switch (phase.key) {
    case "dns":
      return [
        dns === "none"
          ? "DNS query for the A record of www.example.com; the resolver asks a root server, a .com server and example.com's server in turn, then answers and caches the result."
          : dns === "resolver"
            ? "DNS query for the A record; the resolver answers from its cache."
            : "The browser still holds the answer (within its TTL): no query.",
        dns === "browser" ? "nothing sent" : "UDP to port 53: one datagram each way (the resolver's upstream queries too)",
      ];
    case "tcp":
      return ["Nothing yet: HTTP waits for a connection.", `SYN, SYN-ACK (each ${PACKET.syn} bytes with MSS, window scale, SACK-permitted), then ACK: 1 round trip`];
    case "tls":
      return [
        tls === "full"
          ? "ClientHello (SNI, key share, ALPN: h2, http/1.1) → ServerHello, then encrypted EncryptedExtensions (ALPN: h2), Certificate, CertificateVerify, Finished."
          : tls === "resumed"
            ? "ClientHello with a pre-shared key from the last visit → ServerHello, EncryptedExtensions, Finished: no certificate."
            : "ClientHello with a pre-shared key and the GET as 0-RTT early data → ServerHello, EncryptedExtensions, Finished, and the response right behind.",
        "TLS records carried in TCP segments",
      ];
    case "quic":
      return [
        tls === "full"
          ? "TLS 1.3 inside QUIC CRYPTO frames: ClientHello (ALPN: h3) → ServerHello, then EncryptedExtensions, Certificate, CertificateVerify, Finished."
          : tls === "resumed"
            ? "Resumed TLS 1.3 inside QUIC: ClientHello with a pre-shared key → ServerHello, EncryptedExtensions, Finished."
            : "Resumed TLS 1.3 inside QUIC, with the GET in a 0-RTT packet in the same datagram as the ClientHello.",
        `QUIC Initial and Handshake packets in UDP datagrams; the ClientHello, with its 1,216-byte hybrid key share, fills ${PACKET.quicInitial.length} Initial datagrams, each padded to ${PACKET.quicInitial[0]! - 28} bytes`,
      ];
    case "request":
      return [
        `${h2 ? "HTTP/2" : "HTTP/3"} HEADERS: :method GET, :scheme https, :authority www.example.com, :path /, compressed with ${h2 ? "HPACK" : "QPACK"}; the server takes 20 ms to produce the page.`,
        tls === "zero-rtt" ? "carried as early data with the handshake" : h2 ? "one TLS record in one TCP segment" : "a QUIC 1-RTT packet in a UDP datagram",
      ];
    case "html":
      return [
        "HEADERS (:status 200, content-type: text/html) then DATA frames; the browser parses as the bytes come in and finds the stylesheet, script and images.",
        `TCP-style slow start: 10 segments in the first round trip, doubling each round trip${h2 ? "" : " (QUIC does the same, RFC 9002)"}`,
      ];
    case "subresources": {
      const sent = result.resources.filter((r) => r.kind !== "html" && !r.fromCache).length;
      return [
        `${sent} more GETs on ${h2 ? "streams 3, 5, 7 …" : "streams 4, 8, 12 …"} of the same connection; the server interleaves the responses, most urgent first.`,
        `same connection, window already open (about ${Math.round(result.finalCwndSegments)} segments at the end)${h2 ? "; a lost segment stalls every stream behind it" : "; a lost packet stalls only its own stream"}`,
      ];
    }
  }
}

/** The per-layer table: one row per phase. */
export function layerTable(result: PageLoadResult): HTMLElement {
  const body = h("tbody");
  for (const phase of result.phases) {
    const traffic = result.traffic.find((t) => t.key === phase.key);
    const [l7, l4] = layerText(phase, result);
    const l3 =
      traffic === undefined || traffic.packets === 0
        ? "no packets of its own"
        : `${traffic.packets} IP packets, ${(traffic.bytes / 1000).toFixed(1)} kB` +
          (traffic.lost > 0 ? `; ${traffic.lost} lost, ${traffic.resent} sent again` : "") +
          (traffic.lost > traffic.resent ? " (a lost ACK is covered by the next one)" : "");
    body.append(h("tr", {}, h("th", { scope: "row" }, phase.label, h("br"), h("span", { class: "cap-time" }, formatMs(phase.endMs - phase.startMs))), h("td", { "data-layer": "Layer 7" }, l7), h("td", { "data-layer": "Layer 4" }, l4), h("td", { "data-layer": "Layer 3" }, l3)));
  }
  const table = h(
    "table",
    { class: "cap-layers" },
    h("caption", {}, "What each layer did in each phase"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Phase"), h("th", { scope: "col" }, "Layer 7: application"), h("th", { scope: "col" }, "Layer 4: transport"), h("th", { scope: "col" }, "Layer 3: IP"))),
    body,
  );
  return h("div", { class: "cap-table-wrap" }, table);
}
