/**
 * Around the labs (issue 13): each lab follows its chapter in the sidebar
 * and in Previous/Next; a lab page has the sidebar (folded on narrower
 * desktops), a breadcrumb and a link back to its chapter, and the phone
 * menu; a quiz explains a checked choice without giving the right one away
 * and scores first attempts; a chapter counts as read once scrolled through,
 * and the sidebar shows it; the congestion chapter's sawtooth is computed in
 * a worker. Screenshots of a lab page and a quiz at
 * 1280×720 and 1440×900 in both themes go to $WIRELAB_SHOTS.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { expect, it } from "vitest";
import { PROGRESS_KEY } from "#site/progress/store.ts";
import { seriousViolations } from "./axe.ts";
import { chapterPaths } from "./chapters.ts";
import type { GetEnvironment } from "./environment.ts";
import { SITE, serveSite } from "./site-server.ts";

const SHOTS = process.env.WIRELAB_SHOTS ?? "/tmp/wirelab-shots";
const CHAPTER = "/tcp-udp/reliable-delivery/";
const LAB = "/labs/arq/";
const QUIZ_PAGE = "/tcp-udp/udp/";

/** The sidebar's links in order, as hrefs. */
function sidebarHrefs(page: Page): Promise<string[]> {
  return page.locator("#starlight__sidebar a[href]").evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
}

function storedProgress(page: Page): Promise<{ quizzes: Record<string, { answers: Record<string, number>; correct: Record<string, boolean> }>; visited: Record<string, string> }> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{"quizzes":{},"visited":{}}'), PROGRESS_KEY);
}

/** The first quiz question on the page: its locator, right answer and a wrong one. */
async function firstQuestion(page: Page, n = 0) {
  const question = page.locator("[data-quiz]").first().locator("[data-question]").nth(n);
  const answer = Number(await question.getAttribute("data-answer"));
  return { question, answer, wrong: answer === 0 ? 1 : 0 };
}

async function checkChoice(question: ReturnType<Page["locator"]>, choice: number): Promise<void> {
  await question.locator(`input[value="${choice}"]`).check();
  await question.locator("[data-check]").click();
}

