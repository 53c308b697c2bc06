import { scrollRegion, setUpSimulations, type SimView } from "#site/components/sim-client.ts";
import { markEvent } from "#site/components/sim-timeline.ts";
import { pendingView } from "#site/simulations/recorded/pending.ts";
import type { DnssecResult } from "./dnssec.ts";
import { BREAKAGES } from "./dnssec-controls.ts";
import { runDnssecView } from "./dnssec.model.ts";
const EDE_NAMES: Record<number, string> = { 6: "DNSSEC Bogus", 7: "Signature Expired", 12: "NSEC Missing" };

export function setUpDnssec(): void {
  setUpSimulations("dnssec", (values) => {
    const result = runDnssecView({
      target: values.target === "nope" ? "nope" : "www",
      breakage: BREAKAGES.find(([b]) => b === values.breakage)?.[0] ?? "none",
      validating: values.validating !== "no",
    });
    return result === undefined ? pendingView() : render(result);
  }, { eventNoun: "query" });
}

function render(result: DnssecResult): SimView {
  const rows = result.steps
    .map((s, i) => {
      const mark = s.ok === undefined ? "not checked" : s.ok ? "✓ " + s.check : "✗ bogus: " + s.check;
      return (
        `<tr class="${s.ok === false ? "ds-bad" : ""}"><td>${s.sentMs.toFixed(0)} → ${s.answeredMs.toFixed(0)}</td>` +
        `<th scope="row">${i + 1}. ${s.question}<span class="ds-server">to ${s.server}</span></th><td>${s.bytes}</td>` +
        `<td class="ds-carried">${s.carried.map((c) => c.split(" ").pop()).join(", ")}</td><td class="ds-check">${mark}</td></tr>`
      );
    })
    .join("");
  const drawing = scrollRegion("pt-table-wrap", "The resolver's queries and checks");
  drawing.innerHTML =
    `<table class="pt-table ds-walk"><caption>Each query the resolver sends (cold cache), when it left and when the answer arrived (ms), the response's DNS payload in bytes, the record types it carried and the check the resolver made</caption>` +
    `<thead><tr><th scope="col">Time</th><th scope="col">Query, server</th><th scope="col">Bytes</th><th scope="col">Carried</th><th scope="col">Check</th></tr></thead>` +
    `<tbody>${rows}</tbody></table>`;
  // Each query is a step of the timeline control, at the time it left.
  drawing.querySelectorAll("tbody tr").forEach((row, i) => {
    const s = result.steps[i]!;
    const mark = s.ok === undefined ? "not checked" : s.ok ? `✓ ${s.check}` : `✗ bogus: ${s.check}`;
    markEvent(row, s.sentMs, `${s.question} to ${s.server}, sent at ${s.sentMs.toFixed(0)} ms, answered at ${s.answeredMs.toFixed(0)} ms; ${mark}`);
  });
  let summary: string;
  if (result.rcode === "SERVFAIL") {
    summary =
      `Validation failed at step ${(result.failedAt ?? 0) + 1}: the resolver stops there and answers the stub <strong>SERVFAIL</strong> ` +
      `(Extended DNS Error ${result.ede ?? 6}, ${EDE_NAMES[result.ede ?? 6] ?? ""}) at ${result.doneMs.toFixed(0)} ms. The stub gets no address at all.`;
  } else {
    const what = result.answer === undefined ? "NXDOMAIN, the name does not exist" : `NOERROR, ${result.answer}`;
    summary = result.ad
      ? `Every link held: the stub gets <strong>${what}</strong> with <strong>AD=1</strong> at ${result.doneMs.toFixed(0)} ms, after ${result.steps.length} queries.`
      : `The stub gets <strong>${what}</strong> with <strong>AD=0</strong> at ${result.doneMs.toFixed(0)} ms: nothing was checked, so a broken or forged answer passes just the same.`;
  }
  return { summary, drawing };
}
