import { describe, it, expect, afterAll, type TestContext } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writePcapng, type PcapngPacket } from "#runtime/trace/pcapng.ts";
import { emitIpv4, IP_PROTOCOL, type Ipv4Repr } from "#runtime/wire/ipv4.ts";
import { emitTcp, tcpFlags, type TcpFlags, type TcpOption } from "#runtime/wire/tcp.ts";
import { emitUdp } from "#runtime/wire/udp.ts";

const A = 0x0a000001; // 10.0.0.1
const B = 0x0a000002; // 10.0.0.2

function ip(src: number, dst: number, protocol: number): Ipv4Repr {
  return { src, dst, protocol, ttl: 64, identification: 1, dscp: 0, ecn: 0, dontFragment: true, moreFragments: false, fragmentOffset: 0 };
}

function udpPacket(src: number, dst: number, srcPort: number, dstPort: number, text: string): Uint8Array {
  const payload = Uint8Array.from(text, (c) => c.charCodeAt(0));
  return emitIpv4(ip(src, dst, IP_PROTOCOL.UDP), emitUdp({ srcPort, dstPort }, payload, src, dst));
}

function tcpPacket(src: number, dst: number, seq: number, ack: number, flags: TcpFlags, options: TcpOption[] = []): Uint8Array {
  const forward = src === A;
  const repr = { srcPort: forward ? 40000 : 80, dstPort: forward ? 80 : 40000, seq, ack, flags, window: 64240, urgentPointer: 0, options };
  return emitIpv4(ip(src, dst, IP_PROTOCOL.TCP), emitTcp(repr, new Uint8Array(0), src, dst));
}

/** A UDP exchange and a TCP handshake, at times that test both halves of the 64-bit timestamp. */
const CAPTURE: PcapngPacket[] = [
  { time: 1_234_567_891, bytes: udpPacket(A, B, 50000, 50001, "ping") },
  { time: 2 ** 32, bytes: udpPacket(B, A, 50001, 50000, "pong") },
  {
    time: 5_000_000_000_123,
    bytes: tcpPacket(A, B, 1000, 0, tcpFlags({ syn: true }), [
      { kind: "mss", value: 1460 },
      { kind: "sack-permitted" },
      { kind: "timestamps", value: 1, echo: 0 },
      { kind: "window-scale", shift: 7 },
    ]),
  },
  { time: 5_000_000_100_000, bytes: tcpPacket(B, A, 7000, 1001, tcpFlags({ syn: true, ack: true }), [{ kind: "mss", value: 1460 }]) },
  { time: 5_000_000_200_000, bytes: tcpPacket(A, B, 1001, 7001, tcpFlags({ ack: true })) },
];

interface Block {
  type: number;
  body: DataView;
}

/** Splits a little-endian pcapng file into blocks, checking each block's framing (§3.1). */
function readBlocks(file: Uint8Array): Block[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const blocks: Block[] = [];
  for (let at = 0; at < file.length; ) {
    const type = view.getUint32(at, true);
    const length = view.getUint32(at + 4, true);
    expect(length % 4, `block at byte ${at} is not 32-bit aligned`).toBe(0);
    expect(view.getUint32(at + length - 4, true), `trailing length of block at byte ${at}`).toBe(length);
    blocks.push({ type, body: new DataView(file.buffer, file.byteOffset + at + 8, length - 12) });
    at += length;
  }
  return blocks;
}

/** Reads the options of a block body from `start`: code -> raw value bytes. */
function readOptions(body: DataView, start: number): [number, number[]][] {
  const options: [number, number[]][] = [];
  for (let at = start; at < body.byteLength; ) {
    const code = body.getUint16(at, true);
    const length = body.getUint16(at + 2, true);
    const value = Array.from(new Uint8Array(body.buffer, body.byteOffset + at + 4, length));
    options.push([code, value]);
    at += 4 + ((length + 3) & ~3);
  }
  return options;
}

