/**
 * The Link menu offers only what a lab's demo can carry: for every lab and
 * every profile its menu lists, the reference solution's demo runs to the
 * end on several seeds (framing's byte stream broke on lossy profiles with
 * an error a learner would blame on their own code).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { listLabs } from "#grader/labs.ts";
import { compileUntrusted } from "#grader/sandbox/limited-compile.ts";
import { startNodeSandbox } from "#grader/sandbox/node-sandbox.ts";
import { offeredProfiles } from "#site/workbench/demo-profiles.ts";

const SEEDS = [1, 2, 3, 7, 42];

describe("the Link menu of each lab", () => {
  it("lists only known profiles, and none where the demo has no link", () => {
    expect(offeredProfiles({ id: "x", title: "", chapter: "", summary: "", demoProfiles: false })).toEqual([]);
    expect(offeredProfiles({ id: "x", title: "", chapter: "", summary: "", demoProfiles: ["lan"] })).toEqual(["lan"]);
    expect(() => offeredProfiles({ id: "x", title: "", chapter: "", summary: "", demoProfiles: ["moon"] })).toThrow(/unknown profiles: moon/);
  });

  it.each(listLabs().filter((lab) => offeredProfiles(lab.meta).length > 0).map((lab) => [lab.meta.id, lab] as const))(
    "offers lab %s only profiles its reference demo runs on",
    async (_id, lab) => {
      const compiled = await compileUntrusted(readFileSync(lab.files.solution, "utf8"), lab.limits);
      if (!compiled.ok) throw new Error(compiled.message);
      const failures: string[] = [];
      for (const profile of offeredProfiles(lab.meta)) {
        const sandbox = await startNodeSandbox({ harness: lab.files.harness, learnerJs: compiled.javascript, limits: lab.limits });
        try {
          for (const seed of SEEDS) {
            const outcome = await sandbox.run("demo", { seed, profile });
            if (!outcome.ok) failures.push(`${profile}, seed ${seed}: ${outcome.message}`);
          }
        } finally {
          await sandbox.close();
        }
      }
      expect(failures).toEqual([]);
    },
    180_000,
  );
});
