/**
 * The capture view, a small Wireshark: a packet list, and for the selected
 * packet its header fields and its bytes in hex. Pointing at (or focusing)
 * a field highlights its bytes; pointing at a byte highlights its field.
 * "Download capture" saves the pcapng for Wireshark or tshark.
 */
import { fromBase64 } from "#labs/kit/base64.ts";
import { download } from "#site/components/download.ts";
import { html, isActivation, type ViewHandle } from "./dom.ts";
import { describePacket, summarizePacket, type PacketField } from "./packet-fields.ts";
import { readPcapng, type PcapngRecord } from "./pcapng-reader.ts";
import { msLabel } from "./scale.ts";

export interface PacketsOptions {
  /** Names the download: `wirelab-<name>.pcapng` (default "capture"). */
  readonly name?: string;
  /** Most rows in the packet list (default 2000); the download has them all. */
  readonly maxRows?: number;
}

const RAW_LINK_TYPES = new Set([101, 228]);

/** A file name part: lower case letters, digits and dashes. */
export function captureFileName(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return `wirelab-${slug === "" ? "capture" : slug}.pcapng`;
}

/** Draws the capture `pcapBase64` (pcapng, base64) into `container`, replacing its content. */
export function renderPackets(container: HTMLElement, pcapBase64: string, options: PacketsOptions = {}): ViewHandle {
  let bytes: Uint8Array;
  let records: PcapngRecord[];
  try {
    bytes = fromBase64(pcapBase64);
    records = readPcapng(bytes);
  } catch (error) {
    container.replaceChildren(
      html("div", { class: "wl-view wl-packets" }, html("p", { class: "wl-error", role: "alert" }, `Cannot read this capture: ${error instanceof Error ? error.message : String(error)}`)),
    );
    return { destroy() {} };
  }
  const downloadButton = html("button", { type: "button", class: "wl-button" }, "Download capture (.pcapng)");
  downloadButton.addEventListener("click", () => download(captureFileName(options.name ?? "capture"), new Uint8Array(bytes), "application/x-pcapng"));
  const maxRows = options.maxRows ?? 2000;
  const count = html("span", {}, `${records.length} packet${records.length === 1 ? "" : "s"}`, records.length > maxRows ? ` (listing the first ${maxRows}; the download has all)` : "");
  const toolbar = html("div", { class: "wl-toolbar" }, count, downloadButton);

  const body = html("tbody");
  const list = html(
    "div",
    { class: "wl-scroll wl-packet-list" },
    html(
      "table",
      { class: "wl-table", "aria-label": "Packets" },
      html("thead", {}, html("tr", {}, ...["No.", "Time (ms)", "Source", "Destination", "Protocol", "Length", "Info"].map((h) => html("th", { scope: "col" }, h)))),
      body,
    ),
  );
  const detail = html("div", { class: "wl-packet-detail" });
  container.replaceChildren(html("div", { class: "wl-view wl-packets" }, toolbar, list, detail));
  if (records.length === 0) {
    detail.append(html("p", { class: "wl-note" }, "No packets were captured in this run."));
    return { destroy() {} };
  }

  const rows: HTMLTableRowElement[] = [];
  let selected = -1;
  const select = (index: number, focus: boolean) => {
    index = Math.max(0, Math.min(rows.length - 1, index));
    if (selected >= 0) {
      rows[selected]!.removeAttribute("aria-current");
      rows[selected]!.tabIndex = -1;
    }
    selected = index;
    const row = rows[index]!;
    row.setAttribute("aria-current", "true");
    row.tabIndex = 0;
    if (focus) row.focus();
    row.scrollIntoView?.({ block: "nearest" });
    showDetail(detail, records[index]!, index);
  };
  records.slice(0, maxRows).forEach((record, i) => {
    const summary = RAW_LINK_TYPES.has(record.linkType) ? summarizePacket(record.data) : { source: "?", destination: "?", protocol: "?", info: `link type ${record.linkType}` };
    const row = html(
      "tr",
      { tabindex: -1, class: `wl-proto-${summary.protocol.toLowerCase().replace("?", "other")}`, "aria-label": `Packet ${i + 1}: ${summary.info}` },
      html("td", { class: "wl-num" }, String(i + 1)),
      html("td", { class: "wl-num" }, msLabel(Number(record.timeNs) / 1e6)),
      html("td", {}, summary.source),
      html("td", {}, summary.destination),
      html("td", {}, summary.protocol),
      html("td", { class: "wl-num" }, String(record.originalLength)),
      html("td", { class: "wl-info" }, summary.info),
    );
    row.addEventListener("click", () => select(i, false));
    row.addEventListener("keydown", (event) => {
      const moves: Record<string, number> = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: rows.length - 1, PageDown: i + 10, PageUp: i - 10 };
      const next = moves[event.key];
      if (next !== undefined) {
        event.preventDefault();
        select(next, true);
      } else if (isActivation(event)) {
        event.preventDefault();
        select(i, true);
      }
    });
    rows.push(row);
    body.append(row);
  });
  select(0, false);
  return { destroy() {} };
}

