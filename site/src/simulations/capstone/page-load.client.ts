/** The page-load simulation in the browser: read the controls, run the model (or replay its recording), draw. */
import { pendingView } from "#site/simulations/recorded/pending.ts";
import type { DnsCache, HttpCache, Protocol, TlsMode } from "./model.ts";
import { runPageLoadView } from "./page-load.model.ts";
import { durationOf } from "./phases.ts";
import { drawWaterfall, layerTable } from "./waterfall.ts";
import { formatMs, num, setUp } from "./wiring.ts";

export function setUpPageLoad(): void {
  setUp("capstone-page-load", (values, width) => {
    const serverRttMs = num(values, "serverRtt", 50);
    const resolverRttMs = num(values, "resolverRtt", 10);
    const bandwidthMbps = num(values, "bandwidth", 20);
    const loss = num(values, "loss", 0);
    const seed = Math.max(1, Math.min(9999, Math.round(num(values, "seed", 1))));
    const result = runPageLoadView({
      serverRttMs,
      resolverRttMs,
      bandwidthMbps,
      loss,
      dns: (values.dns ?? "none") as DnsCache,
      tls: (values.tls ?? "full") as TlsMode,
      protocol: (values.protocol ?? "h2") as Protocol,
      httpCache: (values.httpCache ?? "empty") as HttpCache,
      seed,
    });
    if (result === undefined) return pendingView();
    const setupKeys = ["dns", "tcp", "tls", "quic"] as const;
    const setup = setupKeys.reduce((sum, key) => sum + durationOf(result, key), 0);
    const html = result.resources[0]!;
    const caption = `server RTT ${serverRttMs} ms · resolver RTT ${resolverRttMs} ms · ${bandwidthMbps} Mb/s · loss ${(loss * 100).toFixed(0)}% · seed ${seed}`;
    const wrap = document.createElement("div");
    wrap.append(drawWaterfall(result, width, caption), layerTable(result));
    const summary =
      `<strong>First paint at ${formatMs(result.firstPaintMs)}</strong>, every file had arrived by <strong>${formatMs(result.loadMs)}</strong>. ` +
      `The name lookup and handshakes took ${formatMs(setup)} (${(setup / serverRttMs).toFixed(1)} server round trips' worth); ` +
      `the first byte of HTML arrived at ${formatMs(html.firstByteMs)}.`;
    return { summary, drawing: wrap };
  });
}
