/**
 * The simulations' shared timeline control (site/src/components/sim-timeline.ts):
 * stepping with the keyboard shows the events up to the current one and
 * names it, Play runs to the last event and stops, and a control change
 * shows the whole run again.
 */
import { expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import type { GetEnvironment } from "./environment.ts";
import { SITE } from "./site-server.ts";

/** The events the drawing shows now: marked parts not hidden as after the current step. */
function shownParts(sim: Locator): Promise<number> {
  return sim.evaluate((root) => root.querySelectorAll("[data-sim-output] [data-sim-t]:not([data-sim-future])").length);
}

async function open(page: Page, path: string, name: string): Promise<Locator> {
  await page.goto(`${SITE}${path}`);
  const sim = page.locator(`[data-simulation="${name}"]`).first();
  await expect.poll(() => sim.getAttribute("data-renders"), { timeout: 20_000 }).not.toBeNull();
  await sim.locator(".tu-timeline:not([hidden])").waitFor({ timeout: 20_000 });
  return sim;
}

export function simSteppingSuite(env: GetEnvironment): void {
  it("steps the TCP connection's ladder forward and back with the keyboard, plays it to the end, and shows it whole after a control change", async () => {
    const { page } = env();
    const sim = await open(page, "/tcp-udp/tcp-connections/", "handshake");
    const timeline = sim.locator(".tu-timeline");
    const readout = timeline.locator("[data-timeline-readout]");
    const total = Number(await timeline.getAttribute("data-total"));
    expect(total).toBeGreaterThanOrEqual(10);
    // The page opens with every event shown and nothing playing (no autoplay).
    expect(await readout.textContent()).toBe(`All ${total} events shown. Step through them one at a time, or play them in order.`);
    expect(await shownParts(sim)).toBe(total);
    expect(await timeline.locator('[data-timeline="play"]').getAttribute("aria-pressed")).toBe("false");

    // Keyboard only: focus the control's first button, Home to the start, arrows to step.
    await timeline.locator('[data-timeline="start"]').focus();
    await page.keyboard.press("Home");
    expect(await readout.textContent()).toBe(`Before the first event: 0 of ${total} shown.`);
    expect(await shownParts(sim)).toBe(0);
    await page.keyboard.press("ArrowRight");
    expect(await readout.textContent()).toBe(`Event 1 of ${total}: SYN seq=0, client → server, sent at 0.0 ms, arrives at 50 ms`);
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    expect(await readout.textContent()).toMatch(new RegExp(`^Event 4 of ${total}: SYN,ACK seq=0 ack=1, server → client, sent at 50 ms`));
    expect(await shownParts(sim)).toBe(4);
    expect(await timeline.getAttribute("data-shown")).toBe("4");
    // The current event is marked, the ones after it hidden from sight (and from assistive technology).
    expect(await sim.locator("[data-sim-output] [data-sim-now]").count()).toBe(1);
    expect(await sim.locator("[data-sim-output] [data-sim-future]").first().evaluate((e) => getComputedStyle(e).visibility)).toBe("hidden");
    await page.keyboard.press("ArrowLeft");
    expect(await readout.textContent()).toMatch(new RegExp(`^Event 3 of ${total}: `));
    expect(await shownParts(sim)).toBe(3);
    // The focus never left the control's buttons.
    expect(await page.evaluate(() => document.activeElement?.closest(".tu-timeline") !== null)).toBe(true);
    await page.keyboard.press("End");
    expect(await readout.textContent()).toMatch(/^All \d+ events shown/);
    expect(await shownParts(sim)).toBe(total);

    // Play from the whole run starts at the first event and stops at the last.
    const play = timeline.locator('[data-timeline="play"]');
    await play.focus();
    await page.keyboard.press("Enter");
    expect(await play.getAttribute("aria-pressed")).toBe("true");
    expect(await play.textContent()).toBe("Pause");
    await expect.poll(() => timeline.getAttribute("data-shown"), { timeout: 60_000, interval: 250 }).toBe(String(total));
    await expect.poll(() => play.getAttribute("aria-pressed")).toBe("false");
    expect(await play.textContent()).toBe("Play");
    expect(await readout.textContent()).toMatch(new RegExp(`^Event ${total} of ${total}: `));
    expect(await shownParts(sim)).toBe(total);

    // Pause stops it where it is.
    await page.keyboard.press("Enter");
    await expect.poll(() => timeline.getAttribute("data-shown"), { timeout: 10_000, interval: 100 }).not.toBe("0");
    await page.keyboard.press("Enter");
    const paused = await timeline.getAttribute("data-shown");
    await page.waitForTimeout(1_200);
    expect(await timeline.getAttribute("data-shown")).toBe(paused);
    expect(Number(paused)).toBeLessThan(total);

    // A control change re-runs the model and shows the new run whole.
    const renders = Number(await sim.getAttribute("data-renders"));
    await sim.locator('select[name="drop"]').selectOption({ index: 1 });
    await expect.poll(async () => Number(await sim.getAttribute("data-renders"))).toBeGreaterThan(renders);
    expect(await readout.textContent()).toMatch(/^All \d+ events shown/);
    expect(await sim.locator("[data-sim-output] [data-sim-future]").count()).toBe(0);
  }, 120_000);

  it("steps the DNS lookup one message at a time, with that message's fields below the drawing", async () => {
    const { page } = env();
    const sim = await open(page, "/dns/resolution/", "dns-resolver");
    const timeline = sim.locator(".tu-timeline");
    const readout = timeline.locator("[data-timeline-readout]");
    const total = Number(await timeline.getAttribute("data-total"));
    expect(total).toBeGreaterThanOrEqual(4);
    await timeline.getByRole("button", { name: "Start" }).click();
    await timeline.getByRole("button", { name: "Step", exact: true }).click();
    await timeline.getByRole("button", { name: "Step", exact: true }).click();
    expect(await readout.textContent()).toMatch(new RegExp(`^Message 2 of ${total}: recursive resolver → root server over UDP: `));
    // One message is an arrow and its time on the axis: two parts each.
    expect(await sim.locator("svg.dns-ladder .sim-packet:not([data-sim-future])").count()).toBe(2);
    expect(await shownParts(sim)).toBe(4);
    expect(await sim.locator("div.dns-current").textContent()).toMatch(/^Message 2 of \d+, field by field/);
    await timeline.getByRole("button", { name: "Step back" }).click();
    expect(await sim.locator("svg.dns-ladder .sim-packet:not([data-sim-future])").count()).toBe(1);
    await timeline.getByRole("button", { name: "Show all messages" }).click();
    expect(await sim.locator("svg.dns-ladder .sim-packet:not([data-sim-future])").count()).toBe(total);
    expect(await sim.locator("div.dns-current").isHidden()).toBe(true);
  }, 60_000);
}
