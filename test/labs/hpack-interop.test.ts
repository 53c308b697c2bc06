/**
 * The hpack lab against a real peer: nghttp2, through Node's `http2`, over
 * loopback h2c. Node only (the browser runs the recorded corpus instead,
 * in the lab's hidden tests).
 *
 * 1. nghttp2 encodes, the reference Decoder decodes (and the starter fails).
 * 2. The reference Encoder encodes, nghttp2 decodes; an invalid block gets
 *    GOAWAY with COMPRESSION_ERROR.
 * 3. The recorded corpus still matches what live nghttp2 sends.
 */
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as solution from "#labs/hpack/solution.ts";
import * as starter from "#labs/hpack/starter.ts";
import { HUFFMAN_CODES } from "#labs/hpack/huffman-table.ts";
import { STATIC_TABLE } from "#labs/hpack/static-table.ts";
import { listLabs } from "#grader/labs.ts";
import { CORPUS } from "#labs/hpack/tests/corpus.ts";
import { ReferenceDecoder } from "#labs/hpack/tests/oracle/decoder.ts";
import { connectRawClient } from "./hpack/raw-client.ts";
import { recordSession, sessionRequests, type RecordedBlock } from "./hpack/session.ts";

const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
/** A request Node's server takes (it wants :authority). */
const VALID_REQUEST: [string, string][] = [[":method", "GET"], [":scheme", "http"], [":path", "/"], [":authority", "shop.example"]];
/** RFC 9113 §7: COMPRESSION_ERROR. */
const COMPRESSION_ERROR = 0x9;

describe("nghttp2 encodes, the lab's decoder decodes", () => {
  let live: RecordedBlock[];
  beforeAll(async () => {
    live = await recordSession();
  }, 30_000);

  it("decodes every block of one long connection as the list that was sent", () => {
    const decoder = new solution.Decoder();
    for (const block of live) expect(decoder.decode(fromHex(block.hex))).toEqual(block.headers);
  });

  it("sees the dynamic table, never-indexed fields and the size update 3fe101 in nghttp2's blocks", () => {
    const reference = new ReferenceDecoder();
    const read = live.map((block) => reference.read(fromHex(block.hex)));
    const fields = read.flatMap((block) => block.fields);
    expect(fields.some((f) => f.representation === "indexed" && f.index > 61)).toBe(true);
    expect(fields.filter((f) => f.representation === "literal-never-indexed").map((f) => f.name)).toContain("authorization");
    const shrunk = live.findIndex((block) => block.note !== undefined);
    expect(live[shrunk]!.hex.startsWith("3fe101")).toBe(true); // vectors.md: nghttp2's update to 256
    expect(read[shrunk]!.sizeUpdates).toEqual([256]);
    // UTF-8 octets went over the wire and came back as text (entry sizes count octets).
    expect(fields.some((f) => f.value.includes("Zoë"))).toBe(true);
  });

  it("fails with the starter", () => {
    const decoder = new starter.Decoder();
    expect(() => decoder.decode(fromHex(live[0]!.hex))).toThrow(/not implemented/);
    expect(() => new starter.Encoder().encode(VALID_REQUEST)).toThrow(/not implemented/);
  });

  it("matches the recorded corpus (labs/hpack/corpus/nghttp2.json)", () => {
    expect(live.map((b) => b.headers)).toEqual(CORPUS.blocks.map((b) => b.headers));
    // The same nghttp2 sends the same bytes; another version may choose differently, and the corpus must still decode.
    if (CORPUS.recordedWith === `node ${process.version}, nghttp2 ${process.versions.nghttp2}`) {
      expect(live.map((b) => b.hex)).toEqual(CORPUS.blocks.map((b) => b.hex));
    }
    const decoder = new solution.Decoder();
    for (const block of CORPUS.blocks) expect(decoder.decode(fromHex(block.hex))).toEqual(block.headers);
  });
});

