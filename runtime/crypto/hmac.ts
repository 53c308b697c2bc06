/**
 * HMAC (RFC 2104, FIPS 198-1) over the runtime's hash functions: the MAC
 * TLS 1.3 builds HKDF (RFC 5869) and its Finished messages (RFC 8446 §4.4.4)
 * on.
 */
import { SHA256_BLOCK_LENGTH, SHA256_LENGTH, sha256 } from "./sha256.ts";
import { SHA384_BLOCK_LENGTH, SHA384_LENGTH, sha384 } from "./sha384.ts";

/** A hash function with what HMAC needs to know about it. */
export interface HashFunction {
  readonly name: "SHA-256" | "SHA-384";
  /** The digest length in bytes (RFC 8446's Hash.length). */
  readonly length: number;
  /** The block length in bytes. */
  readonly blockLength: number;
  readonly digest: (data: Uint8Array) => Uint8Array;
}

export const SHA256: HashFunction = Object.freeze({ name: "SHA-256", length: SHA256_LENGTH, blockLength: SHA256_BLOCK_LENGTH, digest: sha256 });
export const SHA384: HashFunction = Object.freeze({ name: "SHA-384", length: SHA384_LENGTH, blockLength: SHA384_BLOCK_LENGTH, digest: sha384 });

/** HMAC(key, data) = H((K ^ opad) || H((K ^ ipad) || data)), K the key padded (or first hashed) to one block (RFC 2104 §2). */
export function hmac(hash: HashFunction, key: Uint8Array, data: Uint8Array): Uint8Array {
  const block = new Uint8Array(hash.blockLength);
  block.set(key.length > hash.blockLength ? hash.digest(key) : key);
  const inner = new Uint8Array(hash.blockLength + data.length);
  const outer = new Uint8Array(hash.blockLength + hash.length);
  for (let i = 0; i < hash.blockLength; i++) {
    inner[i] = block[i]! ^ 0x36;
    outer[i] = block[i]! ^ 0x5c;
  }
  inner.set(data, hash.blockLength);
  outer.set(hash.digest(inner), hash.blockLength);
  return hash.digest(outer);
}
