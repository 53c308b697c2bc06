/**
 * The runtime must give identical results in Node and in a browser worker.
 * This bundles a busy scenario for the browser, runs it inside a Web Worker
 * in real Chromium, and compares its trace and capture with Node's.
 */
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprint } from "../runtime/fingerprint.ts";
import { chromiumAvailable, launchChromium } from "./chromium.ts";
import type { Browser } from "playwright-core";

const SEEDS = [1, 77, 4096];

async function bundleForWorker(): Promise<string> {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const entry = `
    import { fingerprint } from "./test/runtime/fingerprint.ts";
    postMessage(${JSON.stringify(SEEDS)}.map(fingerprint));
  `;
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: "ts" },
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    write: false,
  });
  return result.outputFiles[0]!.text;
}

describe.runIf(chromiumAvailable())("the runtime in a browser worker", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("produces the same traces and captures as in Node", async () => {
    const code = await bundleForWorker();
    const page = await browser.newPage();
    const inBrowser = await page.evaluate(async (source) => {
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
      return new Promise<unknown>((resolve, reject) => {
        worker.onmessage = (event) => resolve(event.data);
        worker.onerror = (event) => reject(new Error(event.message));
      });
    }, code);
    const inNode = SEEDS.map(fingerprint);
    expect(new Set(inNode.map((f) => f.hash)).size).toBe(SEEDS.length);
    expect(inBrowser).toEqual(inNode);
  }, 60_000);
});
