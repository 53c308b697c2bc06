/** What a page makes the browser download, measured in Chromium: every response until the network is idle. */
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";

export interface PageWeight {
  /** Every URL fetched. */
  readonly urls: readonly string[];
  /** JavaScript (workers included), gzip-compressed as a server would send it. */
  readonly scriptGzipBytes: number;
  /** Everything fetched, gzip-compressed. */
  readonly totalGzipBytes: number;
}

export async function measurePage(page: Page, url: string, ready?: () => Promise<unknown>): Promise<PageWeight> {
  const bodies: Array<Promise<{ url: string; type: string; gzip: number }>> = [];
  const listener = (response: import("playwright-core").Response) => {
    bodies.push(
      response
        .body()
        .then((body) => ({ url: response.url(), type: response.headers()["content-type"] ?? "", gzip: gzipSync(body).length }))
        .catch(() => ({ url: response.url(), type: "", gzip: 0 })),
    );
  };
  page.on("response", listener);
  await page.goto(url);
  await ready?.();
  await page.waitForLoadState("networkidle");
  // Some scripts load when the browser is idle (Starlight's search UI): count
  // them too, waiting until nothing new has been fetched for a second.
  await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 2000 })));
  for (let seen = -1, rounds = 0; rounds < 20; rounds++) {
    const count = await page.evaluate(() => performance.getEntriesByType("resource").length);
    if (count === seen) break;
    seen = count;
    await page.waitForTimeout(1000);
  }
  page.off("response", listener);
  const responses = await Promise.all(bodies);
  return {
    urls: responses.map((r) => r.url),
    scriptGzipBytes: responses.filter((r) => r.type.includes("javascript")).reduce((sum, r) => sum + r.gzip, 0),
    totalGzipBytes: responses.reduce((sum, r) => sum + r.gzip, 0),
  };
}
