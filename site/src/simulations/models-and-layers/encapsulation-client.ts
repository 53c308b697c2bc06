/**
 * The encapsulation explorer: one HTTPS POST, wrapped layer by layer at the
 * client and unwrapped at the server. Click a layer to list its header
 * fields, click a field to find its bytes in the hex dump.
 */
import { download } from "#site/components/download.ts";
import { h, hexByte, need } from "./dom.ts";
import { buildHttpsPost, decodeFrame, DEFAULT_BODY, SCENARIO, type DecodedFrame, type HttpsPost, type LayerId } from "./packet-model.ts";

type Side = "sender" | "receiver";

const LAYER_LABEL: Record<LayerId, string> = {
  ethernet: "Ethernet frame",
  ipv4: "IPv4 packet",
  tcp: "TCP segment",
  tls: "TLS record",
  payload: "Encrypted HTTP request",
  fcs: "Ethernet FCS",
};

/** The layers that exist at each stage, outermost first (sender view; the receiver runs it backwards). */
const SENDER_STAGES: ReadonlyArray<{ title: string; outer: LayerId | "http" }> = [
  { title: "The application writes an HTTP request", outer: "http" },
  { title: "TLS encrypts it into a record", outer: "tls" },
  { title: "TCP puts the record in a segment", outer: "tcp" },
  { title: "IP puts the segment in a packet", outer: "ipv4" },
  { title: "Ethernet puts the packet in a frame: on the wire", outer: "ethernet" },
];

const ORDER: readonly LayerId[] = ["ethernet", "ipv4", "tcp", "tls", "payload"];

interface State {
  body: string;
  side: Side;
  stage: number;
  layer: LayerId;
  field: number;
  post: HttpsPost;
  decoded: DecodedFrame;
}

