import { num, setUpSimulations } from "#site/components/sim-client.ts";
import { markEvent } from "#site/components/sim-timeline.ts";
import { s } from "./client.ts";
import { runCache, type CacheOutcome } from "./cache.ts";

const HORIZON_S = 400;
const SHORT_TEXT: Record<CacheOutcome, string> = {
  miss: "miss: 200",
  "fresh-hit": "fresh hit",
  revalidated: "304",
  refetched: "200 again",
};
const OUTCOME_TEXT: Record<CacheOutcome, string> = {
  miss: "miss: 200, full body",
  "fresh-hit": "fresh: served from cache, no request",
  revalidated: "stale: 304 Not Modified",
  refetched: "stale: 200, full body again",
};

export function setUpCache(): void {
  setUpSimulations("cache", (values, compact) => {
    const maxAgeS = num(values, "maxage", 60);
    const every = num(values, "every", 45);
    const change = values.change === "never" ? null : num(values, "change", 200);
    const etag = values.etag !== "off";
    const times: number[] = [];
    for (let t = 0; t <= HORIZON_S - 20; t += every) times.push(t);
    const result = runCache({ maxAgeS, changeAtS: change, requestTimesS: times, etag });

    const width = compact ? 400 : 660;
    const left = 16;
    const right = 16;
    const X = (t: number) => left + (t / HORIZON_S) * (width - left - right);
    const rowH = compact ? 22 : 20;
    const top = 46;
    const height = top + result.events.length * rowH + 40;
    const title = "Timeline: each request to the cache, whether it was fresh, revalidated or fetched again";
    const root = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "sim-svg http-cache", role: "img", "aria-label": title });
    root.append(s("title", {}, title));
    // Freshness windows: from each full or 304 response, max-age seconds.
    result.events.forEach((e, i) => {
      if (e.status === null) return;
      // Part of page view i's event in the timeline control (group v<i>), as its response starts the window.
      const fresh = s("rect", { x: X(e.t), y: top - 10, width: Math.max(0, X(Math.min(HORIZON_S, e.t + maxAgeS)) - X(e.t)), height: result.events.length * rowH + 6, class: "cache-fresh" }, s("title", {}, `fresh from ${e.t} s to ${e.t + maxAgeS} s`));
      markEvent(fresh, e.t * 1000, null, `v${i}`);
      root.append(fresh);
    });
    if (change !== null) {
      root.append(s("line", { x1: X(change), x2: X(change), y1: top - 14, y2: top + result.events.length * rowH, class: "cache-change" }));
      root.append(s("text", { x: X(change) + 4, y: top - 16, class: "sim-small cache-change-label" }, `origin changes: ETag "v1" → "v2"`));
    }
    root.append(s("text", { x: left, y: 16, class: "sim-small" }, `shaded: the stored response is fresh (max-age=${maxAgeS})`));
    result.events.forEach((e, i) => {
      const y = top + i * rowH;
      const x = X(e.t);
      const g = s("g", { class: `cache-${e.outcome}` });
      g.append(s("title", {}, `${e.t} s: ${OUTCOME_TEXT[e.outcome]}${e.conditional === null ? "" : ` (sent ${e.conditional})`}; ${e.bytes} bytes on the wire`));
      g.append(s("circle", { cx: x, cy: y, r: 5 }));
      const label = `${e.t} s: ${(compact ? SHORT_TEXT : OUTCOME_TEXT)[e.outcome]}${e.bytes > 0 ? `, ${(e.bytes / 1000).toFixed(1)} kB` : ""}`;
      const anchorRight = x > width * 0.55;
      g.append(s("text", { x: anchorRight ? x - 9 : x + 9, y: y + 4, class: "sim-small", "text-anchor": anchorRight ? "end" : "start" }, label));
      // Each page view is a step of the timeline control.
      markEvent(g, e.t * 1000, `${e.t} s: ${OUTCOME_TEXT[e.outcome]}${e.conditional === null ? "" : ` (sent ${e.conditional})`}; ${e.bytes} bytes on the wire`, `v${i}`);
      root.append(g);
    });
    const axisY = top + result.events.length * rowH + 8;
    root.append(s("line", { x1: left, x2: width - right, y1: axisY, y2: axisY, class: "sim-axis" }));
    for (let t = 0; t <= HORIZON_S; t += 50) root.append(s("text", { x: X(t), y: axisY + 15, class: "sim-small", "text-anchor": "middle" }, `${t} s`));
    const count = (o: CacheOutcome) => result.events.filter((e) => e.outcome === o).length;
    const stale = change !== null ? result.events.filter((e) => e.outcome === "fresh-hit" && e.t >= change).length : 0;
    const summary =
      `${result.events.length} page views: <strong>${count("fresh-hit")}</strong> served fresh from the cache, <strong>${count("revalidated")}</strong> revalidated with a 304, ` +
      `<strong>${count("miss") + count("refetched")}</strong> full downloads; <strong>${(result.bytesOnWire / 1000).toFixed(1)} kB</strong> on the wire in ${result.requests} requests.` +
      (stale > 0 ? ` ${stale} view${stale === 1 ? "" : "s"} showed the old version after it changed: fresh means "allowed to use", not "up to date".` : "");
    return { summary, drawing: root };
  }, { eventNoun: "page view" });
}
