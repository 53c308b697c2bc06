/**
 * Random handshakes for the property tests (fast-check, seeded from the
 * grading seed): every suite, with and without a PSK, (EC)DHE secrets of the
 * sizes real groups give (X25519 32, P-384 48, X448 56, P-521 66,
 * ffdhe2048 256 bytes) or none (psk_ke), and handshake messages with their
 * real types and lengths around random bodies.
 */
import { fc } from "#labs/kit/property.ts";
import { toHex } from "#labs/kit/hex.ts";
import type { ScheduleInput, SuiteName } from "../scenarios.ts";

const SUITES: readonly SuiteName[] = ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"];

/** A handshake message: type, uint24 length, body (RFC 8446 §4). */
export function message(type: number, body: Uint8Array): string {
  return toHex([type, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff, ...body]);
}

const body = (max: number) => fc.uint8Array({ minLength: 0, maxLength: max });

export const handshakeArbitrary: fc.Arbitrary<ScheduleInput> = fc
  .record({
    suite: fc.constantFrom(...SUITES),
    psk: fc.option(fc.uint8Array({ minLength: 32, maxLength: 48 }), { nil: null }),
    ecdheLength: fc.constantFrom(0, 32, 48, 56, 66, 256),
    ecdheSeed: fc.integer({ min: 0, max: 255 }),
    clientHello: body(300),
    serverHello: body(120),
    encryptedExtensions: body(40),
    certificate: body(600),
    certificateVerify: body(130),
  })
  .map((r) => {
    const psk = r.psk === null ? null : r.psk;
    // Without a PSK there must be an (EC)DHE secret; with one, 0 means psk_ke (no (EC)DHE).
    const ecdheLength = psk === null && r.ecdheLength === 0 ? 32 : r.ecdheLength;
    const ecdhe = ecdheLength === 0 ? null : toHex(Uint8Array.from({ length: ecdheLength }, (_, i) => (r.ecdheSeed * 31 + i * 7) & 0xff));
    return {
      suite: r.suite,
      psk: psk === null ? null : toHex(psk),
      ecdhe,
      clientHello: message(1, r.clientHello),
      serverHello: message(2, r.serverHello),
      serverMessages: psk === null ? [message(8, r.encryptedExtensions), message(11, r.certificate), message(15, r.certificateVerify)] : [message(8, r.encryptedExtensions)],
    };
  });
