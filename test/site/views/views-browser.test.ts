/**
 * The views in real Chromium: renders test/site/fixtures/views-page.ts with
 * Starlight's own CSS variables, clicks and keys through each view, and
 * writes screenshots in both themes at desktop and phone widths to
 * /tmp/wirelab-shots/views-*.png.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundlePage } from "#test/browser/bundle.ts";
import { chromiumAvailable, launchChromium } from "#test/browser/chromium.ts";

const ORIGIN = "http://wirelab.test";

/** What test/site/fixtures/views-page.ts puts on `window.wirelabViews`. */
interface ViewsPage {
  toggles: string[];
  packetCount: number;
  pcapLength: number;
  renderBrokenHpack(): void;
}
const SHOTS = "/tmp/wirelab-shots";
const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** Starlight's own colour and font variables, for both themes (`data-theme` on <html>). */
function starlightProps(): string {
  return readFileSync(`${ROOT}node_modules/@astrojs/starlight/dist/style/props.css`, "utf8");
}

const PAGE_CSS = `
  html { color-scheme: dark; }
  html[data-theme="light"] { color-scheme: light; }
  body { margin: 0; padding: 1rem; background: var(--sl-color-bg); color: var(--sl-color-text);
         font-family: var(--__sl-font); font-size: 16px; }
  h2 { color: var(--sl-color-white); font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
`;

