/**
 * A correct variant: the transcript grows as one byte array while the
 * schedule walks the handshake, HkdfLabel is written through a DataView,
 * the early secret's "0" salt is an empty string (HMAC pads keys with zeros,
 * so it is the same key), nonces come from DataView.setBigUint64 into a
 * zero-padded block, and RecordKeys counts records in a plain number.
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

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export function hkdfExtract(hash: Hash, salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return hash.hmac(salt, ikm);
}

export function hkdfExpand(hash: Hash, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  const n = Math.ceil(length / hash.length);
  if (n > 255) throw new RangeError("too long for HKDF-Expand");
  const blocks: number[] = [];
  let previous = new Uint8Array(0);
  for (let i = 1; i <= n; i++) {
    const input = new Uint8Array(previous.length + info.length + 1);
    input.set(previous, 0);
    input.set(info, previous.length);
    input[input.length - 1] = i;
    previous = new Uint8Array(hash.hmac(prk, input));
    blocks.push(...previous);
  }
  return Uint8Array.from(blocks.slice(0, length));
}

export function hkdfExpandLabel(hash: Hash, secret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array {
  const name = new TextEncoder().encode("tls13 " + label);
  if (name.length >= 256 || context.length >= 256) throw new RangeError("label or context too long for HkdfLabel");
  const info = new Uint8Array(4 + name.length + context.length);
  const view = new DataView(info.buffer);
  view.setUint16(0, length);
  view.setUint8(2, name.length);
  info.set(name, 3);
  view.setUint8(3 + name.length, context.length);
  info.set(context, 4 + name.length);
  return hkdfExpand(hash, secret, info, length);
}

function transcriptHash(hash: Hash, messages: readonly Uint8Array[]): Uint8Array {
  return hash.digest(messages.reduce(join, new Uint8Array(0)));
}

export function deriveSecret(hash: Hash, secret: Uint8Array, label: string, messages: readonly Uint8Array[]): Uint8Array {
  return hkdfExpandLabel(hash, secret, label, transcriptHash(hash, messages), hash.length);
}

export function keySchedule(hash: Hash, handshake: Handshake): Secrets {
  const zero = new Uint8Array(hash.length);
  const derive = (secret: Uint8Array, label: string, transcript: Uint8Array) => hkdfExpandLabel(hash, secret, label, hash.digest(transcript), hash.length);
  const finish = (base: Uint8Array, transcript: Uint8Array) => hash.hmac(hkdfExpandLabel(hash, base, "finished", new Uint8Array(0), hash.length), hash.digest(transcript));
  const asMessage = (verifyData: Uint8Array) => join(Uint8Array.of(20, 0, (verifyData.length >> 8) & 0xff, verifyData.length & 0xff), verifyData);

  const earlySecret = hkdfExtract(hash, new Uint8Array(0), handshake.psk === null ? zero : handshake.psk);
  const handshakeSecret = hkdfExtract(hash, derive(earlySecret, "derived", new Uint8Array(0)), handshake.ecdhe === null ? zero : handshake.ecdhe);
  let transcript = join(handshake.clientHello, handshake.serverHello);
  const clientHandshakeTrafficSecret = derive(handshakeSecret, "c hs traffic", transcript);
  const serverHandshakeTrafficSecret = derive(handshakeSecret, "s hs traffic", transcript);
  for (const message of handshake.serverMessages) transcript = join(transcript, message);
  const serverFinished = finish(serverHandshakeTrafficSecret, transcript);
  transcript = join(transcript, asMessage(serverFinished));
  const masterSecret = hkdfExtract(hash, derive(handshakeSecret, "derived", new Uint8Array(0)), zero);
  const clientApplicationTrafficSecret = derive(masterSecret, "c ap traffic", transcript);
  const serverApplicationTrafficSecret = derive(masterSecret, "s ap traffic", transcript);
  const exporterMasterSecret = derive(masterSecret, "exp master", transcript);
  const clientFinished = finish(clientHandshakeTrafficSecret, transcript);
  transcript = join(transcript, asMessage(clientFinished));
  const resumptionMasterSecret = derive(masterSecret, "res master", transcript);
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

export function trafficKeys(hash: Hash, secret: Uint8Array, suite: CipherSuite): TrafficKeys {
  const keyLength = suite === "TLS_AES_128_GCM_SHA256" ? 16 : 32;
  return { key: hkdfExpandLabel(hash, secret, "key", new Uint8Array(0), keyLength), iv: hkdfExpandLabel(hash, secret, "iv", new Uint8Array(0), 12) };
}

export function recordNonce(iv: Uint8Array, sequenceNumber: bigint): Uint8Array {
  if (sequenceNumber < 0n || sequenceNumber > 0xffffffffffffffffn) throw new RangeError("sequence number out of range");
  const padded = new Uint8Array(iv.length);
  new DataView(padded.buffer).setBigUint64(iv.length - 8, sequenceNumber);
  return padded.map((byte, i) => byte ^ iv[i]!);
}

export class RecordKeys {
  private readonly hash: Hash;
  private readonly suite: CipherSuite;
  private current: Uint8Array;
  private keys: TrafficKeys;
  private records = 0;

  constructor(hash: Hash, suite: CipherSuite, secret: Uint8Array) {
    this.hash = hash;
    this.suite = suite;
    this.current = Uint8Array.from(secret);
    this.keys = trafficKeys(hash, this.current, suite);
  }

  get secret(): Uint8Array {
    return Uint8Array.from(this.current);
  }

  get key(): Uint8Array {
    return Uint8Array.from(this.keys.key);
  }

  get iv(): Uint8Array {
    return Uint8Array.from(this.keys.iv);
  }

  nextNonce(): Uint8Array {
    const nonce = recordNonce(this.keys.iv, BigInt(this.records));
    this.records += 1;
    return nonce;
  }

  update(): void {
    this.current = hkdfExpandLabel(this.hash, this.current, "traffic upd", new Uint8Array(0), this.hash.length);
    this.keys = trafficKeys(this.hash, this.current, this.suite);
    this.records = 0;
  }
}
