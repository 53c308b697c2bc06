import { ms, type Time } from "../core/time.ts";

/** How a link loses packets (applied on the wire, after the queue). */
export type LossModel =
  | { readonly model: "none" }
  /** Each packet is lost independently with probability `rate`. */
  | { readonly model: "bernoulli"; readonly rate: number }
  /**
   * Gilbert-Elliott bursty loss: a two-state Markov chain. Before each packet
   * the link moves from Good to Bad with probability `goodToBad` and from Bad
   * to Good with `badToGood`; the packet is then lost with `lossInGood` or
   * `lossInBad`. Mean loss = (badToGood·lossInGood + goodToBad·lossInBad) /
   * (goodToBad + badToGood); mean burst length in Bad = 1 / badToGood.
   */
  | {
      readonly model: "gilbert-elliott";
      readonly goodToBad: number;
      readonly badToGood: number;
      readonly lossInGood: number;
      readonly lossInBad: number;
    };

/** Everything that describes one direction of a link. */
export interface LinkConfig {
  /** Transmission rate in bits per second; `Infinity` sends instantly. */
  readonly rate: number;
  /** Propagation delay (ns). */
  readonly delay: Time;
  /** Extra delay drawn uniformly from [0, jitter] ns per packet; order is kept. */
  readonly jitter: Time;
  /** Drop-tail queue: bytes that may wait behind the packet being sent. */
  readonly queueBytes: number;
  /** Largest datagram the link carries (bytes); larger ones are dropped. */
  readonly mtu: number;
  /** How packets are lost on the wire. */
  readonly loss: LossModel;
  /** Probability that a packet arrives twice. */
  readonly duplicate: number;
  /** Probability that a packet is held back by `reorderDelay`, letting later ones overtake it. */
  readonly reorder: number;
  /** How long a reordered packet is held back (ns). */
  readonly reorderDelay: Time;
  /** Probability that a packet arrives with bits flipped. */
  readonly corrupt: number;
  /** How many bits a corrupted packet has flipped. */
  readonly corruptBits: number;
}

/** A perfect link: 1 Gb/s, 1 ms, unbounded queue, Ethernet MTU, no impairments. */
export const DEFAULT_LINK: LinkConfig = {
  rate: 1e9,
  delay: ms(1),
  jitter: 0,
  queueBytes: Infinity,
  mtu: 1500,
  loss: { model: "none" },
  duplicate: 0,
  reorder: 0,
  reorderDelay: ms(1),
  corrupt: 0,
  corruptBits: 1,
};

/** Checks a configuration and says exactly which field is wrong. */
export function validateLinkConfig(config: LinkConfig): LinkConfig {
  const problems: string[] = [];
  const positive = (name: string, value: number) => {
    if (!(value > 0)) problems.push(`${name} must be > 0 (got ${value})`);
  };
  const nonNegative = (name: string, value: number) => {
    if (!(value >= 0) || !Number.isFinite(value)) problems.push(`${name} must be a finite number >= 0 (got ${value})`);
  };
  const probability = (name: string, value: number) => {
    if (!(value >= 0 && value <= 1)) problems.push(`${name} must be a probability in [0, 1] (got ${value})`);
  };
  positive("rate", config.rate);
  nonNegative("delay", config.delay);
  nonNegative("jitter", config.jitter);
  if (!(config.queueBytes >= 0)) problems.push(`queueBytes must be >= 0 (got ${config.queueBytes})`);
  if (!Number.isInteger(config.mtu) || config.mtu < 20) problems.push(`mtu must be an integer >= 20 (got ${config.mtu})`);
  probability("duplicate", config.duplicate);
  probability("reorder", config.reorder);
  nonNegative("reorderDelay", config.reorderDelay);
  probability("corrupt", config.corrupt);
  if (!Number.isInteger(config.corruptBits) || config.corruptBits < 1) {
    problems.push(`corruptBits must be an integer >= 1 (got ${config.corruptBits})`);
  }
  const loss = config.loss;
  if (loss.model === "bernoulli") probability("loss.rate", loss.rate);
  if (loss.model === "gilbert-elliott") {
    probability("loss.goodToBad", loss.goodToBad);
    probability("loss.badToGood", loss.badToGood);
    probability("loss.lossInGood", loss.lossInGood);
    probability("loss.lossInBad", loss.lossInBad);
  }
  if (problems.length > 0) throw new RangeError(`Invalid link configuration: ${problems.join("; ")}`);
  return config;
}
