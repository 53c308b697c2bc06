/**
 * Public tests for the tls-keys lab: RFC 8448 §3's handshake, one step of
 * the schedule per test, with the RFC's own values (rfc8448.ts). The hidden
 * tests check much more, against an independent schedule on random handshakes.
 */
import { defineTests, fromHex } from "#labs/kit/index.ts";
import { RFC8448_ECDHE, RFC8448_KEYS, RFC8448_MESSAGES, RFC8448_SECRETS, RFC8448_STEPS } from "../rfc8448.ts";
import { SECRET_NAMES, type SecretName } from "../scenarios.ts";
import { checkCalls, checkSchedule } from "./check.ts";
import { RULES } from "./rules.ts";

const ZEROS = "00".repeat(32);
const M = RFC8448_MESSAGES;
const RFC_SECRETS = Object.fromEntries(SECRET_NAMES.map((name) => [name, fromHex(RFC8448_SECRETS[name])])) as Record<SecretName, Uint8Array>;

export default defineTests(({ describe, it }) => {
  describe("RFC 8448 §3, step by step", () => {
    it(
      "HKDF-Extract gives RFC 8448's early secret (no PSK: salt and IKM are 32 zero bytes)",
      { points: 2, rule: RULES.extract, hint: "Extract is one HMAC: hash.hmac(salt, ikm). The salt is the key." },
      (t) => checkCalls(t, [[{ fn: "hkdfExtract", hash: "SHA-256", salt: ZEROS, ikm: ZEROS }, { bytes: fromHex(RFC8448_SECRETS.earlySecret) }]], "RFC 8448 §3, extract secret \"early\""),
    );

    it(
      "Derive-Secret(early secret, \"derived\", no messages) gives RFC 8448's salt for the handshake secret",
      { points: 2, rule: RULES.deriveSecret, hint: "With no messages the context is the hash of the empty string (e3 b0 c4 42 ... for SHA-256), not an empty context." },
      (t) =>
        checkCalls(
          t,
          [[{ fn: "deriveSecret", hash: "SHA-256", secret: RFC8448_SECRETS.earlySecret, label: "derived", messages: [] }, { bytes: fromHex(RFC8448_STEPS.derivedFromEarly) }]],
          "RFC 8448 §3, the salt of extract secret \"handshake\"",
        ),
    );

    it(
      "HKDF-Expand-Label gives RFC 8448's client handshake traffic secret from the handshake secret and the hello hash",
      {
        points: 3,
        rule: RULES.label,
        hint: "The info is 00 20 (length 32, two bytes), 12 (18 bytes of label), \"tls13 c hs traffic\", 20 (32 bytes of context), then the hash. RFC 8448 prints it: 00 20 12 74 6c 73 31 33 20 63 20 68 73 ...",
      },
      (t) =>
        checkCalls(
          t,
          [
            [
              { fn: "hkdfExpandLabel", hash: "SHA-256", secret: RFC8448_SECRETS.handshakeSecret, label: "c hs traffic", context: RFC8448_STEPS.helloHash, length: 32 },
              { bytes: fromHex(RFC8448_SECRETS.clientHandshakeTrafficSecret) },
            ],
          ],
          "RFC 8448 §3, derive secret \"tls13 c hs traffic\"",
        ),
    );

    it(
      "keySchedule gives every secret of RFC 8448's handshake",
      {
        points: 4,
        rule: `${RULES.schedule}. ${RULES.trafficSecrets}. ${RULES.finished}`,
        hint: "Work down RFC 8446 §7.1's diagram. The first wrong secret is reported; each later one depends on it. RFC 8448 prints every intermediate value.",
      },
      (t) =>
        checkSchedule(
          t,
          {
            suite: "TLS_AES_128_GCM_SHA256",
            psk: null,
            ecdhe: RFC8448_ECDHE,
            clientHello: M.clientHello,
            serverHello: M.serverHello,
            serverMessages: [M.encryptedExtensions, M.certificate, M.certificateVerify],
          },
          RFC_SECRETS,
          "RFC 8448 §3",
        ),
    );

    it(
      "trafficKeys gives RFC 8448's server handshake key and IV (TLS_AES_128_GCM_SHA256: 16 and 12 bytes)",
      { points: 2, rule: RULES.keys, hint: "key = HKDF-Expand-Label(secret, \"key\", empty context, 16); iv = HKDF-Expand-Label(secret, \"iv\", empty context, 12)." },
      (t) =>
        checkCalls(
          t,
          [[{ fn: "trafficKeys", suite: "TLS_AES_128_GCM_SHA256", secret: RFC8448_SECRETS.serverHandshakeTrafficSecret }, { key: fromHex(RFC8448_KEYS.serverHandshake.key), iv: fromHex(RFC8448_KEYS.serverHandshake.iv) }]],
          "RFC 8448 §3, derive write traffic keys for handshake data",
        ),
    );

    it(
      "recordNonce XORs the sequence number into the end of the IV: records 0 and 1",
      { points: 2, rule: RULES.nonce, hint: "Record 0's nonce is the IV itself; record 1's differs in the last byte only (30 → 31 here)." },
      (t) =>
        checkCalls(
          t,
          [
            [{ fn: "recordNonce", iv: RFC8448_KEYS.serverHandshake.iv, sequenceNumber: "0" }, { bytes: fromHex(RFC8448_KEYS.serverHandshake.iv) }],
            [{ fn: "recordNonce", iv: RFC8448_KEYS.serverHandshake.iv, sequenceNumber: "1" }, { bytes: fromHex("5d 31 3e b2 67 12 76 ee 13 00 0b 31") }],
          ],
          "RFC 8446 §5.3",
        ),
    );
  });
});
