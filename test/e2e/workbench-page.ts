/** Driving a lab page's workbench from a test: the hooks main.ts exposes on window. */
import type { Page } from "playwright-core";
import { SITE } from "./site-server.ts";

export async function openLab(page: Page, lab: string): Promise<void> {
  await page.goto(`${SITE}/labs/${lab}/`);
  // Generous: on a machine shared by many, Monaco alone took 40-50 s to start (load average 30 on 2 cores).
  await page.waitForFunction(() => window.wirelabWorkbench?.ready === true, undefined, { timeout: 180_000 });
}

export function setCode(page: Page, code: string): Promise<void> {
  return page.evaluate((text) => window.wirelabWorkbench!.editor.setCode(text), code);
}

export function getCode(page: Page): Promise<string> {
  return page.evaluate(() => window.wirelabWorkbench!.editor.getCode());
}

/** Everything in the terminal, one string per line, trailing spaces trimmed. */
export function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const buffer = window.wirelabWorkbench!.terminal.terminal.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? "");
    return lines.join("\n");
  });
}

/** Clears the terminal, clicks a toolbar button and waits until the workbench is idle again; returns the terminal's text. */
export async function clickAndWait(page: Page, action: string, timeout = 120_000): Promise<string> {
  await page.evaluate(() => window.wirelabWorkbench!.terminal.clear());
  await page.click(`[data-action="${action}"]`);
  await page.waitForSelector("[data-workbench]:not([data-busy])", { timeout });
  return terminalText(page);
}
