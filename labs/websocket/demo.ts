/**
 * The workbench's demo: the learner's Connection is a client talking to a
 * scripted server (frames built with runtime/wire/websocket.ts). The
 * conversation: the opening handshake (RFC 6455 §4), a masked "Hello" and
 * its echo, a fragmented message with a ping between its fragments (§5.4),
 * a 300-byte binary message (16-bit length), a ping from the client, and
 * the close handshake (§5.5.1). The capture wraps every byte in TCP
 * segments on port 80 so Wireshark decodes the WebSocket frames.
 */
import { toBase64 } from "#labs/kit/base64.ts";
import type { DemoInput, DemoResult, LadderPacketView } from "#labs/kit/demo.ts";
import { toHex } from "#labs/kit/hex.ts";
import { writePcapng } from "#runtime/trace/pcapng.ts";
import { parseIpv4Address } from "#runtime/wire/address.ts";
import { emitIpv4, IP_PROTOCOL } from "#runtime/wire/ipv4.ts";
import { emitTcp, tcpFlags } from "#runtime/wire/tcp.ts";
import { acceptDigest, applyMask, emitFrame, OPCODE, parseFrameHeader } from "#runtime/wire/websocket.ts";
import type { EventView } from "./scenarios.ts";

/** The learner's client, wrapped by the harness: every call returns plain data or throws an Error with a message. */
export interface DemoClient {
  accept(key: string): string;
  receive(bytes: Uint8Array): { readonly events: readonly EventView[]; readonly sent: Uint8Array };
  send(text: string): Uint8Array;
  ping(data: Uint8Array): Uint8Array;
  close(code: number, reason: string): Uint8Array;
}

const CLIENT = { address: "10.0.0.1", port: 49152 };
const SERVER = { address: "10.0.0.2", port: 80 };
const ONE_WAY_MS = 5;
const text = (s: string) => new TextEncoder().encode(s);
const server = (opcode: number, payload: Uint8Array, fin = true) => emitFrame({ fin, rsv: 0, opcode, mask: null }, payload);

interface Segment {
  readonly fromClient: boolean;
  readonly timeMs: number;
  readonly bytes: Uint8Array;
  readonly label: string;
}

