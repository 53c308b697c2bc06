/** The packet ladder's model (live in the self-paced edition, recorded for the class edition: recorded/recording.ts). */
import type { Recording } from "#site/simulations/recorded/recording.ts";
import {
  atDefaults,
  LADDER_BANDWIDTHS,
  LADDER_CLASS_SEEDS,
  LADDER_DEFAULTS,
  LADDER_LOSSES,
  LADDER_RESOLVER_RTT_MS,
  LADDER_RTTS,
  ladderFile,
  ladderKey,
  type LadderControls,
  type LadderRunControls,
} from "./ladder-controls.ts";
import { packRun, type LadderRun } from "./ladder-view.ts";
import { runPageLoad, type PacketRecord, type PageLoadResult } from "./model.ts";
import { DNS_CACHES, PROTOCOLS, recordedValues, TLS_MODES } from "./page-load-controls.ts";

const live = (controls: LadderControls, drop: readonly string[]) => runPageLoad({ ...controls, resolverRttMs: LADDER_RESOLVER_RTT_MS, record: true, drop });

/**
 * The packets the class edition lets a learner drop, with the defaults: the
 * browser's and the server's handshake and request packets (not their bare
 * ACKs), the third DATA segment, one from the middle of hero.jpg, and the
 * last (course/capstone/packets.mdx's table).
 */
function droppable(packets: readonly PacketRecord[]): Set<string> {
  const ends = new Set(["client", "server"]);
  const keyed = packets.filter((p) => p.dropKey !== undefined && ends.has(p.from) && ends.has(p.to));
  const data = keyed.filter((p) => p.dropKey!.startsWith("data@"));
  const hero = data.filter((p) => /\(hero\.jpg\)$/.test(p.label));
  const picked = [
    ...keyed.filter((p) => !p.dropKey!.startsWith("data@") && !p.dropKey!.startsWith("ACK#")),
    data[2],
    hero[Math.floor(hero.length / 2)],
    data[data.length - 1],
  ];
  return new Set(picked.flatMap((p) => (p?.dropKey === undefined ? [] : [p.dropKey])));
}

function* combinations(): Generator<LadderRunControls> {
  for (const protocol of recordedValues(PROTOCOLS)) {
    for (const tls of recordedValues(TLS_MODES)) {
      for (const dns of recordedValues(DNS_CACHES)) {
        for (const serverRttMs of recordedValues(LADDER_RTTS).map(Number)) {
          for (const bandwidthMbps of recordedValues(LADDER_BANDWIDTHS).map(Number)) {
            for (const loss of recordedValues(LADDER_LOSSES).map(Number)) {
              for (let seed = 1; seed <= LADDER_CLASS_SEEDS; seed++) yield { protocol, tls, dns, serverRttMs, bandwidthMbps, loss, seed, drop: [] };
            }
          }
        }
      }
    }
    // With the defaults, each droppable packet lost.
    const defaults = { ...LADDER_DEFAULTS, protocol };
    for (const key of droppable(live(defaults, []).packets)) yield { ...defaults, drop: [key] };
  }
}

export const recording: Recording<LadderRunControls, LadderRun> = {
  sim: "page-load-ladder",
  space: combinations,
  file: ladderFile,
  key: ladderKey,
  run(c) {
    const result = live(c, c.drop);
    // With the defaults a learner may drop a packet, then let it through again (its key kept).
    return packRun(result, c.drop.length > 0 ? new Set(c.drop) : atDefaults(c) ? droppable(result.packets) : new Set());
  },
};

/** The run with every packet, the packets named in `drop` lost on their first transmission (undefined only while a recording loads: see ladder.recorded.ts). */
export function runLadder(controls: LadderControls, drop: readonly string[]): PageLoadResult | undefined {
  return live(controls, drop);
}
