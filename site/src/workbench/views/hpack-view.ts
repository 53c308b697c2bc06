/**
 * The HPACK lab's picture: for each header block, the headers that went in,
 * the bytes that came out (each field's bytes coloured by its kind, linked
 * to a list that says what each field means), what the decoder made of
 * them, and the decoder's dynamic table afterwards, with this block's new
 * entries highlighted and the table's fill shown against its maximum.
 */
import { html, isActivation, type ViewHandle } from "./dom.ts";
import { evictedCount, headerBytes, hexToBytes, kindPerByte, nestNotes, newEntryCount } from "./hpack-model.ts";
import type { HpackDemoBlock, HpackDemoResult, HpackFieldNote } from "./hpack-types.ts";

const KIND_NAMES: Record<HpackFieldNote["kind"], string> = {
  indexed: "indexed field",
  "literal-indexed": "literal, added to the table",
  "literal-not-indexed": "literal, not indexed",
  "literal-never-indexed": "literal, never indexed",
  "size-update": "table size update",
  name: "name",
  value: "value",
  unparsed: "unparsed",
};

let nextId = 0;

/** Draws the hpack lab's demo `result` into `container`, replacing its content. */
export function renderHpack(container: HTMLElement, result: HpackDemoResult): ViewHandle {
  const id = `wl-hpack-${nextId++}`;
  const summary = html("p", { class: "wl-summary" }, result.summary);
  const panel = html("div", { class: "wl-hpack-block", role: "tabpanel" });
  const tabs = html("div", { class: "wl-tabs", role: "tablist", "aria-label": "Header blocks" });
  container.replaceChildren(html("div", { class: "wl-view wl-hpack" }, summary, tabs, panel));
  if (result.blocks.length === 0) {
    panel.append(html("p", { class: "wl-note" }, "No header blocks in this run."));
    return { destroy() {} };
  }
  const buttons = result.blocks.map((block, i) => {
    const out = safeBytes(block.hex)?.length ?? 0;
    const button = html(
      "button",
      { type: "button", role: "tab", class: "wl-tab", id: `${id}-tab-${i}`, "aria-selected": "false", tabindex: -1 },
      html("span", { class: "wl-tab-title" }, `Block ${i + 1}`),
      html("span", { class: "wl-tab-sub" }, `${headerBytes(block.headers)} B → ${out} B`),
    );
    button.addEventListener("click", () => select(i, false));
    button.addEventListener("keydown", (event) => {
      const moves: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: result.blocks.length - 1 };
      const next = moves[event.key];
      if (next === undefined) return;
      event.preventDefault();
      select((next + result.blocks.length) % result.blocks.length, true);
    });
    tabs.append(button);
    return button;
  });
  const select = (index: number, focus: boolean) => {
    buttons.forEach((button, i) => {
      button.setAttribute("aria-selected", String(i === index));
      button.tabIndex = i === index ? 0 : -1;
    });
    if (focus) buttons[index]!.focus();
    panel.setAttribute("aria-labelledby", `${id}-tab-${index}`);
    panel.replaceChildren(...drawBlock(result.blocks[index]!, index === 0 ? null : result.blocks[index - 1]!));
  };
  select(0, false);
  return { destroy() {} };
}

function safeBytes(hex: string): Uint8Array | null {
  try {
    return hexToBytes(hex);
  } catch {
    return null;
  }
}

function headerTable(caption: string, headers: readonly (readonly [string, string])[], compare?: readonly (readonly [string, string])[]): HTMLElement {
  return html(
    "table",
    { class: "wl-table wl-headers" },
    html("caption", {}, caption),
    html("thead", {}, html("tr", {}, html("th", { scope: "col" }, "name"), html("th", { scope: "col" }, "value"))),
    html(
      "tbody",
      {},
      ...headers.map(([name, value], i) => {
        const differs = compare !== undefined && (compare[i]?.[0] !== name || compare[i]?.[1] !== value);
        return html("tr", { class: differs ? "wl-differs" : "" }, html("td", { class: "wl-mono" }, name), html("td", { class: "wl-mono wl-value" }, value, differs ? " ≠ sent" : ""));
      }),
    ),
  );
}

