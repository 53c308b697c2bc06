/**
 * The one timeline control the chapters' event-sequence simulations share:
 * Start, Step back, Play/Pause, Step and Show all, with a readout of the
 * current event ("Event 4 of 17: SYN-ACK, server → client, sent at 40.7 ms").
 *
 * It works on the rendered drawing, not on the model: a simulation marks the
 * elements that show an event with `data-sim-t` (its simulated time in ms,
 * for the order) and `data-sim-event` (the readout's text), and the control
 * hides the events after the current step. Parts of one event drawn apart
 * (an arrow, its time on the axis, its row in a table) share a
 * `data-sim-group` key; the part that carries `data-sim-event` names it. So
 * a live model and a class edition's recording step the same way, and
 * stepping never re-runs the model.
 *
 * After a control change re-runs the model, the control shows every event
 * again (the drawing as it always was); a redraw with the same events (a
 * resize) keeps the step.
 */

/** Marks `element` as (a part of) one event of the drawing. */
export function markEvent(element: Element, tMs: number, label: string | null, group?: string): void {
  element.setAttribute("data-sim-t", String(Math.round(tMs * 1000) / 1000));
  if (label !== null) element.setAttribute("data-sim-event", label);
  if (group !== undefined) element.setAttribute("data-sim-group", group);
}

/**
 * How long each event stays on screen while playing (ms of real time, the
 * same for every event of a run): 800 ms, less for a long run so that it
 * plays in about half a minute, but never under 250 ms.
 */
export function playInterval(events: number): number {
  return Math.round(Math.max(250, Math.min(800, 30_000 / Math.max(1, events))));
}

interface Step {
  readonly label: string;
  readonly parts: Element[];
}

export interface TimelineOptions {
  /** What one event is called in the readout and the buttons ("message", "packet"); "event" by default. */
  readonly noun?: string;
  /** Called after every change of step, with the current event's index (from 0), or null when everything is shown. */
  readonly onStep?: (index: number | null, total: number) => void;
}

export interface Timeline {
  /** Finds the events in `drawing` again; `reset` shows them all, otherwise the step is kept when the count is the same. */
  refresh(drawing: Element, reset: boolean): void;
}

/** The buttons' pictures, as SVG paths in a 12 × 12 box (fonts here lack the media symbols). */
const ICONS = {
  start: "M1 1h2v10H1zM11 1v10L4 6z",
  back: "M10 1v10L3 6z",
  play: "M2 1v10l9-5z",
  pause: "M2 1h3v10H2zM7 1h3v10H7z",
  forward: "M2 1v10l7-5z",
  all: "M1 1v10l7-5zM9 1h2v10H9z",
} as const;

function icon(name: keyof typeof ICONS): SVGSVGElement {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 12 12");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", "tu-tl-icon");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", ICONS[name]);
  svg.append(path);
  return svg;
}

function button(text: string, name: keyof typeof ICONS, iconAfter = false): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  const mark = icon(name);
  const words = document.createElement("span");
  words.textContent = text;
  if (iconAfter) b.append(words, mark);
  else b.append(mark, words);
  return b;
}

function setDisabled(b: HTMLButtonElement, off: boolean): void {
  // aria-disabled, not disabled: a button that just became useless keeps the keyboard focus.
  if (off) b.setAttribute("aria-disabled", "true");
  else b.removeAttribute("aria-disabled");
}

function eventsIn(drawing: Element): Step[] {
  const parts = [...drawing.querySelectorAll("[data-sim-t]")];
  const order = new Map(parts.map((p, i) => [p, i]));
  const groups = new Map<string, Element[]>();
  const steps: { t: number; first: number; parts: Element[] }[] = [];
  for (const part of parts) {
    const key = part.getAttribute("data-sim-group");
    const known = key === null ? undefined : groups.get(key);
    if (known !== undefined) {
      known.push(part);
      continue;
    }
    const list = [part];
    if (key !== null) groups.set(key, list);
    steps.push({ t: Number(part.getAttribute("data-sim-t")), first: order.get(part)!, parts: list });
  }
  // Simulated time order; events at the same moment keep the drawing's order.
  steps.sort((a, b) => a.t - b.t || a.first - b.first);
  return steps.map((step) => ({ label: step.parts.map((p) => p.getAttribute("data-sim-event")).find((l) => l !== null) ?? "", parts: step.parts }));
}

/**
 * Adds the control to a simulation's `root`, just before `before` (its
 * output). It stays hidden until a drawing has events.
 */
