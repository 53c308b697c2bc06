#!/usr/bin/env node
/**
 * The `wirelab` command (package.json "bin"). Runs on Node 22+, which runs
 * this TypeScript directly; `npx wirelab` inside the project puts the
 * project's Node 22 first on the PATH.
 */
import { UnknownLabError } from "../labs.ts";
import { gradeAllCommand } from "./grade-all-command.ts";
import { gradeCommand } from "./grade-command.ts";
import { exportCommand } from "./export-command.ts";
import { labsCommand } from "./labs-command.ts";
import { newLabCommand } from "./new-lab-command.ts";
import { runCommand } from "./run-command.ts";
import { HELP, UsageError } from "./usage.ts";

const commands: Record<string, (args: string[]) => Promise<void>> = {
  labs: labsCommand,
  grade: gradeCommand,
  "grade-all": gradeAllCommand,
  run: runCommand,
  export: exportCommand,
  "new-lab": newLabCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    console.log(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  try {
    if (command === undefined) throw new UsageError(`Unknown command "${name}".`);
    await command(args);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnknownLabError || isParseArgsError(error)) {
      console.error(`wirelab: ${(error as Error).message}\n\n${HELP}`);
      return 2;
    }
    console.error(`wirelab: grader fault: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

function isParseArgsError(error: unknown): boolean {
  return error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
}

// `wirelab grade ... | head` closes the pipe early: that is not a fault.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
