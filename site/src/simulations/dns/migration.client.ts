/** Browser side of the TTL-migration simulation: read the controls, run the model, draw a timeline per resolver. */
import { h, s } from "./dom.ts";
import { formatDuration, runMigration, type MigrationResult } from "./migration.ts";

const COMPACT_BELOW = 560;

function niceStep(span: number, ticks: number): number {
  const units = [60, 300, 600, 1800, 3600, 7200, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400];
  return units.find((u) => span / u <= ticks) ?? 4 * 86400;
}

function draw(result: MigrationResult, compact: boolean): SVGElement {
  const width = compact ? 400 : 680;
  const left = compact ? 30 : 86;
  const right = 12;
  const top = 40;
  const lane = compact ? 14 : 16;
  const n = result.resolvers.length;
  const plotH = n * lane;
  const height = top + plotH + 52;
  // When the time after the move is short next to the time before, the part after the move
  // gets its own (zoomed) scale, so that minutes stay visible next to days.
  const plotW = width - left - right;
  const before = -result.start;
  const split = result.end < 0.3 * before;
  const xMove = split ? left + plotW * 0.68 : left + (before / (result.end - result.start)) * plotW;
  const X = (t: number) => (t <= 0 ? left + ((t - result.start) / before) * (xMove - left) : xMove + (t / result.end) * (left + plotW - xMove));
  const title = "Timeline of each resolver's cached copy of the record: old address before the move, new address after";
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: `sim-svg dns-migration${compact ? " sim-compact" : ""}`, role: "img", "aria-label": title });
  svg.append(s("title", {}, title));
  const ticks = (from: number, to: number, count: number) => {
    const step = niceStep(to - from, count);
    const out: number[] = [];
    for (let t = Math.ceil(from / step) * step; t <= to + 1e-9; t += step) out.push(t);
    return out;
  };
  const all = split ? [...ticks(result.start, 0, compact ? 3 : 5), ...ticks(0, result.end, 2)] : ticks(result.start, result.end, compact ? 4 : 7);
  for (const t of [...new Set(all)]) {
    svg.append(s("line", { x1: X(t), x2: X(t), y1: top, y2: top + plotH, class: "sim-grid" }));
    svg.append(s("text", { x: X(t), y: top + plotH + 14, class: "sim-small", "text-anchor": "middle" }, t === 0 ? "move" : `${t > 0 ? "+" : ""}${formatDuration(t)}`));
  }
  if (split) svg.append(s("text", { x: (xMove + left + plotW) / 2, y: top + plotH + 27, class: "sim-small sim-muted", "text-anchor": "middle" }, "after the move (zoomed in)"));
  result.resolvers.forEach((copies, i) => {
    const y = top + i * lane + 2;
    if (!compact) svg.append(s("text", { x: left - 6, y: y + lane - 5, class: "sim-small", "text-anchor": "end" }, `resolver ${i + 1}`));
    // Copies too narrow to draw apart (short TTLs on a long axis) merge into one lighter bar.
    const bars: { from: number; to: number; address: string; ttl: number; short: boolean }[] = [];
    for (const c of copies) {
      const short = X(c.to) - X(c.from) < 3;
      const last = bars[bars.length - 1];
      if (short && last !== undefined && last.short && last.address === c.address && last.ttl === c.ttl) last.to = c.to;
      else bars.push({ ...c, short });
    }
    for (const c of bars) {
      const x1 = Math.max(X(c.from), left);
      const x2 = Math.min(X(c.to), width - right);
      if (x2 <= x1) continue;
      const cls = `${c.address === "old" ? "dns-old" : "dns-new"}${c.short ? " dns-short" : ""}`;
      const what = c.short ? `copies with TTL ${formatDuration(c.ttl)}, refetched back to back from ${formatDuration(c.from)}` : `fetched at ${formatDuration(c.from)}, TTL ${formatDuration(c.ttl)}`;
      svg.append(s("rect", { x: x1, y, width: Math.max(0.6, x2 - x1 - (c.short ? 0 : 0.8)), height: lane - 4, class: cls }, s("title", {}, `resolver ${i + 1}: ${c.address} address, ${what}`)));
    }
  });
  const marker = (t: number, cls: string, label: string, row: number) => {
    svg.append(s("line", { x1: X(t), x2: X(t), y1: top - 4 - row * 12, y2: top + plotH, class: cls }));
    const x = X(t);
    const anchor = x > width * 0.7 ? "end" : "start";
    svg.append(s("text", { x: anchor === "end" ? x - 3 : x + 3, y: top - 8 - row * 12, class: `sim-small ${cls}-text`, "text-anchor": anchor }, label));
  };
  marker(result.loweredAt, "dns-mark-lower", result.loweredAt === 0 ? "TTL lowered at the move" : `TTL lowered (${formatDuration(result.loweredAt)})`, 1);
  marker(0, "dns-mark-move", "move", 0);
  if (result.worst > 0) marker(result.worst, "dns-mark-last", `last old answer +${formatDuration(result.worst)}`, 2);
  const ly = height - 10;
  svg.append(s("rect", { x: left, y: ly - 9, width: 14, height: 10, class: "dns-old" }));
  svg.append(s("text", { x: left + 18, y: ly, class: "sim-small" }, "old address cached"));
  svg.append(s("rect", { x: left + (compact ? 130 : 160), y: ly - 9, width: 14, height: 10, class: "dns-new" }));
  svg.append(s("text", { x: left + (compact ? 148 : 178), y: ly, class: "sim-small" }, "new address cached"));
  if (!compact) {
    svg.append(s("rect", { x: left + 320, y: ly - 9, width: 14, height: 10, class: "dns-old dns-short" }));
    svg.append(s("text", { x: left + 338, y: ly, class: "sim-small" }, "many short-TTL copies"));
  }
  return svg;
}

