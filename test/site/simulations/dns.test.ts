/**
 * The models behind the DNS chapter's simulations (site/src/simulations/dns/),
 * run in Node without a DOM: the resolution claims the chapter makes
 * (cold and warm timings, expiry, truncation and TCP, negative caching,
 * the TTL-migration bound) checked in the simulator itself.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runMigration } from "#site/simulations/dns/migration.ts";
import { DEFAULT_CONFIG, runSession, type DnsSimConfig, type Lookup, type SessionAction } from "#site/simulations/dns/resolve.ts";
import { TYPE } from "#runtime/wire/dns.ts";

const toHex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ");
const run = (actions: SessionAction[], config: Partial<DnsSimConfig> = {}) => runSession({ ...DEFAULT_CONFIG, ...config }, actions);
const took = (l: Lookup) => l.endMs - l.startMs;
const peers = (l: Lookup) => l.steps.filter((s) => s.from === "resolver" && s.to !== "stub").map((s) => `${s.to}/${s.transport}`);

describe("resolution", () => {
  const config = { stubMs: 7, rootMs: 11, tldMs: 23, authMs: 31 };

  it("walks root, TLD and authoritative server when cold, in one round trip each", () => {
    const [cold] = run([{ kind: "resolve", lookup: "www-a" }], config).lookups;
    expect(took(cold!)).toBeCloseTo(2 * (7 + 11 + 23 + 31), 6);
    expect(peers(cold!)).toEqual(["root/UDP", "tld/UDP", "auth/UDP"]);
    expect(cold!.steps.map((s) => s.label)).toEqual([
      "www.example.com A?",
      "www.example.com A?",
      "referral: com NS a.gtld-servers.net",
      "www.example.com A?",
      "referral: example.com NS ns1.example.com",
      "www.example.com A?",
      "A 203.0.113.10",
      "A 203.0.113.10",
    ]);
    const stubQuery = cold!.steps[0]!.message!;
    const upstream = cold!.steps[1]!.message!;
    expect(stubQuery.header.rd).toBe(true);
    expect(upstream.header.rd).toBe(false);
    expect(cold!.response?.header.ra).toBe(true);
    expect(cold!.response?.answers[0]?.ttl).toBe(300);
  });

  it("answers a warm lookup from the cache in the stub's round trip, with the TTL counted down", () => {
    const { lookups } = run([{ kind: "resolve", lookup: "www-a" }, { kind: "advance", seconds: 100 }, { kind: "resolve", lookup: "www-a" }], config);
    const warm = lookups[1]!;
    expect(took(warm)).toBeCloseTo(2 * 7, 6);
    expect(warm.upstreamQueries).toBe(0);
    expect(warm.steps).toHaveLength(2);
    expect(warm.response?.answers[0]?.ttl).toBe(300 - 100 - 1); // 100 s plus the cold lookup's own time
  });

  it("uses random query IDs and source ports, and a different seed changes them", () => {
    const ids = (seed: number) => run([{ kind: "resolve", lookup: "www-a" }], { seed }).lookups[0]!.steps.filter((s) => s.message?.header.qr === false).map((s) => `${s.message!.header.id}:${s.srcPort}`);
    const one = ids(1);
    expect(new Set(one).size).toBe(one.length);
    expect(ids(1)).toEqual(one);
    expect(ids(2)).not.toEqual(one);
  });

  it("after the answer's TTL expires asks only the authoritative server; after the delegation expires, the TLD too, never the root", () => {
    const { lookups, cache } = run(
      [
        { kind: "resolve", lookup: "www-a" },
        { kind: "advance", seconds: 600 },
        { kind: "resolve", lookup: "www-a" },
        { kind: "advance", seconds: 90000 },
        { kind: "resolve", lookup: "www-a" },
      ],
      config,
    );
    expect(peers(lookups[1]!)).toEqual(["auth/UDP"]);
    expect(took(lookups[1]!)).toBeCloseTo(2 * (7 + 31), 6);
    expect(peers(lookups[2]!)).toEqual(["tld/UDP", "auth/UDP"]);
    expect(took(lookups[2]!)).toBeCloseTo(2 * (7 + 23 + 31), 6);
    const com = cache.find((r) => r.name === "com" && r.type === "NS");
    expect(com?.ttlLeft).toBeGreaterThan(0);
  });

  it("goes straight to the authoritative server for another name in a zone it has seen", () => {
    const { lookups } = run([{ kind: "resolve", lookup: "www-a" }, { kind: "resolve", lookup: "mx" }], config);
    expect(peers(lookups[1]!)).toEqual(["auth/UDP"]);
    expect(lookups[1]!.response?.answers.map((r) => r.data)).toEqual([{ kind: "MX", preference: 10, exchange: "mail.example.com" }]);
  });

  it("returns a whole CNAME chain, and refetches only the expired links later", () => {
    const { lookups } = run(
      [{ kind: "resolve", lookup: "shop" }, { kind: "advance", seconds: 600 }, { kind: "resolve", lookup: "shop" }, { kind: "advance", seconds: 3600 }, { kind: "resolve", lookup: "shop" }],
      config,
    );
    expect(lookups[0]!.response?.answers.map((r) => `${r.name} ${r.type}`)).toEqual([
      "shop.example.com 5",
      "store.example.com 5",
      "lb.example.com 1",
      "lb.example.com 1",
    ]);
    const askedFor = (l: Lookup) => l.steps.filter((s) => s.from === "resolver" && s.to === "auth").map((s) => s.message?.questions[0]?.name);
    // After 10 min lb's A records (TTL 60) have expired, the CNAMEs (3600 and 1800) have not: one question, for lb.
    expect(askedFor(lookups[1]!)).toEqual(["lb.example.com"]);
    expect(lookups[1]!.response?.answers).toHaveLength(4);
    // After another hour the whole chain has expired: the resolver starts again from shop.
    expect(askedFor(lookups[2]!)).toEqual(["shop.example.com"]);
  });

  it("sets TC on an answer over 512 bytes and gets it whole over TCP, with two extra round trips per leg", () => {
    const cold = run([{ kind: "resolve", lookup: "www-a" }, { kind: "resolve", lookup: "pool" }], config).lookups[1]!;
    expect(cold.usedTcp).toBe(true);
    const truncated = cold.steps.find((s) => s.from === "auth" && s.transport === "UDP")!;
    expect(truncated.message?.header.tc).toBe(true);
    expect(truncated.message?.answers).toHaveLength(0);
    expect(truncated.dnsBytes).toBeLessThanOrEqual(512);
    const full = cold.steps.find((s) => s.from === "auth" && s.transport === "TCP" && s.message !== null)!;
    expect(full.message?.answers).toHaveLength(36);
    expect(full.dnsBytes).toBeGreaterThan(512);
    expect(cold.response?.answers).toHaveLength(36);
    // UDP try + handshake + exchange to the server, then the same three with the stub.
    expect(took(cold)).toBeCloseTo(3 * 2 * 31 + 3 * 2 * 7, 6);
    expect(cold.steps.filter((s) => s.transport === "TCP").map((s) => `${s.from}>${s.to} ${s.label.split(" ")[0]}`)).toEqual([
      "resolver>auth SYN",
      "auth>resolver SYN-ACK",
      "resolver>auth ACK",
      "resolver>auth pool.example.com",
      "auth>resolver A",
      "stub>resolver SYN",
      "resolver>stub SYN-ACK",
      "stub>resolver ACK",
      "stub>resolver pool.example.com",
      "resolver>stub A",
    ]);
  });

  it("with EDNS(0) at 1232 bytes the same answer fits in one datagram", () => {
    const lookup = run([{ kind: "resolve", lookup: "www-a" }, { kind: "resolve", lookup: "pool" }], { ...config, edns: true }).lookups[1]!;
    expect(lookup.usedTcp).toBe(false);
    expect(took(lookup)).toBeCloseTo(2 * (7 + 31), 6);
    expect(lookup.response?.answers).toHaveLength(36);
    expect(lookup.steps[0]!.message?.additional[0]?.type).toBe(TYPE.OPT);
  });

  it("caches NXDOMAIN for min(SOA TTL, MINIMUM) = 300 s", () => {
    const { lookups } = run(
      [
        { kind: "resolve", lookup: "nosuch" },
        { kind: "advance", seconds: 200 },
        { kind: "resolve", lookup: "nosuch" },
        { kind: "advance", seconds: 200 },
        { kind: "resolve", lookup: "nosuch" },
      ],
      config,
    );
    expect(lookups.map((l) => l.response?.header.rcode)).toEqual([3, 3, 3]);
    expect(lookups.map((l) => l.upstreamQueries)).toEqual([3, 0, 1]);
    expect(lookups[0]!.response?.authority[0]?.ttl).toBe(300);
  });

  it("is deterministic: same seed, same capture", () => {
    const actions: SessionAction[] = [{ kind: "resolve", lookup: "www-a" }, { kind: "resolve", lookup: "pool" }];
    expect(toHex(run(actions).pcapng())).toBe(toHex(run(actions).pcapng()));
  });

  const tshark = spawnSync("tshark", ["--version"]).error === undefined;
  it.skipIf(!tshark)("produces a capture that tshark decodes as DNS, over UDP and TCP", () => {
    const dir = mkdtempSync(join(tmpdir(), "wirelab-dns-"));
    try {
      const file = join(dir, "run.pcapng");
      writeFileSync(file, run([{ kind: "resolve", lookup: "www-a" }, { kind: "resolve", lookup: "pool" }]).pcapng());
      const out = spawnSync("tshark", ["-r", file, "-Y", "dns", "-T", "fields", "-e", "dns.id", "-e", "dns.flags.response", "-e", "dns.flags.truncated", "-e", "dns.qry.name", "-e", "dns.count.answers", "-e", "tcp.srcport"], { encoding: "utf8" });
      expect(out.status).toBe(0);
      const rows = out.stdout.trim().split("\n").map((line) => line.split("\t"));
      expect(rows.length).toBe(8 + 8); // cold lookup: 8 messages; the pool: 4 over UDP (2 of them TC) and 4 over TCP
      expect(rows.every((r) => r[3] === "www.example.com" || r[3] === "pool.example.com")).toBe(true);
      expect(rows.filter((r) => r[2] === "True" || r[2] === "1")).toHaveLength(2);
      expect(rows.filter((r) => r[4] === "36")).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("TTL migration", () => {
  it("keeps old answers for up to a day after the move when the TTL was lowered only an hour ahead", () => {
    const r = runMigration({ oldTtl: 86400, newTtl: 300, lowerBefore: 3600, seed: 3 });
    expect(r.bound).toBe(86400 - 3600);
    expect(r.worst).toBeLessThanOrEqual(r.bound);
    expect(r.worst).toBeGreaterThan(300);
  });

  it("bounds the tail by the new TTL when the TTL was lowered at least one old TTL ahead", () => {
    for (let seed = 1; seed <= 5; seed++) {
      const r = runMigration({ oldTtl: 86400, newTtl: 300, lowerBefore: 90000, seed });
      expect(r.bound).toBe(300);
      expect(r.worst).toBeLessThanOrEqual(300);
      expect(r.resolvers.flat().filter((c) => c.from >= 0).every((c) => c.address === "new")).toBe(true);
    }
  });
});
