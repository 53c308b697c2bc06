/** The notification pictures' time axis (built-in and Use my code): a tick every 10 s, or 20 s when narrow. */
import { s } from "#site/simulations/tcp-udp/svg.ts";

export function appendTimeAxis(svg: SVGElement, x: (ms: number) => number, axisY: number, endMs: number, compact: boolean): void {
  svg.append(s("line", { x1: x(0), x2: x(endMs), y1: axisY, y2: axisY, class: "sim-axis" }));
  for (let t = 0; t <= endMs; t += compact ? 20_000 : 10_000) {
    svg.append(
      s("line", { x1: x(t), x2: x(t), y1: axisY, y2: axisY + 4, class: "sim-axis" }),
      s("text", { x: x(t), y: axisY + 16, "text-anchor": "middle", class: "sim-small" }, `${t / 1000} s`),
    );
  }
}
