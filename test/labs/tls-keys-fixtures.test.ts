/**
 * The tls-keys lab's test support, checked in Node:
 * - every RFC 8448 value in labs/tls-keys/rfc8448.ts (the public tests' and
 *   the demo's fixtures) is recomputed here with node:crypto: X25519 for the
 *   shared secret, SHA-256, HMAC and hkdfSync for the schedule;
 * - the hidden tests' oracle (@noble/hashes) gives the same values;
 * - no public test or harness module imports the oracle or the hidden tests (issue 17).
 */
import { createHash, createHmac, createPrivateKey, createPublicKey, diffieHellman, hkdfSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import * as oracle from "#labs/tls-keys/tests/oracle.ts";
import { RFC8448_ECDHE, RFC8448_KEYS, RFC8448_MESSAGES, RFC8448_SECRETS, RFC8448_STEPS, RFC8448_TICKET } from "#labs/tls-keys/rfc8448.ts";

const b = (hex: string) => Buffer.from(hex.replace(/\s+/g, ""), "hex");
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const sha256 = (...parts: string[]) => createHash("sha256").update(Buffer.concat(parts.map(b))).digest();
const hmac = (key: Uint8Array, data: Uint8Array) => createHmac("sha256", key).update(data).digest();
function label(name: string, context: Uint8Array, length: number): Buffer {
  const full = Buffer.from(`tls13 ${name}`, "ascii");
  return Buffer.concat([Buffer.from([length >> 8, length & 0xff, full.length]), full, Buffer.from([context.length]), context]);
}
/** HKDF-Expand-Label for outputs of one block, the only ones RFC 8448 §3 prints: HMAC(PRK, info | 01). */
const expandLabel = (secret: Uint8Array, name: string, context: Uint8Array, length: number) => hmac(secret, Buffer.concat([label(name, context, length), Buffer.from([1])])).subarray(0, length);

const M = RFC8448_MESSAGES;
const S = (name: keyof typeof RFC8448_SECRETS) => hex(b(RFC8448_SECRETS[name]));

describe("RFC 8448 §3 fixtures, recomputed with node:crypto", () => {
  it("has the messages at the lengths the RFC prints, and their transcript hashes", () => {
    expect([M.clientHello, M.serverHello, M.encryptedExtensions, M.certificate, M.certificateVerify, M.serverFinished, M.clientFinished].map((m) => b(m).length)).toEqual([196, 90, 40, 445, 136, 36, 36]);
    expect(hex(sha256(M.clientHello, M.serverHello))).toBe(hex(b(RFC8448_STEPS.helloHash)));
    expect(hex(sha256(M.clientHello, M.serverHello, M.encryptedExtensions, M.certificate, M.certificateVerify, M.serverFinished))).toBe(hex(b(RFC8448_STEPS.serverFinishedHash)));
    expect(hex(sha256(M.clientHello, M.serverHello, M.encryptedExtensions, M.certificate, M.certificateVerify, M.serverFinished, M.clientFinished))).toBe(hex(b(RFC8448_STEPS.clientFinishedHash)));
  });

  it("gets the (EC)DHE secret from the RFC's X25519 keys", () => {
    const privateKey = createPrivateKey({ key: Buffer.concat([b("302e020100300506032b656e04220420"), b("49 af 42 ba 7f 79 94 85 2d 71 3e f2 78 4b cb ca a7 91 1d e2 6a dc 56 42 cb 63 45 40 e7 ea 50 05")]), format: "der", type: "pkcs8" });
    const publicKey = createPublicKey({ key: Buffer.concat([b("302a300506032b656e032100"), b("c9 82 88 76 11 20 95 fe 66 76 2b db f7 c6 72 e1 56 d6 cc 25 3b 83 3d f1 dd 69 b1 b0 4e 75 1f 0f")]), format: "der", type: "spki" });
    expect(hex(diffieHellman({ privateKey, publicKey }))).toBe(hex(b(RFC8448_ECDHE)));
  });

  it("recomputes every secret, key, IV, Finished and the resumption PSK", () => {
    const zeros = Buffer.alloc(32);
    const early = hmac(zeros, zeros);
    expect(hex(early)).toBe(S("earlySecret"));
    const derivedEarly = expandLabel(early, "derived", sha256(), 32);
    expect(hex(derivedEarly)).toBe(hex(b(RFC8448_STEPS.derivedFromEarly)));
    const hs = hmac(derivedEarly, b(RFC8448_ECDHE));
    expect(hex(hs)).toBe(S("handshakeSecret"));
    const helloHash = sha256(M.clientHello, M.serverHello);
    expect(hex(label("c hs traffic", helloHash, 32))).toBe(hex(b(RFC8448_STEPS.clientHandshakeInfo)));
    const cHs = Buffer.from(hkdfSync("sha256", b(RFC8448_ECDHE), derivedEarly, label("c hs traffic", helloHash, 32), 32));
    const sHs = expandLabel(hs, "s hs traffic", helloHash, 32);
    expect([hex(cHs), hex(sHs)]).toEqual([S("clientHandshakeTrafficSecret"), S("serverHandshakeTrafficSecret")]);
    const serverFinishedKey = expandLabel(sHs, "finished", Buffer.alloc(0), 32);
    expect(hex(serverFinishedKey)).toBe(hex(b(RFC8448_STEPS.serverFinishedKey)));
    expect(hex(hmac(serverFinishedKey, sha256(M.clientHello, M.serverHello, M.encryptedExtensions, M.certificate, M.certificateVerify)))).toBe(S("serverFinished"));
    expect(hex(b(M.serverFinished))).toBe(`14000020${S("serverFinished")}`);
    const derivedHs = expandLabel(hs, "derived", sha256(), 32);
    expect(hex(derivedHs)).toBe(hex(b(RFC8448_STEPS.derivedFromHandshake)));
    const master = hmac(derivedHs, zeros);
    expect(hex(master)).toBe(S("masterSecret"));
    const sfHash = b(RFC8448_STEPS.serverFinishedHash);
    expect(hex(expandLabel(master, "c ap traffic", sfHash, 32))).toBe(S("clientApplicationTrafficSecret"));
    expect(hex(expandLabel(master, "s ap traffic", sfHash, 32))).toBe(S("serverApplicationTrafficSecret"));
    expect(hex(expandLabel(master, "exp master", sfHash, 32))).toBe(S("exporterMasterSecret"));
    expect(hex(hmac(expandLabel(cHs, "finished", Buffer.alloc(0), 32), sfHash))).toBe(S("clientFinished"));
    expect(hex(b(M.clientFinished))).toBe(`14000020${S("clientFinished")}`);
    const res = expandLabel(master, "res master", b(RFC8448_STEPS.clientFinishedHash), 32);
    expect(hex(res)).toBe(S("resumptionMasterSecret"));
    expect(hex(expandLabel(res, "resumption", b(RFC8448_TICKET.nonce), 32))).toBe(hex(b(RFC8448_TICKET.psk)));
    for (const [secret, keys] of [
      ["serverHandshakeTrafficSecret", "serverHandshake"],
      ["clientHandshakeTrafficSecret", "clientHandshake"],
      ["serverApplicationTrafficSecret", "serverApplication"],
      ["clientApplicationTrafficSecret", "clientApplication"],
    ] as const) {
      const s = b(RFC8448_SECRETS[secret]);
      expect(hex(expandLabel(s, "key", Buffer.alloc(0), 16)), keys).toBe(hex(b(RFC8448_KEYS[keys].key)));
      expect(hex(expandLabel(s, "iv", Buffer.alloc(0), 12)), keys).toBe(hex(b(RFC8448_KEYS[keys].iv)));
    }
  });

  it("agrees with the hidden tests' oracle (@noble/hashes) on the whole schedule", () => {
    const secrets = oracle.keySchedule("SHA-256", {
      psk: null,
      ecdhe: b(RFC8448_ECDHE),
      clientHello: b(M.clientHello),
      serverHello: b(M.serverHello),
      serverMessages: [b(M.encryptedExtensions), b(M.certificate), b(M.certificateVerify)],
    });
    for (const [name, value] of Object.entries(secrets)) expect(hex(value), name).toBe(S(name as keyof typeof RFC8448_SECRETS));
  });

  it("the oracle's HKDF-Expand gives RFC 5869's 82-byte OKM of test case 2 and node:crypto's SHA-384 HKDF", () => {
    const prk = b("06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244");
    const info = Uint8Array.from({ length: 80 }, (_, i) => 0xb0 + i);
    expect(hex(oracle.hkdfExpand("SHA-256", prk, info, 82)!)).toBe(
      "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87",
    );
    const ikm = Buffer.from("input keying material");
    const salt = Buffer.from("salt");
    const prk384 = oracle.hkdfExtract("SHA-384", salt, ikm);
    expect(hex(oracle.hkdfExpand("SHA-384", prk384, info, 200)!)).toBe(hex(Buffer.from(hkdfSync("sha384", ikm, salt, info, 200))));
  });
});

describe("the public side imports no answer (issue 17)", () => {
  const lab = resolve(import.meta.dirname, "../../labs/tls-keys");
  /** Every file reachable from `entry` by relative or #labs/tls-keys imports. */
  function graph(entry: string, seen = new Set<string>()): Set<string> {
    if (seen.has(entry)) return seen;
    seen.add(entry);
    for (const [, spec] of readFileSync(entry, "utf8").matchAll(/from "([^"]+)"/g)) {
      const target = spec!.startsWith("#labs/tls-keys/") ? join(lab, spec!.slice("#labs/tls-keys/".length)) : spec!.startsWith(".") ? resolve(dirname(entry), spec!) : undefined;
      if (target !== undefined) graph(target, seen);
    }
    return seen;
  }
  it.each(["tests/public.ts", "harness.ts"])("%s reaches neither the oracle, the hidden tests nor the solution", (file) => {
    const reached = [...graph(join(lab, file))].map((path) => relative(lab, path));
    expect(reached.filter((path) => ["tests/oracle.ts", "tests/hidden.ts", "tests/arbitraries.ts", "solution.ts"].includes(path))).toEqual([]);
  });
});
