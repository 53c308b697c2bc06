/**
 * The hpack lab's test support, checked in Node:
 * - the recorded fixtures the public tests use (how each RFC 7541 Appendix C
 *   block is written) match what the hidden tests' own decoder reads;
 * - no public test or harness module imports an answer (issue 17): the
 *   oracles, the block builders and the hidden test files stay out of the
 *   public import graph;
 * - crash.ts tells engine errors (crashes) from errors thrown on purpose,
 *   whatever their class (issue 11).
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { isCrash, isNotAnError } from "#labs/hpack/tests/crash.ts";
import { ReferenceDecoder } from "#labs/hpack/tests/oracle/decoder.ts";
import { C2, C3, C4, C5, C6 } from "#labs/hpack/tests/rfc-examples.ts";
import { thrownMessage } from "#labs/kit/harness.ts";

const lab = resolve(import.meta.dirname, "../../labs/hpack");
const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));

describe("recorded fixtures", () => {
  it.each([C3, C4, C5, C6].map((s) => [s.section, s] as const))("%s: the notes are how the tests' decoder reads each block", (_name, sequence) => {
    const reader = new ReferenceDecoder(sequence.maxTableSize);
    for (const block of sequence.blocks) {
      const read = reader.read(fromHex(block.hex));
      expect(read.notes).toEqual(block.notes);
      expect(read.fields.map((f) => [f.name, f.value])).toEqual(block.headers);
      expect(reader.table).toEqual(block.table);
      expect(reader.size).toBe(block.size);
    }
  });

  it("C.2: the notes are how the tests' decoder reads each example", () => {
    for (const example of C2) expect(new ReferenceDecoder().read(fromHex(example.hex)).notes).toEqual(example.notes);
  });
});

/** Every module `entry` imports, transitively (relative imports only). */
function importGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(entry, "utf8");
  for (const [, spec] of source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"/gms)) importGraph(join(dirname(entry), spec!), seen);
  return seen;
}

describe("public tests and harness import no answer (issue 17)", () => {
  it.each(["tests/public.ts", "harness.ts"])("%s", (file) => {
    const graph = [...importGraph(join(lab, file))].map((path) => relative(lab, path)).filter((path) => !path.startsWith(".."));
    const answers = graph.filter((path) => /^(solution\.ts|variants\/|mutants\/|tests\/(oracle\/|blocks|hidden|edges|properties|arbitraries|random-headers))/.test(path));
    expect(answers).toEqual([]);
  });
});

describe("crash or deliberate error", () => {
  const thrown = (work: () => unknown) => {
    try {
      work();
    } catch (error) {
      return thrownMessage(error);
    }
    throw new Error("did not throw");
  };
  const nothing = undefined as unknown as { a: { b: number } };

  it("counts what the engine throws as a crash", () => {
    const crashes = [
      thrown(() => nothing.a.b),
      thrown(() => (nothing as unknown as () => void)()),
      thrown(() => [...(nothing as unknown as number[])]),
      thrown(() => new Array(-1)),
      thrown(() => ([] as number[]).reduce((a, b) => a + b)),
      thrown(function recurse(): number {
        return recurse() + 1;
      }),
      thrown(() => new Uint8Array(4).set([1, 2, 3, 4, 5])),
      "TypeError: can't access property \"name\", entry is undefined", // Firefox
      "TypeError: undefined is not an object (evaluating 'entry.name')", // Safari
      "InternalError: too much recursion", // Firefox
    ];
    for (const message of crashes) expect([message, isCrash(message)]).toEqual([message, true]);
  });

  it("accepts any Error class thrown on purpose", () => {
    const deliberate = [
      thrown(() => {
        throw new TypeError("index 0 is not a valid index");
      }),
      thrown(() => {
        throw new RangeError("integer over 2^31 - 1");
      }),
      thrown(() => {
        throw new Error("Huffman padding of 8 bits");
      }),
      thrown(() => {
        throw new Error();
      }),
      "HpackError: Cannot read properties of undefined (its own message, but its own class)",
    ];
    for (const message of deliberate) expect([message, isCrash(message)]).toEqual([message, false]);
    expect(isNotAnError(thrown(() => {
      throw "bad block";
    }))).toBe(true);
  });
});
