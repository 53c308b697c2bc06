/**
 * "Use my code" for the DNS resolution simulation: the learner's Resolver,
 * through the dns lab's `resolve` scenario (labs/dns/harness.ts, network.ts),
 * asked the chapter's question against the chapter's three servers (root,
 * .com, example.com: the data of ../dns/zones.ts written as the lab's zone
 * lines), with the chapter's seed for its random IDs and ports.
 *
 * The lab's network is not the chapter's: every server is 10 ms away each way
 * and the resolver is asked directly (no stub), so the delay sliders change only
 * the built-in side; each run is one lookup by a new Resolver, so the session
 * buttons (Resolve again, the clock, Empty the cache) do too. The lab's servers
 * hold A, NS, CNAME, SOA and TXT records only (labs/dns/scenarios.ts), so the
 * AAAA and MX questions have nothing to run. EDNS(0) off makes the example.com
 * server truncate its UDP answers for the pool lookup, whose 36 addresses
 * exceed the 512 bytes of RFC 1035 §4.2.1, as the built-in side does.
 */
import type { QueryView, ResolveInput, ResolveResult, ServerSpec } from "#labs/dns/scenarios.ts";
import { server } from "#labs/dns/world.ts";
import { num } from "#site/components/sim-client.ts";
import { LANE_TITLES, LOOKUPS, type Lane } from "#site/simulations/dns/resolver-controls.ts";
import { s } from "#site/simulations/dns/dom.ts";
import { rcodeName, TYPE, typeName } from "#runtime/wire/dns-names.ts";
import { escapeHtml, type Driver } from "./types.ts";

/** The lab network's one-way delay to every server (labs/dns/network.ts ONE_WAY_MS). */
export const HARNESS_ONE_WAY_MS = 10;

export const ROOT_ADDRESS = "198.41.0.4";
export const COM_ADDRESS = "192.5.6.30";
export const EXAMPLE_ADDRESS = "203.0.113.53";
const SERIAL = 2026112101;
/** pool.example.com's addresses (zones.ts POOL_SIZE). */
const POOL = 36;

/** The chapter's zones (../dns/zones.ts) less its AAAA and MX records, which the lab's servers cannot hold. */
export function chapterServers(poolTruncates: boolean): ServerSpec[] {
  return [
    server(ROOT_ADDRESS, {
      ".": [`. 86400 SOA a.root-servers.net nstld.verisign-grs.com ${SERIAL} 7200 3600 1209600 86400`, "com 172800 NS a.gtld-servers.net", `a.gtld-servers.net 172800 A ${COM_ADDRESS}`],
    }),
    server(COM_ADDRESS, {
      com: [`com 900 SOA a.gtld-servers.net nstld.verisign-grs.com ${SERIAL} 7200 3600 1209600 86400`, "example.com 86400 NS ns1.example.com", `ns1.example.com 86400 A ${EXAMPLE_ADDRESS}`],
    }),
    server(
      EXAMPLE_ADDRESS,
      {
        "example.com": [
          `example.com 3600 SOA ns1.example.com hostmaster.example.com ${SERIAL} 7200 3600 1209600 300`,
          "example.com 86400 NS ns1.example.com",
          "example.com 3600 TXT v=spf1 mx -all",
          `ns1.example.com 86400 A ${EXAMPLE_ADDRESS}`,
          "mail.example.com 3600 A 203.0.113.25",
          "www.example.com 300 A 203.0.113.10",
          "shop.example.com 3600 CNAME store.example.com",
          "store.example.com 1800 CNAME lb.example.com",
          "lb.example.com 60 A 203.0.113.20",
          "lb.example.com 60 A 203.0.113.21",
          ...Array.from({ length: POOL }, (_, i) => `pool.example.com 60 A 198.51.100.${i + 1}`),
        ],
      },
      poolTruncates ? "truncate" : undefined,
    ),
  ];
}

const LANE_OF: Record<string, Lane> = { [ROOT_ADDRESS]: "root", [COM_ADDRESS]: "tld", [EXAMPLE_ADDRESS]: "auth" };
const LANES = ["resolver", "root", "tld", "auth"] as const satisfies readonly Lane[];
const HEADINGS: Record<(typeof LANES)[number], readonly [string, string]> = {
  resolver: ["your", "resolver"],
  root: ["root", "server"],
  tld: [".com", "server"],
  auth: ["example.com", "server"],
};

/** The lookups the lab's servers can answer as the chapter's do. */
const RUNNABLE = new Set(["www-a", "shop", "pool", "nosuch"]);

const FOLLOWS =
  "Your run follows <em>Look up</em>, <em>Seed</em> (your random IDs and ports) and, for the pool lookup, <em>EDNS(0)</em>. " +
  `The lab's servers are ${HARNESS_ONE_WAY_MS} ms away each way and your Resolver is asked directly, new and with an empty cache, so the delays and the buttons change only the built-in model.`;

