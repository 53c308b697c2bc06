/**
 * Hidden tests for the tls-keys lab (the score). Fixed vectors come from
 * RFC 5869 and RFC 8448; everything else is computed by the tests' own
 * schedule on @noble/hashes (oracle.ts), never by the reference solution.
 * Property tests draw random handshakes from the grading seed.
 */
import { defineTests, expectBytes, fail, fromHex, toHex, type TestContext } from "#labs/kit/index.ts";
import { checkProperty, showValue } from "#labs/kit/property.ts";
import { TLS13_SUITES } from "#runtime/crypto/tls13-suites.ts";
import { RFC8448_ECDHE, RFC8448_KEYS, RFC8448_MESSAGES, RFC8448_SECRETS, RFC8448_STEPS, RFC8448_TICKET } from "../rfc8448.ts";
import { SECRET_NAMES, type Call, type RecordView, type ScheduleInput, type ScheduleResult, type SecretName, type SuiteName } from "../scenarios.ts";
import { handshakeArbitrary, message } from "./arbitraries.ts";
import { checkCalls, checkSchedule, checkScheduleResult, describeHandshake, runRecord, type Want } from "./check.ts";
import * as oracle from "./oracle.ts";
import { RULES } from "./rules.ts";

const M = RFC8448_MESSAGES;
const RFC_HANDSHAKE: ScheduleInput = {
  suite: "TLS_AES_128_GCM_SHA256",
  psk: null,
  ecdhe: RFC8448_ECDHE,
  clientHello: M.clientHello,
  serverHello: M.serverHello,
  serverMessages: [M.encryptedExtensions, M.certificate, M.certificateVerify],
};
const RFC_SECRETS = Object.fromEntries(SECRET_NAMES.map((name) => [name, fromHex(RFC8448_SECRETS[name])])) as Record<SecretName, Uint8Array>;

/** Bytes 0, 1, 2, ... (times `step`), as hex. */
function counting(length: number, step = 1, start = 0): string {
  return toHex(Uint8Array.from({ length }, (_, i) => (start + i * step) & 0xff));
}

const bytes = (hex: string): Want => ({ bytes: fromHex(hex) });
const RANGE: Want = { rangeError: true };

/** The oracle's answer for a call, or a RangeError where the RFCs forbid it. */
function expected(call: Call): Want {
  const b = fromHex;
  switch (call.fn) {
    case "hkdfExtract":
      return { bytes: oracle.hkdfExtract(call.hash, b(call.salt), b(call.ikm)) };
    case "hkdfExpand": {
      const out = oracle.hkdfExpand(call.hash, b(call.prk), b(call.info), call.length);
      return out === null ? RANGE : { bytes: out };
    }
    case "hkdfExpandLabel": {
      const out = oracle.hkdfExpandLabel(call.hash, b(call.secret), call.label, b(call.context), call.length);
      return out === null ? RANGE : { bytes: out };
    }
    case "deriveSecret":
      return { bytes: oracle.deriveSecret(call.hash, b(call.secret), call.label, call.messages.map(b)) };
    case "resumptionPsk":
      return { bytes: oracle.resumptionPsk(call.hash, b(call.secret), b(call.ticketNonce)) };
    case "trafficKeys": {
      const suite = TLS13_SUITES[call.suite];
      return oracle.trafficKeys(suite.hash.name, b(call.secret), suite.keyLength);
    }
    case "recordNonce": {
      const n = BigInt(call.sequenceNumber);
      return n < 0n || n >= 1n << 64n ? RANGE : { bytes: oracle.recordNonce(b(call.iv), n) };
    }
  }
}

/** Runs the calls and checks each against the oracle. */
async function againstOracle(t: TestContext, calls: readonly Call[], why: string, offset?: number): Promise<void> {
  const cases = calls.map((call) => [call, expected(call)] as const);
  await checkCalls(t, cases, why, offset);
}

function oracleSecrets(input: ScheduleInput): Record<SecretName, Uint8Array> {
  const nullable = (h: string | null) => (h === null ? null : fromHex(h));
  return oracle.keySchedule(TLS13_SUITES[input.suite].hash.name, {
    psk: nullable(input.psk),
    ecdhe: nullable(input.ecdhe),
    clientHello: fromHex(input.clientHello),
    serverHello: fromHex(input.serverHello),
    serverMessages: input.serverMessages.map(fromHex),
  });
}

