/**
 * The lab workbench: every lab goes from the starter's failures to full
 * marks through the editor and the buttons, the terminal shows what
 * happened, a runaway submission is stopped while the page keeps
 * answering, code survives a reload, the browser compiles exactly as the
 * grader does, and a click on a packet replays the run without it.
 */
import { readFileSync } from "node:fs";
import ts from "typescript";
import { expect, it } from "vitest";
import { compileSubmission } from "#grader/compile.ts";
import { findLab, listLabs } from "#grader/labs.ts";
import type { GetEnvironment } from "./environment.ts";
import { serveSite } from "./site-server.ts";
import { clickAndWait, getCode, openLab, setCode, terminalText } from "./workbench-page.ts";

const read = (path: string) => readFileSync(path, "utf8");

export function workbenchSuite(env: GetEnvironment): void {
  it.each(listLabs().map((lab) => [lab.meta.id, lab] as const))(
    "takes lab %s from the starter's failures to full marks",
    async (id, lab) => {
      const { page } = env();
      await openLab(page, id);
      await page.evaluate(() => localStorage.clear());
      await openLab(page, id);
      expect(await getCode(page)).toBe(read(lab.files.starter));
      const starterRun = await clickAndWait(page, "test");
      expect(starterRun).toMatch(/✗ FAIL/);
      expect(starterRun).toMatch(/Public tests: \d+ of \d+ tests passed/);

      await setCode(page, read(lab.files.solution));
      const started = performance.now();
      const publicRun = await clickAndWait(page, "test");
      const seconds = (performance.now() - started) / 1000;
      const publicTotal = /Public tests: (\d+) of (\d+) tests passed, (\d+)\/(\d+) points/.exec(publicRun);
      expect(publicTotal, publicRun).not.toBeNull();
      expect(publicTotal![1]).toBe(publicTotal![2]);
      expect(publicRun).toMatch(/✓ PASS/);
      console.log(`${id}: Test click to results with the reference solution: ${seconds.toFixed(2)} s`);

      const gradeStarted = performance.now();
      const graded = await clickAndWait(page, "grade", 240_000);
      console.log(`${id}: Grade click to results with the reference solution: ${((performance.now() - gradeStarted) / 1000).toFixed(2)} s`);
      const total = /Grade \(public and hidden tests\): (\d+) of (\d+) tests passed, (\d+)\/(\d+) points/.exec(graded);
      expect(total, graded).not.toBeNull();
      expect(total![1]).toBe(total![2]);
      expect(total![3]).toBe(total![4]);
      await expect.poll(() => page.locator("[data-best]").textContent()).toBe(`Best grade ${total![3]}/${total![4]}`);
    },
    300_000,
  );

  it("compiles in the browser exactly as the grader does, with the same TypeScript", async () => {
    const { page } = env();
    const source = read(findLab("arq").files.solution);
    await openLab(page, "arq");
    await setCode(page, source);
    const inBrowser = await page.evaluate(async () => {
      const editor = window.wirelabWorkbench!.editor;
      return { version: editor.typescriptVersion, compiled: await editor.compile() };
    });
    const inNode = compileSubmission(source);
    expect(inBrowser.version).toBe(ts.version);
    expect(inNode.ok && inBrowser.compiled.ok).toBe(true);
    if (inNode.ok && inBrowser.compiled.ok) expect(inBrowser.compiled.javascript).toBe(inNode.javascript);
  }, 120_000);

  it("shows type errors in the editor and stops on syntax errors with their position", async () => {
    const { page } = env();
    await openLab(page, "framing");
    await setCode(page, 'const size: number = "four";\nexport function encodeLengthPrefixed(payload: Uint8Array) {\n  return payload.;\n}\n');
    await expect
      .poll(() => page.evaluate(() => window.wirelabWorkbench!.editor.diagnostics().join("\n")), { timeout: 30_000 })
      .toMatch(/1:7 Type 'string' is not assignable to type 'number'/);
    const output = await clickAndWait(page, "test");
    expect(output).toContain("Your code does not compile:");
    expect(output).toMatch(/framing\.ts:3:\d+: Identifier expected/);
    expect(output).not.toMatch(/tests passed/);
  }, 120_000);

  it("stops an infinite loop at the time limit while the page keeps answering", async () => {
    const { page } = env();
    await openLab(page, "framing");
    await setCode(page, "for (;;) {}\n");
    await page.click('[data-action="run"]');
    await page.waitForSelector("[data-workbench][data-busy]");
    const started = performance.now();
    expect(await page.evaluate(() => document.title)).toContain("Message framing");
    expect(performance.now() - started).toBeLessThan(1000);
    await page.waitForSelector("[data-workbench]:not([data-busy])", { timeout: 30_000 });
    expect(await terminalText(page)).toContain("Time limit exceeded: your file's top-level code ran for more than");
    await setCode(page, read(findLab("framing").files.solution));
    expect(await clickAndWait(page, "run")).toMatch(/length-prefixed: 4 messages written/);
  }, 120_000);

  it("lets the learner stop a run with the Stop button", async () => {
    const { page } = env();
    await openLab(page, "framing");
    await setCode(page, "for (;;) {}\n");
    await page.evaluate(() => window.wirelabWorkbench!.terminal.clear());
    await page.click('[data-action="run"]');
    await page.waitForSelector("[data-workbench][data-busy]");
    await page.click('[data-action="stop"]');
    await page.waitForSelector("[data-workbench]:not([data-busy])", { timeout: 30_000 });
    const output = await terminalText(page);
    expect(output).toContain("Stopped.");
    expect(output).not.toContain("Time limit exceeded");
  }, 120_000);

  it("stops runaway memory with a clear message and the page survives", async () => {
    // A tab of its own: a worker's runaway heap lives in the tab's renderer process, and if that
    // process were to die later, it must not take the suite's shared page (and every test after) with it.
    const { browser, site } = env();
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    try {
      await serveSite(context, site.dir);
      const page = await context.newPage();
      let crashed = false;
      page.once("crash", () => (crashed = true));
      await openLab(page, "framing");
      await setCode(page, "const hog: number[][] = [];\nfor (;;) hog.push(new Array(2e7).fill(1.5));\n");
      const output = await clickAndWait(page, "run", 60_000);
      expect(crashed).toBe(false);
      expect(output).toMatch(/Time limit exceeded|memory/i);
      expect(await page.evaluate(() => window.wirelabWorkbench!.editor.getCode())).toContain("hog.push");
    } finally {
      await context.close();
    }
  }, 120_000);

  it("keeps the learner's code across a reload", async () => {
    const { page } = env();
    const code = `// my congestion controller, draft 3\n${read(findLab("congestion").files.starter)}`;
    await openLab(page, "congestion");
    await setCode(page, code);
    await page.reload();
    await page.waitForFunction(() => window.wirelabWorkbench?.ready === true, undefined, { timeout: 60_000 });
    expect(await getCode(page)).toBe(code);
  }, 120_000);

  it("drops a clicked packet and replays the run without it", async () => {
    const { page } = env();
    await openLab(page, "arq");
    await setCode(page, read(findLab("arq").files.solution));
    await clickAndWait(page, "run");
    await page.click('[data-tab="ladder"]');
    const droppable = page.locator('[data-panel="ladder"] [data-drop-key]').first();
    const key = await droppable.getAttribute("data-drop-key");
    expect(key).toMatch(/^(data|ack):\d+$/);
    // By keyboard, as the diagram allows: focus the packet and press Enter.
    await droppable.focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-workbench][data-busy]", { timeout: 5_000 }).catch(() => undefined);
    await page.waitForSelector("[data-workbench]:not([data-busy])", { timeout: 60_000 });
    // Confirmed by the packet's name and time, as the learner saw it, never its internal key.
    expect(await terminalText(page)).toMatch(/Dropped (DATA|ACK) \d+ \(sent at [\d.]+ ms\)/);
    expect(await page.locator(`[data-panel="ladder"] .wl-dropped[data-drop-key="${key}"]`).count()).toBe(1);
  }, 120_000);
}
