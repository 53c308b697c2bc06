import type { SimView } from "#site/components/sim-client.ts";

/**
 * What a simulation shows while its run is not there yet: a recording that
 * loads (class edition; see replay.ts) or a run a worker computes (`text`).
 */
export function pendingView(text = "Loading the recorded run…"): SimView {
  const drawing = document.createElement("p");
  drawing.className = "sim-pending";
  drawing.textContent = text;
  return { summary: text, drawing };
}
