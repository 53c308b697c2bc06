/**
 * The chapters' live parts: every simulation on every chapter page renders
 * and answers a change of one of its controls, and a quiz answer is kept in
 * the learner's progress across a reload. A lab's code written in the
 * workbench runs in its chapter's simulation with "Use my code".
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { findLab } from "#grader/labs.ts";
import { PROGRESS_KEY } from "#site/progress/store.ts";
import type { GetEnvironment } from "./environment.ts";
import { chapterPaths } from "./chapters.ts";
import { SITE } from "./site-server.ts";
import { clickAndWait, openLab, setCode } from "./workbench-page.ts";
import { useMyCode } from "./your-code-page.ts";

/**
 * Changes control `n` of simulation `index` (selects, number and range
 * inputs, then buttons): another option, the other end of the range, or a
 * click. Returns what it did, or undefined when there is no such control.
 */
async function poke(page: Page, index: number, n: number): Promise<string | undefined> {
  return page.evaluate(
    ([i, k]) => {
      const root = document.querySelectorAll<HTMLElement>("[data-simulation]")[i]!;
      const controls = [
        ...root.querySelectorAll<HTMLSelectElement | HTMLInputElement>('select, input[type="range"], input[type="number"]'),
        // The frame's "Copy link" changes no picture.
        ...root.querySelectorAll<HTMLButtonElement>("button:not([data-sim-link])"),
      ];
      const control = controls[k];
      if (control === undefined) return undefined;
      if (control instanceof HTMLButtonElement) {
        control.click();
        return `button "${control.textContent?.trim()}"`;
      }
      if (control instanceof HTMLSelectElement) {
        if (control.options.length < 2) return `select ${control.name || control.id} (one option)`;
        control.selectedIndex = (control.selectedIndex + 1) % control.options.length;
      } else {
        const min = Number(control.min || 0);
        const max = Number(control.max || 100);
        control.value = String(Number(control.value) === max ? min : max);
      }
      control.dispatchEvent(new Event("input", { bubbles: true }));
      control.dispatchEvent(new Event("change", { bubbles: true }));
      return `${control.tagName.toLowerCase()} ${control.name || control.id}`;
    },
    [index, n] as const,
  );
}

function outputOf(page: Page, index: number): Promise<string> {
  return page.evaluate((i) => {
    const root = document.querySelectorAll<HTMLElement>("[data-simulation]")[i]!;
    return root.querySelector("[data-sim-output]")?.innerHTML ?? "";
  }, index);
}

