/**
 * Two peers, each behind its own NAT, find a path to each other with ICE
 * (RFC 8445): they learn their server-reflexive address from a STUN server
 * (RFC 8489), get a relayed address from a TURN server (RFC 8656), swap
 * candidates, and send connectivity checks on every pair. Packets move on
 * the runtime's simulator (virtual time, seeded jitter); the NATs are the
 * sans-I/O boxes of nat.ts. After the checks the peers go quiet, with or
 * without keep-alives, and then each sends one more packet on its selected
 * pair: it arrives only if the NATs still hold the mappings.
 */
import { Simulator } from "#runtime/core/simulator.ts";
import { ms, toMs } from "#runtime/core/time.ts";
import { Nat, sameEndpoint, show, type Endpoint, type FilteringBehaviour, type MappingBehaviour } from "./nat.ts";

export type CandidateKind = "host" | "srflx" | "prflx" | "relay";
type Side = "A" | "B";

/** RFC 8445 §5.1.2.2's recommended type preferences. */
export const TYPE_PREFERENCE: Record<CandidateKind, number> = { host: 126, prflx: 110, srflx: 100, relay: 0 };

/** RFC 8445 §5.1.2.1: 2^24·type preference + 2^8·local preference + (256 − component). */
export function candidatePriority(kind: CandidateKind, localPreference = 65535, component = 1): number {
  return 2 ** 24 * TYPE_PREFERENCE[kind] + 2 ** 8 * localPreference + (256 - component);
}

/** RFC 8445 §6.1.2.3: 2^32·min(G, D) + 2·max(G, D) + (G > D ? 1 : 0); G is the controlling side's. */
export function pairPriority(g: number, d: number): bigint {
  const [lo, hi] = g < d ? [g, d] : [d, g];
  return (1n << 32n) * BigInt(lo) + 2n * BigInt(hi) + (g > d ? 1n : 0n);
}

export interface Candidate {
  readonly kind: CandidateKind;
  readonly address: Endpoint;
  readonly priority: number;
}

export interface Pair {
  readonly id: string;
  readonly local: Candidate;
  readonly remote: Candidate;
  readonly priority: bigint;
  state: "waiting" | "in-progress" | "succeeded" | "failed";
  attempts: number;
  lastSentMs: number;
  succeededMs?: number;
  /** Why it failed, or the last drop seen on its path. */
  reason?: string;
}

type Msg =
  | { readonly type: "binding"; readonly tx: number }
  | { readonly type: "binding-ok"; readonly tx: number; readonly mapped: Endpoint }
  | { readonly type: "allocate"; readonly tx: number }
  | { readonly type: "allocate-ok"; readonly tx: number; readonly relayed: Endpoint }
  | { readonly type: "permission"; readonly ips: readonly string[] }
  | { readonly type: "send" | "data"; readonly peer: Endpoint; readonly inner: Msg }
  | { readonly type: "check" | "check-ok"; readonly tx: number; readonly owner: Side; readonly pair: string }
  | { readonly type: "keepalive" | "media"; readonly from: Side };

interface Packet {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly msg: Msg;
}

export interface NatChoice {
  readonly mapping: MappingBehaviour;
  readonly filtering: FilteringBehaviour;
}

export interface IceOptions {
  readonly natA: NatChoice;
  readonly natB: NatChoice;
  /** Both NATs' idle timeout for a UDP mapping, s. */
  readonly natTimeoutS: number;
  /** Seconds of silence after the checks, before each side sends again. */
  readonly idleS: number;
  /** Keep-alive interval during the silence, s (0: none; RFC 8445 §11's default is 15). */
  readonly keepaliveS: number;
  /** How much later B starts its checks than A, ms (the answer reaches B later). */
  readonly gapMs: number;
  readonly seed: number;
}

export interface Delivery {
  readonly delivered: boolean;
  readonly reason?: string;
}

export interface IceResult {
  readonly candidates: Record<Side, readonly Candidate[]>;
  readonly pairs: Record<Side, readonly Pair[]>;
  readonly selected: Record<Side, Pair | undefined>;
  /** Each NAT's mappings when the checks end: internal → external, toward. */
  readonly mappings: Record<Side, readonly { internal: string; external: string; toward: string }[]>;
  /** The packet each side sends after the silence. */
  readonly afterIdle: Record<Side, Delivery>;
  readonly checksEndMs: number;
  readonly keepalives: number;
}

