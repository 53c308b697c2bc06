/**
 * Hidden tests for the router lab (the score). Every expectation comes from
 * the tests' own router (oracle.ts, on the runtime's wire formats), which
 * accepts both quotes RFC 792 and RFC 1812 allow. Fixed cases cover each
 * rule's edges; property tests draw random routers and datagrams from the
 * grading seed; the network tests run the course topology.
 */
import { defineTests, expectBytes, fail, fromHex, toHex, type TestContext } from "#labs/kit/index.ts";
import { checkProperty, fc, showValue } from "#labs/kit/property.ts";
import { MOMENT_MARK } from "#labs/kit/trace.ts";
import type { ConfigSpec, NetworkInput, NetworkResult } from "../scenarios.ts";
import { onesComplementSum } from "#runtime/wire/checksum.ts";
import { configValue, runNetwork, type RouterName } from "../topology.ts";
import { configArbitrary, datagramsFor } from "./arbitraries.ts";
import { checkForwarded, describeConfig, explain, forward, type Expected } from "./check.ts";
import { counting, datagram, fixChecksum, icmpPayload, options, put16, type DatagramFields } from "./datagrams.ts";
import { OracleRouter, type QuotePolicy } from "./oracle.ts";
import { RULES } from "./rules.ts";

/** A border router: LAN on 0, two upstreams on 1 and 2, a lab subnet on 3; overlapping prefixes listed shortest first. */
const CONFIG: ConfigSpec = {
  interfaces: [
    { address: "192.168.1.1", neighbours: ["192.168.1.20", "192.168.1.21"] },
    { address: "10.0.0.1", neighbours: ["10.0.0.2"] },
    { address: "172.31.0.1", neighbours: ["172.31.0.2"] },
    { address: "10.20.30.1", neighbours: ["10.20.30.40"] },
  ],
  routes: [
    { prefix: "0.0.0.0/0", interface: 1, nextHop: "10.0.0.2" },
    { prefix: "10.0.0.0/8", interface: 2, nextHop: "172.31.0.2" },
    { prefix: "10.20.0.0/16", interface: 1, nextHop: "10.0.0.2" },
    { prefix: "10.20.30.0/24", interface: 3, nextHop: null },
    { prefix: "10.20.31.7/32", interface: 2, nextHop: "172.31.0.2" },
    { prefix: "192.168.1.0/24", interface: 0, nextHop: null },
    { prefix: "172.31.0.0/24", interface: 2, nextHop: null },
    { prefix: "10.0.0.0/30", interface: 1, nextHop: null },
  ],
};

const NO_DEFAULT: ConfigSpec = { ...CONFIG, routes: CONFIG.routes.filter((r) => r.prefix !== "0.0.0.0/0") };
const HOST = "192.168.1.20";
const FAR = "93.184.216.34";

/** What the router must do with `bytes`, by the oracle under both quote policies. */
function expectation(config: ConfigSpec, bytes: Uint8Array): Expected {
  const a = new OracleRouter(configValue(config), "rfc792").forward(bytes);
  const b = new OracleRouter(configValue(config), "rfc1812").forward(bytes);
  return { accepted: a.output === null ? [null] : [a.output, b.output], why: a.why };
}

type Case = readonly [label: string, bytes: Uint8Array];

/** Sends every case through one Router built from `config` and checks each against the oracle. */
async function cases(t: TestContext, config: ConfigSpec, list: readonly Case[], offset?: number): Promise<void> {
  const results = await forward(t, [config], list.map(([, bytes]) => ({ bytes })), offset);
  list.forEach(([label, bytes], i) => checkForwarded(t, label, bytes, results[i]!, expectation(config, bytes)));
}

/** A UDP datagram from HOST to FAR (override anything). */
function udp(fields: Partial<DatagramFields> = {}): Uint8Array {
  return datagram({ src: HOST, dst: FAR, ttl: 64, payload: counting(12), ...fields });
}

