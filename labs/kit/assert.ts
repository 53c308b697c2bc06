/**
 * Assertions whose failure messages teach: bytes are shown in hex with the
 * first wrong byte marked, lists of frames say which frame differs.
 */
import { toHex } from "./hex.ts";

/** A failed lab assertion; its message is shown to the learner as is. */
export class LabAssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LabAssertionError";
  }
}

/** Fails the test with `message`. */
export function fail(message: string): never {
  throw new LabAssertionError(message);
}

const BYTES_PER_LINE = 16;

/**
 * Checks that `actual` equals `expected` byte for byte; otherwise fails with
 * both in hex and a caret under the first byte that differs.
 */
export function expectBytes(actual: Uint8Array, expected: Uint8Array, what: string): void {
  const firstDifference = firstDifferentByte(actual, expected);
  if (firstDifference === -1) return;
  const lines = [
    `${what}: wrong bytes at offset ${firstDifference}` +
      (actual.length !== expected.length ? ` (got ${actual.length} bytes, expected ${expected.length})` : ""),
    ...hexWindow("expected", expected, firstDifference),
    ...hexWindow("got     ", actual, firstDifference),
  ];
  fail(lines.join("\n"));
}

/** Checks a list of byte strings (frames, messages) one by one. */
export function expectByteList(actual: readonly Uint8Array[], expected: readonly Uint8Array[], what: string): void {
  const count = Math.min(actual.length, expected.length);
  for (let i = 0; i < count; i++) expectBytes(actual[i]!, expected[i]!, `${what} #${i + 1} of ${expected.length}`);
  if (actual.length !== expected.length) {
    const extra = actual.length > expected.length ? ` The first extra one: ${preview(actual[count]!)}` : "";
    const missing = actual.length < expected.length ? ` The first missing one: ${preview(expected[count]!)}` : "";
    fail(`${what}: got ${actual.length}, expected ${expected.length}.${extra}${missing}`);
  }
}

/** "5 bytes: 00 00 00 01 61", shortened when long. */
export function preview(bytes: Uint8Array, max = 24): string {
  const shown = toHex(bytes.subarray(0, max));
  return `${bytes.length} byte${bytes.length === 1 ? "" : "s"}: ${shown}${bytes.length > max ? " …" : ""}`;
}

function firstDifferentByte(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : length;
}

/** The line of hex around `offset`, with a caret under it. */
function hexWindow(label: string, bytes: Uint8Array, offset: number): string[] {
  const start = Math.floor(offset / BYTES_PER_LINE) * BYTES_PER_LINE;
  const slice = bytes.subarray(start, start + BYTES_PER_LINE);
  const prefix = `  ${label} @${String(start).padStart(4, "0")}: `;
  const text = slice.length > 0 ? toHex(slice) : "(end of data)";
  const caret = " ".repeat(prefix.length + (offset - start) * 3) + "^^";
  return [prefix + text, caret];
}
