/**
 * Hostile probing of the host through what the learner's code can reach:
 * stack traces that would show the grading machine's paths, and Node's
 * internal error classes that TextDecoder and TextEncoder throw, whose
 * prototypes lockdown does not freeze.
 */
import { describe, expect, it, vi } from "vitest";
import { hideHostPaths } from "#grader/sandbox/inspect.ts";
import { withProbe } from "../fixtures/start-probe.ts";

// Starting a sandbox takes seconds on a loaded machine: verdicts must not hang on wall time.
vi.setConfig({ testTimeout: 300_000 });

describe("hostile probing of the host", () => {
  it("stack traces name learner-facing files only, never absolute host paths", async () => {
    const source = `
      export function main() {
        console.log(new Error("where am I?").stack);
        return 1;
      }`;
    await withProbe(source, async (sandbox) => {
      const outcome = await sandbox.run("call", null);
      expect(outcome.ok).toBe(true);
      const printed = outcome.logs.join("\n");
      expect(printed).toMatch(/^Error: where am I\?\n {4}at main \(submission\.js:\d+:\d+\)/);
      expect(printed).toContain("probe-harness.ts:");
      expect(printed).not.toMatch(/file:\/\/|\/work\/|\/tmp\/|\/home\//);
      expect(printed).not.toContain(process.cwd());
    });
  });

  it("hides paths in any text, keeping file names, lines and columns", () => {
    expect(hideHostPaths("    at f (file:///work/main/labs/framing/harness.ts:12:3)\n    at /work/main/grader/sandbox/realm.ts:4:5")).toBe(
      "    at f (harness.ts:12:3)\n    at realm.ts:4:5",
    );
    expect(hideHostPaths("at node:internal/modules/cjs/loader:1:2 and submission.js:3:4")).toBe("at node:internal/modules/cjs/loader:1:2 and submission.js:3:4");
  });

  it("TextDecoder and TextEncoder errors are plain realm errors with frozen prototypes", async () => {
    const source = `
      function probe(run: () => unknown): unknown {
        try {
          run();
          return "no error";
        } catch (error) {
          const prototype = Object.getPrototypeOf(error) as object;
          let polluted = false;
          try {
            (prototype as Record<string, unknown>).toString = () => "owned";
            polluted = true;
          } catch {
            // Frozen.
          }
          const e = error as { name: string; message: string; code?: string };
          return {
            name: e.name,
            code: e.code ?? null,
            plain: prototype === TypeError.prototype || prototype === RangeError.prototype,
            frozen: Object.isFrozen(prototype),
            polluted,
            instance: error instanceof TypeError || error instanceof RangeError,
          };
        }
      }
      export function main() {
        return [
          probe(() => new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xff]))),
          probe(() => new TextDecoder("no-such-encoding")),
          probe(() => new TextDecoder().decode("not bytes" as unknown as Uint8Array)),
          probe(() => new TextEncoder().encodeInto(1 as unknown as string, 2 as unknown as Uint8Array)),
          probe(() => TextDecoder.prototype.decode.call({})),
        ];
      }
      export function works() {
        const bytes = new TextEncoder().encode("héllo");
        return [new TextDecoder().decode(bytes), new TextDecoder("utf-8", { fatal: true }).encoding, TextDecoder.name, new TextEncoder().encodeInto("ab", new Uint8Array(4))];
      }`;
    await withProbe(source, async (sandbox) => {
      const outcome = await sandbox.run("call", null);
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      for (const probe of outcome.value as Array<Record<string, unknown>>) {
        expect(probe).toMatchObject({ plain: true, frozen: true, polluted: false, instance: true });
      }
      expect((outcome.value as Array<Record<string, unknown>>)[0]).toMatchObject({ name: "TypeError", code: "ERR_ENCODING_INVALID_ENCODED_DATA" });
      expect((outcome.value as Array<Record<string, unknown>>)[1]).toMatchObject({ name: "RangeError", code: "ERR_ENCODING_NOT_SUPPORTED" });
      expect(await sandbox.run("call", { fn: "works" })).toEqual({ ok: true, value: ["héllo", "utf-8", "TextDecoder", { read: 2, written: 2 }], logs: [] });
    });
  });
});
