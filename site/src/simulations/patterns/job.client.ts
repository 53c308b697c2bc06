import { num, setUpSimulations } from "#site/components/sim-client.ts";
import { drawLadder, formatMs } from "../tcp-udp/svg.ts";
import type { Ladder } from "../tcp-udp/ladder.ts";
import { runJob, type PollPolicy } from "./job.ts";

/** Keeps the first and last two polls of a long run, with a note where the others were. */
function elide(ladder: Ladder, polls: number, compact: boolean): Ladder {
  const shorten = (label: string) =>
    compact ? label.replace(" Accepted, Location: ", " → ").replace(" See Other, Location: ", " → ").replace('{"status":"running"}', "running") : label;
  const packets = ladder.packets.map((p) => ({ ...p, label: shorten(p.label) }));
  if (polls <= 5) return { ...ladder, packets };
  // Packets: POST, 202, then a request and a response per poll, then GET of the result and the result.
  const keepHead = 2 + 2 * 2;
  const keepTail = 2 * 2 + 2;
  const cutFrom = packets[keepHead - 1]!.arrivedMs ?? packets[keepHead - 1]!.sentMs;
  const kept = [...packets.slice(0, keepHead), ...packets.slice(packets.length - keepTail)];
  const resume = kept[keepHead]!.sentMs;
  const marks = [...ladder.marks];
  marks.push({ t: (cutFrom + resume) / 2, side: "left", kind: "note", label: `⋯ ${polls - 4} more polls` });
  marks.sort((a, b) => a.t - b.t);
  return { ...ladder, packets: kept, marks };
}

const POLICY_TEXT: Record<PollPolicy, string> = {
  fixed: "polls at a fixed interval",
  "retry-after": "waits as long as each Retry-After says",
  backoff: "doubles its wait after every poll (capped at 30 s)",
};

export function setUpJob(): void {
  setUpSimulations("job", (values, compact) => {
    const policy = (values.policy ?? "retry-after") as PollPolicy;
    const oneWayMs = num(values, "delay", 50);
    const result = runJob({ jobSeconds: num(values, "job", 20), policy, pollSeconds: num(values, "poll", 2), oneWayMs, seed: num(values, "seed", 1) });
    const summary =
      `The client ${POLICY_TEXT[policy]}: <strong>${result.polls}</strong> status request${result.polls === 1 ? "" : "s"}. ` +
      `The job finished at ${formatMs(result.doneMs)}; the client had the report at ${formatMs(result.resultMs)}, ` +
      `<strong>${formatMs(result.staleMs)}</strong> later.`;
    const drawing = drawLadder(elide(result.ladder, result.polls, compact), {
      pxPerMs: 40 / oneWayMs,
      maxGapPx: 44,
      title: "Ladder diagram of a long-running job: POST, 202 Accepted, status polls, 303 See Other, the result",
      compact,
    });
    return { summary, drawing };
  });
}