/** A handshake for `suite` whose messages are counting bytes, with the given PSK and (EC)DHE. */
function handshake(suite: SuiteName, psk: string | null, ecdhe: string | null): ScheduleInput {
  return {
    suite,
    psk,
    ecdhe,
    clientHello: message(1, fromHex(counting(180, 3))),
    serverHello: message(2, fromHex(counting(86, 5, 1))),
    serverMessages: psk === null ? [message(8, fromHex(counting(30, 7))), message(11, fromHex(counting(420, 11))), message(15, fromHex(counting(130, 13)))] : [message(8, fromHex(counting(6, 1)))],
  };
}

/** Checks a RecordKeys run view by view against the oracle's secrets, keys and nonces. */
async function checkRecord(t: TestContext, suite: SuiteName, secret: string, steps: readonly ("nonce" | "update")[], instances = 1): Promise<void> {
  const result = await runRecord(t, { suite, secret, steps, ...(instances > 1 ? { instances } : {}) });
  const s = TLS13_SUITES[suite];
  // The oracle's run: per instance, its secret, keys and sequence number.
  const state = Array.from({ length: instances }, (_, i) => {
    const own = fromHex(secret);
    own[own.length - 1] = (own[own.length - 1]! + i) & 0xff;
    return { secret: own, keys: oracle.trafficKeys(s.hash.name, own, s.keyLength), sequence: 0n, generation: 0 };
  });
  const wanted: (Omit<RecordView, "secret" | "key" | "iv"> & { secret: Uint8Array; key: Uint8Array; iv: Uint8Array; note: string })[] = state.map((st, i) => ({
    instance: i,
    step: "start",
    secret: st.secret,
    key: st.keys.key,
    iv: st.keys.iv,
    note: `instance ${i}, after the constructor`,
  }));
  for (const [n, step] of steps.entries()) {
    for (const [i, st] of state.entries()) {
      if (step === "update") {
        st.secret = oracle.nextTrafficSecret(s.hash.name, st.secret);
        st.keys = oracle.trafficKeys(s.hash.name, st.secret, s.keyLength);
        st.sequence = 0n;
        st.generation++;
        wanted.push({ instance: i, step, secret: st.secret, key: st.keys.key, iv: st.keys.iv, note: `instance ${i}, step ${n + 1} (update): now traffic secret N+${st.generation}` });
      } else {
        const nonce = toHex(oracle.recordNonce(st.keys.iv, st.sequence));
        wanted.push({ instance: i, step, secret: st.secret, key: st.keys.key, iv: st.keys.iv, nonce, note: `instance ${i}, step ${n + 1} (nextNonce): record ${st.sequence} of traffic secret N+${st.generation}` });
        st.sequence++;
      }
    }
  }
  const rule = steps.includes("update") ? `${RULES.keyUpdate}; ${RULES.sequence}` : RULES.sequence;
  for (const [k, want] of wanted.entries()) {
    const got = result.views[k];
    if (got === undefined) fail(`${want.note}: your RecordKeys threw ${result.error ?? "nothing, but stopped"} (${rule}).`);
    t.step(`${want.note}: secret ${got.secret.slice(0, 23)}…, key ${got.key}, iv ${got.iv}${got.nonce === undefined ? "" : `, nonce ${got.nonce}`}`);
    expectBytes(fromHex(got.secret), want.secret, `${want.note}: RecordKeys.secret (${RULES.keyUpdate})`);
    expectBytes(fromHex(got.key), want.key, `${want.note}: RecordKeys.key (${RULES.keys})`);
    expectBytes(fromHex(got.iv), want.iv, `${want.note}: RecordKeys.iv (${RULES.keys})`);
    if (want.nonce !== undefined) expectBytes(fromHex(got.nonce ?? ""), fromHex(want.nonce), `${want.note}: nextNonce() (${RULES.nonce}; ${rule})`);
  }
  if (result.error !== undefined) fail(`RecordKeys threw ${result.error} after every step was right.`);
}

