/**
 * Hidden tests that drive one side alone, step by step (CS144's harness
 * style): the test plays the other side by writing its packets, so every
 * ACK number, every delivery and every timer is checked where it happens.
 */
import type { TestRegistry } from "#labs/kit/define-tests.ts";
import { fail, toHex as hex, type TestContext } from "#labs/kit/index.ts";
import type { ArqOptions, ScriptResult, ScriptStep } from "../scenarios.ts";
import { scriptMessage } from "../wire.ts";
import { options } from "./check.ts";
import { packetHex } from "./oracle.ts";
import { RULES } from "./rules.ts";

const DATA = 1;
const ACK = 2;

/**
 * One step and what it must cause. Offered messages are scriptMessage(i, size)
 * where i counts every offer step so far, refused ones included.
 */
interface Step {
  readonly step: ScriptStep;
  /** What the step is, for the learner ("ACK 2 arrives (stale: ACK 3 came first)"). */
  readonly label: string;
  /** Packets the object must send during the step, as hex, in order. */
  readonly sends?: readonly string[];
  /** Messages the receiver must deliver, as hex. */
  readonly delivers?: readonly string[];
  /** What offer must return. */
  readonly returns?: "true" | "false";
  /** Virtual time range (ms) the sends of a wait step must happen in. */
  readonly at?: readonly [number, number];
  /** Why, in a sentence, shown when the step goes wrong. */
  readonly why: string;
}


/** "DATA 3 (7 bytes of payload)" / "ACK 2" / the raw hex for anything else. */
function describePacket(packetHexText: string): string {
  const bytes = packetHexText === "" ? [] : packetHexText.split(" ").map((b) => parseInt(b, 16));
  if (bytes.length < 5) return `a ${bytes.length}-byte packet`;
  const seq = (bytes[1]! << 8) | bytes[2]!;
  const check = packetHex(bytes[0]!, seq, Uint8Array.from(bytes.slice(5)));
  const bad = check !== packetHexText ? " with a wrong checksum" : "";
  if (bytes[0] === DATA) return `DATA ${seq} (${bytes.length - 5} bytes of payload)${bad}`;
  if (bytes[0] === ACK) return `ACK ${seq}${bytes.length > 5 ? ` with ${bytes.length - 5} bytes of payload` : ""}${bad}`;
  return `a packet of type ${bytes[0]}`;
}

function describeList(packets: readonly string[]): string {
  return packets.length === 0 ? "nothing" : packets.map(describePacket).join(", ");
}

/** Runs the script and checks each step in order; the steps so far are shown when one goes wrong. */
async function expectScript(t: TestContext, role: "sender" | "receiver", opts: ArqOptions, steps: readonly Step[]): Promise<void> {
  t.step(`new ${role === "sender" ? "Sender" : "Receiver"}(${JSON.stringify(opts)}), then:`);
  const results = await t.run<ScriptResult>("script", { options: opts, role, steps: steps.map((s) => s.step) });
  for (const [i, expected] of steps.entries()) {
    const result = results[i]!;
    const sends = result.events.flatMap((e) => (e.kind === "send" ? [e.hex] : []));
    const delivers = result.events.flatMap((e) => (e.kind === "deliver" ? [e.hex] : []));
    const times = result.events.flatMap((e) => (e.kind === "send" ? [e.t] : []));
    const outcome = [
      result.threw === undefined ? undefined : `threw ${result.threw}`,
      result.returned === undefined ? undefined : `returned ${result.returned}`,
      `sent ${describeList(sends)}${times.length > 0 && "wait" in expected.step ? ` at ${times.map((x) => x.toFixed(1)).join(", ")} ms` : ""}`,
      role === "receiver" ? `delivered ${delivers.length === 0 ? "nothing" : delivers.map((d) => `[${d || "empty"}]`).join(", ")}` : undefined,
    ].filter((x) => x !== undefined);
    t.step(`${i + 1}. ${expected.label}: ${outcome.join("; ")}`);
    const problems: string[] = [];
    if (result.threw !== undefined) problems.push(`it threw ${result.threw}`);
    if (expected.returns !== undefined && result.returned !== expected.returns) problems.push(`offer must return ${expected.returns}`);
    const wantSends = expected.sends ?? [];
    if (wantSends.length !== sends.length || wantSends.some((h, k) => h !== sends[k])) {
      problems.push(`expected it to send ${describeList(wantSends)}, but it sent ${describeList(sends)}`);
    }
    const wantDelivers = expected.delivers ?? [];
    if (wantDelivers.length !== delivers.length || wantDelivers.some((h, k) => h !== delivers[k])) {
      problems.push(`expected it to deliver ${wantDelivers.length} message(s), but it delivered ${delivers.length}` +
        (delivers.length > 0 && wantDelivers.length === delivers.length ? " with the wrong bytes" : ""));
    }
    if (expected.at !== undefined && times.some((x) => x < expected.at![0] - 1e-6 || x > expected.at![1] + 1e-6)) {
      const [lo, hi] = expected.at;
      problems.push(`expected the sends at ${lo === hi ? `${lo} ms` : `${lo}..${hi} ms`}, not at ${times.map((x) => x.toFixed(3)).join(", ")} ms`);
    }
    if (problems.length > 0) fail(`step ${i + 1} (${expected.label}): ${problems.join("; ")}. ${expected.why}`);
  }
}

