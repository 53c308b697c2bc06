/**
 * Public tests for the router lab: one fixed vector per stage, worked out
 * from the RFCs (the expected bytes are written out). The hidden tests check
 * much more, against an independent model and random datagrams.
 */
import { defineTests, fromHex, type TestContext } from "#labs/kit/index.ts";
import type { ConfigSpec } from "../scenarios.ts";
import { parseIpv4Address } from "#runtime/wire/address.ts";
import { checkForwarded, forward } from "./check.ts";
import { RULES } from "./rules.ts";

/** A home router: the LAN on interface 0, the ISP on 1, a company network on 2. */
const CONFIG: ConfigSpec = {
  interfaces: [
    { address: "192.168.1.1", neighbours: ["192.168.1.20"] },
    { address: "10.0.0.1", neighbours: ["10.0.0.2"] },
    { address: "172.31.0.1", neighbours: ["172.31.0.2"] },
  ],
  routes: [
    { prefix: "0.0.0.0/0", interface: 1, nextHop: "10.0.0.2" },
    { prefix: "192.168.1.0/24", interface: 0, nextHop: null },
    { prefix: "172.16.0.0/12", interface: 2, nextHop: "172.31.0.2" },
  ],
};

const NO_DEFAULT: ConfigSpec = { ...CONFIG, routes: CONFIG.routes.filter((r) => r.prefix !== "0.0.0.0/0") };

/** Sends one datagram (hex) through a Router built from `config` and checks the one acceptable answer. */
async function one(t: TestContext, config: ConfigSpec, sent: string, expected: { interface: number; nextHop: string; datagram: string } | null, why: string) {
  const bytes = fromHex(sent);
  const [result] = await forward(t, [config], [{ bytes }]);
  const accepted = expected === null ? null : { interface: expected.interface, nextHop: parseIpv4Address(expected.nextHop), datagram: fromHex(expected.datagram) };
  checkForwarded(t, "the datagram", bytes, result!, { accepted: [accepted], why });
}

