/**
 * The runtime API reference's extractor (site/src/api-docs/extract.ts),
 * checked against the runtime's own source: every export is there, every
 * documented one has its summary, nothing private leaks, inherited members
 * show, and member-relative links point at the member.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { hasText } from "#site/api-docs/doc-comment.ts";
import { docToHtml } from "#site/api-docs/doc-html.ts";
import { extractApi } from "#site/api-docs/extract.ts";
import { anchorsOf } from "#site/api-docs/modules.ts";
import type { ApiDoc, ApiSymbol, DocPart } from "#site/api-docs/types.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const ENTRY = join(ROOT, "runtime", "index.ts");

let api: ApiSymbol[];
const byName = (name: string): ApiSymbol => {
  const symbol = api.find((s) => s.name === name);
  if (symbol === undefined) throw new Error(`${name} is not in the extracted API`);
  return symbol;
};
const text = (parts: readonly DocPart[]) => parts.map((p) => ("text" in p ? p.text : p.label)).join("");

beforeAll(() => {
  api = extractApi(ENTRY, ROOT);
}, 60_000);

/** Names exported by `file`, read with regular expressions (independently of the extractor), `export *` followed. */
function exportedNames(file: string): Set<string> {
  const source = readFileSync(file, "utf8");
  const names = new Set<string>();
  for (const [, list] of source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}\s*from/g)) {
    for (const item of list!.split(",")) {
      const name = item.trim().replace(/^type\s+/, "").split(/\s+as\s+/).at(-1)!;
      if (name !== "") names.add(name);
    }
  }
  for (const [, target] of source.matchAll(/export\s+\*\s+from\s+"([^"]+)"/g)) {
    for (const name of exportedNames(resolve(dirname(file), target!))) names.add(name);
  }
  for (const [, name] of source.matchAll(/^export\s+(?:declare\s+)?(?:abstract\s+)?(?:class|function|interface|type|const|let|enum)\s+([A-Za-z_$][\w$]*)/gm)) names.add(name!);
  return names;
}

