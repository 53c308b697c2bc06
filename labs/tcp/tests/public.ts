/**
 * Public tests for the tcp lab: RFC 9293's own handshake example and two
 * recorded Linux traces, with every expected segment written out or taken
 * from the recording. The hidden tests check much more.
 */
import { defineTests } from "#labs/kit/index.ts";
import { arrives, config, runScript } from "./check.ts";
import { RULES } from "./rules.ts";
import { HELLO, linux, replay, TRACES, traceConfig, WORLD, type Trace } from "./traces.ts";

export default defineTests(({ describe, it }) => {
  describe("opening", () => {
    it(
      "opens actively as peer A of RFC 9293's Figure 6: SYN 100, SYN,ACK 300/101, ACK 101/301",
      { points: 3, rule: RULES.activeOpen, hint: "connect(): send SYN with seq ISS, SND.NXT = ISS + 1. On a SYN,ACK that acknowledges ISS + 1: RCV.NXT = SEG.SEQ + 1, state ESTABLISHED, answer ACK seq SND.NXT ack RCV.NXT." },
      (t) => {
        const c = config({ iss: 100 });
        return runScript(t, c, [
          { step: { do: "connect" }, say: "", expect: [{ flags: "SYN", seq: 100 }], state: "SYN-SENT" },
          { step: arrives(c, { seq: 300, ack: 101, flags: "SYN,ACK" }), say: "", expect: [{ flags: "ACK", seq: 101, ack: 301 }], state: "ESTABLISHED" },
        ]);
      },
    );

    it(
      "answers a SYN to a closed port with RST,ACK, like Linux did",
      { points: 2, rule: RULES.closedPort, hint: "A Connection nobody opened is CLOSED. The SYN has no ACK: answer seq 0, ack SEG.SEQ + SEG.LEN (the SYN counts 1), flags RST,ACK." },
      (t) => {
        const trace = TRACES.closedPort;
        return runScript(t, traceConfig(trace, 5002), [replay(trace, 0, [1], "CLOSED")]);
      },
    );
  });

  describe("a recorded Linux connection", () => {
    it(
      "takes the Linux server's place: handshake, hello, world!, the client's FIN, then ours",
      {
        points: 5,
        rule: RULES.traces,
        hint: "The recorded segments carry options (Data Offset 8 or 10): the data starts at Data Offset × 4. Answer each data segment and each FIN with one ACK at once.",
      },
      (t) => {
        const trace = TRACES.handshake;
        return runScript(t, traceConfig(trace, 5001), [
          { step: { do: "listen" }, say: "", state: "LISTEN" },
          replay(trace, 0, [1], "SYN-RECEIVED"),
          replay(trace, 2, [], "ESTABLISHED"),
          replay(trace, 3, [4], "ESTABLISHED", { deliver: HELLO }),
          { step: { do: "send", hex: WORLD }, say: "", expect: [{ flags: "ACK", ...seqAck(trace, 5), data: WORLD }] },
          replay(trace, 6, [], "ESTABLISHED"),
          // Linux sent its ACK of the FIN 47 ms later (a delayed ACK, RFC 1122 §4.2.3.2); the lab pins an immediate one.
          replay(trace, 7, [8], "CLOSE-WAIT", { why: RULES.fin }),
          { step: { do: "close" }, say: "", expect: [{ flags: "FIN,ACK", ...seqAck(trace, 9) }], state: "LAST-ACK" },
          replay(trace, 10, [], "CLOSED", { why: RULES.fin }),
        ]);
      },
    );
  });
});

/** seq and ack of recorded segment i. */
function seqAck(trace: Trace, i: number): { seq: number; ack: number } {
  const e = linux(trace, i);
  return { seq: e.seq, ack: e.ack! };
}
