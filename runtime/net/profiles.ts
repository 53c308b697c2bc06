import { ms, us } from "../core/time.ts";
import { DEFAULT_LINK, validateLinkConfig, type LinkConfig } from "./link-config.ts";

/**
 * Named link profiles that chapters and labs pick by name. The numbers are
 * typical, rounded values for teaching, not measurements of a real network.
 */
export const LINK_PROFILES = {
  /** Switched Ethernet in one building: fast, short, clean. */
  lan: { ...DEFAULT_LINK, rate: 1e9, delay: us(100), queueBytes: 256_000 },
  /** Home Wi-Fi: some jitter and a little independent loss. */
  wifi: {
    ...DEFAULT_LINK,
    rate: 50e6,
    delay: ms(2),
    jitter: ms(3),
    queueBytes: 128_000,
    loss: { model: "bernoulli", rate: 0.005 },
  },
  /** A phone at the cell edge: slow, jittery, losses in bursts, some reordering. */
  "lossy-mobile": {
    ...DEFAULT_LINK,
    rate: 5e6,
    delay: ms(40),
    jitter: ms(15),
    queueBytes: 64_000,
    loss: { model: "gilbert-elliott", goodToBad: 0.01, badToGood: 0.3, lossInGood: 0.001, lossInBad: 0.5 },
    reorder: 0.01,
    reorderDelay: ms(20),
  },
  /** A geostationary satellite hop: about 270 ms one way (36,000 km up and down). */
  satellite: {
    ...DEFAULT_LINK,
    rate: 20e6,
    delay: ms(270),
    queueBytes: 1_000_000,
    loss: { model: "bernoulli", rate: 0.001 },
  },
  /** A slow uplink with an oversized buffer: queueing delay dwarfs propagation. */
  bufferbloat: { ...DEFAULT_LINK, rate: 2e6, delay: ms(10), queueBytes: 1_000_000 },
  /** A long, fat path (100 Mb/s, 50 ms) with 1% loss, for efficiency tests. */
  "long-fat": {
    ...DEFAULT_LINK,
    rate: 100e6,
    delay: ms(50),
    queueBytes: 2_000_000,
    loss: { model: "bernoulli", rate: 0.01 },
  },
  /** Everything that can go wrong, often: for proving a protocol is robust. */
  hostile: {
    ...DEFAULT_LINK,
    rate: 10e6,
    delay: ms(20),
    jitter: ms(5),
    queueBytes: 100_000,
    loss: { model: "bernoulli", rate: 0.1 },
    duplicate: 0.05,
    reorder: 0.05,
    reorderDelay: ms(15),
    corrupt: 0.05,
  },
} as const satisfies Record<string, LinkConfig>;

/** The name of a built-in link profile. */
export type ProfileName = keyof typeof LINK_PROFILES;

/**
 * A link description: a profile name, or fields to set, optionally on top of
 * a profile: `{ profile: "wifi", delay: ms(10) }`. Unset fields keep the
 * profile's (or {@link DEFAULT_LINK}'s) values.
 */
export type LinkSpec = ProfileName | (Partial<LinkConfig> & { readonly profile?: ProfileName });

/** Turns a {@link LinkSpec} into a complete, validated {@link LinkConfig}. */
export function resolveLinkSpec(spec: LinkSpec = {}): LinkConfig {
  if (typeof spec === "string") return profile(spec);
  const { profile: name, ...fields } = spec;
  const base = name === undefined ? DEFAULT_LINK : profile(name);
  return validateLinkConfig({ ...base, ...withoutUndefined(fields) });
}

function profile(name: string): LinkConfig {
  if (!Object.hasOwn(LINK_PROFILES, name)) {
    throw new RangeError(`Unknown link profile "${name}". Known profiles: ${Object.keys(LINK_PROFILES).join(", ")}`);
  }
  return LINK_PROFILES[name as ProfileName];
}

function withoutUndefined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
