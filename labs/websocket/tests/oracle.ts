/**
 * The tests' own WebSocket endpoint: what a Connection must do with every
 * step of a session. It reads the bytes one at a time (so it knows exactly
 * which receive() call brings the byte that completes a frame or breaks a
 * rule) on the runtime's wire helpers (runtime/wire/websocket.ts, utf8.ts),
 * and never shares code with the reference solution. Used by the hidden
 * tests only (issue 17).
 */
import { utf8Check, Utf8Validator } from "#runtime/wire/utf8.ts";
import { CLOSE_CODE, isControlOpcode, isKnownOpcode, isValidCloseCode, MAX_CONTROL_PAYLOAD, OPCODE, parseFrameHeader, type ParsedFrameHeader } from "#runtime/wire/websocket.ts";
import { fromHex } from "#labs/kit/hex.ts";
import type { EventView, Role, SessionInput, Step } from "../scenarios.ts";
import { payloadView, textView } from "../views.ts";
import type { ExpectedCall, ExpectedFrame } from "./check.ts";

export const DEFAULT_MAX_MESSAGE = 1 << 20;

/** Every step's expected calls, chunk by chunk (send, ping and close steps have one call). */
export function expectSession(input: SessionInput): ExpectedCall[][] {
  const endpoint = new OracleEndpoint(input.role, input.maxMessageBytes ?? DEFAULT_MAX_MESSAGE);
  return input.steps.map((step) => endpoint.step(step));
}

type State = "open" | "closing" | "closed";

class OracleEndpoint {
  private state: State = "open";
  private header: number[] = [];
  private frame: { readonly parsed: ParsedFrameHeader; payload: Uint8Array | null; filled: number } | null = null;
  /** The data message in progress: its opcode, the payloads of its frames so far, their size and the UTF-8 state. */
  private message: { readonly opcode: number; readonly parts: Uint8Array[]; size: number; readonly utf8: Utf8Validator } | null = null;
  private readonly role: Role;
  private readonly max: number;

  constructor(role: Role, max: number) {
    this.role = role;
    this.max = max;
  }

  step(step: Step): ExpectedCall[] {
    if ("receive" in step) return step.receive.map((hex) => this.receive(fromHex(hex)));
    if ("big" in step) return bigChunks(step.big).map((chunk) => this.receive(chunk));
    return [this.call(step)];
  }

  private call(step: Exclude<Step, { receive: unknown } | { big: unknown }>): ExpectedCall {
    if (this.state !== "open") return { events: [], frames: [], throws: `the connection is ${this.state === "closing" ? "closing (you sent Close)" : "closed"}`, why: [] };
    if ("sendText" in step) return { events: [], frames: [{ opcode: OPCODE.TEXT, payload: new TextEncoder().encode(step.sendText) }], why: [] };
    if ("sendBinary" in step) return { events: [], frames: [{ opcode: OPCODE.BINARY, payload: fromHex(step.sendBinary) }], why: [] };
    if ("ping" in step) {
      const data = fromHex(step.ping);
      if (data.length > MAX_CONTROL_PAYLOAD) return { events: [], frames: [], throws: `a ping carries at most 125 bytes (§5.5), not ${data.length}`, why: [] };
      return { events: [], frames: [{ opcode: OPCODE.PING, payload: data }], why: [] };
    }
    const reason = new TextEncoder().encode(step.close.reason ?? "");
    if (!isValidCloseCode(step.close.code)) return { events: [], frames: [], throws: `${step.close.code} is no code a Close frame may carry (§7.4)`, why: [] };
    if (reason.length > MAX_CONTROL_PAYLOAD - 2) return { events: [], frames: [], throws: `a close reason is at most 123 bytes (§5.5), not ${reason.length}`, why: [] };
    this.state = "closing";
    const payload = new Uint8Array(2 + reason.length);
    payload.set([step.close.code >> 8, step.close.code & 0xff]);
    payload.set(reason, 2);
    return { events: [], frames: [{ opcode: OPCODE.CLOSE, payload }], why: [] };
  }