function drawBlock(block: HpackDemoBlock, previous: HpackDemoBlock | null): HTMLElement[] {
  // Headers in, headers out.
  const decoded = Array.isArray(block.decoded)
    ? headerTable(
        sameHeaders(block.headers, block.decoded) ? "Decoded by the receiver ✓ same list" : "Decoded by the receiver ✗ differs",
        block.decoded,
        block.headers,
      )
    : html("p", { class: "wl-error", role: "alert" }, `The decoder failed: ${block.decoded.error}`);
  const lists = html(
    "section",
    { class: "wl-hpack-section" },
    html("h4", {}, "Headers"),
    html("div", { class: "wl-scroll wl-two" }, headerTable("Sent by the encoder", block.headers), decoded),
  );
  return [lists, drawBytes(block), drawTable(block, previous)];
}

function sameHeaders(a: readonly (readonly [string, string])[], b: readonly (readonly [string, string])[]): boolean {
  return a.length === b.length && a.every(([n, v], i) => b[i]![0] === n && b[i]![1] === v);
}

function drawBytes(block: HpackDemoBlock): HTMLElement {
  const section = html("section", { class: "wl-hpack-section" });
  const bytes = safeBytes(block.hex);
  const input = headerBytes(block.headers);
  if (bytes === null) {
    section.append(html("h4", {}, "Encoded bytes"), html("p", { class: "wl-error" }, `The block's hex cannot be read: ${block.hex.slice(0, 60)}`));
    return section;
  }
  const percent = input === 0 ? 0 : Math.round((bytes.length / input) * 100);
  section.append(html("h4", {}, `Encoded bytes: ${bytes.length} (${percent}% of the ${input} header bytes)`));
  const kinds = kindPerByte(bytes.length, block.fields);
  const spans: HTMLSpanElement[] = [];
  const dump = html("div", { class: "wl-hex wl-hpack-hex", role: "group", "aria-label": "Encoded header block in hex" });
  let row: HTMLElement | null = null;
  bytes.forEach((byte, i) => {
    if (i % 16 === 0) {
      row = html("div", { class: "wl-hex-row" }, html("span", { class: "wl-hex-offset" }, i.toString(16).padStart(4, "0")), html("span", { class: "wl-hex-bytes" }));
      dump.append(row);
    }
    const part = block.fields.find((n) => (n.kind === "name" || n.kind === "value") && i >= n.offset && i < n.offset + n.length);
    const partClass = part === undefined ? "" : ` wl-part wl-part-${part.kind}${i === part.offset ? " wl-part-start" : ""}`;
    const span = html("span", { class: `wl-byte wl-kind-${kinds[i]}${partClass}`, "data-i": i }, byte.toString(16).padStart(2, "0"));
    spans.push(span);
    row!.lastElementChild!.append(span);
    if (i % 16 === 7) row!.lastElementChild!.append(html("span", { class: "wl-hex-gap" }));
  });

  const nodes = nestNotes(block.fields);
  const items: HTMLLIElement[] = [];
  const mark = (note: HpackFieldNote | null, className: string) => {
    for (const span of spans) span.classList.remove(className);
    for (const item of items) item.classList.remove(className);
    if (note === null) return;
    for (let i = note.offset; i < note.offset + note.length && i < spans.length; i++) spans[i]!.classList.add(className);
    items[nodes.findIndex((n) => n.note === note)]?.classList.add(className);
  };
  let chosen: HpackFieldNote | null = null;
  const choose = (note: HpackFieldNote | null) => {
    chosen = note;
    mark(note, "is-selected");
    nodes.forEach((n, i) => items[i]!.setAttribute("aria-pressed", String(n.note === note)));
  };
  const list = html("ol", { class: "wl-notes", "aria-label": "Fields of the block" });
  for (const { note, depth } of nodes) {
    const range = note.length === 1 ? `byte ${note.offset}` : `bytes ${note.offset}–${note.offset + note.length - 1}`;
    const item = html(
      "li",
      { tabindex: 0, role: "button", "aria-pressed": "false", class: `wl-note-item wl-depth-${depth}`, "aria-label": `${KIND_NAMES[note.kind]}, ${range}: ${note.text}` },
      html("span", { class: `wl-kind-chip wl-kind-${note.kind}` }, KIND_NAMES[note.kind]),
      html("span", { class: "wl-note-range" }, range),
      html("span", { class: "wl-note-text" }, note.text),
    );
    item.addEventListener("pointerenter", () => mark(note, "is-hover"));
    item.addEventListener("pointerleave", () => mark(null, "is-hover"));
    item.addEventListener("focus", () => mark(note, "is-hover"));
    item.addEventListener("blur", () => mark(null, "is-hover"));
    item.addEventListener("click", () => choose(chosen === note ? null : note));
    item.addEventListener("keydown", (event) => {
      if (!isActivation(event)) return;
      event.preventDefault();
      choose(chosen === note ? null : note);
    });
    items.push(item);
    list.append(item);
  }
  /** The innermost note covering byte `i`. */
  const noteAt = (i: number) => {
    let best: HpackFieldNote | null = null;
    for (const { note } of nodes) if (i >= note.offset && i < note.offset + note.length && (best === null || note.length < best.length)) best = note;
    return best;
  };
  dump.addEventListener("pointerover", (event) => {
    const i = Number((event.target as HTMLElement).dataset?.i);
    mark(Number.isInteger(i) ? noteAt(i) : null, "is-hover");
  });
  dump.addEventListener("pointerleave", () => mark(null, "is-hover"));
  dump.addEventListener("click", (event) => {
    const i = Number((event.target as HTMLElement).dataset?.i);
    if (Number.isInteger(i)) choose(noteAt(i));
  });
  const present = [...new Set(kinds)];
  const legend = html(
    "ul",
    { class: "wl-legend", "aria-label": "Colours" },
    ...present.map((kind) => html("li", {}, html("span", { class: `wl-kind-chip wl-kind-${kind}` }, KIND_NAMES[kind]))),
  );
  section.append(legend, html("div", { class: "wl-scroll wl-hex-scroll" }, dump), list);
  return section;
}

