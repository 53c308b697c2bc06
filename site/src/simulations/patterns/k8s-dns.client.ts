import { num, scrollRegion, setUpSimulations } from "#site/components/sim-client.ts";
import { formatMs } from "../tcp-udp/svg.ts";
import { markEvent } from "#site/components/sim-timeline.ts";
import { resolveInPod } from "./k8s-dns.ts";

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

export function setUpK8sDns(): void {
  setUpSimulations("k8s-dns", (values, compact) => {
    const name = values.name ?? "api.example.com";
    const ndots = num(values, "ndots", 5);
    const options = { name, ndots, nodeSearch: values.node !== "no", warmCache: values.cache === "warm", seed: num(values, "seed", 1) };
    const r = resolveInPod(options);
    const resolvConf = document.createElement("pre");
    resolvConf.className = "pt-conf";
    resolvConf.setAttribute("aria-label", "The pod's /etc/resolv.conf");
    resolvConf.textContent = `nameserver 10.96.0.10\nsearch ${r.search.join(" ")}\noptions ndots:${ndots}`;
    const wrap = scrollRegion("pt-table-wrap", "Queries the pod sent");
    const body = r.queries
      .map((q, i) => {
        const answer = q.rcode === "NXDOMAIN" ? "NXDOMAIN" : (q.address ?? "no data");
        return (
          `<tr><td>${i + 1}</td><td class="pt-name">${escape(q.name).replace(/\./g, ".<wbr>")}</td><td>${q.type}</td><td>${answer}</td>` +
          `<td>${formatMs(q.answeredMs)}</td>${compact ? "" : `<td>${q.upstream ? "upstream" : "CoreDNS"}</td>`}</tr>`
        );
      })
      .join("");
    wrap.innerHTML =
      `<table class="pt-table${compact ? " pt-compact" : ""}"><caption>Queries for “${escape(name)}” in order. ` +
      `Answered: ms after the application asked; A and AAAA go out together for each name tried.</caption>` +
      `<thead><tr><th scope="col">#</th><th scope="col" class="pt-name">Name asked</th><th scope="col">Type</th><th scope="col">Answer</th>` +
      `<th scope="col">Answered</th>${compact ? "" : '<th scope="col">Answered by</th>'}</tr></thead><tbody>${body}</tbody></table>`;
    // Each query is a step of the timeline control, at the time it left.
    wrap.querySelectorAll("tbody tr").forEach((row, i) => {
      const q = r.queries[i]!;
      markEvent(row, q.sentMs, `${q.name} ${q.type}, sent at ${formatMs(q.sentMs)}: ${q.rcode === "NXDOMAIN" ? "NXDOMAIN" : (q.address ?? "no data")} at ${formatMs(q.answeredMs)} from ${q.upstream ? "upstream" : "CoreDNS"}`);
    });
    const drawing = document.createElement("div");
    drawing.append(resolvConf, wrap);
    const failed = r.queries.filter((q) => q.rcode === "NXDOMAIN").length;
    const upstream = r.queries.filter((q) => q.upstream).length;
    const outcome =
      r.address === null
        ? `every name failed, and the application gets an error after <strong>${formatMs(r.totalMs)}</strong>`
        : `the application gets <strong>${r.address}</strong> after <strong>${formatMs(r.totalMs)}</strong>`;
    const summary =
      `<strong>${r.queries.length}</strong> queries (${r.bytesSent} bytes of DNS), <strong>${failed}</strong> of them NXDOMAIN, ` +
      `${upstream} sent on upstream by CoreDNS; ${outcome}.`;
    return { summary, drawing };
  }, { eventNoun: "query" });
}