export const dnsDriver: Driver = {
  input(values) {
    const lookup = LOOKUPS.find((l) => l.id === values.lookup) ?? LOOKUPS[0];
    if (!RUNNABLE.has(lookup.id)) {
      return { message: `The dns lab's servers hold A, NS, CNAME, SOA and TXT records only, so they cannot answer ${lookup.label}: choose an A lookup (www, shop, pool or nosuch) to see your Resolver at work.` };
    }
    const input: ResolveInput = {
      roots: [ROOT_ADDRESS],
      servers: chapterServers(lookup.id === "pool" && values.edns !== "on"),
      lookups: [{ name: lookup.name, type: lookup.type, atMs: 0 }],
      seed: Math.floor(num(values, "seed", 1)),
    };
    return { scenario: "resolve", input };
  },

  view(value, values, compact) {
    const result = value as ResolveResult;
    const lookup = LOOKUPS.find((l) => l.id === values.lookup) ?? LOOKUPS[0];
    const truncating = lookup.id === "pool" && values.edns !== "on";
    const summary = `${describeResolve(result, `${lookup.name} ${typeName(lookup.type)}`, lookup.type, truncating)} ${FOLLOWS}`;
    if (result.queries.length === 0) return { kind: "message", summary };
    return { kind: "picture", summary, drawing: drawQueries(result, lookup.name, lookup.type, truncating, compact) };
  },
};

/** One row of the picture: a query, the server's reply to it, or the resolver's answer. */
interface Row {
  readonly t: number;
  readonly from: Lane;
  readonly to: Lane;
  readonly label: string;
  readonly title: string;
  readonly cls: string;
}

const fmtMs = (value: number) => `${Number.isInteger(value) ? value : value.toFixed(1)} ms`;

/** Whether a server of this world answers `q` with TC=1 and no records (labs/dns/servers.ts `truncate`). */
const truncated = (q: QueryView, truncating: boolean) => truncating && !q.tcp && q.to === EXAMPLE_ADDRESS;

export function rowsOf(result: ResolveResult, truncating: boolean): Row[] {
  const rows: Row[] = [];
  for (const q of result.queries) {
    const lane = LANE_OF[q.to];
    if (lane === undefined) continue;
    const transport = q.tcp ? "TCP" : "UDP";
    const question = `${q.name} ${typeName(q.type)}`;
    const edns = q.udpSize === null ? "no EDNS(0)" : `EDNS(0) ${q.udpSize} bytes`;
    rows.push({
      t: q.atMs,
      from: "resolver",
      to: lane,
      label: `${question}?`,
      title: `your resolver → ${LANE_TITLES[lane]} over ${transport}: ${question}? ID ${q.id}, from port ${q.fromPort}, ${edns}, sent at +${fmtMs(q.atMs)}`,
      cls: `sim-packet dns-${transport.toLowerCase()}`,
    });
    if (q.name === "(no question)") continue;
    const tc = truncated(q, truncating);
    const label = tc ? "TC=1, no records" : "reply";
    rows.push({
      t: q.atMs + HARNESS_ONE_WAY_MS,
      from: lane,
      to: "resolver",
      label,
      title: `${LANE_TITLES[lane]} → your resolver over ${transport}: ${label} to ${question}, arrived at +${fmtMs(q.atMs + 2 * HARNESS_ONE_WAY_MS)}`,
      cls: `sim-packet dns-${transport.toLowerCase()}${tc ? " dns-tc" : ""}`,
    });
  }
  return rows.sort((a, b) => a.t - b.t);
}