export function runDemo(input: DemoInput, client: DemoClient): DemoResult {
  void input; // the conversation is fixed
  const lines: string[] = [];
  const segments: Segment[] = [];
  let clock = 0;
  const toServer = (bytes: Uint8Array, label: string) => {
    if (bytes.length > 0) segments.push({ fromClient: true, timeMs: clock, bytes, label });
  };
  /** The server sends `bytes`; the client's receive() gets them one way later. */
  const fromServer = (bytes: Uint8Array, label: string) => {
    segments.push({ fromClient: false, timeMs: clock, bytes, label });
    clock += ONE_WAY_MS;
    const { events, sent } = client.receive(bytes);
    lines.push(`  ← ${label}: receive() gave ${events.length === 0 ? "no events" : events.map(describeEvent).join(", ")}`);
    toServer(sent, describeFrames(sent, true));
    if (sent.length > 0) lines.push(`  → your client sent ${describeFrames(sent, true)}`);
    clock += ONE_WAY_MS;
  };

  try {
    const key = "dGhlIHNhbXBsZSBub25jZQ==";
    const expected = toBase64(acceptDigest(key));
    const accept = client.accept(key);
    lines.push(`Opening handshake (RFC 6455 §4): Sec-WebSocket-Key ${key}`);
    lines.push(`  acceptKey() gave ${JSON.stringify(accept)}: ${accept === expected ? "correct" : `expected ${expected}`}`);
    toServer(text(`GET /chat HTTP/1.1\r\nHost: ${SERVER.address}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`), "GET /chat (Upgrade: websocket)");
    clock += ONE_WAY_MS;
    segments.push({ fromClient: false, timeMs: clock, bytes: text(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${expected}\r\n\r\n`), label: "101 Switching Protocols" });
    clock += ONE_WAY_MS;

    lines.push("Messages:");
    const hello = client.send("Hello");
    toServer(hello, describeFrames(hello, true));
    lines.push(`  → send("Hello") gave ${hello.length === 0 ? "no bytes" : `${toHex(hello)} (${describeFrames(hello, true)})`}`);
    clock += ONE_WAY_MS;
    fromServer(server(OPCODE.TEXT, text("Hello")), "TEXT \"Hello\" (the echo)");
    fromServer(server(OPCODE.TEXT, text("Frag"), false), "TEXT \"Frag\", FIN 0");
    fromServer(server(OPCODE.PING, text("beat")), "PING \"beat\" between the fragments");
    fromServer(server(OPCODE.CONTINUATION, text("ments")), "CONTINUATION \"ments\", FIN 1");
    fromServer(server(OPCODE.BINARY, Uint8Array.from({ length: 300 }, (_, i) => i & 0xff)), "BINARY, 300 bytes (16-bit length)");
    const ping = client.ping(text("are you there?"));
    toServer(ping, describeFrames(ping, true));
    lines.push(`  → ping("are you there?") gave ${describeFrames(ping, true) || "no bytes"}`);
    clock += ONE_WAY_MS;
    fromServer(server(OPCODE.PONG, text("are you there?")), "PONG \"are you there?\"");
    lines.push("Closing handshake (RFC 6455 §5.5.1, §7):");
    const close = client.close(1000, "bye");
    toServer(close, describeFrames(close, true));
    lines.push(`  → close(1000, "bye") gave ${describeFrames(close, true) || "no bytes"}`);
    clock += ONE_WAY_MS;
    fromServer(server(OPCODE.CLOSE, Uint8Array.of(0x03, 0xe8)), "CLOSE 1000");
  } catch (error) {
    lines.push(`Stopped: your code threw ${error instanceof Error ? error.message : String(error)}`);
  }
  const packets: LadderPacketView[] = segments.map((s, id) => ({
    id,
    from: s.fromClient ? "left" : "right",
    label: s.label,
    sentMs: s.timeMs,
    arrivedMs: s.timeMs + ONE_WAY_MS,
  }));
  return {
    summary: ["Your Connection is the client; the server is scripted (it echoes \"Hello\", then sends a fragmented message with a ping between the fragments).", ...lines],
    ladder: { left: "client (your Connection)", right: "server (scripted)", packets, marks: [] },
    pcap: toBase64(capture(segments)),
  };
}

function describeEvent(event: EventView): string {
  switch (event.type) {
    case "text":
      return `text ${JSON.stringify(event.text)}`;
    case "close":
      return `close ${event.code ?? "(no code)"}${event.reason === "" ? "" : ` ${JSON.stringify(event.reason)}`}`;
    case "fail":
      return `fail ${event.code}`;
    default:
      return `${event.type} (${event.data.length} bytes)`;
  }
}

const NAMES: Record<number, string> = { 0: "CONTINUATION", 1: "TEXT", 2: "BINARY", 8: "CLOSE", 9: "PING", 10: "PONG" };

/** "PONG "beat", masked" for each frame in `bytes`. */
function describeFrames(bytes: Uint8Array, masked: boolean): string {
  const names: string[] = [];
  let at = 0;
  while (at < bytes.length) {
    const header = parseFrameHeader(bytes.subarray(at));
    if (header === null || !Number.isFinite(header.payloadLength)) return [...names, `${bytes.length - at} bytes that are no whole frame`].join(", ");
    const payload = bytes.slice(at + header.headerLength, at + header.headerLength + header.payloadLength);
    if (header.repr.mask !== null) applyMask(payload, header.repr.mask);
    const name = NAMES[header.repr.opcode] ?? `opcode ${header.repr.opcode}`;
    const body = header.repr.opcode === OPCODE.CLOSE && payload.length >= 2 ? ` ${(payload[0]! << 8) | payload[1]!}` : header.repr.opcode === OPCODE.BINARY ? ` ${payload.length} bytes` : ` ${JSON.stringify(new TextDecoder().decode(payload))}`;
    names.push(`${name}${body}${header.repr.mask === null ? (masked ? ", NOT masked" : "") : ", masked"}`);
    at += header.headerLength + header.payloadLength;
  }
  return names.join(", ");
}

/** The conversation as TCP segments (handshake, data with PSH, no FIN), for Wireshark. */
function capture(segments: readonly Segment[]): Uint8Array {
  const client = parseIpv4Address(CLIENT.address);
  const serverAddress = parseIpv4Address(SERVER.address);
  let clientSeq = 1000;
  let serverSeq = 5000;
  const packets: { time: number; bytes: Uint8Array }[] = [];
  const emit = (fromClient: boolean, time: number, flags: Parameters<typeof tcpFlags>[0], payload: Uint8Array) => {
    const [src, dst] = fromClient ? [client, serverAddress] : [serverAddress, client];
    const tcp = emitTcp(
      {
        srcPort: fromClient ? CLIENT.port : SERVER.port,
        dstPort: fromClient ? SERVER.port : CLIENT.port,
        seq: fromClient ? clientSeq : serverSeq,
        ack: fromClient ? serverSeq : clientSeq,
        flags: tcpFlags(flags),
        window: 65535,
        urgentPointer: 0,
        options: [],
      },
      payload,
      src,
      dst,
    );
    const ip = emitIpv4({ src, dst, protocol: IP_PROTOCOL.TCP, ttl: 64, identification: packets.length, dscp: 0, ecn: 0, dontFragment: true, moreFragments: false, fragmentOffset: 0 }, tcp);
    packets.push({ time: Math.round(time * 1e6), bytes: ip });
    const consumed = payload.length + (flags?.syn === true ? 1 : 0);
    if (fromClient) clientSeq += consumed;
    else serverSeq += consumed;
  };
  emit(true, 0, { syn: true }, new Uint8Array(0));
  emit(false, 0, { syn: true, ack: true }, new Uint8Array(0));
  emit(true, 0, { ack: true }, new Uint8Array(0));
  for (const s of segments) emit(s.fromClient, s.timeMs, { psh: true, ack: true }, s.bytes);
  return writePcapng(packets);
}
