import { num, scrollRegion, setUpSimulations } from "#site/components/sim-client.ts";
import { drawChart } from "../tcp-udp/svg.ts";
import { RETRY_SETUP, runRetry, type RetryPolicy, type RetryResult, type Trigger } from "./retry.ts";

const POLICY_TEXT: Record<RetryPolicy, string> = {
  never: "no retries",
  immediate: "immediate retries",
  backoff: "backoff without jitter",
  jitter: "backoff with full jitter",
};

/** "until 4.3 s", or a warning when failures last to the end of the run. */
function failing(r: RetryResult): string {
  if (r.failingUntilS === null) return "never";
  return r.failingUntilS >= RETRY_SETUP.durationS - 0.2 ? "to the end" : `until ${r.failingUntilS.toFixed(1)} s`;
}

function table(chosen: RetryResult, baseline: RetryResult, name: string, restart: boolean, compact: boolean): HTMLElement {
  // [label, narrow label, value]
  const rows: [string, string, (r: RetryResult) => string][] = [
    ["Requests", "Requests", (r) => r.requests.toLocaleString("en")],
    ["Succeeded", "Succeeded", (r) => r.succeeded.toLocaleString("en")],
    ...(restart ? ([["Reconnecting clients through", "Crowd through", (r: RetryResult) => `${r.crowdSucceeded} of ${RETRY_SETUP.reconnecting}`]] as [string, string, (r: RetryResult) => string][]) : []),
    ["Failed (gave up)", "Failed", (r) => r.failed.toLocaleString("en")],
    ["Attempts at the server", "Attempts", (r) => (compact ? `${(r.attempts / r.requests).toFixed(2)}×` : `${r.attempts.toLocaleString("en")} (${(r.attempts / r.requests).toFixed(2)}×)`)],
    ["Served after the client gave up", "Wasted", (r) => r.wasted.toLocaleString("en")],
    ["Most attempts in 10 ms", "Peak/10 ms", (r) => String(r.peakPer10ms)],
    ["Over 10% of attempts failing", "Failing", failing],
  ];
  const wrap = scrollRegion("pt-table-wrap", "Results with and without retries");
  wrap.innerHTML =
    `<table class="pt-table${compact ? " pt-compact" : ""}"><caption>Ten seconds of traffic, the same requests both ways.</caption>` +
    `<thead><tr><th scope="col">Measure</th><th scope="col">${name}</th><th scope="col">${compact ? "None" : "No retries"}</th></tr></thead><tbody>` +
    rows.map(([label, short, get]) => `<tr><th scope="row">${compact ? short : label}</th><td>${get(chosen)}</td><td>${get(baseline)}</td></tr>`).join("") +
    `</tbody></table>`;
  return wrap;
}

export function setUpRetry(): void {
  setUpSimulations("retry", (values, compact) => {
    const policy = (values.policy ?? "jitter") as RetryPolicy;
    const budget = values.budget === "on";
    const trigger = (values.trigger ?? "spike") as Trigger;
    const common = { trigger, queueLimit: num(values, "queue", 500), seed: num(values, "seed", 1) };
    const chosen = runRetry({ ...common, policy, budget });
    const baseline = runRetry({ ...common, policy: "never", budget: false });
    const name = `${POLICY_TEXT[policy]}${budget && policy !== "never" ? ", budget" : ""}`;
    const at = (rates: readonly number[]) => rates.map((y, i) => ({ x: i * RETRY_SETUP.binS, y }));
    const capacity = RETRY_SETUP.capacityPerS;
    const yMax = Math.min(6000, Math.max(capacity * 2, ...chosen.attemptRate)) * 1.05;
    const drawing = document.createElement("div");
    drawing.append(
      table(chosen, baseline, compact ? "Chosen" : name, trigger === "restart", compact),
      drawChart({
        title: "Attempts reaching the server and successful responses per second, in 100 ms windows",
        compact,
        xLabel: trigger === "spike" ? "time (s); the spike runs from 2 s to 3 s" : "time (s); the server is down from 2 s to 2.5 s",
        yLabel: "per second",
        xMax: RETRY_SETUP.durationS,
        yMax,
        formatY: (y) => String(Math.round(y)),
        series: [
          { name: "attempts", className: "sim-c2", step: true, points: at(chosen.attemptRate) },
          { name: "successes", className: "sim-c1", step: true, points: at(chosen.goodput) },
          { name: "capacity", className: "sim-c3", points: [{ x: 0, y: capacity }, { x: RETRY_SETUP.durationS, y: capacity }] },
        ],
        bands: [{ from: RETRY_SETUP.triggerAtS, to: RETRY_SETUP.triggerAtS + (trigger === "spike" ? RETRY_SETUP.spikeS : RETRY_SETUP.downS), className: "sim-band" }],
      }),
    );
    const collapsed = chosen.failingUntilS !== null && chosen.failingUntilS >= RETRY_SETUP.durationS - 0.2;
    const summary =
      `With ${name}, ${chosen.succeeded.toLocaleString("en")} of ${chosen.requests.toLocaleString("en")} requests succeed ` +
      `(<strong>${baseline.succeeded.toLocaleString("en")}</strong> without retries), for <strong>${(chosen.attempts / chosen.requests).toFixed(2)}</strong> attempts per request. ` +
      (collapsed
        ? "<strong>The server never recovers</strong>: the trigger is long gone, but retries keep it overloaded."
        : `Failures stop ${failing(chosen)}.`);
    return { summary, drawing };
  });
}
