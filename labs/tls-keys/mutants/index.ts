/**
 * Hand-written mutants of the tls-keys lab: classic learner bugs, each a
 * small edit of solution.ts (labs/kit/mutant-edits.ts). Every one must fail
 * a hidden test (test/labs/prove-labs.test.ts). Generated mutants: `npm run mutation`.
 */
import { defineMutants } from "#labs/kit/mutant-edits.ts";

const LABEL_INFO = "concat([Uint8Array.of(length >> 8, length & 0xff, fullLabel.length), fullLabel, Uint8Array.of(context.length), context])";
const NONCE_LOOP = "for (let i = 0; i < 8; i++) nonce[nonce.length - 1 - i] ^= Number((sequenceNumber >> BigInt(8 * i)) & 0xffn);";

export default defineMutants({
  // HKDF (RFC 5869)
  "extract-arguments-swapped": {
    bug: "Calls HMAC with the input keying material as the key and the salt as the message: HKDF-Extract's salt is the HMAC key.",
    edits: [["return hash.hmac(salt, ikm);", "return hash.hmac(ikm, salt);"]],
  },
  "expand-counter-from-zero": {
    bug: "Starts HKDF-Expand's block counter at 0 instead of 1.",
    edits: [["Uint8Array.of(i)]));", "Uint8Array.of(i - 1)]));"]],
  },
  "expand-not-chained": {
    bug: "Computes every HKDF-Expand block as HMAC(PRK, info | i), forgetting to feed in the previous block T(i-1): the first block is right, longer outputs are not.",
    edits: [["hash.hmac(prk, concat([t, info, Uint8Array.of(i)]))", "hash.hmac(prk, concat([info, Uint8Array.of(i)]))"]],
  },
  "expand-one-block-only": {
    bug: "Returns one HMAC block cut or padded to the length: fine for 32-byte secrets, wrong for anything longer than Hash.length.",
    edits: [["for (let i = 1, at = 0; at < length; i++, at += t.length)", "for (let i = 1, at = 0; i === 1 && at < length; i++, at += t.length)"]],
  },
  "expand-no-length-limit": {
    bug: "Never refuses a length above 255 × Hash.length: the one-byte counter wraps and the output repeats blocks it should not have made.",
    edits: [["  if (length > 255 * hash.length) throw new RangeError(`HKDF-Expand gives at most 255 × ${hash.length} bytes, not ${length} (RFC 5869 §2.3)`);\n", ""]],
  },
  "expand-limit-off-by-one": {
    bug: "Refuses exactly 255 × Hash.length bytes, which RFC 5869 allows.",
    edits: [["if (length > 255 * hash.length)", "if (length >= 255 * hash.length)"]],
  },
  // HKDF-Expand-Label (RFC 8446 §7.1)
  "label-without-tls13-prefix": {
    bug: "Uses the bare label (\"c hs traffic\") instead of \"tls13 \" + label in HkdfLabel.",
    edits: [["utf8.encode(`tls13 ${label}`)", "utf8.encode(label)"]],
  },
  "label-old-draft-prefix": {
    bug: "Uses the prefix of the TLS 1.3 drafts, \"TLS 1.3, \", instead of the RFC's \"tls13 \".",
    edits: [["utf8.encode(`tls13 ${label}`)", "utf8.encode(`TLS 1.3, ${label}`)"]],
  },
  "length-as-uint8": {
    bug: "Encodes HkdfLabel.length in one byte: right for every length the schedule itself uses (up to 255), wrong from 256.",
    edits: [[LABEL_INFO, "concat([Uint8Array.of(length & 0xff, fullLabel.length), fullLabel, Uint8Array.of(context.length), context])"]],
  },
  "length-little-endian": {
    bug: "Writes HkdfLabel.length little-endian (low byte first): 32 becomes 20 00.",
    edits: [["Uint8Array.of(length >> 8, length & 0xff, fullLabel.length)", "Uint8Array.of(length & 0xff, length >> 8, fullLabel.length)"]],
  },
  "label-length-without-prefix": {
    bug: "Writes the label's length byte for the bare label, not counting the 6 bytes of \"tls13 \".",
    edits: [["Uint8Array.of(length >> 8, length & 0xff, fullLabel.length)", "Uint8Array.of(length >> 8, length & 0xff, fullLabel.length - 6)"]],
  },
  "context-without-length": {
    bug: "Appends the context without its length byte.",
    edits: [["fullLabel, Uint8Array.of(context.length), context]", "fullLabel, context]"]],
  },
  "no-context-limit": {
    bug: "Never refuses a context longer than 255 bytes, so its length byte silently wraps.",
    edits: [["  if (context.length > 255) throw new RangeError(`the context is ${context.length} bytes; HkdfLabel holds at most 255`);\n", ""]],
  },
  "label-limit-without-prefix": {
    bug: "Checks the bare label against 255 bytes, forgetting the 6 bytes of \"tls13 \": a 250-byte label slips through with a wrapped length byte.",
    edits: [["if (fullLabel.length > 255)", "if (fullLabel.length - 6 > 255)"]],
  },
  // Derive-Secret and the transcript
  "derived-with-empty-context": {
    bug: "Uses an empty context for Derive-Secret with no messages (\"derived\"), instead of the hash of the empty string.",
    edits: [["hkdfExpandLabel(hash, secret, label, hash.digest(concat(messages)), hash.length)", "hkdfExpandLabel(hash, secret, label, messages.length === 0 ? NOTHING : hash.digest(concat(messages)), hash.length)"]],
  },
  "transcript-last-message-only": {
    bug: "Hashes only the last message instead of the whole transcript.",
    edits: [["hash.digest(concat(messages)), hash.length)", "hash.digest(messages.length === 0 ? NOTHING : messages[messages.length - 1]!), hash.length)"]],
  },
  "transcript-reversed": {
    bug: "Concatenates the transcript newest message first.",
    edits: [["hash.digest(concat(messages)), hash.length)", "hash.digest(concat([...messages].reverse())), hash.length)"]],
  },
  "hello-hash-client-hello-only": {
    bug: "Derives the handshake traffic secrets over the ClientHello alone (the ServerHello is where the secret is agreed: it belongs in the transcript).",
    edits: [["const hellos = [handshake.clientHello, handshake.serverHello];", "const hellos = [handshake.clientHello];\n  const serverHellos = [handshake.clientHello, handshake.serverHello];"], ["const serverFlight = [...hellos, ...handshake.serverMessages];", "const serverFlight = [...serverHellos, ...handshake.serverMessages];"]],
  },
  // The schedule
  "early-ikm-empty": {
    bug: "Uses an empty IKM instead of Hash.length zero bytes when there is no PSK (HMAC pads keys with zeros, but not messages).",
    edits: [["hkdfExtract(hash, zeros, handshake.psk ?? zeros)", "hkdfExtract(hash, zeros, handshake.psk ?? NOTHING)"]],
  },
  "zeros-always-32": {
    bug: "Makes the schedule's zero strings 32 bytes, as for SHA-256, whatever the hash: SHA-384 suites need 48.",
    edits: [["const zeros = new Uint8Array(hash.length);", "const zeros = new Uint8Array(32);"]],
  },
  "psk-as-salt": {
    bug: "Puts the PSK in the salt and the zeros in the IKM of the early secret.",
    edits: [["hkdfExtract(hash, zeros, handshake.psk ?? zeros)", "hkdfExtract(hash, handshake.psk ?? zeros, zeros)"]],
  },
  "handshake-salt-is-early-secret": {
    bug: "Uses the early secret itself as the salt of the handshake secret, skipping Derive-Secret(., \"derived\", \"\").",
    edits: [["hkdfExtract(hash, deriveSecret(hash, earlySecret, \"derived\", []), handshake.ecdhe ?? zeros)", "hkdfExtract(hash, earlySecret, handshake.ecdhe ?? zeros)"]],
  },
  "psk-ke-empty-ikm": {
    bug: "Without (EC)DHE (psk_ke), extracts the handshake secret from an empty IKM instead of Hash.length zeros.",
    edits: [["handshake.ecdhe ?? zeros)", "handshake.ecdhe ?? NOTHING)"]],
  },
  "master-ikm-is-ecdhe": {
    bug: "Extracts the master secret from the (EC)DHE secret again instead of Hash.length zeros.",
    edits: [["const masterSecret = hkdfExtract(hash, deriveSecret(hash, handshakeSecret, \"derived\", []), zeros);", "const masterSecret = hkdfExtract(hash, deriveSecret(hash, handshakeSecret, \"derived\", []), handshake.ecdhe ?? zeros);"]],
  },
  "master-salt-from-early": {
    bug: "Derives the master secret's salt from the early secret instead of the handshake secret.",
    edits: [["deriveSecret(hash, handshakeSecret, \"derived\", []), zeros)", "deriveSecret(hash, earlySecret, \"derived\", []), zeros)"]],
  },
  "client-server-labels-swapped": {
    bug: "Swaps \"c hs traffic\" and \"s hs traffic\".",
    edits: [["\"c hs traffic\", hellos", "\"s hs traffic\", hellos"], ["\"s hs traffic\", hellos);\n  const serverFlight", "\"c hs traffic\", hellos);\n  const serverFlight"]],
  },
  "application-transcript-without-server-finished": {
    bug: "Derives the application traffic secrets over the transcript up to CertificateVerify, leaving out the server's Finished.",
    edits: [["deriveSecret(hash, masterSecret, \"c ap traffic\", throughServerFinished)", "deriveSecret(hash, masterSecret, \"c ap traffic\", serverFlight)"], ["deriveSecret(hash, masterSecret, \"s ap traffic\", throughServerFinished)", "deriveSecret(hash, masterSecret, \"s ap traffic\", serverFlight)"]],
  },
  "exporter-transcript-with-client-finished": {
    bug: "Derives the exporter master secret over the transcript through the client's Finished, like the resumption secret.",
    edits: [["deriveSecret(hash, masterSecret, \"exp master\", throughServerFinished)", "deriveSecret(hash, masterSecret, \"exp master\", [...throughServerFinished, finishedMessage(clientFinished)])"]],
  },
  "resumption-transcript-without-client-finished": {
    bug: "Derives the resumption master secret over the transcript through the server's Finished only.",
    edits: [["\"res master\", [...throughServerFinished, finishedMessage(clientFinished)])", "\"res master\", throughServerFinished)"]],
  },
  "server-finished-over-hellos-only": {
    bug: "Computes the server's Finished over ClientHello and ServerHello only, not over EncryptedExtensions, Certificate and CertificateVerify too.",
    edits: [["finishedVerifyData(hash, serverHandshakeTrafficSecret, serverFlight)", "finishedVerifyData(hash, serverHandshakeTrafficSecret, hellos)"]],
  },
  "finished-key-is-traffic-secret": {
    bug: "Uses the handshake traffic secret itself as the HMAC key of Finished, skipping finished_key = HKDF-Expand-Label(., \"finished\", \"\", Hash.length).",
    edits: [["return hash.hmac(finishedKey, hash.digest(concat(messages)));", "return hash.hmac(baseKey, hash.digest(concat(messages)));"]],
  },
  "finished-message-without-header": {
    bug: "Adds the bare verify_data to the transcript instead of the whole Finished message (type 20 and a 3-byte length first).",
    edits: [["return concat([Uint8Array.of(FINISHED, 0, 0, verifyData.length), verifyData]);", "return verifyData;"]],
  },
  "client-finished-with-server-key": {
    bug: "Computes the client's Finished with the server's handshake traffic secret.",
    edits: [["finishedVerifyData(hash, clientHandshakeTrafficSecret, throughServerFinished)", "finishedVerifyData(hash, serverHandshakeTrafficSecret, throughServerFinished)"]],
  },
  "client-finished-without-server-finished": {
    bug: "Computes the client's Finished over the same transcript as the server's (through CertificateVerify), leaving out the server's Finished.",
    edits: [["finishedVerifyData(hash, clientHandshakeTrafficSecret, throughServerFinished)", "finishedVerifyData(hash, clientHandshakeTrafficSecret, serverFlight)"]],
  },
  "finished-length-always-32": {
    bug: "Writes 32 as the length of every Finished message, as for SHA-256: with SHA-384 the 48-byte verify_data is framed wrongly and every later transcript differs.",
    edits: [["Uint8Array.of(FINISHED, 0, 0, verifyData.length)", "Uint8Array.of(FINISHED, 0, 0, 32)"]],
  },
  "derived-context-hash-of-zeros": {
    bug: "Hashes Hash.length zero bytes for Derive-Secret(., \"derived\", \"\") instead of the empty string.",
    edits: [["hkdfExpandLabel(hash, secret, label, hash.digest(concat(messages)), hash.length)", "hkdfExpandLabel(hash, secret, label, hash.digest(messages.length === 0 ? new Uint8Array(hash.length) : concat(messages)), hash.length)"]],
  },
  "application-secrets-from-handshake-secret": {
    bug: "Derives the application traffic secrets from the handshake secret instead of the master secret.",
    edits: [["deriveSecret(hash, masterSecret, \"c ap traffic\"", "deriveSecret(hash, handshakeSecret, \"c ap traffic\""], ["deriveSecret(hash, masterSecret, \"s ap traffic\"", "deriveSecret(hash, handshakeSecret, \"s ap traffic\""]],
  },
  "resumption-label": {
    bug: "Derives the ticket's PSK with the label \"res master\" (the secret's own label) instead of \"resumption\".",
    edits: [["\"resumption\", ticketNonce", "\"res master\", ticketNonce"]],
  },
  // Traffic keys and nonces
  "key-length-always-16": {
    bug: "Makes every key 16 bytes, as for AES-128-GCM: AES-256-GCM and ChaCha20-Poly1305 need 32.",
    edits: [["TLS_AES_256_GCM_SHA384: 32, TLS_CHACHA20_POLY1305_SHA256: 32", "TLS_AES_256_GCM_SHA384: 16, TLS_CHACHA20_POLY1305_SHA256: 16"]],
  },
  "chacha-key-16": {
    bug: "Gives ChaCha20-Poly1305 a 16-byte key (it has only a 256-bit key).",
    edits: [["TLS_CHACHA20_POLY1305_SHA256: 32 }", "TLS_CHACHA20_POLY1305_SHA256: 16 }"]],
  },
  "iv-length-of-key": {
    bug: "Derives the IV with the key's length instead of 12 bytes.",
    edits: [["hkdfExpandLabel(hash, secret, \"iv\", NOTHING, IV_LENGTH)", "hkdfExpandLabel(hash, secret, \"iv\", NOTHING, KEY_LENGTH[suite])"]],
  },
  "nonce-left-aligned": {
    bug: "XORs the sequence number into the first 8 bytes of the IV instead of the last 8 (it is left-padded, so it sits at the end).",
    edits: [[NONCE_LOOP, "for (let i = 0; i < 8; i++) nonce[7 - i] ^= Number((sequenceNumber >> BigInt(8 * i)) & 0xffn);"]],
  },
  "nonce-fixed-offset-for-12": {
    bug: "Writes the sequence number at bytes 4 to 11, right for a 12-byte IV only.",
    edits: [[NONCE_LOOP, "for (let i = 0; i < 8; i++) nonce[11 - i] ^= Number((sequenceNumber >> BigInt(8 * i)) & 0xffn);"]],
  },
  "nonce-little-endian": {
    bug: "Writes the sequence number little-endian (low byte first).",
    edits: [[NONCE_LOOP, "for (let i = 0; i < 8; i++) nonce[nonce.length - 8 + i] ^= Number((sequenceNumber >> BigInt(8 * i)) & 0xffn);"]],
  },
  "nonce-32-bit": {
    bug: "Uses only the low 32 bits of the sequence number (32-bit bitwise operators).",
    edits: [[NONCE_LOOP, "for (let i = 0; i < 4; i++) nonce[nonce.length - 1 - i] ^= Number((sequenceNumber >> BigInt(8 * i)) & 0xffn);"]],
  },
  "nonce-in-place": {
    bug: "XORs into the IV itself instead of a copy: the IV changes with every record, so later nonces are wrong.",
    edits: [["const nonce = iv.slice();", "const nonce = iv;"]],
  },
  "nonce-no-range-check": {
    bug: "Accepts sequence numbers of 2^64 and more (and negative ones) instead of refusing them.",
    edits: [["  if (sequenceNumber < 0n || sequenceNumber >= 1n << 64n) throw new RangeError(`a sequence number is 64 bits: ${sequenceNumber} is out of range (RFC 8446 §5.3)`);\n", ""]],
  },
  // RecordKeys
  "sequence-starts-at-one": {
    bug: "Numbers the first record 1 instead of 0.",
    edits: [["#sequenceNumber = 0n;\n\n", "#sequenceNumber = 1n;\n\n"]],
  },
  "sequence-not-reset-on-update": {
    bug: "Keeps counting records across a KeyUpdate instead of starting the new key at sequence number 0.",
    edits: [["    this.#sequenceNumber = 0n;\n  }", "  }"]],
  },
  "update-label": {
    bug: "Derives the next traffic secret with the label \"traffic update\" instead of \"traffic upd\".",
    edits: [["\"traffic upd\"", "\"traffic update\""]],
  },
  "update-keeps-keys": {
    bug: "Moves to the next traffic secret on update() but keeps the old key and IV.",
    edits: [["    this.#keys = trafficKeys(this.#hash, this.#secret, this.#suite);\n    this.#sequenceNumber = 0n;", "    this.#sequenceNumber = 0n;"]],
  },
  "secret-not-copied": {
    bug: "Keeps the caller's array as its secret instead of a copy: when the caller wipes it, KeyUpdate derives from zeros.",
    edits: [["this.#secret = secret.slice();", "this.#secret = secret;"]],
  },
});
