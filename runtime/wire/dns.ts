/**
 * A small DNS wire-format module: the message layout of RFC 1035 §4.1 (a
 * 12-byte header, then question, answer, authority and additional sections),
 * names as length-prefixed labels (§3.1) with message compression (§4.1.4),
 * and the record types the chapter uses (A, NS, CNAME, SOA, MX, TXT from
 * RFC 1035 §3.3, AAAA from RFC 3596, OPT from RFC 6891). Encoding compresses
 * owner names and the names inside NS, CNAME, MX and SOA data; decoding
 * follows pointers anywhere and refuses loops. Pure code, no DOM.
 *
 * Labels and TXT strings map one byte to one character (U+0000 to U+00FF):
 * a label is any string of octets (RFC 2181 §11), and TextEncoder is no ES2022 API.
 */

import { TYPE, typeName } from "./dns-names.ts";

export { CLASS_IN, formatData, formatRecord, RCODE, rcodeName, TYPE, typeName } from "./dns-names.ts";

/** The header fields of RFC 1035 §4.1.1 (the counts are derived from the sections). */
export interface DnsHeader {
  /** Chosen by the asker and copied into the reply, so replies can be matched to queries. */
  readonly id: number;
  /** false for a query, true for a response. */
  readonly qr: boolean;
  readonly opcode: number;
  /** Authoritative Answer. */
  readonly aa: boolean;
  /** TrunCation: the message was cut to fit the transport. */
  readonly tc: boolean;
  /** Recursion Desired (set by the asker, copied into the response). */
  readonly rd: boolean;
  /** Recursion Available (set by a server that offers recursion). */
  readonly ra: boolean;
  readonly rcode: number;
  /** Authentic Data (RFC 4035 §3.2.3): the resolver validated every record; absent means clear. */
  readonly ad?: boolean;
  /** Checking Disabled (RFC 4035 §3.2.2): the asker will validate itself; absent means clear. */
  readonly cd?: boolean;
}

export interface DnsQuestion {
  readonly name: string;
  readonly type: number;
  readonly class: number;
}

export interface SoaData {
  readonly mname: string;
  readonly rname: string;
  readonly serial: number;
  readonly refresh: number;
  readonly retry: number;
  readonly expire: number;
  /** Since RFC 2308 §4: the TTL for negative answers from this zone. */
  readonly minimum: number;
}

/** Record data by type; unknown types keep their raw bytes. */
export type RData =
  | { readonly kind: "A"; readonly address: string }
  | { readonly kind: "AAAA"; readonly address: string }
  | { readonly kind: "NS"; readonly host: string }
  | { readonly kind: "CNAME"; readonly target: string }
  | { readonly kind: "MX"; readonly preference: number; readonly exchange: string }
  | { readonly kind: "TXT"; readonly strings: readonly string[] }
  | ({ readonly kind: "SOA" } & SoaData)
  | { readonly kind: "raw"; readonly bytes: Uint8Array };

export interface DnsRecord {
  readonly name: string;
  readonly type: number;
  /** The class; for OPT (RFC 6891 §6.1.2) it holds the sender's UDP payload size instead. */
  readonly class: number;
  /** Seconds the record may be cached (unsigned 32-bit, RFC 2181 §8). */
  readonly ttl: number;
  readonly data: RData;
}

export interface DnsMessage {
  readonly header: DnsHeader;
  readonly questions: readonly DnsQuestion[];
  readonly answers: readonly DnsRecord[];
  readonly authority: readonly DnsRecord[];
  readonly additional: readonly DnsRecord[];
}

/** A header with every flag clear, for building messages: `header({ id, rd: true })`. */
export function header(fields: Partial<DnsHeader> & { id: number }): DnsHeader {
  return { qr: false, opcode: 0, aa: false, tc: false, rd: false, ra: false, rcode: 0, ...fields };
}

