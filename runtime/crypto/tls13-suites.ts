/**
 * The TLS 1.3 cipher suites (RFC 8446 §B.4): each names an AEAD and the hash
 * its key schedule runs on. Key lengths are the AEADs' (RFC 5116 §5.1 and
 * §5.2 for AES-GCM, RFC 8439 §2.8 for ChaCha20-Poly1305); every one takes a
 * 12-byte nonce, so iv_length is 12 (RFC 8446 §5.3).
 */
import { SHA256, SHA384, type HashFunction } from "./hmac.ts";

export interface Tls13Suite {
  readonly name: Tls13SuiteName;
  /** The two-byte code in ClientHello.cipher_suites. */
  readonly code: number;
  readonly hash: HashFunction;
  readonly keyLength: number;
  readonly ivLength: number;
}

export type Tls13SuiteName = "TLS_AES_128_GCM_SHA256" | "TLS_AES_256_GCM_SHA384" | "TLS_CHACHA20_POLY1305_SHA256";

export const TLS13_SUITES: Readonly<Record<Tls13SuiteName, Tls13Suite>> = Object.freeze({
  TLS_AES_128_GCM_SHA256: Object.freeze({ name: "TLS_AES_128_GCM_SHA256", code: 0x1301, hash: SHA256, keyLength: 16, ivLength: 12 }),
  TLS_AES_256_GCM_SHA384: Object.freeze({ name: "TLS_AES_256_GCM_SHA384", code: 0x1302, hash: SHA384, keyLength: 32, ivLength: 12 }),
  TLS_CHACHA20_POLY1305_SHA256: Object.freeze({ name: "TLS_CHACHA20_POLY1305_SHA256", code: 0x1303, hash: SHA256, keyLength: 32, ivLength: 12 }),
});

/** TLS 1.3's handshake message types used by the key schedule (RFC 8446 §4). */
export const HANDSHAKE_TYPE = Object.freeze({
  CLIENT_HELLO: 1,
  SERVER_HELLO: 2,
  NEW_SESSION_TICKET: 4,
  ENCRYPTED_EXTENSIONS: 8,
  CERTIFICATE: 11,
  CERTIFICATE_VERIFY: 15,
  FINISHED: 20,
});
