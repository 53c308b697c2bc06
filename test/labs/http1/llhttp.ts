/**
 * Node's own HTTP/1.1 parser (llhttp) as an independent peer for the http1
 * lab: raw octets go to a `node:http` server (requests) or come from a raw
 * TCP server to a `node:http` client (responses), on an ephemeral loopback
 * port, and what llhttp made of them comes back as plain data. Node only.
 */
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";

export interface LlhttpMessage {
  readonly method: string | null;
  readonly target: string | null;
  readonly status: number | null;
  readonly version: string;
  /** rawHeaders as [name, value] pairs, names as sent. */
  readonly fields: [string, string][];
  readonly body: string;
  readonly trailers: [string, string][];
}

export interface LlhttpResult {
  readonly messages: LlhttpMessage[];
  /** llhttp's error code (HPE_...) when it refused the octets, else null. */
  readonly error: string | null;
}

const pairs = (raw: string[]): [string, string][] => raw.flatMap((v, i) => (i % 2 === 0 ? [[v, raw[i + 1]!] as [string, string]] : []));
const hex = (b: Buffer) => b.toString("hex");

/** Feeds `bytes` to a node:http server as one client connection and reports the requests llhttp parsed. */
export async function llhttpRequests(bytes: Uint8Array): Promise<LlhttpResult> {
  const messages: LlhttpMessage[] = [];
  let error: string | null = null;
  // requireHostHeader off: the Host rule is checked by the lab itself (llhttp does not check it).
  const server = http.createServer({ requireHostHeader: false, insecureHTTPParser: false, keepAliveTimeout: 5000 }, (req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (d: Buffer) => parts.push(d));
    req.on("end", () => {
      messages.push({ method: req.method ?? null, target: req.url ?? null, status: null, version: `HTTP/${req.httpVersion}`, fields: pairs(req.rawHeaders), body: hex(Buffer.concat(parts)), trailers: pairs(req.rawTrailers) });
      res.end();
    });
  });
  server.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    error ??= err.code ?? err.message;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.end(bytes));
    socket.on("data", () => {});
    socket.on("error", () => resolve());
    socket.on("close", () => resolve());
    socket.setTimeout(2000, () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return { messages, error };
}

/** Sends `bytes` from a raw TCP server (then closes) to a node:http client request with `method`, and reports the response llhttp parsed. */
export async function llhttpResponse(bytes: Uint8Array, method = "GET"): Promise<LlhttpResult> {
  const server = net.createServer((socket) => {
    socket.once("data", () => socket.end(bytes));
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const messages: LlhttpMessage[] = [];
  let error: string | null = null;
  await new Promise<void>((resolve) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: "/", agent: false, insecureHTTPParser: false }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      res.on("end", () => {
        messages.push({ method: null, target: null, status: res.statusCode ?? null, version: `HTTP/${res.httpVersion}`, fields: pairs(res.rawHeaders), body: hex(Buffer.concat(parts)), trailers: pairs(res.rawTrailers) });
        resolve();
      });
      res.on("error", (err: NodeJS.ErrnoException) => {
        error ??= err.code ?? err.message;
        resolve();
      });
      res.on("aborted", () => resolve());
    });
    req.on("information", (info) => {
      messages.push({ method: null, target: null, status: info.statusCode, version: `HTTP/${info.httpVersion}`, fields: pairs(info.rawHeaders), body: "", trailers: [] });
    });
    req.on("error", (err: NodeJS.ErrnoException) => {
      error ??= err.code ?? err.message;
      resolve();
    });
    req.end();
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { messages, error };
}