export function createTimeline(root: HTMLElement, before: Element, options: TimelineOptions = {}): Timeline {
  const noun = options.noun ?? "event";
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  const bar = document.createElement("div");
  bar.className = "tu-timeline";
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", `Step through the ${noun}s`);
  bar.hidden = true;
  const start = button("Start", "start");
  const back = button("Step back", "back");
  const play = button("Play", "play");
  const forward = button("Step", "forward", true);
  const all = button(`Show all ${noun}s`, "all", true);
  for (const [b, name] of [
    [start, "start"],
    [back, "back"],
    [play, "play"],
    [forward, "forward"],
    [all, "all"],
  ] as const) {
    b.dataset.timeline = name;
    b.setAttribute("aria-keyshortcuts", { start: "Home", back: "ArrowLeft", play: "", forward: "ArrowRight", all: "End" }[name]);
    if (name === "play") b.removeAttribute("aria-keyshortcuts");
  }
  play.setAttribute("aria-pressed", "false");
  const buttons = document.createElement("div");
  buttons.className = "tu-tl-buttons";
  buttons.append(start, back, play, forward, all);
  const readout = document.createElement("p");
  readout.className = "tu-tl-readout";
  readout.setAttribute("role", "status");
  readout.dataset.timelineReadout = "";
  const track = document.createElement("div");
  track.className = "tu-tl-track";
  track.setAttribute("aria-hidden", "true");
  const fill = document.createElement("div");
  fill.className = "tu-tl-fill";
  track.append(fill);
  bar.append(buttons, track, readout);
  before.before(bar);

  let steps: Step[] = [];
  /** How many events are shown, 0..steps.length. */
  let shown = 0;
  /** False while everything is shown as drawn (no step chosen yet, or after Show all). */
  let stepping = false;
  let timer: ReturnType<typeof setInterval> | null = null;

  const stop = () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
    play.querySelector(".tu-tl-icon path")!.setAttribute("d", ICONS.play);
    play.lastChild!.textContent = "Play";
    play.setAttribute("aria-pressed", "false");
    // Announced again once playing stops (where it stopped).
    if (readout.getAttribute("aria-live") === "off") {
      readout.setAttribute("aria-live", "polite");
      const text = readout.textContent;
      readout.textContent = text;
    }
  };

  const show = (scroll: boolean) => {
    const total = steps.length;
    steps.forEach((step, i) => {
      for (const part of step.parts) {
        part.toggleAttribute("data-sim-future", stepping && i >= shown);
        part.toggleAttribute("data-sim-now", stepping && i === shown - 1);
      }
    });
    bar.dataset.shown = String(stepping ? shown : total);
    bar.dataset.total = String(total);
    root.toggleAttribute("data-sim-stepping", stepping);
    fill.style.width = `${total === 0 ? 100 : ((stepping ? shown : total) / total) * 100}%`;
    if (!stepping) readout.textContent = `All ${total} ${noun}${total === 1 ? "" : "s"} shown. Step through them one at a time, or play them in order.`;
    else if (shown === 0) readout.textContent = `Before the first ${noun}: 0 of ${total} shown.`;
    else readout.textContent = `${Noun} ${shown} of ${total}: ${steps[shown - 1]!.label}`;
    setDisabled(start, stepping && shown === 0);
    setDisabled(back, stepping && shown === 0);
    setDisabled(forward, stepping && shown === total);
    setDisabled(all, !stepping);
    const current = stepping && shown > 0 ? steps[shown - 1]!.parts[0] : undefined;
    if (scroll && current !== undefined && outOfView(current, bar.getBoundingClientRect().bottom)) current.scrollIntoView({ block: "center", inline: "nearest" });
    options.onStep?.(stepping && shown > 0 ? shown - 1 : null, total);
  };

  const go = (to: number) => {
    stepping = true;
    shown = Math.max(0, Math.min(steps.length, to));
    if (shown === steps.length && timer !== null) stop();
    show(true);
  };

  start.addEventListener("click", () => {
    stop();
    go(0);
  });
  back.addEventListener("click", () => {
    stop();
    if (back.getAttribute("aria-disabled") !== "true") go((stepping ? shown : steps.length) - 1);
  });
  forward.addEventListener("click", () => {
    stop();
    if (forward.getAttribute("aria-disabled") !== "true") go(stepping ? shown + 1 : 1);
  });
  all.addEventListener("click", () => {
    stop();
    stepping = false;
    show(false);
  });
  play.addEventListener("click", () => {
    if (timer !== null) {
      stop();
      return;
    }
    // From the start when everything is already shown.
    if (!stepping || shown >= steps.length) go(0);
    play.querySelector(".tu-tl-icon path")!.setAttribute("d", ICONS.pause);
    play.lastChild!.textContent = "Pause";
    play.setAttribute("aria-pressed", "true");
    // A screen reader is not made to read out every tick: the readout is announced when playing stops.
    readout.setAttribute("aria-live", "off");
    // A steady pace, one event per tick in simulated-time order, stopping at the last.
    timer = setInterval(() => go(shown + 1), playInterval(steps.length));
  });
  bar.addEventListener("keydown", (event) => {
    const target = { ArrowLeft: back, ArrowRight: forward, Home: start, End: all }[event.key];
    if (target === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    target.click();
  });

  return {
    refresh(drawing, reset) {
      const found = eventsIn(drawing);
      const keep = !reset && stepping && found.length === steps.length;
      steps = found;
      bar.hidden = steps.length === 0;
      if (!keep) {
        stop();
        stepping = false;
      }
      show(false);
    },
  };
}

/** Whether `element` is above `top` (under the page's header and this control) or below the window, or out of a box that scrolls it. */
function outOfView(element: Element, top: number): boolean {
  const box = element.getBoundingClientRect();
  if (box.top < top || box.bottom > window.innerHeight) return true;
  for (let parent = element.parentElement; parent !== null && parent !== document.body; parent = parent.parentElement) {
    if (parent.scrollHeight <= parent.clientHeight + 1 || !/auto|scroll/.test(getComputedStyle(parent).overflowY)) continue;
    const frame = parent.getBoundingClientRect();
    if (box.top < frame.top || box.bottom > frame.bottom) return true;
  }
  return false;
}