export class DnsWireError extends Error {
  /** Where in the message the problem was found. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} (at byte ${offset})`);
    this.name = "DnsWireError";
    this.offset = offset;
  }
}

// ---------------------------------------------------------------- encoding

class Writer {
  private bytes = new Uint8Array(512);
  length = 0;
  /** Where each name suffix was written, lower-cased, for compression pointers. */
  private readonly names = new Map<string, number>();

  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    bigger.set(this.bytes);
    this.bytes = bigger;
  }
  u8(value: number): void {
    this.room(1);
    this.bytes[this.length++] = value & 0xff;
  }
  u16(value: number): void {
    this.u8(value >>> 8);
    this.u8(value);
  }
  u32(value: number): void {
    this.u16(value >>> 16);
    this.u16(value & 0xffff);
  }
  raw(data: Uint8Array): void {
    this.room(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }
  setU16(at: number, value: number): void {
    this.bytes[at] = (value >>> 8) & 0xff;
    this.bytes[at + 1] = value & 0xff;
  }
  /** A domain name as labels, ending in a pointer to an earlier copy of its tail when there is one. */
  name(name: string, compress: boolean): void {
    const labels = splitName(name);
    for (let i = 0; i < labels.length; i++) {
      const suffix = labels.slice(i).join(".").toLowerCase();
      const earlier = this.names.get(suffix);
      if (compress && earlier !== undefined) {
        this.u16(0xc000 | earlier);
        return;
      }
      if (this.length < 0x4000) this.names.set(suffix, this.length);
      const label = textBytes(labels[i]!);
      this.u8(label.length);
      this.raw(label);
    }
    this.u8(0);
  }
  done(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** The labels of a name: "www.example.com." and "www.example.com" both give three; "." gives none. */
export function splitName(name: string): string[] {
  const trimmed = name.endsWith(".") ? name.slice(0, -1) : name;
  if (trimmed === "") return [];
  const labels = trimmed.split(".");
  let total = 1;
  for (const label of labels) {
    const length = textBytes(label).length;
    if (length === 0 || length > 63) throw new RangeError(`A label is 1 to 63 bytes (RFC 1035 §2.3.4); "${label}" in "${name}" is ${length}`);
    total += length + 1;
  }
  if (total > 255) throw new RangeError(`A name is at most 255 bytes on the wire (RFC 1035 §2.3.4); "${name}" is ${total}`);
  return labels;
}

function writeRecord(w: Writer, record: DnsRecord, compress: boolean): void {
  w.name(record.name, compress);
  w.u16(record.type);
  w.u16(record.class);
  w.u32(record.ttl >>> 0);
  const lengthAt = w.length;
  w.u16(0);
  const start = w.length;
  const d = record.data;
  switch (d.kind) {
    case "A":
      for (const part of parseIpv4(d.address)) w.u8(part);
      break;
    case "AAAA":
      w.raw(parseIpv6(d.address));
      break;
    case "NS":
      w.name(d.host, compress);
      break;
    case "CNAME":
      w.name(d.target, compress);
      break;
    case "MX":
      w.u16(d.preference);
      w.name(d.exchange, compress);
      break;
    case "TXT":
      for (const text of d.strings) {
        const bytes = textBytes(text);
        if (bytes.length > 255) throw new RangeError("A TXT character-string is at most 255 bytes (RFC 1035 §3.3)");
        w.u8(bytes.length);
        w.raw(bytes);
      }
      break;
    case "SOA":
      w.name(d.mname, compress);
      w.name(d.rname, compress);
      w.u32(d.serial);
      w.u32(d.refresh);
      w.u32(d.retry);
      w.u32(d.expire);
      w.u32(d.minimum);
      break;
    case "raw":
      w.raw(d.bytes);
      break;
  }
  w.setU16(lengthAt, w.length - start);
}

/** Encodes a message (RFC 1035 §4.1). `compress` (default true) uses pointers for repeated names. */
export function encodeMessage(message: DnsMessage, options: { compress?: boolean } = {}): Uint8Array {
  const compress = options.compress ?? true;
  const w = new Writer();
  const h = message.header;
  w.u16(h.id);
  w.u16(
    (h.qr ? 0x8000 : 0) | ((h.opcode & 0xf) << 11) | (h.aa ? 0x0400 : 0) | (h.tc ? 0x0200 : 0) | (h.rd ? 0x0100 : 0) | (h.ra ? 0x0080 : 0) | (h.ad === true ? 0x0020 : 0) | (h.cd === true ? 0x0010 : 0) | (h.rcode & 0xf),
  );
  w.u16(message.questions.length);
  w.u16(message.answers.length);
  w.u16(message.authority.length);
  w.u16(message.additional.length);
  for (const q of message.questions) {
    w.name(q.name, compress);
    w.u16(q.type);
    w.u16(q.class);
  }
  for (const section of [message.answers, message.authority, message.additional]) {
    for (const record of section) writeRecord(w, record, compress);
  }
  return w.done();
}

// ---------------------------------------------------------------- decoding

/** Reads a name at `offset`, following compression pointers; returns it and the offset after it. */
export function readName(bytes: Uint8Array, offset: number): { name: string; next: number } {
  const labels: string[] = [];
  let at = offset;
  let next = -1;
  let jumps = 0;
  let length = 1;
  for (;;) {
    if (at >= bytes.length) throw new DnsWireError("name runs past the end of the message", at);
    const len = bytes[at]!;
    if (len === 0) {
      at += 1;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      if (at + 1 >= bytes.length) throw new DnsWireError("compression pointer cut short", at);
      const target = ((len & 0x3f) << 8) | bytes[at + 1]!;
      if (next < 0) next = at + 2;
      if (++jumps > 64 || target >= bytes.length) throw new DnsWireError("compression pointer loops or points outside the message", at);
      at = target;
      continue;
    }
    if ((len & 0xc0) !== 0) throw new DnsWireError(`label length byte 0x${len.toString(16)} uses reserved bits`, at);
    if (at + 1 + len > bytes.length) throw new DnsWireError("label runs past the end of the message", at);
    labels.push(bytesText(bytes.subarray(at + 1, at + 1 + len)));
    length += len + 1;
    if (length > 255) throw new DnsWireError("name longer than 255 bytes", offset);
    at += 1 + len;
  }
  return { name: labels.length === 0 ? "." : labels.join("."), next: next < 0 ? at : next };
}

class Reader {
  readonly bytes: Uint8Array;
  at = 0;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
  need(n: number, what: string): void {
    if (this.at + n > this.bytes.length) throw new DnsWireError(`message ends inside ${what}`, this.at);
  }
  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.at++]!;
  }
  u16(what: string): number {
    this.need(2, what);
    const value = (this.bytes[this.at]! << 8) | this.bytes[this.at + 1]!;
    this.at += 2;
    return value;
  }
  u32(what: string): number {
    this.need(4, what);
    const value = ((this.bytes[this.at]! << 24) | (this.bytes[this.at + 1]! << 16) | (this.bytes[this.at + 2]! << 8) | this.bytes[this.at + 3]!) >>> 0;
    this.at += 4;
    return value;
  }
  name(): string {
    const { name, next } = readName(this.bytes, this.at);
    this.at = next;
    return name;
  }
}