describe("writePcapng file layout (draft-ietf-opsawg-pcapng)", () => {
  const file = writePcapng(CAPTURE);
  const blocks = readBlocks(file);

  it("starts with a Section Header Block: magic 1a2b3c4d, version 1.0, unknown section length (§4.1)", () => {
    expect(blocks[0].type).toBe(0x0a0d0d0a);
    expect(Array.from(file.subarray(8, 12))).toEqual([0x4d, 0x3c, 0x2b, 0x1a]); // little-endian on disk
    expect(blocks[0].body.getUint16(4, true)).toBe(1);
    expect(blocks[0].body.getUint16(6, true)).toBe(0);
    expect(blocks[0].body.getBigInt64(8, true)).toBe(-1n);
    expect(blocks[0].body.byteLength).toBe(16); // no options
  });

  it("describes one interface: LINKTYPE_RAW, if_name, if_tsresol = 9 (§4.2)", () => {
    expect(blocks[1].type).toBe(1);
    expect(blocks[1].body.getUint16(0, true)).toBe(101);
    expect(blocks[1].body.getUint32(4, true)).toBe(262144);
    expect(readOptions(blocks[1].body, 8)).toEqual([
      [2, Array.from("wirelab", (c) => c.charCodeAt(0))],
      [9, [9]],
      [0, []],
    ]);
  });

  it("writes one Enhanced Packet Block per packet with a 64-bit nanosecond timestamp (§4.3)", () => {
    const packets = blocks.slice(2);
    expect(packets.map((block) => block.type)).toEqual([6, 6, 6, 6, 6]);
    packets.forEach(({ body }, i) => {
      const { time, bytes } = CAPTURE[i];
      expect(body.getUint32(0, true)).toBe(0); // interface 0
      expect(body.getUint32(4, true) * 2 ** 32 + body.getUint32(8, true)).toBe(time);
      expect(body.getUint32(12, true)).toBe(bytes.length);
      expect(body.getUint32(16, true)).toBe(bytes.length);
      expect(Array.from(new Uint8Array(body.buffer, body.byteOffset + 20, bytes.length))).toEqual(Array.from(bytes));
      // Padding to 32 bits is zero and there are no options.
      const padded = (bytes.length + 3) & ~3;
      expect(body.byteLength).toBe(20 + padded);
      expect(Array.from(new Uint8Array(body.buffer, body.byteOffset + 20 + bytes.length, padded - bytes.length))).toEqual(
        new Array(padded - bytes.length).fill(0),
      );
    });
    // 2^32 ns is exactly high word 1, low word 0.
    expect([packets[1].body.getUint32(4, true), packets[1].body.getUint32(8, true)]).toEqual([1, 0]);
  });

  it("is deterministic", () => {
    expect(writePcapng(CAPTURE)).toEqual(file);
  });

  it("accepts any iterable, including a single-pass generator", () => {
    function* packets() {
      yield* CAPTURE;
    }
    expect(writePcapng(packets())).toEqual(file);
  });

  it("writes a valid empty capture", () => {
    expect(readBlocks(writePcapng([])).map((block) => block.type)).toEqual([0x0a0d0d0a, 1]);
  });

  it("honours linkType, interfaceName (UTF-8) and snapLength", () => {
    const bytes = CAPTURE[0].bytes;
    const custom = readBlocks(writePcapng([CAPTURE[0]], { linkType: 228, interfaceName: "lien-é", snapLength: 24 }));
    expect(custom[1].body.getUint16(0, true)).toBe(228);
    expect(custom[1].body.getUint32(4, true)).toBe(24);
    expect(readOptions(custom[1].body, 8)[0]).toEqual([2, [0x6c, 0x69, 0x65, 0x6e, 0x2d, 0xc3, 0xa9]]);
    expect(custom[2].body.getUint32(12, true)).toBe(24); // captured
    expect(custom[2].body.getUint32(16, true)).toBe(bytes.length); // original
    expect(custom[2].body.byteLength).toBe(20 + 24);
  });

  it("omits if_name for an empty name and keeps whole packets with snapLength 0", () => {
    const blocks = readBlocks(writePcapng([CAPTURE[0]], { interfaceName: "", snapLength: 0 }));
    expect(readOptions(blocks[1].body, 8)).toEqual([
      [9, [9]],
      [0, []],
    ]);
    expect(blocks[2].body.getUint32(12, true)).toBe(CAPTURE[0].bytes.length);
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 53])("rejects the time %s", (time) => {
    expect(() => writePcapng([{ time, bytes: new Uint8Array(1) }])).toThrow(RangeError);
  });

  it("rejects a bad linkType or snapLength", () => {
    expect(() => writePcapng([], { linkType: 1 as 101 })).toThrow("linkType must be 101 (LINKTYPE_RAW) or 228");
    expect(() => writePcapng([], { snapLength: -1 })).toThrow("snapLength must be an unsigned 32-bit integer");
  });
});

// ---------------------------------------------------------------------------
// Cross-check with Wireshark's dissectors. Without tshark this test skips
// locally and fails in CI, so CI can never pass without actually checking.

