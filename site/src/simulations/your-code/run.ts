/**
 * The lazy half of "Use my code" (loaded when a switch is first turned on):
 * reads the learner's compiled code for the lab (progress/compiled-code.ts),
 * starts the workbench's sandbox worker with it (never this page's thread),
 * runs the lab's harness over the simulation's scenario, and turns the
 * result, or why there is none, into what the pane shows.
 */
import type { SandboxLimits } from "#grader/sandbox/types.ts";
import { startWorkerSandbox } from "#grader/sandbox/worker-sandbox.ts";
import type { Values } from "#site/components/sim-client.ts";
import { savedCode } from "#site/progress/compiled-code.ts";
import { sandboxWorkerFor } from "#site/workbench/lab-assets.ts";
import { escapeHtml, type Driver, type YourCodeView } from "./types.ts";

const drivers: Record<string, () => Promise<Driver>> = {
  loss: async () => (await import("./arq-driver.ts")).arqDriver,
  sawtooth: async () => (await import("./congestion-driver.ts")).congestionDriver,
  hpack: async () => (await import("./hpack-driver.ts")).hpackDriver,
  routing: async () => (await import("./router-driver.ts")).routerDriver,
  "dns-resolver": async () => (await import("./dns-driver.ts")).dnsDriver,
  handshake: async () => (await import("./tcp-driver.ts")).tcpDriver,
};

/** Which lab a switch runs, as the page says (YourCodeSwitch.astro). */
export interface LabRef {
  readonly id: string;
  readonly title: string;
  readonly href: string;
  readonly limits: SandboxLimits;
}

/** The sandbox of the run under way: a newer run closes it. */
let current: { close(): Promise<void> } | undefined;

export async function runYourCode(sim: string, lab: LabRef, values: Values, compact: boolean): Promise<YourCodeView> {
  const open = `<a href="${escapeHtml(lab.href)}">open the lab</a>`;
  const code = savedCode(lab.id);
  if (code.state === "none") return message(`No saved code for the ${escapeHtml(lab.title)} lab yet: ${open}, write your code and Run or Test it there.`);
  if (code.state === "stale") return message(`Your ${escapeHtml(lab.title)} code changed since it last compiled: ${open} and Run or Test it once, then come back.`);
  const load = drivers[sim];
  if (load === undefined) return message("This simulation cannot run your code yet.");
  const driver = await load();
  const plan = driver.input(values);
  if ("message" in plan) return message(escapeHtml(plan.message));

  await current?.close().catch(() => undefined);
  let sandbox: Awaited<ReturnType<typeof startWorkerSandbox>>;
  try {
    sandbox = await startWorkerSandbox({ workerUrl: sandboxWorkerFor(lab.id), learnerJs: code.js, limits: lab.limits });
  } catch (error) {
    return message(`The sandbox for your code did not start: ${escapeHtml(error instanceof Error ? error.message : String(error))}`);
  }
  current = sandbox;
  try {
    const outcome = await sandbox.run(plan.scenario, plan.input);
    if (outcome.ok) return driver.view(outcome.value, values, compact);
    switch (outcome.kind) {
      case "timeout":
        return message(`Your code ran out of time: ${escapeHtml(outcome.message)}`);
      case "learner-error":
        return message(`Your code threw: ${escapeHtml(outcome.message)}`);
      default:
        return message(`Your code could not run: ${escapeHtml(outcome.message)}`);
    }
  } catch (error) {
    // A newer run closed this sandbox, or the worker could not be reached.
    return message(`Your code's run stopped: ${escapeHtml(error instanceof Error ? error.message : String(error))}`);
  } finally {
    if (current === sandbox) current = undefined;
    await sandbox.close().catch(() => undefined);
  }
}

function message(summary: string): YourCodeView {
  return { kind: "message", summary };
}
