/**
 * Sizes of the TLS 1.3 key shares browsers send today. Since 2024-2025 the
 * major browsers (Chrome from 131, Firefox from 132, Apple's systems from
 * their 2025 releases) offer the hybrid
 * post-quantum group X25519MLKEM768 (codepoint 0x11EC,
 * draft-ietf-tls-ecdhe-mlkem) next to plain X25519, and servers that
 * support it choose it. ML-KEM-768's sizes are from FIPS 203 §8 (Table 3):
 * an encapsulation key of 1184 bytes, a ciphertext of 1088. X25519's are
 * 32 bytes each way (RFC 7748 §6.1).
 */

/** X25519 public value (RFC 7748 §6.1). */
export const X25519_SHARE = 32;
/** ML-KEM-768 encapsulation key and ciphertext (FIPS 203, Table 3). */
export const MLKEM768_ENCAPSULATION_KEY = 1184;
export const MLKEM768_CIPHERTEXT = 1088;

/** The client's X25519MLKEM768 share: ML-KEM-768 encapsulation key, then the X25519 value. */
export const HYBRID_CLIENT_SHARE = MLKEM768_ENCAPSULATION_KEY + X25519_SHARE; // 1216
/** The server's X25519MLKEM768 share: ML-KEM-768 ciphertext, then the X25519 value. */
export const HYBRID_SERVER_SHARE = MLKEM768_CIPHERTEXT + X25519_SHARE; // 1120

/** A KeyShareEntry's own header: group (2 bytes) and key_exchange length (2), RFC 8446 §4.2.8. */
export const KEY_SHARE_ENTRY_HEADER = 4;

/** Bytes a ClientHello grows by when it offers the hybrid share as well as X25519. */
export const HYBRID_CLIENT_HELLO_EXTRA = KEY_SHARE_ENTRY_HEADER + HYBRID_CLIENT_SHARE; // 1220
/** Bytes a ServerHello grows by when the server picks the hybrid group instead of X25519. */
export const HYBRID_SERVER_HELLO_EXTRA = HYBRID_SERVER_SHARE - X25519_SHARE; // 1088