function readRecord(r: Reader): DnsRecord {
  const name = r.name();
  const type = r.u16("a record's TYPE");
  const cls = r.u16("a record's CLASS");
  const ttl = r.u32("a record's TTL");
  const rdlength = r.u16("a record's RDLENGTH");
  r.need(rdlength, `the RDATA of a ${typeName(type)} record`);
  const end = r.at + rdlength;
  let data: RData;
  switch (type) {
    case TYPE.A:
      if (rdlength !== 4) throw new DnsWireError(`an A record holds 4 bytes, not ${rdlength}`, r.at);
      data = { kind: "A", address: [...r.bytes.subarray(r.at, end)].join(".") };
      break;
    case TYPE.AAAA:
      if (rdlength !== 16) throw new DnsWireError(`an AAAA record holds 16 bytes, not ${rdlength}`, r.at);
      data = { kind: "AAAA", address: formatIpv6(r.bytes.subarray(r.at, end)) };
      break;
    case TYPE.NS:
      data = { kind: "NS", host: r.name() };
      break;
    case TYPE.CNAME:
      data = { kind: "CNAME", target: r.name() };
      break;
    case TYPE.MX:
      data = { kind: "MX", preference: r.u16("MX preference"), exchange: r.name() };
      break;
    case TYPE.TXT: {
      const strings: string[] = [];
      while (r.at < end) {
        const len = r.u8("a TXT string");
        r.need(len, "a TXT string");
        strings.push(bytesText(r.bytes.subarray(r.at, r.at + len)));
        r.at += len;
      }
      data = { kind: "TXT", strings };
      break;
    }
    case TYPE.SOA:
      data = {
        kind: "SOA",
        mname: r.name(),
        rname: r.name(),
        serial: r.u32("SOA serial"),
        refresh: r.u32("SOA refresh"),
        retry: r.u32("SOA retry"),
        expire: r.u32("SOA expire"),
        minimum: r.u32("SOA minimum"),
      };
      break;
    default:
      data = { kind: "raw", bytes: r.bytes.slice(r.at, end) };
  }
  if (data.kind !== "raw" && r.at !== end && type !== TYPE.A && type !== TYPE.AAAA) {
    throw new DnsWireError(`${typeName(type)} data does not fill its RDLENGTH of ${rdlength}`, r.at);
  }
  r.at = end;
  return { name, type, class: cls, ttl, data };
}

