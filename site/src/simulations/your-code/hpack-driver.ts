/**
 * "Use my code" for the HPACK simulation: the learner's Encoder, through the
 * hpack lab's `encode` scenario (labs/hpack/harness.ts), over the requests,
 * Huffman choice and table size the built-in side shows. The learner's
 * encoder follows its own indexing policy (the lab's instructions pin it),
 * so the Dynamic table menu changes only the built-in side.
 */
import type { EncodeInput, EncodeStep } from "#labs/hpack/scenarios.ts";
import { num, scrollRegion } from "#site/components/sim-client.ts";
import { h } from "#site/simulations/http/client.ts";
import { http1Size, parseRequests } from "#site/simulations/http/hpack-requests.ts";
import { escapeHtml, type Driver } from "./types.ts";

/** Bytes of each block's hex shown; the rest is counted. */
const HEX_SHOWN = 48;

export const hpackDriver: Driver = {
  input(values) {
    const requests = parseRequests(values.requests ?? "");
    if (requests.length === 0) return { message: "Write at least one request for your encoder to encode." };
    const huffman = values.huffman === "on";
    const input: EncodeInput = { maxTableSize: num(values, "size", 4096), blocks: requests.map((headers) => ({ headers: headers.map(([name, value]) => ({ name, value })), huffman })) };
    return { scenario: "encode", input };
  },

  view(value, values) {
    const steps = value as readonly EncodeStep[];
    const requests = parseRequests(values.requests ?? "");
    const texts = requests.map((request) => http1Size(request));
    const sizes = steps.map((step) => ("hex" in step ? step.hex.length / 2 : 0));
    const largest = Math.max(1, ...texts, ...sizes);
    const output = scrollRegion("hp-output", "Your encoder's header blocks");
    steps.forEach((step, i) => {
      const card = h("section", { class: "hp-card" });
      if (!("hex" in step)) {
        card.append(h("h4", {}, `Request ${i + 1}: your encoder threw`), h("p", {}, step.error));
        output.append(card);
        return;
      }
      const bytes = step.hex.length / 2;
      card.append(h("h4", {}, `Request ${i + 1}: ${bytes} bytes of HPACK (${texts[i]} bytes as HTTP/1.1 text)`));
      const bars = h("div", { class: "hp-bars", "aria-hidden": "true" });
      bars.append(h("span", { class: "hp-bar hp-bar-text", style: `width:${((100 * texts[i]!) / largest).toFixed(1)}%` }));
      bars.append(h("span", { class: "hp-bar hp-bar-hpack", style: `width:${((100 * bytes) / largest).toFixed(1)}%` }));
      card.append(bars);
      const hex = step.hex.slice(0, HEX_SHOWN * 2).replace(/(..)(?!$)/g, "$1 ");
      card.append(h("p", {}, h("code", { class: "hp-hex" }, hex), bytes > HEX_SHOWN ? ` … and ${bytes - HEX_SHOWN} more bytes` : ""));
      const { entries, size, maxSize } = step.table;
      card.append(h("p", { class: "hp-table" }, `Your encoder's dynamic table after request ${i + 1}: ${entries.length} entr${entries.length === 1 ? "y" : "ies"}, ${size} of ${maxSize} bytes`));
      output.append(card);
    });
    const done = steps.filter((step) => "hex" in step).length;
    const summary = describeEncode(steps, texts, values.huffman === "on");
    return { kind: done > 0 ? "picture" : "message", summary, drawing: output };
  },
};

/** The learner's blocks in a sentence: bytes against the HTTP/1.1 text, or the request their encoder threw on. */
export function describeEncode(steps: readonly EncodeStep[], texts: readonly number[], huffman: boolean): string {
  const failed = steps.findIndex((step) => !("hex" in step));
  const step = steps[failed];
  if (step !== undefined && "error" in step) return escapeHtml(`Your encoder threw on request ${failed + 1}: ${step.error}`);
  const hpack = steps.reduce((sum, step) => sum + ("hex" in step ? step.hex.length / 2 : 0), 0);
  const text = texts.slice(0, steps.length).reduce((sum, n) => sum + n, 0);
  const saved = text > 0 ? Math.round((100 * (text - hpack)) / text) : 0;
  return (
    `Your encoder: <strong>${hpack} bytes</strong> of HPACK for ${steps.length} request${steps.length === 1 ? "" : "s"}, against ${text} bytes as HTTP/1.1 text (<strong>${saved}%</strong> smaller), Huffman ${huffman ? "on" : "off"}. ` +
    "It follows its own indexing policy: the Dynamic table menu changes only the built-in side."
  );
}
