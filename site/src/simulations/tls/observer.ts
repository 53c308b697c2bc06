/**
 * What a passive observer on the path sees of one HTTPS request: the fields
 * it can read, the ones it cannot, and the TLS records with the sizes they
 * really have on the wire. The request and response are built as HTTP/1.1
 * text, so the record sizes follow from real lengths:
 *
 * - TLS 1.3 (RFC 8446 §5.2): 5-byte header + plaintext + 1 byte of inner
 *   content type + 16-byte AEAD tag; the outer type of every encrypted record
 *   is application_data (23).
 * - TLS 1.2 with AES-GCM (RFC 5246 §6.2.3.3, RFC 5288): 5-byte header +
 *   8-byte explicit nonce + plaintext + 16-byte tag; the true content type is
 *   in the clear header.
 *
 * A record carries at most 2^14 bytes of plaintext (RFC 8446 §5.1).
 *
 * The browser is a current one: its ClientHello offers TLS 1.3 and 1.2 and
 * carries a hybrid X25519MLKEM768 key share next to X25519's, about 1.7 kB
 * whatever the server then picks; a TLS 1.3 server answers with its own
 * 1,120-byte hybrid share.
 */
import { HYBRID_CLIENT_HELLO_EXTRA, HYBRID_SERVER_HELLO_EXTRA } from "#runtime/wire/tls-key-share.ts";

export const PAGES = {
  home: { path: "/", body: 14_320, label: "the home page" },
  search: { path: "/search?q=knee+surgery+cost", body: 38_950, label: "a search" },
  statement: { path: "/account/statements/2026-10.pdf", body: 182_411, label: "a bank statement" },
} as const;
export type PageId = keyof typeof PAGES;

export interface ObserverOptions {
  readonly page: PageId;
  readonly version: "1.2" | "1.3";
  /** Encrypted Client Hello (RFC 9849): the real SNI travels encrypted; only 1.3. */
  readonly ech: boolean;
}

export interface Field {
  readonly name: string;
  readonly visible: boolean;
  readonly value: string;
}

export interface WireRecord {
  readonly from: "client" | "server";
  /** The content type in the record header, as the observer reads it. */
  readonly outerType: string;
  /** What it really is (hidden from the observer when encrypted). */
  readonly inner: string;
  /** Bytes on the wire, header included. */
  readonly bytes: number;
  readonly encrypted: boolean;
}

export interface ObserverView {
  readonly fields: readonly Field[];
  readonly records: readonly WireRecord[];
  readonly request: string;
  readonly responseBytes: number;
}

/** A browser's ClientHello record: 517 bytes of a classic one plus the hybrid key share entry. */
const CLIENT_HELLO = 517 + HYBRID_CLIENT_HELLO_EXTRA;
const HOST = "shop.example.com";
const PUBLIC_NAME = "cdn-front.example.net";
export const MAX_PLAINTEXT = 16_384;

/** The HTTP/1.1 request the browser sends. */
export function requestText(path: string): string {
  return [
    `GET ${path} HTTP/1.1`,
    `Host: ${HOST}`,
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64) Wirelab/1.0",
    "Accept: text/html,application/pdf,*/*",
    "Cookie: session=3f9a2c71d04e4b6f9e1a0c55b2d8e7aa",
    "",
    "",
  ].join("\r\n");
}

function responseHead(bodyBytes: number): string {
  return ["HTTP/1.1 200 OK", "Content-Type: text/html; charset=utf-8", `Content-Length: ${bodyBytes}`, "Cache-Control: private", "", ""].join("\r\n");
}

/** Bytes on the wire of one record carrying `plaintext` bytes of application data. */
export function recordBytes(plaintext: number, version: "1.2" | "1.3"): number {
  return version === "1.3" ? 5 + plaintext + 1 + 16 : 5 + 8 + plaintext + 16;
}

/** The records carrying `total` bytes of application data. */
function dataRecords(from: "client" | "server", total: number, what: string, version: "1.2" | "1.3"): WireRecord[] {
  const records: WireRecord[] = [];
  for (let left = total, i = 1; left > 0; left -= MAX_PLAINTEXT, i++) {
    const size = Math.min(left, MAX_PLAINTEXT);
    records.push({ from, outerType: "application_data", inner: `${what}${total > MAX_PLAINTEXT ? ` part ${i}` : ""} (${size} B)`, bytes: recordBytes(size, version), encrypted: true });
  }
  return records;
}

