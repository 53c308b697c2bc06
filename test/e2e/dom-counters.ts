/**
 * Chromium's live DOM node and listener counts after a forced garbage
 * collection (DevTools protocol): what stays is retained by something, so
 * counts that grow with every Run are a leak.
 */
import type { Page } from "playwright-core";

export interface DomCounters {
  readonly nodes: number;
  readonly jsEventListeners: number;
}

export async function domCountersAfterGc(page: Page): Promise<DomCounters> {
  const cdp = await page.context().newCDPSession(page);
  try {
    // Twice: the first pass can free what only finalizers of the first held.
    await cdp.send("HeapProfiler.collectGarbage");
    await cdp.send("HeapProfiler.collectGarbage");
    const { nodes, jsEventListeners } = await cdp.send("Memory.getDOMCounters");
    return { nodes, jsEventListeners };
  } finally {
    await cdp.detach();
  }
}
