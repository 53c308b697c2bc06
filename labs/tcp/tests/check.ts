/**
 * Running the harness's `script` scenario from a test and checking what the
 * connection did at every step. Public and hidden tests share this file;
 * the expectations come from the caller (worked out from the RFC, or
 * recorded from Linux), never from here.
 */
import { parseIpv4Address } from "#runtime/wire/address.ts";
import { emitTcp, formatTcpFlags, parseTcp, tcpFlags, type TcpFlags, type TcpState } from "#runtime/wire/tcp.ts";
import { fail, fromHex, toHex, type TestContext } from "#labs/kit/index.ts";
import { MOMENT_MARK } from "#labs/kit/trace.ts";
import type { ConfigSpec, ScriptInput, ScriptResult, Step, StepResult } from "../scenarios.ts";

/** The connection states of RFC 9293 §3.3.2, as the learner's `state` names them (the runtime's one list). */
export type State = TcpState;

/** A segment the connection must send: flags as Wireshark names them ("SYN,ACK"; PSH is never checked). */
export interface Expect {
  readonly flags: string;
  readonly seq: number;
  /** Checked when ACK is among the flags. */
  readonly ack?: number;
  /** Data, hex (default none). */
  readonly data?: string;
  /** When it must leave (virtual ms since the start); checked when given. */
  readonly atMs?: number;
}

/** One step of a script and everything it must cause. */
export interface ScriptStep {
  readonly step: Step;
  /** The step in words, for the failure report. */
  readonly say: string;
  /** The segments it must send, in order (default: none). */
  readonly expect?: readonly Expect[];
  /** The state afterwards (default: not checked). */
  readonly state?: State;
  /** What it must deliver to the application, hex (default: nothing). */
  readonly deliver?: string;
  /** Why, with the rule; printed when this step fails. */
  readonly why?: string;
}

/** A config with the usual test values; override what a test needs. */
export function config(fields: Partial<ConfigSpec> = {}): ConfigSpec {
  return {
    localAddress: "10.0.0.1",
    localPort: 40000,
    remoteAddress: "10.0.0.2",
    remotePort: 80,
    iss: 100,
    window: 4000,
    mss: 1000,
    rtoMs: 1000,
    mslMs: 30_000,
    ...fields,
  };
}

/** The fields of a segment the peer sends. */
export interface PeerSegment {
  readonly seq: number;
  readonly ack?: number;
  readonly flags: string;
  readonly data?: string;
  readonly window?: number;
}

/** A segment from the config's remote end to its local end, as hex (checksum included). */
export function peer(c: ConfigSpec, s: PeerSegment): string {
  const flags = parseFlags(s.flags);
  const bytes = emitTcp(
    { srcPort: c.remotePort, dstPort: c.localPort, seq: s.seq >>> 0, ack: flags.ack ? (s.ack ?? 0) >>> 0 : 0, flags, window: s.window ?? 8000, urgentPointer: 0, options: [] },
    fromHex(s.data ?? ""),
    parseIpv4Address(c.remoteAddress),
    parseIpv4Address(c.localAddress),
  );
  return toHex(bytes);
}

/** A "segment" step from the peer. */
export function arrives(c: ConfigSpec, s: PeerSegment): Step {
  return { do: "segment", hex: peer(c, s) };
}

export function parseFlags(names: string): TcpFlags {
  const set: Partial<TcpFlags> = {};
  for (const name of names.split(",").filter((n) => n !== "")) (set as Record<string, boolean>)[name.toLowerCase()] = true;
  return tcpFlags(set);
}

/** "SYN,ACK seq 100 ack 301", "ACK seq 1 ack 2 data 61 62". */
export function describe(e: { flags: string; seq: number; ack?: number | undefined; data?: string | undefined }): string {
  const data = e.data === undefined || e.data === "" ? "" : ` data ${shorten(e.data)}`;
  return `${e.flags} seq ${e.seq >>> 0}${e.flags.split(",").includes("ACK") ? ` ack ${(e.ack ?? 0) >>> 0}` : ""}${data}`;
}

function shorten(hex: string): string {
  const bytes = fromHex(hex);
  return bytes.length <= 12 ? toHex(bytes) : `${toHex(bytes.subarray(0, 12))} … (${bytes.length} bytes)`;
}

function describeStep(c: ConfigSpec, s: Step): string {
  if (s.do === "segment") {
    try {
      const { repr, payload } = parseTcp(fromHex(s.hex), parseIpv4Address(c.remoteAddress), parseIpv4Address(c.localAddress), { verifyChecksum: false });
      return `segment arrives: ${describe({ flags: formatTcpFlags(repr.flags), seq: repr.seq, ack: repr.ack, data: toHex(payload) })}  [${s.hex.length > 90 ? s.hex.slice(0, 90) + "…" : s.hex}]`;
    } catch {
      return `segment arrives: ${s.hex}`;
    }
  }
  if (s.do === "send") return `send(${shorten(s.hex)})`;
  if (s.do === "wait") return `${s.ms} ms pass`;
  return `${s.do}()`;
}

/**
 * Runs the script on the learner's Connection and checks every step. The
 * step whose check fails is listed as "→ step 3. …" (MOMENT_MARK): the
 * workbench marks that step in the picture of the run (labs/tcp/ladder-view.ts).
 */
