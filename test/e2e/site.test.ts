/**
 * The site end to end in real Chromium: built once (self-paced edition)
 * and served from disk, then driven like a learner would. The suites live
 * in the *-suite.ts files beside this one.
 */
import { afterAll, beforeAll, describe } from "vitest";
import { chromiumAvailable, launchChromium } from "../browser/chromium.ts";
import { buildSite } from "./build-site.ts";
import { courseNavSuite } from "./course-nav-suite.ts";
import { courseSuite } from "./course-suite.ts";
import { editionSuite } from "./editions-suite.ts";
import type { E2eEnvironment } from "./environment.ts";
import { pagesSuite } from "./pages-suite.ts";
import { serveSite } from "./site-server.ts";
import { simSteppingSuite } from "./sim-stepping-suite.ts";
import { workbenchLayoutSuite } from "./workbench-layout-suite.ts";
import { workbenchPicturesSuite } from "./workbench-pictures-suite.ts";
import { workbenchSuite } from "./workbench-suite.ts";

describe.runIf(chromiumAvailable())("the site in Chromium", () => {
  let environment: E2eEnvironment | undefined;
  const get = () => {
    if (environment === undefined) throw new Error("The site was not built or the browser did not start");
    return environment;
  };

  beforeAll(async () => {
    const site = buildSite("self-paced");
    console.log(`site build (self-paced): ${site.seconds.toFixed(1)} s`);
    const browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await serveSite(context, site.dir);
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
    environment = { site, browser, context, page, consoleErrors };
  }, 600_000);

  afterAll(async () => {
    await environment?.browser.close();
  });

  describe("the lab workbench", () => workbenchSuite(get));
  describe("the lab workbench's layout and keyboard", () => workbenchLayoutSuite(get));
  describe("the lab workbench's pictures", () => workbenchPicturesSuite(get));
  describe("pages", () => pagesSuite(get));
  describe("chapters", () => courseSuite(get));
  describe("course order, lab pages' course links and quizzes", () => courseNavSuite(get));
  describe("editions", () => editionSuite(get));
  describe("stepping through simulations", () => simSteppingSuite(get));
});
