/**
 * A framing run as the class edition records it (framing.model.ts) and
 * replays it (framing.recorded.ts): the same numbers as a FramingRun, in
 * JSON's terms and compact (hex text for bytes, one letter per byte's role,
 * tuples for writes, chunks and expected frames). Reading one back is
 * copying numbers: no framing is computed here.
 */
import { fromHex } from "#runtime/core/hex.ts";
import type { ByteRole, FramingRun, StreamByte } from "./framing.ts";
import type { Scheme } from "./framing-controls.ts";

export interface FramingTrace {
  readonly scheme: Scheme;
  /** Each message's payload, as hex without separators. */
  readonly messages: readonly string[];
  /** The stream's bytes, as hex without separators. */
  readonly bytes: string;
  /** One letter per stream byte: its role (ROLE_LETTERS). */
  readonly roles: string;
  /** [message, start, length, payloadBytes, tMs] per write. */
  readonly writes: readonly (readonly [number, number, number, number, number])[];
  /** [start, length, tMs] per chunk. */
  readonly chunks: readonly (readonly [number, number, number])[];
  /** [message, chunk] per frame the reader must get back. */
  readonly expected: readonly (readonly [number, number])[];
}

export const ROLE_LETTERS: Readonly<Record<ByteRole, string>> = { length: "l", end: "e", escape: "x", data: "d" };
const ROLES = new Map(Object.entries(ROLE_LETTERS).map(([role, letter]) => [letter, role as ByteRole]));

/** The run a trace holds. */
export function fromTrace(trace: FramingTrace): FramingRun {
  const values = fromHex(trace.bytes);
  const owner = new Array<number>(values.length).fill(-1);
  for (const [message, start, length] of trace.writes) owner.fill(message, start, start + length);
  const bytes: StreamByte[] = Array.from(values, (value, i) => {
    const role = ROLES.get(trace.roles[i] ?? "");
    if (role === undefined || owner[i] === -1) throw new Error(`the recorded framing run has no role or write for byte ${i}`);
    return { value, message: owner[i]!, role };
  });
  return {
    scheme: trace.scheme,
    messages: trace.messages.map((hex) => fromHex(hex)),
    bytes,
    writes: trace.writes.map(([message, start, length, payloadBytes, tMs]) => ({ message, start, length, payloadBytes, tMs })),
    chunks: trace.chunks.map(([start, length, tMs]) => ({ start, length, tMs })),
    expected: trace.expected.map(([message, chunk]) => ({ message, chunk })),
  };
}
