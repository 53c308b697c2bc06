/**
 * Which packet a pointer means in a ladder diagram: the arrow nearest to
 * it, measured to the line itself. Packets sent a millisecond apart are
 * drawn almost on top of each other; picking by "last drawn wins" (the
 * SVG's own hit test) dropped the wrong one. Pure, so it is tested in Node.
 */
import type { LadderArrow } from "./ladder-layout.ts";

/** Farthest a pointer may be from an arrow and still pick it, px. */
export const PICK_DISTANCE = 10;

/** Distance from (px, py) to the segment (x1, y1)-(x2, y2). */
export function distanceToSegment(px: number, py: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / length2));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

/**
 * The arrow nearest to (x, y) among those `eligible` accepts, if one is
 * within `maxDistance`. On a tie the earlier-sent packet wins, so the
 * answer never depends on drawing order.
 */
export function nearestArrow(
  arrows: readonly LadderArrow[],
  x: number,
  y: number,
  eligible: (arrow: LadderArrow) => boolean = () => true,
  maxDistance = PICK_DISTANCE,
): LadderArrow | undefined {
  let best: LadderArrow | undefined;
  let bestDistance = Infinity;
  for (const arrow of arrows) {
    if (!eligible(arrow)) continue;
    const distance = distanceToSegment(x, y, arrow.x1, arrow.y1, arrow.x2, arrow.y2);
    if (distance > maxDistance) continue;
    const tie = Math.abs(distance - bestDistance) < 1e-9;
    if (distance < bestDistance - 1e-9 || (tie && best !== undefined && arrow.packet.sentMs < best.packet.sentMs)) {
      best = arrow;
      bestDistance = distance;
    }
  }
  return best;
}
