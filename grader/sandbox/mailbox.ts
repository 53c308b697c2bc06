/**
 * What one child (a process or a worker) has sent and how it ended, kept
 * on the grader's side until the supervisor asks: messages in order, the
 * learner's output apart, and a wait with a deadline. No Node or browser
 * API beyond timers.
 */
import type { SandboxFailureKind } from "#labs/kit/define-tests.ts";
import type { ChildMessage } from "./protocol.ts";

/** How a child ended on its own (it crashed, or the system stopped it). */
export interface Ending {
  /** What the learner is told when it ended during a load or a run. */
  readonly failure: { readonly kind: SandboxFailureKind; readonly message: string };
  /** What the grader is told when it ended before it booted. */
  readonly bootError: string;
}

/** What waiting on a child gave. */
export type ChildEvent =
  | { readonly type: "message"; readonly message: ChildMessage }
  | { readonly type: "ended"; readonly ending: Ending }
  | { readonly type: "timeout" };

export class Mailbox {
  readonly #messages: ChildMessage[] = [];
  readonly #logCap: number;
  #logs: string[] = [];
  #logBytes = 0;
  #ending: Ending | undefined;
  #waiter: ((event: ChildEvent) => void) | undefined;

  /** `logCap`: the learner's output per run, in bytes (the child cuts it; this only guards the grader's memory). */
  constructor(logCap: number) {
    this.#logCap = logCap;
  }

  /** How the child ended, once it has. */
  get ending(): Ending | undefined {
    return this.#ending;
  }

  /** Takes a message from the child. */
  deliver(message: ChildMessage): void {
    if (message.type === "log") {
      if (this.#logBytes > this.#logCap * 2) return;
      this.#logBytes += message.line.length;
      this.#logs.push(message.line);
      return;
    }
    if (this.#waiter !== undefined) this.#waiter({ type: "message", message });
    else this.#messages.push(message);
  }

  /** Records that the child ended; the first ending counts. */
  end(ending: Ending): void {
    if (this.#ending !== undefined) return;
    this.#ending = ending;
    this.#waiter?.({ type: "ended", ending });
  }

  /** The next message, the child's ending, or a timeout, whichever comes first. */
  next(timeoutMs: number): Promise<ChildEvent> {
    const queued = this.#messages.shift();
    if (queued !== undefined) return Promise.resolve({ type: "message", message: queued });
    if (this.#ending !== undefined) return Promise.resolve({ type: "ended", ending: this.#ending });
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish({ type: "timeout" }), timeoutMs);
      const finish = (event: ChildEvent): void => {
        clearTimeout(timer);
        this.#waiter = undefined;
        resolve(event);
      };
      this.#waiter = finish;
    });
  }

  /** The learner's output since the last call. */
  takeLogs(): string[] {
    const logs = this.#logs;
    this.#logs = [];
    this.#logBytes = 0;
    return logs;
  }
}
