/**
 * "Use my code" for the route lookup simulation
 * (site/src/simulations/your-code/router-driver.ts): the Destination address
 * and Initial TTL become the router lab's `forward` scenario with the
 * chapter's edge router, and the learner's answer reads as a decision. Run
 * here with the lab's reference solution and starter in the Node sandbox,
 * through the lab's harness only.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileSubmission } from "#grader/compile.ts";
import { findLab } from "#grader/labs.ts";
import { startNodeSandbox } from "#grader/sandbox/node-sandbox.ts";
import type { Forwarded, ForwardInput } from "#labs/router/scenarios.ts";
import { parseIpv4 } from "#runtime/wire/ipv4.ts";
import { fromHex } from "#labs/kit/hex.ts";
import { EDGE_ROUTES } from "#site/simulations/models-and-layers/routing-controls.ts";
import { buildTable } from "#site/simulations/models-and-layers/routing.ts";
import { EDGE_CONFIG_ROUTES, EDGE_INTERFACES, describeDecision, readOutput, readTtl, routerDriver } from "#site/simulations/your-code/router-driver.ts";

type Sandbox = Awaited<ReturnType<typeof startNodeSandbox>>;
const sandboxes: Partial<Record<"solution" | "starter", Sandbox>> = {};

beforeAll(async () => {
  const lab = findLab("router");
  for (const file of ["solution", "starter"] as const) {
    const compiled = compileSubmission(readFileSync(lab.files[file], "utf8"));
    if (!compiled.ok) throw new Error(compiled.message);
    sandboxes[file] = await startNodeSandbox({ harness: lab.files.harness, learnerJs: compiled.javascript, limits: lab.limits });
  }
}, 60_000);

afterAll(async () => {
  for (const sandbox of Object.values(sandboxes)) await sandbox.close();
});

async function run(file: "solution" | "starter", destination: string, ttl: string): Promise<Forwarded> {
  const plan = routerDriver.input({ destination, ttl, pick: "" });
  if ("message" in plan) throw new Error(plan.message);
  const outcome = await sandboxes[file]!.run(plan.scenario, plan.input);
  if (!outcome.ok) throw new Error(outcome.message);
  return (outcome.value as Forwarded[])[0]!;
}

const decide = async (file: "solution" | "starter", destination: string, ttl: string) => {
  const result = await run(file, destination, ttl);
  const reading = result.output === null || result.output === undefined ? undefined : readOutput(result.output);
  return { result, reading, text: describeDecision(reading, destination, readTtl(ttl)) };
};

describe("Use my code: the route lookup simulation (router lab)", () => {
  it("gives the learner's Router the chapter's edge router: its five routes, each to its neighbour", () => {
    expect(EDGE_CONFIG_ROUTES.map((r) => r.prefix)).toEqual(EDGE_ROUTES.map((r) => r.cidr));
    for (const route of EDGE_CONFIG_ROUTES) {
      const via = EDGE_ROUTES.find((r) => r.cidr === route.prefix)!.via;
      const where = EDGE_INTERFACES[route.interface]!;
      expect(where.name).toBe(via);
      if (route.nextHop !== null) expect(where.neighbours).toContain(route.nextHop);
    }
    // Interface 0 is the client's LAN, the connected 10.1.0.0/16.
    expect(EDGE_CONFIG_ROUTES.find((r) => r.nextHop === null)).toEqual({ prefix: "10.1.0.0/16", interface: 0, nextHop: null });
  });

  it("sends the datagram the built-in model sends: UDP from the client with the chosen TTL", () => {
    const plan = routerDriver.input({ destination: " 10.20.5.5 ", ttl: "3", pick: "" });
    expect(plan).toMatchObject({ scenario: "forward" });
    const input = (plan as { input: ForwardInput }).input;
    expect(input.configs).toHaveLength(1);
    expect(input.datagrams).toHaveLength(1);
    const { repr } = parseIpv4(fromHex(input.datagrams[0]!.hex));
    expect(repr).toMatchObject({ ttl: 3, protocol: 17, dontFragment: true });
    expect([repr.src, repr.dst]).toEqual([0x0a01000a, 0x0a140505]);
    // The TTL as the built-in side reads it (routing-client.ts): 1 to 255, 64 when empty or 0.
    expect(readTtl("0")).toBe(64);
    expect(readTtl("-5")).toBe(1);
    expect(readTtl("999")).toBe(255);
    expect(readTtl("")).toBe(64);
    expect(routerDriver.input({ destination: "10.1.2", ttl: "64" })).toEqual({ message: expect.stringContaining("Type an IPv4 address") });
  });

  it.each([
    ["10.20.30.40", "lab", "10.20.30.0/24"],
    ["10.20.5.5", "campus", "10.20.0.0/16"],
    ["10.99.0.1", "core", "10.0.0.0/8"],
    ["10.50.0.1", "core", "10.0.0.0/8"],
    ["203.0.113.10", "isp", "0.0.0.0/0"],
    ["192.0.2.1", "isp", "0.0.0.0/0"],
  ])("a correct Router sends %s to %s by %s, with TTL 63 and a checksum that verifies (as the built-in edge router does)", async (destination, via, prefix) => {
    const { reading, text } = await decide("solution", destination, "64");
    expect(reading?.route?.prefix).toBe(prefix);
    expect(reading?.ttl).toBe(63);
    expect(reading?.checksumOk).toBe(true);
    expect(text).toContain(`to <strong>${via} (`);
    expect(text).toContain(`by <strong>${prefix}</strong>`);
    // The built-in model's edge router takes the same route.
    expect(buildTable().lookup(parseIpv4(fromHex((await run("solution", destination, "64")).output!.datagram)).repr.dst)).toBe(via);
  });

  it("a correct Router answers TTL 1 with ICMP Time Exceeded from its client-side address (RFC 1812 §5.3.1, §4.3.2.4)", async () => {
    const { reading, text } = await decide("solution", "10.20.30.40", "1");
    expect(reading).toMatchObject({ src: "10.1.0.1", dst: "10.1.0.10", ttl: 64, checksumOk: true, icmp: { type: 11, code: 0, checksumOk: true }, route: { prefix: "10.1.0.0/16" } });
    expect(text).toContain("<strong>ICMP Time Exceeded (type 11, code 0)</strong> from 10.1.0.1 to the client");
  });

  it("a correct Router answers a missing host on the client's LAN with Destination Unreachable, host (RFC 792)", async () => {
    const { reading, text } = await decide("solution", "10.1.7.7", "64");
    expect(reading).toMatchObject({ icmp: { type: 3, code: 1 }, dst: "10.1.0.10" });
    expect(text).toContain("Destination Unreachable (type 3, code 1, host)");
  });

  it("says when the Router sends nothing: the starter, and a datagram for the edge router itself", async () => {
    expect((await decide("starter", "10.20.30.40", "64")).text).toBe("Your Router, as the edge router, sends <strong>nothing</strong> for the datagram to 10.20.30.40.");
    expect((await decide("solution", "10.255.2.1", "64")).text).toContain("sends <strong>nothing</strong> for the datagram to 10.255.2.1 (10.255.2.1 is the edge router's own address on its campus link)");
  });
});
