import { describe, expect, it } from "vitest";
import type { LadderPacketView } from "#labs/kit/demo.ts";
import type { LadderArrow } from "#site/workbench/views/ladder-layout.ts";
import { distanceToSegment, nearestArrow } from "#site/workbench/views/ladder-pick.ts";

const packet = (id: number, sentMs: number): LadderPacketView => ({ id, from: "left", label: `DATA ${id}`, sentMs, arrivedMs: sentMs + 10, dropKey: `data:${id}` });
const arrow = (id: number, sentMs: number, y1: number): LadderArrow => ({ packet: packet(id, sentMs), x1: 100, y1, x2: 300, y2: y1 + 100, lost: false, label: null });

describe("picking the packet under the pointer in a ladder", () => {
  it("measures the distance to a segment, not to its line", () => {
    expect(distanceToSegment(0, 0, 0, 0, 10, 0)).toBe(0);
    expect(distanceToSegment(5, 3, 0, 0, 10, 0)).toBe(3);
    expect(distanceToSegment(13, 4, 0, 0, 10, 0)).toBe(5);
  });

  it("takes the nearest of two lines 4 px apart, whichever was drawn last", () => {
    // DATA 4 and DATA 6 sent about 1 ms apart: parallel lines 4 px apart.
    const data4 = arrow(4, 40.7, 200);
    const data6 = arrow(6, 41.6, 204);
    // The midpoint of DATA 4's line is nearer to it than to DATA 6's.
    expect(nearestArrow([data4, data6], 200, 250)?.packet.label).toBe("DATA 4");
    expect(nearestArrow([data6, data4], 200, 250)?.packet.label).toBe("DATA 4");
    expect(nearestArrow([data4, data6], 200, 254)?.packet.label).toBe("DATA 6");
  });

  it("breaks a tie by the earlier packet, and picks nothing far from every line", () => {
    const a = arrow(1, 1, 100);
    const b = arrow(2, 2, 100);
    expect(nearestArrow([b, a], 200, 150)?.packet.label).toBe("DATA 1");
    expect(nearestArrow([a, b], 200, 400)).toBeUndefined();
  });

  it("skips packets that cannot be dropped", () => {
    const a = arrow(1, 1, 100);
    const b = arrow(2, 2, 103);
    expect(nearestArrow([a, b], 200, 150, (x) => x !== a)?.packet.label).toBe("DATA 2");
  });
});
