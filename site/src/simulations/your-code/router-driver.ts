/**
 * "Use my code" for the route lookup simulation (RouteLookup.astro): the
 * learner's Router, through the router lab's `forward` scenario
 * (labs/router/harness.ts), as the chapter's edge router. It gets the
 * edge router's routes (routing-controls.ts) and the datagram the client
 * sends there (the Destination address and Initial TTL controls: a UDP
 * datagram from 10.1.0.10, as routing.ts sends it), and its answer is
 * shown: the route and next hop it chose, the TTL and checksum it wrote, or
 * the ICMP error it sent back. Only the edge router runs the learner's code:
 * `forward` hands a datagram to one Router with no network, so the hops
 * after the edge stay the built-in model's. No routing happens here: the
 * route shown is the one whose interface and next hop the learner's output
 * names.
 */
import type { Forwarded, ForwardInput, InterfaceSpec, OutputView, RouteSpec } from "#labs/router/scenarios.ts";
import { fromHex, toHex } from "#labs/kit/hex.ts";
import { h } from "#site/simulations/models-and-layers/dom.ts";
import { EDGE_ROUTES, readAddress } from "#site/simulations/models-and-layers/routing-controls.ts";
import { formatIpv4Address, parseCidr, parseIpv4Address } from "#runtime/wire/address.ts";
import { ICMP_TYPE, parseIcmp } from "#runtime/wire/icmp.ts";
import { emitIpv4, IP_PROTOCOL, parseIpv4, verifyIpv4Checksum } from "#runtime/wire/ipv4.ts";
import { emitUdp } from "#runtime/wire/udp.ts";
import { escapeHtml, type Driver, type YourCodeView } from "./types.ts";

/** The client that sends the datagram (the chapter's topology: RouteLookup.astro, routing.ts). */
export const CLIENT_ADDRESS = "10.1.0.10";

/**
 * The edge router's interfaces in the lab's contract: the chapter names
 * only the neighbours, so each link gets a small network of its own
 * (10.255.n.0 for the routers inside, RFC 5737's 198.51.100.0 towards the
 * ISP); interface 0 is on the client's LAN, 10.1.0.0/16.
 */
export const EDGE_INTERFACES: ReadonlyArray<InterfaceSpec & { readonly name: string }> = [
  { name: "client", address: "10.1.0.1", neighbours: [CLIENT_ADDRESS] },
  { name: "core", address: "10.255.1.1", neighbours: ["10.255.1.2"] },
  { name: "campus", address: "10.255.2.1", neighbours: ["10.255.2.2"] },
  { name: "lab", address: "10.255.3.1", neighbours: ["10.255.3.2"] },
  { name: "isp", address: "198.51.100.1", neighbours: ["198.51.100.2"] },
];

/** The chapter's edge routes (EDGE_ROUTES) as the lab's routes: the client's LAN is directly connected. */
export const EDGE_CONFIG_ROUTES: readonly RouteSpec[] = EDGE_ROUTES.map(({ cidr, via }) => {
  const index = EDGE_INTERFACES.findIndex((i) => i.name === via);
  if (index < 0) throw new Error(`The edge router has no interface towards ${via}`);
  return { prefix: cidr, interface: index, nextHop: via === "client" ? null : EDGE_INTERFACES[index]!.neighbours[0]! };
});

/** The initial TTL as the built-in side reads it (routing-client.ts). */
export function readTtl(text: string | undefined): number {
  return Math.max(1, Math.min(255, Math.round(Number(text) || 64)));
}

/** The datagram the client sends the edge router: as routing.ts's `forward` builds it. */
export function clientDatagram(destination: number, ttl: number): Uint8Array {
  const src = parseIpv4Address(CLIENT_ADDRESS);
  const udp = emitUdp({ srcPort: 50000, dstPort: 9 }, new TextEncoder().encode("hello"), src, destination);
  return emitIpv4({ src, dst: destination, protocol: IP_PROTOCOL.UDP, ttl, identification: 1, dscp: 0, ecn: 0, dontFragment: true, moreFragments: false, fragmentOffset: 0 }, udp);
}

/** Where each neighbour address leads, by name. */
const NEIGHBOUR_NAMES = new Map(EDGE_INTERFACES.flatMap((i) => i.neighbours.map((n) => [n, i.name] as const)));

const FOLLOWS = "It follows the Destination address and Initial TTL; only the edge router runs your code, the hops after it are the built-in model's.";

