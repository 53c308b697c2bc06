/**
 * A correct variant: the schedule as a small object that moves through its
 * three stages (early, handshake, master), HkdfLabel built as a number array,
 * HKDF-Expand writing straight into its output, and nonces from the
 * sequence number split into two 32-bit halves (no BigInt arithmetic past the
 * range check). RecordKeys keeps its state in a closure-free plain object.
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

const EMPTY = new Uint8Array(0);

function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => {
    out.set(p, at);
    return at + p.length;
  }, 0);
  return out;
}

export function hkdfExtract(hash: Hash, salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return hash.hmac(salt, ikm);
}

export function hkdfExpand(hash: Hash, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  if (length > hash.length * 255) throw new RangeError("L > 255 * HashLen");
  const out = new Uint8Array(length);
  let block: Uint8Array = EMPTY;
  let counter = 0;
  let filled = 0;
  while (filled < length) {
    counter += 1;
    block = hash.hmac(prk, cat(block, info, Uint8Array.of(counter)));
    const take = Math.min(block.length, length - filled);
    out.set(block.subarray(0, take), filled);
    filled += take;
  }
  return out;
}

export function hkdfExpandLabel(hash: Hash, secret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array {
  const text = [..."tls13 " + label].map((c) => c.charCodeAt(0));
  if (text.length > 255) throw new RangeError("label too long");
  if (context.length > 255) throw new RangeError("context too long");
  const info = Uint8Array.from([Math.floor(length / 256), length % 256, text.length, ...text, context.length, ...context]);
  return hkdfExpand(hash, secret, info, length);
}

export function deriveSecret(hash: Hash, secret: Uint8Array, label: string, messages: readonly Uint8Array[]): Uint8Array {
  return hkdfExpandLabel(hash, secret, label, hash.digest(cat(...messages)), hash.length);
}

/** The schedule's state: the current stage's secret, and the transcript so far. */
class Schedule {
  readonly hash: Hash;
  secret: Uint8Array;
  transcript: Uint8Array[] = [];

  constructor(hash: Hash, psk: Uint8Array | null) {
    this.hash = hash;
    this.secret = hkdfExtract(hash, new Uint8Array(hash.length), psk ?? new Uint8Array(hash.length));
  }

  /** Moves to the next stage: Extract(Derive-Secret(current, "derived", ""), ikm). */
  next(ikm: Uint8Array | null): Uint8Array {
    this.secret = hkdfExtract(this.hash, deriveSecret(this.hash, this.secret, "derived", []), ikm ?? new Uint8Array(this.hash.length));
    return this.secret;
  }

  derive(label: string): Uint8Array {
    return deriveSecret(this.hash, this.secret, label, this.transcript);
  }

  finished(baseKey: Uint8Array): Uint8Array {
    const key = hkdfExpandLabel(this.hash, baseKey, "finished", EMPTY, this.hash.length);
    const verifyData = this.hash.hmac(key, this.hash.digest(cat(...this.transcript)));
    this.transcript.push(cat(Uint8Array.of(20, 0, 0, verifyData.length), verifyData));
    return verifyData;
  }
}

export function keySchedule(hash: Hash, handshake: Handshake): Secrets {
  const s = new Schedule(hash, handshake.psk);
  const earlySecret = s.secret;
  const handshakeSecret = s.next(handshake.ecdhe);
  s.transcript.push(handshake.clientHello, handshake.serverHello);
  const clientHandshakeTrafficSecret = s.derive("c hs traffic");
  const serverHandshakeTrafficSecret = s.derive("s hs traffic");
  s.transcript.push(...handshake.serverMessages);
  const serverFinished = s.finished(serverHandshakeTrafficSecret);
  const masterSecret = s.next(null);
  const clientApplicationTrafficSecret = s.derive("c ap traffic");
  const serverApplicationTrafficSecret = s.derive("s ap traffic");
  const exporterMasterSecret = s.derive("exp master");
  const clientFinished = s.finished(clientHandshakeTrafficSecret);
  const resumptionMasterSecret = s.derive("res master");
  return {
    earlySecret,
    handshakeSecret,
    clientHandshakeTrafficSecret,
    serverHandshakeTrafficSecret,
    serverFinished,
    masterSecret,
    clientApplicationTrafficSecret,
    serverApplicationTrafficSecret,
    exporterMasterSecret,
    clientFinished,
    resumptionMasterSecret,
  };
}

export function resumptionPsk(hash: Hash, resumptionMasterSecret: Uint8Array, ticketNonce: Uint8Array): Uint8Array {
  return hkdfExpandLabel(hash, resumptionMasterSecret, "resumption", ticketNonce, hash.length);
}

function keyLength(suite: CipherSuite): number {
  switch (suite) {
    case "TLS_AES_128_GCM_SHA256":
      return 16;
    case "TLS_AES_256_GCM_SHA384":
    case "TLS_CHACHA20_POLY1305_SHA256":
      return 32;
  }
}

export function trafficKeys(hash: Hash, secret: Uint8Array, suite: CipherSuite): TrafficKeys {
  return { key: hkdfExpandLabel(hash, secret, "key", EMPTY, keyLength(suite)), iv: hkdfExpandLabel(hash, secret, "iv", EMPTY, 12) };
}

export function recordNonce(iv: Uint8Array, sequenceNumber: bigint): Uint8Array {
  if (sequenceNumber < 0n || sequenceNumber >= 2n ** 64n) throw new RangeError("no such sequence number");
  const high = Number(sequenceNumber / 2n ** 32n);
  const low = Number(sequenceNumber % 2n ** 32n);
  const nonce = new Uint8Array(iv);
  const end = nonce.length;
  for (let i = 0; i < 4; i++) {
    nonce[end - 1 - i]! ^= Math.floor(low / 2 ** (8 * i)) % 256;
    nonce[end - 5 - i]! ^= Math.floor(high / 2 ** (8 * i)) % 256;
  }
  return nonce;
}

export class RecordKeys {
  private readonly state: { hash: Hash; suite: CipherSuite; secret: Uint8Array; keys: TrafficKeys; next: bigint };

  constructor(hash: Hash, suite: CipherSuite, secret: Uint8Array) {
    const own = new Uint8Array(secret);
    this.state = { hash, suite, secret: own, keys: trafficKeys(hash, own, suite), next: 0n };
  }

  get secret(): Uint8Array {
    return this.state.secret;
  }

  get key(): Uint8Array {
    return this.state.keys.key;
  }

  get iv(): Uint8Array {
    return this.state.keys.iv;
  }

  nextNonce(): Uint8Array {
    const nonce = recordNonce(this.state.keys.iv, this.state.next);
    this.state.next += 1n;
    return nonce;
  }

  update(): void {
    const st = this.state;
    st.secret = hkdfExpandLabel(st.hash, st.secret, "traffic upd", EMPTY, st.hash.length);
    st.keys = trafficKeys(st.hash, st.secret, st.suite);
    st.next = 0n;
  }
}
