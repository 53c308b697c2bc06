/**
 * The framing simulation's model: an application writes its messages, each
 * framed, to a byte stream (the runtime's ByteStream, which cuts and merges
 * writes as a TCP receiver may see them), and the reader gets chunks.
 *
 * There is no decoder here: the model knows every byte's message because it
 * wrote it, so it draws the truth by offset. The stream is the one the
 * framing lab's `stream` scenario sends over (labs/framing/byte-stream.ts),
 * so "Use my code" feeds the learner's decoder the very chunks drawn here (a
 * unit test checks it).
 */
import { toMs } from "#runtime/core/time.ts";
import { sendOverByteStream } from "#labs/framing/byte-stream.ts";
import { END, ESC, ESC_END, ESC_ESC, LENGTH_HEADER_BYTES } from "#labs/framing/wire.ts";
import { PRESETS, type FramingControls, type Scheme } from "./framing-controls.ts";

/** What one byte of the stream is. */
export type ByteRole = "length" | "end" | "escape" | "data";

export interface StreamByte {
  readonly value: number;
  /** Index of the message whose frame holds it. */
  readonly message: number;
  readonly role: ByteRole;
}

/** One write: message `message`'s whole frame, bytes [start, start + length) of the stream. */
export interface Write {
  readonly message: number;
  readonly start: number;
  readonly length: number;
  readonly payloadBytes: number;
  readonly tMs: number;
}

/** One chunk the reader got: bytes [start, start + length) of the stream. */
export interface Chunk {
  readonly start: number;
  readonly length: number;
  readonly tMs: number;
}

/** A frame the reader must get back (SLIP carries no empty frame), and the chunk its last byte came in. */
export interface ExpectedFrame {
  readonly message: number;
  readonly chunk: number;
}

export interface FramingRun {
  readonly scheme: Scheme;
  readonly messages: readonly Uint8Array[];
  readonly bytes: readonly StreamByte[];
  readonly writes: readonly Write[];
  readonly chunks: readonly Chunk[];
  readonly expected: readonly ExpectedFrame[];
}

/** Sends the preset's messages over a seeded byte stream. */
export function runFraming(controls: FramingControls): FramingRun {
  const messages = PRESETS[controls.preset].messages;
  const frames = messages.map((payload, index) => frameBytes(controls.scheme, payload, index));

  // The lab's own stream (labs/framing/byte-stream.ts), which its stream scenario sends over.
  const chunks: Chunk[] = [];
  let received = 0;
  const data = frames.map((frame) => Uint8Array.from(frame, (b) => b.value));
  const times = sendOverByteStream(data, controls, (chunk, at) => {
    chunks.push({ start: received, length: chunk.length, tMs: toMs(at) });
    received += chunk.length;
  });
  const writes: Write[] = [];
  let offset = 0;
  for (const [message, frame] of frames.entries()) {
    writes.push({ message, start: offset, length: frame.length, payloadBytes: messages[message]!.length, tMs: toMs(times[message]!) });
    offset += frame.length;
  }

  const bytes = frames.flat();
  const chunkOf = (offset: number) => chunks.findIndex((c) => offset < c.start + c.length);
  const expected = writes
    .filter((w) => controls.scheme !== "slip" || w.payloadBytes > 0)
    .map((w) => ({ message: w.message, chunk: chunkOf(w.start + w.length - 1) }));
  return { scheme: controls.scheme, messages, bytes, writes, chunks, expected };
}

/** One message's frame, byte by byte, with what each byte is (the sender's view: it knows where its message starts). */
function frameBytes(scheme: Scheme, payload: Uint8Array, message: number): StreamByte[] {
  const out: StreamByte[] = [];
  const add = (value: number, role: ByteRole) => out.push({ value, message, role });
  if (scheme === "length-prefixed") {
    for (let i = LENGTH_HEADER_BYTES - 1; i >= 0; i--) add(Math.floor(payload.length / 256 ** i) % 256, "length");
    for (const value of payload) add(value, "data");
    return out;
  }
  add(END, "end");
  for (const value of payload) {
    if (value === END || value === ESC) {
      add(ESC, "escape");
      add(value === END ? ESC_END : ESC_ESC, "escape");
    } else add(value, "data");
  }
  add(END, "end");
  return out;
}
