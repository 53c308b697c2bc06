/**
 * "Use my code" for the TCP connection simulation (HandshakeSim.astro): the
 * learner's Connection as both the client and the server, through the tcp
 * lab's `pair` scenario (labs/tcp/harness.ts), over a link with the built-in
 * side's one-way delay, random loss rate and seed. The client sends an
 * 80-byte request and closes; the server sends a 600-byte response and closes
 * on CLOSE-WAIT, as in the built-in model (handshake.ts). The lab's pair run
 * has no way to drop one named segment, so "Drop this segment" changes only
 * the built-in side; the pane says so.
 */
import { fromHex } from "#runtime/core/hex.ts";
import type { ConfigSpec, PairInput, PairResult, PairSide, WireSegment } from "#labs/tcp/scenarios.ts";
import { num } from "#site/components/sim-client.ts";
import type { Ladder, LadderMark, LadderPacket } from "#site/simulations/tcp-udp/ladder.ts";
import { drawLadder, formatMs } from "#site/simulations/tcp-udp/svg.ts";
import { formatTcpFlags, parseTcp } from "#runtime/wire/tcp.ts";
import { INITIAL_RTO_MS, MSL_MS, REQUEST_BYTES, RESPONSE_BYTES } from "#site/simulations/tcp-udp/handshake-controls.ts";
import { escapeHtml, type Driver } from "./types.ts";

/** The built-in side's first timeout; the lab's Connection keeps it fixed (no back-off). */
const RTO_MS = INITIAL_RTO_MS;
/** Room after TIME-WAIT for the retransmissions a lossy link causes before it. */
const RUN_MS = 2 * MSL_MS + 60_000;

/** The ports of the built-in side (client 49152, server 80); ISSs fixed, shown as relative numbers like the built-in side's. */
const CLIENT: ConfigSpec = { localAddress: "10.0.0.1", localPort: 49152, remoteAddress: "10.0.0.2", remotePort: 80, iss: 0xfffffc00, window: 65535, mss: 1460, rtoMs: RTO_MS, mslMs: MSL_MS };
const SERVER: ConfigSpec = { localAddress: "10.0.0.2", localPort: 80, remoteAddress: "10.0.0.1", remotePort: 49152, iss: 3_000_000, window: 65535, mss: 1460, rtoMs: RTO_MS, mslMs: MSL_MS };

const hexOf = (length: number, byte: number) => byte.toString(16).padStart(2, "0").repeat(length);
const REQUEST_HEX = hexOf(REQUEST_BYTES, 0x61);
const RESPONSE_HEX = hexOf(RESPONSE_BYTES, 0x62);

export const tcpDriver: Driver = {
  input(values) {
    const lossRate = num(values, "loss", 0);
    const input: PairInput = {
      seed: num(values, "seed", 1),
      link: { loss: lossRate, delayMs: num(values, "delay", 50) },
      client: CLIENT,
      server: SERVER,
      clientData: REQUEST_HEX,
      serverData: RESPONSE_HEX,
      untilMs: RUN_MS,
      deliveries: true,
    };
    return { scenario: "pair", input };
  },

  view(value, values, compact) {
    const result = value as PairResult;
    const summary = `${describePair(result)} ${FOLLOWS}`;
    if (result.ladder.length === 0) return { kind: "message", summary };
    const oneWayMs = num(values, "delay", 50);
    const ladder = pairLadder(result);
    const lastPacket = Math.max(...ladder.packets.map((p) => p.arrivedMs ?? p.sentMs + oneWayMs));
    const closed = result.client.closedAtMs;
    const drawing = drawLadder(ladder, {
      pxPerMs: 80 / oneWayMs,
      maxGapPx: 100,
      cutAfterMs: lastPacket + 1,
      cutNote: closed === null || closed <= lastPacket ? "" : compact ? `Client CLOSED at ${formatMs(closed)} (not drawn).` : `Your client reached CLOSED at ${formatMs(closed)}, after TIME-WAIT (not drawn).`,
      title: "Ladder diagram: your Connection as client and server",
      compact,
    });
    return { kind: "picture", summary, drawing };
  },
};

/** Which controls the learner's run follows, and how it differs from the built-in side. */
const FOLLOWS =
  "It follows the delay, random loss and seed; <em>Drop this segment</em> changes only the built-in side (the lab's run drops no named segment). " +
  `Your code retransmits after its fixed <code>config.rtoMs</code> of ${formatMs(RTO_MS)} (no doubling), and the lab's server sends its ${RESPONSE_BYTES} bytes as soon as it is ESTABLISHED.`;

