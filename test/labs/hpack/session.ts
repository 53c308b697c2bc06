/**
 * A browsing session sent by nghttp2 (Node's `http2` client) over one long
 * h2c connection to the capture server: varied requests with repeats (so
 * nghttp2 uses its dynamic table), duplicate names, never-indexed fields
 * (`http2.sensitiveHeaders`), UTF-8 bytes in values and, half-way, a
 * SETTINGS_HEADER_TABLE_SIZE of 256 from the server.
 */
import http2 from "node:http2";
import { startCaptureServer } from "./capture-server.ts";

export interface SessionRequest {
  readonly path: string;
  /** Regular fields, in order; a name may repeat, next to itself (Node groups a name's values). */
  readonly fields: readonly (readonly [string, string])[];
  /** Names nghttp2 must send never-indexed. */
  readonly sensitive?: readonly string[];
  /** Before this request, the server sets SETTINGS_HEADER_TABLE_SIZE to this and waits for the ACK. */
  readonly tableSizeBefore?: number;
}

export interface RecordedBlock {
  readonly hex: string;
  readonly headers: [string, string][];
  readonly note?: string;
}

const AUTHORITY = "shop.example";
const UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const utf8Cookie = "name=Zoë Ångström; city=Zürich";

/** The fixed session: a page, its assets, an API with a token, a shrunk table, more of the same. */
export function sessionRequests(): SessionRequest[] {
  const browser = (accept: string, cookie?: string): [string, string][] => [
    ["user-agent", UA],
    ["accept", accept],
    ["accept-language", "en-GB,en;q=0.5"],
    ["accept-encoding", "gzip, deflate, br"],
    ...(cookie === undefined ? [] : ([["cookie", cookie]] as [string, string][])),
  ];
  const page = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  const requests: SessionRequest[] = [
    { path: "/", fields: browser(page) },
    { path: "/static/site.css", fields: browser("text/css,*/*;q=0.1", "session=8f14e45fceea167a") },
    { path: "/static/app.js", fields: browser("*/*", "session=8f14e45fceea167a") },
    { path: "/img/logo.png", fields: browser("image/avif,image/webp,*/*", "session=8f14e45fceea167a") },
    {
      path: "/api/cart",
      fields: [...browser("application/json", "session=8f14e45fceea167a"), ["authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.c2hvcA.sig"]],
      sensitive: ["authorization"],
    },
    {
      path: "/api/cart",
      fields: [...browser("application/json", "session=8f14e45fceea167a"), ["authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.c2hvcA.sig"]],
      sensitive: ["authorization"],
    },
    { path: "/profile", fields: [...browser(page), ["cookie", "session=8f14e45fceea167a"], ["cookie", utf8Cookie]] },
    { path: "/search?q=caf%C3%A9", fields: [...browser(page, "session=8f14e45fceea167a"), ["x-query", "café crème"]] },
    { path: "/", fields: [["x-dup", "1"], ["x-dup", "2"], ["x-dup", "1"], ["accept", "*/*"]] },
    { path: "/big", fields: [["x-long", "0123456789abcdef".repeat(300)], ["x-after", "still indexed"]] },
    { path: "/", fields: browser(page, "session=8f14e45fceea167a") },
    { path: "/shrunk", fields: browser(page, "session=8f14e45fceea167a"), tableSizeBefore: 256 },
    { path: "/shrunk/2", fields: browser("*/*", "session=8f14e45fceea167a") },
    { path: "/shrunk/3", fields: [["x-a", "alpha"], ["x-a", "alpha"], ["x-b", "beta"], ["x-c", "gamma".repeat(40)]] },
    { path: "/shrunk/3", fields: [["x-b", "beta"], ["x-a", "alpha"], ["x-a", "beta"]] },
  ];
  for (let i = 0; i < 12; i++) {
    requests.push({ path: `/feed?page=${i}`, fields: browser("application/json", `session=8f14e45fceea167a; seen=${i * 7}`) });
  }
  return requests;
}

/** The header list nghttp2 sends for a request (vectors.md: pseudo-headers :method, :path, :authority, :scheme). */
export function expectedHeaders(request: SessionRequest): [string, string][] {
  return [[":method", "GET"], [":path", request.path], [":authority", AUTHORITY], [":scheme", "http"], ...request.fields.map(([n, v]) => [n, v] as [string, string])];
}

/** Runs the session against a capture server; one block per request, in order. */
export async function recordSession(requests: readonly SessionRequest[] = sessionRequests()): Promise<RecordedBlock[]> {
  const server = await startCaptureServer();
  const client = http2.connect(`http://127.0.0.1:${server.port}`);
  try {
    const notes: (string | undefined)[] = [];
    for (const request of requests) {
      if (request.tableSizeBefore !== undefined) await server.setHeaderTableSize(request.tableSizeBefore);
      notes.push(request.tableSizeBefore === undefined ? undefined : `after SETTINGS_HEADER_TABLE_SIZE=${request.tableSizeBefore}`);
      await send(client, request);
    }
    if (server.blocks.length !== requests.length) throw new Error(`captured ${server.blocks.length} blocks for ${requests.length} requests`);
    return requests.map((request, i) => ({
      hex: Array.from(server.blocks[i]!, (b) => b.toString(16).padStart(2, "0")).join(""),
      headers: expectedHeaders(request),
      ...(notes[i] === undefined ? {} : { note: notes[i] }),
    }));
  } finally {
    client.close();
    await server.close();
  }
}

function send(client: http2.ClientHttp2Session, request: SessionRequest): Promise<void> {
  const headers: http2.OutgoingHttpHeaders = { ":method": "GET", ":path": request.path, ":authority": AUTHORITY, ":scheme": "http" };
  for (const [name, value] of request.fields) {
    // Node sends a string's code units as latin1 bytes: give it the UTF-8 bytes that way.
    const bytes = latin1OfUtf8(value);
    const existing = headers[name];
    headers[name] = existing === undefined ? bytes : [...(Array.isArray(existing) ? existing : [String(existing)]), bytes];
  }
  if (request.sensitive !== undefined) (headers as Record<symbol, unknown>)[http2.sensitiveHeaders] = [...request.sensitive];
  return new Promise((resolve, reject) => {
    const stream = client.request(headers, { endStream: true });
    stream.on("close", resolve);
    stream.on("error", reject);
    stream.resume();
  });
}

function latin1OfUtf8(text: string): string {
  return String.fromCharCode(...new TextEncoder().encode(text));
}
