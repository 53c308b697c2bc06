/**
 * The dns lab's harness: it runs inside the sandbox next to the learner's
 * module and is the only code that calls it. `encode` and `decode` call the
 * codec; `resolve` runs the learner's Resolver against simulated name
 * servers (servers.ts) on a virtual clock (network.ts). Whatever the learner
 * returns is copied and checked here.
 */
import { copyBytes, defineHarness, exportedClass, exportedFunction, thrownMessage, type LearnerModule } from "#labs/kit/harness.ts";
import { toHex, fromHex } from "#labs/kit/hex.ts";
import type { DemoInput, DemoResult } from "#labs/kit/demo.ts";
import type { DecodeInput, Decoded, EncodeInput, Encoded, ResolveInput, ResolveResult } from "./scenarios.ts";
import { messageView } from "./read.ts";
import { runResolver, type ResolverDriver } from "./network.ts";
import { demo } from "./demo.ts";

const GUARD = 0xee;

export default defineHarness({
  encode: (input: EncodeInput, learner: LearnerModule): Encoded[] => {
    const encodeQuery = exportedFunction(learner, "encodeQuery") as (q: unknown) => unknown;
    return input.queries.map((query) => {
      try {
        return { hex: toHex(copyBytes(encodeQuery({ ...query, edns: query.edns === null ? null : { ...query.edns } }), "encodeQuery()'s result")) };
      } catch (error) {
        return { error: thrownMessage(error) };
      }
    });
  },
  decode: (input: DecodeInput, learner: LearnerModule): Decoded[] => {
    const decodeMessage = exportedFunction(learner, "decodeMessage") as (bytes: Uint8Array) => unknown;
    const offset = input.offset ?? 0;
    return input.messages.map((hex) => {
      const bytes = fromHex(hex);
      const buffer = new Uint8Array(offset + bytes.length + (offset > 0 ? 5 : 0)).fill(GUARD);
      buffer.set(bytes, offset);
      let value: unknown;
      try {
        value = decodeMessage(buffer.subarray(offset, offset + bytes.length));
      } catch (error) {
        return { error: thrownMessage(error) };
      }
      // The caller may reuse its buffer once decodeMessage returns: data that is still a view of it now reads guard bytes.
      buffer.fill(GUARD);
      return { message: messageView(value) };
    });
  },
  resolve: (input: ResolveInput, learner: LearnerModule): ResolveResult => runResolver(input, driver(learner)).result,
  demo: (input: DemoInput, learner: LearnerModule): DemoResult => demo(input, driver(learner)),
});

type Instance = Record<"resolve" | "onResponse" | "onTimer", (...args: unknown[]) => unknown>;

/** The learner's Resolver behind the plain interface network.ts drives. */
function driver(learner: LearnerModule): ResolverDriver {
  return (config) => {
    const Resolver = exportedClass(learner, "Resolver") as new (config: unknown) => Instance;
    const resolver = new Resolver({ roots: [...config.roots], random: config.random });
    return {
      resolve: (name, type, now) => resolver.resolve(name, type, now),
      onResponse: (packet, now) => resolver.onResponse({ ...packet, bytes: packet.bytes.slice() }, now),
      onTimer: (now) => resolver.onTimer(now),
    };
  };
}
