/**
 * Browser side of the resolution simulation: keeps the learner's actions
 * (lookups, clock advances), replays them through the model on every
 * change (a change of delay or seed re-runs the whole history, so the run
 * stays deterministic), and draws the latest lookup, its messages, the
 * resolver's cache and the history.
 */
import { download } from "#site/components/download.ts";
import { createTimeline, markEvent } from "#site/components/sim-timeline.ts";
import { LANE_TITLES, LANES, type CacheRow, type DnsSimConfig, type Lane, type Lookup, type LookupId, type SessionAction, type Step } from "./resolver-controls.ts";
import { runResolverView, sessionLimit } from "./resolver.model.ts";
import type { DnsMessage, DnsRecord } from "#runtime/wire/dns.ts";
import { formatRecord, rcodeName, TYPE, typeName } from "#runtime/wire/dns-names.ts";
import { h, s } from "./dom.ts";

const COMPACT_BELOW = 560;

export function formatClock(msTotal: number): string {
  const totalSeconds = msTotal / 1000;
  if (totalSeconds < 60) return `${totalSeconds.toFixed(3)} s`;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const secs = totalSeconds % 60;
  return `${hours > 0 ? `${hours} h ` : ""}${minutes} min ${secs.toFixed(3)} s`;
}

const LANE_HEADINGS: Record<Lane, readonly [string, string]> = {
  stub: ["stub", ""],
  resolver: ["recursive", "resolver"],
  root: ["root", "server"],
  tld: [".com", "server"],
  auth: ["example.com", "server"],
};

const fmtMs = (value: number) => `${Number.isInteger(value) ? value : value.toFixed(1)} ms`;