export function mountEncapsulation(root: HTMLElement): void {
  const bodyInput = need<HTMLInputElement>(root, "[data-body]");
  const sideSelect = need<HTMLSelectElement>(root, "[data-side]");
  const stageInput = need<HTMLInputElement>(root, "[data-stage]");
  const stageLabel = need<HTMLOutputElement>(root, "[data-stage-label]");
  const output = need<HTMLElement>(root, "[data-sim-output]");
  const error = need<HTMLElement>(root, "[data-error]");

  const build = (body: string, side: Side) => {
    const post = buildHttpsPost(body);
    return { post, decoded: decodeFrame(side === "sender" ? post.sentFrame : post.receivedFrame) };
  };
  const state: State = { body: DEFAULT_BODY, side: "sender", stage: 4, layer: "ipv4", field: 0, ...build(DEFAULT_BODY, "sender") };

  const outerAt = (): LayerId | "http" => {
    const index = state.side === "sender" ? state.stage : SENDER_STAGES.length - 1 - state.stage;
    return SENDER_STAGES[Math.max(0, Math.min(SENDER_STAGES.length - 1, index))]!.outer;
  };

  const render = () => {
    const outer = outerAt();
    const visible = outer === "http" ? [] : ORDER.slice(ORDER.indexOf(outer));
    const present = (id: LayerId) => visible.includes(id) || (id === "fcs" && visible.includes("ethernet"));
    if (!present(state.layer) && visible.length > 0) {
      state.layer = visible[0]!;
      state.field = 0;
    }
    const frame = state.side === "sender" ? state.post.sentFrame : state.post.receivedFrame;
    const layers = state.decoded.layers;
    const layer = layers.find((l) => l.id === state.layer)!;
    const field = outer === "http" ? undefined : layer.fields[Math.min(state.field, layer.fields.length - 1)];

    stageLabel.textContent = stageTitle(state, outer);
    // Eight bytes a row on a phone, sixteen where there is room.
    const perRow = output.clientWidth > 0 && output.clientWidth < 440 ? 8 : 16;
    output.replaceChildren(
      h("p", { class: "ml-stage-note" }, stageNote(state, outer)),
      h(
        "div",
        { class: "ml-enc-grid" },
        h("div", { class: "ml-enc-layers" }, h("h4", {}, "Layers"), outer === "http" ? h("p", { class: "ml-muted" }, state.side === "sender" ? "Nothing is on the wire yet: only the request the application wrote." : "Every header is gone: what is left is the request the client's application wrote, byte for byte.") : layerBoxes(visible, present)),
        h(
          "div",
          { class: "ml-enc-fields" },
          outer === "http" ? h("h4", {}, "HTTP request (plaintext)") : h("h4", {}, `${layer.name} `, h("span", { class: "ml-muted" }, layer.models)),
          outer === "http" ? h("pre", { class: "ml-plaintext" }, visibleCrlf(state.post.plaintext)) : fieldTable(layer.fields, field),
          field ? fieldDetail(field, frame) : null,
          outer !== "http" && state.layer === "payload"
            ? h("div", {}, h("h4", {}, "What these bytes carry"), h("p", { class: "ml-muted" }, "Only the two endpoints, which hold the session keys, can see this:"), h("pre", { class: "ml-plaintext" }, visibleCrlf(state.post.plaintext)))
            : null,
        ),
      ),
      h("h4", {}, outer === "http" ? `The request's ${state.post.plaintextBytes.length} bytes` : `Hex dump: ${frame.length} bytes on the ${state.side === "sender" ? "first" : "last"} link`),
      outer === "http" ? hexDump(state.post.plaintextBytes, () => "payload", () => false, () => true, perRow) : hexDump(
        frame,
        (i) => layerOfByte(i),
        (i) => field !== undefined && i >= field.offset && i < field.offset + field.length,
        (i) => visible.some((v) => { const l = layers.find((x) => x.id === v)!; return i >= l.start && i < l.end; }),
        perRow,
      ),
      ...(outer === "http" || state.layer === "payload" ? [] : [h("details", { class: "ml-secret" }, h("summary", {}, "What the ciphertext carries (only the two endpoints can see this)"), h("pre", { class: "ml-plaintext" }, visibleCrlf(state.post.plaintext)))]),
    );
  };

  // Which layer's header (or trailer) a byte belongs to: the innermost layer whose fields cover it.
  const layerOfByte = (i: number): LayerId => {
    for (const l of [...state.decoded.layers].reverse()) {
      if (l.fields.some((f) => i >= f.offset && i < f.offset + f.length)) return l.id;
    }
    return "payload";
  };

  const layerBoxes = (visible: LayerId[], present: (id: LayerId) => boolean): HTMLElement => {
    const layers = state.decoded.layers;
    const box = (index: number): HTMLElement | null => {
      const id = ORDER[index];
      if (id === undefined || !visible.includes(id)) return null;
      const l = layers.find((x) => x.id === id)!;
      const headerBytes = l.fields.reduce((end, f) => Math.max(end, f.offset + f.length), l.start) - l.start;
      const button = h(
        "button",
        { type: "button", class: `ml-layer-btn ml-c-${id}`, "aria-pressed": String(state.layer === id), "data-layer": id },
        h("strong", {}, LAYER_LABEL[id]),
        ` ${l.end - l.start} B`,
        h("span", { class: "ml-muted" }, id === "payload" ? "ciphertext and tag" : `header ${headerBytes} B`),
      );
      const trailer = id === "ethernet" && present("fcs")
        ? h("button", { type: "button", class: "ml-layer-btn ml-c-fcs", "aria-pressed": String(state.layer === "fcs"), "data-layer": "fcs" }, h("strong", {}, "FCS"), " 4 B trailer")
        : null;
      return h("div", { class: `ml-layer-box ml-b-${id}` }, button, box(index + 1), trailer);
    };
    return box(ORDER.indexOf(visible[0]!)) ?? h("div");
  };

  const fieldTable = (fields: DecodedFrame["layers"][number]["fields"], selected: DecodedFrame["layers"][number]["fields"][number] | undefined) =>
    h(
      "ul",
      { class: "ml-fields" },
      ...fields.map((f, i) =>
        h(
          "li",
          {},
          h(
            "button",
            { type: "button", "data-field": i, "aria-pressed": String(f === selected) },
            h("span", { class: "ml-field-name" }, f.name),
            h("span", { class: "ml-field-value" }, f.value),
          ),
        ),
      ),
    );

  output.addEventListener("click", (event) => {
    const target = (event.target as Element).closest("button");
    if (target === null) return;
    if (target.dataset.layer !== undefined) {
      state.layer = target.dataset.layer as LayerId;
      state.field = 0;
    } else if (target.dataset.field !== undefined) {
      state.field = Number(target.dataset.field);
    } else return;
    render();
    const again = target.dataset.layer !== undefined
      ? output.querySelector<HTMLElement>(`button[data-layer="${state.layer}"]`)
      : output.querySelector<HTMLElement>(`button[data-field="${state.field}"]`);
    again?.focus();
  });

  bodyInput.addEventListener("input", () => {
    try {
      Object.assign(state, build(bodyInput.value, state.side), { body: bodyInput.value });
      error.textContent = "";
      render();
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : String(e);
    }
  });
  sideSelect.addEventListener("change", () => {
    state.side = sideSelect.value === "receiver" ? "receiver" : "sender";
    Object.assign(state, build(state.body, state.side));
    // Both directions start from the frame on the wire.
    state.stage = state.side === "sender" ? 4 : 0;
    stageInput.value = String(state.stage);
    render();
  });
  need<HTMLButtonElement>(root, "[data-download]").addEventListener("click", () => {
    download("wirelab-https-post.pcapng", state.post.pcapng.slice());
  });
  stageInput.addEventListener("input", () => {
    state.stage = Number(stageInput.value);
    render();
  });
  render();
}

