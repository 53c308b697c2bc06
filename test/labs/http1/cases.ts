/**
 * The streams recorded against Node's llhttp for the http1 lab's corpus,
 * and why the lab's rule differs where it does (RFC 9112 sections).
 */
export interface LlhttpCase {
  readonly name: string;
  readonly role: "request" | "response";
  /** Responses: the method of the request they answer. */
  readonly method?: string;
  readonly text: string;
  /** Where llhttp's verdict and RFC 9112's (as this lab pins it) part. */
  readonly differs?: string;
}

const H = "Host: a\r\n";
const r = (name: string, text: string, differs?: string): LlhttpCase => ({ name, role: "request", text, ...(differs ? { differs } : {}) });
const s = (name: string, text: string, method?: string, differs?: string): LlhttpCase => ({ name, role: "response", text, ...(method ? { method } : {}), ...(differs ? { differs } : {}) });

export const CASES: readonly LlhttpCase[] = [
  r("pipelined GET, POST, GET", `GET /1 HTTP/1.1\r\n${H}\r\nPOST /2 HTTP/1.1\r\n${H}Content-Length: 3\r\n\r\nabcGET /3 HTTP/1.1\r\n${H}\r\n`),
  r("space before colon", `GET / HTTP/1.1\r\nHost : a\r\n\r\n`),
  r("obs-fold", `GET / HTTP/1.1\r\n${H}X: b\r\n c\r\n\r\n`),
  r("bare LF line endings", "GET / HTTP/1.1\nHost: a\n\n"),
  r("bare LF after a field", `GET / HTTP/1.1\r\nHost: a\nX: y\r\n\r\n`),
  r("bare CR in a field", `GET / HTTP/1.1\r\nHost: a\rX: y\r\n\r\n`),
  r("two spaces in the request line", `GET  / HTTP/1.1\r\n${H}\r\n`, "RFC 9112 §3: single SP between the parts (this lab pins the strict grammar); llhttp skips extra spaces"),
  r("an extension method", `X-CUSTOM / HTTP/1.1\r\n${H}\r\n`, "RFC 9110 §9.1: any token is a method; llhttp knows a fixed list of methods"),
  r("lowercase http", `GET / http/1.1\r\n${H}\r\n`),
  r("HTTP/1.2", `GET / HTTP/1.2\r\n${H}\r\n`, "RFC 9112 §2.3: a 1.x message with a higher minor version is read as 1.1; llhttp refuses minor versions it does not know"),
  r("HTTP/2.0", `GET / HTTP/2.0\r\n${H}\r\n`, "RFC 9112 §2.3: only major version 1 is HTTP/1.x (a server answers 505); llhttp passes HTTP/2.0 on to node:http"),
  r("Transfer-Encoding with Content-Length", `POST / HTTP/1.1\r\n${H}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n`),
  r("two identical Content-Length lines", `POST / HTTP/1.1\r\n${H}Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc`, "RFC 9110 §8.6: identical repeated values may be taken as one (this lab does); llhttp refuses any repeat"),
  r("Content-Length 3 and 4", `POST / HTTP/1.1\r\n${H}Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd`),
  r("Content-Length: 3, 3", `POST / HTTP/1.1\r\n${H}Content-Length: 3, 3\r\n\r\nabc`, "RFC 9110 §8.6: a list of identical values may be taken as one (this lab does); llhttp refuses the comma"),
  r("Content-Length: +3", `POST / HTTP/1.1\r\n${H}Content-Length: +3\r\n\r\nabc`),
  r("Content-Length: 0x3", `POST / HTTP/1.1\r\n${H}Content-Length: 0x3\r\n\r\nabc`),
  r("empty Content-Length", `POST / HTTP/1.1\r\n${H}Content-Length: \r\n\r\n`),
  r("Content-Length: 003", `POST / HTTP/1.1\r\n${H}Content-Length: 003\r\n\r\nabc`),
  r("Transfer-Encoding: gzip in a request", `POST / HTTP/1.1\r\n${H}Transfer-Encoding: gzip\r\n\r\nabc`),
  r("chunked, chunked", `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n`),
  r("chunked, gzip in a request", `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n`),
  r("gzip and chunked on two lines", `POST / HTTP/1.1\r\n${H}Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`),
  r("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 message is faulty framing; llhttp reads the chunks"),
  r("chunk extension with BWS and a quoted string", `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3 ; a = "b\\"c"\r\nabc\r\n0\r\n\r\n`, "RFC 9112 §7.1.1: BWS is allowed around ; and = in chunk extensions; llhttp's strict mode refuses the space"),
  r("chunk extension without BWS", `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3;a="b\\"c";d=e\r\nabc\r\n0\r\nT: 1\r\n\r\n`),
  r("chunk size 0x3", `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n0x3\r\nabc\r\n0\r\n\r\n`),
  r("space after the chunk size", `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3 \r\nabc\r\n0\r\n\r\n`),
  r("chunk data without CRLF", `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n`),
  r("uppercase hex and 00", `POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\nA\r\n0123456789\r\n00\r\n\r\n`),
  r("empty lines before a request", `\r\n\r\nGET / HTTP/1.1\r\n${H}\r\n`),
  r("NUL in a value", `GET / HTTP/1.1\r\n${H}X: a\x00b\r\n\r\n`),
  r("0x01 in a value", `GET / HTTP/1.1\r\n${H}X: a\x01b\r\n\r\n`),
  r("DEL in a value", `GET / HTTP/1.1\r\n${H}X: a\x7fb\r\n\r\n`),
  r("obs-text in a value", `GET / HTTP/1.1\r\n${H}X: caf\xe9\r\n\r\n`),
  r("a name with (", `GET / HTTP/1.1\r\n${H}X(y): 1\r\n\r\n`),
  r("an empty name", `GET / HTTP/1.1\r\n${H}: 1\r\n\r\n`),
  r("no colon", `GET / HTTP/1.1\r\n${H}XY\r\n\r\n`),
  r("whitespace before the first field", `GET / HTTP/1.1\r\n X: a\r\n${H}\r\n`),
  r("a method with (", `G(T / HTTP/1.1\r\n${H}\r\n`),
  r("a tab between method and target", `GET\t/ HTTP/1.1\r\n${H}\r\n`),
  r("DEL in the target", `GET /\x7f HTTP/1.1\r\n${H}\r\n`),
  r("OWS around values", `GET / HTTP/1.1\r\nHost: a \t\r\nX:\t v \r\n\r\n`),
  s("no SP after the status code", "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", undefined, "RFC 9112 §4: status-line = HTTP-version SP status-code SP [reason-phrase]; llhttp takes a line without the second SP"),
  s("an empty reason", "HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n"),
  s("a body to the end of the stream", "HTTP/1.1 200 OK\r\n\r\nabc"),
  s("a HEAD response with Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", "HEAD"),
  s("204 with Content-Length", "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n"),
  s("100 Continue then 200", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx"),
  s("Transfer-Encoding: gzip in a response", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nabc"),
  s("status 099", "HTTP/1.1 099 X\r\nContent-Length: 0\r\n\r\n", undefined, "RFC 9110 §15: status codes are 100-599; llhttp takes any three digits"),
  s("status 600", "HTTP/1.1 600 X\r\nContent-Length: 0\r\n\r\n", undefined, "RFC 9110 §15: status codes are 100-599; llhttp takes any three digits"),
  s("obs-fold in a response", "HTTP/1.1 200 OK\r\nX: a\r\n b\r\nContent-Length: 0\r\n\r\n"),
  s("chunked with a trailer", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n"),
];
