/**
 * The Node sandbox's child process (node-sandbox.ts starts it): the realm
 * of realm.ts behind Node's IPC channel. Node itself is started with
 * --permission (read only this code and the harness's; no writes, no child
 * processes, no workers) and under prlimit.
 */
import { pathToFileURL } from "node:url";
import { types } from "node:util";
import { describeThrown } from "./inspect.ts";
import type { ChildMessage, ParentMessage } from "./protocol.ts";
import { createRealm, type Realm } from "./realm.ts";

function send(message: ChildMessage): void {
  process.send!(message);
}

/** The realm once booted (the unhandled rejection handler is installed before). */
let realm: Realm | undefined;

async function boot(harnessPath: string): Promise<void> {
  try {
    realm = await createRealm(() => import(pathToFileURL(harnessPath).href), {
      log: (line) => send({ type: "log", line }),
      // Node reports a turn's unhandled rejections before it runs the next macrotask.
      nextTurn: () => new Promise((resolve) => setImmediate(resolve)),
      isProxy: (value) => types.isProxy(value),
      capsMemory: true,
      reportsNeverSettling: true,
    });
  } catch (error) {
    send({ type: "boot-failed", message: `The lab's harness ${harnessPath} failed to load: ${error instanceof Error ? error.stack : String(error)}` });
    return;
  }
  const booted = realm;
  process.on("message", (message: ParentMessage) => void answer(booted, message));
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
    send({ type: "result", id: message.id, reply: booted.unsendable(describeThrown(error)) });
  }
}

// The learner may leave rejected promises behind; tell them, but keep going.
process.on("unhandledRejection", (reason) => realm?.unhandledRejection(reason));
// The parent is gone: nothing left to do.
process.on("disconnect", () => process.exit(0));

await boot(process.argv[2]!);
