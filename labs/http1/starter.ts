/**
 * An HTTP/1.1 message parser and serializer (RFC 9112), sans-I/O.
 *
 * A Parser reads one direction of one connection: you push() octets as
 * they arrive, cut anywhere (one octet at a time, or many messages at
 * once), and it returns each message as soon as its last octet has
 * arrived. Malformed input makes it throw an HttpError whose `kind` says
 * what was wrong; after that, every call throws that same error again.
 * serialize() writes a Message as octets that any correct parser reads back
 * as the same Message.
 *
 * The instructions pin every rule and every error kind; the stages there
 * match the TODOs here. Text is Latin-1: one character per octet.
 */

export type Field = [name: string, value: string];

/** A request (method, target set; status, reason null) or a response (the other way round). */
export interface Message {
  readonly method: string | null;
  readonly target: string | null;
  readonly status: number | null;
  readonly reason: string | null;
  /** "HTTP/1.1" or "HTTP/1.0", as in the start line. */
  readonly version: string;
  /** The header section's field lines in order: names as received, values without the OWS around them. */
  readonly fields: Field[];
  /** The body's octets (chunked bodies without their chunk framing). */
  readonly body: Uint8Array;
  /** The trailer section of a chunked body (else empty). */
  readonly trailers: Field[];
}

export interface Limits {
  /** Octets in one line (start line, field line, chunk-size line), CRLF not counted. */
  readonly maxLineLength: number;
  /** Field lines in one header section (and, separately, in one trailer section). */
  readonly maxFields: number;
  /** Octets in one body (after removing the chunk framing). */
  readonly maxBodySize: number;
}

export const DEFAULT_LIMITS: Limits = { maxLineLength: 8192, maxFields: 100, maxBodySize: 1_048_576 };

export type ErrorKind =
  | "bad-line"
  | "bad-start-line"
  | "bad-version"
  | "bad-field"
  | "bad-host"
  | "bad-content-length"
  | "bad-transfer-encoding"
  | "both-lengths"
  | "bad-chunk"
  | "line-too-long"
  | "too-many-fields"
  | "body-too-large"
  | "incomplete";

/** What the parser throws on malformed input. Given: keep it. */
export class HttpError extends Error {
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, message: string) {
    super(message);
    this.name = "HttpError";
    this.kind = kind;
  }
}

export class Parser {
  /**
   * @param role "request": a server reading requests; "response": a client reading responses.
   * @param limits any of the limits (the others keep DEFAULT_LIMITS).
   */
  constructor(role: "request" | "response", limits: Partial<Limits> = {}) {
    // TODO (stage 1): keep the role and the limits; start with an empty buffer.
    void role;
    void limits;
  }

  /** Response parsers: the method of the next request whose response will arrive (a queue, in order). */
  requestMethod(method: string): void {
    // TODO (stage 4): a response to HEAD has no body (RFC 9112 §6.3 rule 1).
    void method;
  }

  /** Takes the next octets of the stream; returns the messages they completed, in order. */
  push(chunk: Uint8Array): Message[] {
    // TODO (stage 1): lines (CRLF), the start line and the field lines.
    // TODO (stage 2): bodies by Content-Length; pipelined messages.
    // TODO (stage 3): chunked bodies with extensions and trailers.
    // TODO (stage 4): responses: HEAD, 1xx, 204, 304, bodies that end with the stream.
    // TODO (stage 5): limits, and the framing rules that stop request smuggling.
    void chunk;
    return [];
  }

  /** The stream has ended: returns a response whose body ran to the end, or throws "incomplete" mid-message. */
  end(): Message[] {
    return [];
  }
}

/** The octets of `message`; throws an Error when the message cannot be written so that it parses back the same. */
export function serialize(message: Message): Uint8Array {
  // TODO (stage 6)
  void message;
  throw new Error("serialize: not implemented");
}
