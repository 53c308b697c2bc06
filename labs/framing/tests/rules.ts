/** The rules the tests check, with their sources, shared by the public and hidden tests. */

export const RULES = {
  lengthHeader:
    "Lab contract: a length-prefixed frame is the payload length as a 4-byte big-endian (network byte order) unsigned integer, then the payload",
  lengthEmpty:
    "Lab contract: a length-prefixed frame may carry an empty payload (header 00 00 00 00), and the decoder returns it",
  byteStream:
    "RFC 9293 §2.2: TCP is a byte-stream service, and (RFC 793 §2.8) a segment may hold part of a write or several writes. " +
    "push() returns every frame its chunk completes, wherever the chunks were cut",
  lengthLimit:
    "Lab contract: push() throws as soon as a header announces more than maxFrame payload bytes, before any of that payload is buffered",
  encodeLimit:
    "Lab contract: the encoders throw for a payload longer than maxFrame (default 65536) and accept one exactly that long",
  lengthEnd: "Lab contract: end() throws if the stream stopped inside a header or a payload",
  copies:
    "Lab contract: every frame push() returns is a new Uint8Array that the decoder never changes; " +
    "the caller may reuse a chunk's memory as soon as push() returns",
  slipEscape:
    "RFC 1055 (PROTOCOL): END (C0) in the data is sent as ESC ESC_END (DB DC), ESC (DB) as ESC ESC_ESC (DB DD); " +
    "this lab sends END before and after every frame, as RFC 1055 suggests (Phil Karn's change)",
  slipEmpty:
    "RFC 1055 (SLIP DRIVERS, recv_packet): back-to-back ENDs make an empty packet, which the receiver ignores; so must push()",
  slipBadEscape:
    "Lab contract, stricter than RFC 1055's sample code (which keeps the byte): ESC followed by anything but ESC_END or ESC_ESC makes push() throw",
  slipLimit:
    "Lab contract: SlipDecoder.push() throws as soon as a frame's decoded payload passes maxFrame bytes, without waiting for END",
  slipEnd: "Lab contract: SlipDecoder.end() throws if bytes of an unfinished frame, or a lone ESC, are pending",
  failed:
    "Lab contract (Errors): a deliberate rejection is a FramingError; once push() or end() has thrown, the decoder is failed for good: " +
    "every later push() and end() throws a FramingError and returns no frame",
  slipNoise:
    "RFC 1055 (PROTOCOL): a frame is everything between two ENDs; bytes before the first END (line noise) form a frame too",
} as const;