/** One arrow per message, one row each, lanes left to right; each message is an event of the timeline control (group `m<i>`). */
function drawLookup(lookup: Lookup, compact: boolean): SVGElement {
  const width = compact ? 360 : 680;
  const left = compact ? 40 : 64;
  const right = compact ? 36 : 50;
  const laneX = (lane: Lane) => left + ((width - left - right) * LANES.indexOf(lane)) / (LANES.length - 1);
  const top = compact ? 44 : 48;
  const row = compact ? 30 : 32;
  const height = top + lookup.steps.length * row + 16;
  const title = `Messages of the lookup of ${lookup.name} ${typeName(lookup.type)}, one row per message`;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: `sim-svg dns-ladder${compact ? " sim-compact" : ""}`, role: "img", "aria-label": title });
  svg.append(s("title", {}, title));
  svg.append(
    s("defs", {}, s("marker", { id: "dns-arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerUnits: "userSpaceOnUse", markerWidth: 10, markerHeight: 10, orient: "auto-start-reverse" }, s("path", { d: "M0,0 L10,5 L0,10 z", class: "sim-arrowhead" }))),
  );
  for (const lane of LANES) {
    const x = laneX(lane);
    const lines = LANE_HEADINGS[lane];
    svg.append(s("text", { x, y: 14, class: "sim-end dns-lane", "text-anchor": "middle" }, lines[0]));
    svg.append(s("text", { x, y: 28, class: "sim-end dns-lane", "text-anchor": "middle" }, lines[1]));
    svg.append(s("line", { x1: x, x2: x, y1: top - 8, y2: height - 6, class: "sim-axis" }));
  }
  svg.append(s("text", { x: 2, y: top - 12, class: "sim-small sim-muted" }, "time"));
  lookup.steps.forEach((step, i) => {
    const y = top + i * row + 8;
    const x1 = laneX(step.from);
    const x2 = laneX(step.to);
    const cls = `sim-packet dns-${step.transport.toLowerCase()}${step.message?.header.tc === true ? " dns-tc" : ""}`;
    const g = s("g", { class: cls });
    const arrived = step.arrivedMs === null ? "lost" : `arrived at +${fmtMs(step.arrivedMs - lookup.startMs)}`;
    g.append(s("title", {}, `${LANE_TITLES[step.from]} → ${LANE_TITLES[step.to]} over ${step.transport}: ${step.label}; sent at +${fmtMs(step.sentMs - lookup.startMs)}, ${arrived}`));
    g.append(s("line", { x1, y1: y, x2, y2: y + row * 0.45, "marker-end": "url(#dns-arrow)" }));
    const label = step.label.length > (compact ? 44 : 64) ? `${step.label.slice(0, compact ? 43 : 63)}…` : step.label;
    const est = label.length * (compact ? 5.2 : 6.3);
    let lx = (x1 + x2) / 2;
    lx = Math.max(left + est / 2 - 8, Math.min(width - est / 2 - 2, lx));
    g.append(s("text", { x: lx, y: y - 3, class: "sim-label", "text-anchor": "middle" }, label));
    markEvent(g, step.sentMs, `${LANE_TITLES[step.from]} → ${LANE_TITLES[step.to]} over ${step.transport}: ${step.label}, sent at +${fmtMs(step.sentMs - lookup.startMs)}, ${arrived}`, `m${i}`);
    svg.append(g);
    const time = s("text", { x: 2, y: y + 8, class: "sim-small sim-muted" }, `+${fmtMs(step.sentMs - lookup.startMs)}`);
    markEvent(time, step.sentMs, null, `m${i}`);
    svg.append(time);
  });
  return svg;
}

function flags(message: DnsMessage): string {
  const hd = message.header;
  const on = [hd.qr ? "QR" : "", hd.aa ? "AA" : "", hd.tc ? "TC" : "", hd.rd ? "RD" : "", hd.ra ? "RA" : ""].filter((f) => f !== "");
  const id = `ID 0x${hd.id.toString(16).padStart(4, "0")}, flags ${on.length > 0 ? on.join(" ") : "none"}`;
  return hd.qr ? `${id}, RCODE ${rcodeName(hd.rcode)}` : id;
}

function recordLines(title: string, records: readonly DnsRecord[]): HTMLElement | null {
  if (records.length === 0) return null;
  const shown = records.length > 4 ? records.slice(0, 3) : records;
  const lines = shown.map((r) => formatRecord(r));
  if (shown.length < records.length) lines.push(`… and ${records.length - shown.length} more ${typeName(records[3]!.type)} records`);
  return h("div", { class: "dns-section" }, h("span", { class: "dns-section-name" }, `${title}:`), h("code", {}, lines.join("\n")));
}

function stepItem(step: Step, lookup: Lookup): HTMLElement {
  const head = `+${fmtMs(step.sentMs - lookup.startMs)} · ${LANE_TITLES[step.from]} → ${LANE_TITLES[step.to]} · ${step.transport} ${step.srcPort} → ${step.dstPort}`;
  const li = h("li", { class: step.transport === "TCP" && step.message === null ? "dns-tcpseg" : "" }, h("div", { class: "dns-step-head" }, head));
  if (step.message === null) {
    li.append(h("div", {}, `TCP ${step.label}${step.label === "SYN" ? ": open a connection for the retry" : ""}`));
    return li;
  }
  const m = step.message;
  const kind = m.header.qr ? "Response" : "Query";
  li.append(h("div", {}, h("strong", {}, `${kind}: ${step.label}`), ` (${flags(m)}, ${step.dnsBytes} bytes${step.transport === "TCP" ? " + 2-byte length" : ""})`));
  for (const part of [recordLines("Answer", m.answers), recordLines("Authority", m.authority), recordLines("Additional", m.additional)]) if (part !== null) li.append(part);
  return li;
}

/** The cache as a table, one row per RRset. */
function cacheTable(rows: readonly CacheRow[]): HTMLElement {
  const groups: CacheRow[][] = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[0]!.name === row.name && last[0]!.type === row.type) last.push(row);
    else groups.push([row]);
  }
  const body = groups.map((g) => {
    const first = g[0]!;
    const value = g.length > 3 ? `${g[0]!.data}, ${g[1]!.data} … (${g.length} records)` : g.map((r) => r.data).join(", ");
    const origin = { answer: "answer", referral: "referral (NS)", glue: "glue", negative: "negative answer" }[first.origin];
    return h(
      "tr",
      { class: first.ttlLeft === 0 ? "dns-expired" : "" },
      h("td", {}, first.name),
      h("td", {}, first.type),
      h("td", {}, value),
      h("td", { class: "dns-num" }, first.ttlLeft === 0 ? `expired (${first.ttl} s)` : `${first.ttlLeft} / ${first.ttl} s`),
      h("td", {}, origin),
    );
  });
  const table = h(
    "table",
    { class: "dns-table" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Name"), h("th", { scope: "col" }, "Type"), h("th", { scope: "col" }, "Data"), h("th", { scope: "col" }, "TTL left"), h("th", { scope: "col" }, "Learnt from"))),
    h("tbody", {}, ...(body.length > 0 ? body : [h("tr", {}, h("td", { colspan: 5 }, "empty"))])),
  );
  return h("div", {}, h("p", { class: "dns-caption" }, `The resolver's cache now, after this lookup (the root servers' addresses come from built-in hints and are not shown)`), h("div", { class: "dns-scroll" }, table));
}

function historyTable(lookups: readonly Lookup[]): HTMLElement {
  const rows = lookups.map((l, i) =>
    h(
      "tr",
      { class: i === lookups.length - 1 ? "dns-current" : "" },
      h("td", { class: "dns-num" }, formatClock(l.startMs)),
      h("td", {}, `${l.name} ${typeName(l.type)}`),
      h("td", { class: "dns-num" }, fmtMs(l.endMs - l.startMs)),
      h("td", { class: "dns-num" }, String(l.upstreamQueries)),
      h("td", {}, l.upstreamQueries === 0 ? "cache" : l.usedTcp ? "servers, TCP retry" : "servers"),
    ),
  );
  return h(
    "div",
    {},
    h("p", { class: "dns-caption" }, "Every lookup so far"),
    h(
      "div",
      { class: "dns-scroll" },
      h(
      "table",
      { class: "dns-table" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Started at"), h("th", { scope: "col" }, "Question"), h("th", { scope: "col" }, "Took"), h("th", { scope: "col" }, "Queries to servers"), h("th", { scope: "col" }, "Answered from"))),
      h("tbody", {}, ...rows),
      ),
    ),
  );
}

function summarise(lookup: Lookup, clockMs: number): string {
  const took = lookup.endMs - lookup.startMs;
  const response = lookup.response;
  const q = `${lookup.name} ${typeName(lookup.type)}`;
  let outcome = "no answer";
  if (response !== null) {
    const final = response.answers.filter((r) => r.type === lookup.type);
    const soa = response.authority.find((r) => r.type === TYPE.SOA);
    if (response.header.rcode !== 0) outcome = `${rcodeName(response.header.rcode)}${soa === undefined ? "" : ` (cacheable for ${soa.ttl} s)`}`;
    else if (final.length > 0) {
      const aliases = response.answers.filter((r) => r.type === TYPE.CNAME).length;
      const via = aliases > 0 ? ` at the end of ${aliases} CNAME${aliases === 1 ? "" : "s"}` : "";
      outcome = `${final.length} ${typeName(lookup.type)} record${final.length === 1 ? "" : "s"}${via}, TTL ${final[0]!.ttl} s`;
    }
    else if (response.answers.length > 0) outcome = `${response.answers.length} records, TTL ${response.answers[response.answers.length - 1]!.ttl} s`;
    else outcome = "no data";
  }
  const how =
    lookup.upstreamQueries === 0
      ? "answered from the resolver's cache"
      : `${lookup.upstreamQueries} quer${lookup.upstreamQueries === 1 ? "y" : "ies"} to name servers${lookup.usedTcp ? ", with a retry over TCP" : ""}`;
  return `<strong>${q}</strong>: ${outcome} in <strong>${fmtMs(took)}</strong> (${how}). Virtual clock: ${formatClock(clockMs)}.`;
}

export function setUpResolverSims(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-simulation="dns-resolver"]')) {
    if (root.dataset.ready === "true") continue;
    root.dataset.ready = "true";
    const form = root.querySelector("form")!;
    const output = root.querySelector<HTMLElement>("[data-sim-output]")!;
    const summary = root.querySelector<HTMLElement>("[data-sim-summary]")!;
    const field = (name: string) => form.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
    const lookupId = () => field("lookup")!.value as LookupId;
    let actions: SessionAction[] = [{ kind: "resolve", lookup: lookupId() }];
    /** Set when a session outgrew what this edition recorded and started over; cleared by the learner's next change. */
    let restarted = false;
    /** Keeps the session within what this edition can run (the class edition's recordings): past it, the cache is emptied and the latest action kept. */
    const fit = (limit: number) => {
      if (actions.length <= limit) return;
      restarted = true;
      const last = actions[actions.length - 1]!;
      const lookup: SessionAction = { kind: "resolve", lookup: last.kind === "resolve" ? last.lookup : lookupId() };
      actions = last.kind === "advance" && limit >= 2 ? [lookup, last] : [lookup];
    };
    let lastPcap: string | null = null;
    // Counts finished redraws, so a test can wait for the one a control change caused.
    let renders = 0;
    /** The message being stepped through, with its fields, below the drawing (the timeline control fills it). */
    let showStep: (index: number | null) => void = () => {};
    const timeline = createTimeline(root, output, { noun: "message", onStep: (index) => showStep(index) });

    const config = (): DnsSimConfig => {
      const n = (name: string, fallback: number) => {
        // The class edition offers one seed and no seed field.
        const v = Number(field(name)?.value);
        return Number.isFinite(v) && v > 0 ? v : fallback;
      };
      return { stubMs: n("stubMs", 5), rootMs: n("rootMs", 20), tldMs: n("tldMs", 30), authMs: n("authMs", 40), edns: field("edns")!.value === "on", seed: Math.floor(n("seed", 1)) };
    };

    /** Redraws; `reset` (a change of the session or a control) shows every message of the lookup again, a resize keeps the step. */
    const render = (reset = true) => {
      for (const control of form.querySelectorAll<HTMLInputElement>('input[type="range"]')) {
        const shown = form.querySelector<HTMLOutputElement>(`output[for="${control.id}"]`);
        if (shown !== null) shown.value = `${control.value} ms`;
      }
      try {
        const compact = output.clientWidth > 0 && output.clientWidth < COMPACT_BELOW;
        const settings = config();
        fit(sessionLimit(settings));
        const result = runResolverView(settings, actions);
        if (result === undefined) {
          summary.textContent = "Loading the recorded run…";
          return;
        }
        lastPcap = result.pcapng;
        const lookup = result.lookups[result.lookups.length - 1];
        if (lookup === undefined) {
          summary.textContent = "No lookups yet.";
          output.replaceChildren();
          return;
        }
        summary.innerHTML = summarise(lookup, result.clockMs);
        const steps = h("ol", { class: "dns-steps" }, ...lookup.steps.map((step) => stepItem(step, lookup)));
        const advanced = actions[actions.length - 1]?.kind === "advance";
        const current = h("div", { class: "dns-current", hidden: "" });
        showStep = (index) => {
          current.hidden = index === null;
          if (index === null) return current.replaceChildren();
          current.replaceChildren(
            h("p", { class: "dns-caption" }, `Message ${index + 1} of ${lookup.steps.length}, field by field`),
            h("ol", { class: "dns-steps", start: index + 1 }, stepItem(lookup.steps[index]!, lookup)),
          );
        };
        output.replaceChildren(
          ...(restarted ? [h("p", { class: "dns-note" }, `This edition replays recorded sessions of up to ${sessionLimit(settings)} action${sessionLimit(settings) === 1 ? "" : "s"} with these settings, so the cache was emptied and the session started again.`)] : []),
          h("p", { class: "dns-note" }, advanced ? `The clock moved on to ${formatClock(result.clockMs)}; the drawing still shows the last lookup. The cache below is as it is now.` : `Latest lookup, started at ${formatClock(lookup.startMs)} on the virtual clock:`),
          drawLookup(lookup, compact),
          current,
          h("details", { class: "dns-details" }, h("summary", {}, `Every message of this lookup, field by field (${lookup.steps.length})`), steps),
          cacheTable(result.cache),
          historyTable(result.lookups),
        );
        timeline.refresh(output, reset);
      } catch (error) {
        summary.textContent = `The simulation failed: ${error instanceof Error ? error.message : String(error)}`;
      } finally {
        root.dataset.renders = String(++renders);
      }
    };

    form.addEventListener("input", (event) => {
      const target = event.target as HTMLElement;
      if (target instanceof HTMLSelectElement && target.name === "lookup") return; // handled on change
      render();
    });
    form.addEventListener("change", (event) => {
      const target = event.target as HTMLElement;
      restarted = false;
      if (target instanceof HTMLSelectElement && target.name === "lookup") actions = [...actions, { kind: "resolve", lookup: lookupId() }];
      render();
    });
    for (const button of form.querySelectorAll<HTMLButtonElement>("button")) {
      button.addEventListener("click", () => {
        const advance = button.dataset.advance;
        restarted = false;
        if (advance !== undefined) actions = [...actions, { kind: "advance", seconds: Number(advance) }];
        else if (button.dataset.action === "again") actions = [...actions, { kind: "resolve", lookup: lookupId() }];
        else if (button.dataset.action === "reset") actions = [{ kind: "resolve", lookup: lookupId() }];
        else if (button.dataset.action === "pcap") {
          if (lastPcap === null) return;
          download("wirelab-dns.pcapng", Uint8Array.from(atob(lastPcap), (c) => c.charCodeAt(0)), "application/x-pcapng");
          return;
        }
        render();
      });
    }
    let compactNow = false;
    window.addEventListener("resize", () => {
      const narrow = output.clientWidth > 0 && output.clientWidth < COMPACT_BELOW;
      if (narrow !== compactNow) {
        compactNow = narrow;
        render(false);
      }
    });
    compactNow = output.clientWidth > 0 && output.clientWidth < COMPACT_BELOW;
    render();
  }
}
