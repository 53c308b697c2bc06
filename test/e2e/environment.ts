/** What the end-to-end suites share: one build of the site and one browser page on it. */
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { BuiltSite } from "./build-site.ts";

export interface E2eEnvironment {
  readonly site: BuiltSite;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions of `page`, as they happen. */
  readonly consoleErrors: string[];
}

/** Suites get the environment through this, as it exists only once beforeAll has run. */
export type GetEnvironment = () => E2eEnvironment;