export const routerDriver: Driver = {
  input(values) {
    const destination = readAddress(values.destination ?? "");
    if (typeof destination === "string") return { message: `Type an IPv4 address for your Router to route (${destination}).` };
    const input: ForwardInput = {
      configs: [{ interfaces: EDGE_INTERFACES.map(({ address, neighbours }) => ({ address, neighbours })), routes: EDGE_CONFIG_ROUTES }],
      datagrams: [{ hex: toHex(clientDatagram(destination, readTtl(values.ttl))) }],
    };
    return { scenario: "forward", input };
  },

  view(value, values) {
    const [result] = value as readonly Forwarded[];
    const destination = readAddress(values.destination ?? "");
    const ttl = readTtl(values.ttl);
    if (result === undefined || typeof destination === "string") return { kind: "message", summary: "Your Router gave no answer." };
    if (result.error !== undefined) return { kind: "message", summary: `Your Router threw: ${escapeHtml(result.error)}` };
    return decisionView(result, destination, ttl);
  },
};

/** What the learner's output says, read from its bytes. */
interface Reading {
  readonly output: OutputView;
  /** The route whose interface and next hop the output names, if one does. */
  readonly route: RouteSpec | undefined;
  readonly ttl?: number;
  readonly src?: string;
  readonly dst?: string;
  readonly checksumOk?: boolean;
  readonly icmp?: { readonly type: number; readonly code: number; readonly checksumOk: boolean; readonly quoteBytes: number };
  /** Why its bytes are no IPv4 datagram. */
  readonly malformed?: string;
}

export function readOutput(output: OutputView): Reading {
  const bytes = fromHex(output.datagram);
  let parsed: ReturnType<typeof parseIpv4>;
  try {
    parsed = parseIpv4(bytes, { verifyChecksum: false });
  } catch (error) {
    return { output, route: routeNamed(output, undefined), malformed: error instanceof Error ? error.message : String(error) };
  }
  const { repr, payload } = parsed;
  const base = { output, route: routeNamed(output, repr.dst), ttl: repr.ttl, src: formatIpv4Address(repr.src), dst: formatIpv4Address(repr.dst), checksumOk: verifyIpv4Checksum(bytes) };
  if (repr.protocol !== IP_PROTOCOL.ICMP || payload.length < 8) return base;
  let checksumOk = true;
  try {
    parseIcmp(payload);
  } catch {
    checksumOk = false;
  }
  const icmp = parseIcmp(payload, { verifyChecksum: false });
  return { ...base, icmp: { type: icmp.repr.type, code: icmp.repr.code, checksumOk, quoteBytes: icmp.body.length } };
}

/** The configured route that sends to this output's interface and next hop (a connected route's next hop is the datagram's destination). */
function routeNamed(output: OutputView, dst: number | undefined): RouteSpec | undefined {
  return EDGE_CONFIG_ROUTES.find((r) => r.interface === output.interface && (r.nextHop ?? (dst === undefined ? undefined : formatIpv4Address(dst))) === output.nextHop);
}

const ICMP_NAMES: Record<number, string> = { [ICMP_TYPE.TIME_EXCEEDED]: "Time Exceeded", [ICMP_TYPE.DESTINATION_UNREACHABLE]: "Destination Unreachable" };
const UNREACHABLE_CODES: Record<number, string> = { 0: "net", 1: "host" };

function icmpName(icmp: { type: number; code: number }): string {
  const name = ICMP_NAMES[icmp.type] ?? `type ${icmp.type}`;
  const code = icmp.type === ICMP_TYPE.DESTINATION_UNREACHABLE && UNREACHABLE_CODES[icmp.code] !== undefined ? `, ${UNREACHABLE_CODES[icmp.code]}` : "";
  return `ICMP ${name} (type ${icmp.type}, code ${icmp.code}${code})`;
}

function hopName(address: string): string {
  const name = NEIGHBOUR_NAMES.get(address);
  return name === undefined ? address : `${name} (${address})`;
}

/** The learner's decision for the datagram: the edge's routes with the one it used marked, and what it sent. */
export function decisionView(result: Forwarded, destination: number, ttl: number): YourCodeView {
  const reading = result.output === undefined || result.output === null ? undefined : readOutput(result.output);
  const dst = formatIpv4Address(destination);
  const notes: string[] = [];
  if (result.changedInput !== undefined) notes.push("It changed the bytes it was handed: forward() must leave them as they are.");
  if (result.later !== undefined) notes.push("The datagram it returned changed after it returned it: return a new Uint8Array each time.");

  const drawing = h(
    "div",
    { class: "ml-yc" },
    h("h4", {}, "Your Router as the edge router"),
    h("p", {}, `It is handed the client's UDP datagram to ${dst} with TTL ${ttl}, and the edge router's ${EDGE_CONFIG_ROUTES.length} routes:`),
    routesTable(reading?.route),
    h("h4", {}, "What it sent"),
    reading === undefined ? h("p", {}, "Nothing: forward() returned null.") : sentTable(reading, ttl),
    ...notes.map((note) => h("p", { class: "ml-outcome ml-bad" }, note)),
  );
  const summary = `${describeDecision(reading, dst, ttl)}${notes.length > 0 ? ` ${escapeHtml(notes.join(" "))}` : ""} ${FOLLOWS}`;
  return { kind: "picture", summary, drawing };
}

