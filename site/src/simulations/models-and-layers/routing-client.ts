/**
 * Longest-prefix match, explained bit by bit, and the packet's path through a
 * small runtime Network with its TTL at every hop. The runs come from
 * routing.model.ts: live in the self-paced edition, recorded in the class
 * edition (routing.recorded.ts).
 */
import { h, need } from "./dom.ts";
import { readAddress, toBinary, type Forwarding, type RouteCheck, type RouteLookupResult } from "./routing-controls.ts";
import { lookUpRoute } from "./routing.model.ts";
import { formatIpv4Address, parseIpv4Address } from "#runtime/wire/address.ts";

const REASONS: Record<string, string> = {
  "ttl-expired": "its TTL ran out (a real router would send ICMP Time Exceeded back)",
  "no-route": "the router has no route that matches (a real router would send ICMP Destination Unreachable)",
  "wrong-host": "no host on that network owns the address (on a real LAN, ARP would get no answer)",
  "no-listener": "nothing listens on the port",
  mtu: "it is larger than the link's MTU",
};

export function mountRouting(root: HTMLElement): void {
  const form = need<HTMLFormElement>(root, "form");
  const input = need<HTMLInputElement>(root, "[data-destination]");
  const pick = need<HTMLSelectElement>(root, "[data-pick]");
  // A number input in the live edition, a select of the recorded TTLs in the class edition.
  const ttlInput = need<HTMLInputElement | HTMLSelectElement>(root, "[data-ttl]");
  const error = need<HTMLElement>(root, "[data-error]");
  const summary = need<HTMLElement>(root, "[data-sim-summary]");
  const output = need<HTMLElement>(root, "[data-sim-output]");
  // Counts finished redraws, so a test can wait for the one a control change caused (as sim-client.ts does).
  let renders = 0;

  const show = (address: number, ttl: number) => {
    let result: RouteLookupResult | undefined;
    try {
      result = lookUpRoute({ destination: address, ttl });
    } catch (failure) {
      // The class edition has runs only for the listed destinations (routing.recorded.ts).
      summary.textContent = failure instanceof Error ? failure.message : String(failure);
      output.replaceChildren();
      return;
    }
    if (result === undefined) {
      summary.textContent = "Loading the recorded run…";
      return;
    }
    const { checks, chosen, forwarding } = result;
    const matching = checks.filter((c) => c.matches);
    const best = checks.find((c) => c.chosen);
    const o = forwarding.outcome;
    summary.textContent =
      (best === undefined ? "No route matches at the edge router" : `The edge router forwards to ${chosen} by ${best.cidr}`) +
      (o.kind === "delivered" ? `; delivered to ${o.node} after ${forwarding.hops.length} links.` : `; dropped at ${o.where} (${o.reason}) after ${forwarding.hops.length} links.`);
    output.replaceChildren(
      h("h4", {}, "The edge router's lookup"),
      h("p", { class: "ml-bits ml-scroll" }, `${formatIpv4Address(address)} = `, toBinary(address)),
      h(
        "div",
        { class: "ml-table-wrap" },
        h(
          "table",
          { class: "ml-table" },
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Route"), h("th", { scope: "col" }, "Next hop"), h("th", { scope: "col" }, "Match?"), h("th", { scope: "col" }, "Prefix bits the address must share"))),
          h("tbody", {}, ...checks.map(routeRow)),
        ),
      ),
      h(
        "p",
        { class: "ml-outcome" },
        best === undefined
          ? "No route matches: the router drops the packet."
          : `${matching.length} of ${checks.length} routes match; the longest prefix, /${best.prefixLength} (${best.cidr}), wins: forward to ${chosen}.`,
      ),
      h("h4", {}, `Hop by hop, starting with TTL ${ttl}`),
      hopTable(forwarding),
    );
    drawPath(root, forwarding);
  };

  const render = () => {
    const address = readAddress(input.value);
    const ttl = Math.max(1, Math.min(255, Math.round(Number(ttlInput.value) || 64)));
    if (typeof address === "string") {
      error.textContent = address;
      summary.textContent = `Not an address: ${address}`;
    } else {
      error.textContent = "";
      show(address, ttl);
    }
    root.dataset.renders = String(++renders);
  };

  // One listener for every control, and for the redraw a recording that arrives asks for (replay.ts).
  const onControl = (event: Event) => {
    if (event.target === input) pick.value = [...pick.options].some((o) => o.value === input.value.trim()) ? input.value.trim() : "";
    if (event.target === pick && pick.value !== "") input.value = pick.value;
    render();
  };
  form.addEventListener("input", onControl);
  form.addEventListener("change", onControl);
  render();
}

