/** The terminal's `trace`: a ladder diagram's events as lines in time order. Pure. */
import type { LadderView } from "#labs/kit/demo.ts";

export function traceLines(view: LadderView, limit = 300): string[] {
  const rows: { t: number; text: string }[] = [];
  for (const p of view.packets) {
    const [from, to] = p.from === "left" ? [view.left, view.right] : [view.right, view.left];
    const notes = [p.retransmission === true ? "retransmission" : "", p.corrupted === true ? "corrupted" : ""].filter((n) => n !== "");
    const fate = p.arrivedMs === null ? `lost (${p.lost ?? "lost"})` : `arrives at ${p.arrivedMs.toFixed(3)} ms`;
    rows.push({ t: p.sentMs, text: `${from} → ${to}  ${p.label}${notes.length > 0 ? ` [${notes.join(", ")}]` : ""}  ${fate}` });
  }
  for (const m of view.marks) rows.push({ t: m.t, text: `${m.side === "left" ? view.left : view.right}: ${m.label}` });
  rows.sort((a, b) => a.t - b.t);
  const lines = rows.slice(0, limit).map((row) => `${row.t.toFixed(3).padStart(10)} ms  ${row.text}`);
  if (rows.length > limit) lines.push(`… ${rows.length - limit} more events (see the Diagram tab or download the capture)`);
  if (view.truncatedAtMs !== undefined) lines.push(`(the run's record stops at ${view.truncatedAtMs} ms)`);
  return lines;
}
