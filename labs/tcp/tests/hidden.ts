/**
 * Hidden tests for the tcp lab (the score). Scripts drive one connection
 * through every state with expected segments worked out from RFC 9293 and
 * RFC 5961 (each step says why); recorded Linux traces are replayed with the
 * learner in Linux's place; property tests run two of the learner's
 * connections against each other over the runtime's lossy link.
 */
import { parseIpv4Address } from "#runtime/wire/address.ts";
import { internetChecksum, pseudoHeaderSum } from "#runtime/wire/checksum.ts";
import { IP_PROTOCOL } from "#runtime/wire/ipv4.ts";
import { defineTests, fromHex, toHex } from "#labs/kit/index.ts";
import type { ConfigSpec } from "../scenarios.ts";
import { arrives, config, peer, runScript, type PeerSegment, type ScriptStep } from "./check.ts";
import { checkPairs } from "./pair.ts";
import { RULES } from "./rules.ts";
import { ABC, HELLO, linux, read32, replay, TRACES, traceConfig, WORLD } from "./traces.ts";

/** The peer's initial sequence number in the scripts. */
const P = 5000;
/** An initial sequence number 1024 below 2^32: sending wraps after the first segment. */
const I = 0xfffffc00;

/** `n` bytes counting from `from` (hex). */
function bytes(n: number, from = 0): string {
  return toHex(Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff));
}

/** A segment from the peer. */
function seg(c: ConfigSpec, s: PeerSegment): ScriptStep["step"] {
  return arrives(c, s);
}

/** connect() and the peer's SYN,ACK (peer ISS `p`, window `window`): ESTABLISHED with SND.NXT = iss + 1, RCV.NXT = p + 1. */
function opened(c: ConfigSpec, p = P, window = 8000): ScriptStep[] {
  return [
    { step: { do: "connect" }, say: "", expect: [{ flags: "SYN", seq: c.iss }], state: "SYN-SENT", why: RULES.activeOpen },
    { step: seg(c, { seq: p, ack: c.iss + 1, flags: "SYN,ACK", window }), say: "", expect: [{ flags: "ACK", seq: c.iss + 1, ack: p + 1 }], state: "ESTABLISHED", why: RULES.activeOpen },
  ];
}

/** listen() and the peer's SYN then ACK: ESTABLISHED with SND.NXT = iss + 1, RCV.NXT = p + 1. */
function accepted(c: ConfigSpec, p = P, window = 8000): ScriptStep[] {
  return [
    { step: { do: "listen" }, say: "", state: "LISTEN" },
    { step: seg(c, { seq: p, flags: "SYN", window }), say: "", expect: [{ flags: "SYN,ACK", seq: c.iss, ack: p + 1 }], state: "SYN-RECEIVED", why: RULES.passiveOpen },
    { step: seg(c, { seq: p + 1, ack: c.iss + 1, flags: "ACK", window }), say: "", state: "ESTABLISHED", why: RULES.passiveOpen },
  ];
}

/** A step that must answer with `<SEQ=seq><ACK=ack><CTL=ACK>`. */
function acked(c: ConfigSpec, s: PeerSegment, seq: number, ack: number, why: string, extra: Partial<ScriptStep> = {}): ScriptStep {
  return { step: seg(c, s), say: "", expect: [{ flags: "ACK", seq, ack }], why, ...extra };
}

/** A step that must send nothing. */
function ignored(c: ConfigSpec, s: PeerSegment, why: string, extra: Partial<ScriptStep> = {}): ScriptStep {
  return { step: seg(c, s), say: "", expect: [], why, ...extra };
}

const wait = (ms: number, extra: Partial<ScriptStep> = {}): ScriptStep => ({ step: { do: "wait", ms }, say: "", ...extra });