describe("the lab's encoder encodes, nghttp2 decodes", () => {
  let server: http2.Http2Server;
  let port: number;
  const received: { headers: [string, string][]; sensitive: string[] }[] = [];
  let arrived: () => void = () => {};

  beforeAll(async () => {
    server = http2.createServer();
    // The invalid blocks below make nghttp2 end the session; that is expected.
    server.on("sessionError", () => {});
    server.on("stream", (stream, headers, _flags, rawHeaders: string[]) => {
      const pairs: [string, string][] = [];
      for (let i = 0; i < rawHeaders.length; i += 2) pairs.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
      const sensitive = (headers as Record<symbol, unknown>)[http2.sensitiveHeaders];
      received.push({ headers: pairs, sensitive: Array.isArray(sensitive) ? sensitive.map(String) : [] });
      stream.respond({ ":status": 200 }, { endStream: true });
      arrived();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("receives every request of one connection with the right headers", async () => {
    received.length = 0;
    const client = await connectRawClient(port);
    const encoder = new solution.Encoder();
    const requests = sessionRequests().filter((r) => !r.fields.some(([, value]) => /[^\x20-\x7e]/.test(value)));
    try {
      for (const [i, request] of requests.entries()) {
        // Half-way, shrink our table: the block starts with a size update nghttp2 must apply.
        if (i === 8) encoder.setMaxTableSize(256);
        const headers: [string, string][] = [[":method", "GET"], [":scheme", "http"], [":authority", "shop.example"], [":path", request.path], ...request.fields.map(([n, v]) => [n, v] as [string, string])];
        const block = encoder.encode(
          headers.map(([name, value]) => ({ name, value, sensitive: request.sensitive?.includes(name) ?? false })),
          { huffman: i % 2 === 0 },
        );
        const got = new Promise<void>((resolve) => (arrived = resolve));
        client.sendHeaders(2 * i + 1, block);
        await got;
        expect(received[i]!.headers).toEqual(headers);
        expect(received[i]!.sensitive).toEqual([...(request.sensitive ?? [])]);
      }
    } finally {
      client.close();
    }
    expect(received).toHaveLength(requests.length);
  }, 30_000);

  // vectors.md: blocks nghttp2 answered with GOAWAY COMPRESSION_ERROR, each after a valid request.
  const invalid = [
    ["index 0", "80"],
    ["Huffman padding longer than 7 bits", "0085f2b24a84ff8449509fff"],
    ["Huffman padding not all ones", "0085f2b24a84ff83495090"],
    ["EOS inside a string", "0085f2b24a84ff874951fffffffa7f"],
    ["a size update after the first field", "8220"],
    ["a size update over the SETTINGS limit (4097 > 4096)", "3fe21f82"],
    // Issue 11: 'aaaaaaaa' is 40 bits, a whole number of bytes; a whole ff after it is exactly 8 bits of padding.
    ["Huffman padding of exactly 8 bits", "0085f2b24a84ff8618c6318c63ff"],
    // Issue 11: a size update to 2^32 + 31, which a 32-bit shift would wrap to 31.
    ["a size update whose fifth continuation group passes 32 bits", "3f808080801082"],
  ] as const;
  it.each(invalid)("answers an invalid block (%s) with GOAWAY COMPRESSION_ERROR", async (_why, hex) => {
    const client = await connectRawClient(port);
    try {
      const first = new Promise<void>((resolve) => (arrived = resolve));
      client.sendHeaders(1, new solution.Encoder().encode(VALID_REQUEST));
      await first;
      client.sendHeaders(3, fromHex(hex));
      expect((await client.goaway).errorCode).toBe(COMPRESSION_ERROR);
    } finally {
      client.close();
    }
  });

  // The lab's policy (instructions, stage 3): HPACK carries uppercase names; RFC 9113 §8.2.1's rule is the HTTP/2 layer's.
  it("decodes an uppercase name (no COMPRESSION_ERROR) and rejects the request in its HTTP layer (RST_STREAM PROTOCOL_ERROR)", async () => {
    const client = await connectRawClient(port);
    try {
      const block = new solution.Encoder().encode([...VALID_REQUEST, ["X-Upper", "1"]], { huffman: false });
      client.sendHeaders(1, block);
      const outcome = await Promise.race([client.reset.then((r) => ({ reset: r })), client.goaway.then((g) => ({ goaway: g }))]);
      expect(outcome).toEqual({ reset: { streamId: 1, errorCode: 0x1 } }); // RFC 9113 §7: PROTOCOL_ERROR, the stream only
      // The connection, and so the HPACK context, lives on: the next request is served.
      const got = new Promise<void>((resolve) => (arrived = resolve));
      client.sendHeaders(3, new solution.Encoder().encode(VALID_REQUEST));
      await got;
    } finally {
      client.close();
    }
  });

  it("accepts the valid control block x-test: test (vectors.md)", async () => {
    const client = await connectRawClient(port);
    try {
      const got = new Promise<void>((resolve) => (arrived = resolve));
      const request = new solution.Encoder().encode(VALID_REQUEST);
      const block = new Uint8Array([...request, ...fromHex("0085f2b24a84ff8349509f")]);
      client.sendHeaders(1, block);
      await got;
      expect(received.at(-1)!.headers.at(-1)).toEqual(["x-test", "test"]);
    } finally {
      client.close();
    }
  });
});

describe("the tables every lab file carries", () => {
  const lab = listLabs().find((l) => l.meta.id === "hpack")!;
  // Mutants are edits of the solution (labs/kit/mutant-edits.ts); the correct variants are whole files with their own copy.
  const files = [lab.files.solution, lab.files.starter, ...lab.variants.map((variant) => variant.path)];
  it.each(files.map((path) => [path.slice(lab.dir.length)] as const))("%s has RFC 7541 Appendix A and B as in the data files", async (name) => {
    const module = (await import(lab.dir + name)) as { STATIC_TABLE: unknown; HUFFMAN_CODES: unknown };
    expect(module.STATIC_TABLE).toEqual(STATIC_TABLE);
    expect(module.HUFFMAN_CODES).toEqual(HUFFMAN_CODES);
  });
});
