/**
 * Launches Debian's Chromium through playwright-core (nothing is downloaded).
 * Where Chromium is missing, browser tests skip with a message, except on CI
 * (CI=true), where they must fail: a skipped browser test proves nothing.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** True when browser tests can run here; throws on CI when they cannot. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === "true") {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: .ci/run should have installed Debian's chromium package`);
  }
  console.warn(`Skipping browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
  return false;
}

/** A headless Chromium that makes no network connections of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