export async function runScript(t: TestContext, c: ConfigSpec, steps: readonly ScriptStep[]): Promise<void> {
  t.step(`new Connection(${describeConfig(c)})`);
  const input: ScriptInput = { config: c, steps: steps.map((s) => s.step) };
  const results = (await t.run<ScriptResult>("script", input)).steps;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const result = results[i];
    const line = `${i + 1}. ${step.say === "" ? describeStep(c, step.step) : `${step.say}: ${describeStep(c, step.step)}`}`;
    try {
      if (result === undefined) fail(`Step ${i + 1}: no result (your code threw earlier).`);
      checkStep(c, step, result, i + 1);
    } catch (error) {
      t.step(`${MOMENT_MARK} step ${line}`);
      throw error;
    }
    t.step(line);
  }
}

export function describeConfig(c: ConfigSpec): string {
  return `${c.localAddress}:${c.localPort} ↔ ${c.remoteAddress}:${c.remotePort}, iss ${c.iss}, window ${c.window}, mss ${c.mss}, rtoMs ${c.rtoMs}, mslMs ${c.mslMs}`;
}

function checkStep(c: ConfigSpec, step: ScriptStep, result: StepResult, n: number): void {
  const why = step.why === undefined ? "" : `\nWhy: ${step.why}`;
  if (result.error !== undefined) fail(`Step ${n}: your code threw ${result.error}${why}`);
  const expected = step.expect ?? [];
  const got = result.sent.map((s, k) => readSent(c, s.hex, n, k));
  const list = (items: readonly string[]) => (items.length === 0 ? "nothing" : items.map((x) => `\n    ${x}`).join(""));
  const wanted = expected.map((e) => describe(e));
  const sent = got.map((g) => describe({ flags: formatTcpFlags(g.repr.flags), seq: g.repr.seq, ack: g.repr.ack, data: toHex(g.payload) }));
  const mismatch = `Step ${n}: your connection sent ${list(sent)}\n  but it must send ${list(wanted)}${why}`;
  if (got.length !== expected.length) fail(mismatch);
  expected.forEach((e, k) => {
    const g = got[k]!;
    const eFlags = parseFlags(e.flags);
    const same =
      formatTcpFlags({ ...g.repr.flags, psh: false }) === formatTcpFlags(eFlags) &&
      g.repr.seq === e.seq >>> 0 &&
      (!eFlags.ack || g.repr.ack === (e.ack ?? 0) >>> 0) &&
      toHex(g.payload) === toHex(fromHex(e.data ?? ""));
    if (!same) fail(`${mismatch}\n  (segment ${k + 1} differs: ${describeDiff(e, g)})`);
    if (e.atMs !== undefined && result.sent[k]!.atMs !== e.atMs) {
      fail(`Step ${n}: segment ${k + 1} (${describe(e)}) left at ${result.sent[k]!.atMs} ms, but must leave at ${e.atMs} ms.${why}`);
    }
  });
  if (step.state !== undefined && result.state !== step.state) fail(`Step ${n}: state is ${result.state}, but must be ${step.state}.${why}`);
  const deliver = toHex(fromHex(step.deliver ?? ""));
  if (result.delivered !== deliver) {
    fail(`Step ${n}: your connection delivered ${result.delivered === "" ? "nothing" : result.delivered} to the application, but must deliver ${deliver === "" ? "nothing" : deliver}.${why}`);
  }
}

function describeDiff(e: Expect, g: ReturnType<typeof readSent>): string {
  const parts: string[] = [];
  const flags = formatTcpFlags({ ...g.repr.flags, psh: false });
  if (flags !== formatTcpFlags(parseFlags(e.flags))) parts.push(`flags ${flags}, not ${e.flags}`);
  if (g.repr.seq !== e.seq >>> 0) parts.push(`seq ${g.repr.seq}, not ${e.seq >>> 0} (off by ${((g.repr.seq - e.seq) | 0)})`);
  if (parseFlags(e.flags).ack && g.repr.ack !== (e.ack ?? 0) >>> 0) parts.push(`ack ${g.repr.ack}, not ${(e.ack ?? 0) >>> 0} (off by ${((g.repr.ack - (e.ack ?? 0)) | 0)})`);
  if (toHex(g.payload) !== toHex(fromHex(e.data ?? ""))) parts.push(`${g.payload.length} data bytes, not ${fromHex(e.data ?? "").length}`);
  return parts.join("; ");
}

/** Parses a segment the learner sent and checks what every segment must get right; fails with the bytes otherwise. */
function readSent(c: ConfigSpec, hex: string, n: number, k: number) {
  const bytes = fromHex(hex);
  const where = `Step ${n}, segment ${k + 1} you sent (${hex.length > 120 ? hex.slice(0, 120) + "…" : hex})`;
  let parsed;
  try {
    parsed = parseTcp(bytes, parseIpv4Address(c.localAddress), parseIpv4Address(c.remoteAddress));
  } catch (error) {
    fail(`${where}: ${error instanceof Error ? error.message : String(error)}. The checksum covers the pseudo-header (${c.localAddress} → ${c.remoteAddress}, protocol 6, TCP length), the header and the data (RFC 9293 §3.1).`);
  }
  const { repr } = parsed;
  if (repr.srcPort !== c.localPort || repr.dstPort !== c.remotePort) fail(`${where}: ports ${repr.srcPort} → ${repr.dstPort}, but must be ${c.localPort} → ${c.remotePort}.`);
  if (bytes[12]! >> 4 !== 5) fail(`${where}: Data Offset is ${bytes[12]! >> 4}; the lab's segments carry no options, so it must be 5 (20 bytes).`);
  if (!repr.flags.ack && repr.ack !== 0) fail(`${where}: ACK is off but the acknowledgment number is ${repr.ack}; the lab pins 0 there.`);
  if (repr.window !== c.window) fail(`${where}: window ${repr.window}, but every segment advertises config.window = ${c.window}.`);
  return { repr, payload: parsed.payload };
}