describe("extractApi on runtime/index.ts", () => {
  it("finds every name the runtime exports, and only those", () => {
    const expected = exportedNames(ENTRY);
    expect(expected.size).toBeGreaterThan(50);
    expect(new Set(api.map((s) => s.name))).toEqual(expected);
  });

  it("finds every value export of the runtime module as a class, function or const", async () => {
    const runtime = (await import("#runtime/index.ts")) as Record<string, unknown>;
    for (const [name, value] of Object.entries(runtime)) {
      const kind = byName(name).kind;
      expect([name, kind]).toEqual([name, typeof value === "function" ? expect.stringMatching(/^(class|function)$/) : "const"]);
    }
  });

  it("gives every symbol with a doc comment in the source a summary", () => {
    let documented = 0;
    for (const symbol of api) {
      const lines = readFileSync(join(ROOT, symbol.file), "utf8").split("\n");
      const before = lines.slice(0, symbol.line - 1).reverse().find((line) => line.trim() !== "");
      if (before?.trim().endsWith("*/")) {
        documented++;
        expect(hasText(symbol.doc.summary), `${symbol.name} has a doc comment but no summary`).toBe(true);
      }
    }
    expect(documented).toBeGreaterThan(api.length * 0.8);
  });

  it("reads known symbols with their real summaries", () => {
    const source = readFileSync(join(ROOT, "runtime/net/network.ts"), "utf8");
    const firstLine = /\/\*\*\n \* (.+)\n[\s\S]*?\*\/\nexport class Network/.exec(source)?.[1];
    expect(firstLine).toBeDefined();
    const network = byName("Network");
    expect(network.kind).toBe("class");
    expect(network.module).toBe("net");
    expect(network.file).toBe("runtime/net/network.ts");
    expect(text(network.doc.summary).replace(/\s+/g, " ")).toContain(firstLine!);
    expect(network.signatures[0]).toMatch(/^class Network\b/);

    const simulator = byName("Simulator");
    expect([simulator.kind, simulator.module]).toEqual(["class", "core"]);
    expect(hasText(simulator.doc.summary)).toBe(true);

    for (const name of ["parseIpv4", "parseUdp", "parseTcp"]) {
      const parse = byName(name);
      expect([parse.kind, parse.module]).toEqual(["function", "wire"]);
      expect(parse.signatures[0]).toMatch(new RegExp(`^function ${name}\\(bytes: Uint8Array`));
      expect(parse.signatures[0]).not.toContain("{\n");
      expect(hasText(parse.doc.summary)).toBe(true);
    }
  });

  it("keeps @param and @throws tags", () => {
    const tagged = api.filter((s) => s.doc.tags.some((tag) => tag.tag === "param"));
    expect(tagged.length).toBeGreaterThan(0);
    for (const symbol of tagged) {
      for (const tag of symbol.doc.tags.filter((t) => t.tag === "param")) expect(tag.name, symbol.name).toMatch(/^[\w$.]+$/);
    }
    expect(byName("parseUdp").doc.tags.some((tag) => tag.tag === "throws" && text(tag.doc).includes("WireError"))).toBe(true);
  });

  it("lists public members with their own docs", () => {
    const network = byName("Network");
    const names = network.members.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(["constructor", "host", "router", "connect", "run", "now"]));
    const host = network.members.find((m) => m.name === "host")!;
    expect(host.kind).toBe("method");
    expect(host.signatures[0]).toMatch(/^host\(name: string, address: string\): Host$/);
    expect(hasText(host.doc.summary)).toBe(true);
  });

  it("leaks no private member", () => {
    for (const symbol of api) {
      for (const member of symbol.members) {
        expect(member.name, `${symbol.name}.${member.name}`).not.toMatch(/^#/);
        for (const signature of member.signatures) expect(signature, `${symbol.name}.${member.name}`).not.toMatch(/^(private|protected|#)/);
      }
    }
    // Declared `private` in the source: Network's node and link maps, the simulator's queue and clock.
    expect(byName("Network").members.map((m) => m.name)).not.toEqual(expect.arrayContaining(["nodes"]));
    expect(byName("Network").members.map((m) => m.name)).not.toContain("packetCount");
    for (const hidden of ["queue", "clock", "executed", "runNext"]) expect(byName("Simulator").members.map((m) => m.name)).not.toContain(hidden);
  });

  it("shows bodies nowhere, in the order runtime/index.ts exports the names", () => {
    for (const symbol of api) {
      for (const signature of [...symbol.signatures, ...symbol.members.flatMap((m) => m.signatures)]) {
        expect(signature, symbol.name).not.toMatch(/^\s*return\b/m);
      }
    }
    const names = api.map((s) => s.name);
    // The statements of runtime/index.ts, after its header comment.
    const source = readFileSync(ENTRY, "utf8").replace(/^\/\*\*[\s\S]*?\*\//, "");
    const listed = ["Random", "Simulator", "Network", "Host", "Router", "Link", "UdpSocket", "Trace", "Metrics", "writePcapng"];
    const at = (name: string) => source.search(new RegExp(`\\b${name}\\b`));
    expect(listed.map(at)).toEqual(listed.map(at).sort((a, b) => a - b));
    expect(listed.map((name) => names.indexOf(name))).toEqual(listed.map((name) => names.indexOf(name)).sort((a, b) => a - b));
    expect(new Set(api.map((s) => s.module))).toEqual(new Set(["core", "net", "wire", "trace", "transport"]));
  });

  it("lists the public members a class inherits from its unexported base, marked and after its own", () => {
    // NetworkNode's public members, in source order, read from runtime/net/node.ts independently of the extractor.
    const source = readFileSync(join(ROOT, "runtime/net/node.ts"), "utf8");
    const body = source.slice(source.indexOf("export abstract class NetworkNode"));
    const declared = [...body.matchAll(/^ {2}(?:(private|protected|abstract)\s+)?(?:readonly\s+)?([A-Za-z_$][\w$]*)\s*[(:=<]/gm)]
      .filter(([, modifier, name]) => modifier !== "private" && modifier !== "protected" && name !== "constructor")
      .map(([, , name]) => name!);
    expect(declared).toEqual(["name", "routes", "receive", "attach", "linkTo", "addRoute"]);
    expect(api.map((s) => s.name)).not.toContain("NetworkNode");

    for (const name of ["Router", "Host"]) {
      const members = byName(name).members;
      const own = members.filter((m) => m.inheritedFrom === undefined);
      const inherited = members.filter((m) => m.inheritedFrom !== undefined);
      // Own members first, then the inherited ones.
      expect(members, name).toEqual([...own, ...inherited]);
      for (const member of inherited) expect(member.inheritedFrom, `${name}.${member.name}`).toBe("NetworkNode");
      // Every public member of the base that the class does not declare itself, in the base's order.
      const expected = declared.filter((member) => !own.some((m) => m.name === member));
      expect(inherited.map((m) => m.name), name).toEqual(expected);
      expect(inherited.map((m) => m.name), name).toEqual(expect.arrayContaining(["name", "routes", "linkTo", "addRoute"]));
      // No constructor, private or protected member comes from the base.
      for (const hidden of ["constructor", "context", "linksByNeighbour", "forward", "drop"]) expect(inherited.map((m) => m.name), name).not.toContain(hidden);
    }
    const addRoute = byName("Router").members.find((m) => m.name === "addRoute")!;
    expect(addRoute.signatures).toEqual(["addRoute(cidr: string, via: NetworkNode): this"]);
    expect(hasText(addRoute.doc.summary)).toBe(true);
    // Host overrides attach: it shows once, as its own.
    expect(byName("Host").members.filter((m) => m.name === "attach").map((m) => m.inheritedFrom)).toEqual([undefined]);
    expect(byName("Router").members.find((m) => m.name === "attach")?.inheritedFrom).toBe("NetworkNode");
    // A base outside the runtime's classes (Error, from the standard library) adds nothing.
    expect(byName("WireError").members.some((m) => m.inheritedFrom !== undefined)).toBe(false);
    // Inherited members have anchors, so links to them resolve.
    for (const anchor of ["Router.addRoute", "Router.linkTo", "Host.routes", "Host.name"]) expect(anchorsOf(api).has(anchor), anchor).toBe(true);
  });

  it("points member-relative links ({@link at} inside a class's docs) at the member's anchor", () => {
    const docs = (symbol: ApiSymbol): ApiDoc[] => [symbol.doc, ...symbol.members.map((m) => m.doc)];
    const links = (symbol: ApiSymbol) =>
      docs(symbol).flatMap((doc) => [...doc.summary, ...doc.remarks, ...doc.tags.flatMap((tag) => tag.doc)]).flatMap((p) => ("link" in p ? [p] : []));
    const cases: [owner: string, member: string][] = [
      ["Simulator", "at"],
      ["Simulator", "atInLane"],
      ["BulkSender", "start"],
      ["Trace", "active"],
    ];
    const anchors = anchorsOf(api);
    for (const [owner, member] of cases) {
      const link = links(byName(owner)).find((p) => p.label === member);
      expect(link, `${owner}: {@link ${member}}`).toEqual({ link: `${owner}.${member}`, label: member });
      expect(docToHtml([link!], anchors)).toBe(`<p><a href="#${owner}.${member}"><code>${member}</code></a></p>`);
    }
    // No link anywhere is left naming, bare, a member of its own class.
    const exported = new Set(api.map((s) => s.name));
    for (const symbol of api) {
      const members = new Set(symbol.members.map((m) => m.name));
      for (const link of links(symbol)) {
        if (!exported.has(link.link)) expect(members.has(link.link), `${symbol.name}: {@link ${link.link}}`).toBe(false);
      }
    }
    // Links to other symbols are untouched.
    expect(links(byName("BulkSender")).map((p) => p.link)).toContain("BulkReceiver");
  });
});
