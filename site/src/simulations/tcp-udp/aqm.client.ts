import { mbps, num, scrollRegion, setUpSimulations } from "#site/components/sim-client.ts";
import { pendingView } from "#site/simulations/recorded/pending.ts";
import { drawChart, formatMs } from "./svg.ts";
import type { AqmResult } from "./aqm.ts";
import { AQM_NAMES as NAMES, AQMS, DURATION_S, type Aqm } from "./aqm-controls.ts";
import { PENDING_TEXT, runAqmAll } from "./aqm.model.ts";

function table(rows: readonly { aqm: Aqm; r: AqmResult }[], caption: string, compact: boolean): HTMLElement {
  const wrap = scrollRegion("pt-table-wrap", "Results for each queue");
  const body = rows
    .map(
      ({ aqm, r }) =>
        `<tr><th scope="row">${NAMES[aqm]}</th><td>${formatMs(r.medianAddedMs)}</td><td>${formatMs(r.p95AddedMs)}</td>` +
        `${compact ? "" : `<td>${r.pingsLost}</td>`}<td>${mbps(r.goodputBps)}</td>${compact ? `<td>${r.drops} / ${r.marks}</td>` : `<td>${r.drops}</td><td>${r.marks}</td>`}</tr>`,
    )
    .join("");
  wrap.innerHTML =
    `<table class="pt-table${compact ? " pt-compact" : ""}"><caption>${caption}</caption>` +
    `<thead><tr><th scope="col">Queue</th><th scope="col">${compact ? "Median" : "Ping delay, median"}</th><th scope="col">p95</th>` +
    `${compact ? "" : '<th scope="col">Pings lost</th>'}<th scope="col">${compact ? "Goodput" : "Bulk goodput"}</th>${compact ? '<th scope="col">Drops / marks</th>' : '<th scope="col">Drops</th><th scope="col">ECN marks</th>'}</tr></thead>` +
    `<tbody>${body}</tbody></table>`;
  return wrap;
}

export function setUpAqm(): void {
  setUpSimulations("aqm", (values, compact) => {
    const base = {
      rateBps: num(values, "rate", 10e6),
      baseRttMs: num(values, "rtt", 40),
      bufferPackets: num(values, "buffer", 256),
      seed: num(values, "seed", 1),
    };
    const runs = runAqmAll(base);
    if (runs === undefined) return pendingView(PENDING_TEXT);
    const rows = AQMS.map((aqm, i) => ({ aqm, r: runs[i]! }));
    const chosen = (values.aqm ?? "codel") as Aqm;
    const shown = rows.find((row) => row.aqm === chosen) ?? rows[1]!;
    const tail = rows[0]!;
    const rtts = (r: AqmResult) => r.pings.map((p) => ({ x: p.t, y: p.rttMs }));
    const yMax = Math.max(base.baseRttMs * 2, ...tail.r.pings.map((p) => p.rttMs ?? 0), ...shown.r.pings.map((p) => p.rttMs ?? 0)) * 1.05;
    const series = [{ name: "drop-tail", className: "sim-c2", points: rtts(tail.r) }];
    if (shown !== tail) series.push({ name: NAMES[shown.aqm], className: "sim-c1", points: rtts(shown.r) });
    const drawing = document.createElement("div");
    drawing.append(
      table(
        rows,
        `One bulk TCP flow and a ping every 100 ms for ${DURATION_S} s through ${mbps(base.rateBps)} with ${base.bufferPackets} packets of buffer. ` +
          `Ping delay: RTT above the ${base.baseRttMs} ms base; goodput: bulk data delivered.`,
        compact,
      ),
      drawChart({
        title: `Ping round-trip time over ${DURATION_S} s: drop-tail and ${NAMES[shown.aqm]}`,
        compact,
        xLabel: "time (s)",
        yLabel: "ping RTT (ms)",
        xMax: DURATION_S,
        yMax,
        formatY: (y) => String(Math.round(y)),
        series,
      }),
    );
    const behindTail = `Behind drop-tail the ping waits a median <strong>${formatMs(tail.r.medianAddedMs)}</strong> (p95 ${formatMs(tail.r.p95AddedMs)}) in the queue for ${mbps(tail.r.goodputBps)}`;
    const summary =
      shown === tail
        ? `${behindTail}; the table compares the other three queues.`
        : `${behindTail}; ${NAMES[shown.aqm]} keeps it to <strong>${formatMs(shown.r.medianAddedMs)}</strong> (p95 ${formatMs(shown.r.p95AddedMs)}) for ${mbps(shown.r.goodputBps)}.`;
    return { summary, drawing };
  });
}
