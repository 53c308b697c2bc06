import { num, scrollRegion, setUpSimulations } from "#site/components/sim-client.ts";
import { drawChart, formatMs } from "../tcp-udp/svg.ts";
import { BIN_S, runLimits, type LimiterResult, type Traffic } from "./ratelimit.ts";

const DURATION_S = 10;

function row(name: string, r: LimiterResult, arrivals: number, compact: boolean): string {
  const share = arrivals === 0 ? 0 : Math.round((100 * r.dropped) / arrivals);
  return (
    `<tr><th scope="row">${name}</th><td>${r.passed}</td><td>${r.dropped} (${share}%)</td>` +
    `<td>${formatMs(r.meanDelayS * 1000)}</td>${compact ? "" : `<td>${formatMs(r.maxDelayS * 1000)}</td>`}<td>${r.peakPer100ms}</td></tr>`
  );
}

export function setUpRateLimit(): void {
  setUpSimulations("ratelimit", (values, compact) => {
    const ratePerS = num(values, "rate", 100);
    const burst = num(values, "burst", 20);
    const result = runLimits({
      offeredPerS: num(values, "offered", 60),
      traffic: (values.traffic ?? "bursty") as Traffic,
      ratePerS,
      burst,
      durationS: DURATION_S,
      seed: num(values, "seed", 1),
    });
    const wrap = scrollRegion("pt-table-wrap", "Results for each limiter");
    wrap.innerHTML =
      `<table class="pt-table${compact ? " pt-compact" : ""}"><caption>${result.arrivals} requests in ${DURATION_S} s, limited to ${ratePerS}/s with a burst or queue of ${burst}. ` +
      `Wait: time a passed request spent in the limiter; peak: most requests let through in any 100 ms.</caption>` +
      `<thead><tr><th scope="col">Limiter</th><th scope="col">Passed</th><th scope="col">Dropped</th><th scope="col">${compact ? "Wait" : "Mean wait"}</th>` +
      `${compact ? "" : '<th scope="col">Worst wait</th>'}<th scope="col">Peak</th></tr></thead><tbody>` +
      `<tr><th scope="row">${compact ? "Offered" : "Offered (no limit)"}</th><td>${result.arrivals}</td><td>0</td><td>${formatMs(0)}</td>${compact ? "" : `<td>${formatMs(0)}</td>`}<td>${result.arrivalPeakPer100ms}</td></tr>` +
      row("Token bucket", result.token, result.arrivals, compact) +
      row(compact ? "Leaky (queue)" : "Leaky bucket (queue)", result.leaky, result.arrivals, compact) +
      `</tbody></table>`;
    const points = (rates: readonly number[]) => rates.map((y, i) => ({ x: i * BIN_S, y }));
    const yMax = Math.max(ratePerS * 1.5, ...result.arrivalRate, ...result.token.rate) * 1.1;
    const drawing = document.createElement("div");
    drawing.append(
      wrap,
      drawChart({
        title: "Requests per second offered and let through by each limiter, in 100 ms windows",
        compact,
        xLabel: "time (s)",
        yLabel: "requests per second",
        xMax: DURATION_S,
        yMax,
        formatY: (y) => String(Math.round(y)),
        series: [
          { name: "offered", className: "sim-c2", step: true, points: points(result.arrivalRate) },
          { name: "token bucket", className: "sim-c1", step: true, points: points(result.token.rate) },
          { name: "leaky bucket", className: "sim-c3", step: true, points: points(result.leaky.rate) },
        ],
      }),
    );
    const summary =
      `Both limiters let through about the same number (<strong>${result.token.passed}</strong> and <strong>${result.leaky.passed}</strong> of ${result.arrivals}). ` +
      `The token bucket passes a burst at once, up to <strong>${result.token.peakPer100ms}</strong> in 100 ms; ` +
      `the leaky bucket never more than ${result.leaky.peakPer100ms}, but makes requests wait up to <strong>${formatMs(result.leaky.maxDelayS * 1000)}</strong>.`;
    return { summary, drawing };
  });
}
