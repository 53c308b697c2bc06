/**
 * The TLS 1.3 key schedule (RFC 8446 §7): reference solution.
 */

export interface Hash {
  readonly name: string;
  readonly length: number;
  digest(data: Uint8Array): Uint8Array;
  hmac(key: Uint8Array, data: Uint8Array): Uint8Array;
}

export type CipherSuite = "TLS_AES_128_GCM_SHA256" | "TLS_AES_256_GCM_SHA384" | "TLS_CHACHA20_POLY1305_SHA256";

export interface Handshake {
  readonly psk: Uint8Array | null;
  readonly ecdhe: Uint8Array | null;
  readonly clientHello: Uint8Array;
  readonly serverHello: Uint8Array;
  readonly serverMessages: readonly Uint8Array[];
}

export interface Secrets {
  readonly earlySecret: Uint8Array;
  readonly handshakeSecret: Uint8Array;
  readonly clientHandshakeTrafficSecret: Uint8Array;
  readonly serverHandshakeTrafficSecret: Uint8Array;
  readonly serverFinished: Uint8Array;
  readonly masterSecret: Uint8Array;
  readonly clientApplicationTrafficSecret: Uint8Array;
  readonly serverApplicationTrafficSecret: Uint8Array;
  readonly exporterMasterSecret: Uint8Array;
  readonly clientFinished: Uint8Array;
  readonly resumptionMasterSecret: Uint8Array;
}

export interface TrafficKeys {
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
}

const KEY_LENGTH: Readonly<Record<CipherSuite, number>> = { TLS_AES_128_GCM_SHA256: 16, TLS_AES_256_GCM_SHA384: 32, TLS_CHACHA20_POLY1305_SHA256: 32 };
const IV_LENGTH = 12;
const FINISHED = 20;
const NOTHING: Uint8Array = new Uint8Array(0);
const utf8 = new TextEncoder();

export function hkdfExtract(hash: Hash, salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return hash.hmac(salt, ikm);
}

export function hkdfExpand(hash: Hash, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  if (length > 255 * hash.length) throw new RangeError(`HKDF-Expand gives at most 255 × ${hash.length} bytes, not ${length} (RFC 5869 §2.3)`);
  const okm = new Uint8Array(length);
  let t: Uint8Array = NOTHING;
  for (let i = 1, at = 0; at < length; i++, at += t.length) {
    t = hash.hmac(prk, concat([t, info, Uint8Array.of(i)]));
    okm.set(t.subarray(0, length - at), at);
  }
  return okm;
}

