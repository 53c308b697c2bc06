/**
 * The packet-by-packet view of a page load: the same model as the
 * waterfall, with every packet recorded, drawn as a ladder diagram by the
 * workbench's ladder view. Clicking a packet drops it in the next run.
 */
import type { LadderMark, LadderPacketView, LadderView } from "#labs/kit/demo.ts";
import { renderLadder } from "#site/workbench/views/ladder.ts";
import { REDRAWN_EVENT } from "#site/components/sim-client.ts";
import { markEvent } from "#site/components/sim-timeline.ts";
import "#site/workbench/views/views.css";
import { pendingView } from "#site/simulations/recorded/pending.ts";
import { runLadder } from "./ladder.model.ts";
import type { DnsCache, PacketRecord, PageLoadResult, Protocol, TlsMode } from "./model.ts";
import { formatMs, num, setUp } from "./wiring.ts";

type Pair = "server" | "resolver";

/** The run as a two-party ladder: the browser on the left, the server (or the resolver) on the right. */
export function ladderOf(result: PageLoadResult, right: Pair): LadderView {
  const ends = new Set(["client", right]);
  const view = (p: PacketRecord): LadderPacketView => ({
    id: p.id,
    from: p.from === "client" ? "left" : "right",
    label: p.label,
    sentMs: p.sentMs,
    arrivedMs: p.arrivedMs,
    ...(p.lost !== undefined ? { lost: p.lost } : {}),
    retransmission: p.retransmission,
    ...(p.dropKey !== undefined ? { dropKey: p.dropKey } : {}),
  });
  const packets = result.packets.filter((p) => ends.has(p.from) && ends.has(p.to)).map(view);
  const marks: LadderMark[] = [];
  if (right === "resolver") {
    // The resolver's own queries upstream, as notes on its side.
    for (const p of result.packets) {
      if (p.from === "resolver" && p.to !== "client") marks.push({ t: p.sentMs, side: "right", kind: "note", label: `asks ${p.to === "tld" ? "the .com server" : p.to === "root" ? "a root server" : "example.com's server"}` });
    }
  } else {
    for (const phase of result.phases) {
      if (phase.key === "tcp") marks.push({ t: phase.endMs, side: "left", kind: "note", label: "TCP established" });
      if (phase.key === "tls" || phase.key === "quic") marks.push({ t: phase.endMs, side: "left", kind: "note", label: `keys agreed, ALPN: ${result.options.protocol}` });
    }
    for (const r of result.resources) if (!r.fromCache) marks.push({ t: r.doneMs, side: "left", kind: "deliver", label: `${r.name} complete` });
    marks.push({ t: result.firstPaintMs, side: "left", kind: "note", label: "first paint" });
  }
  return { left: "browser", right: right === "server" ? "web server" : "resolver", packets, marks: marks.sort((a, b) => a.t - b.t) };
}

/**
 * Marks the drawn packets and notes as events of the timeline control
 * (sim-timeline.ts): a packet by its id, a note by its label (its title
 * starts with it), in time order.
 */
function markLadder(container: HTMLElement, view: LadderView): void {
  const byId = new Map(view.packets.map((p) => [String(p.id), p]));
  for (const g of container.querySelectorAll<SVGGElement>("g.wl-packet[data-packet]")) {
    const p = byId.get(g.dataset.packet!);
    if (p === undefined) continue;
    const [from, to] = p.from === "left" ? [view.left, view.right] : [view.right, view.left];
    const fate = p.arrivedMs === null ? `lost (${p.lost ?? "loss"})` : `arrives at ${formatMs(p.arrivedMs)}`;
    markEvent(g, p.sentMs, `${p.label}${p.retransmission === true ? " (retransmission)" : ""}, ${from} → ${to}, sent at ${formatMs(p.sentMs)}, ${fate}`);
  }
  const unused = [...view.marks];
  for (const g of container.querySelectorAll<SVGGElement>("g.wl-mark")) {
    const title = g.querySelector("title")?.textContent ?? "";
    const i = unused.findIndex((m) => title.startsWith(`${m.label} (`));
    if (i < 0) continue;
    const m = unused.splice(i, 1)[0]!;
    markEvent(g, m.t, `${m.side === "left" ? view.left : view.right}: ${m.label} at ${formatMs(m.t)}`);
  }
}

export function setUpPacketLadder(): void {
  const dropped = new Set<string>();
  let handle: { destroy(): void } | null = null;
  let watcher: MutationObserver | null = null;
  setUp("page-load-ladder", (values) => {
    const protocol = (values.protocol ?? "h2") as Protocol;
    const result = runLadder(
      {
        serverRttMs: num(values, "serverRtt", 50),
        bandwidthMbps: num(values, "bandwidth", 20),
        loss: num(values, "loss", 0),
        dns: (values.dns ?? "none") as DnsCache,
        tls: (values.tls ?? "full") as TlsMode,
        protocol,
        seed: Math.max(1, Math.round(num(values, "seed", 1))),
      },
      [...dropped],
    );
    if (result === undefined) return pendingView();
    const pair = (values.pair ?? "server") as Pair;
    const view = ladderOf(result, pair);
    handle?.destroy();
    watcher?.disconnect();
    const container = document.createElement("div");
    container.className = "cap-ladder";
    const root = document.querySelector<HTMLElement>('[data-simulation="page-load-ladder"]');
    const rerun = () => root?.querySelector("form")?.dispatchEvent(new Event("change"));
    handle = renderLadder(container, view, {
      dropped,
      onDropToggle: (key) => {
        if (dropped.has(key)) dropped.delete(key);
        else dropped.add(key);
        rerun();
      },
    });
    markLadder(container, view);
    // The ladder view redraws itself (zoom, time shown, width): mark the new drawing and tell the timeline control.
    const scroller = container.querySelector(".wl-ladder-scroll");
    if (scroller !== null) {
      watcher = new MutationObserver(() => {
        markLadder(container, view);
        container.dispatchEvent(new Event(REDRAWN_EVENT, { bubbles: true }));
      });
      watcher.observe(scroller, { childList: true });
    }
    const clear = root?.querySelector<HTMLButtonElement>("button[data-clear-drops]");
    if (clear) {
      clear.disabled = dropped.size === 0;
      clear.onclick = () => {
        dropped.clear();
        rerun();
      };
    }
    const lost = result.packets.filter((p) => p.lost !== undefined).length;
    const byYou = result.packets.filter((p) => p.lost === "dropped by you").length;
    const summary =
      `<strong>${view.packets.length}</strong> packets between the browser and the ${pair === "server" ? "web server" : "resolver"} ` +
      `(${result.packets.length} in all); first byte of HTML at <strong>${formatMs(result.resources[0]!.firstByteMs)}</strong>, first paint at <strong>${formatMs(result.firstPaintMs)}</strong>` +
      (lost > 0 ? `; ${lost} lost or dropped, ${byYou} of them by you.` : ".");
    return { summary, drawing: container };
  });
}
