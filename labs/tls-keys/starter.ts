/**
 * The TLS 1.3 key schedule (RFC 8446 §7).
 *
 * From one (EC)DHE shared secret, an optional pre-shared key and the
 * handshake messages, TLS 1.3 derives every secret of a connection: the
 * handshake and application traffic secrets, the Finished MACs, the
 * exporter and resumption secrets, and from each traffic secret the AEAD
 * key, IV and per-record nonces. All of it is HKDF (RFC 5869) on one hash.
 *
 * Your file cannot import anything: the hash function and HMAC come in as
 * `hash` (from Wirelab's runtime/crypto: SHA-256 or SHA-384, FIPS 180-4, and
 * HMAC, RFC 2104). The instructions pin every function; the stages there
 * match the TODOs here.
 */

/** Given to you: the cipher suite's hash function and HMAC over it. */
export interface Hash {
  /** "SHA-256" or "SHA-384". */
  readonly name: string;
  /** Hash.length in RFC 8446: 32 for SHA-256, 48 for SHA-384. */
  readonly length: number;
  /** The digest of `data`. */
  digest(data: Uint8Array): Uint8Array;
  /** HMAC(key, data) on this hash (RFC 2104); a key shorter than the block is padded with zeros. */
  hmac(key: Uint8Array, data: Uint8Array): Uint8Array;
}

export type CipherSuite = "TLS_AES_128_GCM_SHA256" | "TLS_AES_256_GCM_SHA384" | "TLS_CHACHA20_POLY1305_SHA256";

/** What the key schedule needs from one full handshake (no client certificate). */
export interface Handshake {
  /** The pre-shared key, or null when the handshake uses none. */
  readonly psk: Uint8Array | null;
  /** The (EC)DHE shared secret, or null for a PSK-only (psk_ke) handshake. */
  readonly ecdhe: Uint8Array | null;
  /** The ClientHello and ServerHello handshake messages, each with its 4-byte header. */
  readonly clientHello: Uint8Array;
  readonly serverHello: Uint8Array;
  /** The server's messages after ServerHello and before its Finished: EncryptedExtensions, then Certificate and CertificateVerify (none with a PSK). */
  readonly serverMessages: readonly Uint8Array[];
}

/** Every secret of the handshake, each Hash.length bytes. */
export interface Secrets {
  readonly earlySecret: Uint8Array;
  readonly handshakeSecret: Uint8Array;
  readonly clientHandshakeTrafficSecret: Uint8Array;
  readonly serverHandshakeTrafficSecret: Uint8Array;
  /** The verify_data of the server's Finished. */
  readonly serverFinished: Uint8Array;
  readonly masterSecret: Uint8Array;
  readonly clientApplicationTrafficSecret: Uint8Array;
  readonly serverApplicationTrafficSecret: Uint8Array;
  readonly exporterMasterSecret: Uint8Array;
  /** The verify_data of the client's Finished. */
  readonly clientFinished: Uint8Array;
  readonly resumptionMasterSecret: Uint8Array;
}

export interface TrafficKeys {
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
}

/** HKDF-Extract(salt, IKM) (RFC 5869 §2.2). */
export function hkdfExtract(hash: Hash, salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  // TODO (stage 1)
  void [hash, salt, ikm];
  return new Uint8Array(0);
}

/** HKDF-Expand(PRK, info, L) (RFC 5869 §2.3); a RangeError when L > 255 × Hash.length. */
export function hkdfExpand(hash: Hash, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  // TODO (stage 1)
  void [hash, prk, info];
  return new Uint8Array(length);
}

/** HKDF-Expand-Label(Secret, Label, Context, Length) (RFC 8446 §7.1); `label` without the "tls13 " prefix. */
export function hkdfExpandLabel(hash: Hash, secret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array {
  // TODO (stage 2)
  void [hash, secret, label, context];
  return new Uint8Array(length);
}

/** Derive-Secret(Secret, Label, Messages) (RFC 8446 §7.1): the transcript is the messages concatenated. */
export function deriveSecret(hash: Hash, secret: Uint8Array, label: string, messages: readonly Uint8Array[]): Uint8Array {
  // TODO (stage 2)
  void [secret, label, messages];
  return new Uint8Array(hash.length);
}

/** The whole key schedule of one handshake (RFC 8446 §7.1, §4.4.4). */
export function keySchedule(hash: Hash, handshake: Handshake): Secrets {
  // TODO (stage 3)
  void handshake;
  const nothing = new Uint8Array(hash.length);
  return {
    earlySecret: nothing,
    handshakeSecret: nothing,
    clientHandshakeTrafficSecret: nothing,
    serverHandshakeTrafficSecret: nothing,
    serverFinished: nothing,
    masterSecret: nothing,
    clientApplicationTrafficSecret: nothing,
    serverApplicationTrafficSecret: nothing,
    exporterMasterSecret: nothing,
    clientFinished: nothing,
    resumptionMasterSecret: nothing,
  };
}

/** The PSK a NewSessionTicket with `ticketNonce` gives (RFC 8446 §4.6.1). */
export function resumptionPsk(hash: Hash, resumptionMasterSecret: Uint8Array, ticketNonce: Uint8Array): Uint8Array {
  // TODO (stage 3)
  void [resumptionMasterSecret, ticketNonce];
  return new Uint8Array(hash.length);
}

/** The AEAD key and IV of a traffic secret (RFC 8446 §7.3). */
export function trafficKeys(hash: Hash, secret: Uint8Array, suite: CipherSuite): TrafficKeys {
  // TODO (stage 4)
  void [hash, secret, suite];
  return { key: new Uint8Array(16), iv: new Uint8Array(12) };
}

/** The nonce of the record with this sequence number (RFC 8446 §5.3); a RangeError outside 0 to 2^64 − 1. */
export function recordNonce(iv: Uint8Array, sequenceNumber: bigint): Uint8Array {
  // TODO (stage 4)
  void sequenceNumber;
  return iv;
}

/** One direction's record protection: its traffic secret, key, IV and sequence number. */
export class RecordKeys {
  /** Starts at `secret` with sequence number 0; keeps its own copy of `secret`. */
  constructor(hash: Hash, suite: CipherSuite, secret: Uint8Array) {
    // TODO (stage 5)
    void [hash, suite, secret];
  }

  /** The current traffic secret. */
  get secret(): Uint8Array {
    return new Uint8Array(0);
  }

  /** The current key. */
  get key(): Uint8Array {
    return new Uint8Array(0);
  }

  /** The current IV. */
  get iv(): Uint8Array {
    return new Uint8Array(0);
  }

  /** The nonce for the next record; then the sequence number goes up by one. */
  nextNonce(): Uint8Array {
    return new Uint8Array(0);
  }

  /** KeyUpdate (RFC 8446 §7.2): the next traffic secret, its key and IV, and sequence number 0. */
  update(): void {}
}