export function observe(options: ObserverOptions): ObserverView {
  const { version } = options;
  const ech = options.ech && version === "1.3";
  const page = PAGES[options.page];
  const request = requestText(page.path);
  const head = responseHead(page.body);
  const responseBytes = head.length + page.body;
  const hs = (from: "client" | "server", type: string, inner: string, bytes: number, encrypted: boolean): WireRecord => ({ from, outerType: type, inner, bytes, encrypted });
  const records: WireRecord[] =
    version === "1.3"
      ? [
          hs("client", "handshake", ech ? "ClientHello (outer, with the real one encrypted inside)" : "ClientHello", ech ? CLIENT_HELLO + 230 : CLIENT_HELLO, false),
          hs("server", "handshake", "ServerHello (X25519MLKEM768 key share)", 127 + HYBRID_SERVER_HELLO_EXTRA, false),
          // Middlebox compatibility mode (RFC 8446 Appendix D.4): a dummy record that makes TLS 1.3 look like a resumed TLS 1.2 session.
          hs("server", "change_cipher_spec", "ChangeCipherSpec (compatibility)", 6, false),
          hs("server", "application_data", "EncryptedExtensions, Certificate, CertificateVerify, Finished", 2820, true),
          hs("client", "change_cipher_spec", "ChangeCipherSpec (compatibility)", 6, false),
          hs("client", "application_data", "Finished", 58, true),
          ...dataRecords("client", request.length, "HTTP request", version),
          hs("server", "application_data", "NewSessionTicket", 250, true),
          ...dataRecords("server", responseBytes, "HTTP response", version),
        ]
      : [
          hs("client", "handshake", "ClientHello", CLIENT_HELLO, false),
          hs("server", "handshake", "ServerHello, Certificate, ServerKeyExchange, ServerHelloDone", 2860, false),
          hs("client", "handshake", "ClientKeyExchange", 42, false),
          hs("client", "change_cipher_spec", "ChangeCipherSpec", 6, false),
          hs("client", "handshake", "Finished", 45, true),
          hs("server", "change_cipher_spec", "ChangeCipherSpec", 6, false),
          hs("server", "handshake", "Finished", 45, true),
          ...dataRecords("client", request.length, "HTTP request", version),
          ...dataRecords("server", responseBytes, "HTTP response", version),
        ];
  const hidden = (name: string, value: string): Field => ({ name, visible: false, value });
  const shown = (name: string, value: string): Field => ({ name, visible: true, value });
  const fields: Field[] = [
    shown("IP addresses", "198.51.100.7 → 203.0.113.10"),
    shown("Ports and transport", "TCP 52814 → 443"),
    ech ? shown("Server name (SNI)", `${PUBLIC_NAME} (outer); the real name is encrypted`) : shown("Server name (SNI)", HOST),
    ech ? hidden("ALPN offered", "in the encrypted inner ClientHello (the outer one may repeat it)") : shown("ALPN offered", "h2, http/1.1"),
    version === "1.2" ? shown("ALPN chosen", "http/1.1 (in ServerHello)") : hidden("ALPN chosen", "http/1.1 (in EncryptedExtensions)"),
    shown("TLS version, cipher suite", version === "1.3" ? "TLS 1.3, TLS_AES_128_GCM_SHA256" : "TLS 1.2, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
    version === "1.2" ? shown("Server certificate", `CN=example.com, SAN example.com, *.example.com, issued by Example Issuing CA R3`) : hidden("Server certificate", "inside the encrypted handshake"),
    shown("Record sizes and timing", `request ≈ ${request.length} B, response ≈ ${responseBytes.toLocaleString("en")} B`),
    hidden("Method and path", `GET ${page.path}`),
    hidden("Headers and cookies", "Host, User-Agent, Accept, Cookie: session=…"),
    hidden("Response status and body", `200 OK, ${page.body.toLocaleString("en")} B`),
  ];
  return { fields, records, request, responseBytes };
}
