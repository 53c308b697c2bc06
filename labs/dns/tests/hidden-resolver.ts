/**
 * Hidden tests of the dns lab's resolver: each runs the learner's Resolver
 * against simulated name servers (servers.ts) and compares every query sent
 * and every answer with what the rules give, worked out by hand and written
 * below. A reply comes 20 ms after its query; onTimer runs every 100 ms.
 */
import type { TestRegistry } from "#labs/kit/define-tests.ts";
import { fail, type TestContext } from "#labs/kit/index.ts";
import type { Behaviour, ResolveInput, ServerSpec, SpoofKind } from "../scenarios.ts";
import { server } from "../world.ts";
import { checkResolve, expectResolve, resolveRun, type LookupExpectation } from "./check.ts";
import { RULES } from "./rules.ts";
import { queryHex } from "./oracle.ts";

const R = "198.41.0.4";
/** A second root server, only in the roots of one run. */
const R2 = "199.9.14.201";
const T = "192.5.6.30";
const ORG = "199.19.56.1";
const E1 = "203.0.113.53";
const E2 = "203.0.113.54";
const E3 = "203.0.113.55";
const X = "198.51.100.53";

const EXAMPLE_COM = [
  "example.com 3600 SOA ns1.example.com hostmaster.example.com 1 7200 3600 1209600 300",
  "example.com 172800 NS ns1.example.com",
  "example.com 172800 NS ns2.example.com",
  "ns1.example.com 172800 A 203.0.113.53",
  "ns1.example.com 172800 A 203.0.113.55",
  "ns2.example.com 172800 A 203.0.113.54",
  "www.example.com 300 A 203.0.113.10",
  "www.example.com 200 A 203.0.113.11",
  "alias.example.com 3600 CNAME www.example.com",
  "chain.example.com 60 CNAME alias.example.com",
  "web.example.com 3600 CNAME www.example.net",
  "loop1.example.com 60 CNAME loop2.example.com",
  "loop2.example.com 60 CNAME loop1.example.com",
  "self.example.com 60 CNAME self.example.com",
  "cross.example.com 60 CNAME cross.example.net",
  "zcross.example.com 0 CNAME zcross.example.net",
  "entry.example.com 60 CNAME loop1.example.com",
  "gone.example.com 60 CNAME nothing.example.com",
  "zero.example.com 0 A 203.0.113.99",
];

/**
 * The test Internet. The root delegates com, net and org; 192.5.6.30 serves com and net; example.com has two name
 * servers, the first with two addresses (glue listed ns2 first); example.net's server is named only in example.org
 * (no glue); cdn.net's only in cdn.net (no glue at all); short.com's delegation lives 10 s.
 */
const ROOT_ZONE = [
  ". 86400 SOA a.root-servers.net nstld.verisign-grs.com 1 1800 900 604800 86400",
  "com 172800 NS a.gtld-servers.net",
  "net 172800 NS a.gtld-servers.net",
  "a.gtld-servers.net 172800 A 192.5.6.30",
  "org 172800 NS a0.org.afilias-nst.info",
  "a0.org.afilias-nst.info 172800 A 199.19.56.1",
];