export function courseNavSuite(env: GetEnvironment): void {
  async function withContext<T>(options: { width: number; height: number; theme?: "light" | "dark" }, use: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
    const { browser, site } = env();
    const context = await browser.newContext({ viewport: { width: options.width, height: options.height } });
    try {
      await serveSite(context, site.dir);
      if (options.theme !== undefined) await context.addInitScript((value) => localStorage.setItem("starlight-theme", value), options.theme);
      return await use(await context.newPage(), context);
    } finally {
      await context.close();
    }
  }

  it("puts each lab right after its chapter: Next from the chapter opens the lab, whose Next goes on with the course", async () => {
    await withContext({ width: 1440, height: 900 }, async (page) => {
      await page.goto(`${SITE}${CHAPTER}`);
      const hrefs = await sidebarHrefs(page);
      expect(hrefs[hrefs.indexOf(CHAPTER) + 1]).toBe(LAB);
      expect(hrefs[hrefs.indexOf("/tcp-udp/") + 1]).toBe("/labs/framing/");
      const next = page.locator('.pagination-links a[rel="next"]');
      expect(await next.getAttribute("href")).toBe(LAB);
      await next.click();
      await page.waitForURL(`${SITE}${LAB}`);
      // The lab page has the sidebar, open on a wide screen, with the lab as the current page.
      expect(await page.locator(`#starlight__sidebar a[href="${LAB}"]`).getAttribute("aria-current")).toBe("page");
      expect(await page.locator("#starlight__sidebar").isVisible()).toBe(true);
      // Its Previous is the chapter, its Next the chapter after it.
      expect(await page.locator('.pagination-links a[rel="prev"]').getAttribute("href")).toBe(CHAPTER);
      expect(await page.locator('.pagination-links a[rel="next"]').getAttribute("href")).toBe("/tcp-udp/congestion-control/");
    });
  }, 120_000);

  it("gives a lab page a breadcrumb and a link back to its chapter, and keeps the workbench's room on a laptop", async () => {
    await withContext({ width: 1280, height: 720 }, async (page) => {
      await page.goto(`${SITE}${LAB}`);
      const crumbs = page.locator('nav[aria-label="Breadcrumb"] a');
      expect(await crumbs.evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")))).toEqual(["/", "/tcp-udp/", CHAPTER]);
      const back = page.locator("[data-back-to-chapter]");
      expect(await back.isVisible()).toBe(true);
      expect(await back.getAttribute("href")).toBe(CHAPTER);
      expect(await back.textContent()).toMatch(/Back to the chapter: Reliable delivery/);
      // At 1280 px the outline starts folded; the button opens it and the page remembers.
      const toggle = page.locator("[data-outline-toggle]");
      expect(await toggle.getAttribute("aria-expanded")).toBe("false");
      expect(await page.locator("#starlight__sidebar").isVisible()).toBe(false);
      const before = (await page.locator(".lab-workbench").boundingBox())!.width;
      await toggle.click();
      expect(await toggle.getAttribute("aria-expanded")).toBe("true");
      expect(await page.locator("#starlight__sidebar").isVisible()).toBe(true);
      const after = (await page.locator(".lab-workbench").boundingBox())!.width;
      expect(after).toBeLessThan(before - 100);
      await page.reload();
      expect(await page.locator("#starlight__sidebar").isVisible()).toBe(true);
      await back.click();
      await page.waitForURL(`${SITE}${CHAPTER}`);
    });
  }, 120_000);

  it("keeps the course menu usable on a phone's lab page", async () => {
    await withContext({ width: 390, height: 800 }, async (page) => {
      await page.goto(`${SITE}${LAB}`);
      expect(await page.locator(".lab-narrow").isVisible()).toBe(true);
      expect(await page.locator("[data-back-to-chapter]").isVisible()).toBe(true);
      const menu = page.locator('button[popovertarget="starlight__sidebar"]');
      expect(await menu.isVisible()).toBe(true);
      await menu.click();
      const current = page.locator(`#starlight__sidebar a[href="${LAB}"]`);
      await expect.poll(() => current.isVisible()).toBe(true);
      await page.locator(`#starlight__sidebar a[href="${CHAPTER}"]`).click();
      await page.waitForURL(`${SITE}${CHAPTER}`);
    });
  }, 60_000);

  it("explains a wrong answer without revealing the right one, and scores first attempts", async () => {
    await withContext({ width: 1280, height: 720 }, async (page) => {
      await page.goto(`${SITE}${QUIZ_PAGE}`);
      const quiz = page.locator("[data-quiz]").first();
      const total = await quiz.locator("[data-question]").count();
      const { question, answer, wrong } = await firstQuestion(page);
      const right = question.locator(`[data-choice="${answer}"]`);
      // Picking a choice checks nothing yet.
      await question.locator(`input[value="${wrong}"]`).check();
      expect(await question.locator("[data-verdict]").count()).toBe(0);
      await question.locator("[data-check]").click();
      expect(await question.locator(`[data-choice="${wrong}"]`).getAttribute("data-verdict")).toBe("wrong");
      expect(await question.locator(`[data-choice="${wrong}"] .quiz-explanation`).isVisible()).toBe(true);
      // The right one is not given away: not marked, not explained, still choosable.
      expect(await right.getAttribute("data-verdict")).toBeNull();
      expect(await right.locator(".quiz-explanation").isVisible()).toBe(false);
      expect(await right.locator("input").isEnabled()).toBe(true);
      expect(await question.locator("[data-feedback]").textContent()).toMatch(/try another/);
      await expect.poll(() => quiz.locator("[data-quiz-score]").textContent()).toBe(`0 of ${total} right on the first try (${total - 1} to go)`);
      // The second try finds it; the score still counts the first.
      await checkChoice(question, answer);
      expect(await right.getAttribute("data-verdict")).toBe("right");
      expect(await quiz.locator("[data-quiz-score]").textContent()).toBe(`0 of ${total} right on the first try (${total - 1} to go)`);
      // A question right the first time counts.
      const second = await firstQuestion(page, 1);
      await checkChoice(second.question, second.answer);
      expect(await quiz.locator("[data-quiz-score]").textContent()).toBe(`1 of ${total} right on the first try (${total - 2} to go)`);
      // Asking shows the right answer of a question tried once.
      const third = await firstQuestion(page, 2);
      await checkChoice(third.question, third.wrong);
      expect(await third.question.locator(`[data-choice="${third.answer}"]`).getAttribute("data-verdict")).toBeNull();
      await third.question.locator("[data-reveal]").click();
      expect(await third.question.locator(`[data-choice="${third.answer}"]`).getAttribute("data-verdict")).toBe("answer");
      expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-feedback"))).toBe(true);
      const id = (await quiz.getAttribute("data-quiz"))!;
      const stored = (await storedProgress(page)).quizzes[id]!;
      expect([stored.answers, stored.correct]).toEqual([
        { 0: wrong, 1: second.answer, 2: third.wrong },
        { 0: false, 1: true, 2: false },
      ]);
      // The sidebar shows the first-try score; a reload shows the same state.
      await expect.poll(() => page.locator(`#starlight__sidebar a[href="${QUIZ_PAGE}"] [data-progress-mark]`).textContent()).toMatch(new RegExp(`1/${total}`));
      await page.reload();
      const again = await firstQuestion(page);
      await expect.poll(() => again.question.getAttribute("data-state")).toBe("solved");
      expect(await page.locator("[data-quiz]").first().locator("[data-quiz-score]").textContent()).toBe(`1 of ${total} right on the first try (${total - 3} to go)`);
      // Keyboard: Tab reaches a choice and Check; Space picks, Enter checks.
      const fourth = await firstQuestion(page, 3);
      await fourth.question.locator(`input[value="${fourth.wrong}"]`).focus();
      await page.keyboard.press("Space");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-check"))).toBe(true);
      await page.keyboard.press("Enter");
      expect(await fourth.question.locator(`[data-choice="${fourth.wrong}"]`).getAttribute("data-verdict")).toBe("wrong");
    });
  }, 120_000);

  it("counts a chapter as read once scrolled through, not when it opened, and marks it in the sidebar", async () => {
    await withContext({ width: 1280, height: 720 }, async (page) => {
      await page.goto(`${SITE}${CHAPTER}`);
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(500);
      expect((await storedProgress(page)).visited["tcp-udp/reliable-delivery"]).toBeUndefined();
      await page.locator(".chapter-end").scrollIntoViewIfNeeded();
      await expect.poll(async () => (await storedProgress(page)).visited["tcp-udp/reliable-delivery"]).toBeDefined();
      await expect.poll(() => page.locator(`#starlight__sidebar a[href="${CHAPTER}"] [data-progress-mark]`).textContent()).toMatch(/✓.*read/);
    });
  }, 60_000);

  it("has no serious or critical axe-core violation on the home page, a quiz being answered, a lab page's course links or the runtime API reference, in both themes", async () => {
    const findings: string[] = [];
    for (const theme of ["light", "dark"] as const) {
      await withContext({ width: 1440, height: 900, theme }, async (page) => {
        for (const path of ["/", QUIZ_PAGE, LAB, "/reference/runtime/"]) {
          await page.goto(`${SITE}${path}`);
          if (path === QUIZ_PAGE) {
            const { question, wrong } = await firstQuestion(page);
            await checkChoice(question, wrong);
            const second = await firstQuestion(page, 1);
            await checkChoice(second.question, second.answer);
          }
          // The workbench has its own axe test (workbench-layout-suite), and so do the simulations (below); Starlight's search button is the site's.
          const violations = await seriousViolations(page, { exclude: ["button[data-open-modal]", ".lab-workbench", "[data-simulation]"] });
          findings.push(...violations.map((v) => `${path} (${theme}): ${v}`));
        }
      });
    }
    expect(findings).toEqual([]);
  }, 180_000);

  it("has no serious or critical axe-core violation in any chapter's simulations, in both themes", async () => {
    const findings: string[] = [];
    let checked = 0;
    await withContext({ width: 1280, height: 720 }, async (page) => {
      for (const path of chapterPaths(env().site.dir)) {
        await page.goto(`${SITE}${path}`);
        if ((await page.locator("[data-simulation]").count()) === 0) continue;
        await page.waitForLoadState("networkidle");
        // One load, both themes: Starlight's theme is the root's data-theme, and the simulations' colours follow it in CSS.
        for (const theme of ["light", "dark"] as const) {
          const violations = await seriousViolations(page, { include: ["[data-simulation]"] }, theme);
          findings.push(...violations.map((v) => `${path} (${theme}): ${v}`));
        }
        checked++;
      }
    });
    console.log(`axe: ${checked} pages with simulations checked in both themes`);
    expect(checked).toBeGreaterThan(20);
    expect(findings).toEqual([]);
  }, 900_000);

  it("computes the congestion chapter's sawtooth off the main thread, showing that it computes", async () => {
    await withContext({ width: 1280, height: 900 }, async (page) => {
      // Long tasks on the main thread: before the worker, a run blocked it 1.5-5.5 s on load and on every change.
      await page.addInitScript(() => {
        const w = window as unknown as { longTasks: number[] };
        w.longTasks = [];
        new PerformanceObserver((list) => w.longTasks.push(...list.getEntries().map((entry) => Math.round(entry.duration)))).observe({ type: "longtask", buffered: true });
      });
      await page.goto(`${SITE}/tcp-udp/congestion-control/`);
      const sim = page.locator('[data-simulation="sawtooth"]');
      await expect.poll(() => sim.locator("[data-sim-output] svg").count(), { timeout: 60_000 }).toBeGreaterThan(0);
      const seed = sim.locator('input[name="seed"]');
      await seed.fill("7");
      await seed.dispatchEvent("change");
      // The change shows the computing state first, then the new run.
      await expect.poll(() => sim.locator("[data-sim-output]").textContent(), { timeout: 10_000 }).toMatch(/Computing the run/);
      await expect.poll(() => sim.locator("[data-sim-output] svg").count(), { timeout: 60_000 }).toBeGreaterThan(0);
      const longest = Math.max(0, ...(await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks)));
      console.log(`congestion-control: longest main-thread task ${longest} ms`);
      expect(longest).toBeLessThan(1000);
    });
  }, 120_000);

  it("takes screenshots of a lab page and a quiz at 1280×720 and 1440×900, light and dark", async () => {
    mkdirSync(SHOTS, { recursive: true });
    let taken = 0;
    for (const theme of ["light", "dark"] as const) {
      for (const viewport of [{ width: 1280, height: 720 }, { width: 1440, height: 900 }] as const) {
        await withContext({ ...viewport, theme }, async (page) => {
          const size = `${viewport.width}x${viewport.height}`;
          await page.goto(`${SITE}${LAB}`);
          await page.waitForFunction(() => window.wirelabWorkbench?.ready === true, undefined, { timeout: 120_000 });
          await page.screenshot({ path: join(SHOTS, `around-lab-${theme}-${size}.png`) });
          await page.goto(`${SITE}${QUIZ_PAGE}`);
          const { question, wrong } = await firstQuestion(page);
          await checkChoice(question, wrong);
          const second = await firstQuestion(page, 1);
          await checkChoice(second.question, second.answer);
          await question.scrollIntoViewIfNeeded();
          await page.evaluate(() => document.querySelector("[data-quiz]")!.scrollIntoView());
          await page.screenshot({ path: join(SHOTS, `around-quiz-${theme}-${size}.png`) });
          taken += 2;
        });
      }
    }
    expect(taken).toBe(8);
  }, 300_000);
}
