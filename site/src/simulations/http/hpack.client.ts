import { num, scrollRegion, setUpSimulations } from "#site/components/sim-client.ts";
import { h } from "./client.ts";
import { pendingView } from "#site/simulations/recorded/pending.ts";
import type { EncodedField } from "./hpack.ts";
import { runHpack } from "./hpack.model.ts";
import { HPACK_PRESETS } from "./hpack-presets.ts";

const hexOf = (bytes: readonly number[]) => bytes.map((b) => b.toString(16).padStart(2, "0")).join(" ");

function describe(field: EncodedField): string {
  const n = field.bytes.length;
  const size = `${n} byte${n === 1 ? "" : "s"}`;
  if (field.representation === "size-update") return `dynamic table size update (RFC 7541 §6.3), announcing the size the peer's SETTINGS allow: ${size}`;
  if (field.representation === "indexed") return `indexed ${field.index} (${field.index! <= 61 ? "static" : "dynamic"}): ${size}`;
  const how = field.neverIndexed === true ? "literal, never indexed (a credential: RFC 7541 §7.1.3)" : field.added ? "literal, added to the table" : "literal, not indexed";
  const name = field.index === null ? "new name" : `name from ${field.index <= 61 ? "static" : "dynamic"} ${field.index}`;
  return `${how}, ${name}: ${size}`;
}

export function setUpHpack(): void {
  setUpSimulations(
    "hpack",
    (values) => {
      const dynamicTable = values.table !== "off";
      const huffman = values.huffman === "on";
      const maxTableSize = num(values, "size", 4096);
      const view = runHpack({ preset: values.preset ?? "browser", requests: values.requests ?? "", dynamicTable, huffman, maxTableSize });
      if (view === undefined) return pendingView();
      const { requests, blocks, textSizes, totals } = view;
      const output = scrollRegion("hp-output", "Encoded header blocks");
      let textTotal = 0;
      let hpackTotal = 0;
      const largest = Math.max(1, ...textSizes);
      blocks.forEach((block, i) => {
        const text = textSizes[i]!;
        textTotal += text;
        hpackTotal += block.bytes.length;
        const card = h("section", { class: "hp-card" });
        card.append(h("h4", {}, `Request ${i + 1}: ${block.bytes.length} bytes of HPACK (${text} bytes as HTTP/1.1 text)`));
        const bars = h("div", { class: "hp-bars", "aria-hidden": "true" });
        bars.append(h("span", { class: "hp-bar hp-bar-text", style: `width:${((100 * text) / largest).toFixed(1)}%` }));
        bars.append(h("span", { class: "hp-bar hp-bar-hpack", style: `width:${((100 * block.bytes.length) / largest).toFixed(1)}%` }));
        card.append(bars);
        const list = h("ul", { class: "hp-fields" });
        for (const field of block.fields) {
          list.append(h("li", { class: `hp-${field.representation}` }, h("code", {}, `${field.name}: ${field.value}`), " → ", describe(field), h("span", { class: "hp-hex" }, hexOf(field.bytes))));
        }
        card.append(list);
        const table = h("div", { class: "hp-table" });
        table.append(h("strong", {}, `Dynamic table after request ${i + 1}: ${block.table.length} entr${block.table.length === 1 ? "y" : "ies"}, ${block.tableSize} of ${maxTableSize} bytes${block.evicted > 0 ? `, ${block.evicted} evicted` : ""}`));
        if (block.table.length > 0) {
          const entries = h("ol", { start: "62" });
          for (const entry of block.table) entries.append(h("li", {}, h("code", {}, `${entry.name}: ${entry.value}`), ` (${entry.size})`));
          table.append(entries);
        } else table.append(h("p", {}, dynamicTable ? "empty" : "not used: every literal is sent without indexing"));
        card.append(table);
        output.append(card);
      });
      // The same requests under every combination, for comparison.
      const compare = h("table", { class: "hp-compare" });
      compare.append(h("caption", {}, "All requests together, in bytes"));
      compare.append(h("tr", {}, h("th", {}, ""), h("th", { scope: "col" }, "Huffman on"), h("th", { scope: "col" }, "Huffman off")));
      compare.append(h("tr", {}, h("th", { scope: "row" }, "dynamic table on"), h("td", {}, String(totals.tableHuffman)), h("td", {}, String(totals.tableRaw))));
      compare.append(h("tr", {}, h("th", { scope: "row" }, "dynamic table off"), h("td", {}, String(totals.plainHuffman)), h("td", {}, String(totals.plainRaw))));
      compare.append(h("tr", {}, h("th", { scope: "row" }, "HTTP/1.1 text"), h("td", { colspan: "2" }, String(textSizes.reduce((sum, size) => sum + size, 0)))));
      if (requests.length > 0) output.prepend(compare);
      const saved = textTotal > 0 ? Math.round((100 * (textTotal - hpackTotal)) / textTotal) : 0;
      const summary =
        requests.length === 0
          ? "Write at least one request: <code>name: value</code> lines, a blank line between requests."
          : `${requests.length} request${requests.length === 1 ? "" : "s"}: <strong>${hpackTotal} bytes</strong> of HPACK against ${textTotal} bytes as HTTP/1.1 text (<strong>${saved}%</strong> smaller). Dynamic table ${dynamicTable ? "on" : "off"}, Huffman ${huffman ? "on" : "off"}. Bars: grey, the HTTP/1.1 text; blue, the HPACK block. Hex under each field is its encoding; green fields are one index.`;
      return { summary, drawing: output };
    },
    {
      onControl: (control, form) => {
        if (!(control instanceof HTMLSelectElement) || control.name !== "preset") return;
        const preset = HPACK_PRESETS[control.value];
        const area = form.querySelector<HTMLTextAreaElement>('textarea[name="requests"]');
        if (preset !== undefined && area !== null) area.value = preset.text;
      },
    },
  );
}