  private receive(bytes: Uint8Array): ExpectedCall {
    const out = { events: [] as EventView[], frames: [] as ExpectedFrame[], why: [] as string[], failCodes: undefined as number[] | undefined };
    for (let i = 0; i < bytes.length && this.state !== "closed"; i++) {
      const failure = this.push(bytes[i]!, out);
      if (failure !== null) {
        const [code, why, also] = failure;
        out.why.push(`byte ${i} of this chunk: ${why}: fail the connection with ${code}${this.state === "open" ? ", sending Close " + code : " (Close already sent: send nothing)"}`);
        out.events.push({ type: "fail", code });
        if (also !== undefined) out.failCodes = [code, also];
        if (this.state === "open") out.frames.push({ opcode: OPCODE.CLOSE, codes: also === undefined ? [code] : [code, also] });
        this.state = "closed";
      }
    }
    return out.failCodes === undefined ? { events: out.events, frames: out.frames, why: out.why } : out;
  }

  /** One byte; a failure as [code, why, another code also allowed]. */
  private push(byte: number, out: { events: EventView[]; frames: ExpectedFrame[]; why: string[] }): [number, string, number?] | null {
    if (this.frame === null) {
      this.header.push(byte);
      const parsed = parseFrameHeader(Uint8Array.from(this.header));
      if (parsed === null) return null;
      this.header = [];
      const broken = this.checkHeader(parsed);
      if (broken !== null) return broken;
      if (parsed.repr.opcode === OPCODE.TEXT || parsed.repr.opcode === OPCODE.BINARY) {
        this.message = { opcode: parsed.repr.opcode, parts: [], size: 0, utf8: new Utf8Validator() };
      }
      if (!isControlOpcode(parsed.repr.opcode) && this.message!.size + parsed.payloadLength > this.max) {
        return [CLOSE_CODE.MESSAGE_TOO_BIG, `the message would be ${this.message!.size + parsed.payloadLength} bytes, over maxMessageBytes ${this.max} (§7.4.1: 1009)`];
      }
      // The payload is allocated when its first byte arrives: a header may announce gigabytes that never come.
      this.frame = { parsed, payload: null, filled: 0 };
    } else {
      const frame = this.frame;
      const mask = frame.parsed.repr.mask;
      const plain = mask === null ? byte : byte ^ mask[frame.filled & 3]!;
      frame.payload ??= new Uint8Array(frame.parsed.payloadLength);
      frame.payload[frame.filled++] = plain;
      if (!isControlOpcode(frame.parsed.repr.opcode)) {
        const message = this.message!;
        message.size++;
        if (message.opcode === OPCODE.TEXT && !message.utf8.push(plain)) {
          return [CLOSE_CODE.INVALID_PAYLOAD, `byte ${message.size - 1} of the text message (${hex2(plain)}) cannot continue valid UTF-8 (§8.1: 1007, at once)`];
        }
      }
    }
    const frame = this.frame;
    if (frame.filled < frame.parsed.payloadLength) return null;
    this.frame = null;
    const payload = frame.payload ?? new Uint8Array(0);
    if (!isControlOpcode(frame.parsed.repr.opcode)) this.message!.parts.push(payload);
    return this.complete(frame.parsed, payload, out);
  }

  /** Header rules (§5.2, §5.4, §5.5, §5.1), checked once the whole header is in; null when it is fine. */
  private checkHeader(h: ParsedFrameHeader): [number, string] | null {
    const { fin, rsv, opcode, mask } = h.repr;
    const protocol = (why: string): [number, string] => [CLOSE_CODE.PROTOCOL_ERROR, `${why} (1002)`];
    if (rsv !== 0) return protocol(`RSV bits ${rsv.toString(2).padStart(3, "0")} set without an extension (§5.2)`);
    if (!isKnownOpcode(opcode)) return protocol(`opcode ${opcode} is reserved (§5.2)`);
    if (isControlOpcode(opcode)) {
      if (!fin) return protocol(`a control frame (opcode ${opcode}) with FIN 0: control frames are never fragmented (§5.5)`);
      if (h.payloadLength > MAX_CONTROL_PAYLOAD) return protocol(`a control frame with ${h.payloadLength} bytes: at most 125 (§5.5)`);
    } else if (opcode === OPCODE.CONTINUATION) {
      if (this.message === null) return protocol("a continuation frame with no message to continue (§5.4)");
    } else if (this.message !== null) {
      return protocol(`a new ${opcode === OPCODE.TEXT ? "text" : "binary"} message starts before the fragmented one ended (§5.4)`);
    }
    if ((mask !== null) !== (this.role === "server")) {
      return protocol(this.role === "server" ? "an unmasked frame from the client (§5.1)" : "a masked frame from the server (§5.1)");
    }
    if (h.lengthEncoding === "top-bit-set") return protocol("a 64-bit length with its most significant bit set (§5.2)");
    if (h.lengthEncoding === "not-minimal") return protocol(`length ${h.payloadLength} in ${h.headerLength - (mask === null ? 0 : 4) - 2} extra bytes: the minimal encoding MUST be used (§5.2)`);
    return null;
  }