function world(behaviours: Readonly<Record<string, Behaviour>> = {}): Pick<ResolveInput, "roots" | "servers"> {
  const s = (address: string, zones: Record<string, readonly string[]>): ServerSpec => server(address, zones, behaviours[address]);
  return {
    roots: [R],
    servers: [
      s(R, { ".": ROOT_ZONE }),
      s(R2, { ".": ROOT_ZONE }),
      s(T, {
        com: [
          "com 900 SOA a.gtld-servers.net nstld.verisign-grs.com 1 1800 900 604800 86400",
          "example.com 172800 NS ns1.example.com",
          "example.com 172800 NS ns2.example.com",
          "NS2.EXAMPLE.COM 172800 A 203.0.113.54",
          "NS1.Example.Com 172800 A 203.0.113.53",
          "NS1.Example.Com 172800 A 203.0.113.55",
          "short.com 10 NS ns.short.com",
          "ns.short.com 10 A 203.0.113.88",
          "bare.com 172800 NS ns.bare.com",
          "ns.bare.com 172800 A 203.0.113.77",
          "lame.com 172800 NS ns1.lame.com",
          "lame.com 172800 NS ns2.lame.com",
          "lame.com 172800 NS ns3.lame.com",
          "ns1.lame.com 172800 A 203.0.113.66",
          "ns2.lame.com 172800 A 203.0.113.67",
          "ns3.lame.com 172800 A 203.0.113.68",
        ],
        net: [
          "net 900 SOA a.gtld-servers.net nstld.verisign-grs.com 1 1800 900 604800 86400",
          "example.net 172800 NS ns1.example.org",
          "shop.net 172800 NS ns.missing.org",
          "shop.net 172800 NS ns1.example.org",
          "cdn.net 172800 NS ns.cdn.net",
          "deep.net 172800 NS ns1.example.org",
          "deep.net 172800 NS ns.missing.org",
        ],
      }),
      s(ORG, {
        org: ["org 900 SOA a0.org.afilias-nst.info noc.afilias-nst.info 1 1800 900 604800 86400", "example.org 86400 NS ns1.example.org", "ns1.example.org 86400 A 198.51.100.53"],
      }),
      s(X, {
        "example.org": ["example.org 30 SOA ns1.example.org hostmaster.example.org 1 7200 3600 1209600 600", "ns1.example.org 86400 A 198.51.100.53"],
        "example.net": ["example.net 3600 SOA ns1.example.org hostmaster.example.net 1 7200 3600 1209600 600", "www.example.net 600 A 198.51.100.80", "cross.example.net 60 CNAME cross.example.com", "zcross.example.net 60 CNAME zcross.example.com"],
        "shop.net": ["shop.net 3600 SOA ns1.example.org hostmaster.shop.net 1 7200 3600 1209600 600", "www.shop.net 60 A 198.51.100.90"],
        "deep.net": ["deep.net 3600 SOA ns1.example.org hostmaster.deep.net 1 7200 3600 1209600 600", "sub.deep.net 3600 NS ns.cdn.net"],
      }),
      s(E1, { "example.com": EXAMPLE_COM }),
      s(E2, { "example.com": EXAMPLE_COM }),
      s(E3, { "example.com": EXAMPLE_COM }),
      s("203.0.113.88", { "short.com": ["short.com 3600 SOA ns.short.com h.short.com 1 2 3 4 300", "a.short.com 3600 A 192.0.2.1", "b.short.com 3600 A 192.0.2.2"] }),
      s("203.0.113.77", { "bare.com": ["www.bare.com 60 A 192.0.2.77"] }),
      // ns1.lame.com refers to lame.com again (the same zone); ns2.lame.com refers back up to com; ns3.lame.com answers.
      s("203.0.113.66", { com: ["lame.com 172800 NS ns1.lame.com", "ns1.lame.com 172800 A 203.0.113.66"] }),
      s("203.0.113.67", { ".": ["com 172800 NS a.gtld-servers.net", "a.gtld-servers.net 172800 A 192.5.6.30"] }),
      s("203.0.113.68", { "lame.com": ["lame.com 3600 SOA ns3.lame.com h.lame.com 1 2 3 4 300", "www.lame.com 60 A 192.0.2.68"] }),
    ],
  };
}

type Lookup = readonly [name: string, type: number, atMs: number];

function run(t: TestContext, lookups: readonly Lookup[], expected: readonly LookupExpectation[], behaviours?: Readonly<Record<string, Behaviour>>, spoofs?: ResolveInput["spoofs"]): Promise<void> {
  const input: ResolveInput = { ...world(behaviours), seed: t.seed, lookups: lookups.map(([name, type, atMs]) => ({ name, type, atMs })), ...(spoofs === undefined ? {} : { spoofs }) };
  return expectResolve(t, input, expected);
}