/** The wire segments as a ladder: relative sequence numbers (as the built-in side and Wireshark show them), deliveries, the server's CLOSED and any throw. */
export function pairLadder(result: PairResult): Ladder {
  const seen = { client: new Set<string>(), server: new Set<string>() };
  const packets: LadderPacket[] = result.ladder.map((segment, i) => {
    const { label, key } = segmentLabel(segment);
    const retransmission = key !== null && seen[segment.from].has(key);
    if (key !== null) seen[segment.from].add(key);
    return {
      id: i + 1,
      from: segment.from === "client" ? "left" : "right",
      label,
      sentMs: segment.atMs,
      arrivedMs: segment.arrivedMs,
      ...(segment.lost ? { lost: "loss" } : segment.arrivedMs === null ? { lost: "still on the way when the run ended" } : {}),
      ...(retransmission ? { retransmission } : {}),
    };
  });
  const marks: LadderMark[] = [...sideMarks(result.client, "left"), ...sideMarks(result.server, "right")];
  if (result.server.closedAtMs !== null) marks.push({ t: result.server.closedAtMs, side: "right", kind: "state", label: "CLOSED" });
  marks.sort((a, b) => a.t - b.t);
  return { left: "client", right: "server", packets, marks };
}

function sideMarks(side: PairSide, where: "left" | "right"): LadderMark[] {
  const marks: LadderMark[] = [];
  let before = 0;
  for (const delivery of side.deliveries ?? []) {
    marks.push({ t: delivery.atMs, side: where, kind: "deliver", label: `app gets ${delivery.total - before} B` });
    before = delivery.total;
  }
  if (side.error !== undefined) marks.push({ t: side.errorAtMs ?? 0, side: where, kind: "note", label: "threw" });
  return marks;
}

/** "SYN,ACK seq=0 ack=1", "PSH,ACK seq=1 ack=1 len=80", relative to each end's ISS; `key` names a segment that uses sequence space, to spot one sent again. */
function segmentLabel(segment: WireSegment): { label: string; key: string | null } {
  const ownIss = segment.from === "client" ? CLIENT.iss : SERVER.iss;
  const peerIss = segment.from === "client" ? SERVER.iss : CLIENT.iss;
  try {
    const { repr, payload } = parseTcp(fromHex(segment.hex), 0, 0, { verifyChecksum: false });
    const seq = (repr.seq - ownIss) >>> 0;
    const flags = formatTcpFlags(repr.flags);
    let label = `${flags} seq=${seq}`;
    if (repr.flags.ack) label += ` ack=${(repr.ack - peerIss) >>> 0}`;
    if (payload.length > 0) label += ` len=${payload.length}`;
    const usesSpace = payload.length > 0 || repr.flags.syn || repr.flags.fin;
    return { label, key: usesSpace ? `${flags}/${seq}/${payload.length}` : null };
  } catch {
    return { label: `malformed (${segment.hex.length / 2} B)`, key: null };
  }
}

/** The learner's run in a sentence: what each end got and when, how each ended, and the segments it took. */
export function describePair(result: PairResult): string {
  const { client, server } = result;
  const threw = [side("client", client), side("server", server)].filter((text) => text !== "");
  if (result.ladder.length === 0) {
    return threw.length > 0 ? `Your code sent no segment: ${threw.join("; ")}.` : "Your code sent no segment: <code>connect()</code> sent no SYN, so there is no connection to draw.";
  }
  const parts = [
    got("the client", client, RESPONSE_HEX, "response"),
    got("the server", server, REQUEST_HEX, "request"),
    server.closedAtMs === null ? `the server ended in ${escapeHtml(server.state || "no state")}` : `the server CLOSED at ${formatMs(server.closedAtMs)}`,
    client.closedAtMs === null ? `the client ended in ${escapeHtml(client.state || "no state")}` : `the client CLOSED at ${formatMs(client.closedAtMs)}, after TIME-WAIT (2 × MSL = ${(2 * MSL_MS) / 60_000} min)`,
    ...threw,
  ];
  const lost = result.ladder.filter((s) => s.lost).length;
  const again = pairLadder(result).packets.filter((p) => p.retransmission === true).length;
  return `Your code: ${parts.join("; ")}. <strong>${result.ladder.length}</strong> segments (${lost} lost on the link, ${again} sent again).`;
}

function got(who: string, side: PairSide, expected: string, what: string): string {
  // The harness's hex has a space between bytes.
  const delivered = side.delivered.replace(/\s/g, "");
  const bytes = delivered.length / 2;
  const total = expected.length / 2;
  const at = side.deliveries?.at(-1)?.atMs;
  if (delivered === expected && at !== undefined) return `${who} had the ${total}-byte ${what} at <strong>${formatMs(at)}</strong>`;
  if (bytes === total) return `${who} got ${total} bytes, but not the ${what}'s bytes`;
  return `${who} got <strong>${bytes} of ${total}</strong> ${what} bytes`;
}

function side(name: string, view: PairSide): string {
  if (view.error === undefined) return "";
  return `your ${name} threw at ${formatMs(view.errorAtMs ?? 0)}: ${escapeHtml(view.error)}`;
}
