/**
 * Fragmentation: pick a datagram size, a link MTU, the DF flag and the IP
 * version, and see the fragments with their offset and MF fields.
 */
import { h, hexByte, need } from "./dom.ts";
import { emitIpv4Fragments, IPV4_MIN_MTU, IPV6_MIN_MTU, planFragments, SAMPLE_REPR, type Fragment, type FragmentPlan, type IpVersion } from "./fragment-model.ts";

const SVG_NS = "http://www.w3.org/2000/svg";
const MAX_ROWS = 10;

export function mountFragmentation(root: HTMLElement): void {
  const versionSelect = need<HTMLSelectElement>(root, "[data-version]");
  const sizeRange = need<HTMLInputElement>(root, "[data-size-range]");
  const sizeNumber = need<HTMLInputElement>(root, "[data-size]");
  const mtuSelect = need<HTMLSelectElement>(root, "[data-mtu]");
  const dfBox = need<HTMLInputElement>(root, "[data-df]");
  const error = need<HTMLElement>(root, "[data-error]");
  const output = need<HTMLElement>(root, "[data-sim-output]");

  const render = () => {
    const version = (versionSelect.value === "6" ? 6 : 4) as IpVersion;
    const size = Math.round(Number(sizeNumber.value));
    const mtu = Number(mtuSelect.value);
    dfBox.disabled = version === 6;
    const header = version === 4 ? 20 : 40;
    if (!(size >= header + 1 && size <= 65535)) {
      error.textContent = `The datagram must be between ${header + 1} and 65535 bytes, header included.`;
      return;
    }
    error.textContent = "";
    const plan = planFragments(version, size, mtu, dfBox.checked);
    output.replaceChildren(h("p", { class: "ml-outcome" }, outcomeText(plan)), diagram(plan, output.clientWidth), fragmentTable(plan, dfBox.checked && version === 4));
  };

  sizeRange.addEventListener("input", () => {
    sizeNumber.value = sizeRange.value;
    render();
  });
  sizeNumber.addEventListener("input", () => {
    sizeRange.value = sizeNumber.value;
    render();
  });
  for (const control of [versionSelect, mtuSelect, dfBox]) control.addEventListener("change", render);
  render();
}

