/** Driving a chapter simulation's "Use my code" switch from a test (site/src/simulations/your-code/). */
import type { Page } from "playwright-core";
import { SITE } from "./site-server.ts";

/** What the learner's pane shows once its run is over. */
export interface YourCodeState {
  /** "picture" or "message". */
  readonly state: string;
  readonly status: string;
  /** The pane's drawing, "" when there is none. */
  readonly drawing: string;
  /** The built-in drawing beside it. */
  readonly builtIn: string;
  /** The pane's left edge is right of the built-in drawing's (side by side). */
  readonly sideBySide: boolean;
}

/** Opens `chapter`, turns on the switch of simulation `sim` by keyboard, and waits for the learner's run to finish. */
export async function useMyCode(page: Page, chapter: string, sim: string): Promise<YourCodeState> {
  await page.goto(`${SITE}${chapter}`);
  const root = page.locator(`[data-simulation="${sim}"]`).first();
  await root.locator("[data-sim-output] svg").first().waitFor({ timeout: 30_000 });
  const toggle = root.locator("button[data-your-code]");
  await toggle.focus();
  await page.keyboard.press("Space");
  await root.locator('[data-your-code-pane][data-state="picture"], [data-your-code-pane][data-state="message"]').waitFor({ timeout: 90_000 });
  return root.evaluate((element) => {
    const pane = element.querySelector<HTMLElement>("[data-your-code-pane]")!;
    const builtIn = element.querySelector<HTMLElement>("[data-sim-output]")!;
    return {
      state: pane.dataset.state ?? "",
      status: pane.querySelector(".yc-status")?.textContent ?? "",
      drawing: pane.querySelector(".yc-output")?.innerHTML ?? "",
      builtIn: builtIn.innerHTML,
      sideBySide: pane.getBoundingClientRect().left >= builtIn.getBoundingClientRect().right - 1,
    };
  });
}
