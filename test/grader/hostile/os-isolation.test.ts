/**
 * Defence in depth under the compartment (which already has no network):
 * the sandbox's child process runs in a network namespace of its own and,
 * when the grader is root, as nobody, where the system allows; and the
 * grader says which protections were in force.
 */
import { execFile, spawnSync } from "node:child_process";
import { once } from "node:events";
import net from "node:net";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { gradeSubmission } from "#grader/grade.ts";
import { findLab } from "#grader/labs.ts";
import { CHILD_FILE, childCommand } from "#grader/sandbox/command.ts";
import { isolationFor } from "#grader/sandbox/isolation.ts";
import { PROBE_HARNESS, TEST_LIMITS } from "../fixtures/start-probe.ts";

// Starting a sandbox takes seconds on a loaded machine: verdicts must not hang on wall time.
vi.setConfig({ testTimeout: 300_000 });

/** Whether this system lets us make a network namespace at all (a container may not). */
const root = process.getuid?.() === 0;
const namespaces =
  process.platform === "linux" &&
  spawnSync("/usr/bin/unshare", [...(root ? ["--net"] : ["--net", "--map-current-user"]), "--", process.execPath, "--version"], { stdio: "ignore" }).status === 0;

let server: net.Server;
let port: number;

beforeAll(async () => {
  server = net.createServer((socket) => socket.end("secret\n"));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Runs `code` in Node, isolated as the sandbox's child is (or not); what it printed. Asynchronous: our listener must answer meanwhile. */
function runNode(code: string, isolated: boolean): Promise<string> {
  const prefix = isolated ? isolationFor([]).prefix : [];
  const [file, ...args] = [...prefix, process.execPath, "-e", code];
  return new Promise((resolve) => execFile(file!, args, { encoding: "utf8", env: {}, timeout: 20_000 }, (_error, stdout) => resolve(stdout.trim())));
}

const CONNECT = (port: number) => `
  const socket = require("node:net").connect(${port}, "127.0.0.1");
  socket.on("data", (d) => { console.log("reached: " + d); process.exit(0); });
  socket.on("error", (e) => { console.log("refused: " + e.code); process.exit(0); });
  setTimeout(() => { console.log("timed out"); process.exit(0); }, 60_000);`;

describe.runIf(process.platform === "linux")("hostile network access, at the level of the operating system", () => {
  it.runIf(namespaces)("a socket connect to a listener on 127.0.0.1 from the sandbox's namespace fails", async () => {
    // The same code outside the namespace reaches it (the listener is real).
    expect(await runNode(CONNECT(port), false)).toBe("reached: secret");
    const inside = await runNode(CONNECT(port), true);
    expect(inside).toMatch(/^refused: (ENETUNREACH|ECONNREFUSED|EADDRNOTAVAIL)$/);
  });

  it.runIf(namespaces)("the sandbox's child is started inside a network namespace, as nobody when the grader is root", async () => {
    const command = childCommand(PROBE_HARNESS, TEST_LIMITS);
    const line = [command.file, ...command.args].join(" ");
    expect(line).toContain("/usr/bin/unshare --net");
    expect(command.isolation.network).toBe(true);
    if (root) {
      expect(line).toContain("/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups --");
      expect(command.isolation.user).toBe("nobody");
      expect(await runNode("console.log(process.getuid())", true)).toBe("65534");
    }
    // The child's entry point is still what runs: its program, stripped, comes on standard input ("node -").
    expect(command.args.slice(-3)).toEqual(["--input-type=module", "-", PROBE_HARNESS]);
    expect(command.stdin).toContain(JSON.stringify(pathToFileURL(CHILD_FILE).href));
  });

  it("the grade says which protections were in force", async () => {
    const result = await gradeSubmission(findLab("framing"), "export {};", { publicOnly: true });
    expect(result.sandbox).toMatch(/^SES compartment, Node permission model, memory cap 256 MiB, CPU limit 2 s\/run, /);
    if (namespaces) expect(result.sandbox).toContain("no network (namespace)");
    if (namespaces && root) expect(result.sandbox).toMatch(/, uid nobody$/);
  }, 300_000);
});
