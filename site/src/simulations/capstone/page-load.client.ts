/** The page-load simulation in the browser: read the controls, run the model, draw. */
import { durationOf, runPageLoad, type DnsCache, type HttpCache, type Protocol, type TlsMode } from "./model.ts";
import { drawWaterfall, layerTable } from "./waterfall.ts";
import { formatMs, num, setUp } from "./wiring.ts";

export function setUpPageLoad(): void {
  setUp("page-load", (values, width) => {
    const serverRttMs = num(values, "serverRtt", 50);
    const resolverRttMs = num(values, "resolverRtt", 10);
    const bandwidthMbps = num(values, "bandwidth", 20);
    const loss = num(values, "loss", 0);
    const seed = Math.max(1, Math.min(9999, Math.round(num(values, "seed", 1))));
    const result = runPageLoad({
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