/** A copy of `bytes` with `change` applied to it. */
function edited(bytes: Uint8Array, change: (b: Uint8Array) => void): Uint8Array {
  const copy = bytes.slice();
  change(copy);
  return copy;
}

export default defineTests(({ describe, it }) => {
  describe("validation", () => {
    it(
      "drops every kind of malformed header silently",
      { points: 4, rule: RULES.validate, hint: "Check, in this order: at least 20 bytes; version 4; IHL ≥ 5; IHL × 4 ≤ total length ≤ bytes received; the checksum over IHL × 4 bytes." },
      (t) => {
        const good = udp({ options: options(2) });
        return cases(t, CONFIG, [
          ["an empty buffer", new Uint8Array(0)],
          ["19 bytes", good.slice(0, 19)],
          ["version 6", fixChecksum(edited(good, (b) => (b[0] = 0x67)))],
          ["version 5 (IHL 5)", fixChecksum(edited(udp(), (b) => (b[0] = 0x55)))],
          ["IHL 4", fixChecksum(edited(udp(), (b) => (b[0] = 0x44)), 20)],
          ["IHL 0", fixChecksum(edited(udp(), (b) => (b[0] = 0x40)), 20)],
          ["IHL 4, checksum right over its 16 bytes", fixChecksum(edited(udp(), (b) => (b[0] = 0x44)), 16)],
          ["IHL 15 but only 32 bytes received", fixChecksum(edited(udp(), (b) => (b[0] = 0x4f)), 32)],
          ["IHL 7 but total length 24", fixChecksum(edited(good, (b) => put16(b, 2, 24)))],
          ["total length 19", fixChecksum(edited(udp(), (b) => put16(b, 2, 19)))],
          ["total length one past the bytes received", fixChecksum(edited(udp(), (b) => put16(b, 2, 33)))],
          ["checksum off by one", edited(udp(), (b) => (b[11] = (b[11]! + 1) & 0xff))],
          ["one bit flipped in the source address", edited(udp(), (b) => (b[13] = b[13]! ^ 0x10))],
          ["an option byte changed (the checksum covers the options)", edited(good, (b) => (b[25] = b[25]! ^ 0x01))],
          ["options left out of the checksum", fixChecksum(good.slice(), 20)],
        ]);
      },
    );

    it(
      "forwards the valid edge cases: no data, a 60-byte header, options kept, link padding removed",
      { points: 3, rule: `${RULES.options}. ${RULES.padding}`, hint: "Use IHL × 4 for the header and Total Length for the datagram: forward exactly totalLength bytes, options unchanged." },
      (t) =>
        cases(t, CONFIG, [
          ["20 bytes, no data", udp({ payload: new Uint8Array(0) })],
          ["IHL 15 (40 bytes of options)", udp({ options: options(10) })],
          ["IHL 6 with 3 bytes of link padding", udp({ options: options(1), padding: 3 })],
          ["1 byte of data and 1 byte of padding", udp({ payload: counting(1), padding: 1 })],
          ["TOS, DF and MF bits set, fragment offset 0", udp({ tos: 0xb9, flagsAndOffset: 0x6000 })],
          ["a 1500-byte datagram", udp({ payload: counting(1480) })],
        ]),
    );
  });

  describe("TTL", () => {
    it(
      "answers TTL 0 and 1 with Time Exceeded and forwards TTL 2 and 255",
      { points: 3, rule: RULES.ttl, hint: "Check `ttl <= 1` on the TTL as it arrived, before decrementing: TTL 2 leaves with 1, which the next router will refuse." },
      (t) =>
        cases(t, CONFIG, [
          ["TTL 0", udp({ ttl: 0 })],
          ["TTL 1", udp({ ttl: 1 })],
          ["TTL 2", udp({ ttl: 2 })],
          ["TTL 255", udp({ ttl: 255 })],
          ["TTL 128", udp({ ttl: 128 })],
        ]),
    );

    it(
      "checks the TTL before it looks for a route",
      { points: 2, rule: RULES.ttl, hint: "With TTL 1 and no route the datagram dies of its TTL first: Time Exceeded, not Destination Unreachable." },
      (t) =>
        cases(t, NO_DEFAULT, [
          ["TTL 1, no route to 93.184.216.34", udp({ ttl: 1 })],
          ["TTL 1, 10.20.30.99 is no neighbour", udp({ ttl: 1, dst: "10.20.30.99" })],
          ["TTL 2, no route to 93.184.216.34", udp({ ttl: 2 })],
        ]),
    );

    it(
      "sends nothing for a datagram addressed to the router itself, whatever its TTL",
      { points: 2, rule: RULES.special, hint: "Before the TTL: is the destination one of your interfaces' addresses? Then it has arrived." },
      (t) =>
        cases(t, CONFIG, [
          ["to 10.0.0.1 (interface 1), TTL 1", udp({ dst: "10.0.0.1", ttl: 1 })],
          ["to 10.20.30.1 (interface 3), TTL 64", udp({ dst: "10.20.30.1" })],
          ["to 192.168.1.1 (interface 0), TTL 0", udp({ dst: "192.168.1.1", ttl: 0 })],
        ]),
    );
  });

  describe("checksum update", () => {
    it(
      "writes 0x0000, never 0xFFFF, when the new header sums to zero (RFC 1141's form gets this wrong)",
      { points: 3, rule: RULES.checksum, hint: "Use HC' = ~(~HC + ~m + m') with end-around carry (RFC 1624 eqn. 3), or recompute the whole sum: both give 0x0000 here. HC + m + ~m' (RFC 1141) gives 0xFFFF." },
      (t) =>
        cases(t, CONFIG, [
          // Incoming checksum 0xFEFF: after the TTL drops, the rest of the header sums to 0xFFFF, so HC' = 0x0000.
          ["checksum fe ff, TTL 64", udp({ checksum: 0xfeff })],
          ["checksum fe ff, TTL 2, options", udp({ checksum: 0xfeff, ttl: 2, options: options(3) })],
          ["checksum fe ff, TTL 255", udp({ checksum: 0xfeff, ttl: 255, dst: "10.20.30.40" })],
        ]),
    );

    it(
      "accepts a header that carries 0xFFFF (one's complement's other zero) and updates it",
      { points: 2, rule: RULES.checksum, hint: "A header whose other words sum to zero may carry 0x0000 or 0xFFFF; both verify. ~HC is then 0 (or 0xFFFF): the update must still come out as a full recomputation would." },
      (t) =>
        cases(t, CONFIG, [
          ["checksum ff ff", udp({ checksum: 0xffff })],
          ["checksum 00 00 (the same header sum)", udp({ checksum: 0x0000 })],
          ["checksum ff ff with options", udp({ checksum: 0xffff, options: options(1), ttl: 9 })],
        ]),
    );

    it(
      "carries out of the top byte: checksums 0xFF00 to 0xFFFE",
      { points: 2, rule: RULES.checksum, hint: "Adding 0x0100 to 0xFF00 overflows 16 bits: the carry must come back in at the bottom (end-around carry), giving 0x0001, not 0x0000." },
      (t) =>
        cases(
          t,
          CONFIG,
          [0xff00, 0xff01, 0xff7f, 0xfffe, 0xfefe, 0x00ff, 0x0100, 0x7fff].map((checksum): Case => [`checksum ${toHex([checksum >> 8, checksum & 0xff])}`, udp({ checksum })]),
        ),
    );
  });

  describe("longest-prefix match", () => {
    it(
      "picks the most specific of overlapping routes, whatever their order",
      { points: 4, rule: RULES.lpm, hint: "The routes are listed shortest prefix first here: taking the first match gives 0.0.0.0/0 every time. Compare prefix lengths." },
      (t) =>
        cases(
          t,
          CONFIG,
          [
            "10.20.31.7", // the /32
            "10.20.31.6", // /32 - 1: the /16
            "10.20.31.8", // /32 + 1: the /16
            "10.20.30.40", // the /24, a neighbour
            "10.20.0.0", // first address of the /16
            "10.20.255.255", // last address of the /16
            "10.21.0.0", // just past the /16: the /8
            "10.19.255.255", // just before the /16: the /8
            "10.0.0.2", // the /30, a neighbour
            "10.0.0.4", // just past the /30: the /8
            "11.0.0.0", // just past the /8: the default
            "9.255.255.255", // just before the /8: the default
            "200.1.2.3", // high bit set: the default
          ].map((dst): Case => [`to ${dst}`, udp({ dst })]),
        ),
    );

    it(
      "matches prefixes of every length from /0 to /32, high bit set or not",
      { points: 3, rule: RULES.lpm, hint: "Build the mask for length n as ~0 << (32 - n), but n = 0 needs its own case: JavaScript shifts by n mod 32, so << 32 shifts by 0. Compare with >>> 0 on both sides, or XOR and test for zero." },
      async (t) => {
        const lengths = [0, 1, 2, 7, 8, 9, 15, 16, 17, 23, 24, 25, 30, 31, 32];
        for (const top of [0x80, 0x40]) {
          // A chain of nested routes around top.170.85.170, each on its own interface.
          const base = [top, 0xaa, 0x55, 0xaa] as const;
          const value = ((base[0] << 24) | (base[1] << 16) | (base[2] << 8) | base[3]) >>> 0;
          const config: ConfigSpec = {
            interfaces: lengths.map((_, i) => ({ address: `192.0.2.${i + 1}`, neighbours: [`198.51.100.${i + 1}`] })),
            routes: lengths.map((length, i) => ({ prefix: prefix(value, length), interface: i, nextHop: `198.51.100.${i + 1}` })),
          };
          // For each length, an address that matches exactly the routes up to that length.
          const list = lengths.map((length): Case => {
            const dst = length === 32 ? value : (value ^ (1 << (31 - length))) >>> 0;
            return [`${dotted(dst)} (longest match /${length})`, udp({ dst: dotted(dst), src: "198.51.100.1" })];
          });
          await cases(t, config, list);
          await cases(t, { ...config, routes: config.routes.slice(1) }, [["outside every prefix but /0", udp({ dst: dotted((value ^ 0x80000000) >>> 0), src: "198.51.100.2" })]]);
        }
      },
    );

    it(
      "with no default route, answers an address outside every prefix with Destination Unreachable (net)",
      { points: 2, rule: RULES.unreachable, hint: "No match at all: code 0 (net). A match on a connected network with no such neighbour: code 1 (host)." },
      (t) =>
        cases(t, NO_DEFAULT, [
          ["to 93.184.216.34 (no route)", udp()],
          ["to 11.0.0.0 (no route)", udp({ dst: "11.0.0.0" })],
          ["to 10.20.30.99 (connected, no such neighbour)", udp({ dst: "10.20.30.99" })],
          ["to 192.168.1.21 (connected, a neighbour)", udp({ dst: "192.168.1.21", src: "10.20.30.40" })],
          ["to 10.0.0.3 (connected /30, no such neighbour)", udp({ dst: "10.0.0.3" })],
        ]),
    );

    it(
      "agrees with an independent router on random overlapping routing tables",
      { points: 4, rule: RULES.lpm, hint: "Replay the printed router and datagrams locally: build the Router from the config and call forward() on each." },
      (t) => randomRouters(t, 1, false),
    );
  });

  describe("ICMP errors", () => {
    it(
      "quotes the datagram as it arrived: options, its own TTL and checksum, then 8 bytes of data",
      { points: 3, rule: RULES.icmpFormat, hint: "Build the error from the bytes you were given, not from your decremented copy: the quote shows the TTL and checksum the sender's datagram had." },
      (t) =>
        cases(t, CONFIG, [
          ["TTL 1 with 8 bytes of options", udp({ ttl: 1, options: options(2) })],
          ["TTL 1 with 40 bytes of options and 600 bytes of data", udp({ ttl: 1, options: options(10), payload: counting(600) })],
          ["no route, 12 bytes of data", udp({ dst: "10.20.30.77" })],
        ]),
    );

    it(
      "quotes what there is when the datagram has fewer than 8 data bytes, and never the link padding",
      { points: 2, rule: RULES.icmpFormat, hint: "Quote min(totalLength, header + 8) bytes: bytes after Total Length are padding, not data." },
      (t) =>
        cases(t, CONFIG, [
          ["no data", udp({ ttl: 1, payload: new Uint8Array(0) })],
          ["3 data bytes", udp({ ttl: 1, payload: counting(3) })],
          ["3 data bytes and 5 of padding", udp({ ttl: 1, payload: counting(3), padding: 5 })],
          ["8 data bytes and 2 of padding", udp({ ttl: 0, payload: counting(8), padding: 2 })],
        ]),
    );

    it(
      "sends the error from the interface that leads back to the sender, to the right next hop",
      { points: 3, rule: RULES.icmpSource, hint: "Route the error like any datagram: longest-prefix match on the offending datagram's SOURCE; its source address is that route's interface address, its next hop the route's (or the sender itself when connected)." },
      (t) =>
        cases(t, CONFIG, [
          ["from a LAN host (interface 0, connected)", udp({ ttl: 1, src: "192.168.1.21" })],
          ["from the lab subnet (interface 3, connected)", udp({ ttl: 1, src: "10.20.30.40" })],
          ["from 10.9.9.9 (back by the /8, via 172.31.0.2)", udp({ ttl: 1, src: "10.9.9.9" })],
          ["from far away (back by the default route)", udp({ ttl: 1, src: "8.8.8.8", dst: HOST })],
          ["from 10.20.31.7 (back by the /32)", udp({ ttl: 1, src: "10.20.31.7" })],
        ]),
    );

    it(
      "folds every carry of the ICMP checksum: a message that sums to 0x0001 gets checksum 0xFFFE",
      { points: 1, rule: RULES.icmpFormat, hint: "Fold the carries until the sum fits in 16 bits (0x10000 counts as 1): a sum of 0x10000 is 0x0001, whose checksum is 0xFFFE, not 0xFFFF." },
      (t) => cases(t, CONFIG, [["TTL 1, data chosen so the Time Exceeded message sums to 0x0001", icmpSumsToOne()]]),
    );

    it(
      "sends nothing when the error cannot be routed back",
      { points: 2, rule: RULES.icmpSource, hint: "If the source has no route, or sits on a connected network where it is no neighbour, drop the error too: never answer with a second error." },
      (t) =>
        cases(t, NO_DEFAULT, [
          ["from 8.8.8.8 (no route back)", udp({ ttl: 1, src: "8.8.8.8", dst: HOST })],
          ["from 192.168.1.99 (no such neighbour)", udp({ ttl: 1, src: "192.168.1.99" })],
          ["from 192.168.1.99, no route to 93.184.216.34", udp({ src: "192.168.1.99" })],
        ]),
    );

    it(
      "never sends an error about an ICMP error, but does about ICMP queries",
      { points: 3, rule: RULES.noIcmp, hint: "Look at the ICMP type, the first byte after the IP header (IHL × 4, options!): 3, 4, 5, 11 and 12 are errors. Echo (8, 0) and others are not." },
      (t) =>
        cases(t, CONFIG, [
          ...[3, 4, 5, 11, 12, 0, 8, 13, 14, 255].map((type): Case => [`ICMP type ${type}, TTL 1`, udp({ ttl: 1, protocol: 1, payload: icmpPayload(type) })]),
          ["ICMP type 11 after 8 bytes of options, no route", udp({ protocol: 1, dst: "10.20.30.77", options: options(2), payload: icmpPayload(11) })],
          ["ICMP type 8 after 8 bytes of options, no route", udp({ protocol: 1, dst: "10.20.30.77", options: options(2), payload: icmpPayload(8) })],
          ["protocol 17 whose first data byte is 11", udp({ ttl: 1, payload: icmpPayload(11) })],
          ["ICMP with no data at all, TTL 1", udp({ ttl: 1, protocol: 1, payload: new Uint8Array(0) })],
        ]),
    );

    it(
      "never sends an error about a fragment other than the first",
      { points: 2, rule: RULES.noIcmp, hint: "The fragment offset is the low 13 bits of bytes 6-7; only offset 0 may get an error, with or without MF." },
      (t) =>
        cases(t, CONFIG, [
          ["offset 8 bytes (1), TTL 1", udp({ ttl: 1, flagsAndOffset: 0x0001 })],
          ["offset 1 with MF, no route", udp({ flagsAndOffset: 0x2001, dst: "10.20.30.77" })],
          ["the largest offset, DF set, TTL 0", udp({ ttl: 0, flagsAndOffset: 0x5fff })],
          ["offset 0 with MF (the first fragment), TTL 1", udp({ ttl: 1, flagsAndOffset: 0x2000 })],
          ["offset 0 with DF and the reserved bit, TTL 1", udp({ ttl: 1, flagsAndOffset: 0xc000 })],
          ["offset 1 forwarded normally", udp({ flagsAndOffset: 0x0001 })],
        ]),
    );

    it(
      "never sends an error to a source that is no single host",
      { points: 2, rule: RULES.noIcmp, hint: "Sources in 0.0.0.0/8, 127.0.0.0/8 or 224.0.0.0 and up get no error; 1.0.0.0, 126.255.255.255, 128.0.0.0 and 223.255.255.255 do." },
      (t) =>
        cases(
          t,
          CONFIG,
          ["0.0.0.0", "0.255.255.255", "127.0.0.0", "127.255.255.255", "224.0.0.0", "240.0.0.1", "255.255.255.255", "1.0.0.0", "126.255.255.255", "128.0.0.0", "223.255.255.255"].map(
            (src): Case => [`TTL 1 from ${src}`, udp({ ttl: 1, src })],
          ),
        ),
    );
  });

  describe("special destinations", () => {
    it(
      "never forwards to multicast, reserved or broadcast addresses (224.0.0.0 and up)",
      { points: 2, rule: RULES.special, hint: "Compare the destination as an unsigned number: (dst >>> 0) >= 0xe0000000. A signed comparison misses them all." },
      (t) =>
        cases(
          t,
          CONFIG,
          ["224.0.0.0", "224.0.0.1", "239.255.255.255", "240.0.0.1", "255.255.255.255", "223.255.255.255"].flatMap((dst): Case[] => [
            [`to ${dst}`, udp({ dst })],
            [`to ${dst}, TTL 1`, udp({ dst, ttl: 1 })],
          ]),
        ),
    );
  });

  describe("buffers and instances", () => {
    it(
      "reads a datagram handed over as a view into a larger buffer",
      { points: 2, rule: RULES.copies, hint: "A Uint8Array may start at a non-zero byteOffset of its buffer: index the array itself (or use a DataView with byteOffset), never `new Uint8Array(datagram.buffer)`." },
      (t) =>
        cases(
          t,
          CONFIG,
          [
            ["forwarded", udp()],
            ["TTL 1", udp({ ttl: 1, options: options(1) })],
            ["no such neighbour", udp({ dst: "10.20.30.99" })],
          ],
          5,
        ),
    );

    it(
      "keeps two routers apart and never changes what it returned",
      { points: 2, rule: RULES.copies, hint: "Keep the routes in the instance (this.routes), not in a module variable, and return a new Uint8Array for every datagram." },
      async (t) => {
        const other: ConfigSpec = {
          interfaces: [{ address: "10.0.0.2", neighbours: ["10.0.0.1"] }],
          routes: [{ prefix: "0.0.0.0/0", interface: 0, nextHop: "10.0.0.1" }],
        };
        const sent = [udp(), udp({ dst: "10.20.30.40" }), udp({ ttl: 1 }), udp({ dst: "10.0.0.2" }), udp({ src: "10.0.0.2", dst: HOST, ttl: 1 })];
        const routers = [0, 1, 0, 1, 1];
        const results = await forward(t, [CONFIG, other], sent.map((bytes, i) => ({ router: routers[i]!, bytes })));
        sent.forEach((bytes, i) => checkForwarded(t, `datagram ${i + 1} (router ${routers[i]})`, bytes, results[i]!, expectation(routers[i] === 0 ? CONFIG : other, bytes)));
      },
    );
  });

  describe("random datagrams", () => {
    it(
      "agrees with an independent router on random valid and malformed datagrams",
      { points: 6, rule: `${RULES.validate}; ${RULES.ttl}; ${RULES.lpm}; ${RULES.icmpFormat}; ${RULES.noIcmp}`, hint: "The message shows the smallest router and datagram that fail: build that Router and call forward() on it locally." },
      (t) => randomRouters(t, 2, true),
    );
  });

  describe("in the network", () => {
    it(
      "runs a traceroute through three of your routers",
      { points: 3, rule: RULES.network, hint: "Each probe with TTL n should die at the n-th router with Time Exceeded from that router's interface facing the client; TTL 4 reaches the server, whose echo comes back." },
      (t) => network(t, ["r1", "r2", "r3"], traceroute(true)),
    );

    it(
      "works beside the runtime's own routers",
      { points: 2, rule: RULES.network, hint: "Only r2 is yours here: the datagrams it forwards must be ones the runtime's routers and hosts accept (valid checksum, TTL decremented)." },
      (t) => network(t, ["r2"], traceroute(false)),
    );
  });
});

