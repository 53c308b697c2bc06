/** lab.json is checked when a lab loads, with errors that name the file and the field (grader/lab-json.ts). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LabJsonError, parseLabJson } from "#grader/lab-json.ts";
import { listLabs } from "#grader/labs.ts";

const FILE = "/course/labs/framing/lab.json";
const GOOD = { id: "framing", title: "Message framing", chapter: "tcp-udp", summary: "Frames.", limits: { timeMsPerRun: 2000, memoryMb: 256 } };

function problem(value: unknown, file = FILE): string {
  try {
    parseLabJson(typeof value === "string" ? value : JSON.stringify(value), file);
  } catch (error) {
    expect(error).toBeInstanceOf(LabJsonError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
}

describe("lab.json", () => {
  it("accepts every lab of this repository", () => {
    expect(listLabs().length).toBeGreaterThan(0);
  });

  it("accepts the optional fields in each of their forms", () => {
    for (const demoProfiles of [false, true, ["lan", "bufferbloat"]]) {
      expect(parseLabJson(JSON.stringify({ ...GOOD, demoProfiles }), FILE).demoProfiles).toEqual(demoProfiles);
    }
    expect(parseLabJson(JSON.stringify({ ...GOOD, limits: { outputBytes: 0 } }), FILE).limits).toEqual({ outputBytes: 0 });
    expect(parseLabJson(JSON.stringify({ ...GOOD, limits: undefined }), FILE).limits).toBeUndefined();
  });

  it("names the file and the field at fault", () => {
    expect(problem("{ id: framing }")).toMatch(/^\/course\/labs\/framing\/lab\.json is not valid JSON: /);
    expect(problem([GOOD])).toBe(`${FILE} must hold a JSON object, got [${JSON.stringify(GOOD)}]`);
    expect(problem({ ...GOOD, title: undefined })).toBe(`${FILE}: "title" is missing (every lab.json has id, title, chapter, summary)`);
    expect(problem({ ...GOOD, summary: 3 })).toBe(`${FILE}: "summary" must be a non-empty string (got 3)`);
    expect(problem({ ...GOOD, chapter: " " })).toBe(`${FILE}: "chapter" must be a non-empty string (got " ")`);
    expect(problem({ ...GOOD, id: "Framing" })).toMatch(/^\/course\/labs\/framing\/lab\.json: "id" must be lowercase letters, digits and dashes/);
    expect(problem({ ...GOOD, id: "slip" })).toBe(`${FILE}: "id" must be the name of the lab's folder, "framing" (got "slip")`);
  });

  it("catches limits the grader would otherwise ignore or misread", () => {
    expect(problem({ ...GOOD, limits: { memoryMB: 512 } })).toBe(`${FILE}: "limits" has an unknown field "memoryMB": the fields are timeMsPerRun, memoryMb, outputBytes (got {"memoryMB":512})`);
    expect(problem({ ...GOOD, limits: { timeMsPerRun: "2000" } })).toBe(`${FILE}: "limits.timeMsPerRun" must be a whole number of milliseconds from 1 to 600000 (got "2000")`);
    expect(problem({ ...GOOD, limits: { memoryMb: 0 } })).toBe(`${FILE}: "limits.memoryMb" must be a whole number of MiB from 16 to 16384 (got 0)`);
    expect(problem({ ...GOOD, limits: { memoryMb: 25.5 } })).toMatch(/"limits\.memoryMb" must be a whole number/);
    expect(problem({ ...GOOD, limits: [] })).toMatch(/"limits" must be an object with some of timeMsPerRun, memoryMb, outputBytes \(got \[\]\)$/);
  });

  it("knows the link profiles and no other field", () => {
    expect(problem({ ...GOOD, demoProfiles: ["lan", "moon"] })).toMatch(/"demoProfiles" names unknown link profiles \["moon"\]: the profiles are .*\blan\b/);
    expect(problem({ ...GOOD, demoProfiles: [] })).toMatch(/"demoProfiles" must be true, false or a non-empty list of link profiles/);
    expect(problem({ ...GOOD, demoProfile: false })).toMatch(/: unknown field "demoProfile" \(lab\.json fields: id, title, chapter, summary, limits, demoProfiles; /);
  });

  it("stops a labs folder from loading with a bad lab.json, naming it", () => {
    const dir = mkdtempSync(join(tmpdir(), "wirelab-lab-json-"));
    try {
      mkdirSync(join(dir, "broken"));
      writeFileSync(join(dir, "broken", "lab.json"), JSON.stringify({ ...GOOD, id: "broken", limits: { timeMsPerRun: -1 } }));
      expect(() => listLabs(dir)).toThrow(`${join(dir, "broken", "lab.json")}: "limits.timeMsPerRun" must be a whole number of milliseconds from 1 to 600000 (got -1)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