export default defineTests(({ describe, it }) => {
  describe("forwarding", () => {
    it(
      "forwards a datagram to the default route with TTL 63 and the checksum updated",
      {
        points: 3,
        rule: RULES.checksum,
        hint: "Copy the datagram, write TTL - 1 into byte 8 and fix bytes 10-11. Here the TTL/protocol word drops by 0x0100 (40 11 → 3f 11), so the checksum rises by 0x0100: 71 02 → 72 02.",
      },
      (t) =>
        one(
          t,
          CONFIG,
          "45 00 00 20 12 34 00 00 40 11 71 02 c0 a8 01 14 5d b8 d8 22 00 01 02 03 04 05 06 07 08 09 0a 0b",
          { interface: 1, nextHop: "10.0.0.2", datagram: "45 00 00 20 12 34 00 00 3f 11 72 02 c0 a8 01 14 5d b8 d8 22 00 01 02 03 04 05 06 07 08 09 0a 0b" },
          "forward it to the default route's next hop with TTL 63",
        ),
    );

    it(
      "drops a datagram whose header checksum is wrong",
      {
        points: 2,
        rule: RULES.validate,
        hint: "Sum the header (IHL × 4 bytes) as 16-bit words with the checksum field included: an intact header sums to 0xFFFF, so internetChecksum over it is 0.",
      },
      (t) =>
        one(t, CONFIG, "45 00 00 20 12 34 00 00 40 11 71 03 c0 a8 01 14 5d b8 d8 22 00 01 02 03 04 05 06 07 08 09 0a 0b", null, "drop it silently (checksum 71 03 should be 71 02)"),
    );

    it(
      "picks the longest matching prefix: 172.20.1.1 matches /0 and /12, and /12 wins",
      {
        points: 3,
        rule: RULES.lpm,
        hint: "An address matches a route when their first prefixLength bits are equal. Compare every matching route's prefixLength, or sort the routes longest first and take the first match.",
      },
      (t) =>
        one(
          t,
          CONFIG,
          "45 00 00 1c 12 34 00 00 40 11 f9 cb c0 a8 01 14 ac 14 01 01 00 01 02 03 04 05 06 07",
          { interface: 2, nextHop: "172.31.0.2", datagram: "45 00 00 1c 12 34 00 00 3f 11 fa cb c0 a8 01 14 ac 14 01 01 00 01 02 03 04 05 06 07" },
          "forward it by 172.16.0.0/12 to 172.31.0.2",
        ),
    );
  });

  describe("ICMP errors", () => {
    it(
      "answers TTL 1 with Time Exceeded from the interface facing the sender",
      {
        points: 3,
        rule: RULES.icmpFormat,
        hint: "Build a 20-byte IP header (45 00, total length, 00 00 00 00, TTL 40, protocol 01, checksum, your interface's address, the sender's address), then 0b 00, the ICMP checksum, 00 00 00 00, and the datagram's header and first 8 data bytes exactly as they arrived.",
      },
      (t) =>
        one(
          t,
          CONFIG,
          "45 00 00 1c 12 34 00 00 01 11 b0 06 c0 a8 01 14 5d b8 d8 22 00 01 02 03 04 05 06 07",
          {
            interface: 0,
            nextHop: "192.168.1.20",
            datagram:
              "45 00 00 38 00 00 00 00 40 01 f7 5f c0 a8 01 01 c0 a8 01 14 0b 00 e8 ef 00 00 00 00 45 00 00 1c 12 34 00 00 01 11 b0 06 c0 a8 01 14 5d b8 d8 22 00 01 02 03 04 05 06 07",
          },
          "send ICMP Time Exceeded (type 11, code 0) back to 192.168.1.20 from 192.168.1.1",
        ),
    );

    it(
      "answers a datagram with no route with Destination Unreachable, code 0 (net)",
      {
        points: 2,
        rule: RULES.unreachable,
        hint: "No route matched 93.184.216.34 (this table has no default route): send type 3 code 0 back to the source, routed like any datagram.",
      },
      (t) =>
        one(
          t,
          NO_DEFAULT,
          "45 00 00 1c 12 34 00 00 40 11 71 06 c0 a8 01 14 5d b8 d8 22 00 01 02 03 04 05 06 07",
          {
            interface: 0,
            nextHop: "192.168.1.20",
            datagram:
              "45 00 00 38 00 00 00 00 40 01 f7 5f c0 a8 01 01 c0 a8 01 14 03 00 f0 ef 00 00 00 00 45 00 00 1c 12 34 00 00 40 11 71 06 c0 a8 01 14 5d b8 d8 22 00 01 02 03 04 05 06 07",
          },
          "send ICMP Destination Unreachable, code 0 (net), back to 192.168.1.20",
        ),
    );

    it(
      "answers a datagram for a missing host on a connected network with Destination Unreachable, code 1 (host)",
      {
        points: 2,
        rule: RULES.unreachable,
        hint: "192.168.1.0/24 is directly connected (next hop null) but 192.168.1.99 is not among interface 0's neighbours: code 1. The error goes back by the default route, from 10.0.0.1.",
      },
      (t) =>
        one(
          t,
          CONFIG,
          "45 00 00 1c 12 34 00 00 32 11 7e b7 5d b8 d8 22 c0 a8 01 63 00 01 02 03 04 05 06 07",
          {
            interface: 1,
            nextHop: "10.0.0.2",
            datagram:
              "45 00 00 38 00 00 00 00 40 01 3a ea 0a 00 00 01 5d b8 d8 22 03 01 f0 ee 00 00 00 00 45 00 00 1c 12 34 00 00 32 11 7e b7 5d b8 d8 22 c0 a8 01 63 00 01 02 03 04 05 06 07",
          },
          "send ICMP Destination Unreachable, code 1 (host), back to 93.184.216.34 by the default route",
        ),
    );
  });
});