async function openViews(browser: Browser, files: Record<string, string>, width: number, theme: "light" | "dark"): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  await context.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === "/") {
      return route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><html data-theme="${theme}" lang="en"><meta charset="utf-8"><title>views</title>
          <link rel="stylesheet" href="/props.css"><link rel="stylesheet" href="/views.css"><style>${PAGE_CSS}</style>
          <body><script type="module" src="/page.js"></script></body></html>`,
      });
    }
    const body = files[path];
    if (body === undefined) return route.fulfill({ status: 404, body: "" });
    return route.fulfill({ contentType: path.endsWith(".css") ? "text/css" : "text/javascript", body });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => "wirelabViews" in window, undefined, { timeout: 15_000 }).catch(() => {
    throw new Error(`the views page did not start: ${errors.join("; ")}`);
  });
  return page;
}

describe.runIf(chromiumAvailable())("the workbench views in Chromium", () => {
  let browser: Browser;
  let files: Record<string, string>;
  beforeAll(async () => {
    files = {
      "/page.js": await bundlePage("test/site/fixtures/views-page.ts"),
      "/views.css": readFileSync(`${ROOT}site/src/workbench/views/views.css`, "utf8"),
      "/props.css": starlightProps(),
    };
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("drops a packet when it is clicked, and again from the keyboard", async () => {
    const page = await openViews(browser, files, 1280, "light");
    const first = page.locator("#ladder .wl-droppable").first();
    const key = await first.getAttribute("data-drop-key");
    expect(key).toBe("data-DATA 0-0");
    // A click takes the packet whose line is nearest (ladder-pick.ts): click the line's midpoint.
    await first.locator("line.wl-arrow").click();
    expect(await page.evaluate(() => (window as unknown as { wirelabViews: ViewsPage }).wirelabViews.toggles)).toEqual([key]);
    // The re-run shows it lost by you: a ✕ and aria-pressed.
    const again = page.locator(`#ladder [data-drop-key="${key}"]`);
    await expect.poll(() => again.getAttribute("class")).toContain("wl-dropped");
    expect(await again.getAttribute("aria-pressed")).toBe("true");
    expect(await again.locator(".wl-cross").count()).toBe(1);
    expect(await again.locator("title").textContent()).toMatch(/dropped by you/);
    await page.mouse.move(0, 0);
    await page.locator("#ladder").screenshot({ path: `${SHOTS}/views-ladder-dropped-light-1280.png` });
    // Keyboard: focus the ACK sent at 10 ms and press Enter, then Space to undo.
    const ack = page.locator('#ladder [data-drop-key="ack-ACK 1-10"]');
    await ack.focus();
    await page.keyboard.press("Enter");
    await page.locator('#ladder [data-drop-key="ack-ACK 1-10"]').focus();
    await page.keyboard.press(" ");
    expect(await page.evaluate(() => (window as unknown as { wirelabViews: ViewsPage }).wirelabViews.toggles)).toEqual([key, "ack-ACK 1-10", "ack-ACK 1-10"]);
    // Arrow keys move between droppable packets.
    await page.locator('#ladder [data-drop-key="data-DATA 2-2"]').focus();
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-drop-key"))).toBe("data-DATA 3-3");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-drop-key"))).toBe("data-DATA 1-1");
    // Retransmissions cannot be dropped: they are not buttons.
    expect(await page.locator("#ladder .wl-packet.wl-retx.wl-droppable").count()).toBe(0);
    expect(await page.locator("#ladder .wl-packet.wl-retx").count()).toBe(4);
    expect(await page.locator("#ladder .wl-packet.wl-corrupt").count()).toBe(1);
    await page.context().close();
  }, 60_000);

  it("keeps a long run under 1500 SVG elements and says what it left out", async () => {
    const page = await openViews(browser, files, 1280, "dark");
    const select = page.locator("#long-ladder select");
    const values = await select.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    await select.selectOption(values.at(-1)!);
    const count = await page.locator("#long-ladder svg.wl-ladder-svg *").count();
    expect(count).toBeGreaterThan(500);
    expect(count).toBeLessThanOrEqual(1500);
    await expect.poll(() => page.locator("#long-ladder .wl-note").textContent()).toMatch(/Not drawn, to keep the page fast: \d+ packets/);
    // Zoom works and is bounded.
    await page.getByRole("button", { name: "Zoom in" }).nth(1).click();
    expect(await page.locator("#long-ladder .wl-zoom").textContent()).toBe("2×");
    await page.context().close();
  }, 60_000);

  it("reads the window plot from the keyboard", async () => {
    const page = await openViews(browser, files, 1280, "light");
    expect(await page.locator("#plot path.wl-cwnd").getAttribute("d")).toMatch(/^M[\d.]+ [\d.]+H/);
    expect(await page.locator("#plot path.wl-ssthresh").getAttribute("d")).toMatch(/^M/);
    await page.locator("#plot svg.wl-plot-svg").focus();
    await page.keyboard.press("End");
    expect(await page.locator("#plot .wl-readout").textContent()).toMatch(/^t = 2000 ms: cwnd \d+ bytes, ssthresh \d+ bytes$/);
    await page.keyboard.press("Home");
    expect(await page.locator("#plot .wl-readout").textContent()).toBe("t = 0 ms: cwnd 1460 bytes, ssthresh ∞");
    // The pointer reads the sample under it: at 3/4 of the way, after the loss, ssthresh is finite.
    const box = (await page.locator("#plot .wl-overlay").boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
    expect(await page.locator("#plot .wl-readout").textContent()).toMatch(/^t = 1[45]\d\d ms: cwnd \d+ bytes, ssthresh \d+ bytes$/);
    await page.context().close();
  }, 60_000);

  it("lists the captured packets, links fields and bytes, and downloads the capture", async () => {
    const page = await openViews(browser, files, 1280, "light");
    const expected = await page.evaluate(() => (window as unknown as { wirelabViews: ViewsPage }).wirelabViews.packetCount);
    const rows = page.locator("#packets .wl-packet-list tbody tr");
    expect(await rows.count()).toBe(expected);
    expect(await rows.nth(0).locator(".wl-info").textContent()).toBe("UDP 4000 → 4001 len=14");
    expect(await page.locator("#packets .wl-info", { hasText: /^TCP \d+ → \d+ \[/ }).count()).toBeGreaterThan(0);
    // Keyboard: ArrowDown moves the selection.
    await rows.nth(0).click();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect(await page.locator("#packets .wl-detail-title").textContent()).toMatch(/^Packet 3: \d+ bytes at [\d.]+ ms$/);
    // A field highlights its bytes; a byte selects its field.
    const port = page.locator("#packets .wl-field", { hasText: "Destination Port" });
    await port.hover();
    expect(await page.locator("#packets .wl-hex-bytes .wl-byte.is-hover").count()).toBe(2);
    expect(await page.locator("#packets .wl-hex-ascii .wl-byte.is-hover").count()).toBe(2);
    await page.locator('#packets .wl-hex-bytes .wl-byte[data-i="9"]').click();
    const selected = page.locator('#packets .wl-field[aria-pressed="true"]');
    expect(await selected.textContent()).toMatch(/^Protocol/);
    expect(await page.locator("#packets .wl-hex-bytes .wl-byte.is-selected").count()).toBe(1);
    // Download.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download capture (.pcapng)" }).click()]);
    expect(download.suggestedFilename()).toBe("wirelab-capture-test.pcapng");
    const saved = readFileSync(await download.path());
    expect(saved.length).toBe(await page.evaluate(() => (window as unknown as { wirelabViews: ViewsPage }).wirelabViews.pcapLength));
    expect(saved.readUInt32LE(0)).toBe(0x0a0d0d0a);
    await page.context().close();
  }, 60_000);

  it("steps through HPACK blocks and shows the table, evictions and decoder errors", async () => {
    const page = await openViews(browser, files, 1280, "dark");
    const tabs = page.locator("#hpack [role=tab]");
    expect(await tabs.count()).toBe(4);
    expect(await tabs.nth(0).textContent()).toBe("Block 152 B → 20 B");
    await tabs.nth(2).click();
    expect(await page.locator("#hpack .wl-dyn-table tbody tr").count()).toBe(3);
    expect(await page.locator("#hpack .wl-dyn-table .wl-new").count()).toBe(1);
    expect(await page.locator("#hpack .wl-dyn-table .wl-new td").nth(1).textContent()).toBe("custom-keynew");
    const literal = page.locator("#hpack .wl-note-item", { hasText: "new name, added as 62" });
    await page.mouse.move(0, 0); // keep the pointer from hovering another field as the page scrolls
    await literal.focus();
    expect(await page.locator("#hpack .wl-byte.is-hover").count()).toBe(25);
    await page.keyboard.press("Tab");
    expect(await page.locator("#hpack .wl-byte.is-hover").count()).toBe(11); // the name inside it
    await tabs.nth(2).focus();
    await page.keyboard.press("ArrowRight");
    expect(await tabs.nth(3).getAttribute("aria-selected")).toBe("true");
    expect(await page.locator("#hpack .wl-size-text").textContent()).toBe("107 / 110 bytes used · 2 entries · no new entries, 1 evicted");
    expect(await page.locator("#hpack [role=meter]").getAttribute("aria-valuenow")).toBe("107");
    await page.evaluate(() => (window as unknown as { wirelabViews: ViewsPage }).wirelabViews.renderBrokenHpack());
    expect(await page.locator("#hpack .wl-error").textContent()).toMatch(/The decoder failed: HPACK integer truncated/);
    await page.context().close();
  }, 60_000);

  for (const width of [1280, 390]) {
    for (const theme of ["light", "dark"] as const) {
      it(`fits a ${width} px ${theme} page and is photographed`, async () => {
        const page = await openViews(browser, files, width, theme);
        await page.locator('#packets .wl-packet-list tbody tr').nth(2).click();
        await page.locator("#packets .wl-field", { hasText: "Source Port" }).click();
        await page.locator("#hpack [role=tab]").nth(2).click();
        await page.locator("#plot svg.wl-plot-svg").focus();
        await page.keyboard.press("ArrowRight");
        // The page itself never scrolls sideways: wide content scrolls inside its view.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${SHOTS}/views-${theme}-${width}.png`, fullPage: true });
        for (const id of ["ladder", "long-ladder", "plot", "packets", "hpack"]) {
          await page.locator(`#${id}`).screenshot({ path: `${SHOTS}/views-${id}-${theme}-${width}.png` });
        }
        await page.context().close();
      }, 60_000);
    }
  }
});
