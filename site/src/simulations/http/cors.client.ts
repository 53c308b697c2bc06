import { scrollRegion, setUpSimulations, type SimView } from "#site/components/sim-client.ts";
import { markEvent } from "#site/components/sim-timeline.ts";
import { runCors, type ContentType, type Credentials, type CorsResult, type ExtraHeader, type Method, type Policy, type SameSite, type Target } from "./cors.ts";

const pick = <T extends string>(options: readonly T[], value: string | undefined, fallback: T): T => options.find((o) => o === value) ?? fallback;
const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

export function setUpCors(): void {
  setUpSimulations("cors", (v) =>
    render(
      runCors({
        method: pick<Method>(["GET", "POST", "PUT", "DELETE"], v.method, "GET"),
        contentType: pick<ContentType>(["none", "text/plain", "application/x-www-form-urlencoded", "application/json"], v.contentType, "none"),
        header: pick<ExtraHeader>(["none", "authorization", "x-requested-with"], v.header, "none"),
        credentials: pick<Credentials>(["omit", "same-origin", "include"], v.credentials, "same-origin"),
        target: pick<Target>(["same-origin", "same-site", "cross-site"], v.target, "cross-site"),
        sameSite: pick<SameSite>(["Strict", "Lax", "None"], v.sameSite, "Lax"),
        policy: pick<Policy>(["none", "wildcard", "origin", "origin-credentials"], v.policy, "origin"),
        maxAge: v.maxAge === "600" ? 600 : undefined,
      }),
    ),
    { eventNoun: "message" },
  );
}

function render(r: CorsResult): SimView {
  const rows = r.messages
    .map(
      (m) =>
        `<tr><td>${m.sentMs.toFixed(0)} → ${m.arrivedMs === undefined ? "–" : m.arrivedMs.toFixed(0)}</td>` +
        `<th scope="row">${m.dir === "request" ? "→ request" : "← response"}</th>` +
        `<td><pre>${escape(m.text)}</pre></td><td class="cors-note">${escape(m.note)}</td></tr>`,
    )
    .join("");
  const drawing = scrollRegion("pt-table-wrap", "Messages on the wire");
  drawing.innerHTML =
    `<table class="pt-table cors-wire"><caption>Every HTTP message for both fetches, with when it left and when it arrived (ms; the second fetch starts at 10,000), its start line and headers, and what it means</caption>` +
    `<thead><tr><th scope="col">Time</th><th scope="col">Way</th><th scope="col">Message</th><th scope="col">Meaning</th></tr></thead>` +
    `<tbody>${rows}</tbody></table>`;
  // Each message is a step of the timeline control, at the time it left.
  drawing.querySelectorAll("tbody tr").forEach((row, i) => {
    const m = r.messages[i]!;
    const start = m.text.split(/\r?\n/)[0] ?? "";
    markEvent(row, m.sentMs, `${m.dir} ${start}, sent at ${m.sentMs.toFixed(0)} ms${m.arrivedMs === undefined ? ", not delivered" : `, arrives at ${m.arrivedMs.toFixed(0)} ms`}: ${m.note}`);
  });
  const say = (n: number) => {
    const f = r.fetches[n]!;
    const pre = f.preflight === "not needed" ? "no preflight" : f.preflight === "cached" ? "preflight answered from the cache" : "a preflight";
    return `fetch ${n + 1}: ${pre}, ${f.requestSent ? `request sent ${f.cookieSent ? "with" : "without"} the cookie` : "request <strong>not sent</strong>"}, response <strong>${f.exposed ? "exposed" : "hidden"}</strong> (${escape(f.reason)}) after ${f.doneMs.toFixed(0)} ms`;
  };
  const unsafe = r.unsafeHeaders.length > 0 ? ` Headers that are not safelisted: ${r.unsafeHeaders.join(", ")}.` : "";
  const summary = `${r.crossOrigin ? "Cross-origin." : "Same origin: CORS does not apply."}${unsafe} ${say(0)}; ${say(1)}.`;
  return { summary, drawing };
}
