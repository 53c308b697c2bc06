import { setUpSimulations } from "#site/components/sim-client.ts";
import { h } from "./html.ts";
import { BREAKS, scenario, validate, type Break, type Certificate } from "./chain.ts";

const CHECK_RFC: Record<string, string> = {
  path: "RFC 5280 §6.1",
  signatures: "RFC 5280 §6.1.3",
  validity: "RFC 5280 §4.1.2.5",
  ca: "RFC 5280 §4.2.1.9",
  name: "RFC 9525",
};

function card(cert: Certificate, role: string, trusted: boolean, bad: boolean): HTMLElement {
  const dl = h("dl", {});
  const row = (k: string, v: string) => dl.append(h("dt", {}, k), h("dd", {}, v));
  row("Subject", cert.subject);
  row("Issuer", cert.issuer);
  if (cert.dnsNames.length > 0) row("SAN", cert.dnsNames.join(", "));
  row("Valid", `${cert.notBefore} … ${cert.notAfter}`);
  row("cA", cert.isCa ? "TRUE" : "FALSE");
  row("Signed by", cert.signedWith === cert.key ? "itself" : cert.signedWith);
  return h("div", { class: `tls-cert${trusted ? " tls-cert-trusted" : ""}${bad ? " tls-cert-bad" : ""}` }, h("strong", {}, role), dl);
}

const FAILURE: Record<string, string> = {
  path: "no path leads to a trusted root",
  signatures: "a signature does not verify",
  validity: "a certificate is outside its validity period",
  ca: "an issuer is not a CA",
  name: "the certificate does not name this host",
};

export function setUpChain(): void {
  setUpSimulations("tls-chain", (values) => {
    const broken = (values.break ?? "none") as Break;
    const s = scenario(broken in BREAKS ? broken : "none", values.host);
    const v = validate(s);
    const chain = h("div", { class: "tls-chain" });
    const roles = ["Server certificate (leaf)", "Intermediate", "Intermediate"];
    s.presented.forEach((c, i) => {
      const bad =
        (v.failure === "validity" && (s.today > c.notAfter || s.today < c.notBefore)) ||
        (v.failure === "ca" && i > 0 && !c.isCa) ||
        (v.failure === "name" && i === 0) ||
        (v.failure === "signatures" && i === 0) ||
        (v.failure === "path" && c === v.path[v.path.length - 1]);
      chain.append(card(c, `${roles[i] ?? "Extra"}: sent by the server`, false, bad));
    });
    for (const t of s.trusted) chain.append(card(t, "Root: in the client's trust store", true, false));
    const table = h("table", { class: "tls-table" }, h("thead", {}, h("tr", {}, h("th", {}, "Check"), h("th", {}, "Result"), h("th", {}, "Why"))));
    const body = h("tbody", {});
    for (const c of v.checks) {
      body.append(
        h(
          "tr",
          {},
          h("td", {}, `${c.title} (${CHECK_RFC[c.name]})`),
          h("td", { class: c.ok ? "tls-ok" : "tls-fail" }, c.ok ? "✓ pass" : "✗ fail"),
          h("td", {}, c.detail),
        ),
      );
    }
    table.append(body);
    const drawing = h("div", {}, h("p", { class: "tls-caption" }, `The client connects to ${s.hostname} on ${s.today}. The server sends:`), chain, table);
    const first = v.checks.find((c) => !c.ok);
    const summary =
      first === undefined
        ? `<strong>Accepted.</strong> The handshake goes on.`
        : `<strong>Rejected: ${FAILURE[first.name]}.</strong> The client aborts the handshake with a fatal alert, and a browser shows a full-page warning.`;
    return { summary, drawing };
  });
}
