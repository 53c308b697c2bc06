/**
 * The class edition's recordings of the DNS and TCP chapters' simulations
 * (resolver, DNSSEC, handshake): every setting the class pages offer is
 * recorded under its own key, and settings that share a key give one run.
 */
import { describe, expect, it } from "vitest";
import { recording as dnssec } from "#site/simulations/dns/dnssec-recording.ts";
import { ADVANCES, classSessionActions, DEFAULT_CONFIG, LOOKUPS, type SessionAction } from "#site/simulations/dns/resolver-controls.ts";
import { recording as resolver } from "#site/simulations/dns/resolver-recording.ts";
import { CLASS_DELAY, CLASS_SEEDS, DROPPABLE_SEGMENTS } from "#site/simulations/tcp-udp/handshake-controls.ts";
import { recording as handshake } from "#site/simulations/tcp-udp/handshake-recording.ts";

const ids = <C>(r: { space(): Iterable<C>; file(c: C): string; key(c: C): string }) => [...r.space()].map((c) => `${r.file(c)}:${r.key(c)}`);

describe("recorded DNS and TCP simulations", () => {
  it("handshake: records every delay step, dropped segment and seed; a loss-free link ignores the seed", () => {
    const recorded = new Set(ids(handshake));
    for (let oneWayMs = CLASS_DELAY.min; oneWayMs <= CLASS_DELAY.max; oneWayMs += CLASS_DELAY.step) {
      for (const drop of ["none", ...DROPPABLE_SEGMENTS] as const) {
        const c = { oneWayMs, drop, lossRate: 0.3, seed: CLASS_SEEDS };
        expect(recorded.has(`${handshake.file(c)}:${handshake.key(c)}`)).toBe(true);
      }
    }
    const clean = { oneWayMs: 50, drop: "SYN", lossRate: 0 } as const;
    expect(handshake.key({ ...clean, seed: 1 })).toBe(handshake.key({ ...clean, seed: 4 }));
    expect(handshake.run({ ...clean, seed: 1 })).toEqual(handshake.run({ ...clean, seed: 4 }));
    const lossy = { oneWayMs: 50, drop: "none", lossRate: 0.3 } as const;
    expect(new Set([1, 2, 3, 4, 5].map((seed) => JSON.stringify(handshake.run({ ...lossy, seed })))).size).toBeGreaterThan(1);
  });

  it("resolver: records every session the class page allows, each under its own key", () => {
    const recorded = ids(resolver);
    expect(new Set(recorded).size).toBe(recorded.length);
    const next: SessionAction[] = [...LOOKUPS.map((l): SessionAction => ({ kind: "resolve", lookup: l.id })), ...ADVANCES.map((seconds): SessionAction => ({ kind: "advance", seconds }))];
    const slow = { ...DEFAULT_CONFIG, rootMs: 120 };
    expect(classSessionActions(DEFAULT_CONFIG)).toBe(3);
    expect(classSessionActions(slow)).toBe(1);
    const has = new Set(recorded);
    const key = (config: typeof DEFAULT_CONFIG, actions: SessionAction[]) => `${resolver.file({ config, actions })}:${resolver.key({ config, actions })}`;
    // The caching chapter's exercise: a lookup, a clock step, the lookup again; with EDNS(0) as well.
    for (const edns of [false, true]) {
      for (const second of next) for (const third of next) expect(has.has(key({ ...DEFAULT_CONFIG, edns }, [{ kind: "resolve", lookup: "shop" }, second, third]))).toBe(true);
    }
    for (const l of LOOKUPS) expect(has.has(key(slow, [{ kind: "resolve", lookup: l.id }]))).toBe(true);
    // A view carries only what the page draws: earlier lookups without their messages.
    const view = resolver.run({ config: DEFAULT_CONFIG, actions: [{ kind: "resolve", lookup: "www-a" }, { kind: "advance", seconds: 600 }, { kind: "resolve", lookup: "www-a" }] });
    expect(view.lookups.map((l) => l.steps.length > 0)).toEqual([false, true]);
    expect(view.pcapng.length).toBeGreaterThan(100);
  }, 60_000);

  it("dnssec: records all sixteen settings", () => {
    expect(new Set(ids(dnssec)).size).toBe(16);
  });
});
