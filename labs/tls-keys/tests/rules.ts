/** The rules the tests check, with their sources, shared by the public and hidden tests. */

export const RULES = {
  extract: "RFC 5869 §2.2: HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM): the salt is the HMAC key, the input keying material the message",
  expand:
    "RFC 5869 §2.3: HKDF-Expand(PRK, info, L): T(0) is empty, T(i) = HMAC-Hash(PRK, T(i-1) | info | i) with i one byte from 1, " +
    "the output is the first L bytes of T(1) | T(2) | ...; L may be at most 255 × HashLen",
  label:
    "RFC 8446 §7.1: HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length), HkdfLabel = " +
    "uint16 length (big-endian) | opaque label<7..255> = \"tls13 \" + Label (one length byte, then the bytes) | opaque context<0..255> (one length byte, then the bytes)",
  deriveSecret:
    "RFC 8446 §7.1: Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length); " +
    "Transcript-Hash is the hash of the messages concatenated (§4.4.1), so for no messages it is Hash(\"\"), never an empty context",
  schedule:
    "RFC 8446 §7.1: Early Secret = HKDF-Extract(0, PSK); Handshake Secret = HKDF-Extract(Derive-Secret(Early Secret, \"derived\", \"\"), (EC)DHE); " +
    "Master Secret = HKDF-Extract(Derive-Secret(Handshake Secret, \"derived\", \"\"), 0). A missing PSK or (EC)DHE, and each 0, is Hash.length zero bytes",
  trafficSecrets:
    "RFC 8446 §7.1: \"c hs traffic\" and \"s hs traffic\" hash ClientHello...ServerHello; \"c ap traffic\", \"s ap traffic\" and \"exp master\" " +
    "hash ClientHello...server Finished; \"res master\" hashes ClientHello...client Finished",
  finished:
    "RFC 8446 §4.4.4: finished_key = HKDF-Expand-Label(BaseKey, \"finished\", \"\", Hash.length), verify_data = HMAC(finished_key, Transcript-Hash(...)); " +
    "the server's BaseKey is its handshake traffic secret and its transcript ends with the last message before its Finished; the client's ends with the server's Finished. " +
    "A Finished message is type 20, a 3-byte length, verify_data (§4)",
  resumption: "RFC 8446 §4.6.1: the PSK of a ticket = HKDF-Expand-Label(resumption_master_secret, \"resumption\", ticket_nonce, Hash.length)",
  keys:
    "RFC 8446 §7.3: key = HKDF-Expand-Label(Secret, \"key\", \"\", key_length), iv = HKDF-Expand-Label(Secret, \"iv\", \"\", iv_length); " +
    "AES-128-GCM keys are 16 bytes, AES-256-GCM and ChaCha20-Poly1305 keys 32 (RFC 5116 §5, RFC 8439); every iv is 12 bytes (§5.3)",
  nonce:
    "RFC 8446 §5.3: the 64-bit record sequence number, in network byte order, is left-padded with zeros to iv_length and XORed with the IV; " +
    "sequence numbers never wrap (a number past 2^64 − 1 is an error)",
  sequence:
    "RFC 8446 §5.3: each key has its own sequence number, starting at 0 and going up by one per record; it goes back to 0 whenever the key changes",
  keyUpdate:
    "RFC 8446 §7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N, \"traffic upd\", \"\", Hash.length); " +
    "the key and IV are derived again from it (§7.3)",
  inputs: "Lab contract: never change the bytes you are given (the caller still holds them), and keep your own copy of a secret you store",
} as const;
