/**
 * The tests' own key schedule, independent of the learner's code and of the
 * runtime's hash functions: SHA-2, HMAC and HKDF come from @noble/hashes (an
 * audited pure-JavaScript library, a devDependency of the tests; it runs in
 * Node and in any browser page, where WebCrypto needs a secure origin).
 * test/labs/tls-keys-fixtures.test.ts checks it against node:crypto. Only
 * the HkdfLabel layout and the order of the schedule are written here, from
 * RFC 8446 §7.1 and §4.4.4. Hidden tests only.
 */
import { expand, extract, hkdf } from "@noble/hashes/hkdf.js";
import { hmac as nobleHmac } from "@noble/hashes/hmac.js";
import { sha256, sha384 } from "@noble/hashes/sha2.js";
import type { HashName, SecretName } from "../scenarios.ts";

const HASHES = { "SHA-256": sha256, "SHA-384": sha384 } as const;
const utf8 = new TextEncoder();
export const HASH_LENGTH: Readonly<Record<HashName, number>> = { "SHA-256": 32, "SHA-384": 48 };
const EMPTY = new Uint8Array(0);

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function digest(hash: HashName, data: Uint8Array): Uint8Array {
  return HASHES[hash](data);
}

export function hmac(hash: HashName, key: Uint8Array, data: Uint8Array): Uint8Array {
  return nobleHmac(HASHES[hash], key, data);
}

export function hkdfExtract(hash: HashName, salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return extract(HASHES[hash], ikm, salt);
}

/** HKDF-Expand (RFC 5869 §2.3); null past 255 blocks, where the RFC forbids it. */
export function hkdfExpand(hash: HashName, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array | null {
  if (length > 255 * HASH_LENGTH[hash]) return null;
  return length === 0 ? EMPTY : expand(HASHES[hash], prk, info, length);
}

/** HkdfLabel (RFC 8446 §7.1): uint16 length, opaque label<7..255> = "tls13 " + label, opaque context<0..255>; null when it does not fit. */
export function hkdfLabel(label: string, context: Uint8Array, length: number): Uint8Array | null {
  const full = utf8.encode(`tls13 ${label}`);
  if (full.length > 255 || context.length > 255 || length > 0xffff) return null;
  return concat([Uint8Array.of(length >> 8, length & 0xff, full.length), full, Uint8Array.of(context.length), context]);
}

export function hkdfExpandLabel(hash: HashName, secret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array | null {
  const info = hkdfLabel(label, context, length);
  return info === null ? null : hkdfExpand(hash, secret, info, length);
}

function expandLabel(hash: HashName, secret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array {
  const out = hkdfExpandLabel(hash, secret, label, context, length);
  if (out === null) throw new Error(`oracle: ${label} does not fit`);
  return out;
}

export function deriveSecret(hash: HashName, secret: Uint8Array, label: string, messages: readonly Uint8Array[]): Uint8Array {
  return expandLabel(hash, secret, label, digest(hash, concat(messages)), HASH_LENGTH[hash]);
}

export interface OracleHandshake {
  readonly psk: Uint8Array | null;
  readonly ecdhe: Uint8Array | null;
  readonly clientHello: Uint8Array;
  readonly serverHello: Uint8Array;
  readonly serverMessages: readonly Uint8Array[];
}

export type OracleSecrets = Record<SecretName, Uint8Array>;

/** The whole schedule of RFC 8446 §7.1, with the Finished MACs of §4.4.4. */
export function keySchedule(hash: HashName, h: OracleHandshake): OracleSecrets {
  const n = HASH_LENGTH[hash];
  const zeros = new Uint8Array(n);
  const early = hkdfExtract(hash, zeros, h.psk ?? zeros);
  const derivedEarly = deriveSecret(hash, early, "derived", []);
  const hellos = [h.clientHello, h.serverHello];
  const helloHash = digest(hash, concat(hellos));
  const handshakeSecret = hkdfExtract(hash, derivedEarly, h.ecdhe ?? zeros);
  // The handshake traffic secrets in one HKDF call: Extract(derived, (EC)DHE), then Expand with HkdfLabel.
  const cHs = hkdf(HASHES[hash], h.ecdhe ?? zeros, derivedEarly, hkdfLabel("c hs traffic", helloHash, n)!, n);
  const sHs = hkdf(HASHES[hash], h.ecdhe ?? zeros, derivedEarly, hkdfLabel("s hs traffic", helloHash, n)!, n);
  const flight = [...hellos, ...h.serverMessages];
  const serverFinished = hmac(hash, expandLabel(hash, sHs, "finished", EMPTY, n), digest(hash, concat(flight)));
  const throughServerFinished = [...flight, finished(serverFinished)];
  const derivedHs = deriveSecret(hash, handshakeSecret, "derived", []);
  const master = hkdfExtract(hash, derivedHs, zeros);
  const sfHash = digest(hash, concat(throughServerFinished));
  const clientFinished = hmac(hash, expandLabel(hash, cHs, "finished", EMPTY, n), sfHash);
  return {
    earlySecret: early,
    handshakeSecret,
    clientHandshakeTrafficSecret: cHs,
    serverHandshakeTrafficSecret: sHs,
    serverFinished,
    masterSecret: master,
    clientApplicationTrafficSecret: hkdf(HASHES[hash], zeros, derivedHs, hkdfLabel("c ap traffic", sfHash, n)!, n),
    serverApplicationTrafficSecret: expandLabel(hash, master, "s ap traffic", sfHash, n),
    exporterMasterSecret: expandLabel(hash, master, "exp master", sfHash, n),
    clientFinished,
    resumptionMasterSecret: deriveSecret(hash, master, "res master", [...throughServerFinished, finished(clientFinished)]),
  };
}

/** A Finished handshake message: type 20, uint24 length, verify_data (RFC 8446 §4, §4.4.4). */
export function finished(verifyData: Uint8Array): Uint8Array {
  return concat([Uint8Array.of(20, 0, 0, verifyData.length), verifyData]);
}

export function resumptionPsk(hash: HashName, resumptionMasterSecret: Uint8Array, ticketNonce: Uint8Array): Uint8Array {
  return expandLabel(hash, resumptionMasterSecret, "resumption", ticketNonce, HASH_LENGTH[hash]);
}

export function trafficKeys(hash: HashName, secret: Uint8Array, keyLength: number): { key: Uint8Array; iv: Uint8Array } {
  return { key: expandLabel(hash, secret, "key", EMPTY, keyLength), iv: expandLabel(hash, secret, "iv", EMPTY, 12) };
}

/** The next application traffic secret (RFC 8446 §7.2). */
export function nextTrafficSecret(hash: HashName, secret: Uint8Array): Uint8Array {
  return expandLabel(hash, secret, "traffic upd", EMPTY, HASH_LENGTH[hash]);
}

/** The per-record nonce (RFC 8446 §5.3): the 64-bit sequence number, big-endian, left-padded with zeros to the IV's length, XORed with the IV. */
export function recordNonce(iv: Uint8Array, sequenceNumber: bigint): Uint8Array {
  const padded = new Uint8Array(iv.length);
  let n = sequenceNumber;
  for (let i = padded.length - 1; i >= 0; i--) {
    padded[i] = Number(n % 256n);
    n /= 256n;
  }
  return padded.map((byte, i) => byte ^ iv[i]!);
}
