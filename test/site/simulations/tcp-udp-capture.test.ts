/**
 * The model behind "Debugging on the wire" (site/src/simulations/tcp-udp/capture*.ts):
 * the captures hold what the page says, the tcpdump lines read them correctly,
 * and every offered display filter picks the same packets as Wireshark's own
 * (tshark; skipped locally and required in CI when tshark is missing).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, type TestContext } from "vitest";
import { RTO_MS, runCapture, SCENARIOS } from "#site/simulations/tcp-udp/capture.ts";
import { applyFilter, decode, deltaTime, FILTERS } from "#site/simulations/tcp-udp/capture-view.ts";

const lines = (id: Parameters<typeof runCapture>[0], filter: (typeof FILTERS)[number] = "") => applyFilter(decode(runCapture(id).frames), filter).map((r) => r.line);

describe("captures from the simulated network", () => {
  it("are deterministic", () => {
    for (const s of SCENARIOS) expect(runCapture(s.id).pcapng).toEqual(runCapture(s.id).pcapng);
  });

  it("shows the three-way handshake and the close in order", () => {
    const flags = lines("handshake").map((l) => /Flags \[([^\]]*)\]/.exec(l)?.[1]);
    expect(flags).toEqual(["S", "S.", ".", "P.", "P.", ".", "F.", "F.", "."]);
    expect(lines("handshake")[3]).toMatch(/length 44: HTTP: GET \/status HTTP\/1\.1$/);
  });

  it("loses the third segment in the tap's full queue and resends it one RTO later", () => {
    const capture = runCapture("loss");
    expect(capture.dropped).toBe(1);
    const rows = decode(capture.frames);
    const retx = rows.filter((r) => r.retransmission);
    expect(retx).toHaveLength(1);
    const original = rows.find((r) => r.tcp?.seq === retx[0]!.tcp!.seq && !r.retransmission)!;
    const gapNs = capture.frames[retx[0]!.number - 1]!.timeNs - capture.frames[original.number - 1]!.timeNs;
    expect(gapNs).toBe(RTO_MS * 1e6);
  });

  it("answers a SYN to a closed port with RST,ACK, seq 0 and ack = SYN's seq + 1 (RFC 9293 §3.10.7.1)", () => {
    const rows = decode(runCapture("reset").frames);
    expect(rows[1]!.line).toMatch(/Flags \[R\.\], seq 0, ack (\d+), win 0, length 0$/);
    expect(rows[1]!.tcp!.ack).toBe((rows[0]!.tcp!.seq + 1) >>> 0);
  });

  it("prints DNS the way tcpdump does and shows the slow answer's delay", () => {
    const dns = lines("slow-dns", "dns");
    expect(dns[0]).toBe("00:00:00.000000 IP 192.0.2.10.53001 > 198.51.100.53.53: 6699+ A? shop.example. (30)");
    expect(dns[1]).toMatch(/^00:00:01\.2\d+ IP 198\.51\.100\.53\.53 > 192\.0\.2\.10\.53001: 6699 1\/0\/0 A 203\.0\.113\.10 \(46\)$/);
  });

  it("formats -ttttt deltas", () => {
    expect(deltaTime(3_723_000_001_000)).toBe("01:02:03.000001");
  });
});

const inCi = !["", "0", "false", undefined].includes(process.env.CI);
const tsharkAvailable = spawnSync("tshark", ["--version"]).error === undefined;
const tempDir = mkdtempSync(join(tmpdir(), "wirelab-capture-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

function requireTshark(context: TestContext): void {
  if (tsharkAvailable) return;
  if (inCi) throw new Error("tshark is not installed, but CI must run this check: apt-get install tshark");
  context.skip("tshark is not installed; skipping the Wireshark cross-check");
}

describe("display filters agree with Wireshark", () => {
  it("picks the same frames as Wireshark's fields for every scenario and filter", { timeout: 60_000 }, (context) => {
    requireTshark(context);
    for (const s of SCENARIOS) {
      const capture = runCapture(s.id);
      const path = join(tempDir, `${s.id}.pcapng`);
      writeFileSync(path, capture.pcapng);
      // One tshark run per capture: each filter is a field whose presence or value decides it.
      const fields = ["tcp.flags.syn", "tcp.analysis.retransmission", "tcp.flags.reset", "tcp.analysis.zero_window", "tcp.len", "frame.protocols"];
      const result = spawnSync("tshark", ["-r", path, "-n", "-T", "fields", ...fields.flatMap((f) => ["-e", f])], { encoding: "utf8" });
      expect(result.status, result.stderr).toBe(0);
      const rows = result.stdout.replace(/\n$/, "").split("\n").map((l) => l.split("\t"));
      const yes = (v: string | undefined) => v === "1" || v === "True" || v === "true";
      const wireshark: Record<(typeof FILTERS)[number], (r: string[]) => boolean> = {
        "": () => true,
        "tcp.flags.syn==1": (r) => yes(r[0]),
        "tcp.analysis.retransmission": (r) => r[1] !== "",
        "tcp.flags.reset==1": (r) => yes(r[2]),
        "tcp.analysis.zero_window": (r) => r[3] !== "",
        "tcp.len > 0": (r) => Number(r[4] || 0) > 0,
        "dns": (r) => (r[5] ?? "").split(":").includes("dns"),
      };
      for (const filter of FILTERS) {
        const expected = rows.flatMap((r, i) => (wireshark[filter](r) ? [i + 1] : []));
        const mine = applyFilter(decode(capture.frames), filter).map((r) => r.number);
        expect(mine, `${s.id} with "${filter}"`).toEqual(expected);
      }
    }
  });
});