/** Pacing between checks, RFC 8445 §14.2 (Ta, default 50 ms). */
export const TA_MS = 50;
const RTO_MS = 250;
const MAX_ATTEMPTS = 5;
/** When the candidates have been swapped over signalling and A starts checking. */
const CHECKS_START_MS = 200;

export const SERVER: Endpoint = { ip: "192.0.2.10", port: 3478 };
export const HOSTS: Record<Side, Endpoint> = { A: { ip: "10.0.0.2", port: 5000 }, B: { ip: "192.168.1.20", port: 6000 } };
export const PUBLIC_IP: Record<Side, string> = { A: "203.0.113.7", B: "198.51.100.9" };

const isPrivate = (ip: string) => ip.startsWith("10.") || ip.startsWith("192.168.");
/** One-way delay between two public addresses, before jitter (A–B direct is shorter than through the server). */
function baseDelayMs(a: string, b: string): number {
  const key = [a, b].sort().join(" ");
  if (key === [PUBLIC_IP.A, SERVER.ip].sort().join(" ")) return 20;
  if (key === [PUBLIC_IP.B, SERVER.ip].sort().join(" ")) return 30;
  return 15;
}

export function runIce(options: IceOptions): IceResult {
  const sim = new Simulator({ seed: options.seed });
  const jitter = sim.random.fork("ice-jitter");
  const ports = sim.random.fork("nat-ports");
  const now = () => toMs(sim.now);
  const nat: Record<Side, Nat> = {
    A: new Nat({ publicIp: PUBLIC_IP.A, ...options.natA, timeoutMs: options.natTimeoutS * 1000, firstPort: ports.int(20000, 40000) }),
    B: new Nat({ publicIp: PUBLIC_IP.B, ...options.natB, timeoutMs: options.natTimeoutS * 1000, firstPort: ports.int(40001, 60000) }),
  };
  let tx = 0;
  let keepalives = 0;
  const afterIdle: Partial<Record<Side, Delivery>> = {};

  // --- The network: a LAN hop to the NAT, the NAT, the Internet, the far NAT or the server.
  const noteDrop = (packet: Packet, reason: string) => {
    const msg = packet.msg.type === "send" || packet.msg.type === "data" ? packet.msg.inner : packet.msg;
    if (msg.type === "check" || msg.type === "check-ok") {
      const pair = agents[msg.owner].pairs.find((p) => p.id === msg.pair);
      if (pair !== undefined && pair.state !== "failed") pair.reason = `${msg.type === "check" ? "check" : "response"} dropped: ${reason}`;
    }
    if (msg.type === "media") afterIdle[msg.from] = { delivered: false, reason };
  };
  const fromHost = (side: Side, dst: Endpoint, msg: Msg) =>
    sim.after(ms(1), () => {
      const src = nat[side].outbound(now(), HOSTS[side], dst);
      const packet = { src, dst, msg };
      if (isPrivate(dst.ip)) noteDrop(packet, `${dst.ip} is a private address (RFC 1918), not routed on the Internet`);
      else sim.after(ms(baseDelayMs(src.ip, dst.ip) + jitter.int(0, 3)), () => arrive(packet));
    });
  const fromServer = (src: Endpoint, dst: Endpoint, msg: Msg) => {
    const packet = { src, dst, msg };
    if (isPrivate(dst.ip)) noteDrop(packet, `${dst.ip} is a private address (RFC 1918), not routed on the Internet`);
    else sim.after(ms(baseDelayMs(src.ip, dst.ip) + jitter.int(0, 3)), () => arrive(packet));
  };
  const arrive = (packet: Packet) => {
    if (packet.dst.ip === SERVER.ip) return server(packet);
    const side: Side = packet.dst.ip === PUBLIC_IP.A ? "A" : "B";
    const inside = nat[side].inbound(now(), packet.dst.port, packet.src);
    if (!inside.ok) return noteDrop(packet, `at NAT ${side}, ${inside.reason}`);
    sim.after(ms(1), () => agents[side].receive(packet));
  };

  // --- The STUN/TURN server: Binding answers with the source address; allocations relay.
  const allocations = new Map<string, { client: Endpoint; relayed: Endpoint; permits: Set<string> }>();
  let nextRelayPort = 49152;
  const server = (packet: Packet) => {
    const { msg, src } = packet;
    if (packet.dst.port !== SERVER.port) {
      const allocation = [...allocations.values()].find((a) => a.relayed.port === packet.dst.port);
      // RFC 8656 §9: a permission is for an IP address; the port is not checked.
      if (allocation === undefined || !allocation.permits.has(src.ip)) return noteDrop(packet, `at the TURN server, no permission for ${src.ip}`);
      return fromServer(SERVER, allocation.client, { type: "data", peer: src, inner: msg });
    }
    const allocation = allocations.get(show(src));
    if (msg.type === "binding") fromServer(SERVER, src, { type: "binding-ok", tx: msg.tx, mapped: src });
    else if (msg.type === "allocate") {
      const relayed = { ip: SERVER.ip, port: nextRelayPort++ };
      allocations.set(show(src), { client: src, relayed, permits: new Set() });
      fromServer(SERVER, src, { type: "allocate-ok", tx: msg.tx, relayed });
    } else if (msg.type === "permission" && allocation !== undefined) for (const ip of msg.ips) allocation.permits.add(ip);
    else if (msg.type === "send" && allocation !== undefined) {
      if (!allocation.permits.has(msg.peer.ip)) return noteDrop(packet, `at the TURN server, no permission for ${msg.peer.ip}`);
      fromServer(allocation.relayed, msg.peer, msg.inner);
    }
  };

  // --- The two ICE agents.
  const agent = (side: Side) => {
    const other: Side = side === "A" ? "B" : "A";
    const local: Candidate[] = [{ kind: "host", address: HOSTS[side], priority: candidatePriority("host") }];
    const pairs: Pair[] = [];
    const pending = new Map<number, Pair>();
    const triggered: Pair[] = [];
    let remotes: Candidate[] = [];
    const controlling = side === "A";
    let started = false;
    const sendVia = (from: Candidate, to: Endpoint, msg: Msg) =>
      from.kind === "relay" ? fromHost(side, SERVER, { type: "send", peer: to, inner: msg }) : fromHost(side, to, msg);
    const addPair = (l: Candidate, r: Candidate) => {
      const [g, d] = controlling ? [l.priority, r.priority] : [r.priority, l.priority];
      const pair: Pair = { id: `${side}${pairs.length}`, local: l, remote: r, priority: pairPriority(g, d), state: "waiting", attempts: 0, lastSentMs: -Infinity };
      pairs.push(pair);
      return pair;
    };
    const check = (pair: Pair) => {
      pair.state = "in-progress";
      pair.attempts++;
      pair.lastSentMs = now();
      pending.set(++tx, pair);
      sendVia(pair.local, pair.remote.address, { type: "check", tx, owner: side, pair: pair.id });
    };
    const tick = (deadlineMs: number) => {
      if (now() > deadlineMs) {
        for (const p of pairs) if (p.state !== "succeeded" && p.state !== "failed") p.state = "failed";
        return;
      }
      // A triggered check whose pair has meanwhile succeeded is not needed any more.
      while (triggered.length > 0 && triggered[0]!.state === "succeeded") triggered.shift();
      const next =
        triggered.shift() ??
        [...pairs].sort((a, b) => (a.priority < b.priority ? 1 : -1)).find((p) => p.state === "waiting") ??
        pairs.find((p) => p.state === "in-progress" && p.attempts < MAX_ATTEMPTS && now() - p.lastSentMs >= RTO_MS);
      if (next !== undefined) check(next);
      for (const p of pairs) if (p.state === "in-progress" && p.attempts >= MAX_ATTEMPTS && now() - p.lastSentMs >= RTO_MS) p.state = "failed";
      if (pairs.some((p) => p.state === "waiting" || p.state === "in-progress") || triggered.length > 0) sim.after(ms(TA_MS), () => tick(deadlineMs));
    };
    const receive = (packet: Packet) => {
      let msg = packet.msg;
      let source = packet.src;
      let via: CandidateKind = "host";
      if (msg.type === "data") [source, msg, via] = [msg.peer, msg.inner, "relay"];
      if (msg.type === "binding-ok") local.push({ kind: "srflx", address: msg.mapped, priority: candidatePriority("srflx") });
      else if (msg.type === "allocate-ok") local.push({ kind: "relay", address: msg.relayed, priority: candidatePriority("relay") });
      else if (msg.type === "check") {
        const base = local.find((c) => c.kind === via)!;
        sendVia(base, source, { type: "check-ok", tx: msg.tx, owner: msg.owner, pair: msg.pair });
        // RFC 8445 §7.3.1.3-4: an unknown source is a peer-reflexive candidate; answer with a triggered check.
        let remote = remotes.find((c) => sameEndpoint(c.address, source));
        if (remote === undefined) {
          remote = { kind: "prflx", address: source, priority: candidatePriority("prflx") };
          remotes = [...remotes, remote];
        }
        const found = pairs.find((p) => p.local === base && p.remote === remote);
        const pair = found ?? addPair(base, remote);
        if (pair.state !== "succeeded" && !triggered.includes(pair) && started) triggered.push(pair);
      } else if (msg.type === "check-ok") {
        const pair = pending.get(msg.tx);
        if (pair === undefined || pair.state === "succeeded") return;
        // RFC 8445 §7.2.5.2.1: the response must come from where the check went.
        if (!sameEndpoint(source, pair.remote.address)) {
          pair.state = "failed";
          pair.reason = `response came from ${show(source)}, not ${show(pair.remote.address)} (not symmetric)`;
          return;
        }
        pair.state = "succeeded";
        pair.succeededMs = now();
      } else if (msg.type === "media") afterIdle[msg.from] = { delivered: true };
    };
    const best = () => pairs.filter((p) => p.state === "succeeded").sort((a, b) => (a.priority < b.priority ? 1 : -1))[0];
    return {
      local,
      pairs,
      get remotes() {
        return remotes;
      },
      receive,
      gather: () => {
        fromHost(side, SERVER, { type: "binding", tx: ++tx });
        fromHost(side, SERVER, { type: "allocate", tx: ++tx });
      },
      /** Takes the other side's candidates (signalling), permits them at the TURN server, pairs them. */
      learn: () => {
        remotes = agents[other].local.filter((c) => c.kind !== "prflx");
        fromHost(side, SERVER, { type: "permission", ips: [...new Set(remotes.map((c) => c.address.ip))] });
        // RFC 8445 §6.1.2.4: a server-reflexive local candidate is replaced by its base (the host), so only host and relay remain.
        for (const l of local.filter((c) => c.kind !== "srflx")) for (const r of remotes) addPair(l, r);
      },
      start: (deadlineMs: number) => {
        started = true;
        tick(deadlineMs);
      },
      best,
      /** Sends on the selected pair: the best one that succeeded (A, controlling, nominates it, RFC 8445 §8.1.1). */
      send: (msg: Msg) => {
        const pair = best();
        if (pair !== undefined) sendVia(pair.local, pair.remote.address, msg);
      },
    };
  };
  const agents = { A: agent("A"), B: agent("B") };

  agents.A.gather();
  agents.B.gather();
  sim.run();
  sim.at(ms(CHECKS_START_MS - 10), () => {
    agents.A.learn();
    agents.B.learn();
  });
  const deadline = CHECKS_START_MS + options.gapMs + 4000;
  sim.at(ms(CHECKS_START_MS), () => agents.A.start(deadline));
  sim.at(ms(CHECKS_START_MS + options.gapMs), () => agents.B.start(deadline));
  sim.run();
  const checksEndMs = now();
  const mappings = (side: Side) =>
    nat[side].table(checksEndMs).map((b) => ({ internal: show(b.internal), external: show(b.external), toward: b.toward === "any" ? "anyone" : b.toward }));
  const snapshot = { A: mappings("A"), B: mappings("B") };

  // The silence: keep-alives (if any) on each side's selected pair, then one packet each way.
  const idleMs = options.idleS * 1000;
  if (options.keepaliveS > 0) {
    for (let t = options.keepaliveS * 1000; t < idleMs; t += options.keepaliveS * 1000) {
      sim.at(ms(checksEndMs + t), () => {
        for (const side of ["A", "B"] as const) {
          if (agents[side].best() === undefined) continue;
          keepalives++;
          agents[side].send({ type: "keepalive", from: side });
        }
      });
    }
  }
  for (const side of ["A", "B"] as const) {
    sim.at(ms(checksEndMs + idleMs), () => {
      afterIdle[side] = { delivered: false, reason: agents[side].best() === undefined ? "no working pair" : "lost" };
      agents[side].send({ type: "media", from: side });
    });
  }
  sim.run();
  const pick = (side: Side) => agents[side].best();
  return {
    candidates: { A: agents.A.local, B: agents.B.local },
    pairs: { A: agents.A.pairs, B: agents.B.pairs },
    selected: { A: pick("A"), B: pick("B") },
    mappings: snapshot,
    afterIdle: { A: afterIdle.A!, B: afterIdle.B! },
    checksEndMs,
    keepalives,
  };
}
