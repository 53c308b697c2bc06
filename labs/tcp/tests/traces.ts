/**
 * Linux's own TCP, recorded on loopback (labs/tcp/traces/README.md says how),
 * replayed against the learner's Connection: the learner takes one side's
 * place (same ports and initial sequence number), gets the other side's
 * segments exactly as Linux sent them (options and all), and must answer
 * each as RFC 9293 says. Where Linux answered the same way, the expected
 * segment is Linux's own (flags, seq, ack, data; options and window aside);
 * where Linux's choice differs, the test says so and pins the RFC.
 */
import { parseTcp, formatTcpFlags } from "#runtime/wire/tcp.ts";
import { fromHex, toHex } from "#labs/kit/index.ts";
import type { ConfigSpec, Step } from "../scenarios.ts";
import closedPort from "../traces/closed-port.json" with { type: "json" };
import handshake from "../traces/handshake-data-close.json" with { type: "json" };
import injected from "../traces/injected.json" with { type: "json" };
import type { Expect, ScriptStep, State } from "./check.ts";

export interface Trace {
  readonly name: string;
  readonly kernel: string;
  readonly segments: readonly { readonly us: number; readonly src: string; readonly srcPort: number; readonly dst: string; readonly dstPort: number; readonly tcp: string }[];
}

export const TRACES = { handshake: handshake as Trace, closedPort: closedPort as Trace, injected: injected as Trace };

/** The config that puts the learner in the place of the trace's endpoint on `port`. */
export function traceConfig(trace: Trace, port: number, fields: Partial<ConfigSpec> = {}): ConfigSpec {
  const first = trace.segments.find((s) => s.srcPort === port || s.dstPort === port)!;
  const remotePort = first.srcPort === port ? first.dstPort : first.srcPort;
  const ownSyn = trace.segments.find((s) => s.srcPort === port && (fromHex(s.tcp)[13]! & 0x02) !== 0);
  const iss = ownSyn === undefined ? 1 : read32(fromHex(ownSyn.tcp), 4);
  return { localAddress: first.dst, localPort: port, remoteAddress: first.src, remotePort, iss, window: 65535, mss: 1000, rtoMs: 1000, mslMs: 30_000, ...fields };
}

/** What Linux sent as segment `i` (flags without PSH, seq, ack, data): the answer expected of the learner. */
export function linux(trace: Trace, i: number): Expect {
  const { repr, payload } = parseTcp(fromHex(trace.segments[i]!.tcp), 0, 0, { verifyChecksum: false });
  return { flags: formatTcpFlags({ ...repr.flags, psh: false }), seq: repr.seq, ...(repr.flags.ack ? { ack: repr.ack } : {}), data: toHex(payload) };
}

/** Segment `i` of the trace arriving, byte for byte as Linux sent it. */
export function recorded(trace: Trace, i: number): Step {
  return { do: "segment", hex: trace.segments[i]!.tcp };
}

/** A step that feeds recorded segment `i` and expects the recorded answers `answers` (indices). */
export function replay(trace: Trace, i: number, answers: readonly number[], state: State, extra: Partial<ScriptStep> = {}): ScriptStep {
  return { step: recorded(trace, i), say: `Linux segment #${i + 1}`, expect: answers.map((a) => linux(trace, a)), state, ...extra };
}

/** The big-endian 32-bit number at `at` (a sequence or acknowledgment number). */
export function read32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

export const HELLO = toHex(new TextEncoder().encode("hello"));
export const WORLD = toHex(new TextEncoder().encode("world!"));
export const ABC = toHex(new TextEncoder().encode("abc"));
