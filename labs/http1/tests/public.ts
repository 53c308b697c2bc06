/**
 * Public tests for the http1 lab: a few fixed streams with the outcome
 * written out (worked from RFC 9112). The hidden tests check much more,
 * against the tests' own reader, Node's llhttp and random streams.
 */
import { defineTests, expectBytes, fail, fromHex, type TestContext } from "#labs/kit/index.ts";
import type { Serialized } from "../scenarios.ts";
import { bytewise, checkOutcome, parseAll, type Expected, type Stream } from "./check.ts";
import { bytes, request, response } from "./messages.ts";
import { RULES } from "./rules.ts";

async function one(t: TestContext, label: string, stream: Stream, expected: Expected): Promise<void> {
  const [outcome] = await parseAll(t, [stream]);
  checkOutcome(t, label, stream, outcome!, expected);
}

const GET = "GET /index.html HTTP/1.1\r\nHost: shop.example\r\nAccept: */*\r\n\r\n";
const POST = "POST /cart HTTP/1.1\r\nHost: shop.example\r\nContent-Length: 7\r\n\r\napple=2";

export default defineTests(({ describe, it }) => {
  describe("requests", () => {
    it("reads one GET request pushed whole", { points: 3, rule: `${RULES.requestLine}. ${RULES.fields}`, hint: "Cut lines at CRLF: the request line splits at its two spaces, each field line at its first colon; an empty line ends the header section." }, (t) =>
      one(t, "a GET", { role: "request", bytes: bytes(GET) }, { messages: [{ message: request("GET", "/index.html", [["Host", "shop.example"], ["Accept", "*/*"]]), endOffset: GET.length }] }),
    );

    it("reads a POST body of Content-Length octets, one octet per push", { points: 3, rule: `${RULES.contentLength}. ${RULES.incremental}`, hint: "Keep the octets you have not used yet between pushes; return the message from the push that brings its last body octet." }, (t) =>
      one(t, "a POST", { role: "request", bytes: bytes(POST), cuts: bytewise(bytes(POST)) }, { messages: [{ message: request("POST", "/cart", [["Host", "shop.example"], ["Content-Length", "7"]], "apple=2"), endOffset: POST.length }] }),
    );

    it("reads two pipelined requests from one push", { points: 2, rule: RULES.pipelining, hint: "After a message, the octets left over start the next one: keep parsing until the buffer runs out." }, (t) =>
      one(t, "POST then GET", { role: "request", bytes: bytes(POST + GET) }, {
        messages: [
          { message: request("POST", "/cart", [["Host", "shop.example"], ["Content-Length", "7"]], "apple=2"), endOffset: POST.length },
          { message: request("GET", "/index.html", [["Host", "shop.example"], ["Accept", "*/*"]]), endOffset: POST.length + GET.length },
        ],
      }),
    );

    it("reads a chunked body with an extension and a trailer", { points: 3, rule: RULES.chunked, hint: "Each chunk: a hex size (and ;extensions to skip), CRLF, the data, CRLF. Size 0 ends the body; field lines up to an empty line are the trailers." }, (t) => {
      const text = "POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;note=1\r\nhello\r\nB\r\n, 11 octets\r\n0\r\nDigest: x\r\n\r\n";
      return one(t, "a chunked POST", { role: "request", bytes: bytes(text), cuts: [0, 60, 61, 70] }, {
        messages: [{ message: request("POST", "/up", [["Host", "h"], ["Transfer-Encoding", "chunked"]], "hello, 11 octets", [["Digest", "x"]]), endOffset: text.length }],
      });
    });

    it("refuses whitespace between a field name and its colon", { points: 2, rule: RULES.fields, hint: "The name is everything before the first colon, and it must be a token: a space is no tchar. Throw new HttpError(\"bad-field\", ...)." }, (t) => {
      const text = "GET / HTTP/1.1\r\nHost : shop.example\r\n\r\n";
      return one(t, "Host with a space before the colon", { role: "request", bytes: bytes(text) }, { messages: [], error: "bad-field", errorAt: 36, why: "whitespace before the colon" });
    });
  });

  describe("responses", () => {
    it("reads a response to HEAD without a body, whatever its Content-Length says", { points: 2, rule: RULES.bodyless, hint: "Call requestMethod() before the responses come; a response to HEAD ends at its empty line. Then the next response answers the next request." }, (t) => {
      const head = "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n";
      const get = "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno";
      return one(t, "HEAD then GET", { role: "response", methods: ["HEAD", "GET"], bytes: bytes(head + get) }, {
        messages: [
          { message: response(200, "OK", [["Content-Length", "1234"]]), endOffset: head.length },
          { message: response(404, "Not Found", [["Content-Length", "2"]], "no"), endOffset: head.length + get.length },
        ],
      });
    });
  });

  describe("serialize", () => {
    it("writes a request with a Content-Length body", { points: 2, rule: RULES.serialize, hint: 'Start line, then "name: value" CRLF per field, an empty line, then the body octets.' }, async (t) => {
      const message = request("POST", "/cart", [["Host", "shop.example"], ["Content-Length", "7"]], "apple=2");
      t.step(`serialize(${JSON.stringify(message)})`);
      const [result] = await t.run<Serialized[]>("serialize", { messages: [message] });
      if (result!.error !== undefined) fail(`serialize() threw ${result!.error}`);
      expectBytes(fromHex(result!.hex!), bytes(POST), "the octets serialize() wrote");
    });
  });
});
