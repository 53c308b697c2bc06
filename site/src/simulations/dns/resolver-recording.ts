/**
 * The resolution simulation's runs, as the recorder and the live simulation
 * compute them (the recorder finds it beside resolver.model.ts). The class
 * edition records sessions of up to classSessionActions() actions, with each
 * delay at its default or one slower value and seed 1.
 */
import type { Recording } from "#site/simulations/recorded/recording.ts";
import { runSession } from "./resolve.ts";
import { ADVANCES, classSessionActions, DEFAULT_CONFIG, DELAYS, LOOKUPS, resolverFile, resolverKey, type DnsSimConfig, type SessionAction, type SessionView } from "./resolver-controls.ts";

export interface ResolverControls {
  readonly config: DnsSimConfig;
  readonly actions: readonly SessionAction[];
}

/** Every action a learner can add after the first lookup. */
const NEXT: readonly SessionAction[] = [...LOOKUPS.map((l): SessionAction => ({ kind: "resolve", lookup: l.id })), ...ADVANCES.map((seconds): SessionAction => ({ kind: "advance", seconds }))];

function* sessions(length: number): Generator<SessionAction[]> {
  for (const first of LOOKUPS) {
    let level: SessionAction[][] = [[{ kind: "resolve", lookup: first.id }]];
    for (let n = 1; n <= length; n++) {
      yield* level;
      level = level.flatMap((actions) => NEXT.map((next) => [...actions, next]));
    }
  }
}

function* configs(): Generator<DnsSimConfig> {
  for (const edns of [false, true]) {
    for (let mask = 0; mask < 1 << DELAYS.length; mask++) {
      const delays = Object.fromEntries(DELAYS.map(([name, , fast, slow], i) => [name, (mask >> i) & 1 ? slow : fast]));
      yield { ...DEFAULT_CONFIG, ...delays, edns, seed: 1 };
    }
  }
}

function base64(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

export const recording: Recording<ResolverControls, SessionView> = {
  sim: "dns-resolver",
  *space() {
    for (const config of configs()) for (const actions of sessions(classSessionActions(config))) yield { config, actions };
  },
  file: (c) => resolverFile(c.config, c.actions),
  key: (c) => resolverKey(c.actions),
  run(c) {
    const result = runSession(c.config, c.actions);
    // Only the last lookup is drawn message by message; the history shows the others in one line.
    const last = result.lookups.length - 1;
    const lookups = result.lookups.map((l, i) => (i === last ? l : { ...l, steps: [], response: null }));
    return { lookups, cache: result.cache, clockMs: result.clockMs, pcapng: base64(result.pcapng()) };
  },
};
