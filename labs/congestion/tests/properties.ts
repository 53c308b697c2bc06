/**
 * The differential test: seeded random event sequences (oracle/sequences.ts)
 * through the learner's controller, each state compared with the tests' RFC
 * model (oracle/model.ts), event by event. fast-check shrinks a failure to
 * the shortest sequence that still fails, and the message lists it.
 */
import type { TestRegistry } from "#labs/kit/define-tests.ts";
import { checkProperty } from "#labs/kit/property.ts";
import type { ControllerState } from "../scenarios.ts";
import { expectConforms } from "./oracle/conformance.ts";
import { eventsOf, sequences } from "./oracle/sequences.ts";
import { RULES } from "./rules.ts";

export function declarePropertyTests({ describe, it }: TestRegistry): void {
  describe("random event sequences", () => {
    it(
      "every state after every event is one the RFCs allow (a model of RFC 5681, 6582 and 6298, event by event)",
      {
        points: 8,
        rule: RULES.everyEvent,
        hint: "Replay the listed events on your controller (the events scenario: `new CongestionController(options)`, then each call in order) and compare each state with the rule quoted.",
      },
      async (t) => {
        await checkProperty(
          t,
          {
            arbitrary: sequences,
            runs: 120,
            salt: 6582,
            show: (sequence) => `options ${JSON.stringify(sequence.options)}, ${eventsOf(sequence).length} events (listed above, up to the first wrong state)`,
          },
          async (sequence) => {
            const events = eventsOf(sequence);
            const states = await t.run<ControllerState[]>("events", { options: sequence.options, events });
            expectConforms(sequence.options, events, states, "Feed these events to your controller one by one and compare.");
          },
        );
      },
    );
  });
}