  private complete(h: ParsedFrameHeader, payload: Uint8Array, out: { events: EventView[]; frames: ExpectedFrame[]; why: string[] }): [number, string, number?] | null {
    const opcode = h.repr.opcode;
    if (!isControlOpcode(opcode)) {
      if (!h.repr.fin) return null;
      const message = this.message!;
      this.message = null;
      const bytes = new Uint8Array(message.size);
      let at = 0;
      for (const part of message.parts) {
        bytes.set(part, at);
        at += part.length;
      }
      if (message.opcode === OPCODE.BINARY) {
        out.events.push({ type: "binary", data: payloadView(bytes) });
        return null;
      }
      if (!message.utf8.complete) return [CLOSE_CODE.INVALID_PAYLOAD, "the text message ends inside a UTF-8 sequence (§8.1: 1007)"];
      out.events.push(textView(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)));
      return null;
    }
    if (opcode === OPCODE.PING) {
      out.events.push({ type: "ping", data: payloadView(payload) });
      if (this.state === "open") out.frames.push({ opcode: OPCODE.PONG, payload });
      else out.why.push("a ping after you sent Close: report it, but send nothing more (lab contract)");
      return null;
    }
    if (opcode === OPCODE.PONG) {
      out.events.push({ type: "pong", data: payloadView(payload) });
      return null;
    }
    // Close (§5.5.1): no body, or a 2-byte code and a UTF-8 reason.
    if (payload.length === 1) return [CLOSE_CODE.PROTOCOL_ERROR, "a Close frame with a 1-byte body: a code takes 2 (§5.5.1: 1002)"];
    const code = payload.length >= 2 ? (payload[0]! << 8) | payload[1]! : null;
    if (code !== null && !isValidCloseCode(code)) return [CLOSE_CODE.PROTOCOL_ERROR, `a Close frame with code ${code}, which no endpoint may send (§7.4: 1002)`];
    const reason = payload.subarray(2);
    if (!utf8Check(reason).complete) return [CLOSE_CODE.INVALID_PAYLOAD, "a Close reason that is not UTF-8 (§5.5.1, §8.1: 1007 or 1002)", CLOSE_CODE.PROTOCOL_ERROR];
    out.events.push({ type: "close", code, reason: new TextDecoder("utf-8", { ignoreBOM: true }).decode(reason) });
    if (this.state === "open") {
      out.frames.push({ opcode: OPCODE.CLOSE, codes: code === null ? [null, CLOSE_CODE.NORMAL] : [code, CLOSE_CODE.NORMAL] });
      out.why.push(`Close ${code ?? "(no code)"} received: answer with Close (${code === null ? "empty, or 1000" : `${code}, or 1000`}) and read nothing more (§5.5.1)`);
    } else {
      out.why.push("Close received after you sent yours: the closing handshake is done; send nothing (§5.5.1)");
    }
    this.state = "closed";
    return null;
  }
}

/** The chunks of a `big` step, as the harness builds them (header, `length` bytes of `fill`, masked by the header's key). */
export function bigChunks(big: Extract<Step, { big: unknown }>["big"]): Uint8Array[] {
  const header = fromHex(big.header);
  const frame = new Uint8Array(header.length + big.length).fill(big.fill);
  frame.set(header);
  const masked = (header[1]! & 0x80) !== 0;
  for (let i = 0; masked && i < big.length; i++) frame[header.length + i]! ^= header[header.length - 4 + (i & 3)]!;
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < frame.length; at += big.chop) chunks.push(frame.slice(at, at + big.chop));
  return chunks;
}

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, "0");
}
