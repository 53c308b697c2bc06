/**
 * Message framing: make messages survive a byte stream.
 *
 * A byte stream (like a TCP connection) delivers every byte in order, but
 * forgets where one write ended and the next began: the reader may get half
 * a message, or three and a bit, in one chunk. Framing puts the boundaries
 * back. You will write two framings, each as an encoder (message → bytes)
 * and a decoder (chunks → messages):
 *
 * - length-prefixed: a 4-byte big-endian payload length, then the payload;
 * - SLIP (RFC 1055): END (C0), the payload with C0 and DB escaped, END.
 *
 * The instructions pin every detail; the stages there match the TODOs here.
 */

/** The largest payload, in bytes, unless a constructor or encoder is told otherwise. */
export const DEFAULT_MAX_FRAME = 65536;

/**
 * Throw this on malformed input (and from an encoder, for a payload over the
 * limit). The tests check the class: any other error counts as a crash.
 */
export class FramingError extends Error {
  override name = "FramingError";
}

// ---------------------------------------------------------------------------
// Scheme 1: length-prefixed

/**
 * Frames `payload` as its length (4 bytes, big-endian, unsigned) followed by
 * the payload itself. An empty payload gives `00 00 00 00`.
 *
 * @param payload the message; never modify it.
 * @param maxFrame the largest payload allowed (inclusive).
 * @returns a new Uint8Array of `4 + payload.length` bytes.
 * @throws FramingError if `payload.length > maxFrame`.
 */
export function encodeLengthPrefixed(payload: Uint8Array, maxFrame = DEFAULT_MAX_FRAME): Uint8Array {
  // TODO (stage 1): check the limit, write the header, copy the payload.
  // (`void x;` only keeps the compiler quiet about unused parameters: delete it when you use them.)
  void payload;
  void maxFrame;
  return new Uint8Array(0);
}

/**
 * Turns a stream of length-prefixed frames, cut into chunks anywhere, back
 * into payloads. One decoder reads one stream from start to end.
 */
export class LengthPrefixedDecoder {
  /** @param maxFrame the largest payload to accept (inclusive). */
  constructor(maxFrame = DEFAULT_MAX_FRAME) {
    // TODO (stages 2-4): keep maxFrame and whatever state survives between pushes.
    void maxFrame;
  }

  /**
   * Feeds the next chunk of the stream.
   *
   * @param chunk the next bytes, of any length (even 0), maybe a view into a
   *   larger buffer. The caller may reuse its memory once you return, so copy
   *   whatever you keep.
   * @returns every frame this chunk completed, in order (often none). Each is a
   *   new Uint8Array that the decoder never touches again.
   * @throws FramingError as soon as a header announces more than maxFrame bytes,
   *   before any of that payload is buffered. After a throw, every later push()
   *   and end() throws a FramingError too.
   */
  push(chunk: Uint8Array): Uint8Array[] {
    // TODO (stage 2): whole frames, several per chunk.
    // TODO (stage 3): frames and headers split across chunks at any byte.
    // TODO (stage 4): the maxFrame check at header time.
    void chunk;
    return [];
  }

  /**
   * Says that the stream has ended.
   *
   * @throws FramingError if the stream stopped inside a header or a payload.
   */
  end(): void {
    // TODO (stage 4): reject a truncated stream.
  }
}

// ---------------------------------------------------------------------------
// Scheme 2: SLIP (RFC 1055), with END at both ends of every frame

/**
 * Frames `payload` the SLIP way: END (C0), then each payload byte, with C0
 * sent as DB DC and DB sent as DB DD, then END. An empty payload gives
 * `C0 C0`, which decodes to nothing: SLIP cannot carry empty messages.
 *
 * @param payload the message; never modify it.
 * @param maxFrame the largest payload allowed (inclusive; escapes do not count).
 * @returns a new Uint8Array.
 * @throws FramingError if `payload.length > maxFrame`.
 */
export function encodeSlip(payload: Uint8Array, maxFrame = DEFAULT_MAX_FRAME): Uint8Array {
  // TODO (stage 5): check the limit, then escape.
  void payload;
  void maxFrame;
  return new Uint8Array(0);
}

/**
 * Turns a SLIP stream, cut into chunks anywhere (even between an ESC and the
 * byte after it), back into payloads.
 */
export class SlipDecoder {
  /** @param maxFrame the largest decoded payload to accept (inclusive). */
  constructor(maxFrame = DEFAULT_MAX_FRAME) {
    // TODO (stage 5)
    void maxFrame;
  }

  /**
   * Feeds the next chunk of the stream.
   *
   * @param chunk the next bytes, of any length (even 0), maybe a view into a
   *   larger buffer. Copy whatever you keep.
   * @returns every non-empty frame this chunk completed (at an END), in order,
   *   each a new Uint8Array. Empty frames (END END) are skipped.
   * @throws FramingError if an ESC is followed by anything but DC or DD, or as
   *   soon as a frame's decoded payload passes maxFrame bytes. After a throw,
   *   every later push() and end() throws a FramingError too.
   */
  push(chunk: Uint8Array): Uint8Array[] {
    // TODO (stage 5)
    void chunk;
    return [];
  }

  /**
   * Says that the stream has ended.
   *
   * @throws FramingError if decoded bytes of an unfinished frame, or a lone ESC, are pending.
   */
  end(): void {
    // TODO (stage 5)
  }
}
