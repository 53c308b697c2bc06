import { num, scrollRegion, setUpSimulations } from "#site/components/sim-client.ts";
import { drawChart, formatMs } from "../tcp-udp/svg.ts";
import { CONNECTION_STEPS, runIo, type IoModel, type IoOptions, type IoResult } from "./io.ts";

const MODELS: readonly { model: IoModel; name: string; short: string; className: string }[] = [
  { model: "threads", name: "Thread per connection", short: "Threads", className: "sim-c2" },
  { model: "epoll", name: "Event loop, epoll", short: "Loop + epoll", className: "sim-c1" },
  { model: "poll", name: "Event loop, poll", short: "Loop + poll", className: "sim-c3" },
];

function memory(kib: number): string {
  return kib >= 1024 * 1024 ? `${(kib / 1024 / 1024).toFixed(2)} GiB` : `${Math.round(kib / 1024).toLocaleString("en")} MiB`;
}

function table(rows: readonly { name: string; result: IoResult }[], connections: number, compact: boolean): HTMLElement {
  const wrap = scrollRegion("pt-table-wrap", "Results for each server design");
  const body = rows
    .map(
      ({ name, result: r }) =>
        `<tr><th scope="row">${name}</th><td>${r.served.toLocaleString("en")}</td><td>${Math.round(r.throughputPerS).toLocaleString("en")}</td>` +
        `<td>${formatMs(r.medianMs)}</td><td>${formatMs(r.p99Ms)}</td><td>${Math.round(r.cpuBusy * 100)}%</td>` +
        `${compact ? "" : `<td>${r.overheadUsPerRequest.toFixed(1)} µs</td>`}<td>${memory(r.memoryKiB)}</td></tr>`,
    )
    .join("");
  wrap.innerHTML =
    `<table class="pt-table${compact ? " pt-compact" : ""}"><caption>${connections.toLocaleString("en")} connections, three ways. ` +
    `Latency: from a request's arrival to its response. Overhead: CPU per request spent on context switches or readiness calls.</caption>` +
    `<thead><tr><th scope="col">Server</th><th scope="col">Served</th><th scope="col">Req/s</th>` +
    `<th scope="col">Median</th><th scope="col">p99</th><th scope="col">CPU</th>${compact ? "" : '<th scope="col">Overhead</th>'}` +
    `<th scope="col">Memory</th></tr></thead><tbody>${body}</tbody></table>`;
  return wrap;
}

export function setUpIo(): void {
  setUpSimulations("io", (values, compact) => {
    const base: Omit<IoOptions, "model" | "connections"> = {
      ratePerConnection: num(values, "rate", 1),
      backendMs: num(values, "backend", 10),
      slowEvery: num(values, "slow", 0),
      threadKiB: num(values, "stack", 256),
      cores: num(values, "cores", 2),
      seed: num(values, "seed", 1),
    };
    const connections = num(values, "connections", 10_000);
    const sweep = MODELS.map((m) => ({ ...m, results: CONNECTION_STEPS.map((n) => (n === connections ? null : runIo({ ...base, model: m.model, connections: n }))) }));
    const chosen = sweep.map((m) => ({ name: m.short, result: runIo({ ...base, model: m.model, connections }) }));
    const at = (i: number, j: number): IoResult => sweep[i]!.results[j] ?? chosen[i]!.result;
    const series = sweep.map((m, i) => ({
      name: compact ? m.short : m.name,
      className: m.className,
      // No point where threads leave connections unserved: their latency is unbounded.
      points: CONNECTION_STEPS.map((n, j) => ({ x: j, y: at(i, j).served < n ? null : at(i, j).p99Ms })),
    }));
    const yMax = Math.max(1, ...series.flatMap((line) => line.points.map((p) => p.y ?? 0))) * 1.1;
    const threadsShort = CONNECTION_STEPS.findIndex((n, j) => at(0, j).served < n);
    const drawing = document.createElement("div");
    drawing.append(table(chosen, connections, compact));
    drawing.append(
      drawChart({
        title: "99th-percentile latency against the number of connections, for each server design",
        compact,
        xLabel: compact ? "connections" : "connections (threads stop where memory runs out)",
        yLabel: "p99 latency (ms)",
        xMax: CONNECTION_STEPS.length - 1,
        yMax,
        formatX: (x) => (CONNECTION_STEPS[Math.round(x)] ?? 0).toLocaleString("en"),
        formatY: (y) => (yMax < 5 ? y.toFixed(1) : String(Math.round(y))),
        series,
        markers: threadsShort < 0 ? [] : [{ x: threadsShort, className: "sim-marker-loss", label: "Threads no longer fit in memory" }],
      }),
    );
    const threads = chosen[0]!.result;
    const epoll = chosen[1]!.result;
    const summary =
      (threads.served < connections
        ? `Only <strong>${threads.served.toLocaleString("en")}</strong> threads fit in the server's 2 GiB; ${(connections - threads.served).toLocaleString("en")} connections wait unserved. `
        : `All ${connections.toLocaleString("en")} connections get a thread, using <strong>${memory(threads.memoryKiB)}</strong>. `) +
      `The epoll loop serves them all in <strong>${memory(epoll.memoryKiB)}</strong> with a p99 of ${formatMs(epoll.p99Ms)}.`;
    return { summary, drawing };
  });
}
