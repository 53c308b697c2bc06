/**
 * Operating-system isolation for the sandbox's children, beyond the
 * compartment and Node's permission model: a network namespace of their
 * own (`unshare --net`: no interfaces but a loopback that is down, so not
 * even 127.0.0.1), and, when the grader runs as root, the unprivileged
 * user nobody (`setpriv`). Whether the system allows each is found out
 * once by trying it; what is not allowed is left out, and said (see
 * `describeIsolation`), so the grader works wherever Node does.
 */
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const UNSHARE = "/usr/bin/unshare";
const SETPRIV = "/usr/bin/setpriv";
/** nobody and nogroup on Debian, Ubuntu, Fedora, Alpine (numeric: names differ between systems). */
const NOBODY = 65_534;

/** What a child's command line adds in front of Node, and what that gives. */
export interface Isolation {
  readonly prefix: readonly string[];
  /** No network access at all (a namespace of its own). */
  readonly network: boolean;
  /** The user the child runs as: "nobody", or the grader's own ("root" when that is root). */
  readonly user: string;
}

let probed: { readonly unshare: readonly string[] | undefined; readonly setpriv: boolean } | undefined;

/** Tries each tool once: the system (a container, a kernel setting) may forbid namespaces or changing user. */
function probe(): NonNullable<typeof probed> {
  if (probed !== undefined) return probed;
  const root = process.getuid?.() === 0;
  // A tiny program to run: the probe must not time out on a loaded machine.
  const program = existsSync("/bin/true") ? ["/bin/true"] : [process.execPath, "--version"];
  const works = (file: string, args: readonly string[]): boolean =>
    existsSync(file) && spawnSync(file, [...args, ...program], { stdio: "ignore", timeout: 30_000, env: {} }).status === 0;
  const linux = process.platform === "linux";
  // As root a network namespace needs no user namespace; otherwise map our own user into a new one.
  const unshareArgs = root ? ["--net", "--"] : ["--net", "--map-current-user", "--"];
  const setprivArgs = setprivPrefix().slice(1);
  probed = {
    unshare: linux && works(UNSHARE, unshareArgs) ? [UNSHARE, ...unshareArgs] : undefined,
    setpriv: linux && root && works(SETPRIV, setprivArgs),
  };
  return probed;
}

function setprivPrefix(): string[] {
  return [SETPRIV, `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "--"];
}

/** The isolation for a child that reads `readable` (nobody must be able to read them to run as nobody). */
export function isolationFor(readable: readonly string[]): Isolation {
  const { unshare, setpriv } = probe();
  const asNobody = setpriv && [process.execPath, os.tmpdir(), ...readable].every(readableByOthers);
  const ownUser = process.getuid?.() === 0 ? "root" : `uid ${process.getuid?.() ?? "?"}`;
  return {
    prefix: [...(unshare ?? []), ...(asNobody ? setprivPrefix() : [])],
    network: unshare !== undefined,
    user: asNobody ? "nobody" : ownUser,
  };
}

/** "no network (namespace), uid nobody", or what is missing. */
export function describeIsolation(isolation: Isolation): string {
  const network = isolation.network ? "no network (namespace)" : "network not isolated (no namespace allowed here)";
  return `${network}, ${isolation.user === "nobody" ? "uid nobody" : `runs as ${isolation.user}`}`;
}

/** True when a user other than the owner can read `file` (and reach it through its directories). */
function readableByOthers(file: string): boolean {
  try {
    const stats = statSync(file);
    if ((stats.mode & 0o004) === 0 || (stats.isDirectory() && (stats.mode & 0o001) === 0)) return false;
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      if ((statSync(dir).mode & 0o001) === 0) return false;
      if (path.dirname(dir) === dir) return true;
    }
  } catch {
    return false;
  }
}
