/**
 * The gRPC chapter's model (site/src/simulations/http/grpc.ts and
 * grpc-wire.ts): the length-prefixed message, grpc-timeout, and the frames
 * of unary and streaming calls on one HTTP/2 connection.
 */
import { describe, expect, it } from "vitest";
import { formatTimeout, grpcMessage, literalBlockSize, parseTimeout } from "#site/simulations/http/grpc-wire.ts";
import { DEADLINE_MS, MAX_FRAME, runGrpc, type GrpcOptions } from "#site/simulations/http/grpc.ts";

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join(" ");

describe("Length-Prefixed-Message (PROTOCOL-HTTP2.md)", () => {
  it("puts a 1-byte compressed flag and a 4-byte big-endian length before the message", () => {
    expect(hex(grpcMessage(new Uint8Array([0x08, 0x96, 0x01])))).toBe("00 00 00 00 03 08 96 01");
    expect(hex(grpcMessage(new Uint8Array(70_000), true).subarray(0, 5))).toBe("01 00 01 11 70");
    expect(grpcMessage(new Uint8Array(0))).toEqual(new Uint8Array(5));
  });
});

describe("grpc-timeout", () => {
  it("writes at most 8 digits and a unit", () => {
    expect(formatTimeout(200)).toBe("200m");
    expect(formatTimeout(99_999_999)).toBe("99999999m");
    expect(formatTimeout(100_000_000)).toBe("100000S");
    expect(formatTimeout(0.5)).toBe("1m");
  });
  it("reads every unit and refuses malformed values", () => {
    expect(parseTimeout("1H")).toBe(3_600_000);
    expect(parseTimeout("2M")).toBe(120_000);
    expect(parseTimeout("1S")).toBe(1000);
    expect(parseTimeout("250m")).toBe(250);
    expect(parseTimeout("1500u")).toBeCloseTo(1.5);
    expect(parseTimeout("3000000n")).toBeCloseTo(3);
    for (const bad of ["", "10", "123456789m", "-1S", "1s", "1.5S"]) expect(parseTimeout(bad)).toBeUndefined();
  });
});

describe("HPACK literal block size (RFC 7541 §6.2.2)", () => {
  it("counts a representation byte, length bytes, name and value", () => {
    expect(literalBlockSize([["te", "trailers"]])).toBe(1 + 1 + 2 + 1 + 8);
    // A 200-byte value needs a 2-byte length (127 + 73).
    expect(literalBlockSize([["x", "v".repeat(200)]])).toBe(1 + 1 + 1 + 2 + 200);
  });
});

const base: GrpcOptions = { kind: "server", messages: 3, messageBytes: 200, unary: "ok", seed: 1 };

describe("two calls on one connection", () => {
  it("runs both calls on streams 1 and 3, interleaved, and ends each response with trailers", () => {
    const r = runGrpc(base);
    expect(r.calls.map((c) => c.status)).toEqual(["OK", "OK"]);
    expect(r.calls[1]!.received).toBe(3);
    const order = r.frames.map((f) => f.stream);
    // Stream 3's frames are sent between stream 1's: multiplexed, not one call after the other.
    expect(order.indexOf(3)).toBeLessThan(order.lastIndexOf(1));
    for (const stream of [1, 3]) {
      const fromServer = r.frames.filter((f) => f.stream === stream && f.dir === "s2c");
      expect(fromServer[0]!.type).toBe("HEADERS");
      const last = fromServer[fromServer.length - 1]!;
      expect(last.type).toBe("HEADERS");
      expect(last.flags).toContain("END_STREAM");
      expect(last.status).toBe("OK");
    }
  });
  it("sends the request's END_STREAM on its last DATA frame", () => {
    const r = runGrpc({ ...base, kind: "client" });
    const up = r.frames.filter((f) => f.stream === 3 && f.dir === "c2s");
    expect(up.filter((f) => f.flags.includes("END_STREAM"))).toEqual([up[up.length - 1]]);
    expect(r.calls[1]!.received).toBe(1);
  });
  it("splits a 20,000-byte message over two DATA frames of at most 16,384 bytes", () => {
    const r = runGrpc({ ...base, messageBytes: 20_000 });
    const data = r.frames.filter((f) => f.stream === 3 && f.dir === "s2c" && f.type === "DATA");
    expect(data.map((f) => f.length)).toEqual([MAX_FRAME, 20_005 - MAX_FRAME, MAX_FRAME, 20_005 - MAX_FRAME, MAX_FRAME, 20_005 - MAX_FRAME]);
    expect(data.filter((f) => f.completes === 1)).toHaveLength(3);
    expect(r.messageBytes).toBe(24 + 180 + 24 + 3 * 20_000);
  });
  it("ends a message that fills its last DATA frame exactly (16,379 + 5 = 16,384 bytes) in that frame", () => {
    for (const size of [MAX_FRAME - 5, 2 * MAX_FRAME - 5]) {
      const r = runGrpc({ ...base, kind: "client", messages: 2, messageBytes: size });
      const up = r.frames.filter((f) => f.stream === 3 && f.dir === "c2s" && f.type === "DATA");
      expect(up.every((f) => f.length === MAX_FRAME)).toBe(true);
      expect(up.filter((f) => f.completes === 1)).toHaveLength(2);
      expect(up[up.length - 1]!.flags).toContain("END_STREAM");
      expect(r.calls[1]!.status).toBe("OK");
    }
  });
  it("echoes each message in a bidirectional call as it arrives, before the client has finished", () => {
    const r = runGrpc({ ...base, kind: "bidi", messages: 5 });
    const firstEcho = r.frames.find((f) => f.stream === 3 && f.dir === "s2c" && f.type === "DATA")!;
    const clientEnd = r.frames.find((f) => f.stream === 3 && f.dir === "c2s" && f.flags.includes("END_STREAM"))!;
    expect(firstEcho.sentMs).toBeLessThan(clientEnd.sentMs);
    expect(r.calls[1]!.received).toBe(5);
  });
  it("cancels the unary call with RST_STREAM(CANCEL) at its deadline, and the server never answers", () => {
    const r = runGrpc({ ...base, unary: "slow" });
    expect(r.calls[0]).toMatchObject({ status: "DEADLINE_EXCEEDED", doneMs: DEADLINE_MS, received: 0 });
    const rst = r.frames.filter((f) => f.type === "RST_STREAM");
    expect(rst).toMatchObject([{ stream: 1, dir: "c2s", sentMs: DEADLINE_MS }]);
    expect(r.frames.some((f) => f.stream === 1 && f.dir === "s2c")).toBe(false);
    expect(r.calls[1]!.status).toBe("OK");
  });
  it("answers an immediate error with Trailers-Only: one HEADERS frame with END_STREAM", () => {
    const r = runGrpc({ ...base, unary: "not-found" });
    const answer = r.frames.filter((f) => f.stream === 1 && f.dir === "s2c");
    expect(answer).toHaveLength(1);
    expect(answer[0]).toMatchObject({ type: "HEADERS", status: "NOT_FOUND" });
    expect(answer[0]!.flags).toEqual(["END_STREAM", "END_HEADERS"]);
    expect(r.calls[0]!.status).toBe("NOT_FOUND");
  });
  it("counts every frame's 9-byte header in the bytes", () => {
    const r = runGrpc(base);
    expect(r.bytes).toBe(r.frames.reduce((sum, f) => sum + 9 + f.length, 0));
  });
});
