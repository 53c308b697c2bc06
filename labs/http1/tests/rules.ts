/** The rules the tests check, with their sources, shared by the public and hidden tests. */

export const RULES = {
  lines:
    "RFC 9112 §2.2: the start line and every field line end in CRLF; a bare CR is invalid. This lab pins the strict reading: a bare LF " +
    "(which §2.2 lets a recipient accept) is an error too (bad-line), and empty lines (CRLF) before a start line are skipped",
  requestLine:
    "RFC 9112 §3: request-line = method SP request-target SP HTTP-version, single spaces; method is a token (RFC 9110 §9.1); " +
    "this lab takes any non-empty run of visible octets (0x21-0x7E) as the target (bad-start-line)",
  statusLine:
    "RFC 9112 §4: status-line = HTTP-version SP status-code SP [reason-phrase]: the second SP is there even when the reason is empty; " +
    "status-code is three digits, 100-599 (RFC 9110 §15); reason-phrase is HTAB, SP, VCHAR and obs-text (bad-start-line)",
  version:
    'RFC 9112 §2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive (bad-start-line); a major version other than 1 is bad-version (a server answers 505)',
  fields:
    'RFC 9112 §5.1: field-line = field-name ":" OWS field-value OWS; the name is a token (RFC 9110 §5.1) with no whitespace before the colon ' +
    "(a server MUST reject it with 400); the OWS around the value is not part of it; field values hold VCHAR, obs-text, SP and HTAB " +
    "(RFC 9110 §5.5: CR, LF and NUL never) (bad-field)",
  obsFold:
    "RFC 9112 §5.2: obs-fold (a field line that starts with SP or HTAB, continuing the previous one) is deprecated; a server MUST reject it " +
    "or unfold it, a proxy may reject it: this lab's parsers reject it (bad-field)",
  host:
    "RFC 9112 §3.2: a server MUST reject (400) an HTTP/1.1 request without a Host field, and any request with more than one Host field line (bad-host)",
  contentLength:
    "RFC 9112 §6.3 rule 5 and RFC 9110 §8.6: Content-Length = 1*DIGIT; a value that is not digits, or several values that differ, " +
    "make the framing invalid: an unrecoverable error (bad-content-length). Identical repeats (two lines, or 42, 42) are the same length",
  transferEncoding:
    "RFC 9112 §6.1 and §6.3 rule 4: when chunked is the final transfer coding the body is chunked; in a request it MUST be final (else 400) and " +
    "it MUST NOT be applied twice; in a response without it the body runs to the end of the stream; Transfer-Encoding in an HTTP/1.0 message " +
    "is faulty framing (bad-transfer-encoding)",
  smuggling:
    "RFC 9112 §6.1 and §6.3 rule 3, §11.2: a message with both Transfer-Encoding and Content-Length may be an attempt at request smuggling " +
    "and ought to be handled as an error; a server MUST close the connection after it. This lab pins the error (both-lengths)",
  bodyless:
    "RFC 9112 §6.3 rule 1: a response to HEAD, and any 1xx, 204 or 304 response, ends at the empty line after its header section, " +
    "whatever Content-Length or Transfer-Encoding say. A 1xx response is interim: the final response that follows answers the same request",
  noLength:
    "RFC 9112 §6.3 rules 6-8: a request with neither Content-Length nor Transfer-Encoding has no body; such a response's body runs " +
    "until the connection closes (end())",
  chunked:
    "RFC 9112 §7.1: chunk = chunk-size [chunk-ext] CRLF chunk-data CRLF, chunk-size 1*HEXDIG; last-chunk = 1*\"0\" [chunk-ext] CRLF, " +
    "then the trailer section and CRLF. §7.1.1: chunk-ext = *( BWS \";\" BWS name [ BWS \"=\" BWS ( token / quoted-string ) ] ), " +
    "read and ignored (bad-chunk). §7.1.2: trailer fields are field lines like the header section's",
  pipelining:
    "RFC 9112 §9.3: a client may send several requests without waiting (pipelining); the octets after one message are the next message's, " +
    "and responses come back in the order of the requests",
  incremental:
    "Lab contract (sans-I/O): octets arrive cut anywhere; push() returns each message from the push that brings its last octet, judges a line " +
    "when its LF arrives and a limit the moment it is passed, and a parser that threw keeps throwing that error",
  limits:
    "RFC 9112 §3 and §5 (a server SHOULD answer 414/431 to lines and sections longer than it reads), RFC 9110 §15.5.14 (413): " +
    "a line over maxLineLength octets before CRLF, even before its LF arrives (line-too-long); more than maxFields field lines (too-many-fields); " +
    "a body over maxBodySize, known from Content-Length or the chunk sizes before the data comes (body-too-large)",
  incomplete: "Lab contract: end() inside a message (other than a body that runs to the end of the stream) throws incomplete",
  copies: "Lab contract: push() never changes the octets it is given, and returns bodies that later calls do not change",
  serialize:
    'RFC 9112 §2.1: a message is the start line, field lines as "name: value" CRLF, CRLF, and the body framed as its fields say ' +
    "(Content-Length octets, or chunks, last-chunk, trailers and CRLF); serialize() refuses what a parser would refuse or read differently",
} as const;