export function setUpMigrationSims(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-simulation="dns-migration"]')) {
    if (root.dataset.ready === "true") continue;
    root.dataset.ready = "true";
    const form = root.querySelector("form")!;
    const output = root.querySelector<HTMLElement>("[data-sim-output]")!;
    const summary = root.querySelector<HTMLElement>("[data-sim-summary]")!;
    const value = (name: string) => Number(form.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!.value);
    let compact = false;
    const render = () => {
      compact = output.clientWidth > 0 && output.clientWidth < COMPACT_BELOW;
      const oldTtl = value("oldTtl");
      const newTtl = value("newTtl");
      const lowerBefore = value("lowerBefore");
      const seed = Math.max(1, Math.floor(value("seed") || 1));
      const result = runMigration({ oldTtl, newTtl, lowerBefore, seed });
      const safe = lowerBefore >= oldTtl;
      summary.innerHTML =
        `The last resolver hands out the old address until <strong>${formatDuration(result.worst)} after the move</strong>. ` +
        `Bound: max(lowered + old TTL, move + new TTL) = <strong>${formatDuration(result.bound)}</strong> after the move. ` +
        (safe ? "The TTL was lowered at least one old TTL ahead, so the tail is at most the new TTL." : "The TTL was lowered less than one old TTL ahead: copies fetched just before the change still carry the old TTL.");
      const waiting = result.lastOld.filter((t) => t > newTtl).length;
      output.replaceChildren(
        draw(result, compact),
        h("p", { class: "dns-note" }, `${waiting} of ${result.resolvers.length} resolvers still serve the old address later than ${formatDuration(newTtl)} (the new TTL) after the move.`),
      );
    };
    form.addEventListener("change", render);
    form.addEventListener("input", render);
    for (const button of form.querySelectorAll<HTMLButtonElement>("button[data-reseed]")) {
      button.addEventListener("click", () => {
        const seed = form.querySelector<HTMLInputElement>('input[name="seed"]')!;
        seed.value = String((Number(seed.value) || 0) + 1);
        render();
      });
    }
    window.addEventListener("resize", () => {
      const narrow = output.clientWidth > 0 && output.clientWidth < COMPACT_BELOW;
      if (narrow !== compact) render();
    });
    render();
  }
}