export default defineTests(({ describe, it }) => {
  describe("HKDF (RFC 5869)", () => {
    it(
      "gives RFC 5869's test cases 1 to 3 (SHA-256): PRK and OKM, 42 and 82 bytes, an empty salt and info",
      { points: 3, rule: `${RULES.extract}. ${RULES.expand}`, hint: "Case 2's OKM is 82 bytes: three HMAC blocks, each fed the previous block, the info and the counter byte (1, 2, 3). Case 3 has an empty salt: HMAC pads its key with zeros anyway." },
      (t) =>
        checkCalls(
          t,
          [
            [{ fn: "hkdfExtract", hash: "SHA-256", salt: counting(13), ikm: "0b".repeat(22) }, bytes("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5")],
            [
              { fn: "hkdfExpand", hash: "SHA-256", prk: "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", info: counting(10, 1, 0xf0), length: 42 },
              bytes("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
            ],
            [{ fn: "hkdfExtract", hash: "SHA-256", salt: counting(80, 1, 0x60), ikm: counting(80) }, bytes("06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244")],
            [
              { fn: "hkdfExpand", hash: "SHA-256", prk: "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244", info: counting(80, 1, 0xb0), length: 82 },
              bytes(
                "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87",
              ),
            ],
            [{ fn: "hkdfExtract", hash: "SHA-256", salt: "", ikm: "0b".repeat(22) }, bytes("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04")],
            [
              { fn: "hkdfExpand", hash: "SHA-256", prk: "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04", info: "", length: 42 },
              bytes("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"),
            ],
          ],
          "RFC 5869 appendix A, test cases 1-3",
        ),
    );

    it(
      "expands to every length around the block edges, up to 255 blocks, and refuses one byte more",
      { points: 3, rule: RULES.expand, hint: "Loop while the output is short; cut the last block. 255 × Hash.length bytes is allowed (8160 for SHA-256, 12240 for SHA-384); one more is a RangeError." },
      (t) => {
        const prk256 = counting(32, 9, 1);
        const prk384 = counting(48, 5, 2);
        const info = counting(7, 3);
        return againstOracle(
          t,
          [
            ...[0, 1, 31, 32, 33, 64, 65, 100, 8160, 8161].map((length): Call => ({ fn: "hkdfExpand", hash: "SHA-256", prk: prk256, info, length })),
            ...[1, 47, 48, 49, 97, 12240, 12241].map((length): Call => ({ fn: "hkdfExpand", hash: "SHA-384", prk: prk384, info, length })),
          ],
          "RFC 5869 §2.3",
        );
      },
    );

    it(
      "extracts with SHA-384, with salts and keys longer than a block",
      { points: 2, rule: RULES.extract, hint: "Call hash.hmac(salt, ikm) of the hash you are given: never assume SHA-256 or 32 bytes." },
      (t) =>
        againstOracle(
          t,
          [
            { fn: "hkdfExtract", hash: "SHA-384", salt: "00".repeat(48), ikm: "00".repeat(48) },
            { fn: "hkdfExtract", hash: "SHA-384", salt: counting(200, 7), ikm: counting(5) },
            { fn: "hkdfExtract", hash: "SHA-256", salt: counting(100, 3), ikm: "" },
            { fn: "hkdfExtract", hash: "SHA-384", salt: "", ikm: counting(64) },
          ],
          "RFC 5869 §2.2",
        ),
    );

    it(
      "reads arguments that are views into larger buffers, and changes none of them",
      { points: 2, rule: RULES.inputs, hint: "A Uint8Array may start at a byteOffset of a bigger ArrayBuffer: use the array itself, never its .buffer. Build outputs in new arrays." },
      (t) =>
        againstOracle(
          t,
          [
            { fn: "hkdfExtract", hash: "SHA-256", salt: counting(32, 1, 1), ikm: counting(32, 3) },
            { fn: "hkdfExpand", hash: "SHA-256", prk: counting(32, 5), info: counting(9), length: 70 },
            { fn: "hkdfExpandLabel", hash: "SHA-384", secret: counting(48, 7), label: "c hs traffic", context: counting(48, 2), length: 48 },
            { fn: "deriveSecret", hash: "SHA-256", secret: counting(32, 11), label: "exp master", messages: [counting(20), counting(5, 9)] },
            { fn: "recordNonce", iv: counting(12, 17), sequenceNumber: "258" },
          ],
          "views at byteOffset 3 of larger buffers",
          3,
        ),
    );
  });

  describe("HKDF-Expand-Label (RFC 8446 §7.1)", () => {
    it(
      "encodes HkdfLabel: two length bytes (lengths past 255 too), \"tls13 \" + label with its length byte, the context with its length byte",
      { points: 3, rule: RULES.label, hint: "Length 300 is 01 2c: a uint16, big-endian. The label byte counts \"tls13 \" too. An empty context is still one length byte, 00." },
      (t) => {
        const secret = counting(32, 13, 5);
        return againstOracle(
          t,
          [
            { fn: "hkdfExpandLabel", hash: "SHA-256", secret, label: "key", context: "", length: 16 },
            { fn: "hkdfExpandLabel", hash: "SHA-256", secret, label: "iv", context: "", length: 12 },
            { fn: "hkdfExpandLabel", hash: "SHA-256", secret, label: "finished", context: "", length: 32 },
            { fn: "hkdfExpandLabel", hash: "SHA-256", secret, label: "resumption", context: "00 00", length: 32 },
            { fn: "hkdfExpandLabel", hash: "SHA-256", secret, label: "x", context: counting(1), length: 255 },
            { fn: "hkdfExpandLabel", hash: "SHA-256", secret, label: "exporter", context: counting(32), length: 256 },
            { fn: "hkdfExpandLabel", hash: "SHA-256", secret, label: "some label", context: counting(255, 3), length: 300 },
            { fn: "hkdfExpandLabel", hash: "SHA-384", secret: counting(48), label: "s ap traffic", context: counting(48, 5), length: 1000 },
            { fn: "hkdfExpandLabel", hash: "SHA-256", secret, label: "c e traffic", context: counting(32, 1, 200), length: 0 },
          ],
          "RFC 8446 §7.1",
        );
      },
    );

    it(
      "takes a label of 249 bytes (255 with \"tls13 \") and a context of 255 bytes, and throws a RangeError past either",
      { points: 2, rule: RULES.label, hint: "Check the full label (with \"tls13 \") and the context against 255: a length byte cannot say more, and writing `length & 0xff` silently produces a different HkdfLabel." },
      (t) => {
        const secret = counting(32, 7);
        return againstOracle(
          t,
          [
            { fn: "hkdfExpandLabel", hash: "SHA-256", secret, label: "a".repeat(249), context: "", length: 32 },
            { fn: "hkdfExpandLabel", hash: "SHA-256", secret, label: "a".repeat(250), context: "", length: 32 },
            { fn: "hkdfExpandLabel", hash: "SHA-256", secret, label: "derived", context: counting(255), length: 32 },
            { fn: "hkdfExpandLabel", hash: "SHA-256", secret, label: "derived", context: counting(256), length: 32 },
          ],
          "RFC 8446 §7.1: opaque label<7..255>, opaque context<0..255>",
        );
      },
    );
  });

  describe("Derive-Secret and the transcript (RFC 8446 §7.1, §4.4.1)", () => {
    it(
      "hashes no messages as Hash(\"\"): RFC 8448's two \"derived\" salts, and SHA-384's",
      { points: 2, rule: RULES.deriveSecret, hint: "The context of Derive-Secret(., \"derived\", \"\") is the hash of the empty string (32 or 48 bytes), not an empty context." },
      (t) =>
        checkCalls(
          t,
          [
            [{ fn: "deriveSecret", hash: "SHA-256", secret: RFC8448_SECRETS.earlySecret, label: "derived", messages: [] }, bytes(RFC8448_STEPS.derivedFromEarly)],
            [{ fn: "deriveSecret", hash: "SHA-256", secret: RFC8448_SECRETS.handshakeSecret, label: "derived", messages: [] }, bytes(RFC8448_STEPS.derivedFromHandshake)],
          ],
          "RFC 8448 §3",
        ).then(() => againstOracle(t, [{ fn: "deriveSecret", hash: "SHA-384", secret: counting(48, 3), label: "derived", messages: [] }], "RFC 8446 §7.1")),
    );

    it(
      "hashes the messages concatenated, in order: RFC 8448's transcripts, several messages, empty ones, SHA-384",
      { points: 2, rule: RULES.deriveSecret, hint: "One hash over all the messages joined end to end, in the order given: not the last message alone, not a hash per message." },
      async (t) => {
        await checkCalls(
          t,
          [
            [{ fn: "deriveSecret", hash: "SHA-256", secret: RFC8448_SECRETS.handshakeSecret, label: "s hs traffic", messages: [M.clientHello, M.serverHello] }, bytes(RFC8448_SECRETS.serverHandshakeTrafficSecret)],
            [
              { fn: "deriveSecret", hash: "SHA-256", secret: RFC8448_SECRETS.masterSecret, label: "exp master", messages: [M.clientHello, M.serverHello, M.encryptedExtensions, M.certificate, M.certificateVerify, M.serverFinished] },
              bytes(RFC8448_SECRETS.exporterMasterSecret),
            ],
          ],
          "RFC 8448 §3",
        );
        await againstOracle(
          t,
          [
            { fn: "deriveSecret", hash: "SHA-256", secret: counting(32, 3), label: "c ap traffic", messages: [counting(5), "", counting(7, 2), counting(1)] },
            { fn: "deriveSecret", hash: "SHA-256", secret: counting(32, 3), label: "c ap traffic", messages: [counting(7, 2), counting(5)] },
            { fn: "deriveSecret", hash: "SHA-384", secret: counting(48, 9), label: "res master", messages: [counting(100), counting(200, 3), counting(36, 5)] },
            { fn: "deriveSecret", hash: "SHA-384", secret: counting(48, 9), label: "res master", messages: [""] },
          ],
          "RFC 8446 §7.1",
        );
      },
    );
  });

  describe("the key schedule", () => {
    it(
      "gives every secret of RFC 8448 §3's handshake",
      { points: 3, rule: `${RULES.schedule}. ${RULES.trafficSecrets}. ${RULES.finished}`, hint: "The first wrong secret is named; RFC 8448 prints the inputs and output of every step." },
      (t) => checkSchedule(t, RFC_HANDSHAKE, RFC_SECRETS, "RFC 8448 §3"),
    );

    it(
      "runs the whole schedule on SHA-384 for TLS_AES_256_GCM_SHA384 (48-byte zeros, hashes and secrets)",
      { points: 3, rule: RULES.schedule, hint: "Every \"0\" in the schedule is Hash.length zero bytes: 48 here. Use hash.length, never 32." },
      async (t) => {
        const input = handshake("TLS_AES_256_GCM_SHA384", null, counting(48, 7, 3));
        await checkSchedule(t, input, oracleSecrets(input), "TLS_AES_256_GCM_SHA384, X25519-less P-384 shared secret of 48 bytes");
      },
    );

    it(
      "starts from the PSK when there is one: a resumption with (EC)DHE (psk_dhe_ke), then one without (psk_ke)",
      { points: 3, rule: `${RULES.schedule}. ${RULES.resumption}`, hint: "Early Secret = HKDF-Extract(zeros, PSK): the PSK is the IKM, the salt stays zeros. Without (EC)DHE the handshake secret's IKM is Hash.length zeros." },
      async (t) => {
        const first = oracleSecrets(handshake("TLS_AES_128_GCM_SHA256", null, counting(32, 5)));
        const psk = toHex(oracle.resumptionPsk("SHA-256", first.resumptionMasterSecret, fromHex("00 01")));
        const withDhe = handshake("TLS_AES_128_GCM_SHA256", psk, counting(32, 9, 4));
        await checkSchedule(t, withDhe, oracleSecrets(withDhe), "a resumed handshake: PSK and X25519 (psk_dhe_ke), server messages: EncryptedExtensions only");
        const pskOnly = handshake("TLS_AES_128_GCM_SHA256", psk, null);
        await checkSchedule(t, pskOnly, oracleSecrets(pskOnly), "a resumed handshake without (EC)DHE (psk_ke): ecdhe is null");
      },
    );

    it(
      "takes (EC)DHE secrets of every size: X448 (56 bytes), P-521 (66), ffdhe2048 (256)",
      { points: 2, rule: RULES.schedule, hint: "The (EC)DHE secret is the IKM of HKDF-Extract, whatever its length; only the zeros that stand for a missing one are Hash.length long." },
      async (t) => {
        for (const [length, suite] of [[56, "TLS_CHACHA20_POLY1305_SHA256"], [66, "TLS_AES_256_GCM_SHA384"], [256, "TLS_AES_128_GCM_SHA256"]] as const) {
          const input = handshake(suite, null, counting(length, 3, length));
          await checkSchedule(t, input, oracleSecrets(input), `${suite} with a ${length}-byte (EC)DHE secret`);
        }
      },
    );

    it(
      "matches an independent schedule (@noble/hashes) on random handshakes: every suite, with and without PSK and (EC)DHE",
      { points: 4, rule: `${RULES.schedule}. ${RULES.trafficSecrets}. ${RULES.finished}`, hint: "The failing handshake is printed: feed it to your keySchedule locally and compare step by step with the rules." },
      (t) =>
        checkProperty(t, { arbitrary: handshakeArbitrary, runs: 25, show: (input) => `${describeHandshake(input)}\n${showValue(input)}` }, async (input) => {
          const result = await t.run<ScheduleResult>("schedule", input);
          checkScheduleResult(result, oracleSecrets(input), `a random ${input.suite} handshake`);
        }),
    );

    it(
      "gives RFC 8448's resumption PSK for ticket_nonce 00 00, and the PSK of other nonces and of SHA-384",
      { points: 2, rule: RULES.resumption, hint: "The ticket nonce is the context of HKDF-Expand-Label(resumption_master_secret, \"resumption\", ticket_nonce, Hash.length)." },
      async (t) => {
        await checkCalls(t, [[{ fn: "resumptionPsk", hash: "SHA-256", secret: RFC8448_SECRETS.resumptionMasterSecret, ticketNonce: RFC8448_TICKET.nonce }, bytes(RFC8448_TICKET.psk)]], "RFC 8448 §3 (NewSessionTicket) and §4 (the PSK it resumes with)");
        await againstOracle(
          t,
          [
            { fn: "resumptionPsk", hash: "SHA-256", secret: counting(32, 3), ticketNonce: "" },
            { fn: "resumptionPsk", hash: "SHA-256", secret: counting(32, 3), ticketNonce: counting(8, 1, 1) },
            { fn: "resumptionPsk", hash: "SHA-384", secret: counting(48, 5), ticketNonce: "00 00 00 01" },
          ],
          "RFC 8446 §4.6.1",
        );
      },
    );
  });

  describe("traffic keys and nonces (RFC 8446 §7.3, §5.3)", () => {
    it(
      "gives RFC 8448's four keys and IVs (handshake and application, client and server)",
      { points: 2, rule: RULES.keys, hint: "Each direction and phase has its own traffic secret; the key and IV come from it with the labels \"key\" and \"iv\" and an empty context." },
      (t) =>
        checkCalls(
          t,
          (
            [
              ["serverHandshakeTrafficSecret", "serverHandshake"],
              ["clientHandshakeTrafficSecret", "clientHandshake"],
              ["serverApplicationTrafficSecret", "serverApplication"],
              ["clientApplicationTrafficSecret", "clientApplication"],
            ] as const
          ).map(([secret, keys]): readonly [Call, Want] => [
            { fn: "trafficKeys", suite: "TLS_AES_128_GCM_SHA256", secret: RFC8448_SECRETS[secret] },
            { key: fromHex(RFC8448_KEYS[keys].key), iv: fromHex(RFC8448_KEYS[keys].iv) },
          ]),
          "RFC 8448 §3",
        ),
    );

    it(
      "uses each suite's key length: 32-byte keys for AES-256-GCM (on SHA-384) and ChaCha20-Poly1305, 12-byte IVs for all",
      { points: 2, rule: RULES.keys, hint: "Look the key length up from the suite: 16 for TLS_AES_128_GCM_SHA256, 32 for the other two. The IV is 12 bytes for every suite." },
      (t) =>
        againstOracle(
          t,
          [
            { fn: "trafficKeys", suite: "TLS_AES_256_GCM_SHA384", secret: counting(48, 3) },
            { fn: "trafficKeys", suite: "TLS_CHACHA20_POLY1305_SHA256", secret: counting(32, 5) },
            { fn: "trafficKeys", suite: "TLS_AES_128_GCM_SHA256", secret: counting(32, 5) },
          ],
          "RFC 8446 §7.3",
        ),
    );

    it(
      "left-pads the 64-bit sequence number to the IV's length: numbers at every byte edge up to 2^64 − 1",
      { points: 3, rule: RULES.nonce, hint: "Write the sequence number as 8 big-endian bytes at the END of the IV (bytes 4 to 11 of 12) and XOR. Numbers past 2^32 need BigInt (or two halves), not 32-bit operators." },
      (t) =>
        againstOracle(
          t,
          ["0", "1", "255", "256", "65535", "16777216", "4294967295", "4294967296", "1099511627776", "72057594037927937", "18446744073709551615"].map(
            (sequenceNumber): Call => ({ fn: "recordNonce", iv: RFC8448_KEYS.clientApplication.iv, sequenceNumber }),
          ),
          "RFC 8446 §5.3",
        ),
    );

    it(
      "pads to the IV's own length (8, 16 and 24 bytes, not only 12) and leaves the IV unchanged",
      { points: 2, rule: RULES.nonce, hint: "iv_length is max(8, the AEAD's minimum nonce length): count from the end of the IV, not from a fixed offset 4. XOR into a copy." },
      (t) =>
        againstOracle(
          t,
          [
            { fn: "recordNonce", iv: counting(8, 29, 3), sequenceNumber: "72623859790382856" },
            { fn: "recordNonce", iv: counting(16, 31, 7), sequenceNumber: "4294967297" },
            { fn: "recordNonce", iv: counting(24, 37, 9), sequenceNumber: "18446744073709551615" },
            { fn: "recordNonce", iv: "ff".repeat(12), sequenceNumber: "1311768467463790320" },
          ],
          "RFC 8446 §5.3",
        ),
    );

    it(
      "throws a RangeError for sequence numbers outside 0 to 2^64 − 1",
      { points: 2, rule: RULES.nonce, hint: "A sequence number never wraps: 2^64 and -1 cannot name a record (RFC 8446 §5.3 requires a new key or the end of the connection first)." },
      (t) => againstOracle(t, ["18446744073709551616", "-1", "36893488147419103232"].map((sequenceNumber): Call => ({ fn: "recordNonce", iv: RFC8448_KEYS.serverApplication.iv, sequenceNumber })), "RFC 8446 §5.3"),
    );
  });

  describe("RecordKeys: sequence numbers and KeyUpdate (RFC 8446 §5.3, §7.2)", () => {
    it(
      "numbers records 0, 1, 2, ... from RFC 8448's server application secret, with its key and IV",
      { points: 3, rule: RULES.sequence, hint: "The first record uses sequence number 0 (the nonce is the IV); count up by one per nextNonce()." },
      (t) => checkRecord(t, "TLS_AES_128_GCM_SHA256", RFC8448_SECRETS.serverApplicationTrafficSecret, ["nonce", "nonce", "nonce", "nonce", "nonce"]),
    );

    it(
      "moves to the next traffic secret on update(), with a new key and IV, and numbers records from 0 again",
      { points: 3, rule: `${RULES.keyUpdate}. ${RULES.sequence}`, hint: "update(): secret = HKDF-Expand-Label(secret, \"traffic upd\", \"\", Hash.length); derive key and IV again; sequence number back to 0." },
      async (t) => {
        await checkRecord(t, "TLS_AES_128_GCM_SHA256", RFC8448_SECRETS.clientApplicationTrafficSecret, ["nonce", "nonce", "update", "nonce", "nonce", "update", "update", "nonce"]);
        await checkRecord(t, "TLS_AES_256_GCM_SHA384", counting(48, 3, 1), ["nonce", "update", "nonce", "nonce"]);
        await checkRecord(t, "TLS_CHACHA20_POLY1305_SHA256", counting(32, 7, 1), ["update", "nonce"]);
      },
    );

    it(
      "keeps each RecordKeys' own secret and count: two at once, and a caller that wipes its secret after the constructor",
      { points: 2, rule: `${RULES.sequence}. ${RULES.inputs}`, hint: "Keep the sequence number and a copy of the secret in the instance (this.#...), not in module variables and not in the caller's array." },
      (t) => checkRecord(t, "TLS_AES_128_GCM_SHA256", counting(32, 9, 2), ["nonce", "nonce", "update", "nonce"], 2),
    );
  });
});


