/**
 * SHA-384 (FIPS 180-4 §6.5: SHA-512's computation with other initial values,
 * cut to 48 bytes), in pure TypeScript. TLS_AES_256_GCM_SHA384 (RFC 8446
 * §B.4) runs its key schedule on it. 64-bit words are kept as pairs of
 * 32-bit halves (high, low) so no BigInt is needed.
 */

/** SHA-512's round constants (§4.2.3), as high and low 32-bit halves. */
const K = Uint32Array.of(
  0x428a2f98, 0xd728ae22, 0x71374491, 0x23ef65cd, 0xb5c0fbcf, 0xec4d3b2f, 0xe9b5dba5, 0x8189dbbc, 0x3956c25b, 0xf348b538, 0x59f111f1, 0xb605d019,
  0x923f82a4, 0xaf194f9b, 0xab1c5ed5, 0xda6d8118, 0xd807aa98, 0xa3030242, 0x12835b01, 0x45706fbe, 0x243185be, 0x4ee4b28c, 0x550c7dc3, 0xd5ffb4e2,
  0x72be5d74, 0xf27b896f, 0x80deb1fe, 0x3b1696b1, 0x9bdc06a7, 0x25c71235, 0xc19bf174, 0xcf692694, 0xe49b69c1, 0x9ef14ad2, 0xefbe4786, 0x384f25e3,
  0x0fc19dc6, 0x8b8cd5b5, 0x240ca1cc, 0x77ac9c65, 0x2de92c6f, 0x592b0275, 0x4a7484aa, 0x6ea6e483, 0x5cb0a9dc, 0xbd41fbd4, 0x76f988da, 0x831153b5,
  0x983e5152, 0xee66dfab, 0xa831c66d, 0x2db43210, 0xb00327c8, 0x98fb213f, 0xbf597fc7, 0xbeef0ee4, 0xc6e00bf3, 0x3da88fc2, 0xd5a79147, 0x930aa725,
  0x06ca6351, 0xe003826f, 0x14292967, 0x0a0e6e70, 0x27b70a85, 0x46d22ffc, 0x2e1b2138, 0x5c26c926, 0x4d2c6dfc, 0x5ac42aed, 0x53380d13, 0x9d95b3df,
  0x650a7354, 0x8baf63de, 0x766a0abb, 0x3c77b2a8, 0x81c2c92e, 0x47edaee6, 0x92722c85, 0x1482353b, 0xa2bfe8a1, 0x4cf10364, 0xa81a664b, 0xbc423001,
  0xc24b8b70, 0xd0f89791, 0xc76c51a3, 0x0654be30, 0xd192e819, 0xd6ef5218, 0xd6990624, 0x5565a910, 0xf40e3585, 0x5771202a, 0x106aa070, 0x32bbd1b8,
  0x19a4c116, 0xb8d2d0c8, 0x1e376c08, 0x5141ab53, 0x2748774c, 0xdf8eeb99, 0x34b0bcb5, 0xe19b48a8, 0x391c0cb3, 0xc5c95a63, 0x4ed8aa4a, 0xe3418acb,
  0x5b9cca4f, 0x7763e373, 0x682e6ff3, 0xd6b2b8a3, 0x748f82ee, 0x5defb2fc, 0x78a5636f, 0x43172f60, 0x84c87814, 0xa1f0ab72, 0x8cc70208, 0x1a6439ec,
  0x90befffa, 0x23631e28, 0xa4506ceb, 0xde82bde9, 0xbef9a3f7, 0xb2c67915, 0xc67178f2, 0xe372532b, 0xca273ece, 0xea26619c, 0xd186b8c7, 0x21c0c207,
  0xeada7dd6, 0xcde0eb1e, 0xf57d4f7f, 0xee6ed178, 0x06f067aa, 0x72176fba, 0x0a637dc5, 0xa2c898a6, 0x113f9804, 0xbef90dae, 0x1b710b35, 0x131c471b,
  0x28db77f5, 0x23047d84, 0x32caab7b, 0x40c72493, 0x3c9ebe0a, 0x15c9bebc, 0x431d67c4, 0x9c100d4c, 0x4cc5d4be, 0xcb3e42b6, 0x597f299c, 0xfc657e2a,
  0x5fcb6fab, 0x3ad6faec, 0x6c44198c, 0x4a475817,
);

/** SHA-384's initial hash value (§5.3.4), high and low halves. */
const H0 = Uint32Array.of(
  0xcbbb9d5d, 0xc1059ed8, 0x629a292a, 0x367cd507, 0x9159015a, 0x3070dd17, 0x152fecd8, 0xf70e5939,
  0x67332667, 0xffc00b31, 0x8eb44a87, 0x68581511, 0xdb0c2e0d, 0x64f98fa7, 0x47b5481d, 0xbefa4fa4,
);

/** SHA-384's block length in bytes (HMAC pads its key to it). */
export const SHA384_BLOCK_LENGTH = 128;
/** SHA-384's digest length in bytes. */
export const SHA384_LENGTH = 48;

