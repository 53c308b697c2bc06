/**
 * The pages around the labs: a chapter renders without console errors,
 * search (Pagefind) finds a chapter, and screenshots of home, a chapter and
 * every lab in both themes at a phone's and a desktop's width, written to
 * $WIRELAB_SHOTS (default /tmp/wirelab-shots) for people to look at.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { listLabs } from "#grader/labs.ts";
import type { GetEnvironment } from "./environment.ts";
import { chapterPaths } from "./chapters.ts";
import { measurePage } from "./page-weight.ts";
import { SITE, serveSite } from "./site-server.ts";

const SHOTS = process.env.WIRELAB_SHOTS ?? "/tmp/wirelab-shots";

const CHAPTER = "/tcp-udp/reliable-delivery/";

export function pagesSuite(env: GetEnvironment): void {
  it("renders a chapter with no console errors", async () => {
    const { page, consoleErrors } = env();
    const before = consoleErrors.length;
    await page.goto(`${SITE}${CHAPTER}`);
    await page.waitForLoadState("networkidle");
    expect(await page.locator("h1").first().isVisible()).toBe(true);
    expect(consoleErrors.slice(before)).toEqual([]);
  }, 60_000);

  it("keeps chapter pages light: no editor, workbench or Monaco, and under 60 KB of JavaScript (gzip)", async () => {
    const { page } = env();
    for (const path of chapterPaths(env().site.dir)) {
      const weight = await measurePage(page, `${SITE}${path}`);
      console.log(`${path}: ${(weight.scriptGzipBytes / 1024).toFixed(1)} KB of JavaScript, ${(weight.totalGzipBytes / 1024).toFixed(1)} KB in all (gzip)`);
      expect(weight.urls.filter((url) => /monaco|editor\.|Workbench|xterm|worker/i.test(url))).toEqual([]);
      expect(weight.scriptGzipBytes).toBeLessThan(60 * 1024);
    }
  }, 180_000);

  it("measures a lab page: everything it loads, editor and workers included", async () => {
    const { page } = env();
    const weight = await measurePage(page, `${SITE}/labs/arq/`, () =>
      page.waitForFunction(() => window.wirelabWorkbench?.ready === true, undefined, { timeout: 60_000 }),
    );
    console.log(`/labs/arq/: ${(weight.scriptGzipBytes / 1024).toFixed(0)} KB of JavaScript, ${(weight.totalGzipBytes / 1024).toFixed(0)} KB in all (gzip)`);
    expect(weight.urls.some((url) => /editor/.test(url))).toBe(true);
  }, 120_000);

  it("finds a chapter with the site search", async () => {
    // A tab of its own, as a learner opening the site would have.
    const { browser, site } = env();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      await serveSite(context, site.dir);
      const page = await context.newPage();
      await page.goto(`${SITE}/`);
      await page.waitForSelector("button[data-open-modal]:not([disabled])");
      await page.click("button[data-open-modal]");
      const input = page.locator(".pagefind-ui__search-input");
      await input.waitFor({ timeout: 60_000 });
      await input.fill("Selective Repeat");
      await page.locator(".pagefind-ui__result-link").first().waitFor({ timeout: 30_000 });
      const links = await page.locator(".pagefind-ui__result-link").evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")));
      expect(links).toContain(CHAPTER);
    } finally {
      await context.close();
    }
  }, 120_000);

  it("takes screenshots of home, a chapter and each lab in both themes, narrow and wide", async () => {
    const { browser, site } = env();
    mkdirSync(SHOTS, { recursive: true });
    const paths = [
      ["home", "/"],
      ["chapter", CHAPTER],
      ...listLabs().map((lab) => [`lab-${lab.meta.id}`, `/labs/${lab.meta.id}/`]),
    ] as const;
    let taken = 0;
    for (const theme of ["light", "dark"] as const) {
      for (const [width, label] of [[390, "narrow"], [1400, "wide"]] as const) {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        await serveSite(context, site.dir);
        await context.addInitScript((value) => localStorage.setItem("starlight-theme", value), theme);
        const page = await context.newPage();
        for (const [name, path] of paths) {
          await page.goto(`${SITE}${path}`);
          // A phone gets the "labs need a desktop-sized screen" notice; the workbench starts only on a wide screen.
          if (path.startsWith("/labs/") && width > 900) {
            await page.waitForFunction(() => window.wirelabWorkbench?.ready === true, undefined, { timeout: 60_000 });
          }
          await page.waitForLoadState("networkidle");
          expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
          await page.screenshot({ path: join(SHOTS, `${name}-${theme}-${label}.png`) });
          taken++;
        }
        await context.close();
      }
    }
    expect(taken).toBe(paths.length * 4);
  }, 300_000);

  it("logged no console errors on any page visited", () => {
    expect(env().consoleErrors).toEqual([]);
  });
}