/** One arrow per message, one row each, as the built-in drawing has them (the stub's lane left out). */
function drawQueries(result: ResolveResult, name: string, type: number, truncating: boolean, compact: boolean): SVGElement {
  const rows = rowsOf(result, truncating);
  const width = compact ? 360 : 640;
  const left = compact ? 60 : 76;
  const right = compact ? 40 : 56;
  const laneX = (lane: Lane) => left + ((width - left - right) * LANES.indexOf(lane as (typeof LANES)[number])) / (LANES.length - 1);
  const top = compact ? 44 : 48;
  const row = compact ? 30 : 32;
  const answer = result.lookups[0];
  const height = top + (rows.length + 1) * row + 16;
  const title = `Messages of your Resolver's lookup of ${name} ${typeName(type)}, one row per message`;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: `sim-svg dns-ladder${compact ? " sim-compact" : ""}`, role: "img", "aria-label": title });
  svg.append(s("title", {}, title));
  svg.append(
    s("defs", {}, s("marker", { id: "yc-dns-arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerUnits: "userSpaceOnUse", markerWidth: 10, markerHeight: 10, orient: "auto-start-reverse" }, s("path", { d: "M0,0 L10,5 L0,10 z", class: "sim-arrowhead" }))),
  );
  for (const lane of LANES) {
    const x = laneX(lane);
    svg.append(s("text", { x, y: 14, class: "sim-end dns-lane", "text-anchor": "middle" }, HEADINGS[lane][0]));
    svg.append(s("text", { x, y: 28, class: "sim-end dns-lane", "text-anchor": "middle" }, HEADINGS[lane][1]));
    svg.append(s("line", { x1: x, x2: x, y1: top - 8, y2: height - 6, class: "sim-axis" }));
  }
  svg.append(s("text", { x: 2, y: top - 12, class: "sim-small sim-muted" }, "time"));
  rows.forEach((r, i) => {
    const y = top + i * row + 8;
    const x1 = laneX(r.from);
    const x2 = laneX(r.to);
    const g = s("g", { class: r.cls });
    g.append(s("title", {}, r.title));
    g.append(s("line", { x1, y1: y, x2, y2: y + row * 0.45, "marker-end": "url(#yc-dns-arrow)" }));
    const max = compact ? 40 : 60;
    const label = r.label.length > max ? `${r.label.slice(0, max - 1)}…` : r.label;
    const est = label.length * (compact ? 5.2 : 6.3);
    const lx = Math.max(left + est / 2 - 8, Math.min(width - est / 2 - 2, (x1 + x2) / 2));
    g.append(s("text", { x: lx, y: y - 3, class: "sim-label", "text-anchor": "middle" }, label));
    svg.append(g);
    svg.append(s("text", { x: 2, y: y + 8, class: "sim-small sim-muted" }, `+${fmtMs(r.t)}`));
  });
  const y = top + rows.length * row + 12;
  const done = answer?.doneMs ?? null;
  const said = done === null || answer?.rcode === null || answer === undefined ? "no answer within 10 s" : `answer: ${rcodeName(answer.rcode)}, ${answer.records.length} record${answer.records.length === 1 ? "" : "s"}`;
  svg.append(s("text", { x: laneX("resolver") - 6, y, class: "sim-label" }, said));
  if (done !== null) svg.append(s("text", { x: 2, y: y + 4, class: "sim-small sim-muted" }, `+${fmtMs(done)}`));
  return svg;
}

/** The learner's lookup in a sentence: what their Resolver answered, how many queries it took, and what went wrong. */
export function describeResolve(result: ResolveResult, question: string, type: number, truncating: boolean): string {
  const answer = result.lookups[0];
  const queries = result.queries.length;
  const tcp = result.queries.some((q) => q.tcp);
  const ports = [...new Set(result.queries.map((q) => q.fromPort))];
  const ids = [...new Set(result.queries.map((q) => q.id))];
  const sent =
    queries === 0
      ? "It sent no query."
      : `It sent ${queries} quer${queries === 1 ? "y" : "ies"}${tcp ? ", with a retry over TCP" : truncating ? ", none over TCP" : ""}, from ${ports.length} source port${ports.length === 1 ? "" : "s"} with ${ids.length} ID${ids.length === 1 ? "" : "s"}.`;
  const faults = result.faults.length === 0 ? "" : ` Faults: ${escapeHtml(result.faults.slice(0, 3).join("; "))}${result.faults.length > 3 ? ` (and ${result.faults.length - 3} more)` : ""}.`;
  const tc = truncating ? " The example.com server truncates its UDP answer (TC=1): 36 addresses exceed 512 bytes without EDNS(0) (RFC 1035 §4.2.1)." : "";
  if (answer === undefined || answer.doneMs === null || answer.rcode === null) {
    return `Your Resolver gave <strong>no answer</strong> to <strong>${escapeHtml(question)}</strong> within 10 s. ${sent}${tc}${faults}`;
  }
  const final = answer.records.filter((r) => r.type === type);
  const aliases = answer.records.filter((r) => r.type === TYPE.CNAME).length;
  let outcome = rcodeName(answer.rcode);
  if (answer.rcode === 0) {
    outcome =
      final.length > 0
        ? `${final.length} ${typeName(type)} record${final.length === 1 ? "" : "s"}${aliases > 0 ? ` at the end of ${aliases} CNAME${aliases === 1 ? "" : "s"}` : ""}, TTL ${final[0]!.ttl} s`
        : answer.records.length > 0
          ? `${answer.records.length} records, none of type ${typeName(type)}`
          : "no data";
  }
  return `Your Resolver: <strong>${escapeHtml(question)}</strong>: ${escapeHtml(outcome)} in <strong>${fmtMs(answer.doneMs - answer.startMs)}</strong>. ${sent}${tc}${faults}`;
}