function stageTitle(state: State, outer: LayerId | "http"): string {
  const n = state.stage + 1;
  if (state.side === "sender") return `Step ${n} of 5: ${SENDER_STAGES[state.stage]!.title}`;
  const titles: Record<string, string> = {
    ethernet: "The frame arrives at the server",
    ipv4: "Ethernet checked and removed",
    tcp: "IP checked and removed",
    tls: "TCP checked and removed",
    http: "TLS record decrypted: the server reads the request",
  };
  return `Step ${n} of 5: ${titles[outer]}`;
}

function stageNote(state: State, outer: LayerId | "http"): string {
  const d = state.decoded;
  const tls = `${5 + d.tls.length}`;
  if (state.side === "sender") {
    switch (outer) {
      case "http":
        return `The client program writes ${state.post.plaintextBytes.length} bytes of HTTP/1.1 to the TLS connection. It knows nothing of the layers below.`;
      case "tls":
        return `TLS seals the request (plus one byte of inner content type) with the session key and prepends a 5-byte record header: ${tls} bytes, unreadable from here on.`;
      case "tcp":
        return `TCP adds a ${d.tcpHeaderLength}-byte header with the ports ${SCENARIO.client.port} → ${SCENARIO.server.port}, a sequence number and a checksum over the whole segment.`;
      case "ipv4":
        return `IP adds a 20-byte header with the two addresses, a TTL of ${d.ip.ttl} and protocol 6 (TCP). Total Length ${d.ipTotalLength} = 20 + ${d.tcpHeaderLength} + ${tls}.`;
      default:
        return `The route to ${SCENARIO.server.ip} goes through the gateway, so Ethernet addresses the frame to the gateway's MAC (found with ARP), not the server's, and appends a CRC-32.`;
    }
  }
  switch (outer) {
    case "ethernet":
      return `After two routers the frame looks different outside: new MAC addresses (this link's), TTL ${d.ip.ttl} instead of 64 and a new IP checksum. From the TCP header inward, not one byte changed.`;
    case "ipv4":
      return `The interface checked the CRC (${d.ethernet.fcsOk ? "valid" : "bad"}) and that the frame is for its MAC; EtherType 0x0800 sends the rest to IPv4.`;
    case "tcp":
      return `IPv4 checked the header checksum and that ${SCENARIO.server.ip} is this host's address; protocol 6 sends the payload to TCP.`;
    case "tls":
      return `TCP verified its checksum and found the connection by its 4-tuple (${SCENARIO.client.ip}:${SCENARIO.client.port}, ${SCENARIO.server.ip}:${SCENARIO.server.port}); the bytes join the stream the TLS library reads.`;
    default:
      return "TLS checked the authentication tag and decrypted the record; the web server parses the HTTP request it contains.";
  }
}

/** The request with each CR LF shown as a muted `\r\n`, as the bytes really are. */
function visibleCrlf(text: string): DocumentFragment {
  const out = document.createDocumentFragment();
  text.split("\r\n").forEach((line, i, lines) => {
    out.append(line);
    if (i < lines.length - 1) out.append(h("span", { class: "ml-muted" }, "\\r\\n"), "\n");
  });
  return out;
}

function fieldDetail(field: DecodedFrame["layers"][number]["fields"][number], frame: Uint8Array): HTMLElement {
  const bytes = [...frame.subarray(field.offset, field.offset + field.length)];
  const shown = bytes.length > 12 ? `${bytes.slice(0, 12).map(hexByte).join(" ")} … (${bytes.length} bytes)` : bytes.map(hexByte).join(" ");
  return h(
    "div",
    { class: "ml-field-detail", "aria-live": "polite" },
    h("p", {}, h("strong", {}, field.name), ": ", field.value),
    h("p", {}, h("span", { class: "ml-muted" }, field.length === 1 ? `byte ${field.offset}: ` : `bytes ${field.offset}–${field.offset + field.length - 1}: `), h("code", {}, shown)),
    h("p", {}, field.note),
  );
}

function hexDump(
  bytes: Uint8Array,
  layerOf: (i: number) => LayerId,
  highlighted: (i: number) => boolean,
  present: (i: number) => boolean,
  perRow: number,
): HTMLElement {
  const rows: HTMLElement[] = [];
  for (let row = 0; row < bytes.length; row += perRow) {
    const cells: HTMLElement[] = [];
    for (let i = row; i < Math.min(row + perRow, bytes.length); i++) {
      const cls = `ml-byte ml-c-${layerOf(i)}${highlighted(i) ? " ml-hi" : ""}${present(i) ? "" : " ml-absent"}`;
      cells.push(h("span", { class: cls }, hexByte(bytes[i]!)));
    }
    rows.push(h("div", { class: "ml-hex-row" }, h("span", { class: "ml-hex-offset" }, row.toString(16).padStart(4, "0")), ...cells));
  }
  return h("div", { class: "ml-hex", role: "img", "aria-label": `Hex dump of ${bytes.length} bytes; the selected field is outlined` }, ...rows);
}
