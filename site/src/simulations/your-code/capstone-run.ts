/**
 * "Use my completed labs" on the capstone's page load (PageLoadSim.astro):
 * runs the learner's code of every completed lab among dns, tcp, hpack and
 * congestion, one lab after another, each in a sandbox worker of its own
 * (run.ts runLab), under the page load's controls; draws the page load with
 * the phases their runs measured (capstone-labs.ts) and the built-in model's
 * for the rest, and a legend that says which phase came from where.
 *
 * The built-in result is the one the left side draws: the live model in the
 * self-paced edition, the recording in the class edition (page-load.model.ts
 * resolves to page-load.recorded.ts there), so the switch works in both.
 */
import type { Values } from "#site/components/sim-client.ts";
import type { PageLoadResult, PhaseKey } from "#site/simulations/capstone/model.ts";
import type { PageLoadControls } from "#site/simulations/capstone/page-load-controls.ts";
import type { DnsCache, HttpCache, Protocol, TlsMode } from "#site/simulations/capstone/model.ts";
import { runPageLoadView } from "#site/simulations/capstone/page-load.model.ts";
import { drawWaterfall } from "#site/simulations/capstone/waterfall.ts";
import { formatMs, num } from "#site/simulations/capstone/wiring.ts";
import { loadProgress } from "#site/progress/store.ts";
import type { BulkResult } from "#labs/congestion/scenarios.ts";
import type { ResolveResult } from "#labs/dns/scenarios.ts";
import type { EncodeStep } from "#labs/hpack/scenarios.ts";
import type { PairResult } from "#labs/tcp/scenarios.ts";
import {
  COMPLETED_RULE,
  congestionMeasure,
  congestionPlan,
  dnsMeasure,
  dnsPlan,
  hpackMeasure,
  hpackPlan,
  isCompleted,
  labelMine,
  PAGE_LOAD_LABS,
  PHASE_OF,
  tcpMeasure,
  tcpPlan,
  withDelivery,
  withMeasured,
  type Delivery,
  type Measured,
  type PageLoadLab,
  type Plan,
} from "./capstone-labs.ts";
import { runLab, type LabRef } from "./run.ts";
import { escapeHtml, type YourCodeView } from "./types.ts";

/** The page load's controls as page-load.client.ts reads them. */
export function controlsOf(values: Values): PageLoadControls {
  return {
    serverRttMs: num(values, "serverRtt", 50),
    resolverRttMs: num(values, "resolverRtt", 10),
    bandwidthMbps: num(values, "bandwidth", 20),
    loss: num(values, "loss", 0),
    dns: (values.dns ?? "none") as DnsCache,
    tls: (values.tls ?? "full") as TlsMode,
    protocol: (values.protocol ?? "h2") as Protocol,
    httpCache: (values.httpCache ?? "empty") as HttpCache,
    seed: Math.max(1, Math.min(9999, Math.round(num(values, "seed", 1)))),
  };
}

