/** Random messages and streams for the property tests (fast-check, seeded by the grading seed). */
import { fc } from "#labs/kit/property.ts";
import type { FieldView, MessageView } from "../scenarios.ts";
import { request, response, write, type Chunking } from "./messages.ts";

const TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const token = fc.string({ unit: fc.constantFrom(...TCHARS), minLength: 1, maxLength: 8 });
const visible = fc.oneof(fc.integer({ min: 0x21, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((c) => String.fromCharCode(c));
const inner = fc.oneof({ weight: 4, arbitrary: visible }, { weight: 1, arbitrary: fc.constantFrom(" ", "\t") });
/** A field value: visible octets (obs-text too) with SP/HTAB only inside. */
export const fieldValue = fc.oneof(
  { weight: 1, arbitrary: fc.constant("") },
  { weight: 5, arbitrary: fc.tuple(visible, fc.string({ unit: inner, maxLength: 10 }), visible).map(([a, b, c]) => a + b + c) },
);
/** A name that is no framing or Host field. */
const extraName = token.filter((n) => !["host", "content-length", "transfer-encoding"].includes(n.toLowerCase()));
const extraFields = fc.array(fc.tuple(extraName, fieldValue) as fc.Arbitrary<FieldView>, { maxLength: 4 });
const body = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const extension = fc.constantFrom("", "", ";a", ";a=b", ' ; name = "q\\"x"', ";x=1;y");
const chunking: fc.Arbitrary<Chunking> = fc.record({
  sizes: fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }),
  extensions: fc.array(extension, { maxLength: 6 }),
  last: fc.constantFrom("0", "0", "000"),
});

/** One valid message of `role` and how to write it (the stream's text). */
export function messageArbitrary(role: "request" | "response"): fc.Arbitrary<{ message: MessageView; text: string; method?: string }> {
  const framing = fc.constantFrom("length", "chunked", "none");
  return fc.record({ extra: extraFields, body, framing, chunking, trailers: extraFields, caseName: fc.boolean() }).chain(({ extra, body: b, framing: f, chunking: c, trailers, caseName }) => {
    const fields: FieldView[] = [...extra];
    let text = b;
    let trailerList: FieldView[] = [];
    if (f === "length") fields.push([caseName ? "content-length" : "Content-Length", String(b.length)]);
    else if (f === "chunked") {
      fields.push([caseName ? "transfer-encoding" : "Transfer-Encoding", "chunked"]);
      trailerList = trailers;
    } else if (role === "request") text = "";
    if (role === "request") {
      return fc.record({ method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "X-CUSTOM"), target: fc.constantFrom("/", "/a/b?c=d", "/%7Euser;p=1", "http://h.example/p") }).map(({ method, target }) => {
        const message = request(method, target, [["Host", "h.example"], ...fields], text, trailerList);
        return { message, text: write(message, c) };
      });
    }
    return fc.record({ status: fc.constantFrom(200, 201, 404, 500, 204, 304, 100, 103), reason: fc.constantFrom("OK", "", "Not Found", "X y\tz"), head: fc.boolean() }).map(({ status, reason, head }) => {
      const bodyless = status < 200 || status === 204 || status === 304 || head;
      const message = response(status, reason, fields, bodyless ? "" : text, bodyless ? [] : trailerList);
      // A bodyless response keeps its fields (Content-Length, Transfer-Encoding) but sends no body.
      return { message, text: write(message, bodyless ? { headOnly: true } : c), method: head && status >= 200 ? "HEAD" : "GET" };
    });
  });
}

/** A stream of 1-4 messages; a response body that runs to the end is only allowed last. */
export function streamArbitrary(role: "request" | "response") {
  return fc.array(messageArbitrary(role), { minLength: 1, maxLength: 4 }).map((list) => {
    const cutAt = list.findIndex((m) => m.message.status !== null && m.message.status >= 200 && m.method !== "HEAD" && m.message.status !== 204 && m.message.status !== 304 && !m.message.fields.some(([n]) => /^(content-length|transfer-encoding)$/i.test(n)));
    return cutAt < 0 ? list : list.slice(0, cutAt + 1);
  });
}

/** Push boundaries for a stream of `length` octets: sorted offsets starting at 0, empty pushes allowed. */
export function cutsArbitrary(length: number): fc.Arbitrary<number[]> {
  return fc.oneof(
    fc.constant([0] as number[]),
    fc.constant(Array.from({ length: Math.max(1, length) }, (_, i) => i)),
    fc.array(fc.integer({ min: 0, max: length }), { maxLength: 8 }).map((cuts) => [0, ...cuts.sort((a, b) => a - b)]),
  );
}

/** Octets that break things when put in the wrong place. */
export const poison = fc.constantFrom("\r", "\n", " ", "\t", ":", "\x00", "\x7f", ";", "0", "\r\n", "\r\n\r\n", "\r\n ", "x", ",", "é");
