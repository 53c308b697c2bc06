/**
 * The workbench terminal's commands, parsed from a typed line. Pure, so it
 * is tested in Node; the terminal and the buttons share what it returns.
 */

export type Command =
  | { readonly name: "help" | "test" | "grade" | "reset" | "trace" | "pcap" | "clear" }
  | { readonly name: "run"; readonly seed?: number; readonly profile?: string };

export type Parsed = { readonly ok: true; readonly command: Command } | { readonly ok: false; readonly error: string };

export const HELP_LINES: readonly string[] = [
  "help                      this list",
  "run [--seed N] [--profile NAME]",
  "                          run your code on the lab's demo network and draw what happened",
  "test                      run the public tests",
  "grade                     run every test (public and hidden) for a score",
  "reset                     start again from the starter code (asks first)",
  "trace                     list the last run's packets, drops and timers",
  "pcap                      download the last run's capture for Wireshark",
  "clear                     clear the terminal",
];

const SIMPLE = new Set(["help", "test", "grade", "reset", "trace", "pcap", "clear"]);

/** Parses one line; `profiles` are the names `--profile` accepts. */
export function parseCommand(line: string, profiles: readonly string[]): Parsed {
  const words = line.trim().split(/\s+/).filter((word) => word !== "");
  const [name, ...args] = words;
  if (name === undefined) return { ok: false, error: "" };
  if (SIMPLE.has(name)) {
    if (args.length > 0) return { ok: false, error: `${name} takes no arguments` };
    return { ok: true, command: { name: name as "help" } };
  }
  if (name !== "run") return { ok: false, error: `Unknown command "${name}". Type help for the list.` };
  let seed: number | undefined;
  let profile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const [key, inlineValue] = flag.includes("=") ? [flag.slice(0, flag.indexOf("=")), flag.slice(flag.indexOf("=") + 1)] : [flag, undefined];
    const value = inlineValue ?? args[++i];
    if (key === "--seed") {
      if (value === undefined || !/^\d+$/.test(value) || Number(value) > 0xffffffff) {
        return { ok: false, error: "--seed needs a whole number from 0 to 4294967295" };
      }
      seed = Number(value);
    } else if (key === "--profile") {
      if (value === undefined || !profiles.includes(value)) {
        return { ok: false, error: `--profile needs one of: ${profiles.join(", ")}` };
      }
      profile = value;
    } else {
      return { ok: false, error: `run does not know "${flag}". Usage: run [--seed N] [--profile NAME]` };
    }
  }
  return { ok: true, command: { name: "run", ...(seed === undefined ? {} : { seed }), ...(profile === undefined ? {} : { profile }) } };
}
