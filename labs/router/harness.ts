/**
 * The router lab's harness: it runs inside the sandbox next to the
 * learner's module and is the only code that calls it. `forward` hands
 * datagrams to the learner's Router one by one; `network` and `demo` put the
 * learner's Router in the runtime's multi-router topology (topology.ts).
 * Whatever the learner returns is copied and checked here.
 */
import { toMs } from "#runtime/core/time.ts";
import type { Network } from "#runtime/net/network.ts";
import { formatIpv4Address, parseIpv4Address } from "#runtime/wire/address.ts";
import { ICMP_TYPE, parseIcmp } from "#runtime/wire/icmp.ts";
import { emitIpv4, IP_PROTOCOL, parseIpv4 } from "#runtime/wire/ipv4.ts";
import { emitUdp } from "#runtime/wire/udp.ts";
import { toBase64 } from "#labs/kit/base64.ts";
import type { DemoInput, DemoResult, LadderPacketView, LadderView } from "#labs/kit/demo.ts";
import { copyBytes, defineHarness, describeValue, exportedClass, thrownMessage, type LearnerModule } from "#labs/kit/harness.ts";
import { fromHex, toHex } from "#labs/kit/hex.ts";
import type { ForwardInput, Forwarded, NetworkInput, NetworkResult, OutputView, TracedNetworkResult } from "./scenarios.ts";
import { CLIENT, configValue, runNetwork, SERVER, type Decision, type RouterConfigValue } from "./topology.ts";

const GUARD = 0xee;

export default defineHarness({
  forward: (input: ForwardInput, learner: LearnerModule): Forwarded[] => forwardRun(input, learner),
  network: (input: NetworkInput, learner: LearnerModule): TracedNetworkResult => {
    const { result, net } = runNetwork(input, (_name, config) => learnerStep(learner, config));
    // The client's view of the run, for the picture of a failing test (labs/kit/trace.ts, labs/router/ladder-view.ts).
    return { ...result, ladder: ladder(net, input.probes.map((hex) => ({ label: probeLabel(fromHex(hex)) }))).packets };
  },
  demo: (input: DemoInput, learner: LearnerModule): DemoResult => demo(input, learner),
});

type RouterInstance = { forward(datagram: Uint8Array): unknown };

function construct(learner: LearnerModule, config: RouterConfigValue): RouterInstance {
  const Router = exportedClass(learner, "Router") as new (config: RouterConfigValue) => RouterInstance;
  return new Router(config);
}

function forwardRun(input: ForwardInput, learner: LearnerModule): Forwarded[] {
  const routers = input.configs.map((config) => construct(learner, configValue(config)));
  const results: Forwarded[] = [];
  const returned: (Uint8Array | undefined)[] = [];
  for (const item of input.datagrams) {
    const bytes = fromHex(item.hex);
    const offset = input.offset ?? 0;
    const buffer = new Uint8Array(offset + bytes.length + (offset > 0 ? 7 : 0)).fill(GUARD);
    buffer.set(bytes, offset);
    const before = buffer.slice();
    let result: Forwarded;
    let original: Uint8Array | undefined;
    try {
      const value = routers[item.router ?? 0]!.forward(buffer.subarray(offset, offset + bytes.length));
      const output = readOutput(value);
      original = output === null ? undefined : (value as { datagram: Uint8Array }).datagram;
      result = { output: output === null ? null : view(output) };
    } catch (error) {
      result = { error: thrownMessage(error) };
    }
    if (buffer.some((byte, i) => byte !== before[i])) result = { ...result, changedInput: toHex(buffer.subarray(offset, offset + bytes.length)) };
    results.push(result);
    returned.push(original);
  }
  // Read every returned datagram again: a router that reuses one buffer changes what it returned before.
  return results.map((result, i) => {
    const first = result.output?.datagram;
    const again = returned[i];
    if (first === undefined || again === undefined) return result;
    const later = toHex(copyBytes(again, "the datagram you returned"));
    return later === first ? result : { ...result, later };
  });
}

type Output = Exclude<Decision, null | { fault: string }>;

