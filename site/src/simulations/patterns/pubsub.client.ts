import { num, setUpSimulations } from "#site/components/sim-client.ts";
import { formatMs, s } from "../tcp-udp/svg.ts";
import { runPubSub, type Qos } from "./pubsub.ts";

export function setUpPubSub(): void {
  setUpSimulations("pubsub", (values, compact) => {
    const qos = num(values, "qos", 1) as Qos;
    const result = runPubSub({ qos, lossRate: num(values, "loss", 0.1), subscribers: num(values, "subscribers", 3), seed: num(values, "seed", 1) });
    const messages = result.subscribers[0]?.copies.length ?? 0;
    const lost = result.subscribers.reduce((a, r) => a + r.lost, 0);
    const dups = result.subscribers.reduce((a, r) => a + r.duplicates, 0);
    const summary =
      `QoS ${qos}: <strong>${lost}</strong> message${lost === 1 ? "" : "s"} lost and <strong>${dups}</strong> duplicate${dups === 1 ? "" : "s"} handed to subscribers, ` +
      `for ${result.packets} packets from the broker and subscribers (${result.resends} resent PUBLISH). Last delivery at ${formatMs(result.finishedMs)}.`;
    const cell = compact ? 15 : 26;
    const labelW = compact ? 44 : 110;
    const width = labelW + messages * cell + 10;
    const height = 26 + result.subscribers.length * (cell + 6) + 10;
    const svg = s("svg", { class: "sim-svg", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Grid: for every subscriber and message, whether it was delivered once, more than once or never" });
    for (let m = 0; m < messages; m++) {
      if (compact && m % 5 !== 4 && m !== 0) continue;
      svg.append(s("text", { x: labelW + m * cell + cell / 2, y: 14, "text-anchor": "middle", class: "sim-small sim-muted" }, String(m + 1)));
    }
    result.subscribers.forEach((sub, row) => {
      const y = 22 + row * (cell + 6);
      svg.append(s("text", { x: labelW - 6, y: y + cell / 2 + 4, "text-anchor": "end", class: "sim-small" }, compact ? `S${row + 1}` : sub.name));
      sub.copies.forEach((n, m) => {
        const kind = n === 0 ? "lost" : n === 1 ? "once" : "dup";
        const title = `${sub.name}, message ${m + 1}: ${n === 0 ? "never delivered" : n === 1 ? "delivered once" : `delivered ${n} times`}`;
        const g = s("g", {}, s("title", {}, title), s("rect", { x: labelW + m * cell + 1, y, width: cell - 2, height: cell, rx: 3, class: `pt-cell pt-${kind}` }));
        if (n !== 1) g.append(s("text", { x: labelW + m * cell + cell / 2, y: y + cell / 2 + 4, "text-anchor": "middle", class: "pt-cell-text" }, n === 0 ? "✕" : `${n}`));
        svg.append(g);
      });
    });
    const drawing = document.createElement("div");
    const legend = document.createElement("p");
    legend.className = "pt-legend";
    legend.innerHTML =
      '<span class="pt-key pt-once"></span> delivered once <span class="pt-key pt-dup"></span> duplicate (number of copies) <span class="pt-key pt-lost"></span> never delivered';
    drawing.append(svg, legend);
    return { summary, drawing };
  });
}