/**
 * A TTL-1 datagram with 8 data bytes whose first data word makes the Time
 * Exceeded message about it (0b 00, checksum, 4 zero bytes, the datagram)
 * sum to 0x0001 in one's complement: the checksum must then be 0xFFFE.
 */
function icmpSumsToOne(): Uint8Array {
  const bytes = udp({ ttl: 1, payload: new Uint8Array(8) });
  const others = onesComplementSum(Uint8Array.of(0x0b, 0x00), 0, 2, onesComplementSum(bytes));
  const word = onesComplementSum(Uint8Array.of(0x00, 0x01, (~others >> 8) & 0xff, ~others & 0xff));
  put16(bytes, 20, word);
  return bytes;
}

function prefix(value: number, length: number): string {
  const mask = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
  return `${dotted((value & mask) >>> 0)}/${length}`;
}

function dotted(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 0xff}.${(value >>> 8) & 0xff}.${value & 0xff}`;
}

/** Random routers, each with random datagrams, compared with the oracle one by one. */
async function randomRouters(t: TestContext, salt: number, views: boolean): Promise<void> {
  const arbitrary = configArbitrary.chain((config) => fc.record({ config: fc.constant(config), datagrams: datagramsFor(config), offset: views ? fc.constantFrom(0, 0, 3) : fc.constant(0) }));
  await checkProperty(
    t,
    {
      arbitrary,
      runs: 120,
      salt,
      show: (input) => [`router: ${describeConfig(input.config)}`, ...input.datagrams.map((d, i) => `datagram ${i + 1}: ${toHex(d)}`), ...(input.offset > 0 ? [`(each at byteOffset ${input.offset})`] : [])].join("\n"),
    },
    async ({ config, datagrams, offset }) => {
      const results = await forward(t, [config], datagrams.map((bytes) => ({ bytes })), offset === 0 ? undefined : offset);
      datagrams.forEach((bytes, i) => checkForwarded(t, `datagram ${i + 1}`, bytes, results[i]!, expectation(config, bytes)));
    },
  );
}

// ---------------------------------------------------------------------------
// The course topology

/** Probes from the client; `own`: also one for r3's own address (the runtime's Router would loop it between r2 and r3). */
function traceroute(own: boolean): NetworkInput["probes"] {
  const probe = (dst: string, ttl: number, protocol = 17) =>
    toHex(datagram({ src: "10.1.0.10", dst, ttl, protocol, identification: 0x4000 + ttl, payload: protocol === 1 ? icmpPayload(8) : udpEcho(dst) }));
  return [
    ...[1, 2, 3, 4].map((ttl) => probe("10.3.0.10", ttl)),
    probe("10.3.0.99", 64),
    probe("192.0.2.1", 64),
    probe("10.3.0.10", 2, 1),
    ...(own ? [probe("10.255.23.3", 64)] : []),
  ];
}

/** A UDP datagram to the server's echo port; the checksum is left 0 (none), which RFC 768 allows. */
function udpEcho(_dst: string): Uint8Array {
  return Uint8Array.from([0x82, 0x9a, 0x00, 0x07, 0x00, 0x0d, 0x00, 0x00, 0x70, 0x69, 0x6e, 0x67, 0x21]);
}

async function network(t: TestContext, learnerRouters: readonly RouterName[], probes: readonly string[]): Promise<void> {
  const input: NetworkInput = { learnerRouters, probes };
  t.step(`topology: client 10.1.0.10 — r1 — r2 — r3 — server 10.3.0.10; your Router runs ${learnerRouters.join(", ")}`);
  probes.forEach((hex, i) => t.step(`the client sends at ${i} ms: ${hex}`));
  const actual = await t.run<NetworkResult>("network", input);
  if (actual.faults.length > 0) fail(`Your routers did something impossible:\n  ${actual.faults.join("\n  ")}`);
  const expected = (policy: QuotePolicy) =>
    runNetwork(input, (_name, config) => {
      const oracle = new OracleRouter(config, policy);
      return (bytes) => oracle.forward(bytes).output;
    }).result;
  const wanted = [expected("rfc792"), expected("rfc1812")];
  if (wanted.some((w) => sameArrivals(w, actual))) return;
  const w = wanted[0]!;
  const at = firstDifference(w, actual);
  for (const hop of actual.hops.slice(0, 40)) t.step(`${(hop.timeNs / 1e6).toFixed(4)} ms ${hop.router} received ${hop.received.slice(0, 60)}… → ${hop.action.slice(0, 120)}`);
  const [e, g] = [w.arrivals[at], actual.arrivals[at]];
  // When it went wrong: the earlier of the two arrivals that differ (a missing one at the time it was due).
  const momentNs = Math.min(e?.timeNs ?? Infinity, g?.timeNs ?? Infinity);
  if (Number.isFinite(momentNs)) t.step(`${MOMENT_MARK} ${(momentNs / 1e6).toFixed(4)} ms arrival ${at + 1} at the hosts differs from what routers following the rules deliver`);
  if (e !== undefined && g !== undefined && e.host === g.host) {
    const [got, want] = [fromHex(g.datagram), fromHex(e.datagram)];
    expectBytes(got, want, `Arrival ${at + 1} at ${e.host} is ${explain(got)}; routers following the rules deliver ${explain(want)}`);
  }
  const show = (a: NetworkResult["arrivals"][number] | undefined) => (a === undefined ? "nothing" : `${a.host} at ${(a.timeNs / 1e6).toFixed(4)} ms: ${a.datagram}`);
  fail(
    [
      `Arrival ${at + 1} at the hosts differs from what routers following the rules deliver (${w.arrivals.length} arrivals expected, ${actual.arrivals.length} seen).`,
      `  expected ${show(w.arrivals[at])}`,
      `  got      ${show(actual.arrivals[at])}`,
      `Expected arrivals: ${showValue(w.arrivals.map((a) => `${a.host} ${a.datagram.slice(0, 84)}`))}`,
    ].join("\n"),
  );
}

function sameArrivals(a: NetworkResult, b: NetworkResult): boolean {
  return a.arrivals.length === b.arrivals.length && firstDifference(a, b) === a.arrivals.length;
}

function firstDifference(a: NetworkResult, b: NetworkResult): number {
  let i = 0;
  while (i < a.arrivals.length && i < b.arrivals.length) {
    const x = a.arrivals[i]!;
    const y = b.arrivals[i]!;
    if (x.host !== y.host || x.timeNs !== y.timeNs || x.datagram !== y.datagram) break;
    i++;
  }
  return i;
}
