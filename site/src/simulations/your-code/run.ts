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
  framing: async () => (await import("./framing-driver.ts")).framingDriver,
  notify: async () => (await import("./websocket-driver.ts")).websocketDriver,
  exchange: async () => (await import("./http1-driver.ts")).http1Driver,
  "key-schedule": async () => (await import("./tls-keys-driver.ts")).tlsKeysDriver,
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
  const missing = codeMissing(lab);
  if (missing !== undefined) return message(missing);
  const load = drivers[sim];
  if (load === undefined) return message("This simulation cannot run your code yet.");
  const driver = await load();
  const plan = driver.input(values);
  if ("message" in plan) return message(escapeHtml(plan.message));
  const run = await runLab(lab, plan.scenario, plan.input);
  return run.ok ? driver.view(run.value, values, compact) : message(run.message);
}

/** A run of the learner's saved code for `lab`: the harness's result, or why there is none (HTML: numbers and escaped text). */
export type LabRun = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** Runs the learner's saved code for `lab` over one harness scenario in a sandbox worker of its own (also used by the capstone's page load: capstone-run.ts). */
export async function runLab(lab: LabRef, scenario: string, input: unknown): Promise<LabRun> {
  const fail = (text: string): LabRun => ({ ok: false, message: text });
  const code = savedCode(lab.id);
  if (code.state !== "ready") return fail(codeMissing(lab) ?? "");

  await current?.close().catch(() => undefined);
  let sandbox: Awaited<ReturnType<typeof startWorkerSandbox>>;
  try {
    sandbox = await startWorkerSandbox({ workerUrl: sandboxWorkerFor(lab.id), learnerJs: code.js, limits: lab.limits });
  } catch (error) {
    return fail(`The sandbox for your code did not start: ${escapeHtml(error instanceof Error ? error.message : String(error))}`);
  }
  current = sandbox;
  try {
    const outcome = await sandbox.run(scenario, input);
    if (outcome.ok) return { ok: true, value: outcome.value };
    switch (outcome.kind) {
      case "timeout":
        return fail(`Your code ran out of time: ${escapeHtml(outcome.message)}`);
      case "learner-error":
        return fail(`Your code threw: ${escapeHtml(outcome.message)}`);
      default:
        return fail(`Your code could not run: ${escapeHtml(outcome.message)}`);
    }
  } catch (error) {
    // A newer run closed this sandbox, or the worker could not be reached.
    return fail(`Your code's run stopped: ${escapeHtml(error instanceof Error ? error.message : String(error))}`);
  } finally {
    if (current === sandbox) current = undefined;
    await sandbox.close().catch(() => undefined);
  }
}

/** Why there is no code to run for `lab` (no saved code, or code edited since its last compile), or undefined. */
function codeMissing(lab: LabRef): string | undefined {
  const open = `<a href="${escapeHtml(lab.href)}">open the lab</a>`;
  const code = savedCode(lab.id);
  if (code.state === "none") return `No saved code for the ${escapeHtml(lab.title)} lab yet: ${open}, write your code and Run or Test it there.`;
  if (code.state === "stale") return `Your ${escapeHtml(lab.title)} code changed since it last compiled: ${open} and Run or Test it once, then come back.`;
  return undefined;
}

function message(summary: string): YourCodeView {
  return { kind: "message", summary };
}