/** The field list and hex dump of one packet, linked both ways. */
function showDetail(detail: HTMLElement, record: PcapngRecord, index: number): void {
  const data = record.data;
  const fields: PacketField[] = RAW_LINK_TYPES.has(record.linkType)
    ? describePacket(data)
    : [{ layer: "Payload", name: "Bytes", value: `link type ${record.linkType} is not decoded`, offset: 0, length: data.length }];

  // Hex dump: 16 bytes a row, offset, hex, ASCII.
  const hexSpans: HTMLSpanElement[] = [];
  const asciiSpans: HTMLSpanElement[] = [];
  const layerAt: (string | undefined)[] = [];
  for (const field of fields) for (let i = field.offset; i < field.offset + field.length; i++) layerAt[i] ??= field.layer;
  const dump = html("div", { class: "wl-hex", role: "group", "aria-label": `Bytes of packet ${index + 1}, in hex` });
  for (let row = 0; row < data.length; row += 16) {
    const hexCell = html("span", { class: "wl-hex-bytes" });
    const asciiCell = html("span", { class: "wl-hex-ascii" });
    for (let i = row; i < Math.min(row + 16, data.length); i++) {
      const byte = data[i]!;
      const layer = `wl-layer-${(layerAt[i] ?? "payload").toLowerCase()}`;
      const h = html("span", { class: `wl-byte ${layer}`, "data-i": i }, byte.toString(16).padStart(2, "0"));
      const a = html("span", { class: `wl-byte ${layer}`, "data-i": i }, byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : "·");
      hexSpans.push(h);
      asciiSpans.push(a);
      hexCell.append(h);
      asciiCell.append(a);
      if (i % 16 === 7) hexCell.append(html("span", { class: "wl-hex-gap" }));
    }
    dump.append(html("div", { class: "wl-hex-row" }, html("span", { class: "wl-hex-offset" }, row.toString(16).padStart(4, "0")), hexCell, asciiCell));
  }

  const fieldRows: HTMLTableRowElement[] = [];
  const mark = (field: PacketField | null, className: string) => {
    for (const span of dump.querySelectorAll(`.${className}`)) span.classList.remove(className);
    for (const row of fieldRows) row.classList.remove(className);
    if (field === null) return;
    for (let i = field.offset; i < field.offset + field.length && i < data.length; i++) {
      hexSpans[i]!.classList.add(className);
      asciiSpans[i]!.classList.add(className);
    }
    fieldRows[fields.indexOf(field)]?.classList.add(className);
  };
  let chosen: PacketField | null = null;
  const choose = (field: PacketField | null) => {
    chosen = field;
    mark(field, "is-selected");
    for (const [i, row] of fieldRows.entries()) row.setAttribute("aria-pressed", String(fields[i] === field));
  };
  /** The narrowest field covering byte `i`. */
  const fieldAt = (i: number): PacketField | null => {
    let best: PacketField | null = null;
    for (const field of fields) if (i >= field.offset && i < field.offset + field.length && (best === null || field.length < best.length)) best = field;
    return best;
  };

  const fieldBody = html("tbody");
  let layer = "";
  for (const field of fields) {
    if (field.layer !== layer) {
      layer = field.layer;
      fieldBody.append(html("tr", { class: "wl-layer-head" }, html("th", { colspan: 3, scope: "rowgroup" }, layer)));
    }
    const row = html(
      "tr",
      {
        tabindex: 0,
        class: `wl-field wl-layer-${field.layer.toLowerCase()}`,
        role: "button",
        "aria-pressed": "false",
        "aria-label": `${field.layer} ${field.name}: ${field.value}, bytes ${field.offset} to ${field.offset + field.length - 1}`,
      },
      html("td", { class: "wl-swatch" }),
      html("td", {}, field.name),
      html("td", { class: "wl-value" }, field.value),
    );
    row.addEventListener("pointerenter", () => mark(field, "is-hover"));
    row.addEventListener("pointerleave", () => mark(null, "is-hover"));
    row.addEventListener("focus", () => mark(field, "is-hover"));
    row.addEventListener("blur", () => mark(null, "is-hover"));
    row.addEventListener("click", () => choose(chosen === field ? null : field));
    row.addEventListener("keydown", (event) => {
      if (!isActivation(event)) return;
      event.preventDefault();
      choose(chosen === field ? null : field);
    });
    fieldRows.push(row);
    fieldBody.append(row);
  }
  dump.addEventListener("pointerover", (event) => {
    const i = Number((event.target as HTMLElement).dataset?.i);
    mark(Number.isInteger(i) ? fieldAt(i) : null, "is-hover");
  });
  dump.addEventListener("pointerleave", () => mark(null, "is-hover"));
  dump.addEventListener("click", (event) => {
    const i = Number((event.target as HTMLElement).dataset?.i);
    if (!Number.isInteger(i)) return;
    const field = fieldAt(i);
    choose(field);
    if (field) fieldRows[fields.indexOf(field)]?.scrollIntoView?.({ block: "nearest" });
  });

  const time = msLabel(Number(record.timeNs) / 1e6);
  detail.replaceChildren(
    html("h4", { class: "wl-detail-title" }, `Packet ${index + 1}: ${data.length} bytes at ${time} ms`),
    html(
      "div",
      { class: "wl-detail-panes" },
      html("div", { class: "wl-scroll wl-fields" }, html("table", { class: "wl-table", "aria-label": "Header fields" }, fieldBody)),
      html("div", { class: "wl-scroll wl-hex-scroll" }, dump),
    ),
  );
}