/** The built-in run (the class edition's recording may still be on its way: wait for it). */
async function builtIn(controls: PageLoadControls): Promise<PageLoadResult> {
  for (let tries = 0; ; tries++) {
    const result = runPageLoadView(controls);
    if (result !== undefined) return result;
    if (tries > 100) throw new Error("the recorded page load did not arrive");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const PLANS: Record<PageLoadLab, (c: PageLoadControls) => Plan> = { dns: dnsPlan, tcp: tcpPlan, hpack: hpackPlan, congestion: congestionPlan };

/** What each lab gave: the phase put in place, or why the built-in model's phase stays. */
interface Part {
  readonly lab: LabRef;
  readonly kind: "yours" | "not-completed" | "not-used" | "fell-back";
  /** Escaped HTML. */
  readonly text: string;
}

export async function runYourLabs(labs: readonly LabRef[], values: Values, width: number, current: () => boolean = () => true): Promise<YourCodeView> {
  const controls = controlsOf(values);
  let result: PageLoadResult;
  try {
    result = await builtIn(controls);
  } catch (error) {
    return { kind: "message", summary: escapeHtml(`The built-in page load has nothing for these controls: ${error instanceof Error ? error.message : String(error)}`) };
  }
  const progress = loadProgress().labs;
  const parts: Part[] = [];
  const measured: Measured[] = [];
  let delivery: Delivery | undefined;
  for (const id of PAGE_LOAD_LABS) {
    const lab = labs.find((l) => l.id === id);
    if (lab === undefined) continue;
    if (!isCompleted(progress[id])) {
      parts.push({ lab, kind: "not-completed", text: `not completed yet: <a href="${escapeHtml(lab.href)}">open the ${escapeHtml(lab.title)} lab</a>` });
      continue;
    }
    const plan = PLANS[id](controls);
    if ("skip" in plan) {
      parts.push({ lab, kind: "not-used", text: `not used here: ${escapeHtml(plan.skip)}` });
      continue;
    }
    if (!current()) return { kind: "message", summary: "" };
    const run = await runLab(lab, plan.scenario, plan.input);
    if (!run.ok) {
      parts.push({ lab, kind: "fell-back", text: `the built-in model's phase, because: ${run.message}` });
      continue;
    }
    const got = measure(id, run.value, controls);
    if ("failed" in got) {
      parts.push({ lab, kind: "fell-back", text: `the built-in model's phase, because ${escapeHtml(got.failed)}` });
      continue;
    }
    if ("readableAfter" in got) delivery = got;
    else measured.push(got);
    parts.push({ lab, kind: "yours", text: escapeHtml(got.note) });
  }
  if (!current()) return { kind: "message", summary: "" };

  const builtInResult = result;
  const mine = new Set<PhaseKey>();
  for (const m of measured) {
    result = withMeasured(result, m);
    mine.add(m.key);
  }
  if (delivery !== undefined) {
    result = withDelivery(result, delivery, controls);
    mine.add("html").add("subresources");
  }
  const yours = parts.filter((p) => p.kind === "yours").length;
  const legend = legendOf(parts);
  if (yours === 0 && parts.every((p) => p.kind === "not-completed")) {
    return { kind: "message", summary: `None of the page load's labs is completed yet (completed: ${COMPLETED_RULE}). ${parts.map((p) => `${escapeHtml(PHASE_OF[p.lab.id as PageLoadLab])}: ${p.text}.`).join(" ")}` };
  }
  const caption = `server RTT ${controls.serverRttMs} ms · ${controls.bandwidthMbps} Mb/s · loss ${(controls.loss * 100).toFixed(0)}% · seed ${controls.seed}`;
  const wrap = document.createElement("div");
  wrap.append(drawWaterfall(labelMine(result, mine), Math.max(300, Math.min(900, Math.floor(width || 640))), caption), legend);
  const change = (mineMs: number, theirs: number) => (formatMs(mineMs) === formatMs(theirs) ? "the same as the built-in model" : `built-in ${formatMs(theirs)}`);
  const summary =
    `<strong>With your code: first paint at ${formatMs(result.firstPaintMs)}</strong> (${change(result.firstPaintMs, builtInResult.firstPaintMs)}), ` +
    `every file in by <strong>${formatMs(result.loadMs)}</strong> (${change(result.loadMs, builtInResult.loadMs)}). ` +
    `${yours === 0 ? "No phase came from your code for these controls: the legend says why." : `${yours} phase${yours === 1 ? "" : "s"} came from your code.`} ` +
    `A lab counts as completed with ${COMPLETED_RULE}.`;
  return { kind: "picture", summary, drawing: wrap };
}

function measure(id: PageLoadLab, value: unknown, c: PageLoadControls): Measured | Delivery | { readonly failed: string } {
  switch (id) {
    case "dns":
      return dnsMeasure(value as ResolveResult, c);
    case "tcp":
      return tcpMeasure(value as PairResult, c);
    case "hpack":
      return hpackMeasure(value as readonly EncodeStep[], c);
    case "congestion":
      return congestionMeasure(value as BulkResult, c);
  }
}

const KIND_TEXT: Record<Part["kind"], string> = { yours: "your code", "not-completed": "built-in", "not-used": "built-in", "fell-back": "built-in" };

/** One line per lab: the phase, whose it is, and why. */
function legendOf(parts: readonly Part[]): HTMLElement {
  const list = document.createElement("ul");
  list.className = "cap-yours";
  list.setAttribute("aria-label", "Which phases came from your labs");
  for (const part of parts) {
    const item = document.createElement("li");
    item.dataset.lab = part.lab.id;
    item.dataset.kind = part.kind;
    item.innerHTML = `<strong>${escapeHtml(PHASE_OF[part.lab.id as PageLoadLab])}</strong> (lab: ${escapeHtml(part.lab.title)}): <span class="cap-yours-${part.kind === "yours" ? "mine" : "builtin"}">${KIND_TEXT[part.kind]}</span>, ${part.text}.`;
    list.append(item);
  }
  return list;
}
