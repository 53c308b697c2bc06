/**
 * Random event sequences a real sender could produce: a small sender model
 * (SND.UNA, SND.MAX, its duplicate-ACK counter) turns drawn "intents" into
 * the events the harness feeds the controller, with consistent info. The
 * intents are what fast-check draws and shrinks; an ACK's target is chosen
 * among the places where rules change (exactly the highest byte sent when
 * loss was detected, one byte short of it, one SMSS, less than one SMSS, a
 * stretch ACK), so boundaries come up often.
 */
import { fc } from "#labs/kit/property.ts";
import type { ControllerEvent, ControllerOptions, InfoInput } from "#labs/congestion/scenarios.ts";

/** One drawn step of a sender's life. */
export type Intent =
  | { readonly k: "send"; readonly segments: number }
  | { readonly k: "ack"; readonly target: number; readonly small: number }
  | { readonly k: "acks"; readonly count: number }
  | { readonly k: "dups"; readonly count: number }
  | { readonly k: "timeout" }
  | { readonly k: "rtt"; readonly ms: number; readonly retransmitted: boolean };

export interface Sequence {
  readonly options: ControllerOptions;
  readonly intents: readonly Intent[];
}

const intent: fc.Arbitrary<Intent> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant("send" as const), segments: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant("ack" as const), target: fc.integer({ min: 0, max: 7 }), small: fc.integer({ min: 1, max: 999 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("acks" as const), count: fc.integer({ min: 2, max: 30 }) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant("dups" as const), count: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("timeout" as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant("rtt" as const), ms: fc.oneof(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 3000 })), retransmitted: fc.boolean() }),
  },
);

export const sequences: fc.Arbitrary<Sequence> = fc.record({
  options: fc.record({
    smss: fc.constantFrom(1000, 1460, 536, 2200),
    minRtoMs: fc.constantFrom(undefined, 0, 200),
    granularityMs: fc.constantFrom(undefined, 0, 10),
  }).map(({ smss, minRtoMs, granularityMs }) => ({
    smss,
    ...(minRtoMs === undefined ? {} : { minRtoMs }),
    ...(granularityMs === undefined ? {} : { granularityMs }),
  })),
  intents: fc.array(intent, { minLength: 1, maxLength: 40 }),
});

/** The events a sender would report for `sequence`'s intents. */
export function eventsOf(sequence: Sequence): ControllerEvent[] {
  const smss = sequence.options.smss;
  const events: ControllerEvent[] = [];
  let una = 0;
  let high = 0;
  let dups = 0;
  /** SND.MAX when the sender last saw a third duplicate ACK or a timeout: where full ACKs begin. */
  let mark = 0;
  const info = (): InfoInput => ({ flightSize: high - una, ack: una, highestSent: high });
  const send = (segments: number) => {
    high += segments * smss;
  };
  const ackTo = (target: number) => {
    const ack = Math.min(Math.max(target, una + 1), high);
    events.push({ kind: "newAck", bytes: ack - una, info: { flightSize: high - ack, ack, highestSent: high } });
    una = ack;
    dups = 0;
  };
  for (const step of sequence.intents) {
    switch (step.k) {
      case "send":
        send(step.segments);
        break;
      case "ack": {
        if (high === una) send(2);
        const targets = [una + smss, una + step.small, una + 2 * smss, una + 3 * smss, mark, mark - 1, high, mark + smss];
        ackTo(targets[step.target] ?? high);
        break;
      }
      case "acks":
        for (let k = 0; k < step.count; k++) {
          if (high - una < 2 * smss) send(4);
          ackTo(una + smss);
        }
        break;
      case "dups":
        if (high === una) send(4);
        for (let k = 0; k < step.count; k++) {
          dups++;
          if (dups === 3) mark = high;
          events.push({ kind: "dupAck", count: dups, info: info() });
        }
        break;
      case "timeout":
        if (high === una) send(1);
        events.push({ kind: "timeout", info: info() });
        mark = high;
        dups = 0;
        break;
      case "rtt":
        events.push({ kind: "rtt", ms: step.ms, retransmitted: step.retransmitted });
        break;
    }
  }
  return events;
}
