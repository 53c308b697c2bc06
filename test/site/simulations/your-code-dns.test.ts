/**
 * "Use my code" on the DNS resolution simulation (site/src/simulations/your-code/dns-driver.ts):
 * the chapter's question, zones and seed become the dns lab's `resolve` scenario, run here with
 * the lab's reference solution and starter in the Node sandbox, through the lab's harness only.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileSubmission } from "#grader/compile.ts";
import { findLab } from "#grader/labs.ts";
import { startNodeSandbox } from "#grader/sandbox/node-sandbox.ts";
import type { ResolveInput, ResolveResult } from "#labs/dns/scenarios.ts";
import { recordOf } from "#labs/dns/servers.ts";
import { formatData, TYPE, type DnsRecord } from "#runtime/wire/dns.ts";
import { ZONES } from "#site/simulations/dns/zones.ts";
import { chapterServers, COM_ADDRESS, describeResolve, dnsDriver, EXAMPLE_ADDRESS, HARNESS_ONE_WAY_MS, ROOT_ADDRESS, rowsOf } from "#site/simulations/your-code/dns-driver.ts";

async function run(file: "solution" | "starter", values: Record<string, string>): Promise<ResolveResult> {
  const lab = findLab("dns");
  const compiled = compileSubmission(readFileSync(lab.files[file], "utf8"));
  if (!compiled.ok) throw new Error(compiled.message);
  const plan = dnsDriver.input(values);
  if ("message" in plan) throw new Error(plan.message);
  const sandbox = await startNodeSandbox({ harness: lab.files.harness, learnerJs: compiled.javascript, limits: lab.limits });
  try {
    const outcome = await sandbox.run(plan.scenario, plan.input);
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.value as ResolveResult;
  } finally {
    await sandbox.close();
  }
}

const chapter = { lookup: "www-a", edns: "off", stubMs: "5", rootMs: "20", tldMs: "30", authMs: "40", seed: "1" };
const line = (r: DnsRecord) => `${r.name.replace(/\.$/, "") || "."} ${r.type} ${r.ttl} ${formatData(r)}`;

describe("Use my code: the DNS resolution simulation", () => {
  it("gives the lab's servers the chapter's zones, less the AAAA and MX records they cannot hold", () => {
    const servers = chapterServers(false);
    expect(servers.map((s) => s.address)).toEqual(ZONES.map((z) => z.server.address));
    ZONES.forEach((zone, i) => {
      const chapter = [...zone.records, ...zone.delegations.flatMap((d) => [...d.ns, ...d.glue])].filter((r) => r.type !== TYPE.AAAA && r.type !== TYPE.MX);
      const lab = servers[i]!.zones.flatMap((z) => z.records.map(recordOf));
      expect(lab.map(line).sort()).toEqual(chapter.map(line).sort());
    });
  });

  it("maps the lookup and seed, truncates the pool answer only without EDNS(0), and has nothing to run for AAAA and MX", () => {
    const plan = dnsDriver.input({ ...chapter, lookup: "shop", seed: "42" });
    expect(plan).toMatchObject({ scenario: "resolve", input: { roots: [ROOT_ADDRESS], lookups: [{ name: "shop.example.com", type: TYPE.A, atMs: 0 }], seed: 42 } });
    const behaviour = (values: Record<string, string>) => ((dnsDriver.input(values) as { input: ResolveInput }).input.servers.find((s) => s.address === EXAMPLE_ADDRESS)!.behaviour);
    expect(behaviour({ ...chapter, lookup: "pool", edns: "off" })).toBe("truncate");
    expect(behaviour({ ...chapter, lookup: "pool", edns: "on" })).toBeUndefined();
    expect(behaviour({ ...chapter, lookup: "www-a", edns: "off" })).toBeUndefined();
    for (const lookup of ["www-aaaa", "mx"]) expect(dnsDriver.input({ ...chapter, lookup })).toEqual({ message: expect.stringContaining("A, NS, CNAME, SOA and TXT records only") });
  });

  it("resolves www.example.com A with a correct Resolver: root, .com, example.com, one round trip each", async () => {
    const result = await run("solution", chapter);
    expect(result.faults).toEqual([]);
    expect(result.queries.map((q) => [q.to, q.atMs, q.tcp])).toEqual([
      [ROOT_ADDRESS, 0, false],
      [COM_ADDRESS, 2 * HARNESS_ONE_WAY_MS, false],
      [EXAMPLE_ADDRESS, 4 * HARNESS_ONE_WAY_MS, false],
    ]);
    expect(result.lookups[0]).toMatchObject({ startMs: 0, doneMs: 6 * HARNESS_ONE_WAY_MS, rcode: 0, records: [{ name: "www.example.com", type: TYPE.A, ttl: 300, data: "203.0.113.10" }] });
    expect(rowsOf(result, false).map((r) => `${r.from}>${r.to} ${r.label}`)).toEqual([
      "resolver>root www.example.com A?",
      "root>resolver reply",
      "resolver>tld www.example.com A?",
      "tld>resolver reply",
      "resolver>auth www.example.com A?",
      "auth>resolver reply",
    ]);
    expect(describeResolve(result, "www.example.com A", TYPE.A, false)).toMatch(/^Your Resolver: <strong>www\.example\.com A<\/strong>: 1 A record, TTL 300 s in <strong>60 ms<\/strong>\. It sent 3 queries, from 3 source ports with 3 IDs\.$/);
  }, 60_000);

  it("follows the CNAME chain, and retries the truncated pool answer over TCP only with EDNS(0) off", async () => {
    const shop = await run("solution", { ...chapter, lookup: "shop" });
    expect(describeResolve(shop, "shop.example.com A", TYPE.A, false)).toContain("2 A records at the end of 2 CNAMEs, TTL 60 s");
    const pool = await run("solution", { ...chapter, lookup: "pool" });
    expect(pool.queries.filter((q) => q.tcp).map((q) => q.to)).toEqual([EXAMPLE_ADDRESS]);
    expect(rowsOf(pool, true).filter((r) => r.cls.split(" ").includes("dns-tc")).map((r) => r.label)).toEqual(["TC=1, no records"]);
    expect(describeResolve(pool, "pool.example.com A", TYPE.A, true)).toMatch(/36 A records, TTL 60 s in <strong>\d+ ms<\/strong>\. It sent 4 queries, with a retry over TCP.* truncates its UDP answer \(TC=1\)/);
    const poolEdns = await run("solution", { ...chapter, lookup: "pool", edns: "on" });
    expect(poolEdns.queries.some((q) => q.tcp)).toBe(false);
    const nosuch = await run("solution", { ...chapter, lookup: "nosuch" });
    expect(describeResolve(nosuch, "nosuch.example.com A", TYPE.A, false)).toContain(": NXDOMAIN in");
  }, 120_000);

  it("says the starter sent no query and gave no answer", async () => {
    const result = await run("starter", chapter);
    expect(result.queries).toEqual([]);
    expect(describeResolve(result, "www.example.com A", TYPE.A, false)).toBe("Your Resolver gave <strong>no answer</strong> to <strong>www.example.com A</strong> within 10 s. It sent no query.");
  }, 60_000);
});
