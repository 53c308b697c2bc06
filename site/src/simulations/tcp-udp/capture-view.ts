/**
 * Reads a capture the way the chapter's tools do: a display filter from a
 * small set (with the meaning Wireshark gives it) picks packets, and each is
 * printed as `tcpdump -nn -S -ttttt -r` would print it. Pure code: the page
 * draws it and the tests compare it with tshark.
 */
import { formatIpv4Address } from "#runtime/wire/address.ts";
import { decodeMessage, typeName } from "#runtime/wire/dns.ts";
import { IP_PROTOCOL, parseIpv4 } from "#runtime/wire/ipv4.ts";
import { parseTcp, type TcpRepr } from "#runtime/wire/tcp.ts";
import { parseUdp } from "#runtime/wire/udp.ts";
import type { CapturedFrame } from "./capture.ts";

export const FILTERS = [
  "",
  "tcp.flags.syn==1",
  "tcp.analysis.retransmission",
  "tcp.flags.reset==1",
  "tcp.analysis.zero_window",
  "tcp.len > 0",
  "dns",
] as const;
export type DisplayFilter = (typeof FILTERS)[number];

/** One decoded packet: its number in the capture (from 1) and its tcpdump line. */
export interface Row {
  readonly number: number;
  readonly line: string;
  readonly tcp: TcpRepr | null;
  readonly tcpLength: number;
  readonly dns: boolean;
  /** Set by the analysis: the segment's bytes were already sent once. */
  retransmission: boolean;
}

/** tcpdump's flag letters, in its order; ACK prints as ".". */
function flagText(f: TcpRepr["flags"]): string {
  return (f.fin ? "F" : "") + (f.syn ? "S" : "") + (f.rst ? "R" : "") + (f.psh ? "P" : "") + (f.ack ? "." : "") + (f.urg ? "U" : "") + (f.ece ? "E" : "") + (f.cwr ? "W" : "");
}

/** -ttttt: time since the first packet, as HH:MM:SS.microseconds. */
export function deltaTime(ns: number): string {
  const us = Math.round(ns / 1000);
  const s = Math.floor(us / 1e6);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${pad(us % 1e6, 6)}`;
}

function tcpLine(t: TcpRepr, payload: Uint8Array): string {
  const f = t.flags;
  let line = `Flags [${flagText(f)}]`;
  if (payload.length > 0 || f.syn || f.fin || f.rst) line += `, seq ${t.seq}${payload.length > 0 ? `:${(t.seq + payload.length) >>> 0}` : ""}`;
  if (f.ack) line += `, ack ${t.ack}`;
  line += `, win ${t.window}`;
  const mss = t.options.find((o) => o.kind === "mss");
  if (mss !== undefined && "value" in mss) line += `, options [mss ${mss.value}]`;
  line += `, length ${payload.length}`;
  const first = new TextDecoder().decode(payload.subarray(0, 64)).split("\r\n")[0] ?? "";
  if ((t.srcPort === 80 || t.dstPort === 80) && /^(GET|POST|HEAD|PUT|DELETE|HTTP\/1\.[01]) /.test(first)) line += `: HTTP: ${first}`;
  return line;
}

function dnsLine(payload: Uint8Array): string {
  const m = decodeMessage(payload);
  const h = m.header;
  const q = m.questions[0];
  if (!h.qr) return `${h.id}${h.rd ? "+" : ""} ${q === undefined ? "" : `${typeName(q.type)}? ${q.name}.`} (${payload.length})`;
  const answers = m.answers.map((a) => (a.data.kind === "A" ? ` A ${a.data.address}` : ` ${typeName(a.type)}`)).join(",");
  const marks = (h.aa ? "*" : "") + (h.ra ? "" : "-");
  return `${h.id}${marks} ${m.answers.length}/${m.authority.length}/${m.additional.length}${answers} (${payload.length})`;
}

/** Decodes every frame into a row, and marks retransmissions as Wireshark's TCP analysis would. */
export function decode(frames: readonly CapturedFrame[]): Row[] {
  const t0 = frames[0]?.timeNs ?? 0;
  const highest = new Map<string, number>();
  return frames.map((frame, i) => {
    const ip = parseIpv4(frame.bytes);
    const { src, dst, protocol } = ip.repr;
    const head = `${deltaTime(frame.timeNs - t0)} IP ${formatIpv4Address(src)}`;
    const to = formatIpv4Address(dst);
    if (protocol === IP_PROTOCOL.TCP) {
      const { repr, payload } = parseTcp(ip.payload, src, dst);
      // A segment that carries data (or SYN/FIN) ending at or before the highest already sent in its direction.
      const key = `${src}:${repr.srcPort}`;
      const length = payload.length + (repr.flags.syn ? 1 : 0) + (repr.flags.fin ? 1 : 0);
      const end = repr.seq + length;
      const seen = highest.get(key);
      const retransmission = length > 0 && seen !== undefined && end <= seen;
      if (length > 0) highest.set(key, Math.max(seen ?? 0, end));
      const line = `${head}.${repr.srcPort} > ${to}.${repr.dstPort}: ${tcpLine(repr, payload)}`;
      return { number: i + 1, line, tcp: repr, tcpLength: payload.length, dns: false, retransmission };
    }
    const udp = parseUdp(ip.payload, src, dst);
    const dns = udp.repr.srcPort === 53 || udp.repr.dstPort === 53;
    const body = dns ? dnsLine(udp.payload) : `UDP, length ${udp.payload.length}`;
    return { number: i + 1, line: `${head}.${udp.repr.srcPort} > ${to}.${udp.repr.dstPort}: ${body}`, tcp: null, tcpLength: 0, dns, retransmission: false };
  });
}

/** True when `row` matches the display filter (Wireshark's meaning of each field). */
export function matches(row: Row, filter: DisplayFilter): boolean {
  const t = row.tcp;
  switch (filter) {
    case "":
      return true;
    case "tcp.flags.syn==1":
      return t?.flags.syn === true;
    case "tcp.flags.reset==1":
      return t?.flags.rst === true;
    case "tcp.analysis.retransmission":
      return row.retransmission;
    case "tcp.analysis.zero_window":
      // Wireshark skips SYN, FIN and RST segments when it flags a zero window.
      return t !== null && t.window === 0 && !t.flags.syn && !t.flags.fin && !t.flags.rst;
    case "tcp.len > 0":
      return row.tcpLength > 0;
    case "dns":
      return row.dns;
  }
}

export function applyFilter(rows: readonly Row[], filter: DisplayFilter): Row[] {
  return rows.filter((row) => matches(row, filter));
}
