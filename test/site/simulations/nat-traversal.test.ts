/**
 * The NAT traversal chapter's models (site/src/simulations/models-and-layers/
 * nat.ts and ice.ts): RFC 4787's mapping and filtering behaviours, RFC 8445's
 * priorities, and which pairs a hole punch finds for each pair of NATs.
 */
import { describe, expect, it } from "vitest";
import { Nat, type NatConfig } from "#site/simulations/models-and-layers/nat.ts";
import { candidatePriority, pairPriority, runIce, type IceOptions, type IceResult } from "#site/simulations/models-and-layers/ice.ts";

const config = (over: Partial<NatConfig>): NatConfig => ({ publicIp: "203.0.113.7", mapping: "eim", filtering: "eif", timeoutMs: 120_000, firstPort: 30000, ...over });
const inside = { ip: "10.0.0.2", port: 5000 };
const s1 = { ip: "192.0.2.10", port: 3478 };
const s1b = { ip: "192.0.2.10", port: 4000 };
const s2 = { ip: "198.51.100.9", port: 7000 };

describe("NAT mapping (RFC 4787 §4.1)", () => {
  it("endpoint-independent: one external port for every destination", () => {
    const nat = new Nat(config({ mapping: "eim" }));
    const a = nat.outbound(0, inside, s1);
    expect(nat.outbound(1, inside, s2)).toEqual(a);
    expect(nat.table(1)).toHaveLength(1);
  });
  it("address-dependent: a new port per destination address, the same for another port there", () => {
    const nat = new Nat(config({ mapping: "adm" }));
    const a = nat.outbound(0, inside, s1);
    expect(nat.outbound(1, inside, s1b)).toEqual(a);
    expect(nat.outbound(2, inside, s2).port).not.toBe(a.port);
  });
  it("address-and-port-dependent: a new port per destination address and port", () => {
    const nat = new Nat(config({ mapping: "apdm" }));
    const ports = new Set([s1, s1b, s2].map((d, i) => nat.outbound(i, inside, d).port));
    expect(ports.size).toBe(3);
  });
});

describe("NAT filtering (RFC 4787 §5)", () => {
  const cases = [
    ["eif", [true, true, true]],
    ["adf", [true, true, false]],
    ["apdf", [true, false, false]],
  ] as const;
  for (const [filtering, expected] of cases) {
    it(`${filtering}: admits ${expected.filter(Boolean).length} of (the same endpoint, same address other port, another address)`, () => {
      const nat = new Nat(config({ filtering }));
      const out = nat.outbound(0, inside, s1);
      expect([s1, s1b, s2].map((from) => nat.inbound(1, out.port, from).ok)).toEqual(expected);
    });
  }
});

describe("NAT mapping refresh (RFC 4787 §4.3)", () => {
  it("forgets an idle mapping after its timeout, and only outbound packets refresh it", () => {
    const nat = new Nat(config({ timeoutMs: 30_000 }));
    const out = nat.outbound(0, inside, s1);
    expect(nat.inbound(29_000, out.port, s1).ok).toBe(true);
    // The inbound packet at 29 s did not refresh it.
    expect(nat.inbound(30_001, out.port, s1)).toMatchObject({ ok: false });
    const again = nat.outbound(30_002, inside, s1);
    expect(again.port).not.toBe(out.port);
    nat.outbound(50_000, inside, s1);
    expect(nat.inbound(79_000, again.port, s1).ok).toBe(true);
  });
});

describe("ICE priorities (RFC 8445 §5.1.2, §6.1.2.3)", () => {
  it("computes candidate priorities from the recommended type preferences", () => {
    expect(candidatePriority("host")).toBe(2130706431);
    expect(candidatePriority("prflx")).toBe(1862270975);
    expect(candidatePriority("srflx")).toBe(1694498815);
    expect(candidatePriority("relay")).toBe(16777215);
  });
  it("computes pair priorities with the controlling side's priority as G", () => {
    expect(pairPriority(2130706431, 1694498815)).toBe(2n ** 32n * 1694498815n + 2n * 2130706431n + 1n);
    expect(pairPriority(1694498815, 2130706431)).toBe(2n ** 32n * 1694498815n + 2n * 2130706431n);
  });
});

