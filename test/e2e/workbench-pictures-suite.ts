/**
 * The workbench's pictures after a Test or a Run: a failing test's ladder
 * at the moment its check failed, the congestion plot over the whole
 * transfer with fast recovery shaded and what the path holds, and no DOM
 * kept alive from earlier Runs.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { findLab, loadMutants } from "#grader/labs.ts";
import { domCountersAfterGc } from "./dom-counters.ts";
import type { GetEnvironment } from "./environment.ts";
import { clickAndWait, openLab, setCode } from "./workbench-page.ts";

const read = (path: string) => readFileSync(path, "utf8");

/** DOM nodes a Run may leave alive (xterm's rows and the like settle; a leaked drawing is hundreds). */
const NODES_PER_RUN = 25;

export function workbenchPicturesSuite(env: GetEnvironment): void {
  it("shows a failing test's ladder at the moment its check failed", async () => {
    const { page } = env();
    const lab = findLab("arq");
    // offer() keeps the lent array: the retransmission carries other bytes, and the check marks where they were delivered.
    const mutant = (await loadMutants(lab)).find((m) => m.name === "offer-keeps-reference")!;
    await openLab(page, "arq");
    await setCode(page, mutant.source);
    await clickAndWait(page, "test");
    const failure = page.locator('[data-panel="results"] details[open]').first();
    await expect.poll(() => failure.locator(".wb-name").textContent()).toBe("stop-and-wait > recovers from a lost DATA packet and a lost ACK");
    const pageScroll = await page.evaluate(() => window.scrollY);
    await failure.locator("[data-show-trace]").click();
    const ladder = page.locator('[data-panel="ladder"]');
    await expect.poll(() => ladder.isVisible()).toBe(true);
    expect(await page.locator('[data-tab="ladder"]').getAttribute("aria-selected")).toBe("true");
    expect(await ladder.locator("[data-trace-caption]").textContent()).toContain("(130 ms)");
    const moment = ladder.locator("[data-moment]");
    expect(await moment.count()).toBe(1);
    // Scrolled to it: the line is inside the visible part of the panel.
    const [line, panel] = await Promise.all([moment.boundingBox(), ladder.boundingBox()]);
    expect(line!.y).toBeGreaterThanOrEqual(panel!.y);
    expect(line!.y).toBeLessThanOrEqual(panel!.y + panel!.height);
    // Only the panel scrolled, not the page: the toolbar stays in view.
    expect(await page.evaluate(() => window.scrollY)).toBe(pageScroll);
    // A test's packets are not offered for dropping: a drop replays the demo, not the test.
    expect(await ladder.locator("[data-drop-key]").count()).toBe(0);
  }, 180_000);

  it("shows a failing tcp test's run in order, marked at the step whose check failed", async () => {
    const { page } = env();
    // LAST-ACK never reaches CLOSED: the recorded Linux connection fails at its last step, the ACK of our FIN.
    const mutant = (await loadMutants(findLab("tcp"))).find((m) => m.name === "last-ack-never-closes")!;
    await openLab(page, "tcp");
    await setCode(page, mutant.source);
    await clickAndWait(page, "test");
    const failure = page.locator('[data-panel="results"] details[open]').first();
    await expect.poll(() => failure.locator(".wb-name").textContent()).toBe("a recorded Linux connection > takes the Linux server's place: handshake, hello, world!, the client's FIN, then ours");
    expect(await failure.textContent()).toContain("→ step 9. Linux segment #11");
    const pageScroll = await page.evaluate(() => window.scrollY);
    await failure.locator("[data-show-trace]").click();
    const ladder = page.locator('[data-panel="ladder"]');
    await expect.poll(() => ladder.isVisible()).toBe(true);
    expect(await page.locator('[data-tab="ladder"]').getAttribute("aria-selected")).toBe("true");
    expect(await ladder.locator("[data-trace-caption]").textContent()).toContain("(step 9)");
    // Drawn in order: the axis counts the script's steps, not ms, and there is no time span to choose.
    expect(await ladder.locator(".wl-tick-label").first().textContent()).toBe("step");
    expect(await ladder.locator('select[aria-label="Time shown"]').count()).toBe(0);
    const moment = ladder.locator("[data-moment]");
    expect(await moment.count()).toBe(1);
    // The mark is just above step 9's row (clear of its label): the tick 9 is just below the line, and the test's ACK arrives there.
    const tick9 = ladder.locator(".wl-tick-label", { hasText: /^9$/ });
    const [line, tick, panel] = await Promise.all([moment.boundingBox(), tick9.boundingBox(), ladder.boundingBox()]);
    const below = tick!.y + tick!.height / 2 - line!.y;
    expect(below).toBeGreaterThan(0);
    expect(below).toBeLessThan(15);
    expect(await ladder.locator("g title", { hasText: /^ACK seq 2455536471 ack 2176302044.*in step 9$/ }).count()).toBe(1);
    // Scrolled to it, and only the panel scrolled.
    expect(line!.y).toBeGreaterThanOrEqual(panel!.y);
    expect(line!.y).toBeLessThanOrEqual(panel!.y + panel!.height);
    expect(await page.evaluate(() => window.scrollY)).toBe(pageScroll);
    expect(await ladder.locator("[data-drop-key]").count()).toBe(0);
  }, 180_000);

  it("plots cwnd over the whole transfer, with fast recovery shaded and what the path holds", async () => {
    const { page } = env();
    const lab = findLab("congestion");
    await openLab(page, "congestion");
    // The starter never changes cwnd: one sample at 0 ms, and still the axis runs to the end of the transfer.
    await setCode(page, read(lab.files.starter));
    const flat = await clickAndWait(page, "run");
    const flatEnd = Number(/finished: ([\d.]+) ms/.exec(flat)![1]);
    expect(flatEnd).toBeGreaterThan(5000);
    await page.click('[data-tab="plot"]');
    const plot = page.locator('[data-panel="plot"] svg.wl-plot-svg');
    expect(await plot.getAttribute("aria-label")).toContain(`over ${Math.round(flatEnd)} ms`);
    expect(await page.locator('[data-panel="plot"] [data-over-path]').isHidden()).toBe(true);

    await setCode(page, read(lab.files.solution));
    await clickAndWait(page, "run");
    await page.click('[data-tab="plot"]');
    expect(await page.locator('[data-panel="plot"] [data-recovery]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-panel="plot"] [data-path]').count()).toBe(1);
    const note = page.locator('[data-panel="plot"] [data-over-path]');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toMatch(/The path holds 18000 bytes: 10000 in flight .* plus 8000 waiting in the bottleneck queue/);
  }, 180_000);

  it("keeps no DOM from earlier Runs alive", async () => {
    const { page } = env();
    await openLab(page, "congestion");
    await setCode(page, read(findLab("congestion").files.solution));
    await clickAndWait(page, "run");
    await page.click('[data-tab="ladder"]');
    await clickAndWait(page, "run");
    const before = await domCountersAfterGc(page);
    const runs = 8;
    for (let i = 0; i < runs; i++) await clickAndWait(page, "run");
    const after = await domCountersAfterGc(page);
    const perRun = (after.nodes - before.nodes) / runs;
    console.log(`DOM nodes kept per Run: ${perRun.toFixed(1)} (${before.nodes} → ${after.nodes}); listeners ${before.jsEventListeners} → ${after.jsEventListeners}`);
    expect(perRun).toBeLessThanOrEqual(NODES_PER_RUN);
  }, 300_000);
}
