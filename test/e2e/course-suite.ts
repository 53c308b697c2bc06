/**
 * The chapters' live parts: every simulation on every chapter page renders
 * and answers a change of one of its controls, and a quiz answer is kept in
 * the learner's progress across a reload.
 */
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { PROGRESS_KEY } from "#site/progress/store.ts";
import type { GetEnvironment } from "./environment.ts";
import { chapterPaths } from "./chapters.ts";
import { SITE } from "./site-server.ts";

/**
 * Changes control `n` of simulation `index` (selects, number and range
 * inputs, then buttons): another option, the other end of the range, or a
 * click. Returns what it did, or undefined when there is no such control.
 */
async function poke(page: Page, index: number, n: number): Promise<string | undefined> {
  return page.evaluate(
    ([i, k]) => {
      const root = document.querySelectorAll<HTMLElement>("[data-simulation]")[i]!;
      const controls = [
        ...root.querySelectorAll<HTMLSelectElement | HTMLInputElement>('select, input[type="range"], input[type="number"]'),
        ...root.querySelectorAll<HTMLButtonElement>("button"),
      ];
      const control = controls[k];
      if (control === undefined) return undefined;
      if (control instanceof HTMLButtonElement) {
        control.click();
        return `button "${control.textContent?.trim()}"`;
      }
      if (control instanceof HTMLSelectElement) {
        if (control.options.length < 2) return `select ${control.name || control.id} (one option)`;
        control.selectedIndex = (control.selectedIndex + 1) % control.options.length;
      } else {
        const min = Number(control.min || 0);
        const max = Number(control.max || 100);
        control.value = String(Number(control.value) === max ? min : max);
      }
      control.dispatchEvent(new Event("input", { bubbles: true }));
      control.dispatchEvent(new Event("change", { bubbles: true }));
      return `${control.tagName.toLowerCase()} ${control.name || control.id}`;
    },
    [index, n] as const,
  );
}

function outputOf(page: Page, index: number): Promise<string> {
  return page.evaluate((i) => {
    const root = document.querySelectorAll<HTMLElement>("[data-simulation]")[i]!;
    return root.querySelector("[data-sim-output]")?.innerHTML ?? "";
  }, index);
}

export function courseSuite(env: GetEnvironment): void {
  it("renders every chapter's simulations and redraws each when a control changes", async () => {
    const { page, site } = env();
    let simulations = 0;
    for (const path of chapterPaths(site.dir)) {
      await page.goto(`${SITE}${path}`);
      await page.waitForLoadState("networkidle");
      const count = await page.locator("[data-simulation]").count();
      for (let i = 0; i < count; i++) {
        const before = await outputOf(page, i);
        expect(before, `${path} simulation ${i} renders nothing`).not.toBe("");
        // Some controls change nothing in some states (Reno and NewReno agree without a
        // second loss); the simulation passes when one of its controls redraws it.
        const tried: string[] = [];
        let responded = false;
        for (let n = 0; !responded; n++) {
          const did = await poke(page, i, n);
          if (did === undefined) break;
          tried.push(did);
          responded = await page
            .waitForFunction(
              ([k, old]) => document.querySelectorAll("[data-simulation]")[k]!.querySelector("[data-sim-output]")?.innerHTML !== old,
              [i, before] as const,
              { timeout: 5_000 },
            )
            .then(() => true, () => false);
        }
        expect(responded, `${path} simulation ${i} did not respond to: ${tried.join(", ")}`).toBe(true);
        simulations++;
      }
    }
    console.log(`simulations checked: ${simulations}`);
    expect(simulations).toBeGreaterThanOrEqual(7);
  }, 180_000);

  it("records a quiz answer in the learner's progress and shows it again after a reload", async () => {
    const { page } = env();
    await page.goto(`${SITE}/tcp-udp/udp/`);
    const quiz = page.locator("[data-quiz]").first();
    const id = await quiz.getAttribute("data-quiz");
    const question = quiz.locator("[data-question]").first();
    const answer = Number(await question.getAttribute("data-answer"));
    const wrong = answer === 0 ? 1 : 0;
    await question.locator(`input[value="${wrong}"]`).check();
    expect(await question.getAttribute("data-result")).toBe("wrong");
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "{}"), PROGRESS_KEY);
    expect(stored.quizzes[id!]).toEqual({ answers: { 0: wrong }, correct: { 0: false } });
    await page.reload();
    await expect.poll(() => page.locator("[data-quiz]").first().locator("[data-question]").first().getAttribute("data-result")).toBe("wrong");
  }, 60_000);
}
