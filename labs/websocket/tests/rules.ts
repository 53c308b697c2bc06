/** The rules the tests check, with their sources, shared by the public and hidden tests. */

export const RULES = {
  accept:
    "RFC 6455 §4.2.2 (item 5.4) and §1.3: Sec-WebSocket-Accept is base64(SHA-1(key + \"258EAFA5-E914-47DA-95CA-C5AB0DC85B11\")), " +
    "the key taken as it appears in Sec-WebSocket-Key minus leading and trailing whitespace",
  framing:
    "RFC 6455 §5.2: a frame is FIN, RSV1-3, a 4-bit opcode, MASK, a 7-bit length (126: a 16-bit length follows, 127: a 64-bit one), " +
    "the masking key if MASK is set, then the payload. The minimal number of bytes MUST be used to encode the length, and a 64-bit length's top bit MUST be 0",
  masking:
    "RFC 6455 §5.1 and §5.3: a client masks every frame it sends with a fresh 4-byte key (payload byte i XOR key[i mod 4]); a server never masks; " +
    "a server fails the connection on an unmasked frame and a client on a masked one",
  data: "RFC 6455 §5.6: a text message is UTF-8 and arrives as a string; a binary message as bytes, whatever is in them",
  control:
    "RFC 6455 §5.5: control frames (close, ping, pong) carry at most 125 payload bytes and MUST NOT be fragmented; a broken rule fails the connection with 1002 (§7.4.1)",
  ping: "RFC 6455 §5.5.2-3: a Ping is answered by a Pong with the same payload, as soon as practical; an unsolicited Pong is not answered",
  reserved: "RFC 6455 §5.2: RSV1-3 MUST be 0 without an extension that defines them, and opcodes 3-7 and 0xB-0xF are reserved: either fails the connection with 1002",
  fragments:
    "RFC 6455 §5.4: a message is one frame with FIN 1, or a text/binary frame with FIN 0, continuation frames with FIN 0, and a last continuation with FIN 1; " +
    "control frames MAY come between fragments; a continuation with nothing to continue, or a new message before the last fragment, fails the connection with 1002",
  utf8:
    "RFC 6455 §8.1 and RFC 3629 §4: text that is not valid UTF-8 fails the connection with 1007, as soon as a byte arrives after which no continuation could make it valid, " +
    "even in the middle of a frame or a fragmented message (overlong forms, surrogates and code points above U+10FFFF are invalid)",
  close:
    "RFC 6455 §5.5.1 and §7.4: a Close body is empty, or a 2-byte status code then a UTF-8 reason; the other side answers with a Close of its own " +
    "(this lab: echo the code, or 1000) and then reads and sends nothing more; codes 1004-1006, 1015, other codes below 3000 and codes from 5000 fail the connection with 1002",
  closing:
    "RFC 6455 §5.5.1 and §7.1: after sending Close an endpoint sends no more data frames (this lab: nothing at all, and send/ping/close throw); after receiving one it reads nothing more",
  fail:
    "RFC 6455 §7.1.7: to fail the connection an endpoint sends a Close frame with the status code (1002 protocol error, 1007 invalid data, 1009 too big) unless it already sent one, " +
    "and then processes no more data",
  limits:
    "RFC 6455 §10.4 and §7.4.1 (1009): an endpoint limits the size of a message; a frame whose header would take the message past maxMessageBytes fails the connection with 1009 before its payload arrives",
  chunks:
    "TCP delivers a byte stream (RFC 9293): frames arrive cut anywhere, several in one read or one across many; receive() keeps what it needs between calls and must not keep or change the caller's buffer",
} as const;
