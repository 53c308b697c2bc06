/**
 * Sandboxes started one submission ahead, for grade-all's grading processes
 * (grade-worker-command.ts): while one student's tests run, the next
 * student's sandbox process boots (Node, SES, the lab's harness) on the
 * processor those tests leave idle. A sandbox boots before any learner code
 * exists (it is sent once compiled), so the one started ahead is as fresh as
 * one started on demand: it is handed to exactly one submission, and never
 * to a second.
 */
import { childCommand, type ChildCommand } from "../sandbox/command.ts";
import { startNodeSandbox } from "../sandbox/node-sandbox.ts";
import type { Sandbox, SandboxOptions } from "../sandbox/types.ts";

interface Ahead {
  readonly key: string;
  readonly sandbox: Promise<Sandbox>;
  readonly feed: (learnerJs: string | Promise<string>) => void;
}

/**
 * A `startSandbox` for gradeSubmission that hands out the sandbox started
 * ahead and starts the next. The child's command line (its permissions and
 * the harness's stripped program, which take finding and reading every file
 * the harness imports) is worked out once per lab and limits: it holds no
 * submission's data, and the lab's files do not change while a class is graded.
 */
export function sandboxesAhead(): (options: SandboxOptions) => Promise<Sandbox> {
  let ahead: Ahead | undefined;
  const commands = new Map<string, ChildCommand>();
  const boot = (options: SandboxOptions): Ahead => {
    const key = labKey(options);
    if (!commands.has(key)) {
      try {
        commands.set(key, childCommand(options.harness, options.limits));
      } catch {
        // A harness that reaches a forbidden file: startNodeSandbox says so to the submission that takes this sandbox.
      }
    }
    return bootWith(options, commands.get(key));
  };
  return (options) => {
    const mine = ahead !== undefined && ahead.key === labKey(options) ? ahead : boot(options);
    ahead = boot(options);
    mine.feed(options.learnerJs);
    return mine.sandbox;
  };
}

function bootWith(options: SandboxOptions, command: ChildCommand | undefined): Ahead {
  let feed: Ahead["feed"] = () => {};
  const learnerJs = new Promise<string>((resolve) => (feed = resolve));
  const sandbox = startNodeSandbox({ harness: options.harness, limits: options.limits, learnerJs }, command);
  // A harness that cannot boot is reported to the submission that takes this sandbox, not here.
  sandbox.catch(() => {});
  return { key: labKey(options), sandbox, feed };
}

/** Sandboxes and command lines are shared only between submissions of one lab under the same limits. */
function labKey(options: SandboxOptions): string {
  return JSON.stringify([options.harness, options.limits]);
}