function outcomeText(plan: FragmentPlan): string {
  const v = plan.version;
  switch (plan.outcome) {
    case "mtu-too-small":
      return v === 4
        ? `An MTU of ${plan.mtu} is below IPv4's minimum of ${IPV4_MIN_MTU} bytes: no link may carry IPv4 like this.`
        : `An MTU of ${plan.mtu} is below IPv6's minimum of ${IPV6_MIN_MTU}: such a link must fragment and reassemble below IPv6, invisibly to it (RFC 8200).`;
    case "fits":
      return `${plan.datagramLength} bytes fit the ${plan.mtu}-byte MTU: the datagram crosses the link whole.`;
    case "dropped-df":
      return `Too big (${plan.datagramLength} > ${plan.mtu}) and DF is set: the router drops it and sends an ICMP "fragmentation needed and DF set" message carrying the next-hop MTU, ${plan.mtu}. That is what Path MTU Discovery (RFC 1191) listens for.`;
    default:
      return v === 4
        ? `Too big (${plan.datagramLength} > ${plan.mtu}) and DF is clear: the router splits the ${plan.payloadLength} data bytes into ${plan.fragments.length} fragments. Only the destination puts them back together.`
        : `An IPv6 router would drop this and send ICMPv6 Packet Too Big. The source, knowing the path MTU is ${plan.mtu}, sends ${plan.fragments.length} fragments instead, each with a 40-byte IPv6 header and an 8-byte Fragment header.`;
  }
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Rows to draw: all fragments, or the first and last few when there are many. */
function visibleRows(fragments: readonly Fragment[]): Array<{ index: number; fragment: Fragment } | "gap"> {
  const all = fragments.map((fragment, index) => ({ index, fragment }));
  if (all.length <= MAX_ROWS) return all;
  return [...all.slice(0, MAX_ROWS - 3), "gap", ...all.slice(-2)];
}

/** Drawn at the width it is shown (`width` px), so its text stays legible on a phone. */
function diagram(plan: FragmentPlan, width: number): SVGSVGElement {
  const W = Math.max(300, Math.min(720, width || 640));
  const left = W < 500 ? 100 : 150;
  const headerW = 34;
  const rowH = 24;
  const rows = plan.outcome === "fragmented" ? visibleRows(plan.fragments) : [];
  const height = 40 + rows.length * rowH + 8;
  const dataW = W - left - headerW - 10;
  const scale = plan.payloadLength > 0 ? dataW / plan.payloadLength : 0;
  const root = svg("svg", { viewBox: `0 0 ${W} ${height}`, class: "ml-frag-svg", role: "img", "aria-label": `Diagram of a ${plan.datagramLength}-byte datagram${rows.length ? ` and its ${plan.fragments.length} fragments` : ""}` });
  root.append(svg("text", { x: 0, y: 22 }, `Datagram, ${plan.datagramLength} B`));
  root.append(svg("rect", { x: left, y: 8, width: headerW, height: 20, class: "ml-hdr" }));
  root.append(svg("text", { x: left + 4, y: 22 }, `IP`));
  root.append(svg("rect", { x: left + headerW, y: 8, width: Math.max(1, plan.payloadLength * scale), height: 20, class: "ml-data" }));
  root.append(svg("text", { x: left + headerW + 6, y: 22 }, `${plan.payloadLength} data bytes`));
  rows.forEach((row, i) => {
    const y = 40 + i * rowH;
    if (row === "gap") {
      root.append(svg("text", { x: 0, y: y + 14 }, `… ${plan.fragments.length - (MAX_ROWS - 1)} more …`));
      return;
    }
    const f = row.fragment;
    const x = left + headerW + f.offsetBytes * scale;
    const hw = plan.version === 6 ? headerW + 10 : headerW;
    root.append(svg("text", { x: 0, y: y + 14 }, `#${row.index + 1}: off ${f.offsetField}, ${plan.version === 6 ? "M" : "MF"} ${f.moreFragments ? 1 : 0}`));
    root.append(svg("rect", { x: x - hw, y, width: hw, height: 18, class: plan.version === 6 ? "ml-fraghdr" : "ml-hdr" }));
    root.append(svg("rect", { x, y, width: Math.max(1, f.dataLength * scale), height: 18, class: "ml-data" }));
  });
  return root;
}

function fragmentTable(plan: FragmentPlan, dontFragment: boolean): HTMLElement {
  if (plan.fragments.length === 0) return h("div");
  const words =
    plan.version === 4
      ? emitIpv4Fragments({ ...SAMPLE_REPR, dontFragment: dontFragment && plan.outcome === "fits" }, new Uint8Array(plan.payloadLength), plan.outcome === "fits" ? 65535 : plan.mtu).map((bytes) => `${hexByte(bytes[6]!)} ${hexByte(bytes[7]!)}`)
      : plan.outcome === "fits"
        ? ["none: no Fragment header"]
        : plan.fragments.map((f) => {
          const word = (f.offsetField << 3) | (f.moreFragments ? 1 : 0);
          return `${hexByte(word >> 8)} ${hexByte(word & 0xff)}`;
        });
  const rows = visibleRows(plan.fragments).map((row) =>
    row === "gap"
      ? h("tr", {}, h("td", { colspan: 6, class: "ml-muted" }, `… ${plan.fragments.length - (MAX_ROWS - 1)} more fragments …`))
      : h(
          "tr",
          {},
          h("td", { class: "ml-num" }, row.index + 1),
          h("td", { class: "ml-num" }, row.fragment.totalLength),
          h("td", { class: "ml-num" }, `${row.fragment.offsetBytes}–${row.fragment.offsetBytes + row.fragment.dataLength - 1}`),
          h("td", { class: "ml-num" }, `${row.fragment.offsetField} (×8 = ${row.fragment.offsetBytes})`),
          h("td", { class: "ml-num" }, row.fragment.moreFragments ? 1 : 0),
          h("td", { class: "ml-mono" }, words[row.index]!),
        ),
  );
  const wordHeader = plan.version === 4 ? "IPv4 bytes 6–7" : "Frag. hdr bytes 2–3";
  const sum = plan.fragments.reduce((s, f) => s + f.dataLength, 0);
  return h(
    "div",
    {},
    h(
      "div",
      { class: "ml-table-wrap" },
      h(
        "table",
        { class: "ml-table" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "#"), h("th", { scope: "col" }, "On the wire"), h("th", { scope: "col" }, "Data bytes"), h("th", { scope: "col" }, "Offset field"), h("th", { scope: "col" }, plan.version === 6 ? "M" : "MF"), h("th", { scope: "col" }, wordHeader))),
        h("tbody", {}, ...rows),
      ),
    ),
    h("p", { class: "ml-muted" }, `Data bytes in all fragments: ${sum} = the original ${plan.payloadLength}. ${plan.version === 4 ? `IPv4 bytes 6–7 hold the flags (top 3 bits: reserved, DF, MF) and the 13-bit offset. Every fragment keeps the Identification (0x${SAMPLE_REPR.identification.toString(16)}), source, destination and protocol of the original.` : "Fragment header bytes 2–3 hold the 13-bit offset, 2 reserved bits and the M flag; bytes 4–7 the 32-bit Identification."}`),
  );
}