export function hkdfExpandLabel(hash: Hash, secret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array {
  const fullLabel = utf8.encode(`tls13 ${label}`);
  if (fullLabel.length > 255) throw new RangeError(`the label "tls13 ${label}" is ${fullLabel.length} bytes; HkdfLabel holds at most 255`);
  if (context.length > 255) throw new RangeError(`the context is ${context.length} bytes; HkdfLabel holds at most 255`);
  const info = concat([Uint8Array.of(length >> 8, length & 0xff, fullLabel.length), fullLabel, Uint8Array.of(context.length), context]);
  return hkdfExpand(hash, secret, info, length);
}

export function deriveSecret(hash: Hash, secret: Uint8Array, label: string, messages: readonly Uint8Array[]): Uint8Array {
  return hkdfExpandLabel(hash, secret, label, hash.digest(concat(messages)), hash.length);
}

export function keySchedule(hash: Hash, handshake: Handshake): Secrets {
  const zeros = new Uint8Array(hash.length);
  const earlySecret = hkdfExtract(hash, zeros, handshake.psk ?? zeros);
  const handshakeSecret = hkdfExtract(hash, deriveSecret(hash, earlySecret, "derived", []), handshake.ecdhe ?? zeros);
  const hellos = [handshake.clientHello, handshake.serverHello];
  const clientHandshakeTrafficSecret = deriveSecret(hash, handshakeSecret, "c hs traffic", hellos);
  const serverHandshakeTrafficSecret = deriveSecret(hash, handshakeSecret, "s hs traffic", hellos);
  const serverFlight = [...hellos, ...handshake.serverMessages];
  const serverFinished = finishedVerifyData(hash, serverHandshakeTrafficSecret, serverFlight);
  const throughServerFinished = [...serverFlight, finishedMessage(serverFinished)];
  const masterSecret = hkdfExtract(hash, deriveSecret(hash, handshakeSecret, "derived", []), zeros);
  const clientFinished = finishedVerifyData(hash, clientHandshakeTrafficSecret, throughServerFinished);
  return {
    earlySecret,
    handshakeSecret,
    clientHandshakeTrafficSecret,
    serverHandshakeTrafficSecret,
    serverFinished,
    masterSecret,
    clientApplicationTrafficSecret: deriveSecret(hash, masterSecret, "c ap traffic", throughServerFinished),
    serverApplicationTrafficSecret: deriveSecret(hash, masterSecret, "s ap traffic", throughServerFinished),
    exporterMasterSecret: deriveSecret(hash, masterSecret, "exp master", throughServerFinished),
    clientFinished,
    resumptionMasterSecret: deriveSecret(hash, masterSecret, "res master", [...throughServerFinished, finishedMessage(clientFinished)]),
  };
}

/** verify_data = HMAC(finished_key, Transcript-Hash(messages)) (RFC 8446 §4.4.4). */
function finishedVerifyData(hash: Hash, baseKey: Uint8Array, messages: readonly Uint8Array[]): Uint8Array {
  const finishedKey = hkdfExpandLabel(hash, baseKey, "finished", NOTHING, hash.length);
  return hash.hmac(finishedKey, hash.digest(concat(messages)));
}

/** The Finished handshake message: type 20, a 3-byte length, verify_data (RFC 8446 §4). */
function finishedMessage(verifyData: Uint8Array): Uint8Array {
  return concat([Uint8Array.of(FINISHED, 0, 0, verifyData.length), verifyData]);
}

export function resumptionPsk(hash: Hash, resumptionMasterSecret: Uint8Array, ticketNonce: Uint8Array): Uint8Array {
  return hkdfExpandLabel(hash, resumptionMasterSecret, "resumption", ticketNonce, hash.length);
}

export function trafficKeys(hash: Hash, secret: Uint8Array, suite: CipherSuite): TrafficKeys {
  return { key: hkdfExpandLabel(hash, secret, "key", NOTHING, KEY_LENGTH[suite]), iv: hkdfExpandLabel(hash, secret, "iv", NOTHING, IV_LENGTH) };
}

export function recordNonce(iv: Uint8Array, sequenceNumber: bigint): Uint8Array {
  if (sequenceNumber < 0n || sequenceNumber >= 1n << 64n) throw new RangeError(`a sequence number is 64 bits: ${sequenceNumber} is out of range (RFC 8446 §5.3)`);
  const nonce = iv.slice();
  for (let i = 0; i < 8; i++) nonce[nonce.length - 1 - i] ^= Number((sequenceNumber >> BigInt(8 * i)) & 0xffn);
  return nonce;
}

export class RecordKeys {
  readonly #hash: Hash;
  readonly #suite: CipherSuite;
  #secret: Uint8Array;
  #keys: TrafficKeys;
  #sequenceNumber = 0n;

  constructor(hash: Hash, suite: CipherSuite, secret: Uint8Array) {
    this.#hash = hash;
    this.#suite = suite;
    this.#secret = secret.slice();
    this.#keys = trafficKeys(hash, this.#secret, suite);
  }

  get secret(): Uint8Array {
    return this.#secret;
  }

  get key(): Uint8Array {
    return this.#keys.key;
  }

  get iv(): Uint8Array {
    return this.#keys.iv;
  }

  nextNonce(): Uint8Array {
    return recordNonce(this.#keys.iv, this.#sequenceNumber++);
  }

  update(): void {
    this.#secret = hkdfExpandLabel(this.#hash, this.#secret, "traffic upd", NOTHING, this.#hash.length);
    this.#keys = trafficKeys(this.#hash, this.#secret, this.#suite);
    this.#sequenceNumber = 0n;
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
