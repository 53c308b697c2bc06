import { setUpSimulations } from "#site/components/sim-client.ts";
import { h } from "./html.ts";
import { observe, PAGES, type PageId } from "./observer.ts";

export function setUpObserver(): void {
  setUpSimulations("tls-observer", (values) => {
    const page = (values.page ?? "home") as PageId;
    const version = values.version === "1.2" ? "1.2" : "1.3";
    const ech = values.ech === "on";
    const view = observe({ page: page in PAGES ? page : "home", version, ech });
    const fields = h("table", { class: "tls-table" }, h("thead", {}, h("tr", {}, h("th", {}, "What"), h("th", {}, "Observer"), h("th", {}, "Value"))));
    const fieldBody = h("tbody", {});
    for (const f of view.fields) {
      fieldBody.append(h("tr", {}, h("td", {}, f.name), h("td", { class: f.visible ? "tls-yes" : "tls-no" }, f.visible ? "sees it" : "cannot see it"), h("td", {}, f.value)));
    }
    fields.append(fieldBody);
    const records = h("table", { class: "tls-table" }, h("thead", {}, h("tr", {}, h("th", {}, "Direction"), h("th", {}, "Record type on the wire"), h("th", {}, "Bytes"), h("th", {}, "Really (hidden when encrypted)"))));
    const recordBody = h("tbody", {});
    for (const r of view.records) {
      recordBody.append(
        h(
          "tr",
          {},
          h("td", { class: r.from === "client" ? "tls-from-client" : "tls-from-server" }, r.from === "client" ? "client → server" : "client ← server"),
          h("td", {}, r.outerType),
          h("td", { class: "tls-num" }, r.bytes.toLocaleString("en")),
          h("td", {}, r.encrypted ? h("span", { class: "tls-enc" }, "encrypted: ") : null, r.inner),
        ),
      );
    }
    records.append(recordBody);
    const serverBytes = view.records.filter((r) => r.from === "server").reduce((sum, r) => sum + r.bytes, 0);
    const drawing = h(
      "div",
      {},
      ech && version === "1.2" ? h("p", { class: "tls-note" }, "Encrypted Client Hello works only with TLS 1.3: with TLS 1.2 it changes nothing.") : null,
      h("p", { class: "tls-caption" }, "What a passive observer on the path can read"),
      fields, h("p", { class: "tls-caption" }, "The TLS records it sees (TCP and IP headers left out)"), records);
    const summary = `The observer cannot read <code>${PAGES[page in PAGES ? page : "home"].path}</code>, but it sees a ${view.request.length}-byte request and <strong>${serverBytes.toLocaleString("en")} bytes</strong> of records coming back: a size that can give away which page it was.`;
    return { summary, drawing };
  });
}