/** The learner's result as plain data (null: send nothing); throws a TypeError that says what is wrong. */
function readOutput(value: unknown): Output | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object") throw new TypeError(`forward() must return an Output or null, but returned ${describeValue(value)}`);
  const { interface: index, nextHop, datagram } = value as Record<string, unknown>;
  if (!Number.isInteger(index)) throw new TypeError(`Output.interface must be an interface index, but is ${describeValue(index)}`);
  if (!(Number.isInteger(nextHop) && (nextHop as number) >= 0 && (nextHop as number) <= 0xffffffff)) {
    throw new TypeError(`Output.nextHop must be an unsigned 32-bit address, but is ${describeValue(nextHop)}${(nextHop as number) < 0 ? " (apply >>> 0)" : ""}`);
  }
  return { interface: index as number, nextHop: nextHop as number, datagram: copyBytes(datagram, "Output.datagram") };
}

function view(output: Output): OutputView {
  return { interface: output.interface, nextHop: formatIpv4Address(output.nextHop), datagram: toHex(output.datagram) };
}

/** One learner Router as a topology forwarding step. */
function learnerStep(learner: LearnerModule, config: RouterConfigValue): (datagram: Uint8Array) => Decision {
  let router: RouterInstance;
  try {
    router = construct(learner, config);
  } catch (error) {
    const fault = `new Router(config) threw ${thrownMessage(error)}`;
    return () => ({ fault });
  }
  return (datagram) => {
    try {
      return readOutput(router.forward(datagram.slice()));
    } catch (error) {
      return { fault: thrownMessage(error) };
    }
  };
}

// ---------------------------------------------------------------------------
// The workbench's demo: a traceroute through the learner's three routers.

const PROBE_PORT = 33434;

interface Probe {
  readonly key: string;
  readonly label: string;
  readonly dst: string;
  readonly ttl: number;
}

const PROBES: readonly Probe[] = [
  ...[1, 2, 3, 4].map((ttl) => ({ key: `probe:ttl${ttl}`, label: `UDP to ${SERVER.address}, TTL ${ttl}`, dst: SERVER.address, ttl })),
  { key: "probe:host", label: "UDP to 10.3.0.99 (no such host)", dst: "10.3.0.99", ttl: 64 },
  { key: "probe:net", label: "UDP to 192.0.2.1 (no route at r2)", dst: "192.0.2.1", ttl: 64 },
];

function probeBytes(probe: Probe, index: number): Uint8Array {
  const src = parseIpv4Address(CLIENT.address);
  const dst = parseIpv4Address(probe.dst);
  const udp = emitUdp({ srcPort: PROBE_PORT + index, dstPort: SERVER.echoPort }, new TextEncoder().encode(`probe ${index + 1}`), src, dst);
  return emitIpv4(
    { src, dst, protocol: IP_PROTOCOL.UDP, ttl: probe.ttl, identification: 0x100 + index, dscp: 0, ecn: 0, dontFragment: false, moreFragments: false, fragmentOffset: 0 },
    udp,
  );
}

function demo(input: DemoInput, learner: LearnerModule): DemoResult {
  const dropped = new Set(input.drop ?? []);
  const sent = PROBES.map((probe, index) => ({ probe, index })).filter(({ probe }) => !dropped.has(probe.key));
  const { result, net } = runNetwork(
    { learnerRouters: ["r1", "r2", "r3"], probes: sent.map(({ probe, index }) => toHex(probeBytes(probe, index))) },
    (_name, config) => learnerStep(learner, config),
  );
  const summary = [
    `Traceroute from ${CLIENT.address} through r1, r2 and r3 (your Router) to ${SERVER.address}, which echoes UDP; then two probes that cannot arrive.`,
    ...sent.map(({ probe }, i) => `  ${probe.label}: ${answerTo(result, i)}`),
    ...(result.faults.length > 0 ? ["Faults:", ...result.faults.map((fault) => `  ${fault}`)] : []),
    "Every router's decisions:",
    ...result.hops.map((hop) => `  ${(hop.timeNs / 1e6).toFixed(4)} ms ${hop.router}: ${hop.action.length > 90 ? `${hop.action.slice(0, 90)}…` : hop.action}`),
  ];
  return { summary, pcap: toBase64(net.trace.toPcapng()), ladder: ladder(net, sent.map(({ probe }) => probe)) };
}

/** A probe the client sends, in a few words: "UDP to 10.3.0.10, TTL 1". */
function probeLabel(bytes: Uint8Array): string {
  try {
    const { repr } = parseIpv4(bytes);
    const protocol = repr.protocol === IP_PROTOCOL.UDP ? "UDP" : repr.protocol === IP_PROTOCOL.ICMP ? "ICMP" : `protocol ${repr.protocol}`;
    return `${protocol} to ${formatIpv4Address(repr.dst)}, TTL ${repr.ttl}`;
  } catch {
    return `malformed datagram (${bytes.length} bytes)`;
  }
}