function drawTable(block: HpackDemoBlock, previous: HpackDemoBlock | null): HTMLElement {
  const added = newEntryCount(block.table, previous?.table ?? null);
  const evicted = evictedCount(block.table, previous?.table ?? null);
  const fill = block.maxTableSize > 0 ? Math.min(1, block.tableSize / block.maxTableSize) : 0;
  const bar = html(
    "div",
    {
      class: "wl-size-bar",
      role: "meter",
      "aria-valuemin": 0,
      "aria-valuemax": block.maxTableSize,
      "aria-valuenow": block.tableSize,
      "aria-label": "Dynamic table size",
      "aria-valuetext": `${block.tableSize} of ${block.maxTableSize} bytes`,
    },
    html("div", { class: "wl-size-fill", style: `width: ${(fill * 100).toFixed(1)}%` }),
  );
  const changes = [
    added > 0 ? `${added} new entr${added === 1 ? "y" : "ies"} (highlighted)` : "no new entries",
    evicted > 0 ? `${evicted} evicted` : "",
  ].filter(Boolean);
  const section = html(
    "section",
    { class: "wl-hpack-section" },
    html("h4", {}, "Dynamic table after this block"),
    html("p", { class: "wl-size-text" }, `${block.tableSize} / ${block.maxTableSize} bytes used · ${block.table.length} entries · ${changes.join(", ")}`),
    bar,
  );
  if (block.table.length === 0) {
    section.append(html("p", { class: "wl-note" }, "The dynamic table is empty."));
    return section;
  }
  section.append(
    html(
      "div",
      { class: "wl-scroll" },
      html(
        "table",
        { class: "wl-table wl-dyn-table" },
        html("thead", {}, html("tr", {}, ...["index", "name", "value", "size"].map((h) => html("th", { scope: "col" }, h)))),
        html(
          "tbody",
          {},
          ...block.table.map((entry, i) =>
            html(
              "tr",
              { class: i < added ? "wl-new" : "" },
              html("td", { class: "wl-num" }, String(entry.index)),
              html("td", { class: "wl-mono" }, entry.name, i < added ? html("span", { class: "wl-badge" }, "new") : null),
              html("td", { class: "wl-mono wl-value" }, entry.value),
              html("td", { class: "wl-num" }, String(entry.size)),
            ),
          ),
        ),
      ),
    ),
  );
  return section;
}
