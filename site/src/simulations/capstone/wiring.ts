/**
 * The capstone's simulations on the shared wiring (components/sim-client.ts):
 * their drawings are made at the output's width, within bounds, so text is
 * drawn at its real size.
 */
import { setUpSimulations, type SimView, type Values } from "#site/components/sim-client.ts";

export type { Values };
export type View = SimView;

/** Drawings are made at the output's width (CSS px), within these bounds. */
const MIN_WIDTH = 300;
const MAX_WIDTH = 900;

/** `render` gets the controls' values and the width to draw at; it runs now and after every change. */
export function setUp(name: string, render: (values: Values, width: number) => View): void {
  setUpSimulations(name, (values, _compact, width) => render(values, Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Math.floor(width)))), {
    drawsAtWidth: true,
  });
}

export function num(values: Values, key: string, fallback: number): number {
  const value = Number(values[key]);
  return values[key] !== undefined && values[key] !== "" && Number.isFinite(value) ? value : fallback;
}

/** The simulations' one way of writing a time (tcp-udp/svg.ts), for the capstone's own imports. */
export { formatMs } from "#site/simulations/tcp-udp/svg.ts";
