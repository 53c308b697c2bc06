/** axe-core in a test page: the serious and critical violations, one line each. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** What axe.run takes: the parts of the page to check and to leave out, as CSS selectors. */
export interface AxeScope {
  readonly include?: string[];
  readonly exclude?: string[];
}

/**
 * Runs axe on the page (loading it once per document) and returns
 * "impact id: help (count: first targets)" for each serious or critical violation.
 * `theme` first sets Starlight's theme on the page's root, without a reload.
 */
export async function seriousViolations(page: Page, scope: AxeScope = {}, theme?: "light" | "dark"): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE });
  await codeBlocksSettled(page);
  return page.evaluate(
    async ({ include, exclude, theme: name }) => {
      if (name !== undefined) document.documentElement.dataset.theme = name;
      type Axe = { run(context: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> };
      const axe = (window as unknown as { axe: Axe }).axe;
      const context = { ...(include === undefined ? {} : { include: include.map((s) => [s]) }), ...(exclude === undefined ? {} : { exclude: exclude.map((s) => [s]) }) };
      const result = await axe.run(include === undefined && exclude === undefined ? document : context);
      return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")})`);
    },
    { include: scope.include, exclude: scope.exclude, theme },
  );
}

/**
 * Waits until Expressive Code has made every code block that scrolls
 * focusable. Its script does that after layout settles (a ResizeObserver, a
 * 250 ms pause, then an idle callback), so a check run straight after a
 * page loads, or after a layout change such as the lab workbench mounting,
 * can find a scrolling block it has not reached yet: seen once in CI, on a
 * lab page's instructions, at 1440x900 in the light theme.
 */
async function codeBlocksSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => [...document.querySelectorAll(".expressive-code pre")].every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute("tabindex")),
    undefined,
    { timeout: 10_000 },
  );
}