const base: IceOptions = {
  natA: { mapping: "eim", filtering: "apdf" },
  natB: { mapping: "eim", filtering: "apdf" },
  natTimeoutS: 120,
  idleS: 60,
  keepaliveS: 0,
  gapMs: 100,
  seed: 1,
};
const kinds = (r: IceResult) => `${r.selected.A?.local.kind}->${r.selected.A?.remote.kind}`;

describe("a hole punch between two NATs", () => {
  it("works directly between two endpoint-independent-mapping NATs, even with the strictest filtering", () => {
    const r = runIce(base);
    expect(kinds(r)).toBe("host->srflx");
    // The private addresses never work across the Internet.
    const hostPair = r.pairs.A.find((p) => p.remote.kind === "host")!;
    expect(hostPair.state).toBe("failed");
    expect(hostPair.reason).toContain("private address");
  });
  it("needs the relay when one side maps per destination and the other filters per address and port", () => {
    const r = runIce({ ...base, natB: { mapping: "apdm", filtering: "apdf" } });
    expect(r.selected.A?.remote.kind === "relay" || r.selected.A?.local.kind === "relay").toBe(true);
    const direct = r.pairs.A.filter((p) => p.local.kind === "host" && p.remote.kind !== "relay");
    expect(direct.every((p) => p.state === "failed")).toBe(true);
  });
  it("finds a peer-reflexive pair when the per-destination side faces a NAT that filters only by address", () => {
    const r = runIce({ ...base, natA: { mapping: "eim", filtering: "adf" }, natB: { mapping: "apdm", filtering: "apdf" } });
    expect(kinds(r)).toBe("host->prflx");
    const learned = r.selected.A!.remote.address;
    // The peer-reflexive address is NAT B's mapping toward A, not the one B learned from STUN.
    const srflx = r.candidates.B.find((c) => c.kind === "srflx")!.address;
    expect(learned.ip).toBe(srflx.ip);
    expect(learned.port).not.toBe(srflx.port);
  });
  it("fails directly when both sides map per destination", () => {
    const r = runIce({ ...base, natA: { mapping: "apdm", filtering: "eif" }, natB: { mapping: "apdm", filtering: "eif" } });
    expect(r.pairs.A.filter((p) => p.state === "succeeded").every((p) => p.local.kind === "relay" || p.remote.kind === "relay")).toBe(true);
  });
  it("needs a retry when B starts late: A's first check is dropped at NAT B's filter, B's own check opens it", () => {
    const direct = (r: IceResult, side: "A" | "B") => r.pairs[side].find((p) => p.local.kind === "host" && p.remote.kind === "srflx")!;
    const together = runIce({ ...base, gapMs: 0 });
    expect([direct(together, "A").attempts, direct(together, "B").attempts]).toEqual([1, 1]);
    const late = runIce({ ...base, gapMs: 1000 });
    expect(direct(late, "A").attempts).toBeGreaterThan(1);
    expect(direct(late, "A").reason).toContain("at NAT B, filtered");
    expect(direct(late, "A").succeededMs).toBeGreaterThan(1200);
    expect(direct(late, "B").attempts).toBe(1);
  });
  it("stops checking a pair once it works (no endless triggered checks)", () => {
    const r = runIce({ ...base, gapMs: 0 });
    expect(r.checksEndMs).toBeLessThan(2000);
  });
  it("is the same run for the same seed", () => {
    expect(runIce(base)).toEqual(runIce(base));
    expect(runIce({ ...base, seed: 2 }).candidates.A).not.toEqual(runIce(base).candidates.A);
  });
});

describe("binding timeouts and keep-alives", () => {
  const quiet = { ...base, natTimeoutS: 30, idleS: 60 };
  it("loses the first packet after a silence longer than the NAT's timeout", () => {
    const r = runIce(quiet);
    expect(r.afterIdle.A.delivered).toBe(false);
    expect(r.afterIdle.A.reason).toContain("no mapping");
    expect(r.afterIdle.B.delivered).toBe(false);
  });
  it("keeps the path open with keep-alives more often than the timeout", () => {
    const r = runIce({ ...quiet, keepaliveS: 15 });
    expect(r.keepalives).toBe(6);
    expect(r.afterIdle).toEqual({ A: { delivered: true }, B: { delivered: true } });
  });
  it("survives the same silence without keep-alives when the NAT keeps mappings 2 minutes", () => {
    expect(runIce({ ...quiet, natTimeoutS: 120 }).afterIdle.A.delivered).toBe(true);
  });
});