/** The 48-byte SHA-384 digest of `data`. */
export function sha384(data: Uint8Array): Uint8Array {
  // Padding (§5.1.2): 0x80, zeros, then the length in bits as a 128-bit big-endian number.
  const padded = new Uint8Array(Math.ceil((data.length + 17) / 128) * 128);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = data.length * 8;
  view.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(padded.length - 4, bits >>> 0);

  const h = H0.slice();
  const w = new Uint32Array(160);
  for (let block = 0; block < padded.length; block += 128) {
    for (let t = 0; t < 32; t++) w[t] = view.getUint32(block + t * 4);
    for (let t = 32; t < 160; t += 2) {
      // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16] (§6.4.2), σ0 = ROTR1 ^ ROTR8 ^ SHR7, σ1 = ROTR19 ^ ROTR61 ^ SHR6 (§4.1.3).
      const xh = w[t - 30]!;
      const xl = w[t - 29]!;
      const yh = w[t - 4]!;
      const yl = w[t - 3]!;
      const s0h = rotrHigh(xh, xl, 1) ^ rotrHigh(xh, xl, 8) ^ (xh >>> 7);
      const s0l = rotrLow(xh, xl, 1) ^ rotrLow(xh, xl, 8) ^ ((xl >>> 7) | (xh << 25));
      const s1h = rotrHigh(yh, yl, 19) ^ rotrHigh(yh, yl, 61) ^ (yh >>> 6);
      const s1l = rotrLow(yh, yl, 19) ^ rotrLow(yh, yl, 61) ^ ((yl >>> 6) | (yh << 26));
      const low = (s0l >>> 0) + (s1l >>> 0) + w[t - 13]! + w[t - 31]!;
      w[t] = (s0h >>> 0) + (s1h >>> 0) + w[t - 14]! + w[t - 32]! + Math.floor(low / 0x100000000);
      w[t + 1] = low;
    }
    let [ah, al, bh, bl, ch, cl, dh, dl, eh, el, fh, fl, gh, gl, hh, hl] = [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!, h[8]!, h[9]!, h[10]!, h[11]!, h[12]!, h[13]!, h[14]!, h[15]!];
    for (let t = 0; t < 160; t += 2) {
      // T1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t]; T2 = Σ0(a) + Maj(a, b, c) (§6.4.2, §4.1.3).
      const S1h = rotrHigh(eh, el, 14) ^ rotrHigh(eh, el, 18) ^ rotrHigh(eh, el, 41);
      const S1l = rotrLow(eh, el, 14) ^ rotrLow(eh, el, 18) ^ rotrLow(eh, el, 41);
      const t1low = hl + (S1l >>> 0) + (((el & fl) ^ (~el & gl)) >>> 0) + K[t + 1]! + w[t + 1]!;
      const t1h = (hh + (S1h >>> 0) + (((eh & fh) ^ (~eh & gh)) >>> 0) + K[t]! + w[t]! + Math.floor(t1low / 0x100000000)) >>> 0;
      const t1l = t1low >>> 0;
      const S0h = rotrHigh(ah, al, 28) ^ rotrHigh(ah, al, 34) ^ rotrHigh(ah, al, 39);
      const S0l = rotrLow(ah, al, 28) ^ rotrLow(ah, al, 34) ^ rotrLow(ah, al, 39);
      const t2low = (S0l >>> 0) + (((al & bl) ^ (al & cl) ^ (bl & cl)) >>> 0);
      const t2h = ((S0h >>> 0) + (((ah & bh) ^ (ah & ch) ^ (bh & ch)) >>> 0) + Math.floor(t2low / 0x100000000)) >>> 0;
      const t2l = t2low >>> 0;
      hh = gh;
      hl = gl;
      gh = fh;
      gl = fl;
      fh = eh;
      fl = el;
      const elow = dl + t1l;
      eh = (dh + t1h + Math.floor(elow / 0x100000000)) >>> 0;
      el = elow >>> 0;
      dh = ch;
      dl = cl;
      ch = bh;
      cl = bl;
      bh = ah;
      bl = al;
      const alow = t1l + t2l;
      ah = (t1h + t2h + Math.floor(alow / 0x100000000)) >>> 0;
      al = alow >>> 0;
    }
    const v = [ah, al, bh, bl, ch, cl, dh, dl, eh, el, fh, fl, gh, gl, hh, hl];
    for (let i = 0; i < 16; i += 2) {
      const low = h[i + 1]! + v[i + 1]!;
      h[i] = h[i]! + v[i]! + Math.floor(low / 0x100000000);
      h[i + 1] = low;
    }
  }
  const digest = new Uint8Array(SHA384_LENGTH);
  const out = new DataView(digest.buffer);
  for (let i = 0; i < 12; i++) out.setUint32(i * 4, h[i]!);
  return digest;
}

/** The high half of a 64-bit rotation right by n (0 < n < 64). */
function rotrHigh(h: number, l: number, n: number): number {
  return n < 32 ? (h >>> n) | (l << (32 - n)) : (l >>> (n - 32)) | (h << (64 - n));
}

/** The low half of a 64-bit rotation right by n (0 < n < 64). */
function rotrLow(h: number, l: number, n: number): number {
  return n < 32 ? (l >>> n) | (h << (32 - n)) : (h >>> (n - 32)) | (l << (64 - n));
}