/** Decodes a whole message; throws {@link DnsWireError} saying where a malformed one goes wrong. */
export function decodeMessage(bytes: Uint8Array): DnsMessage {
  const r = new Reader(bytes);
  const id = r.u16("the header");
  const flags = r.u16("the header");
  const counts = [r.u16("the header"), r.u16("the header"), r.u16("the header"), r.u16("the header")] as const;
  const header: DnsHeader = {
    id,
    qr: (flags & 0x8000) !== 0,
    opcode: (flags >>> 11) & 0xf,
    aa: (flags & 0x0400) !== 0,
    tc: (flags & 0x0200) !== 0,
    rd: (flags & 0x0100) !== 0,
    ra: (flags & 0x0080) !== 0,
    rcode: flags & 0xf,
    // Only when set, so a plain header decodes to the same object it was built from.
    ...((flags & 0x0020) !== 0 ? { ad: true } : {}),
    ...((flags & 0x0010) !== 0 ? { cd: true } : {}),
  };
  const questions: DnsQuestion[] = [];
  for (let i = 0; i < counts[0]; i++) questions.push({ name: r.name(), type: r.u16("a question's QTYPE"), class: r.u16("a question's QCLASS") });
  const sections: DnsRecord[][] = [[], [], []];
  for (let s = 0; s < 3; s++) for (let i = 0; i < counts[s + 1]!; i++) sections[s]!.push(readRecord(r));
  return { header, questions, answers: sections[0]!, authority: sections[1]!, additional: sections[2]! };
}

// ---------------------------------------------------------------- helpers

/** One byte per character; a character above U+00FF is an error (no silent mangling). */
function textBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw new RangeError(`"${text}" holds a character above U+00FF; DNS text here is one byte per character`);
    bytes[i] = code;
  }
  return bytes;
}

function bytesText(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

function parseIpv4(text: string): number[] {
  const parts = text.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new RangeError(`Not an IPv4 address: ${text}`);
  return parts;
}

/** Parses an IPv6 address in text form ("2001:db8::10") into 16 bytes. */
export function parseIpv6(text: string): Uint8Array {
  const [head, tail, ...rest] = text.split("::");
  if (rest.length > 0) throw new RangeError(`Not an IPv6 address: ${text}`);
  const groups = (part: string | undefined) => (part === undefined || part === "" ? [] : part.split(":").map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = groups(tail);
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const all = [...left, ...new Array<number>(fill).fill(0), ...right];
  if (all.length !== 8 || all.some((g) => !(g >= 0 && g <= 0xffff))) throw new RangeError(`Not an IPv6 address: ${text}`);
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    bytes[2 * i] = g >>> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

/** 16 bytes as IPv6 text, with the longest run of zero groups written "::" (RFC 5952). */
export function formatIpv6(bytes: Uint8Array): string {
  const groups = Array.from({ length: 8 }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLength).join(":")}`;
}

/** What the OPT record's TTL field carries (RFC 6891 §6.1.3). */
export interface OptFlags {
  /** The upper 8 bits of the 12-bit RCODE. */
  readonly extendedRcode?: number;
  readonly version?: number;
  /** DO, "DNSSEC answer OK" (RFC 3225 §3), the top bit of the 16-bit flags. */
  readonly dnssecOk?: boolean;
}

/**
 * The OPT pseudo-record of RFC 6891 §6.1.2 advertising `udpSize` bytes: owner
 * the root, CLASS the UDP payload size, TTL = extended RCODE (8 bits),
 * version (8), DO (1) and zero (15), no options.
 */
export function optRecord(udpSize: number, flags: OptFlags = {}): DnsRecord {
  const ttl = (((flags.extendedRcode ?? 0) & 0xff) * 0x1000000 + ((flags.version ?? 0) & 0xff) * 0x10000 + (flags.dnssecOk === true ? 0x8000 : 0)) >>> 0;
  return { name: ".", type: TYPE.OPT, class: udpSize, ttl, data: { kind: "raw", bytes: new Uint8Array(0) } };
}
