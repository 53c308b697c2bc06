/**
 * The browser sandbox: one dedicated Web Worker per submission (worker.ts
 * bundled with the lab's harness) holding the learner's code, driven by the
 * supervisor (supervisor.ts) exactly as the Node sandbox drives its child:
 * a run that overstays its limit has its worker terminated and
 * fails with "timeout", a worker that fails with an uncaught error is a
 * "crash", and the next run starts a fresh worker and loads the code again.
 * The limit is wall-clock time here (a page cannot measure a worker's CPU
 * time), so a busy computer can fail a slow but correct submission; the
 * Node sandbox, which grades, counts CPU time instead.
 * The page's own thread never runs the learner's code, so it stays
 * responsive whatever the code does.
 *
 * Memory cannot be capped here: a browser gives a worker no resource
 * limits, so `limits.memoryMb` is not enforced and only the engine's own
 * heap limit applies. An ArrayBuffer that cannot be allocated still fails
 * the run with "memory" (the realm reports the RangeError); exhausting the
 * JavaScript heap is up to the browser, which may end the whole page.
 * No Node API here.
 */
import { Mailbox, type ChildEvent, type Ending } from "./mailbox.ts";
import type { ChildMessage, ParentMessage } from "./protocol.ts";
import { supervise, type Child, type SupervisorOptions } from "./supervisor.ts";
import type { Sandbox } from "./types.ts";

/** What a worker sandbox needs to start. */
export interface WorkerSandboxOptions extends SupervisorOptions {
  /** The lab's worker script: worker.ts bundled with the lab's harness (see worker.ts). */
  readonly workerUrl: string | URL;
  /** "module" (the default) for an ES module bundle, "classic" for a script. */
  readonly workerType?: WorkerType;
}

/** Starts a sandbox for one submission in a Web Worker. Rejects if the worker or the lab's harness cannot load. */
export function startWorkerSandbox(options: WorkerSandboxOptions): Promise<Sandbox> {
  return supervise(options, () => new WorkerChild(options));
}

/** One worker and the messages it sent. */
class WorkerChild implements Child {
  readonly #mailbox: Mailbox;
  #worker: Worker | undefined;

  constructor(options: WorkerSandboxOptions) {
    this.#mailbox = new Mailbox(options.limits.outputBytes);
    try {
      const worker = new Worker(options.workerUrl, { type: options.workerType ?? "module", name: "wirelab-sandbox" });
      worker.onmessage = (event: MessageEvent<ChildMessage>) => this.#mailbox.deliver(event.data);
      worker.onerror = (event) => {
        // Handled here: the page's console need not repeat it.
        event.preventDefault();
        this.#end(event instanceof ErrorEvent && event.message !== "" ? event.message : "the worker script failed to load or run");
      };
      worker.onmessageerror = () => this.#end("a message from the worker could not be read");
      this.#worker = worker;
    } catch (error) {
      this.#end(error instanceof Error ? error.message : String(error));
    }
  }

  send(message: ParentMessage): void {
    this.#worker?.postMessage(message);
  }

  next(timeoutMs: number): Promise<ChildEvent> {
    return this.#mailbox.next(timeoutMs);
  }

  takeLogs(): string[] {
    return this.#mailbox.takeLogs();
  }

  /** A browser cannot measure a worker's CPU time: its limits stay wall-clock time (clock.ts). */
  cpuMs(): undefined {
    return undefined;
  }

  /**
   * Terminating is immediate: the worker runs nothing more, even mid-loop.
   * A run still waiting hears of it at once (the page's Stop button), not
   * at its time limit; what is returned is how the worker ended before.
   */
  async stop(): Promise<Ending | undefined> {
    const before = this.#mailbox.ending;
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#mailbox.end({
      failure: { kind: "crash", message: "The sandbox was stopped." },
      bootError: "The sandbox was stopped before it started.",
    });
    return before;
  }

  /** The worker failed: it is of no more use, whatever state it is in. */
  #end(why: string): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#mailbox.end({
      failure: { kind: "crash", message: `The sandbox crashed while running your code (${why}).` },
      bootError: `The sandbox failed to start (${why}).`,
    });
  }
}
