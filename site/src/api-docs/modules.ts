/**
 * The runtime's folders as sections of the reference, in reading order,
 * and the page's headings (the table of contents) and anchors.
 */
import type { ApiSymbol } from "./types.ts";

export interface ModuleInfo {
  readonly id: string;
  readonly title: string;
  readonly blurb: string;
}

export const MODULES: readonly ModuleInfo[] = [
  { id: "core", title: "core: time and the simulator", blurb: "Virtual time in nanoseconds, the event-driven simulator that advances it, and seeded random numbers." },
  { id: "net", title: "net: networks, links and hosts", blurb: "Build a network: hosts and routers joined by links with rates, delays and impairments, UDP sockets and byte streams." },
  { id: "wire", title: "wire: headers on the wire", blurb: "IPv4, UDP and TCP headers as plain objects, with a function that writes the bytes and one that reads and checks them." },
  { id: "trace", title: "trace: what happened", blurb: "The event log of a run, per-flow and per-link measurements, and pcapng captures for Wireshark." },
  { id: "transport", title: "transport: a TCP-like bulk transfer", blurb: "A sender and a receiver that move bytes reliably; the congestion policy deciding how fast is plugged in." },
];

export interface ModuleSection {
  readonly module: ModuleInfo;
  readonly symbols: readonly ApiSymbol[];
}

/** The symbols by module, in MODULES order; a folder not listed there comes last under its own name. */
export function groupByModule(symbols: readonly ApiSymbol[]): ModuleSection[] {
  const known = MODULES.map((module) => ({ module, symbols: symbols.filter((s) => s.module === module.id) }));
  const others = [...new Set(symbols.map((s) => s.module))].filter((id) => !MODULES.some((m) => m.id === id));
  const extra = others.map((id) => ({ module: { id, title: id || "runtime", blurb: "" }, symbols: symbols.filter((s) => s.module === id) }));
  return [...known, ...extra].filter((section) => section.symbols.length > 0);
}

/** The id of a module's heading. */
export function moduleAnchor(id: string): string {
  return `module-${id || "runtime"}`;
}

/** The id of a member's entry: "Network.connect". */
export function memberAnchor(owner: string, member: string): string {
  return `${owner}.${member}`;
}

/** Starlight's headings for the table of contents: modules, then their symbols. */
export function headingsOf(sections: readonly ModuleSection[]): { depth: number; slug: string; text: string }[] {
  return sections.flatMap((section) => [
    { depth: 2, slug: moduleAnchor(section.module.id), text: section.module.title },
    ...section.symbols.map((symbol) => ({ depth: 3, slug: symbol.name, text: symbol.name })),
  ]);
}

/** Every id a `{@link}` may point at. */
export function anchorsOf(symbols: readonly ApiSymbol[]): Set<string> {
  return new Set(symbols.flatMap((symbol) => [symbol.name, ...symbol.members.map((m) => memberAnchor(symbol.name, m.name))]));
}
