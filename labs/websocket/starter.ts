/**
 * A WebSocket endpoint (RFC 6455), sans-I/O.
 *
 * After the opening handshake, a WebSocket is a byte stream in both
 * directions. Your Connection gets the bytes the peer sent, as they arrive,
 * in receive(), and returns what they meant (events) and what to write back
 * (pongs, Close frames). send(), ping() and close() return the frame to
 * write. Nothing here touches a socket: the harness (or a real server in
 * the CLI tests) moves the bytes.
 *
 * The instructions pin every rule; the stages there match the TODOs here.
 */

export type Role = "client" | "server";

/** Functions the harness provides: SHA-1 (FIPS 180-4) and base64 (RFC 4648 §4). */
export interface Tools {
  sha1(data: Uint8Array): Uint8Array;
  base64(data: Uint8Array): string;
}

export interface ConnectionOptions {
  readonly role: Role;
  /** The largest message (all its fragments' payloads together) this endpoint accepts, in bytes. */
  readonly maxMessageBytes: number;
  /** A fresh 4-byte masking key; a client calls it once for every frame it sends. */
  readonly maskKey: () => Uint8Array;
}

export type WsEvent =
  | { readonly type: "text"; readonly text: string }
  | { readonly type: "binary"; readonly data: Uint8Array }
  | { readonly type: "ping"; readonly data: Uint8Array }
  | { readonly type: "pong"; readonly data: Uint8Array }
  | { readonly type: "close"; readonly code: number | null; readonly reason: string }
  | { readonly type: "fail"; readonly code: number };

export interface Received {
  readonly events: WsEvent[];
  /** Frames to write to the peer, in order. */
  readonly send: Uint8Array[];
}

/** Stage 1: Sec-WebSocket-Accept for a Sec-WebSocket-Key (RFC 6455 §4.2.2). */
export function acceptKey(key: string, tools: Tools): string {
  // TODO: base64(sha1(bytes of the key + the GUID of §1.3)).
  void key;
  void tools;
  return "";
}

export class Connection {
  constructor(options: ConnectionOptions) {
    // TODO: keep the role, the limit and maskKey; you will need state between receive() calls.
    void options;
  }

  /** Bytes from the peer (any amount: part of a frame, several frames). Do not keep or change `bytes`. */
  receive(bytes: Uint8Array): Received {
    // TODO (stage 2): read frame headers and payloads, unmasking as a server.
    // TODO (stage 3): ping → pong, fragments joined, text checked as UTF-8.
    // TODO (stage 4): Close, and failing the connection with 1002, 1007 or 1009.
    void bytes;
    return { events: [], send: [] };
  }

  /** A text (string) or binary (Uint8Array) message as one frame. */
  send(data: string | Uint8Array): Uint8Array {
    // TODO (stage 2): FIN 1, the opcode, the minimal length encoding; a client masks.
    void data;
    return new Uint8Array(0);
  }

  /** A Ping frame with `data` (at most 125 bytes). */
  ping(data: Uint8Array): Uint8Array {
    void data;
    return new Uint8Array(0);
  }

  /** A Close frame with `code` and `reason`; afterwards the connection sends nothing more. */
  close(code: number, reason = ""): Uint8Array {
    void code;
    void reason;
    return new Uint8Array(0);
  }
}
