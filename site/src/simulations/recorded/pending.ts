import type { SimView } from "#site/components/sim-client.ts";

/** What a recorded simulation shows while its recording loads (class edition; see replay.ts). */
export function pendingView(): SimView {
  const drawing = document.createElement("p");
  drawing.textContent = "Loading the recorded run…";
  return { summary: "Loading the recorded run…", drawing };
}