export default defineTests(({ describe, it }) => {
  describe("header", () => {
    it(
      "drops a segment whose checksum fails, and reads data after options",
      { points: 3, rule: `${RULES.checksum}. ${RULES.header}`, hint: "Verify the checksum over pseudo-header + segment before anything else; the data starts at Data Offset × 4, not at 20." },
      (t) => {
        const c = config();
        const good = peer(c, { seq: P + 1, ack: 101, flags: "ACK", data: ABC });
        const bad = fromHex(good);
        bad[21] = bad[21]! ^ 0x01; // one bit of the data
        const badChecksum = fromHex(good);
        badChecksum[17] = badChecksum[17]! ^ 0x80;
        // The same data behind 12 bytes of options (Data Offset 8): NOP, NOP, timestamps, as Linux sends them.
        const withOptions = fromHex(good);
        const options = fromHex("01 01 08 0a 00 00 00 01 00 00 00 02");
        const long = new Uint8Array(withOptions.length + options.length);
        long.set(withOptions.subarray(0, 20));
        long.set(options, 20);
        long.set(fromHex("78 79"), 32);
        long[12] = 8 << 4;
        const sized = long.subarray(0, 34);
        return runScript(t, c, [
          ...opened(c),
          { step: { do: "segment", hex: toHex(bad) }, say: "a data bit flipped", expect: [], state: "ESTABLISHED", why: RULES.checksum },
          { step: { do: "segment", hex: toHex(badChecksum) }, say: "the checksum field damaged", expect: [], state: "ESTABLISHED", why: RULES.checksum },
          { step: { do: "segment", hex: toHex(fromHex(good).subarray(0, 19)) }, say: "19 bytes", expect: [], state: "ESTABLISHED", why: RULES.header },
          { step: { do: "segment", hex: withOffset(c, fromHex(good), 4) }, say: "Data Offset 4 (checksum right)", expect: [], state: "ESTABLISHED", why: RULES.header },
          { step: { do: "segment", hex: withOffset(c, fromHex(good), 6) }, say: "Data Offset 6 but 23 bytes (checksum right)", expect: [], state: "ESTABLISHED", why: RULES.header },
          { step: { do: "segment", hex: good }, say: "intact", expect: [{ flags: "ACK", seq: 101, ack: P + 4 }], deliver: ABC, why: RULES.data },
          { step: { do: "segment", hex: withSeq(c, sized, P + 4) }, say: "Data Offset 8 (12 bytes of options), 2 bytes of data", expect: [{ flags: "ACK", seq: 101, ack: P + 6 }], deliver: "78 79", why: RULES.header },
        ]);
      },
    );
  });

  describe("opening", () => {
    it(
      "checksums segments between addresses above 128.0.0.0",
      { points: 1, rule: RULES.checksum, hint: "The pseudo-header adds each address as two unsigned 16-bit halves: take the high half with >>> 16 (or from the bytes), never as a signed number." },
      (t) => {
        const c = config({ localAddress: "192.0.2.1", remoteAddress: "198.51.100.7" });
        return runScript(t, c, [
          ...opened(c),
          acked(c, { seq: P + 1, ack: 101, flags: "ACK", data: ABC }, 101, P + 4, RULES.data, { deliver: ABC }),
          { step: { do: "send", hex: ABC }, say: "", expect: [{ flags: "ACK", seq: 101, ack: P + 4, data: ABC }], why: RULES.checksum },
        ]);
      },
    );


    it(
      "opens actively with numbers that wrap at 2^32 (ISS 2^32 − 1, the peer's 2^32 − 2)",
      { points: 3, rule: `${RULES.activeOpen}. ${RULES.sequence}`, hint: "Add modulo 2^32: (x + n) >>> 0. Compare with the signed difference: ((a − b) | 0) < 0 means a is before b." },
      (t) => {
        const c = config({ iss: 0xffffffff });
        return runScript(t, c, [
          ...opened(c, 0xfffffffe),
          { step: seg(c, { seq: 0xffffffff, ack: 0, flags: "ACK", data: bytes(4), window: 1 }), say: "", expect: [{ flags: "ACK", seq: 0, ack: 3 }], deliver: bytes(4), why: RULES.data },
          { step: { do: "send", hex: "aa bb" }, say: "", expect: [{ flags: "ACK", seq: 0, ack: 3, data: "aa" }], why: `${RULES.window}: the peer's window is now 1 byte` },
          { step: seg(c, { seq: 3, ack: 1, flags: "ACK", window: 100 }), say: "", expect: [{ flags: "ACK", seq: 1, ack: 3, data: "bb" }], why: RULES.window },
          ignored(c, { seq: 3, ack: 2, flags: "ACK" }, RULES.ack, { state: "ESTABLISHED" }),
          wait(5000, { expect: [], why: `${RULES.retransmit}: everything is acknowledged, so no timer runs` }),
        ]);
      },
    );

    it(
      "opens passively: SYN,ACK with its ISS, then ESTABLISHED on the ACK (sequence numbers wrapping)",
      { points: 3, rule: RULES.passiveOpen, hint: "In LISTEN a SYN sets RCV.NXT = SEG.SEQ + 1 and gets SYN,ACK seq ISS ack RCV.NXT. The ACK that acknowledges ISS + 1 makes it ESTABLISHED." },
      (t) => {
        const c = config({ iss: 0xfffffffa });
        return runScript(t, c, [
          ...accepted(c, 0xfffffff0),
          wait(2000, { expect: [], why: `${RULES.retransmit}: the SYN,ACK is acknowledged, so nothing is outstanding` }),
          acked(c, { seq: 0xfffffff1, ack: 0xfffffffb, flags: "ACK", data: bytes(3), window: 2 }, 0xfffffffb, 0xfffffff4, RULES.data, { deliver: bytes(3) }),
          { step: { do: "send", hex: bytes(5) }, say: "", expect: [{ flags: "ACK", seq: 0xfffffffb, ack: 0xfffffff4, data: bytes(2) }], why: `${RULES.window}: the peer's window is now 2 bytes` },
          { step: seg(c, { seq: 0xfffffff4, ack: 0xfffffffd, flags: "ACK", window: 100 }), say: "", expect: [{ flags: "ACK", seq: 0xfffffffd, ack: 0xfffffff4, data: bytes(3, 2) }], why: RULES.window },
        ]);
      },
    );

    it(
      "in LISTEN: ignores a RST, answers an ACK with a RST, drops anything without SYN",
      { points: 2, rule: RULES.passiveOpen, hint: "LISTEN checks RST first (ignore), then ACK (<SEQ=SEG.ACK><CTL=RST>), then SYN; anything else is dropped." },
      (t) => {
        const c = config({ iss: 700 });
        return runScript(t, c, [
          { step: { do: "listen" }, say: "", state: "LISTEN" },
          ignored(c, { seq: 10, flags: "RST" }, RULES.passiveOpen, { state: "LISTEN" }),
          ignored(c, { seq: 10, ack: 99, flags: "RST,ACK" }, RULES.passiveOpen, { state: "LISTEN" }),
          { step: seg(c, { seq: 10, ack: 0xfffffff0, flags: "ACK", data: ABC }), say: "", expect: [{ flags: "RST", seq: 0xfffffff0 }], state: "LISTEN", why: RULES.passiveOpen },
          { step: seg(c, { seq: 10, ack: 99, flags: "FIN,ACK" }), say: "", expect: [{ flags: "RST", seq: 99 }], state: "LISTEN", why: RULES.passiveOpen },
          ignored(c, { seq: 10, flags: "FIN", data: ABC }, RULES.passiveOpen, { state: "LISTEN" }),
          { step: seg(c, { seq: 20, flags: "SYN" }), say: "", expect: [{ flags: "SYN,ACK", seq: 700, ack: 21 }], state: "SYN-RECEIVED", why: RULES.passiveOpen },
        ]);
      },
    );

    it(
      "in SYN-SENT: resets an unacceptable ACK, believes a RST only with an acceptable ACK",
      { points: 3, rule: RULES.synSent, hint: "Check the ACK first: SEG.ACK ≤ ISS or SEG.ACK > SND.NXT is unacceptable (send <SEQ=SEG.ACK><CTL=RST> unless the segment is a RST). Then RST: only with that acceptable ACK." },
      (t) => {
        const c = config({ iss: 0xfffffff0 });
        return runScript(t, c, [
          { step: { do: "connect" }, say: "", expect: [{ flags: "SYN", seq: 0xfffffff0 }], state: "SYN-SENT" },
          { step: seg(c, { seq: 9, ack: 0xfffffff0, flags: "SYN,ACK" }), say: "ACK = ISS", expect: [{ flags: "RST", seq: 0xfffffff0 }], state: "SYN-SENT", why: RULES.synSent },
          { step: seg(c, { seq: 9, ack: 0xfffffff2, flags: "SYN,ACK" }), say: "ACK = ISS + 2", expect: [{ flags: "RST", seq: 0xfffffff2 }], state: "SYN-SENT", why: RULES.synSent },
          { step: seg(c, { seq: 9, ack: 0x7ffffff0, flags: "ACK" }), say: "ACK 2^31 ahead", expect: [{ flags: "RST", seq: 0x7ffffff0 }], state: "SYN-SENT", why: RULES.synSent },
          ignored(c, { seq: 9, ack: 0xfffffff0, flags: "RST,ACK" }, RULES.synSent, { state: "SYN-SENT" }),
          ignored(c, { seq: 9, flags: "RST" }, RULES.synSent, { state: "SYN-SENT" }),
          ignored(c, { seq: 9, ack: 0xfffffff1, flags: "ACK" }, `${RULES.synSent}: neither SYN nor RST, so the segment is dropped`, { state: "SYN-SENT" }),
          ignored(c, { seq: 9, ack: 0xfffffff1, flags: "RST,ACK" }, `${RULES.synSent}: connection refused`, { state: "CLOSED" }),
          wait(5000, { expect: [], why: "A closed connection retransmits nothing" }),
        ]);
      },
    );

    it(
      "opens simultaneously as in RFC 9293's Figure 8 (SYN 100 and SYN 300 cross)",
      { points: 3, rule: RULES.simultaneous, hint: "In SYN-SENT a SYN without ACK: RCV.NXT = SEG.SEQ + 1, send SYN,ACK seq ISS ack RCV.NXT, go to SYN-RECEIVED. The peer's SYN,ACK is then old (first check): answer it with an ACK." },
      (t) => {
        const c = config({ iss: 100 });
        return runScript(t, c, [
          { step: { do: "connect" }, say: "", expect: [{ flags: "SYN", seq: 100 }], state: "SYN-SENT" },
          { step: seg(c, { seq: 300, flags: "SYN" }), say: "", expect: [{ flags: "SYN,ACK", seq: 100, ack: 301 }], state: "SYN-RECEIVED", why: RULES.simultaneous },
          acked(c, { seq: 300, ack: 101, flags: "SYN,ACK" }, 101, 301, RULES.simultaneous, { state: "SYN-RECEIVED" }),
          ignored(c, { seq: 301, ack: 101, flags: "ACK" }, RULES.simultaneous, { state: "ESTABLISHED" }),
          wait(5000, { expect: [], why: `${RULES.retransmit}: the SYN is acknowledged` }),
          acked(c, { seq: 301, ack: 101, flags: "ACK", data: ABC }, 101, 304, RULES.data, { deliver: ABC }),
        ]);
      },
    );

    it(
      "opens simultaneously with ISS past 2^31, answering a SYN in SYN-RECEIVED with a challenge ACK",
      { points: 2, rule: `${RULES.simultaneous}. ${RULES.syn}`, hint: "SND.UNA = ISS from connect() on: the ACK check of SYN-RECEIVED (SND.UNA < SEG.ACK ≤ SND.NXT) compares against it, modulo 2^32." },
      (t) => {
        const c = config({ iss: 0x80000064 });
        return runScript(t, c, [
          { step: { do: "connect" }, say: "", expect: [{ flags: "SYN", seq: 0x80000064 }] },
          { step: seg(c, { seq: 300, flags: "SYN" }), say: "", expect: [{ flags: "SYN,ACK", seq: 0x80000064, ack: 301 }], state: "SYN-RECEIVED" },
          acked(c, { seq: 305, flags: "SYN" }, 0x80000065, 301, `${RULES.syn}: this connection came from connect(), not listen()`, { state: "SYN-RECEIVED" }),
          ignored(c, { seq: 301, ack: 0x80000065, flags: "ACK" }, RULES.simultaneous, { state: "ESTABLISHED" }),
          wait(5000, { expect: [] }),
        ]);
      },
    );

    it(
      "a simultaneously opened connection is CLOSED, not LISTEN, by a RST in SYN-RECEIVED",
      { points: 1, rule: RULES.rst, hint: "Only a connection that came from LISTEN goes back there." },
      (t) => {
        const c = config({ iss: 100 });
        return runScript(t, c, [
          { step: { do: "connect" }, say: "", expect: [{ flags: "SYN", seq: 100 }] },
          { step: seg(c, { seq: 300, flags: "SYN" }), say: "", expect: [{ flags: "SYN,ACK", seq: 100, ack: 301 }], state: "SYN-RECEIVED" },
          ignored(c, { seq: 301, flags: "RST" }, RULES.rst, { state: "CLOSED" }),
        ]);
      },
    );

    it(
      "in SYN-RECEIVED: resets an unacceptable ACK, challenges a RST in the window, returns to LISTEN on RST at RCV.NXT or a SYN",
      { points: 3, rule: `${RULES.ack}. ${RULES.rst}. ${RULES.syn}`, hint: "In SYN-RECEIVED the ACK must satisfy SND.UNA < SEG.ACK ≤ SND.NXT, else <SEQ=SEG.ACK><CTL=RST>. A connection opened by listen() goes back to LISTEN (and stops retransmitting its SYN,ACK)." },
      (t) => {
        const c = config({ iss: 700 });
        const Q = 0x90000000; // the peer's ISS: RCV.NXT past 2^31
        return runScript(t, c, [
          { step: { do: "listen" }, say: "" },
          { step: seg(c, { seq: Q, flags: "SYN" }), say: "", expect: [{ flags: "SYN,ACK", seq: 700, ack: Q + 1 }] },
          { step: seg(c, { seq: Q + 1, ack: 705, flags: "ACK" }), say: "ACK beyond SND.NXT", expect: [{ flags: "RST", seq: 705 }], state: "SYN-RECEIVED", why: RULES.ack },
          { step: seg(c, { seq: Q + 1, ack: 700, flags: "ACK" }), say: "ACK = ISS", expect: [{ flags: "RST", seq: 700 }], state: "SYN-RECEIVED", why: RULES.ack },
          ignored(c, { seq: Q + 1, flags: "FIN", data: ABC }, RULES.ack, { state: "SYN-RECEIVED" }),
          acked(c, { seq: Q + 2, flags: "RST" }, 701, Q + 1, RULES.rst, { state: "SYN-RECEIVED" }),
          ignored(c, { seq: Q + 1, flags: "RST" }, RULES.rst, { state: "LISTEN" }),
          wait(5000, { expect: [], state: "LISTEN", why: "Back in LISTEN nothing is retransmitted" }),
          { step: seg(c, { seq: 9000, flags: "SYN" }), say: "", expect: [{ flags: "SYN,ACK", seq: 700, ack: 9001 }], state: "SYN-RECEIVED", why: RULES.passiveOpen },
          ignored(c, { seq: 9005, flags: "SYN" }, RULES.syn, { state: "LISTEN" }),
          wait(5000, { expect: [], state: "LISTEN" }),
        ]);
      },
    );

    it(
      "retransmits its SYN and its SYN,ACK every config.rtoMs until they are acknowledged",
      { points: 3, rule: RULES.retransmit, hint: "Start the timer when the SYN (or SYN,ACK) leaves; on expiry send it again unchanged and restart the timer; stop it when the ACK comes." },
      (t) => {
        const c = config({ iss: 100, rtoMs: 700 });
        return runScript(t, c, [
          { step: { do: "connect" }, say: "", expect: [{ flags: "SYN", seq: 100, atMs: 0 }] },
          wait(699, { expect: [] }),
          wait(1, { expect: [{ flags: "SYN", seq: 100, atMs: 700 }] }),
          wait(1400, { expect: [{ flags: "SYN", seq: 100, atMs: 1400 }, { flags: "SYN", seq: 100, atMs: 2100 }] }),
          { step: seg(c, { seq: 300, flags: "SYN" }), say: "", expect: [{ flags: "SYN,ACK", seq: 100, ack: 301 }], state: "SYN-RECEIVED" },
          wait(700, { expect: [{ flags: "SYN,ACK", seq: 100, ack: 301, atMs: 2800 }], why: RULES.retransmit }),
          ignored(c, { seq: 301, ack: 101, flags: "ACK" }, RULES.simultaneous, { state: "ESTABLISHED" }),
          wait(5000, { expect: [] }),
        ]);
      },
    );

    it(
      "retransmits the SYN,ACK of a passive open, and stops once ESTABLISHED",
      { points: 2, rule: RULES.retransmit, hint: "The SYN,ACK takes sequence space (the SYN): it is retransmitted like data." },
      (t) => {
        const c = config({ iss: 40, rtoMs: 500 });
        return runScript(t, c, [
          { step: { do: "listen" }, say: "" },
          { step: seg(c, { seq: P, flags: "SYN" }), say: "", expect: [{ flags: "SYN,ACK", seq: 40, ack: P + 1, atMs: 0 }] },
          wait(1000, { expect: [{ flags: "SYN,ACK", seq: 40, ack: P + 1, atMs: 500 }, { flags: "SYN,ACK", seq: 40, ack: P + 1, atMs: 1000 }] }),
          acked(c, { seq: P, flags: "SYN" }, 41, P + 1, `${RULES.sequence}: the peer's retransmitted SYN is old`, { state: "SYN-RECEIVED" }),
          ignored(c, { seq: P + 1, ack: 41, flags: "ACK" }, RULES.passiveOpen, { state: "ESTABLISHED" }),
          wait(5000, { expect: [] }),
        ]);
      },
    );

    it(
      "close() in LISTEN or SYN-SENT returns to CLOSED, which answers with resets",
      { points: 2, rule: `${RULES.close}. ${RULES.closedPort}`, hint: "After close() in SYN-SENT nothing is retransmitted, and a late SYN,ACK meets a CLOSED connection: <SEQ=SEG.ACK><CTL=RST>." },
      (t) => {
        const c = config({ iss: 100 });
        return runScript(t, c, [
          { step: { do: "connect" }, say: "", expect: [{ flags: "SYN", seq: 100 }] },
          { step: { do: "close" }, say: "", expect: [], state: "CLOSED", why: RULES.close },
          wait(5000, { expect: [] }),
          { step: seg(c, { seq: 300, ack: 101, flags: "SYN,ACK" }), say: "", expect: [{ flags: "RST", seq: 101 }], state: "CLOSED", why: RULES.closedPort },
          { step: { do: "listen" }, say: "", state: "LISTEN" },
          { step: { do: "close" }, say: "", expect: [], state: "CLOSED", why: RULES.close },
        ]);
      },
    );

    it(
      "a CLOSED connection answers every segment but a RST, counting SYN and FIN in SEG.LEN",
      { points: 3, rule: RULES.closedPort, hint: "Without ACK: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, where SEG.LEN = data + SYN + FIN, modulo 2^32. With ACK: <SEQ=SEG.ACK><CTL=RST>." },
      (t) => {
        const c = config();
        return runScript(t, c, [
          { step: seg(c, { seq: 5, flags: "FIN", data: ABC }), say: "", expect: [{ flags: "RST,ACK", seq: 0, ack: 9 }], state: "CLOSED" },
          { step: seg(c, { seq: 5, flags: "", data: ABC }), say: "", expect: [{ flags: "RST,ACK", seq: 0, ack: 8 }], state: "CLOSED" },
          { step: seg(c, { seq: 0xffffffff, flags: "SYN" }), say: "", expect: [{ flags: "RST,ACK", seq: 0, ack: 0 }], state: "CLOSED" },
          { step: seg(c, { seq: 7, ack: 0x80000000, flags: "FIN,ACK", data: ABC }), say: "", expect: [{ flags: "RST", seq: 0x80000000 }], state: "CLOSED" },
          ignored(c, { seq: 7, flags: "RST" }, RULES.closedPort, { state: "CLOSED" }),
          ignored(c, { seq: 7, ack: 3, flags: "RST,ACK" }, RULES.closedPort, { state: "CLOSED" }),
        ]);
      },
    );
  });

  describe("receiving", () => {
    it(
      "delivers in-order data and acknowledges each segment once",
      { points: 3, rule: RULES.data, hint: "Deliver SEG.DATA, advance RCV.NXT by its length, send one ACK <SEQ=SND.NXT><ACK=RCV.NXT>." },
      (t) => {
        const c = config();
        return runScript(t, c, [
          ...accepted(c),
          acked(c, { seq: P + 1, ack: 101, flags: "ACK", data: bytes(1) }, 101, P + 2, RULES.data, { deliver: bytes(1) }),
          acked(c, { seq: P + 2, ack: 101, flags: "ACK", data: bytes(1000, 1) }, 101, P + 1002, RULES.data, { deliver: bytes(1000, 1) }),
          ignored(c, { seq: P + 1002, ack: 101, flags: "ACK" }, `${RULES.data}: an empty segment is not acknowledged`),
          acked(c, { seq: P + 1002, ack: 101, flags: "ACK", data: bytes(7, 9) }, 101, P + 1009, RULES.data, { deliver: bytes(7, 9) }),
        ]);
      },
    );

    it(
      "trims bytes it already has and bytes past the window",
      { points: 3, rule: `${RULES.sequence}. ${RULES.data}`, hint: "Skip RCV.NXT − SEG.SEQ bytes at the front; keep at most RCV.WND bytes from RCV.NXT. A segment whose bytes are all old is unacceptable: ACK it." },
      (t) => {
        const c = config({ window: 1000 });
        return runScript(t, c, [
          ...opened(c),
          acked(c, { seq: P + 1, ack: 101, flags: "ACK", data: bytes(10) }, 101, P + 11, RULES.data, { deliver: bytes(10) }),
          acked(c, { seq: P + 8, ack: 101, flags: "ACK", data: bytes(6, 7) }, 101, P + 14, RULES.data, { deliver: bytes(3, 10) }),
          acked(c, { seq: P + 1, ack: 101, flags: "ACK", data: bytes(13) }, 101, P + 14, RULES.sequence, { deliver: "" }),
          acked(c, { seq: P + 14, ack: 101, flags: "ACK", data: bytes(1200, 13) }, 101, P + 1014, RULES.data, { deliver: bytes(1000, 13) }),
          acked(c, { seq: P + 1000, ack: 101, flags: "FIN,ACK", data: bytes(1014, 999) }, 101, P + 1014, `${RULES.sequence}: its first number (${P + 1000}) and its last (${P + 2014}, the FIN) both lie outside [${P + 1014}, ${P + 2014}), so the test calls it unacceptable although it covers the window`, { deliver: "", state: "ESTABLISHED" }),
          acked(c, { seq: P + 1014, ack: 101, flags: "FIN,ACK", data: bytes(1000, 1013) }, 101, P + 2014, `${RULES.data}: the FIN lies past the window, so it does not count yet`, { deliver: bytes(1000, 1013), state: "ESTABLISHED" }),
          acked(c, { seq: P + 1014, ack: 101, flags: "FIN,ACK", data: bytes(1006, 1013) }, 101, P + 2021, `${RULES.fin}: 1000 bytes already held, 6 new ones and the FIN inside the window`, { deliver: bytes(6, 2013), state: "CLOSE-WAIT" }),
        ]);
      },
    );

    it(
      "does not keep out-of-order data: acknowledges RCV.NXT and takes the bytes when they come again",
      { points: 2, rule: RULES.data, hint: "A segment that starts after RCV.NXT (but in the window) passes the first check; the lab drops its data and FIN and sends an ACK for RCV.NXT." },
      (t) => {
        const c = config();
        return runScript(t, c, [
          ...opened(c),
          acked(c, { seq: P + 11, ack: 101, flags: "ACK", data: bytes(5, 10) }, 101, P + 1, RULES.data),
          acked(c, { seq: P + 16, ack: 101, flags: "FIN,ACK" }, 101, P + 1, RULES.data, { state: "ESTABLISHED" }),
          acked(c, { seq: P + 1, ack: 101, flags: "ACK", data: bytes(10) }, 101, P + 11, RULES.data, { deliver: bytes(10) }),
          acked(c, { seq: P + 11, ack: 101, flags: "ACK", data: bytes(5, 10) }, 101, P + 16, RULES.data, { deliver: bytes(5, 10) }),
        ]);
      },
    );

    it(
      "answers segments outside the window with an ACK, and accepts the window's edges",
      { points: 3, rule: RULES.sequence, hint: "Zero-length: RCV.NXT ≤ SEG.SEQ < RCV.NXT + RCV.WND. With data: the first or the last byte (SEG.SEQ + SEG.LEN − 1) in that range. Compare modulo 2^32." },
      (t) => {
        const c = config({ window: 100 });
        return runScript(t, c, [
          ...opened(c, 0xffffffc0),
          ignored(c, { seq: 0xffffffc1, ack: 101, flags: "ACK" }, `${RULES.sequence}: SEG.SEQ = RCV.NXT`),
          ignored(c, { seq: 0x24, ack: 101, flags: "ACK" }, `${RULES.sequence}: SEG.SEQ = RCV.NXT + RCV.WND − 1 (past 2^32)`),
          acked(c, { seq: 0x25, ack: 101, flags: "ACK" }, 101, 0xffffffc1, `${RULES.sequence}: SEG.SEQ = RCV.NXT + RCV.WND`),
          acked(c, { seq: 0xffffffc0, ack: 101, flags: "ACK" }, 101, 0xffffffc1, `${RULES.sequence}: SEG.SEQ = RCV.NXT − 1`),
          acked(c, { seq: 0x80000000, ack: 101, flags: "ACK", data: ABC }, 101, 0xffffffc1, `${RULES.sequence}: 2^31 away`),
          acked(c, { seq: 0xffffffbe, ack: 101, flags: "ACK", data: bytes(3) }, 101, 0xffffffc1, `${RULES.sequence}: every byte before RCV.NXT`),
          acked(c, { seq: 0xffffffbf, ack: 101, flags: "ACK", data: bytes(3) }, 101, 0xffffffc2, `${RULES.sequence}: the last byte is RCV.NXT`, { deliver: bytes(1, 2) }),
          acked(c, { seq: 0x25, ack: 101, flags: "ACK", data: bytes(2) }, 101, 0xffffffc2, `${RULES.sequence}: just past the window`),
          acked(c, { seq: 0x24, ack: 101, flags: "ACK", data: bytes(2) }, 101, 0xffffffc2, `${RULES.sequence}: the first byte is the window's last (out of order: not kept)`),
          { step: seg(c, { seq: 0x40000000, ack: 101, flags: "RST" }), say: "", expect: [], state: "ESTABLISHED", why: `${RULES.sequence}: never answer a RST` },
        ]);
      },
    );

    it(
      "drops a segment that acknowledges data never sent, and ignores an old duplicate ACK",
      { points: 3, rule: RULES.ack, hint: "Fifth step: SEG.ACK > SND.NXT → send an ACK and drop the segment (its data is not delivered). SEG.ACK < SND.UNA is a duplicate: ignore the ACK field, keep processing." },
      (t) => {
        const c = config();
        return runScript(t, c, [
          ...opened(c),
          { step: { do: "send", hex: bytes(10) }, say: "", expect: [{ flags: "ACK", seq: 101, ack: P + 1, data: bytes(10) }] },
          acked(c, { seq: P + 1, ack: 112, flags: "ACK", data: ABC }, 111, P + 1, RULES.ack, { deliver: "" }),
          ignored(c, { seq: P + 1, ack: 110, flags: "ACK" }, RULES.ack),
          acked(c, { seq: P + 1, ack: 101, flags: "ACK", data: ABC }, 111, P + 4, `${RULES.ack}: a duplicate ACK's data is still delivered`, { deliver: ABC }),
          wait(1000, { expect: [{ flags: "ACK", seq: 110, ack: P + 4, data: bytes(1, 9) }], why: `${RULES.retransmit}: SND.UNA is 110` }),
          ignored(c, { seq: P + 4, ack: 111, flags: "ACK" }, RULES.ack),
          wait(5000, { expect: [] }),
        ]);
      },
    );
  });

  describe("sending", () => {
    it(
      "cuts data into segments of at most mss bytes within the peer's window, and sends more as ACKs open it",
      { points: 3, rule: RULES.window, hint: "Usable window = SND.UNA + SND.WND − SND.NXT. Send min(mss, unsent, usable) bytes at a time; after each ACK, send what now fits." },
      (t) => {
        const c = config({ mss: 1000 });
        return runScript(t, c, [
          ...opened(c, P, 2500),
          {
            step: { do: "send", hex: bytes(4000) },
            say: "",
            expect: [
              { flags: "ACK", seq: 101, ack: P + 1, data: bytes(1000) },
              { flags: "ACK", seq: 1101, ack: P + 1, data: bytes(1000, 1000) },
              { flags: "ACK", seq: 2101, ack: P + 1, data: bytes(500, 2000) },
            ],
            why: RULES.window,
          },
          { step: seg(c, { seq: P + 1, ack: 1101, flags: "ACK", window: 2500 }), say: "", expect: [{ flags: "ACK", seq: 2601, ack: P + 1, data: bytes(1000, 2500) }], why: RULES.window },
          { step: seg(c, { seq: P + 1, ack: 3601, flags: "ACK", window: 300 }), say: "", expect: [{ flags: "ACK", seq: 3601, ack: P + 1, data: bytes(300, 3500) }], why: RULES.window },
          { step: seg(c, { seq: P + 1, ack: 3901, flags: "ACK", window: 2500 }), say: "", expect: [{ flags: "ACK", seq: 3901, ack: P + 1, data: bytes(200, 3800) }], why: RULES.window },
          ignored(c, { seq: P + 1, ack: 4101, flags: "ACK", window: 2500 }, RULES.window),
          wait(5000, { expect: [] }),
        ]);
      },
    );

    it(
      "takes the window only from segments that are not older than the last update (SND.WL1, SND.WL2)",
      { points: 2, rule: RULES.window, hint: "Update SND.WND only if SND.WL1 < SEG.SEQ, or SND.WL1 = SEG.SEQ and SND.WL2 ≤ SEG.ACK; then set SND.WL1 = SEG.SEQ and SND.WL2 = SEG.ACK." },
      (t) => {
        const c = config();
        const Q = 0xa0000000; // the peer's ISS past 2^31: SND.WL1 must come from its SYN,ACK, not from a default of 0
        return runScript(t, c, [
          ...opened(c, Q, 8000),
          acked(c, { seq: Q + 101, ack: 101, flags: "ACK", data: ABC, window: 50 }, 101, Q + 1, `${RULES.data} (out of order: its window counts, SND.WL1 = ${Q + 101})`),
          acked(c, { seq: Q + 1, ack: 101, flags: "ACK", data: bytes(1), window: 3000 }, 101, Q + 2, `${RULES.window}: SEG.SEQ < SND.WL1, the window stays 50`, { deliver: bytes(1) }),
          { step: { do: "send", hex: bytes(200) }, say: "", expect: [{ flags: "ACK", seq: 101, ack: Q + 2, data: bytes(50) }], why: RULES.window },
          { step: seg(c, { seq: Q + 101, ack: 151, flags: "ACK", window: 60 }), say: "", expect: [{ flags: "ACK", seq: 151, ack: Q + 2, data: bytes(60, 50) }], why: `${RULES.window}: SND.WL1 = SEG.SEQ, SND.WL2 ≤ SEG.ACK` },
        ]);
      },
    );

    it(
      "folds the checksum's carries until none is left",
      { points: 1, rule: RULES.checksum, hint: "One fold of the 32-bit sum can carry again (0x1ffff → 0xffff + 1 = 0x10000): fold while the sum exceeds 0xffff, not once." },
      (t) => {
        const c = config();
        // Two data bytes chosen so that the sum over the segment the reference sends (ACK|PSH, checksum 0) is 0x1ffff
        // or 0x10000 + k·0xffff: its first fold gives exactly 0x10000, which needs a second one.
        const words = (a: string) => parseIpv4Address(a);
        const fixed = [words(c.localAddress), words(c.remoteAddress)].reduce((sum, a) => sum + (a >>> 16) + (a & 0xffff), 0) + IP_PROTOCOL.TCP + 22;
        const header = c.localPort + c.remotePort + (101 >>> 16) + (101 & 0xffff) + ((P + 1) >>> 16) + ((P + 1) & 0xffff) + 0x5018 + c.window;
        const base = fixed + header;
        let word = 0;
        while (word < 0xffff && (base + word) % 0xffff !== 1) word++;
        const data = word.toString(16).padStart(4, "0").replace(/(..)(..)/, "$1 $2");
        return runScript(t, c, [...opened(c), { step: { do: "send", hex: data }, say: "", expect: [{ flags: "ACK", seq: 101, ack: P + 1, data }], why: RULES.checksum }]);
      },
    );

    it(
      "keeps SND.NXT a 32-bit unsigned number when its own ISS is past 2^31",
      { points: 1, rule: RULES.retransmit, hint: "Write SND.NXT back with >>> 0 (not >> 0 or | 0): an ACK carries it as an unsigned number, and SND.UNA = SND.NXT must hold once all is acknowledged." },
      (t) => {
        const Q = 0xa0000000;
        const c = config({ iss: Q });
        return runScript(t, c, [
          ...opened(c),
          wait(3000, { expect: [], why: `${RULES.retransmit}: the SYN,ACK acknowledged the SYN, so its timer stopped` }),
          { step: { do: "send", hex: ABC }, say: "", expect: [{ flags: "ACK", seq: Q + 1, ack: P + 1, data: ABC, atMs: 3000 }] },
          ignored(c, { seq: P + 1, ack: Q + 4, flags: "ACK" }, `${RULES.retransmit}: all acknowledged, the timer stops`),
          wait(5000, { expect: [], why: `${RULES.retransmit}: nothing is outstanding` }),
          { step: { do: "close" }, say: "", expect: [{ flags: "FIN,ACK", seq: Q + 4, ack: P + 1 }], state: "FIN-WAIT-1" },
          ignored(c, { seq: P + 1, ack: Q + 5, flags: "ACK" }, RULES.fin, { state: "FIN-WAIT-2" }),
        ]);
      },
    );

    it(
      "retransmits the earliest unacknowledged segment after config.rtoMs, restarting the timer on new ACKs",
      { points: 3, rule: RULES.retransmit, hint: "One timer: started when data leaves and none is outstanding; on a new ACK restart it (or stop it when all is acknowledged); on expiry resend mss bytes from SND.UNA." },
      (t) => {
        const c = config({ mss: 1000, rtoMs: 1000, iss: I });
        return runScript(t, c, [
          ...opened(c),
          {
            step: { do: "send", hex: bytes(2500) },
            say: "",
            expect: [
              { flags: "ACK", seq: (I + 1) >>> 0, ack: P + 1, data: bytes(1000), atMs: 0 },
              { flags: "ACK", seq: (I + 1001) >>> 0, ack: P + 1, data: bytes(1000, 1000), atMs: 0 },
              { flags: "ACK", seq: (I + 2001) >>> 0, ack: P + 1, data: bytes(500, 2000), atMs: 0 },
            ],
          },
          wait(600, { expect: [] }),
          { step: { do: "send", hex: bytes(10, 2500) }, say: "more data while the timer runs", expect: [{ flags: "ACK", seq: (I + 2501) >>> 0, ack: P + 1, data: bytes(10, 2500), atMs: 600 }] },
          wait(400, { expect: [{ flags: "ACK", seq: (I + 1) >>> 0, ack: P + 1, data: bytes(1000), atMs: 1000 }], why: `${RULES.retransmit}: the timer started with the first segment, at 0 ms` }),
          wait(500, { expect: [] }),
          ignored(c, { seq: P + 1, ack: (I + 1001) >>> 0, flags: "ACK" }, `${RULES.retransmit}: new data acknowledged at 1500 ms, the timer restarts (1000 ms from now)`),
          wait(999, { expect: [], why: `${RULES.retransmit}: the ACK at 1500 ms restarted the timer` }),
          wait(1, { expect: [{ flags: "ACK", seq: (I + 1001) >>> 0, ack: P + 1, data: bytes(1000, 1000), atMs: 2500 }] }),
          ignored(c, { seq: P + 1, ack: (I + 2511) >>> 0, flags: "ACK" }, RULES.retransmit),
          wait(5000, { expect: [], why: `${RULES.retransmit}: all acknowledged, the timer stops` }),
        ]);
      },
    );
  });

  describe("closing", () => {
    it(
      "closes actively: FIN-WAIT-1, FIN-WAIT-2, TIME-WAIT for 2 × MSL, CLOSED",
      { points: 3, rule: `${RULES.close}. ${RULES.fin}. ${RULES.timeWait}`, hint: "close() sends FIN,ACK seq SND.NXT (the FIN takes one number). The ACK of it → FIN-WAIT-2; the peer's FIN → ACK it, TIME-WAIT; after 2 × mslMs → CLOSED." },
      (t) => {
        const c = config({ mslMs: 500 });
        return runScript(t, c, [
          ...opened(c),
          { step: { do: "close" }, say: "", expect: [{ flags: "FIN,ACK", seq: 101, ack: P + 1 }], state: "FIN-WAIT-1", why: RULES.close },
          wait(1000, { expect: [{ flags: "FIN,ACK", seq: 101, ack: P + 1 }], state: "FIN-WAIT-1", why: `${RULES.retransmit}: the FIN takes a sequence number, so it is retransmitted` }),
          ignored(c, { seq: P + 1, ack: 102, flags: "ACK" }, RULES.fin, { state: "FIN-WAIT-2" }),
          acked(c, { seq: P + 1, ack: 102, flags: "ACK", data: ABC }, 102, P + 4, `${RULES.data}: FIN-WAIT-2 still receives`, { deliver: ABC, state: "FIN-WAIT-2" }),
          acked(c, { seq: P + 4, ack: 102, flags: "FIN,ACK" }, 102, P + 5, RULES.fin, { state: "TIME-WAIT" }),
          wait(999, { expect: [], state: "TIME-WAIT", why: RULES.timeWait }),
          wait(1, { expect: [], state: "CLOSED", why: RULES.timeWait }),
        ]);
      },
    );

    it(
      "closes passively: CLOSE-WAIT, still sending, then LAST-ACK until its FIN is acknowledged",
      { points: 3, rule: `${RULES.fin}. ${RULES.close}`, hint: "A FIN (after its data) → one ACK covering both, CLOSE-WAIT. close() there sends the FIN after any queued data → LAST-ACK; the ACK of the FIN → CLOSED." },
      (t) => {
        const c = config();
        return runScript(t, c, [
          ...accepted(c),
          acked(c, { seq: P + 1, ack: 101, flags: "FIN,ACK", data: ABC }, 101, P + 5, RULES.fin, { deliver: ABC, state: "CLOSE-WAIT" }),
          ignored(c, { seq: P + 5, ack: 101, flags: "ACK", data: ABC }, `${RULES.data}: after the peer's FIN, text is ignored`, { state: "CLOSE-WAIT" }),
          ignored(c, { seq: P + 5, ack: 101, flags: "FIN,ACK", data: ABC }, `${RULES.fin}: the FIN does not come right after a byte you took`, { state: "CLOSE-WAIT" }),
          { step: { do: "send", hex: "6f 6b" }, say: "", expect: [{ flags: "ACK", seq: 101, ack: P + 5, data: "6f 6b", atMs: 0 }] },
          wait(400, { expect: [] }),
          { step: { do: "close" }, say: "", expect: [{ flags: "FIN,ACK", seq: 103, ack: P + 5, atMs: 400 }], state: "LAST-ACK", why: RULES.close },
          wait(600, { expect: [{ flags: "ACK", seq: 101, ack: P + 5, data: "6f 6b", atMs: 1000 }], why: `${RULES.retransmit}: the timer started with the data at 0 ms; sending the FIN while data was outstanding did not restart it` }),
          ignored(c, { seq: P + 5, ack: 103, flags: "ACK" }, RULES.fin, { state: "LAST-ACK" }),
          ignored(c, { seq: P + 5, ack: 104, flags: "ACK" }, RULES.fin, { state: "CLOSED" }),
          { step: seg(c, { seq: P + 5, ack: 104, flags: "ACK" }), say: "", expect: [{ flags: "RST", seq: 104 }], state: "CLOSED", why: RULES.closedPort },
        ]);
      },
    );

    it(
      "closes simultaneously: FIN-WAIT-1, CLOSING, TIME-WAIT (RFC 9293 Figure 13)",
      { points: 3, rule: RULES.fin, hint: "In FIN-WAIT-1 a FIN that does not acknowledge yours → ACK it, CLOSING; the ACK of your FIN then → TIME-WAIT (nothing to send)." },
      (t) => {
        const c = config({ mslMs: 1000 });
        return runScript(t, c, [
          ...opened(c),
          { step: { do: "close" }, say: "", expect: [{ flags: "FIN,ACK", seq: 101, ack: P + 1 }], state: "FIN-WAIT-1" },
          acked(c, { seq: P + 1, ack: 101, flags: "FIN,ACK" }, 102, P + 2, RULES.fin, { state: "CLOSING" }),
          ignored(c, { seq: P + 2, ack: 102, flags: "ACK" }, RULES.fin, { state: "TIME-WAIT" }),
          wait(1999, { expect: [], state: "TIME-WAIT" }),
          wait(1, { expect: [], state: "CLOSED" }),
        ]);
      },
    );

    it(
      "goes from FIN-WAIT-1 straight to TIME-WAIT when the FIN also acknowledges its own",
      { points: 2, rule: RULES.fin, hint: "Process the ACK field (fifth step: FIN-WAIT-1 → FIN-WAIT-2) before the FIN (eighth step: FIN-WAIT-2 → TIME-WAIT)." },
      (t) => {
        const c = config({ mslMs: 1000 });
        return runScript(t, c, [
          ...opened(c),
          { step: { do: "close" }, say: "", expect: [{ flags: "FIN,ACK", seq: 101, ack: P + 1 }], state: "FIN-WAIT-1" },
          acked(c, { seq: P + 1, ack: 102, flags: "FIN,ACK", data: ABC }, 102, P + 5, RULES.fin, { deliver: ABC, state: "TIME-WAIT" }),
          wait(2000, { expect: [], state: "CLOSED" }),
        ]);
      },
    );

    it(
      "sends the FIN only after all queued data, and retransmits data and FIN",
      { points: 3, rule: `${RULES.close}. ${RULES.retransmit}`, hint: "close() with data still waiting for the window: the FIN follows the last data byte, when it has been sent. The FIN is retransmitted alone, with seq = SND.UNA." },
      (t) => {
        const c = config({ mss: 1000, rtoMs: 1000 });
        return runScript(t, c, [
          ...opened(c, P, 1000),
          { step: { do: "send", hex: bytes(1500) }, say: "", expect: [{ flags: "ACK", seq: 101, ack: P + 1, data: bytes(1000) }] },
          { step: { do: "close" }, say: "", expect: [], state: "FIN-WAIT-1", why: RULES.close },
          {
            step: seg(c, { seq: P + 1, ack: 1101, flags: "ACK", window: 1000 }),
            say: "",
            expect: [
              { flags: "ACK", seq: 1101, ack: P + 1, data: bytes(500, 1000) },
              { flags: "FIN,ACK", seq: 1601, ack: P + 1 },
            ],
            state: "FIN-WAIT-1",
            why: RULES.close,
          },
          wait(1000, { expect: [{ flags: "ACK", seq: 1101, ack: P + 1, data: bytes(500, 1000) }], why: RULES.retransmit }),
          ignored(c, { seq: P + 1, ack: 1601, flags: "ACK" }, RULES.retransmit, { state: "FIN-WAIT-1" }),
          wait(1000, { expect: [{ flags: "FIN,ACK", seq: 1601, ack: P + 1 }], why: RULES.retransmit }),
          ignored(c, { seq: P + 1, ack: 1602, flags: "ACK" }, RULES.fin, { state: "FIN-WAIT-2" }),
          wait(5000, { expect: [] }),
        ]);
      },
    );

    it(
      "in TIME-WAIT: answers a retransmitted FIN with an ACK, and restarts 2 × MSL for an acceptable segment",
      { points: 3, rule: RULES.timeWait, hint: "The peer's retransmitted FIN has SEG.SEQ = RCV.NXT − 1: the first check answers it. A segment at RCV.NXT is acceptable: ACK it and restart the TIME-WAIT timer." },
      (t) => {
        const c = config({ mslMs: 1000 });
        return runScript(t, c, [
          ...opened(c),
          { step: { do: "close" }, say: "", expect: [{ flags: "FIN,ACK", seq: 101, ack: P + 1 }] },
          acked(c, { seq: P + 1, ack: 102, flags: "FIN,ACK" }, 102, P + 2, RULES.fin, { state: "TIME-WAIT" }),
          wait(1500, { expect: [], state: "TIME-WAIT" }),
          acked(c, { seq: P + 1, ack: 102, flags: "FIN,ACK" }, 102, P + 2, RULES.timeWait, { state: "TIME-WAIT" }),
          wait(499, { expect: [], state: "TIME-WAIT", why: "A retransmitted FIN fails the first check: it does not restart the timer" }),
          wait(1, { expect: [], state: "CLOSED", why: RULES.timeWait }),
        ]);
      },
    );

    it(
      "restarts TIME-WAIT on an acceptable segment",
      { points: 2, rule: RULES.timeWait, hint: "An acceptable segment in TIME-WAIT (SEG.SEQ = RCV.NXT, ACK set): send an ACK and start 2 × MSL again from now." },
      (t) => {
        const c = config({ mslMs: 1000 });
        return runScript(t, c, [
          ...opened(c),
          { step: { do: "close" }, say: "", expect: [{ flags: "FIN,ACK", seq: 101, ack: P + 1 }] },
          acked(c, { seq: P + 1, ack: 102, flags: "FIN,ACK" }, 102, P + 2, RULES.fin, { state: "TIME-WAIT" }),
          wait(1500, { expect: [], state: "TIME-WAIT" }),
          acked(c, { seq: P + 2, ack: 102, flags: "ACK" }, 102, P + 2, RULES.timeWait, { state: "TIME-WAIT" }),
          wait(1999, { expect: [], state: "TIME-WAIT", why: RULES.timeWait }),
          wait(1, { expect: [], state: "CLOSED", why: RULES.timeWait }),
        ]);
      },
    );
  });

  describe("RST and SYN checks (RFC 5961)", () => {
    it(
      "resets on a RST exactly at RCV.NXT, challenges one elsewhere in the window, ignores one outside",
      { points: 4, rule: RULES.rst, hint: "Outside the window: drop silently. SEG.SEQ = RCV.NXT: CLOSED (and stop every timer). Anywhere else in the window: challenge ACK <SEQ=SND.NXT><ACK=RCV.NXT>." },
      (t) => {
        const c = config({ window: 1000 });
        return runScript(t, c, [
          ...opened(c, 0xfffffff0),
          acked(c, { seq: 0xfffffff1, ack: 101, flags: "ACK", data: "61 62" }, 101, 0xfffffff3, RULES.data, { deliver: "61 62" }),
          { step: { do: "send", hex: ABC }, say: "", expect: [{ flags: "ACK", seq: 101, ack: 0xfffffff3, data: ABC }] },
          acked(c, { seq: 0xfffffff4, flags: "RST" }, 104, 0xfffffff3, RULES.rst, { state: "ESTABLISHED" }),
          acked(c, { seq: 0x3da, flags: "RST" }, 104, 0xfffffff3, `${RULES.rst} (RCV.NXT + RCV.WND − 1)`, { state: "ESTABLISHED" }),
          ignored(c, { seq: 0x3db, flags: "RST" }, `${RULES.rst} (RCV.NXT + RCV.WND)`, { state: "ESTABLISHED" }),
          ignored(c, { seq: 0xfffffff2, flags: "RST" }, `${RULES.rst} (RCV.NXT − 1)`, { state: "ESTABLISHED" }),
          acked(c, { seq: 0xfffffff4, ack: 104, flags: "RST,ACK" }, 104, 0xfffffff3, RULES.rst, { state: "ESTABLISHED" }),
          ignored(c, { seq: 0xfffffff3, flags: "RST" }, RULES.rst, { state: "CLOSED" }),
          wait(5000, { expect: [], why: "A reset connection retransmits nothing" }),
        ]);
      },
    );

    it(
      "answers a SYN in a synchronized state with a challenge ACK",
      { points: 3, rule: RULES.syn, hint: "After the first check, a SYN (in the window or not) gets <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and is dropped: no reset, no new connection." },
      (t) => {
        const c = config();
        return runScript(t, c, [
          ...accepted(c),
          acked(c, { seq: P + 50, flags: "SYN" }, 101, P + 1, RULES.syn, { state: "ESTABLISHED" }),
          acked(c, { seq: P + 1, ack: 101, flags: "SYN,ACK" }, 101, P + 1, RULES.syn, { state: "ESTABLISHED" }),
          acked(c, { seq: 77, flags: "SYN" }, 101, P + 1, RULES.sequence, { state: "ESTABLISHED" }),
          acked(c, { seq: P + 1, ack: 101, flags: "SYN,ACK", data: ABC }, 101, P + 1, `${RULES.syn}: its data is dropped too`, { state: "ESTABLISHED", deliver: "" }),
          { step: { do: "close" }, say: "", expect: [{ flags: "FIN,ACK", seq: 101, ack: P + 1 }] },
          acked(c, { seq: P + 1, flags: "SYN" }, 102, P + 1, RULES.syn, { state: "FIN-WAIT-1" }),
        ]);
      },
    );

    it(
      "resets on an exact RST right after the handshake, with RCV.NXT past 2^31",
      { points: 1, rule: RULES.rst, hint: "RCV.NXT is a 32-bit unsigned number: compare SEG.SEQ with it modulo 2^32, whatever the peer's ISS." },
      (t) => {
        const c = config();
        const Q = 0x9ffffff0; // the peer's ISS: RCV.NXT = Q + 1, past 2^31, before any data arrives
        return runScript(t, c, [...opened(c, Q), ignored(c, { seq: Q + 1, flags: "RST" }, RULES.rst, { state: "CLOSED" }), wait(5000, { expect: [], state: "CLOSED" })]);
      },
    );

    it(
      "applies the RST checks in every synchronized state",
      { points: 3, rule: RULES.rst, hint: "The same three cases in CLOSE-WAIT, FIN-WAIT-2, TIME-WAIT...: the exact RST closes the connection whatever the state." },
      (t) => {
        const c = config({ mslMs: 1000 });
        const Q = 0xa0000000; // the peer's ISS: RCV.NXT past 2^31
        return runScript(t, c, [
          ...opened(c, Q),
          acked(c, { seq: Q + 1, ack: 101, flags: "FIN,ACK", data: ABC }, 101, Q + 5, RULES.fin, { state: "CLOSE-WAIT", deliver: ABC }),
          acked(c, { seq: Q + 5, ack: 101, flags: "FIN,ACK" }, 101, Q + 6, `${RULES.fin}: a FIN at RCV.NXT in CLOSE-WAIT is acknowledged, and the state stays CLOSE-WAIT (RFC 9293 §3.10.7.4, eighth step)`, { state: "CLOSE-WAIT" }),
          acked(c, { seq: Q + 7, flags: "RST" }, 101, Q + 6, RULES.rst, { state: "CLOSE-WAIT" }),
          ignored(c, { seq: Q + 6, flags: "RST" }, RULES.rst, { state: "CLOSED" }),
        ]);
      },
    );

    it(
      "a RST at RCV.NXT ends FIN-WAIT-2 and TIME-WAIT too",
      { points: 2, rule: RULES.rst, hint: "RFC 9293 §3.10.7.4 second check: in CLOSING, LAST-ACK and TIME-WAIT as in the others, an exact RST means CLOSED." },
      (t) => {
        const c = config({ mslMs: 1000 });
        return runScript(t, c, [
          ...opened(c),
          { step: { do: "close" }, say: "", expect: [{ flags: "FIN,ACK", seq: 101, ack: P + 1 }] },
          acked(c, { seq: P + 1, ack: 102, flags: "FIN,ACK" }, 102, P + 2, RULES.fin, { state: "TIME-WAIT" }),
          acked(c, { seq: P + 3, flags: "RST" }, 102, P + 2, RULES.rst, { state: "TIME-WAIT" }),
          ignored(c, { seq: P + 2, flags: "RST" }, RULES.rst, { state: "CLOSED" }),
          wait(5000, { expect: [], state: "CLOSED" }),
        ]);
      },
    );
  });

  describe("recorded Linux traces", () => {
    it(
      "takes the Linux client's place: connect, hello, world!, close, TIME-WAIT",
      { points: 4, rule: RULES.traces, hint: "Read SEG.SEQ and SEG.ACK as unsigned 32-bit numbers; the recorded segments carry options: the data starts at Data Offset × 4." },
      (t) => {
        const trace = TRACES.handshake;
        const c = traceConfig(trace, 40001, { mslMs: 1000 });
        const own = (i: number) => linux(trace, i);
        return runScript(t, c, [
          { step: { do: "connect" }, say: "", expect: [own(0)], state: "SYN-SENT" },
          replay(trace, 1, [2], "ESTABLISHED"),
          { step: { do: "send", hex: HELLO }, say: "", expect: [own(3)] },
          replay(trace, 4, [], "ESTABLISHED"),
          replay(trace, 5, [6], "ESTABLISHED", { deliver: WORLD }),
          { step: { do: "close" }, say: "", expect: [own(7)], state: "FIN-WAIT-1" },
          replay(trace, 8, [], "FIN-WAIT-2"),
          replay(trace, 9, [10], "TIME-WAIT"),
          wait(1999, { state: "TIME-WAIT" }),
          wait(1, { state: "CLOSED" }),
        ]);
      },
    );

    it(
      "takes the Linux server's place while segments are injected: out of window, old, unsent ACK, RSTs, SYN",
      {
        points: 5,
        rule: `${RULES.traces}. ${RULES.sequence}. ${RULES.ack}. ${RULES.rst}. ${RULES.syn}`,
        hint: "Linux (a kernel with RFC 5961) answered: ACK, ACK, ACK, nothing, challenge ACK, challenge ACK, nothing (reset), then RST for the FIN that met the closed connection.",
      },
      (t) => {
        const trace = TRACES.injected;
        return runScript(t, traceConfig(trace, 5003), [
          { step: { do: "listen" }, say: "" },
          replay(trace, 0, [1], "SYN-RECEIVED"),
          replay(trace, 2, [], "ESTABLISHED"),
          replay(trace, 3, [4], "ESTABLISHED", { deliver: ABC }),
          replay(trace, 5, [6], "ESTABLISHED", { why: RULES.sequence }),
          // Linux added a D-SACK block (RFC 2883) to this ACK; the lab sends no options.
          replay(trace, 7, [8], "ESTABLISHED", { why: RULES.sequence }),
          replay(trace, 9, [10], "ESTABLISHED", { why: RULES.ack }),
          replay(trace, 11, [], "ESTABLISHED", { why: RULES.rst }),
          replay(trace, 12, [13], "ESTABLISHED", { why: RULES.rst }),
          replay(trace, 14, [15], "ESTABLISHED", { why: RULES.syn }),
          replay(trace, 16, [], "CLOSED", { why: RULES.rst }),
          replay(trace, 17, [18], "CLOSED", { why: RULES.closedPort }),
        ]);
      },
    );

    it(
      "takes the Linux client's place at a closed port: connection refused",
      { points: 2, rule: `${RULES.traces}. ${RULES.synSent}`, hint: "The RST,ACK acknowledges the SYN (ack ISS + 1), so the RST is believed: CLOSED." },
      (t) => {
        const trace = TRACES.closedPort;
        return runScript(t, traceConfig(trace, 40002), [
          { step: { do: "connect" }, say: "", expect: [linux(trace, 0)], state: "SYN-SENT" },
          replay(trace, 1, [], "CLOSED"),
          wait(5000, { expect: [] }),
        ]);
      },
    );
  });

  describe("end to end", () => {
    it(
      "two of your connections open, exchange data and close over a lossy link (random seeds, losses, sizes)",
      { points: 5, rule: RULES.pair, hint: "If data never arrives, look at retransmission; if a side never reaches CLOSED, look at the FIN's retransmission and TIME-WAIT." },
      (t) => checkPairs(t, { runs: 6, salt: 1 }),
    );

    it(
      "two of your connections over the hostile link (loss, duplicates, reordering, corruption)",
      { points: 3, rule: RULES.pair, hint: "Duplicated and reordered segments must be recognised by their sequence numbers; corrupted ones never reach you (the link's receiver drops them)." },
      (t) => checkPairs(t, { runs: 3, salt: 2, profile: "hostile" }),
    );
  });
});

function be32(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** `segment` (from the config's remote end) with Data Offset `words` and the checksum fixed. */
function withOffset(c: ConfigSpec, segment: Uint8Array, words: number): string {
  const copy = segment.slice();
  copy[12] = words << 4;
  return withSeq(c, copy, read32(copy, 4));
}

/** `segment` (from the config's remote end) with its sequence number set to `seq` and the checksum fixed. */
function withSeq(c: ConfigSpec, segment: Uint8Array, seq: number): string {
  const copy = segment.slice();
  copy.set(be32(seq), 4);
  copy[16] = 0;
  copy[17] = 0;
  const sum = internetChecksum(copy, pseudoHeaderSum(parseIpv4Address(c.remoteAddress), parseIpv4Address(c.localAddress), IP_PROTOCOL.TCP, copy.length));
  copy[16] = sum >> 8;
  copy[17] = sum & 0xff;
  return toHex(copy);
}
