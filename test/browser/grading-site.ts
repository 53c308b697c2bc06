/**
 * A made-up origin served from memory to a Chromium page: the grading page
 * script and the sandbox workers' scripts, with no network and no server.
 * Playwright answers every request for http://wirelab.test/ from `files`,
 * the workers' script requests included.
 */
import type { Browser, Page } from "playwright-core";

export const ORIGIN = "http://wirelab.test";

/** Opens a page on the origin whose `/` loads `/page.js`; resolves once the page script has run. */
export async function openGradingSite(browser: Browser, files: Readonly<Record<string, string>>): Promise<Page> {
  const context = await browser.newContext();
  await context.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === "/") {
      return route.fulfill({ contentType: "text/html", body: `<!doctype html><title>wirelab</title><script type="module" src="/page.js"></script>` });
    }
    const body = files[path];
    return body === undefined ? route.fulfill({ status: 404, body: "" }) : route.fulfill({ contentType: "text/javascript", body });
  });
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => "wirelab" in window);
  return page;
}
