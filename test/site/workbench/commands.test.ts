import { describe, expect, it } from "vitest";
import { parseCommand } from "#site/workbench/commands.ts";

const PROFILES = ["lan", "wifi", "satellite"];
const parse = (line: string) => parseCommand(line, PROFILES);

describe("the workbench terminal's commands", () => {
  it("parses every simple command and ignores surrounding spaces", () => {
    for (const name of ["help", "test", "grade", "reset", "trace", "pcap", "clear"]) {
      expect(parse(`  ${name} `)).toEqual({ ok: true, command: { name } });
    }
  });

  it("parses run with a seed and a profile, in either order and with =", () => {
    expect(parse("run")).toEqual({ ok: true, command: { name: "run" } });
    expect(parse("run --seed 42 --profile wifi")).toEqual({ ok: true, command: { name: "run", seed: 42, profile: "wifi" } });
    expect(parse("run --profile=satellite --seed=7")).toEqual({ ok: true, command: { name: "run", seed: 7, profile: "satellite" } });
  });

  it("explains what is wrong with a line it cannot run", () => {
    expect(parse("runn")).toEqual({ ok: false, error: 'Unknown command "runn". Type help for the list.' });
    expect(parse("test now")).toEqual({ ok: false, error: "test takes no arguments" });
    expect(parse("run --seed -1")).toMatchObject({ ok: false, error: expect.stringContaining("whole number") });
    expect(parse("run --seed 4294967296")).toMatchObject({ ok: false });
    expect(parse("run --seed")).toMatchObject({ ok: false });
    expect(parse("run --profile moon")).toEqual({ ok: false, error: "--profile needs one of: lan, wifi, satellite" });
    expect(parse("run --fast")).toMatchObject({ ok: false, error: expect.stringContaining('"--fast"') });
    expect(parse("   ")).toEqual({ ok: false, error: "" });
  });
});
