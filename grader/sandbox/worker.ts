/**
 * The browser sandbox's side inside a dedicated Web Worker: the realm of
 * realm.ts behind postMessage, with the messages of protocol.ts (the same
 * as the Node child's). worker-sandbox.ts starts one such worker per
 * submission. A lab's worker script is this file bundled with its harness:
 *
 *     import { serveWorker } from "<root>/grader/sandbox/worker.ts";
 *     serveWorker(() => import("<root>/labs/framing/harness.ts"));
 *
 * The harness must be imported dynamically, as there: lockdown() has to run
 * before the harness's module body does, and static imports are evaluated
 * before the entry's own code. A bundler evaluates a dynamically imported
 * module when the import() runs (esbuild without code splitting inlines it
 * behind a lazy initialiser; Vite makes it a chunk).
 *
 * No Node API here. The worker needs `eval` (SES's Compartment compiles the
 * learner's code with the Function constructor): a Content-Security-Policy
 * for the worker script must allow 'unsafe-eval'.
 */
import { hasInPrototypeChain, describeThrown } from "./inspect.ts";
import type { ChildMessage, ParentMessage } from "./protocol.ts";
import { createRealm, type Realm } from "./realm.ts";

/** The parts of a DedicatedWorkerGlobalScope used here (the project's DOM types describe a window). */
interface WorkerScope {
  postMessage(message: ChildMessage): void;
  addEventListener(type: "message", listener: (event: MessageEvent<ParentMessage>) => void): void;
  addEventListener(type: "unhandledrejection", listener: (event: PromiseRejectionEvent) => void): void;
}

const scope = globalThis as unknown as WorkerScope;

function send(message: ChildMessage): void {
  scope.postMessage(message);
}

/** Boots the realm with the harness `importHarness` imports, then answers the page's messages. */
export async function serveWorker(importHarness: () => Promise<unknown>): Promise<void> {
  let realm: Realm | undefined;
  // The learner may leave rejected promises behind; tell them, but keep going (and keep the console quiet).
  scope.addEventListener("unhandledrejection", (event) => {
    event.preventDefault();
    realm?.unhandledRejection(event.reason);
  });
  try {
    realm = await createRealm(importHarness, { log: (line) => send({ type: "log", line }), nextTurn, capsMemory: false });
  } catch (error) {
    send({ type: "boot-failed", message: `The lab's harness failed to load: ${error instanceof Error ? error.stack : String(error)}` });
    return;
  }
  const booted = realm;
  scope.addEventListener("message", (event) => void answer(booted, event.data));
  send({ type: "booted", scenarios: booted.scenarios });
}

async function answer(booted: Realm, message: ParentMessage): Promise<void> {
  if (message.type === "load") {
    send({ type: "loaded", reply: await booted.load(message.learnerJs, message.limits) });
    return;
  }
  const reply = await booted.run(message.scenario, message.input);
  try {
    send({ type: "result", id: message.id, reply });
  } catch (error) {
    // The realm checked the result first, so this is the structured clone's own DataCloneError.
    const why = hasInPrototypeChain(error, DOMException.prototype) ? `${(error as DOMException).name}: ${(error as DOMException).message}` : describeThrown(error);
    send({ type: "result", id: message.id, reply: booted.unsendable(why) });
  }
}

// ---------------------------------------------------------------------------
// Turning the event loop. A browser fires `unhandledrejection` from a task
// it queues when the microtasks run dry, which is after a task queued from
// inside those microtasks; so the realm waits two tasks, not one, before it
// answers, and this run's rejections are reported within this run.

const channel = new MessageChannel();
const waiting: Array<() => void> = [];
channel.port1.onmessage = () => waiting.shift()?.();

/** One task later (a MessageChannel message: no timer clamping). */
function task(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

async function nextTurn(): Promise<void> {
  await task();
  await task();
}