/** A name of 230 bytes on the wire in example.com: its query is 257 bytes long. */
const LONG = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(24)}.example.com`;
const WWW = ["www.example.com 300 A 203.0.113.10", "www.example.com 200 A 203.0.113.11"];
const q = (to: string, name: string, type = "A", tcp = false) => `${to} ${tcp ? "TCP" : "UDP"} ${name} ${type}`;
const SERVFAIL = 2;
const NXDOMAIN = 3;
/**
 * Seeds at which, resolving www.example.net, a port drawn as id = random() & 0xFFFF then port = 1024 + random() % 64512 hits an edge:
 * 2870, query 2: random() % 64512 = 64511 (port 65535); 9206, query 4: random() % 64512 = 0 (port 1024); 18793, query 5: random() % 64513 = 64512.
 */
const EDGE_SEEDS = [2870, 9206, 18793];

export function resolverTests({ describe, it }: TestRegistry): void {
  describe("referrals", () => {
    it(
      "follows referrals with glue, asking the name servers in NS order, each name's addresses in order",
      { points: 3, rule: RULES.referral, hint: "The glue comes in any order: walk the NS records in order and, for each, take its A records from the additional section. ns1.example.com is first, so 203.0.113.53." },
      async (t) => {
        await run(t, [["www.example.com", 1, 0]], [{ queries: [q(R, "www.example.com"), q(T, "www.example.com"), q(E1, "www.example.com")], rcode: 0, records: WWW }]);
        // Two roots: the referral from the first replaces the list, so the second root is never asked.
        t.step("— with two root servers:");
        await expectResolve(t, { ...world(), roots: [R, R2], seed: t.seed, lookups: [{ name: "www.example.com", type: 1, atMs: 0 }] }, [
          { queries: [q(R, "www.example.com"), q(T, "www.example.com"), q(E1, "www.example.com")], rcode: 0, records: WWW },
        ]);
      },
    );

    it(
      "resolves a zone's own name, where the referral's zone is the name itself",
      { points: 1, rule: RULES.referral, hint: "example.com is at or above example.com: a referral to the name itself is progress." },
      (t) =>
        run(t, [["example.com", 6, 0], ["example.com", 16, 1000]], [
          { queries: [q(R, "example.com", "SOA"), q(T, "example.com", "SOA"), q(E1, "example.com", "SOA")], rcode: 0, records: ["example.com 3600 SOA ns1.example.com hostmaster.example.com 1 7200 3600 1209600 300"] },
          // example.com's own delegation is cached now: the name itself is the closest zone, so its server is asked straight away.
          { queries: [q(E1, "example.com", "TXT")], rcode: 0, records: [] },
        ]),
    );

    it(
      "looks up the address of a name server that came without glue, then asks it",
      { points: 3, rule: RULES.glueless, hint: "example.net's server is ns1.example.org and the net server gives no address for it: resolve ns1.example.org A (from the root: org is not cached), then ask that address about www.example.net." },
      (t) =>
        run(t, [["www.example.net", 1, 0]], [
          {
            queries: [q(R, "www.example.net"), q(T, "www.example.net"), q(R, "ns1.example.org"), q(ORG, "ns1.example.org"), q(X, "ns1.example.org"), q(X, "www.example.net")],
            rcode: 0,
            records: ["www.example.net 600 A 198.51.100.80"],
          },
        ]),
    );

    it(
      "moves on to the next name server when the first one's address cannot be found",
      { points: 2, rule: RULES.glueless, hint: "ns.missing.org does not exist (NXDOMAIN): try the next NS name, ns1.example.org. The org delegation is cached by then, so its lookup starts at the org server." },
      (t) =>
        run(t, [["www.shop.net", 1, 0]], [
          {
            queries: [q(R, "www.shop.net"), q(T, "www.shop.net"), q(R, "ns.missing.org"), q(ORG, "ns.missing.org"), q(ORG, "ns1.example.org"), q(X, "ns1.example.org"), q(X, "www.shop.net")],
            rcode: 0,
            records: ["www.shop.net 60 A 198.51.100.90"],
          },
        ]),
    );

    it(
      "fails (SERVFAIL) instead of looping when a zone's only server is named inside it without glue",
      { points: 2, rule: RULES.glueless, hint: "Looking up ns.cdn.net leads to the same glueless referral, and so to looking up ns.cdn.net again: a lookup for a name server already in progress further up fails at once." },
      (t) =>
        run(t, [["www.cdn.net", 1, 0], ["ns.cdn.net", 28, 1000], ["www.sub.deep.net", 1, 2000]], [
          { queries: [q(R, "www.cdn.net"), q(T, "www.cdn.net"), q(T, "ns.cdn.net")], rcode: SERVFAIL, records: [] },
          // Its own AAAA lookup is not a lookup of its address (type A): that one starts, and fails as above.
          { queries: [q(T, "ns.cdn.net", "AAAA"), q(T, "ns.cdn.net")], rcode: SERVFAIL, records: [] },
          // deep.net's servers come without glue (ns1.example.org, then ns.missing.org); ns1.example.org's server refers to sub.deep.net, whose
          // only server is ns.cdn.net, again without glue. The new referral's names replace the old ones: ns.missing.org is not tried.
          { queries: [q(T, "www.sub.deep.net"), q(R, "ns1.example.org"), q(ORG, "ns1.example.org"), q(X, "ns1.example.org"), q(X, "www.sub.deep.net"), q(T, "ns.cdn.net")], rcode: SERVFAIL, records: [] },
        ]),
    );

    it(
      "treats a referral to the same zone or back up the tree as lame and asks the next server",
      { points: 2, rule: `${RULES.referral}. ${RULES.servers}`, hint: "A referral is progress only when its zone is strictly below the current zone and at or above the name: lame.com again (from lame.com's server) or com are not." },
      (t) =>
        run(t, [["www.lame.com", 1, 0], ["www.lame.com", 28, 1000]], [
          { queries: [q(R, "www.lame.com"), q(T, "www.lame.com"), q("203.0.113.66", "www.lame.com"), q("203.0.113.67", "www.lame.com"), q("203.0.113.68", "www.lame.com")], rcode: 0, records: ["www.lame.com 60 A 192.0.2.68"] },
          // From the cached delegation the current zone is lame.com: ns1.lame.com's referral to lame.com is still lame.
          { queries: [q("203.0.113.66", "www.lame.com", "AAAA"), q("203.0.113.67", "www.lame.com", "AAAA"), q("203.0.113.68", "www.lame.com", "AAAA")], rcode: 0, records: [] },
        ]),
    );
  });

  describe("CNAMEs", () => {
    it(
      "follows a CNAME inside one reply and answers with the chain, then the records",
      { points: 2, rule: RULES.cname, hint: "The answer section holds alias → www.example.com and www's two A records: look for records of the type asked at the name, else a CNAME at the name, and repeat at its target." },
      (t) =>
        run(t, [["alias.example.com", 1, 0], ["alias.example.com", 1, 1000], ["chain.example.com", 1, 2000]], [
          { queries: [q(R, "alias.example.com"), q(T, "alias.example.com"), q(E1, "alias.example.com")], rcode: 0, records: ["alias.example.com 3600 CNAME www.example.com", ...WWW] },
          // The CNAME and the A RRset are both cached: the cache answers, chain and all.
          { queries: [], rcode: 0, records: ["alias.example.com 3600 CNAME www.example.com", ...WWW] },
          // Two CNAMEs in one reply: chain → alias → www.
          { queries: [q(E1, "chain.example.com")], rcode: 0, records: ["chain.example.com 60 CNAME alias.example.com", "alias.example.com 3600 CNAME www.example.com", ...WWW] },
        ]),
    );

    it(
      "follows a CNAME into another zone with a new lookup, and answers the CNAME itself when CNAME is asked",
      { points: 2, rule: RULES.cname, hint: "The target www.example.net is not in the reply: start again at step 1 for it (cache, closest servers), keeping the chain. A question for type CNAME is answered by the CNAME record." },
      (t) =>
        run(t, [["web.example.com", 1, 0], ["alias.example.com", 5, 1000]], [
          {
            queries: [q(R, "web.example.com"), q(T, "web.example.com"), q(E1, "web.example.com"), q(R, "www.example.net"), q(T, "www.example.net"), q(R, "ns1.example.org"), q(ORG, "ns1.example.org"), q(X, "ns1.example.org"), q(X, "www.example.net")],
            rcode: 0,
            records: ["web.example.com 3600 CNAME www.example.net", "www.example.net 600 A 198.51.100.80"],
          },
          { queries: [q(E1, "alias.example.com", "CNAME")], rcode: 0, records: ["alias.example.com 3600 CNAME www.example.com"] },
        ]),
    );

    it(
      "answers SERVFAIL for CNAME loops: two names, one name, across two zones, and after an entry",
      { points: 3, rule: RULES.cname, hint: "Before following a CNAME, check its target against every name the chain has passed through, including the name first asked (compare case-insensitively)." },
      (t) =>
        run(t, [["loop1.example.com", 1, 0], ["self.example.com", 1, 1000], ["cross.example.com", 1, 2000], ["zcross.example.com", 1, 3000], ["entry.example.com", 1, 4000], ["loop2.example.com", 1, 5000], ["loop1.example.com", 1, 6000]], [
          { queries: [q(R, "loop1.example.com"), q(T, "loop1.example.com"), q(E1, "loop1.example.com")], rcode: SERVFAIL, records: [] },
          { queries: [q(E1, "self.example.com")], rcode: SERVFAIL, records: [] },
          {
            queries: [q(E1, "cross.example.com"), q(R, "cross.example.net"), q(T, "cross.example.net"), q(R, "ns1.example.org"), q(ORG, "ns1.example.org"), q(X, "ns1.example.org"), q(X, "cross.example.net")],
            rcode: SERVFAIL,
            records: [],
          },
          // zcross.example.com's CNAME has TTL 0: the loop back to it must be seen in the chain, not by asking again.
          { queries: [q(E1, "zcross.example.com"), q(X, "zcross.example.net")], rcode: SERVFAIL, records: [] },
          // entry → loop1 → loop2 → loop1: the loop does not pass through the name asked.
          { queries: [q(E1, "entry.example.com")], rcode: SERVFAIL, records: [] },
          // loop2 → loop1 is cached now, as loop1 → loop2 was by the first lookup.
          { queries: [q(E1, "loop2.example.com")], rcode: SERVFAIL, records: [] },
          // Both CNAMEs come from the cache: the loop must be seen there too.
          { queries: [], rcode: SERVFAIL, records: [] },
        ]),
    );
  });

  describe("negative answers and caching", () => {
    it(
      "answers NXDOMAIN with the chain when a CNAME's target does not exist, and NODATA (NOERROR, no records) for a missing type",
      { points: 2, rule: RULES.negative, hint: "RCODE 3 after following gone → nothing: answer 3 with the CNAME. NOERROR with no answer, no referral: NODATA, rcode 0 and only the chain." },
      (t) =>
        run(t, [["gone.example.com", 1, 0], ["www.example.com", 16, 1000], ["alias.example.com", 16, 2000]], [
          { queries: [q(R, "gone.example.com"), q(T, "gone.example.com"), q(E1, "gone.example.com")], rcode: NXDOMAIN, records: ["gone.example.com 60 CNAME nothing.example.com"] },
          { queries: [q(E1, "www.example.com", "TXT")], rcode: 0, records: [] },
          { queries: [q(E1, "alias.example.com", "TXT")], rcode: 0, records: ["alias.example.com 3600 CNAME www.example.com"] },
        ]),
    );

    it(
      "caches NXDOMAIN for min(SOA TTL, MINIMUM), for every type: MINIMUM 300 below a TTL of 3600",
      { points: 3, rule: RULES.negative, hint: "The reply arrives at 60 ms with SOA TTL 3600 and MINIMUM 300: the name does not exist until 60 + 300 000 ms, for any type. At 300 060 it is asked again, straight at example.com's server." },
      (t) =>
        run(t, [["nosuch.example.com", 1, 0], ["nosuch.example.com", 16, 1000], ["nosuch.example.com", 1, 300_059], ["nosuch.example.com", 1, 300_060]], [
          { queries: [q(R, "nosuch.example.com"), q(T, "nosuch.example.com"), q(E1, "nosuch.example.com")], rcode: NXDOMAIN, records: [] },
          { queries: [], rcode: NXDOMAIN, records: [] },
          { queries: [], rcode: NXDOMAIN, records: [] },
          { queries: [q(E1, "nosuch.example.com")], rcode: NXDOMAIN, records: [] },
        ]),
    );

    it(
      "caches NXDOMAIN for min(SOA TTL, MINIMUM): a TTL of 30 below MINIMUM 600",
      { points: 2, rule: RULES.negative, hint: "Here the SOA's TTL (30) is the smaller: the negative answer lives 30 s, not MINIMUM's 600." },
      (t) =>
        run(t, [["nosuch.example.org", 1, 0], ["nosuch.example.org", 1, 30_059], ["nosuch.example.org", 1, 30_060]], [
          { queries: [q(R, "nosuch.example.org"), q(ORG, "nosuch.example.org"), q(X, "nosuch.example.org")], rcode: NXDOMAIN, records: [] },
          { queries: [], rcode: NXDOMAIN, records: [] },
          { queries: [q(X, "nosuch.example.org")], rcode: NXDOMAIN, records: [] },
        ]),
    );

    it(
      "caches NODATA for its name and type only, and no negative answer without an SOA",
      { points: 2, rule: RULES.negative, hint: "NODATA for www.example.com TXT says nothing about its A records. bare.com's server sends no SOA with its NXDOMAIN: nothing to cache." },
      (t) =>
        run(t, [["www.example.com", 16, 0], ["www.example.com", 16, 1000], ["www.example.com", 1, 2000], ["nosuch.bare.com", 1, 3000], ["nosuch.bare.com", 1, 4000]], [
          { queries: [q(R, "www.example.com", "TXT"), q(T, "www.example.com", "TXT"), q(E1, "www.example.com", "TXT")], rcode: 0, records: [] },
          { queries: [], rcode: 0, records: [] },
          { queries: [q(E1, "www.example.com")], rcode: 0, records: WWW },
          { queries: [q(T, "nosuch.bare.com"), q("203.0.113.77", "nosuch.bare.com")], rcode: NXDOMAIN, records: [] },
          { queries: [q("203.0.113.77", "nosuch.bare.com")], rcode: NXDOMAIN, records: [] },
        ]),
    );

    it(
      "keeps an RRset for its smallest TTL, and never one with TTL 0",
      { points: 3, rule: RULES.cache, hint: "www.example.com's two A records have TTLs 300 and 200: the set lives 200 s from its arrival at 60 ms, so until 200 060 ms. A TTL of 0 may answer the lookup that fetched it and nothing later." },
      (t) =>
        run(t, [["www.example.com", 1, 0], ["www.example.com", 1, 200_059], ["www.example.com", 1, 200_060], ["zero.example.com", 1, 300_000], ["zero.example.com", 1, 300_000]], [
          { queries: [q(R, "www.example.com"), q(T, "www.example.com"), q(E1, "www.example.com")], rcode: 0, records: WWW },
          { queries: [], rcode: 0, records: WWW },
          { queries: [q(E1, "www.example.com")], rcode: 0, records: WWW },
          { queries: [q(E1, "zero.example.com")], rcode: 0, records: ["zero.example.com 0 A 203.0.113.99"] },
          { queries: [q(E1, "zero.example.com")], rcode: 0, records: ["zero.example.com 0 A 203.0.113.99"] },
        ]),
    );

    it(
      "starts at the closest cached delegation (names compared case-insensitively), and falls back to the parent's when it expires",
      { points: 2, rule: `${RULES.referral}. ${RULES.cache}`, hint: "short.com's NS and glue live 10 s from 40 ms: at 5 s ask its server directly; at 10 100 ms they are gone, but com's delegation is not: ask the com server, not the root." },
      (t) =>
        run(t, [["a.short.com", 1, 0], ["B.Short.Com", 1, 5000], ["b.short.com", 28, 10_100]], [
          { queries: [q(R, "a.short.com"), q(T, "a.short.com"), q("203.0.113.88", "a.short.com")], rcode: 0, records: ["a.short.com 3600 A 192.0.2.1"] },
          { queries: [q("203.0.113.88", "b.short.com")], rcode: 0, records: ["B.Short.Com 3600 A 192.0.2.2"] },
          { queries: [q(T, "b.short.com", "AAAA"), q("203.0.113.88", "b.short.com", "AAAA")], rcode: 0, records: [] },
        ]),
    );
  });

  describe("failures", () => {
    it(
      "retries over TCP, with the length in front, when a UDP reply is truncated",
      { points: 2, rule: RULES.tcp, hint: "TC = 1: send the same question to the same server with tcp: true and the message preceded by two bytes of length; use a fresh ID and port." },
      async (t) => {
        const input: ResolveInput = { ...world({ [E1]: "truncate" }), seed: t.seed, lookups: [{ name: "www.example.com", type: 1, atMs: 0 }, { name: LONG, type: 1, atMs: 1000 }] };
        const result = await resolveRun(t, input);
        checkResolve(t, input, result, [
          { queries: [q(R, "www.example.com"), q(T, "www.example.com"), q(E1, "www.example.com"), q(E1, "www.example.com", "A", true)], rcode: 0, records: WWW },
          // A 257-byte query: its length is 01 01 over TCP, both bytes needed.
          { queries: [q(E1, LONG), q(E1, LONG, "A", true)], rcode: NXDOMAIN, records: [] },
        ]);
        const [udp, tcp] = result.queries.slice(2);
        if (udp!.id === tcp!.id && udp!.fromPort === tcp!.fromPort) fail("The TCP retry reused the UDP query's ID and port: every query needs a fresh random ID and port (RFC 5452 §9).");
        for (const sent of result.queries) {
          const expected = queryHex({ id: sent.id, name: sent.name, type: sent.type, rd: false, edns: { udpSize: 1232, dnssecOk: false } });
          if (sent.hex !== expected) fail(`Every query must be encodeQuery({ id, name, type, rd: false, edns: { udpSize: 1232, dnssecOk: false } }) (${RULES.query2}), but the one sent at ${sent.atMs} ms is\n  ${sent.hex}\nnot\n  ${expected}`);
        }
      },
    );

    it(
      "moves to the next server 1000 ms after an unanswered query, and answers SERVFAIL when none is left",
      { points: 3, rule: RULES.servers, hint: "Remember when each query was sent; in onTimer, a query with now - sentAt >= 1000 is abandoned and the next address is asked. The order is ns1's addresses (.53, .55), then ns2's (.54)." },
      (t) =>
        run(
          t,
          [["www.example.com", 1, 0], ["alias.example.com", 1, 10_000], ["nosuch.example.com", 1, 20_001]],
          [
            { queries: [q(R, "www.example.com"), q(T, "www.example.com"), q(E1, "www.example.com"), q(E3, "www.example.com"), q(E2, "www.example.com")], at: [0, 20, 40, 1100, 2100], rcode: 0, records: WWW },
            { queries: [q(E1, "alias.example.com"), q(E3, "alias.example.com"), q(E2, "alias.example.com")], at: [10_000, 11_000, 12_000], rcode: 0, records: ["alias.example.com 3600 CNAME www.example.com", ...WWW] },
            // Sent at 20 001: at 21 000 only 999 ms have passed; the tick at 21 100 moves on.
            { queries: [q(E1, "nosuch.example.com"), q(E3, "nosuch.example.com"), q(E2, "nosuch.example.com")], at: [20_001, 21_100, 22_100], rcode: NXDOMAIN, records: [] },
          ],
          { [E1]: "silent", [E3]: "silent" },
        ).then(() => run(t, [["www.example.com", 1, 50]], [{ queries: [q(R, "www.example.com"), q(T, "www.example.com"), q(E1, "www.example.com"), q(E3, "www.example.com"), q(E2, "www.example.com")], at: [50, 70, 90, 1100, 2100], rcode: SERVFAIL, records: [] }], { [E1]: "silent", [E2]: "silent", [E3]: "silent" })),
    );

    it(
      "asks the next server after a SERVFAIL reply",
      { points: 2, rule: RULES.servers, hint: "An RCODE other than 0 and 3 says nothing about the name: ask the next address of the same list." },
      (t) => run(t, [["www.example.com", 1, 0]], [{ queries: [q(R, "www.example.com"), q(T, "www.example.com"), q(E1, "www.example.com"), q(E3, "www.example.com")], rcode: 0, records: WWW }], { [E1]: "servfail" }),
    );
  });

  describe("spoofing", () => {
    const spoofed = (kinds: readonly SpoofKind[], query: number) => async (t: TestContext) => {
      for (const kind of kinds) {
        t.step(`— a forged reply (${kind}) to query ${query + 1}:`);
        await run(t, [["www.example.com", 1, 0]], [{ queries: [q(R, "www.example.com"), q(T, "www.example.com"), q(E1, "www.example.com")], rcode: 0, records: WWW }], undefined, [{ query, kind }]);
      }
    };

    it(
      "ignores replies from the wrong address, from a port other than 53, to another port, or over the other transport",
      { points: 3, rule: RULES.spoofing, hint: "Match the packet to your outstanding query by transport, sender address, sender port 53 and your source port before anything else; ignore (return []) what does not match." },
      spoofed(["source", "source-port", "dest-port", "tcp"], 1),
    );

    it(
      "ignores replies with another ID, another question (name, type, class, or none), QR = 0, or bytes that do not decode",
      { points: 3, rule: RULES.spoofing, hint: "Then decode (a decode error: ignore it), and check QR = 1, the ID, and that the one question is yours (name case-insensitively, type, class IN)." },
      spoofed(["id", "name", "type", "class", "no-question", "not-response", "malformed"], 2),
    );

    it(
      "ignores a second copy of a reply it already accepted",
      { points: 2, rule: RULES.spoofing, hint: "Once a reply is accepted, forget the query: a duplicate (the network may deliver one twice) must not be handled again." },
      spoofed(["duplicate"], 0),
    );

    it(
      "accepts a reply whose question differs only in letter case",
      { points: 1, rule: RULES.spoofing, hint: "Names compare case-insensitively (RFC 4343): wWw.eXaMpLe.cOm is your question. Its answers (owner names compressed to the question) keep that case, and the cache finds them for www.example.com." },
      // The server's compression points the answers' owner at its question, so they come back in its case too: answers are kept as received.
      (t) =>
        run(
          t,
          [["www.example.com", 1, 0], ["www.example.com", 1, 1000]],
          [
            { queries: [q(R, "www.example.com"), q(T, "www.example.com"), q(E1, "www.example.com")], rcode: 0, records: WWW.map((r) => r.replace("www.example.com", "wWw.eXaMpLe.cOm")) },
            { queries: [], rcode: 0, records: WWW.map((r) => r.replace("www.example.com", "wWw.eXaMpLe.cOm")) },
          ],
          { [E1]: "case" },
        ),
    );

    it(
      "draws a fresh random ID and source port for every query, from random()",
      { points: 2, rule: RULES.spoofing, hint: "Call random() for each query: id = random() & 0xFFFF, port = 1024 + random() % 64512 (or any uniform draw). A counter, a constant or a value from the clock is guessable." },
      async (t) => {
        const draw = async (seed: number) => {
          const input: ResolveInput = { ...world(), seed, lookups: [{ name: "www.example.net", type: 1, atMs: 0 }] };
          const result = await resolveRun(t, input);
          checkResolve(t, input, result, []);
          return result.queries;
        };
        const first = await draw(t.seed);
        const second = await draw(t.seed + 1);
        const ids = first.map((x) => x.id);
        const ports = first.map((x) => x.fromPort);
        t.step(`IDs ${ids.join(", ")}; ports ${ports.join(", ")}; with another random(): IDs ${second.map((x) => x.id).join(", ")}`);
        if (new Set(ids).size !== ids.length) fail(`Two queries of one lookup had the same ID (${ids.join(", ")}): draw a new one for every query.`);
        if (new Set(ports).size !== ports.length) fail(`Two queries of one lookup came from the same port (${ports.join(", ")}): draw a new one for every query.`);
        if (ids.slice(1).every((id, i) => ((id - ids[i]! + 0x10000) & 0xffff) === 1)) fail(`The IDs count up by one (${ids.join(", ")}): an attacker can guess the next one.`);
        if (second.map((x) => x.id).join() === ids.join() || second.map((x) => x.fromPort).join() === ports.join()) {
          fail("With another random() the IDs or the ports came out the same: they must come from random(), not from a fixed rule.");
        }
        // At EDGE_SEEDS a port drawn as the hint says lands on 65535 or 1024: a range off by one gives 65536 or 1023, which checkResolve and the network refuse.
        const sent = [...first, ...second];
        for (const seed of EDGE_SEEDS) sent.push(...(await draw(seed)));
        const all = sent.map((x) => x.id);
        for (let bit = 0; bit < 16; bit++) {
          const set = all.filter((id) => (id >> bit) & 1).length;
          if (set === 0 || set === all.length) fail(`Bit ${bit} of the ID is ${set === 0 ? 0 : 1} in all ${all.length} queries (${all.join(", ")}): an ID is 16 random bits (RFC 5452 §9.1), each 0 or 1 at random.`);
        }
      },
    );
  });
}