/** The learner's decision in a sentence (HTML from numbers and escaped text). */
export function describeDecision(reading: Reading | undefined, dst: string, ttl: number): string {
  const lead = "Your Router, as the edge router,";
  if (reading === undefined) {
    const own = EDGE_INTERFACES.find((i) => i.address === dst);
    const why =
      own !== undefined
        ? ` (${escapeHtml(dst)} is the edge router's own address on its ${escapeHtml(own.name)} link)`
        : parseIpv4Address(dst) >= 0xe0000000
          ? " (a destination of 224.0.0.0 or above is never forwarded)"
          : "";
    return `${lead} sends <strong>nothing</strong> for the datagram to ${escapeHtml(dst)}${why}.`;
  }
  const { output, route } = reading;
  const via = route === undefined ? "by no route of the edge router's" : `by <strong>${escapeHtml(route.prefix)}</strong>`;
  if (reading.malformed !== undefined) return `${lead} sends bytes that are no IPv4 datagram (${escapeHtml(reading.malformed)}) to ${escapeHtml(hopName(output.nextHop))}.`;
  if (reading.icmp !== undefined) {
    const to = reading.dst === CLIENT_ADDRESS ? "the client" : (reading.dst ?? "?");
    return `${lead} answers with <strong>${escapeHtml(icmpName(reading.icmp))}</strong> from ${escapeHtml(reading.src ?? "?")} to ${escapeHtml(to)}, out of interface ${output.interface} ${via}.`;
  }
  return `${lead} forwards the datagram to ${escapeHtml(dst)} to <strong>${escapeHtml(hopName(output.nextHop))}</strong> ${via} on interface ${output.interface}, with TTL <strong>${reading.ttl ?? "?"}</strong> (it arrived with ${ttl}).`;
}

function routesTable(used: RouteSpec | undefined): HTMLElement {
  const rows = [...EDGE_CONFIG_ROUTES]
    .sort((a, b) => parseCidr(b.prefix).prefixLength - parseCidr(a.prefix).prefixLength)
    .map((route) => {
      const where = EDGE_INTERFACES[route.interface]!;
      const chosen = route === used;
      return h(
        "tr",
        { class: chosen ? "ml-row-chosen" : undefined },
        h("td", { class: "ml-mono" }, route.prefix),
        h("td", {}, `${route.interface} (${where.address})`),
        h("td", {}, route.nextHop === null ? "none: connected, to the destination itself" : hopName(route.nextHop)),
        h("td", {}, chosen ? "used ✓" : ""),
      );
    });
  return h(
    "div",
    { class: "ml-table-wrap" },
    h(
      "table",
      { class: "ml-table" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Route"), h("th", { scope: "col" }, "Interface"), h("th", { scope: "col" }, "Next hop"), h("th", { scope: "col" }, "Your Router"))),
      h("tbody", {}, ...rows),
    ),
  );
}

function sentTable(reading: Reading, ttl: number): HTMLElement {
  const { output } = reading;
  const where = EDGE_INTERFACES[output.interface];
  const rows: Array<[string, string]> = [
    ["Interface", where === undefined ? `${output.interface} (no such interface)` : `${output.interface} (${where.address}, towards ${where.name})`],
    ["Next hop", hopName(output.nextHop)],
    ["Route", reading.route?.prefix ?? "none of the edge router's routes leads there"],
  ];
  if (reading.malformed !== undefined) rows.push(["Datagram", `not IPv4: ${reading.malformed}`]);
  else {
    if (reading.icmp !== undefined) {
      rows.push(["ICMP", `${icmpName(reading.icmp)}, checksum ${reading.icmp.checksumOk ? "verifies" : "wrong"}, ${reading.icmp.quoteBytes} bytes quoted`]);
      rows.push(["From → to", `${reading.src} → ${reading.dst}`]);
    } else {
      rows.push(["Destination", reading.dst ?? "?"]);
    }
    rows.push(["TTL", reading.icmp !== undefined ? String(reading.ttl) : `${reading.ttl} (arrived with ${ttl})`]);
    rows.push(["Header checksum", reading.checksumOk === true ? "verifies" : "wrong"]);
  }
  return h(
    "div",
    { class: "ml-table-wrap" },
    h(
      "table",
      { class: "ml-table" },
      h("tbody", {}, ...rows.map(([field, text]) => h("tr", {}, h("th", { scope: "row" }, field), h("td", {}, text)))),
    ),
  );
}