/** What came back to the client for the i-th probe sent, in words. */
function answerTo(result: NetworkResult, i: number): string {
  for (const arrival of result.arrivals) {
    if (arrival.host !== CLIENT.name) continue;
    const answer = describeAnswer(fromHex(arrival.datagram), i);
    if (answer !== undefined) return `${answer} after ${(arrival.timeNs / 1e6 - i).toFixed(3)} ms`;
  }
  return "no answer";
}

/** "time exceeded from 10.1.0.1" when `bytes` answers probe i (by its UDP source port), else undefined. */
function describeAnswer(bytes: Uint8Array, i: number): string | undefined {
  try {
    const ip = parseIpv4(bytes);
    const from = formatIpv4Address(ip.repr.src);
    if (ip.repr.protocol === IP_PROTOCOL.UDP) return ip.payload[2]! * 256 + ip.payload[3]! === PROBE_PORT + i ? `echo from ${from}` : undefined;
    if (ip.repr.protocol !== IP_PROTOCOL.ICMP) return undefined;
    const icmp = parseIcmp(ip.payload);
    const quoted = icmp.body;
    const port = quoted.length >= 22 ? quoted[(quoted[0]! & 0x0f) * 4]! * 256 + quoted[(quoted[0]! & 0x0f) * 4 + 1]! : -1;
    if (port !== PROBE_PORT + i) return undefined;
    const kind =
      icmp.repr.type === ICMP_TYPE.TIME_EXCEEDED
        ? "time exceeded"
        : icmp.repr.type === ICMP_TYPE.DESTINATION_UNREACHABLE
          ? `destination unreachable (code ${icmp.repr.code}${icmp.repr.code === 0 ? ", net" : icmp.repr.code === 1 ? ", host" : ""})`
          : `ICMP type ${icmp.repr.type}`;
    return `${kind} from ${from}`;
  } catch {
    return undefined;
  }
}

/** The client's view as a ladder: probes going right, answers coming back. */
function ladder(net: Network, probes: readonly { readonly label: string; readonly key?: string }[]): LadderView {
  const sentAt = new Map<number, number>();
  const arrived = new Map<number, number>();
  const toClient: number[] = [];
  const fromClient: number[] = [];
  for (const event of net.trace.events) {
    if (event.kind === "send" && !sentAt.has(event.packet)) sentAt.set(event.packet, toMs(event.time));
    if (event.kind === "send" && event.link.startsWith(`${CLIENT.name}->`)) fromClient.push(event.packet);
    if (event.kind === "arrive" && event.link.endsWith(`->${SERVER.name}`)) arrived.set(event.packet, toMs(event.time));
    if (event.kind === "arrive" && event.link.endsWith(`->${CLIENT.name}`)) {
      toClient.push(event.packet);
      arrived.set(event.packet, toMs(event.time));
    }
  }
  const bytesOf = new Map(net.trace.captured.map((c) => [c.packet, c.bytes]));
  const packets: LadderPacketView[] = [
    ...fromClient.map((id, i) => ({
      id,
      from: "left" as const,
      label: probes[i]?.label ?? `packet ${id}`,
      sentMs: sentAt.get(id) ?? 0,
      arrivedMs: arrived.get(id) ?? null,
      ...(arrived.has(id) ? {} : { lost: "not forwarded to the server" }),
      ...(probes[i]?.key === undefined ? {} : { dropKey: probes[i].key }),
    })),
    ...toClient.map((id) => ({ id, from: "right" as const, label: answerLabel(bytesOf.get(id)), sentMs: sentAt.get(id) ?? 0, arrivedMs: arrived.get(id) ?? null })),
  ];
  return { left: CLIENT.name, right: "routers and server", packets, marks: [] };
}

function answerLabel(bytes: Uint8Array | undefined): string {
  if (bytes === undefined) return "?";
  try {
    const ip = parseIpv4(bytes);
    const from = formatIpv4Address(ip.repr.src);
    if (ip.repr.protocol !== IP_PROTOCOL.ICMP) return `echo from ${from}`;
    const type = bytes[(bytes[0]! & 0x0f) * 4]!;
    return `ICMP ${type === ICMP_TYPE.TIME_EXCEEDED ? "time exceeded" : type === ICMP_TYPE.DESTINATION_UNREACHABLE ? "unreachable" : `type ${type}`} from ${from}`;
  } catch {
    return "malformed datagram";
  }
}
