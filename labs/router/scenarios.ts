/**
 * The JSON shapes that pass between this lab's tests and its harness. Types
 * only: both sides import them with `import type`. Addresses are dotted
 * text ("10.0.0.1"), bytes are hex text ("45 00 00 1c ...").
 */
import type { LadderPacketView } from "#labs/kit/demo.ts";

export interface InterfaceSpec {
  readonly address: string;
  readonly neighbours: readonly string[];
}

export interface RouteSpec {
  /** "10.1.0.0/16": the network and its prefix length. */
  readonly prefix: string;
  readonly interface: number;
  /** The next router, or null for a directly connected network. */
  readonly nextHop: string | null;
}

export interface ConfigSpec {
  readonly interfaces: readonly InterfaceSpec[];
  readonly routes: readonly RouteSpec[];
}

/** `forward`: builds one Router per config, then hands each datagram to the router it names. */
export interface ForwardInput {
  readonly configs: readonly ConfigSpec[];
  readonly datagrams: readonly { readonly router?: number; readonly hex: string }[];
  /**
   * Hand each datagram over as a view at this byteOffset of a larger buffer
   * whose other bytes are guard bytes (0xee).
   */
  readonly offset?: number;
}

/** What the learner's router sent for one datagram (hex), or null. */
export interface OutputView {
  readonly interface: number;
  readonly nextHop: string;
  readonly datagram: string;
}

export interface Forwarded {
  /** The result as returned, or what the code threw. */
  readonly output?: OutputView | null;
  readonly error?: string;
  /** The datagram the router was given, hex, if the router changed it. */
  readonly changedInput?: string;
  /** The output's bytes read again after every datagram was handled, if they changed since. */
  readonly later?: string;
}

/** `network`: the course topology (topology.ts) with the learner's routers, probes sent by the client. */
export interface NetworkInput {
  /** Which routers run the learner's code ("r1", "r2", "r3"); the others run the runtime's Router. */
  readonly learnerRouters: readonly string[];
  /** Raw IPv4 datagrams the client sends, one per ms from t = 0. */
  readonly probes: readonly string[];
}

/** A datagram a host received. */
export interface Arrival {
  readonly host: string;
  /** Virtual time in ns. */
  readonly timeNs: number;
  readonly datagram: string;
}

/** One decision of one router, for the steps a failing test prints. */
export interface Hop {
  readonly router: string;
  readonly timeNs: number;
  readonly received: string;
  /** "forward on 1 to 10.255.12.2: ..." or "nothing". */
  readonly action: string;
}

export interface NetworkResult {
  readonly arrivals: readonly Arrival[];
  readonly hops: readonly Hop[];
  /** Outputs that named no neighbour on their interface, and what the code threw. */
  readonly faults: readonly string[];
}

/**
 * What the `network` scenario returns: the result and the client's view of
 * the run as ladder packets (probes to the right, answers back), so the
 * workbench can draw a failing test's run (labs/kit/trace.ts).
 */
export interface TracedNetworkResult extends NetworkResult {
  readonly ladder: readonly LadderPacketView[];
}