const data = (seq: number, message: Uint8Array) => packetHex(DATA, seq, message);
const ack = (seq: number) => packetHex(ACK, seq);
/** A packet with one bit of its checksum flipped. */
function corrupt(packet: string): string {
  const bytes = packet.split(" ");
  bytes[4] = (parseInt(bytes[4]!, 16) ^ 0x01).toString(16).padStart(2, "0");
  return bytes.join(" ");
}

export function scriptTests({ describe, it }: TestRegistry): void {
  describe("one side alone", () => {
    it(
      "Go-Back-N: duplicate ACKs do not restart the timer; stale, foreign and damaged ACKs change nothing",
      {
        points: 4,
        rule: RULES.ackAcceptance,
        hint:
          "Compute how far the ACK moves base, (ack − base) mod 2^seqBits, and act only when it is between 1 and next − base. " +
          "Only such an ACK restarts the timer. Check the type, the length (an ACK is 5 bytes) and the checksum before anything else.",
      },
      async (t) => {
        const opts = options("go-back-n", 4, 3, 100);
        const m = (i: number) => scriptMessage(i, 10);
        /** When ACK 3, the offers of messages 3..7 and ACK 5 happen (after the wait until 170 ms). */
        const T_ACK5 = 170;
        const steps: Step[] = [
          { step: { offer: 10 }, label: "offer message 0 at 0 ms", sends: [data(0, m(0))], returns: "true", why: "The window is empty." },
          { step: { offer: 10 }, label: "offer message 1", sends: [data(1, m(1))], returns: "true", why: "The window has room." },
          { step: { offer: 10 }, label: "offer message 2", sends: [data(2, m(2))], returns: "true", why: "The window has room." },
          { step: { wait: 10 }, label: "wait until 10 ms", why: "Nothing is due yet." },
          { step: { packet: ack(1) }, label: "ACK 1 arrives at 10 ms (new: message 0 acknowledged)", why: "A new ACK frees a slot; nothing to resend." },
          { step: { wait: 30 }, label: "wait until 40 ms", why: "The timer runs a full timeout from the last new ACK (or from message 1's send)." },
          { step: { packet: ack(1) }, label: "ACK 1 again at 40 ms (a duplicate)", why: "A duplicate ACK acknowledges nothing: no resend." },
          { step: { wait: 30 }, label: "wait until 70 ms", why: "Nothing is due yet." },
          { step: { packet: ack(1) }, label: "ACK 1 again at 70 ms (a duplicate)", why: "A duplicate ACK acknowledges nothing: no resend." },
          {
            step: { wait: 100 },
            label: "wait until 170 ms",
            sends: [data(1, m(1)), data(2, m(2))],
            at: [100, 110],
            why:
              "The timer for the oldest unacknowledged packet (message 1, sent at 0 ms) expires a timeout after the last new ACK (10 ms), " +
              "or after message 1 was sent: between 100 and 110 ms. A timer restarted by the duplicate ACKs would expire at 170 ms.",
          },
          { step: { packet: ack(3) }, label: "ACK 3 arrives (new: messages 1 and 2 acknowledged)", why: "Everything is acknowledged." },
          { step: { offer: 10 }, label: "offer message 3", sends: [data(3, m(3))], returns: "true", why: "The window is empty." },
          { step: { offer: 10 }, label: "offer message 4", sends: [data(4, m(4))], returns: "true", why: "The window has room." },
          { step: { offer: 10 }, label: "offer message 5", sends: [data(5, m(5))], returns: "true", why: "The window has room." },
          { step: { offer: 10 }, label: "offer message 6", sends: [data(6, m(6))], returns: "true", why: "Messages 3..6 fill the window of 4." },
          { step: { offer: 10 }, label: "offer message 7", returns: "false", why: "Messages 3..6 are unacknowledged: the window is full." },
          { step: { packet: ack(2) }, label: "ACK 2 arrives late (stale: ACK 3 came before it)", why: "(2 − 3) mod 8 = 7 > 4 outstanding: ignore it." },
          { step: { offer: 10 }, label: "offer message 7 again", returns: "false", why: "A stale ACK acknowledges nothing: the window is still full." },
          { step: { packet: ack(0) }, label: "ACK 0 arrives (message 8 was never sent)", why: "(0 − 3) mod 8 = 5 > 4 outstanding: ignore it." },
          { step: { offer: 10 }, label: "offer message 7 again", returns: "false", why: "An ACK for a packet never sent acknowledges nothing." },
          { step: { packet: corrupt(ack(7)) }, label: "ACK 7 arrives with a wrong checksum", why: "A corrupted packet is ignored like a lost one." },
          { step: { offer: 10 }, label: "offer message 7 again", returns: "false", why: "The corrupted ACK acknowledges nothing." },
          { step: { packet: packetHex(ACK, 7, Uint8Array.of(0)) }, label: "a 6-byte ACK 7 arrives (an ACK has no payload)", why: "A malformed packet is ignored." },
          { step: { offer: 10 }, label: "offer message 7 again", returns: "false", why: "The malformed ACK acknowledges nothing." },
          { step: { packet: packetHex(DATA, 7) }, label: "a DATA 7 packet arrives at the sender", why: "A sender takes only ACKs." },
          { step: { offer: 10 }, label: "offer message 7 again", returns: "false", why: "A DATA packet acknowledges nothing." },
          { step: { packet: ack(13) }, label: "ACK 13 arrives (3-bit numbers: 13 is out of range)", why: "A number of 2^seqBits or more is malformed: ignore it." },
          { step: { offer: 10 }, label: "offer message 7 again", returns: "false", why: "The malformed ACK acknowledges nothing (13 is not 5)." },
          { step: { packet: ack(5) }, label: "ACK 5 arrives (messages 3 and 4 acknowledged)", why: "A new ACK: nothing to resend." },
          { step: { offer: 10 }, label: "offer message 7 again", sends: [data(7, m(14))], returns: "true", why: "Two slots are free now." },
          { step: { wait: 50 }, label: "wait 50 ms", why: "The timer runs from the ACK 5 above (or from message 5's send): nothing is due yet." },
          { step: { offer: 10 }, label: "offer message 8, 50 ms after ACK 5", sends: [data(0, m(15))], returns: "true", why: "Messages 5..7 are outstanding: one slot is free." },
          { step: { packet: ack(8) }, label: "ACK 8 arrives (3-bit numbers: 8 = 2^3 is out of range)", why: "A number of 2^seqBits or more is malformed: ignore it (it is not ACK 0)." },
          { step: { offer: 10 }, label: "offer message 9", returns: "false", why: "Messages 5..8 are outstanding: the window is full, since ACK 8 acknowledged nothing." },
          {
            step: { wait: 100 },
            label: "wait 100 ms more",
            sends: [data(5, m(5)), data(6, m(6)), data(7, m(14)), data(0, m(15))],
            at: [T_ACK5 + 100, T_ACK5 + 100],
            why:
              `Message 5, the oldest unacknowledged, was sent at ${T_ACK5} ms, when ACK 5 also arrived: the timer expires at ${T_ACK5 + 100} ms and ` +
              "resends messages 5..8. Sending a new message must not restart the timer (it guards the oldest packet, not the newest).",
          },
        ];
        await expectScript(t, "sender", opts, steps);
      },
    );

    it(
      "Selective Repeat: out-of-order, duplicate and stale ACKs, and one timer per packet",
      {
        points: 4,
        rule: RULES.ackAcceptance,
        hint:
          "Unwrap an ACK's number relative to base: n = base + (ack − base) mod 2^seqBits. Ignore it when n ≥ next (not sent) or n is " +
          "already acknowledged; otherwise mark n, cancel its timer and slide base past the acknowledged packets at its front.",
      },
      async (t) => {
        const opts = options("selective-repeat", 2, 2, 100);
        const m = (i: number) => scriptMessage(i, 5);
        const steps: Step[] = [
          { step: { offer: 5 }, label: "offer message 0 at 0 ms", sends: [data(0, m(0))], returns: "true", why: "The window is empty." },
          { step: { offer: 5 }, label: "offer message 1", sends: [data(1, m(1))], returns: "true", why: "The window has room." },
          { step: { offer: 5 }, label: "offer message 2", returns: "false", why: "Messages 0 and 1 fill the window of 2." },
          { step: { wait: 10 }, label: "wait until 10 ms", why: "Nothing is due yet." },
          { step: { packet: ack(1) }, label: "ACK 1 arrives first (out of order)", why: "Packet 1 is acknowledged; base stays at 0." },
          { step: { offer: 5 }, label: "offer message 2 again", returns: "false", why: "Message 0 is still unacknowledged, so base has not moved." },
          { step: { packet: ack(0) }, label: "ACK 0 arrives", why: "Base slides past 0 and 1." },
          { step: { offer: 5 }, label: "offer message 2 again", sends: [data(2, m(4))], returns: "true", why: "The window is empty again." },
          { step: { offer: 5 }, label: "offer message 3", sends: [data(3, m(5))], returns: "true", why: "The window has room." },
          { step: { offer: 5 }, label: "offer message 4", returns: "false", why: "Messages 2 and 3 fill the window." },
          { step: { packet: ack(0) }, label: "ACK 0 arrives again (stale: it was for message 0; message 4 is not sent yet)", why: "Ignore it." },
          { step: { packet: ack(1) }, label: "ACK 1 arrives again (a duplicate)", why: "Ignore it." },
          { step: { offer: 5 }, label: "offer message 4 again", returns: "false", why: "Neither ACK acknowledged anything outstanding." },
          { step: { packet: ack(3) }, label: "ACK 3 arrives", why: "Packet 3 is acknowledged; base stays at 2." },
          {
            step: { wait: 150 },
            label: "wait until 160 ms",
            sends: [data(2, m(4))],
            at: [110, 110],
            why: "Only packet 2 is unacknowledged; its own timer, started when it was sent at 10 ms, expires at 110 ms. Packet 3 was acknowledged.",
          },
          { step: { packet: ack(2) }, label: "ACK 2 arrives", why: "Base slides past 2 and 3." },
          { step: { offer: 5 }, label: "offer message 4 again", sends: [data(0, m(8))], returns: "true", why: "Message 4 travels as number 0." },
          { step: { offer: 5 }, label: "offer message 5", sends: [data(1, m(9))], returns: "true", why: "The window has room." },
          { step: { offer: 5 }, label: "offer message 6", returns: "false", why: "Messages 4 and 5 fill the window: the stale ACK 0 did not acknowledge message 4." },
        ];
        await expectScript(t, "sender", opts, steps);
      },
    );

    it(
      "Selective Repeat receiver: ACKs each packet in its window, buffered duplicates again, the window before it again, and nothing else",
      {
        points: 4,
        rule: RULES.ackRules,
        hint:
          "offset = (seq − rcv_base) mod 2^seqBits. offset < window: buffer it (if new) and ACK seq, even when it is already buffered; " +
          "offset ≥ 2^seqBits − window: ACK seq again, deliver nothing; otherwise ignore it. Numbers of 2^seqBits or more are malformed.",
      },
      async (t) => {
        const opts = options("selective-repeat", 3, 3);
        const p = (n: number) => scriptMessage(n, n === 2 ? 0 : 4 + n);
        const steps: Step[] = [
          { step: { packet: data(1, p(1)) }, label: "DATA 1 arrives (rcv_base 0, window 0..2)", sends: [ack(1)], why: "Buffer it and ACK it; 0 is missing." },
          { step: { packet: data(1, p(1)) }, label: "DATA 1 arrives again", sends: [ack(1)], why: "It is buffered already, but the sender did not get the first ACK: ACK it again, deliver nothing." },
          { step: { packet: data(2, p(2)) }, label: "DATA 2 (an empty message) arrives", sends: [ack(2)], why: "Buffer it and ACK it." },
          {
            step: { packet: data(0, p(0)) },
            label: "DATA 0 arrives",
            sends: [ack(0)],
            delivers: [hex(p(0)), hex(p(1)), hex(p(2))],
            why: "ACK 0 and deliver 0, 1 and 2 in order; rcv_base becomes 3.",
          },
          { step: { packet: data(0, p(0)) }, label: "DATA 0 arrives again (rcv_base 3)", sends: [ack(0)], why: "It is in the window before rcv_base (0..2): ACK it again, deliver nothing." },
          { step: { packet: data(7, p(7)) }, label: "DATA 7 arrives (rcv_base 3)", why: "7 is neither in 3..5 nor in 0..2: ignore it." },
          { step: { packet: data(6, p(6)) }, label: "DATA 6 arrives", why: "6 is neither in 3..5 nor in 0..2: ignore it." },
          { step: { packet: data(5, p(5)) }, label: "DATA 5 arrives", sends: [ack(5)], why: "In the window: buffer it and ACK it." },
          { step: { packet: corrupt(data(4, p(4))) }, label: "DATA 4 arrives with a wrong checksum", why: "A corrupted packet is ignored: no ACK, no delivery." },
          { step: { packet: packetHex(ACK, 3) }, label: "an ACK 3 arrives at the receiver", why: "A receiver takes only DATA." },
          { step: { packet: "01 00 03 00" }, label: "a 4-byte packet arrives", why: "Shorter than a header: ignore it." },
          { step: { packet: data(8, p(0)) }, label: "DATA 8 arrives (3-bit numbers: 8 = 2^3 is out of range)", why: "A number of 2^seqBits or more is malformed: ignore it (it is not DATA 0)." },
          { step: { packet: data(3, p(3)) }, label: "DATA 3 arrives", sends: [ack(3)], delivers: [hex(p(3))], why: "ACK 3 and deliver it; 4 is still missing." },
          { step: { packet: data(4, p(4)) }, label: "DATA 4 arrives", sends: [ack(4)], delivers: [hex(p(4)), hex(p(5))], why: "ACK 4 and deliver 4 and the buffered 5." },
        ];
        await expectScript(t, "receiver", opts, steps);
        // 16-bit numbers: a 4-byte packet whose checksum happens to match (01 fe ff ff) is still too short to be a packet.
        const wide = options("selective-repeat", 32768, 16);
        await expectScript(t, "receiver", wide, [
          { step: { packet: "01 fe ff ff" }, label: "a 4-byte packet 01 fe ff ff arrives", why: "Shorter than a header: ignore it, whatever its bytes say." },
          { step: { packet: data(65279, p(1)) }, label: "DATA 65279 arrives (rcv_base 0)", sends: [ack(65279)], why: "It is in the window before rcv_base: ACK it again." },
        ]);
      },
    );

    it(
      "Go-Back-N receiver: one cumulative ACK per intact DATA, naming the number it expects next",
      {
        points: 3,
        rule: RULES.ackRules,
        hint: "Deliver only the expected number; then, new or not, ACK the number you expect next (it wraps after 2^seqBits − 1).",
      },
      async (t) => {
        const opts = options("go-back-n", 3, 2);
        const p = (n: number) => scriptMessage(n, n + 1);
        const steps: Step[] = [
          { step: { packet: data(1, p(1)) }, label: "DATA 1 arrives first", sends: [ack(0)], why: "0 is expected: deliver nothing, ACK 0 (a duplicate ACK)." },
          { step: { packet: data(0, p(0)) }, label: "DATA 0 arrives", sends: [ack(1)], delivers: [hex(p(0))], why: "Deliver it, ACK 1." },
          { step: { packet: data(0, p(0)) }, label: "DATA 0 arrives again", sends: [ack(1)], why: "Already delivered: ACK 1 again, deliver nothing." },
          { step: { packet: corrupt(data(1, p(1))) }, label: "DATA 1 arrives with a wrong checksum", why: "Ignore it: no ACK." },
          { step: { packet: data(1, p(1)) }, label: "DATA 1 arrives", sends: [ack(2)], delivers: [hex(p(1))], why: "Deliver it, ACK 2." },
          { step: { packet: data(2, p(2)) }, label: "DATA 2 arrives", sends: [ack(3)], delivers: [hex(p(2))], why: "Deliver it, ACK 3." },
          { step: { packet: data(3, p(3)) }, label: "DATA 3 arrives", sends: [ack(0)], delivers: [hex(p(3))], why: "Deliver it; 2-bit numbers wrap: ACK 0." },
          { step: { packet: packetHex(ACK, 0) }, label: "an ACK 0 arrives at the receiver", why: "A receiver takes only DATA." },
          { step: { packet: data(0, p(4)) }, label: "DATA 0 (message 4) arrives", sends: [ack(1)], delivers: [hex(p(4))], why: "Deliver it, ACK 1." },
        ];
        await expectScript(t, "receiver", opts, steps);
      },
    );
  });
}
