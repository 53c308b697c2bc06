/**
 * The model behind the Kubernetes networking chapter (site/src/simulations/patterns/k8s-dns.ts):
 * a pod's resolver under ndots and the cluster's search list.
 */
import { describe, expect, it } from "vitest";
import { candidates, resolveInPod, searchList, type DnsOptions } from "#site/simulations/patterns/k8s-dns.ts";

const base: DnsOptions = { name: "api.example.com", ndots: 5, nodeSearch: true, warmCache: false, seed: 1 };
const run = (extra: Partial<DnsOptions>) => resolveInPod({ ...base, ...extra });

describe("a pod's DNS lookups under ndots", () => {
  it("uses the search list Kubernetes writes, namespace first", () => {
    expect(searchList(false)).toEqual(["shop.svc.cluster.local", "svc.cluster.local", "cluster.local"]);
    expect(searchList(true).at(-1)).toBe("eu-west-1.compute.internal");
  });

  it("orders candidates by glibc's rule: search first below ndots dots, as written first at or above, never searched with a final dot", () => {
    const search = searchList(false);
    expect(candidates("api.example.com", 5, search)).toEqual([
      "api.example.com.shop.svc.cluster.local",
      "api.example.com.svc.cluster.local",
      "api.example.com.cluster.local",
      "api.example.com",
    ]);
    expect(candidates("api.example.com", 2, search)[0]).toBe("api.example.com");
    expect(candidates("a.b", 2, search)[0]).toBe("a.b.shop.svc.cluster.local");
    expect(candidates("api.example.com.", 5, search)).toEqual(["api.example.com"]);
  });

  it("makes ten queries for an outside name under ndots:5 with a node search domain, and two under ndots:1", () => {
    const r = run({});
    expect(r.queries.length).toBe(10);
    expect(r.queries.filter((q) => q.rcode === "NXDOMAIN").length).toBe(8);
    expect(r.address).toBe("192.0.2.10");
    expect(r.answeredBy).toBe("api.example.com");
    // The node's search domain and the real name leave the cluster: four upstream round trips, two at a time.
    expect(r.queries.filter((q) => q.upstream).length).toBe(4);
    expect(r.totalMs).toBeGreaterThan(2 * 12 * 0.75);
    const one = run({ ndots: 1 });
    expect(one.queries.length).toBe(2);
    expect(one.totalMs).toBeLessThan(r.totalMs / 1.5);
    expect(run({ name: "api.example.com." }).queries.length).toBe(2);
  });

  it("finds a Service in its own namespace with the first name tried, whatever ndots", () => {
    for (const ndots of [1, 2, 5]) {
      const r = run({ name: "web", ndots });
      expect(r.queries.map((q) => q.name)).toEqual(["web.shop.svc.cluster.local", "web.shop.svc.cluster.local"]);
      expect(r.address).toBe("10.96.12.34");
      // The Service has no IPv6 address: AAAA is NOERROR with no data, which still ends the search.
      expect(r.queries.find((q) => q.type === "AAAA")?.address).toBeNull();
    }
  });

  it("spends six failed queries on a fully written cluster name with four dots under ndots:5", () => {
    const r = run({ name: "db.data.svc.cluster.local", nodeSearch: false });
    expect(r.queries.length).toBe(8);
    expect(r.queries.filter((q) => q.rcode === "NXDOMAIN").length).toBe(6);
    expect(r.address).toBe("10.96.40.7");
  });

  it("answers from CoreDNS alone when its cache is warm, and fails after trying every candidate for a name that does not exist", () => {
    const warm = run({ warmCache: true });
    expect(warm.queries.every((q) => !q.upstream)).toBe(true);
    expect(warm.totalMs).toBeLessThan(5 * 0.4 * 1.25 + 1e-9);
    const missing = run({ name: "nosuch" });
    expect(missing.address).toBeNull();
    expect(missing.queries.length).toBe(10);
  });

  it("sizes each query as a real DNS message: 12-byte header, the name's labels, type and class", () => {
    const r = run({ name: "api.example.com." });
    // 12 + (1 + 3 + 1 + 7 + 1 + 3 + 1) + 4 = 33 bytes.
    expect(r.queries.map((q) => q.bytes)).toEqual([33, 33]);
  });

  it("is deterministic for a seed and changes with it", () => {
    expect(run({})).toEqual(run({}));
    expect(run({ seed: 2 }).totalMs).not.toBe(run({}).totalMs);
  });
});