const inCi = !["", "0", "false", undefined].includes(process.env.CI);
const tsharkAvailable = spawnSync("tshark", ["--version"]).error === undefined;
const tempDir = mkdtempSync(join(tmpdir(), "wirelab-pcapng-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

// tshark prints this notice whenever it runs as root (CI containers often do); it
// says nothing about the file, so it is the one line of stderr we tolerate.
const ROOT_NOTICE = 'Running as user "root" and group "root". This could be dangerous.';

// Wireshark's checksum status values (`tshark -G values`): 0 Bad, 1 Good, 2 Unverified.
const GOOD = "1";
// Expert info severities (`_ws.expert.severity`): Chat 0x200000, Note 0x400000, Warn 0x600000, Error 0x800000.
const EXPERT_WARN = 0x600000;

/** Fails in CI, skips elsewhere, when tshark is missing. */
function requireTshark(context: TestContext): void {
  if (tsharkAvailable) return;
  if (inCi) throw new Error("tshark is not installed, but CI must run this check: apt-get install tshark");
  context.skip("tshark is not installed (apt-get install tshark); skipping the Wireshark cross-check");
}

function tshark(file: Uint8Array, name: string, fields: string[]): { rows: string[][]; stderr: string } {
  const path = join(tempDir, name);
  writeFileSync(path, file);
  const args = ["-r", path, "-n", "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE"];
  args.push("-o", "tcp.check_checksum:TRUE", "-T", "fields", ...fields.flatMap((field) => ["-e", field]));
  const result = spawnSync("tshark", args, { encoding: "utf8" });
  expect(result.error).toBeUndefined();
  expect(result.status, `tshark failed: ${result.stderr}`).toBe(0);
  const stderr = result.stderr
    .split("\n")
    .filter((line) => line.trim() !== "" && line.trim() !== ROOT_NOTICE)
    .join("\n");
  // Not trimEnd(): that would also eat the tabs of empty trailing fields.
  const rows = result.stdout.replace(/\n$/, "").split("\n").map((line) => line.split("\t"));
  return { rows, stderr };
}

describe("writePcapng read back by tshark", () => {
  it("decodes every packet with exact nanosecond times and good checksums", (context) => {
    requireTshark(context);
    const fields = ["frame.time_epoch", "ip.src", "ip.dst", "udp.srcport", "tcp.flags.str"];
    const statuses = ["ip.checksum.status", "udp.checksum.status", "tcp.checksum.status", "_ws.expert.severity"];
    const { rows, stderr } = tshark(writePcapng(CAPTURE), "capture.pcapng", [...fields, ...statuses]);
    expect(stderr).toBe("");
    // tcp.flags.str shows 12 bits, highest first: 3 reserved, AE, CWR, ECE, URG, ACK, PSH, RST, SYN, FIN.
    expect(rows.map((row) => row.slice(0, 5))).toEqual([
      ["1.234567891", "10.0.0.1", "10.0.0.2", "50000", ""],
      ["4.294967296", "10.0.0.2", "10.0.0.1", "50001", ""],
      ["5000.000000123", "10.0.0.1", "10.0.0.2", "", "··········S·"],
      ["5000.000100000", "10.0.0.2", "10.0.0.1", "", "·······A··S·"],
      ["5000.000200000", "10.0.0.1", "10.0.0.2", "", "·······A····"],
    ]);
    expect(rows.map((row) => row.slice(5, 8))).toEqual([
      [GOOD, GOOD, ""],
      [GOOD, GOOD, ""],
      [GOOD, "", GOOD],
      [GOOD, "", GOOD],
      [GOOD, "", GOOD],
    ]);
    // Nothing Wireshark would flag as a warning or error (malformed packets are errors).
    const severities = rows.flatMap((row) => row[8].split(",").filter((s) => s !== "").map(Number));
    expect(severities.filter((severity) => severity >= EXPERT_WARN)).toEqual([]);
  });

  it("opens LINKTYPE_IPV4 captures too", (context) => {
    requireTshark(context);
    const { rows, stderr } = tshark(writePcapng([CAPTURE[0]], { linkType: 228 }), "ipv4.pcapng", [
      "frame.time_epoch",
      "ip.src",
      "udp.dstport",
      "udp.checksum.status",
    ]);
    expect(stderr).toBe("");
    expect(rows).toEqual([["1.234567891", "10.0.0.1", "50001", GOOD]]);
  });
});
