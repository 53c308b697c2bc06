/**
 * The websocket lab against a real implementation: the `ws` package, over
 * loopback TCP. Node only. The lab's reference Connection is the server for
 * a `ws` client (which checks Sec-WebSocket-Accept and masking itself) and
 * the client of a `ws` server; invalid UTF-8 sent by `ws` gets a Close 1007
 * back; the starter fails the handshake.
 */
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { sha1 } from "#runtime/crypto/sha1.ts";
import * as solution from "#labs/websocket/solution.ts";
import * as starter from "#labs/websocket/starter.ts";

type Lab = typeof solution;
const TOOLS = { sha1, base64: (bytes: Uint8Array) => Buffer.from(bytes).toString("base64") };
let counter = 0;
/** Masking keys for the lab's client: deterministic, different for every frame. */
const maskKey = () => Uint8Array.of(0x37, 0xfa, 0x21, counter++ & 0xff);

const closers: (() => void)[] = [];
afterEach(() => {
  while (closers.length > 0) closers.pop()!();
});

/** A TCP server whose connections are served by the lab's Connection as an echo server; returns its port and what it saw. */
async function labServer(lab: Lab): Promise<{ port: number; seen: solution.WsEvent[] }> {
  const seen: solution.WsEvent[] = [];
  const server = net.createServer((socket) => {
    let head = Buffer.alloc(0);
    let connection: solution.Connection | undefined;
    socket.on("data", (chunk) => {
      if (connection === undefined) {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf("\r\n\r\n");
        if (end < 0) return;
        const key = /^sec-websocket-key:(.*)$/im.exec(head.subarray(0, end).toString("latin1"))![1]!;
        const accept = lab.acceptKey(key, TOOLS);
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
        connection = new lab.Connection({ role: "server", maxMessageBytes: 1 << 20, maskKey: () => new Uint8Array(4) });
        chunk = head.subarray(end + 4);
      }
      const { events, send } = connection.receive(new Uint8Array(chunk));
      for (const frame of send) socket.write(frame);
      for (const event of events) {
        seen.push(event);
        if (event.type === "text" || event.type === "binary") socket.write(connection.send(event.type === "text" ? event.text : event.data));
        if (event.type === "close" || event.type === "fail") socket.end();
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => server.close());
  return { port: (server.address() as AddressInfo).port, seen };
}

describe("a ws client talks to the lab's server", () => {
  it("exchanges text, a 70,000-byte binary message (64-bit length), a fragmented message and pings, then closes with the client's code", async () => {
    const { port, seen } = await labServer(solution);
    const client = new WebSocket(`ws://127.0.0.1:${port}/`);
    const messages: (string | Buffer)[] = [];
    const pongs: string[] = [];
    client.on("message", (data, isBinary) => messages.push(isBinary ? (data as Buffer) : data.toString()));
    client.on("pong", (data) => pongs.push(data.toString()));
    await new Promise((resolve, reject) => {
      client.once("open", resolve);
      client.once("error", reject);
    });
    const big = Buffer.alloc(70_000, 0xfe);
    client.send("Hello, ω");
    client.send(big);
    client.send("frag", { fin: false });
    client.ping("between");
    client.send("ments", { fin: true });
    client.ping("alive?");
    await until(() => messages.length === 3 && pongs.length === 2);
    const closed = new Promise<[number, string]>((resolve) => client.once("close", (code, reason) => resolve([code, reason.toString()])));
    client.close(4000, "done");
    expect(await closed).toEqual([4000, ""]);
    expect(messages[0]).toBe("Hello, ω");
    expect(Buffer.compare(messages[1] as Buffer, big)).toBe(0);
    expect(messages[2]).toBe("fragments");
    expect(pongs).toEqual(["between", "alive?"]);
    expect(seen.map((e) => e.type)).toEqual(["text", "binary", "ping", "text", "ping", "close"]);
    expect(seen.at(-1)).toEqual({ type: "close", code: 4000, reason: "done" });
  });

  it("answers text that is not UTF-8 with Close 1007", async () => {
    const { port, seen } = await labServer(solution);
    const client = new WebSocket(`ws://127.0.0.1:${port}/`);
    await new Promise((resolve) => client.once("open", resolve));
    const closed = new Promise<number>((resolve) => client.once("close", (code) => resolve(code)));
    client.on("error", () => {});
    client.send(Buffer.from([0xce, 0xba, 0xed, 0xa0, 0x80]), { binary: false }); // ws sends the bytes as they are
    expect(await closed).toBe(1007);
    expect(seen).toEqual([{ type: "fail", code: 1007 }]);
  });

  it("fails the handshake with the starter (ws checks Sec-WebSocket-Accept)", async () => {
    const { port } = await labServer(starter as unknown as Lab);
    const client = new WebSocket(`ws://127.0.0.1:${port}/`);
    const error = await new Promise<Error>((resolve) => client.once("error", resolve));
    expect(error.message).toMatch(/Sec-WebSocket-Accept/);
  });
});

describe("the lab's client talks to a ws server", () => {
  it("checks the server's accept key, receives its messages and pings, sends masked frames ws accepts, and closes", async () => {
    const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    closers.push(() => wss.close());
    await new Promise((resolve) => wss.once("listening", resolve));
    const received: string[] = [];
    let serverClose: [number, string] | undefined;
    wss.on("connection", (socket) => {
      socket.on("message", (data, isBinary) => received.push(isBinary ? `binary ${(data as Buffer).length}` : data.toString()));
      socket.on("close", (code, reason) => (serverClose = [code, reason.toString()]));
      socket.send("welcome");
      socket.send(Buffer.alloc(300, 7));
      socket.ping("heartbeat");
    });
    const key = Buffer.from("0123456789abcdef").toString("base64");
    const socket = net.connect((wss.address() as AddressInfo).port, "127.0.0.1");
    closers.push(() => socket.destroy());
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    const connection = new solution.Connection({ role: "client", maxMessageBytes: 1 << 20, maskKey });
    const events: solution.WsEvent[] = [];
    let head = Buffer.alloc(0);
    let accept: string | undefined;
    socket.on("data", (chunk) => {
      if (accept === undefined) {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf("\r\n\r\n");
        if (end < 0) return;
        accept = /^sec-websocket-accept:\s*(\S+)/im.exec(head.subarray(0, end).toString("latin1"))![1]!;
        chunk = head.subarray(end + 4);
      }
      const result = connection.receive(new Uint8Array(chunk));
      events.push(...result.events);
      for (const frame of result.send) socket.write(frame);
    });
    await until(() => events.length === 3);
    expect(accept).toBe(solution.acceptKey(key, TOOLS));
    expect(events[0]).toEqual({ type: "text", text: "welcome" });
    expect(events[1]).toEqual({ type: "binary", data: new Uint8Array(300).fill(7) });
    expect(events[2]).toEqual({ type: "ping", data: new TextEncoder().encode("heartbeat") });
    socket.write(connection.send("hi from the lab"));
    socket.write(connection.send(new Uint8Array(70_000)));
    await until(() => received.length === 2);
    expect(received).toEqual(["hi from the lab", "binary 70000"]);
    socket.write(connection.close(1000, "bye"));
    await until(() => serverClose !== undefined && events.length === 4);
    expect(serverClose).toEqual([1000, "bye"]);
    expect(events[3]).toEqual({ type: "close", code: 1000, reason: "bye" });
  });
});

async function until(done: () => boolean, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > ms) throw new Error("timed out waiting for the peer");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