function bitsOf(address: number, keep: number, mismatchAt: number | undefined): HTMLElement {
  const bits = toBinary(address);
  const span = h("span", { class: "ml-bits" });
  let bit = 0;
  for (const ch of bits) {
    if (ch === ".") {
      span.append(".");
      continue;
    }
    const cls = bit === mismatchAt ? "ml-diff" : bit < keep ? "ml-net" : undefined;
    span.append(bit < keep ? h("span", { class: cls }, ch) : h("span", { class: "ml-muted" }, "·"));
    bit++;
  }
  return span;
}

function routeRow(c: RouteCheck): HTMLElement {
  const network = parseIpv4Address(c.cidr.split("/")[0]!);
  const mismatch = c.matches ? undefined : c.commonBits;
  return h(
    "tr",
    { class: c.chosen ? "ml-row-chosen" : c.matches ? undefined : "ml-row-nomatch" },
    h("td", { class: "ml-mono" }, c.cidr),
    h("td", {}, c.via),
    h("td", {}, c.chosen ? "yes, longest ✓" : c.matches ? "yes" : `no: bit ${c.commonBits + 1} differs`),
    h("td", {}, c.prefixLength === 0 ? h("span", { class: "ml-muted" }, "none: /0 matches everything") : bitsOf(network, c.prefixLength, mismatch)),
  );
}

function hopTable(result: Forwarding): HTMLElement {
  const initialTtl = result.hops[0]?.ttl ?? 64;
  const rows = result.hops.map((hop, i) =>
    h(
      "tr",
      {},
      h("td", { class: "ml-num" }, i + 1),
      h("td", {}, `${hop.from} → ${hop.to}`),
      h("td", { class: "ml-mono" }, hop.route),
      h("td", { class: "ml-num" }, hop.ttl, h("span", { class: "ml-ttl-bar", style: `width:${Math.max(2, Math.round((48 * hop.ttl) / initialTtl))}px`, "aria-hidden": "true" })),
      h("td", { class: "ml-num" }, hop.timeMs.toFixed(3)),
    ),
  );
  // A loop makes dozens of identical rows: keep the first and last few.
  const shown = rows.length > 12 ? [...rows.slice(0, 7), h("tr", {}, h("td", { colspan: 5, class: "ml-muted" }, `… ${rows.length - 10} more hops round the same loop …`)), ...rows.slice(-3)] : rows;
  const o = result.outcome;
  const outcome =
    o.kind === "delivered"
      ? h("p", { class: "ml-outcome ml-ok" }, `Delivered to ${o.node} at ${o.timeMs.toFixed(3)} ms after ${result.hops.length} links.`)
      : h("p", { class: "ml-outcome ml-bad" }, `Dropped at ${o.where} at ${o.timeMs.toFixed(3)} ms: ${REASONS[o.reason] ?? o.reason}.`);
  return h(
    "div",
    {},
    h(
      "div",
      { class: "ml-table-wrap" },
      h(
        "table",
        { class: "ml-table" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "#"), h("th", { scope: "col" }, "Link"), h("th", { scope: "col" }, "Route used"), h("th", { scope: "col" }, "TTL"), h("th", { scope: "col" }, "Sent at (ms)"))),
        h("tbody", {}, ...shown),
      ),
    ),
    outcome,
  );
}

/** Lights up the links the packet crossed and marks where it ended. */
function drawPath(root: HTMLElement, result: Forwarding): void {
  const used = new Set(result.hops.map((hop) => [hop.from, hop.to].sort().join("|")));
  for (const line of root.querySelectorAll<SVGLineElement>("[data-topology] line")) {
    line.classList.toggle("ml-on", used.has(line.dataset.link ?? ""));
  }
  const end = result.outcome.kind === "delivered" ? result.outcome.node : result.outcome.where;
  for (const node of root.querySelectorAll<SVGGElement>("[data-topology] [data-node]")) {
    node.classList.toggle("ml-end-ok", result.outcome.kind === "delivered" && node.dataset.node === end);
    node.classList.toggle("ml-end-bad", result.outcome.kind === "dropped" && node.dataset.node === end);
  }
}
