/**
 * The route lookup and notification simulations' recordings (class
 * edition, issue 17): they cover what the pages open with and every value
 * their class-edition controls offer, and a run survives the JSON the
 * replay fetches.
 */
import { describe, expect, it } from "vitest";
import { parseIpv4Address } from "#runtime/wire/address.ts";
import { CLASS_TTLS, SAMPLE_DESTINATIONS } from "#site/simulations/models-and-layers/routing-controls.ts";
import { recording as routing } from "#site/simulations/models-and-layers/routing.model.ts";
import { lookUpRoute } from "#site/simulations/models-and-layers/routing.recorded.ts";
import { NotRecorded } from "#site/simulations/recorded/replay.ts";
import { CLASS_SEEDS, DELAYS, INTERVALS, RATES } from "#site/simulations/patterns/notify-controls.ts";
import { recording as notify } from "#site/simulations/patterns/notify.model.ts";

describe("recorded route lookups", () => {
  it("records every listed destination at every offered TTL, the page's TTL 64 among them, each under its own key", () => {
    const space = [...routing.space()];
    expect(CLASS_TTLS).toContain(64);
    expect(space.length).toBe(SAMPLE_DESTINATIONS.length * CLASS_TTLS.length);
    expect(new Set(space.map((c) => `${routing.file(c)}:${routing.key(c)}`)).size).toBe(space.length);
    expect(new Set(space.map((c) => c.destination))).toEqual(new Set(SAMPLE_DESTINATIONS.map((d) => parseIpv4Address(d.address))));
  });

  it("replays what the live model shows: the loop's TTL expiry and the lab host's /24", () => {
    const loop = routing.run({ destination: parseIpv4Address("10.50.0.1"), ttl: 8 });
    expect(JSON.parse(JSON.stringify(loop))).toEqual(loop);
    expect(loop.forwarding.outcome).toMatchObject({ kind: "dropped", reason: "ttl-expired" });
    const lab = routing.run({ destination: parseIpv4Address("10.20.30.40"), ttl: 64 });
    expect(lab.checks.find((c) => c.chosen)?.cidr).toBe("10.20.30.0/24");
    expect(lab.forwarding.outcome).toMatchObject({ kind: "delivered", node: "labHost" });
  });

  it("says that a typed address has no recording instead of fetching one", () => {
    expect(() => lookUpRoute({ destination: parseIpv4Address("10.20.30.7"), ttl: 64 })).toThrow(NotRecorded);
  });
});

describe("recorded notification runs", () => {
  it("records every interval, delay and rate the controls offer with seeds 1 to CLASS_SEEDS, the page's defaults among them", () => {
    const space = [...notify.space()];
    expect(space.length).toBe(INTERVALS.length * DELAYS.length * RATES.length * CLASS_SEEDS);
    expect(new Set(space.map((c) => `${notify.file(c)}:${notify.key(c)}`)).size).toBe(space.length);
    expect(space).toContainEqual({ pollIntervalMs: 2000, oneWayMs: 50, eventsPerMinute: 20, seed: 1 });
  });

  it("keeps a run whole through JSON, and different seeds give different runs", () => {
    const one = notify.run({ pollIntervalMs: 2000, oneWayMs: 50, eventsPerMinute: 20, seed: 1 });
    expect(JSON.parse(JSON.stringify(one))).toEqual(one);
    expect(notify.run({ pollIntervalMs: 2000, oneWayMs: 50, eventsPerMinute: 20, seed: 2 })).not.toEqual(one);
  });
});