export function courseSuite(env: GetEnvironment): void {
  it("renders every chapter's simulations and redraws each when a control changes", async () => {
    const { page, site } = env();
    let simulations = 0;
    for (const path of chapterPaths(site.dir)) {
      await page.goto(`${SITE}${path}`);
      await page.waitForLoadState("networkidle");
      const count = await page.locator("[data-simulation]").count();
      for (let i = 0; i < count; i++) {
        const before = await outputOf(page, i);
        expect(before, `${path} simulation ${i} renders nothing`).not.toBe("");
        // Some controls change nothing in some states (Reno and NewReno agree without a
        // second loss); the simulation passes when one of its controls redraws it.
        const tried: string[] = [];
        let responded = false;
        for (let n = 0; !responded; n++) {
          const did = await poke(page, i, n);
          if (did === undefined) break;
          tried.push(did);
          responded = await page
            .waitForFunction(
              ([k, old]) => document.querySelectorAll("[data-simulation]")[k]!.querySelector("[data-sim-output]")?.innerHTML !== old,
              [i, before] as const,
              { timeout: 5_000 },
            )
            .then(() => true, () => false);
        }
        expect(responded, `${path} simulation ${i} did not respond to: ${tried.join(", ")}`).toBe(true);
        simulations++;
      }
    }
    console.log(`simulations checked: ${simulations}`);
    expect(simulations).toBeGreaterThanOrEqual(7);
  }, 180_000);

  it("copies a link that opens a simulation with its settings, and ignores a value its control would refuse", async () => {
    const { page } = env();
    const sim = (p: Page) => p.locator('[data-simulation="loss"]').first();
    const settled = async (p: Page) => {
      await expect.poll(() => sim(p).getAttribute("data-renders"), { timeout: 20_000 }).not.toBeNull();
      await expect.poll(() => sim(p).locator("[data-sim-summary]").textContent(), { timeout: 20_000 }).not.toMatch(/Running the simulation|Loading/);
      return `${await sim(p).locator("[data-sim-summary]").textContent()}\n${await sim(p).locator("[data-sim-output]").innerHTML()}`;
    };
    await page.goto(`${SITE}/tcp-udp/reliable-delivery/`);
    const before = await settled(page);
    const rendered = Number(await sim(page).getAttribute("data-renders"));
    const protocolIndex = await sim(page).locator("#loss-protocol").evaluate((select) => (select as HTMLSelectElement).selectedIndex);
    await sim(page).locator("#loss-protocol").selectOption({ index: protocolIndex === 0 ? 1 : 0 });
    await sim(page).locator("#loss-seed").fill("3");
    await sim(page).locator("#loss-seed").dispatchEvent("change");
    await expect.poll(async () => Number(await sim(page).getAttribute("data-renders"))).toBeGreaterThan(rendered);
    const changed = await settled(page);
    expect(changed).not.toBe(before);
    const protocol = await sim(page).locator("#loss-protocol").inputValue();
    await sim(page).locator("[data-sim-link]").click();
    await expect.poll(() => sim(page).locator("[data-sim-link-status]").textContent()).toMatch(/Link copied|Copy this link/);
    const link = new URL(page.url());
    expect([...link.searchParams.entries()].sort()).toEqual([["loss.protocol", protocol], ["loss.seed", "3"]].sort());

    await page.goto(`${SITE}/tcp-udp/udp/`);
    await page.goto(link.href);
    expect(await settled(page)).toBe(changed);
    expect(await sim(page).locator("#loss-seed").inputValue()).toBe("3");
    await expect.poll(() => sim(page).locator("[data-sim-link-status]").textContent()).toMatch(/Opened with the link's settings \(protocol, seed\)/);

    // A value outside the control's range, or an option the select lacks, is left out; the rest still applies.
    await page.goto(`${SITE}/tcp-udp/reliable-delivery/?loss.seed=99999999&loss.protocol=nonsense&loss.window=2`);
    await settled(page);
    expect(await sim(page).locator("#loss-seed").inputValue()).not.toBe("99999999");
    expect(await sim(page).locator("#loss-protocol").inputValue()).not.toBe("nonsense");
    expect(await sim(page).locator("#loss-window").inputValue()).toBe("2");
  }, 120_000);

  it("records a quiz answer in the learner's progress and shows it again after a reload", async () => {
    const { page } = env();
    await page.goto(`${SITE}/tcp-udp/udp/`);
    const quiz = page.locator("[data-quiz]").first();
    const id = await quiz.getAttribute("data-quiz");
    const question = quiz.locator("[data-question]").first();
    const answer = Number(await question.getAttribute("data-answer"));
    const wrong = answer === 0 ? 1 : 0;
    await question.locator(`input[value="${wrong}"]`).check();
    await question.locator("[data-check]").click();
    expect(await question.getAttribute("data-result")).toBe("wrong");
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "{}"), PROGRESS_KEY);
    expect(stored.quizzes[id!]).toMatchObject({ answers: { 0: wrong }, correct: { 0: false }, tried: { 0: [wrong] } });
    await page.reload();
    await expect
      .poll(() => page.locator("[data-quiz]").first().locator("[data-question]").first().getAttribute("data-result"), { timeout: 15_000 })
      .toBe("wrong");
  }, 60_000);

  it.each([
    ["arq", "/tcp-udp/reliable-delivery/", "loss", "No saved code for the ARQ lab yet", /^Your code delivered all 8 messages in order by [\d.]+ m?s/, /Your code delivered 0 of 8 messages: its Sender accepted no message \(offer\(\) returned false every time\)/],
    ["congestion", "/tcp-udp/congestion-control/", "sawtooth", "No saved code for the congestion control lab yet", /^Your controller: throughput [\d.]+ Mb\/s of 10 Mb\/s; \d+ fast retransmits/, /Its cwnd never changed from 1 segment\./],
    ["dns", "/dns/resolution/", "dns-resolver", "No saved code for the DNS resolver lab yet", /^Your Resolver: www\.example\.com A: 1 A record, TTL 300 s in 60 ms\. It sent 3 queries/, /Your Resolver gave no answer to www\.example\.com A within 10 s\. It sent no query\./],
    ["tcp", "/tcp-udp/tcp-connections/", "handshake", "No saved code for the TCP lab yet", /^Your code: the client had the 600-byte response at [\d.]+ m?s/, /Your code sent no segment: connect\(\) sent no SYN/],
    [
      "http1",
      "/http/",
      "exchange",
      "No saved code for the HTTP/1.1 parser lab yet",
      /^Your Parser read all 3 responses \(200 OK, bodies of 2600, 1200, 900 octets\), the last complete at [\d.]+ m?s \(the built-in browser: [\d.]+ m?s\), and as the server all 3 requests, from 7 pieces\. It follows the connection mode, round trip, packet loss and seed/,
      /^Your Parser returned no message from the 7 pieces it was pushed: the request for \/ never came out/,
    ],
  ] as const)(
    "runs the %s lab's code from the workbench in its chapter's simulation (Use my code)",
    async (lab, chapter, sim, noCode, solved, starter) => {
      const { page } = env();
      const files = findLab(lab).files;
      await openLab(page, lab);
      await page.evaluate(() => localStorage.clear());

      const empty = await useMyCode(page, chapter, sim);
      expect(empty.state).toBe("message");
      expect(empty.status).toContain(noCode);
      expect(empty.drawing).toBe("");
      expect(empty.builtIn).toContain("<svg");
      expect(await page.locator(`[data-simulation="${sim}"] [data-your-code-pane] a[href="/labs/${lab}/"]`).count()).toBe(1);

      // Solved in the workbench: a Run compiles the code and keeps it for the chapter.
      await openLab(page, lab);
      await setCode(page, readFileSync(files.solution, "utf8"));
      await clickAndWait(page, "run");
      const mine = await useMyCode(page, chapter, sim);
      expect(mine.state, mine.status).toBe("picture");
      expect(mine.status).toMatch(solved);
      expect(mine.drawing).toContain("<svg");
      expect(mine.drawing).not.toBe(empty.drawing);
      expect(mine.sideBySide).toBe(true);
      expect(mine.builtIn).toContain("<svg");

      // Edited since: the chapter says the code must be run once more.
      await openLab(page, lab);
      await setCode(page, `${readFileSync(files.solution, "utf8")}\n// edited\n`);
      expect((await useMyCode(page, chapter, sim)).status).toContain("changed since it last compiled");

      await openLab(page, lab);
      await setCode(page, readFileSync(files.starter, "utf8"));
      await clickAndWait(page, "run");
      const first = await useMyCode(page, chapter, sim);
      expect(first.status).toMatch(starter);
      expect(first.drawing).not.toBe(mine.drawing);
    },
    600_000,
  );

  it("draws the framing simulation's chunks from its controls, and runs the framing lab's decoder on them (Use my code)", async () => {
    const { page } = env();
    const files = findLab("framing").files;
    const chapter = "/tcp-udp/tcp-connections/";
    const framing = () => page.locator('[data-simulation="framing"]').first();
    const status = async () => (await framing().locator("[data-your-code-pane] .yc-status").textContent()) ?? "";
    // The built-in picture answers every control: messages, framing, largest chunk and seed.
    await page.goto(`${SITE}${chapter}`);
    await framing().locator("[data-sim-output] svg").first().waitFor({ timeout: 30_000 });
    const picture = async () => `${await framing().locator("[data-sim-summary]").textContent()}\n${await framing().locator("[data-sim-output]").innerHTML()}`;
    const set = async (id: string, value: string) => {
      const before = await picture();
      const rendered = Number(await framing().getAttribute("data-renders"));
      await framing().locator(`#${id}`).evaluate((element, next) => {
        (element as HTMLInputElement).value = next;
        element.dispatchEvent(new Event("change", { bubbles: true }));
      }, value);
      await expect.poll(async () => Number(await framing().getAttribute("data-renders")), { timeout: 20_000 }).toBeGreaterThan(rendered);
      expect(await picture(), `#${id} = ${value}`).not.toBe(before);
    };
    expect(await framing().locator("[data-sim-summary]").textContent()).toMatch(/^6 writes, 66 bytes on the stream; the reader got 12 chunks/);
    await set("fr-seed", "2");
    await set("fr-chunk", "");
    await set("fr-scheme", "slip");
    await set("fr-preset", "binary");

    await openLab(page, "framing");
    await page.evaluate(() => localStorage.clear());
    const empty = await useMyCode(page, chapter, "framing");
    expect(empty.state).toBe("message");
    expect(empty.status).toContain("No saved code for the framing lab yet");

    // Solved in the workbench: the reference decoder returns each of the 6 chat lines (the empty one too) from the read that completes it.
    await openLab(page, "framing");
    await setCode(page, readFileSync(files.solution, "utf8"));
    await clickAndWait(page, "run");
    const mine = await useMyCode(page, chapter, "framing");
    expect(mine.state, mine.status).toBe("picture");
    expect(mine.status).toMatch(/^Your decoder returned all 6 frames, each the message sent, from the read that completed it\. It got the built-in side's frames, cut at the same places/);
    expect(mine.drawing).toContain("m6✓");
    expect(mine.drawing).not.toContain("fr-wrong");
    expect(mine.sideBySide).toBe(true);
    // The controls drive the learner's run: SLIP has no frame for the empty message.
    await framing().locator("#fr-scheme").selectOption("slip");
    await expect.poll(status, { timeout: 90_000 }).toMatch(/^Your decoder returned all 5 frames/);

    await openLab(page, "framing");
    await setCode(page, readFileSync(files.starter, "utf8"));
    await clickAndWait(page, "run");
    const first = await useMyCode(page, chapter, "framing");
    expect(first.status).toMatch(/^Your decoder returned 0 frames for the 6 sent: 0 right, 0 wrong or from the wrong read, 6 never returned\./);
    expect(first.drawing).not.toBe(mine.drawing);
  }, 600_000);

  it("runs the http1 lab's Parser over the exchange simulation's connection mode, round trip and loss (Use my code)", async () => {
    const { page } = env();
    const exchange = () => page.locator('[data-simulation="exchange"]').first();
    const status = async () => (await exchange().locator("[data-your-code-pane] .yc-status").textContent()) ?? "";
    await openLab(page, "http1");
    await setCode(page, readFileSync(findLab("http1").files.solution, "utf8"));
    await clickAndWait(page, "run");
    const keepAlive = await useMyCode(page, "/http/", "exchange");
    expect(keepAlive.status).toContain("the last complete at 205 ms (the built-in browser: 205 ms)");
    // Pipelined: the three GETs arrive in one segment, the responses in four (RFC 9112 §9.3.2).
    await exchange().locator("#ex-mode").selectOption("pipeline");
    await expect.poll(status, { timeout: 90_000 }).toContain("from 5 pieces");
    // A 100 ms round trip with 25% loss: the learner's last response comes when the built-in browser's does.
    await exchange().locator("#ex-rtt").selectOption("100");
    await exchange().locator("#ex-loss").selectOption("0.25");
    await expect.poll(status, { timeout: 90_000 }).toMatch(/the last complete at ([\d.]+ m?s) \(the built-in browser: \1\)/);
    expect(await status()).not.toContain("205 ms");
    expect(await exchange().locator("[data-your-code-pane] svg").count()).toBe(1);
  }, 600_000);

  it("runs the router lab's code from the workbench as the route lookup simulation's edge router (Use my code)", async () => {
    const { page } = env();
    const files = findLab("router").files;
    const routing = () => page.locator('[data-simulation="routing"]');
    const pane = () => routing().locator("[data-your-code-pane]");
    const read = async () => ({
      state: (await pane().getAttribute("data-state")) ?? "",
      status: (await pane().locator(".yc-status").textContent()) ?? "",
      drawing: await pane().locator(".yc-output").innerHTML(),
    });
    // The route lookup draws tables, not an SVG (useMyCode waits for one): open it, turn the switch on by keyboard, wait for the run.
    const useMine = async () => {
      await page.goto(`${SITE}/models-and-layers/addressing-and-routing/`);
      await expect.poll(() => routing().getAttribute("data-renders"), { timeout: 30_000 }).not.toBeNull();
      await routing().locator("button[data-your-code]").focus();
      await page.keyboard.press("Space");
      await routing().locator('[data-your-code-pane][data-state="picture"], [data-your-code-pane][data-state="message"]').waitFor({ timeout: 90_000 });
      return read();
    };
    await openLab(page, "router");
    await page.evaluate(() => localStorage.clear());
    const empty = await useMine();
    expect(empty.state).toBe("message");
    expect(empty.status).toContain("No saved code for the router lab yet");
    expect(await pane().locator('a[href="/labs/router/"]').count()).toBe(1);

    await openLab(page, "router");
    await setCode(page, readFileSync(files.solution, "utf8"));
    await clickAndWait(page, "run");
    const mine = await useMine();
    expect(mine.state, mine.status).toBe("picture");
    expect(mine.status).toMatch(/^Your Router, as the edge router, forwards the datagram to 10\.20\.30\.40 to lab \(10\.255\.3\.2\) by 10\.20\.30\.0\/24 on interface 3, with TTL 63 \(it arrived with 64\)\. It follows the Destination address and Initial TTL/);
    expect(mine.drawing).toContain("used ✓");
    expect(await routing().locator("[data-sim-output]").innerHTML()).toContain("The edge router's lookup");
    // The controls drive the learner's run: TTL 1 gets Time Exceeded back (RFC 1812 §5.3.1), another destination another route.
    await routing().locator("#route-ttl").fill("1");
    await expect.poll(async () => (await read()).status, { timeout: 90_000 }).toContain("answers with ICMP Time Exceeded (type 11, code 0) from 10.1.0.1 to the client");
    await routing().locator("#route-ttl").fill("64");
    await routing().locator("#route-pick").selectOption("203.0.113.10");
    await expect.poll(async () => (await read()).status, { timeout: 90_000 }).toContain("to isp (198.51.100.2) by 0.0.0.0/0");

    await openLab(page, "router");
    await setCode(page, readFileSync(files.starter, "utf8"));
    await clickAndWait(page, "run");
    const first = await useMine();
    expect(first.status).toContain("Your Router, as the edge router, sends nothing for the datagram to 10.20.30.40.");
    expect(first.drawing).not.toContain("used ✓");
  }, 600_000);

  it("runs the websocket lab's code from the workbench as the notification simulation's WebSocket server (Use my code)", async () => {
    const { page } = env();
    const files = findLab("websocket").files;
    const chapter = "/patterns/push-and-polling/";
    const notify = () => page.locator('[data-simulation="notify"]').first();
    await openLab(page, "websocket");
    await page.evaluate(() => localStorage.clear());
    const empty = await useMyCode(page, chapter, "notify");
    expect(empty.state).toBe("message");
    expect(empty.status).toContain("No saved code for the WebSocket lab yet");
    expect(empty.drawing).toBe("");

    // Solved in the workbench: the reference reads the subscription, frames the 20 notifications (rate 20 a minute over 60 s) and answers the Close.
    await openLab(page, "websocket");
    await setCode(page, readFileSync(files.solution, "utf8"));
    await clickAndWait(page, "run");
    const mine = await useMyCode(page, chapter, "notify");
    expect(mine.state, mine.status).toBe("picture");
    expect(mine.status).toMatch(
      /^Your server read the client's masked subscription(, which arrived in \d pieces)?; sent 20 frames for the 20 notifications, \d+ bytes of which 40 are frame headers; answered the client's Close 1001 with 88 02 03 e[89]\. It follows Events per minute and Seed/,
    );
    expect(mine.drawing).toContain("<svg");
    expect(mine.drawing).toContain("<code>81 ");
    expect(mine.sideBySide).toBe(true);
    expect(mine.builtIn).toContain("<svg");
    // The event rate drives the learner's run: 60 a minute is 60 notifications, 60 frames.
    await notify().locator("#notify-rate").selectOption("60");
    await expect.poll(async () => (await notify().locator("[data-your-code-pane] .yc-status").textContent()) ?? "", { timeout: 90_000 }).toContain("sent 60 frames for the 60 notifications");

    await openLab(page, "websocket");
    await setCode(page, readFileSync(files.starter, "utf8"));
    await clickAndWait(page, "run");
    const first = await useMyCode(page, chapter, "notify");
    expect(first.state).toBe("message");
    expect(first.status).toContain("Your server did not read the client's subscription");
    expect(first.status).toContain("sent 0 of 20 notifications as frames that carry them");
  }, 600_000);

  it("runs the capstone's page load on the labs the learner has completed (Use my completed labs)", async () => {
    const { page } = env();
    const sim = "capstone-page-load";
    const root = () => page.locator(`[data-simulation="${sim}"]`).first();
    const legend = async () =>
      root().evaluate((element) => Object.fromEntries([...element.querySelectorAll<HTMLElement>("[data-your-code-pane] li[data-lab]")].map((li) => [li.dataset.lab, li.dataset.kind])));
    await openLab(page, "dns");
    await page.evaluate(() => localStorage.clear());
    const none = await useMyCode(page, "/capstone/", sim);
    expect(none.state).toBe("message");
    expect(none.status).toContain("None of the page load's labs is completed yet");
    for (const lab of ["dns", "tcp", "hpack", "congestion"]) expect(await root().locator(`[data-your-code-pane] a[href="/labs/${lab}/"]`).count()).toBe(1);

    // Two labs completed in the workbench: every public test passes on Test.
    for (const lab of ["dns", "tcp"]) {
      await openLab(page, lab);
      await setCode(page, readFileSync(findLab(lab).files.solution, "utf8"));
      await clickAndWait(page, "test");
      const stored = await page.evaluate(([key, id]) => JSON.parse(localStorage.getItem(key!) ?? "{}").labs[id!].lastTest, [PROGRESS_KEY, lab]);
      expect(stored.passed, lab).toBe(stored.total);
    }
    const mine = await useMyCode(page, "/capstone/", sim);
    expect(mine.state, mine.status).toBe("picture");
    expect(mine.sideBySide).toBe(true);
    expect(mine.status).toMatch(/^With your code: first paint at [\d.]+ m?s \(the same as the built-in model\), every file in by [\d.]+ m?s \(the same as the built-in model\)\. 2 phases came from your code\./);
    expect(mine.drawing).toContain("DNS lookup (your code)");
    expect(mine.drawing).toContain("TCP handshake (your code)");
    expect(mine.drawing).not.toContain("TLS 1.3 handshake (your code)");
    expect(mine.drawing).toContain("3 upstream queries (root, .com, example.com): 90 ms upstream");
    expect(await legend()).toEqual({ dns: "yours", tcp: "yours", hpack: "not-completed", congestion: "not-completed" });
    expect(await root().locator('[data-your-code-pane] li[data-lab="hpack"] a[href="/labs/hpack/"]').count()).toBe(1);

    // The learner's runs follow the controls: over HTTP/3 there is no TCP handshake, and a 200 ms server RTT is your handshake's length.
    await root().locator("#cap-protocol").selectOption("h3");
    await expect.poll(legend, { timeout: 90_000 }).toEqual({ dns: "yours", tcp: "not-used", hpack: "not-completed", congestion: "not-completed" });
    await root().locator("#cap-protocol").selectOption("h2");
    await root().locator("#cap-server-rtt").selectOption("200");
    await expect.poll(async () => (await root().locator("[data-your-code-pane] li[data-lab=tcp]").textContent()) ?? "", { timeout: 90_000 }).toContain("ESTABLISHED after 200 ms");

    // Code edited since its last compile: that phase is the built-in model's again, and the legend says why.
    await openLab(page, "tcp");
    await setCode(page, `${readFileSync(findLab("tcp").files.solution, "utf8")}\n// edited\n`);
    const stale = await useMyCode(page, "/capstone/", sim);
    expect(stale.status).toContain("1 phase came from your code.");
    expect(stale.drawing).not.toContain("TCP handshake (your code)");
    expect(await legend()).toEqual({ dns: "yours", tcp: "fell-back", hpack: "not-completed", congestion: "not-completed" });
    expect(await root().locator("[data-your-code-pane] li[data-lab=tcp]").textContent()).toContain("changed since it last compiled");
  }, 600_000);

  it("shows RFC 8448's key schedule as a tree that follows its controls, and marks each node of the tls-keys lab's schedule against it (Use my code)", async () => {
    const { page } = env();
    const files = findLab("tls-keys").files;
    const chapter = "/tls/handshakes/";
    const sim = "key-schedule";
    const root = () => page.locator(`[data-simulation="${sim}"]`).first();
    const pane = async () => root().locator("[data-your-code-pane] .yc-output").innerHTML();
    // The built-in tree answers both controls: the node shown in full, and the record sequence number of a key node's nonce.
    await page.goto(`${SITE}${chapter}`);
    await root().locator("[data-sim-output] svg").first().waitFor({ timeout: 30_000 });
    const picture = async () => `${await root().locator("[data-sim-summary]").textContent()}\n${await root().locator("[data-sim-output]").innerHTML()}`;
    const set = async (id: string, value: string) => {
      const before = await picture();
      const rendered = Number(await root().getAttribute("data-renders"));
      await root().locator(`#${id}`).evaluate((element, next) => {
        (element as HTMLInputElement).value = next;
        element.dispatchEvent(new Event("change", { bubbles: true }));
      }, value);
      await expect.poll(async () => Number(await root().getAttribute("data-renders")), { timeout: 20_000 }).toBeGreaterThan(rendered);
      expect(await picture(), `#${id} = ${value}`).not.toBe(before);
    };
    expect(await root().locator("[data-sim-summary]").textContent()).toContain("Handshake Secret, as RFC 8448 prints it: 1dc826e93606aa6f…");
    await set("ks-node", "c-ap-keys");
    expect(await root().locator("[data-sim-output]").textContent()).toContain("17 42 2d da 59 6e d5 d9 ac d8 90 e3 c6 3f 50 51");
    await set("ks-seq", "5");
    expect(await root().locator("[data-sim-output]").textContent()).toContain("RFC 8448 prints no per-record nonce");

    await openLab(page, "tls-keys");
    await page.evaluate(() => localStorage.clear());
    const empty = await useMyCode(page, chapter, sim);
    expect(empty.state).toBe("message");
    expect(empty.status).toContain("No saved code for the TLS 1.3 key schedule lab yet");

    // Solved in the workbench: every secret and every key and iv is RFC 8448's.
    await openLab(page, "tls-keys");
    await setCode(page, readFileSync(files.solution, "utf8"));
    await clickAndWait(page, "run");
    const mine = await useMyCode(page, chapter, sim);
    expect(mine.state, mine.status).toBe("picture");
    expect(mine.status).toMatch(/^Your keySchedule\(\) on RFC 8448 §3's handshake matches RFC 8448 for 11 of 11 secrets\. Your RecordKeys, given RFC 8448's traffic secrets, gives its key and iv for 4 of 4\. It follows Show and Record sequence number/);
    expect(mine.drawing).toContain("✓ Early Secret");
    expect(mine.drawing).not.toContain("ks-wrong");
    // The controls drive the learner's run: the chosen keys' nonce for record 3 comes from the learner's RecordKeys.
    await root().locator("#ks-node").selectOption("s-ap-keys");
    await root().locator("#ks-seq").fill("3");
    await expect.poll(pane, { timeout: 90_000 }).toContain("record 3's nonce (yours)");
    expect(await root().locator("[data-your-code-pane] .yc-output").textContent()).toContain("server application write key and IV");

    await openLab(page, "tls-keys");
    await setCode(page, readFileSync(files.starter, "utf8"));
    await clickAndWait(page, "run");
    const first = await useMyCode(page, chapter, sim);
    expect(first.state).toBe("picture");
    expect(first.status).toMatch(/matches RFC 8448 for 0 of 11 secrets\. .* for 0 of 4\. The first value that differs, from the top: Early Secret \(RFC 8446 §7\.1\)\./);
    expect(first.drawing).toContain("ks-wrong");
    expect(first.drawing).toContain("first difference at byte 1 of 32");
  }, 600_000);
}
