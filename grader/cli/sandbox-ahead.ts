/**
 * Sandboxes started one submission ahead, for grade-all's grading processes
 * (grade-worker-command.ts): while one student's tests run, the next
 * student's sandbox process boots (Node, SES, the lab's harness) on the
 * processor those tests leave idle. A sandbox boots before any learner code
 * exists (it is sent once compiled), so the one started ahead is as fresh as
 * one started on demand: it is handed to exactly one submission, and never
 * to a second.
 */
import { startNodeSandbox } from "../sandbox/node-sandbox.ts";
import type { Sandbox, SandboxOptions } from "../sandbox/types.ts";

interface Ahead {
  readonly harness: string;
  readonly limits: SandboxOptions["limits"];
  readonly sandbox: Promise<Sandbox>;
  readonly feed: (learnerJs: string | Promise<string>) => void;
}

/** A `startSandbox` for gradeSubmission that hands out the sandbox started ahead and starts the next. */
export function sandboxesAhead(): (options: SandboxOptions) => Promise<Sandbox> {
  let ahead: Ahead | undefined;
  return (options) => {
    const mine = ahead !== undefined && sameLab(ahead, options) ? ahead : boot(options);
    ahead = boot(options);
    mine.feed(options.learnerJs);
    return mine.sandbox;
  };
}

function boot(options: SandboxOptions): Ahead {
  let feed: Ahead["feed"] = () => {};
  const learnerJs = new Promise<string>((resolve) => (feed = resolve));
  const sandbox = startNodeSandbox({ harness: options.harness, limits: options.limits, learnerJs });
  // A harness that cannot boot is reported to the submission that takes this sandbox, not here.
  sandbox.catch(() => {});
  return { harness: options.harness, limits: options.limits, sandbox, feed };
}

function sameLab(ahead: Ahead, options: SandboxOptions): boolean {
  return ahead.harness === options.harness && JSON.stringify(ahead.limits) === JSON.stringify(options.limits);
}
