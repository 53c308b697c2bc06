import { num, scrollRegion, setUpSimulations, type SimView, type Values } from "#site/components/sim-client.ts";
import { runIce, type IceResult, type NatChoice, type Pair } from "./ice.ts";
import { show, type FilteringBehaviour, type MappingBehaviour } from "./nat.ts";

const MAPPINGS: readonly MappingBehaviour[] = ["eim", "adm", "apdm"];
const FILTERS: readonly FilteringBehaviour[] = ["eif", "adf", "apdf"];

function choice(values: Values, m: string, f: string): NatChoice {
  const mapping = MAPPINGS.find((x) => x === values[m]) ?? "eim";
  const filtering = FILTERS.find((x) => x === values[f]) ?? "apdf";
  return { mapping, filtering };
}

const NAMES: Record<string, string> = { host: "host", srflx: "server-reflexive", prflx: "peer-reflexive", relay: "relayed" };
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

function pairRows(pairs: readonly Pair[], selected: Pair | undefined): string {
  return [...pairs]
    .sort((a, b) => (a.priority < b.priority ? 1 : -1))
    .map((p) => {
      const ok = p.state === "succeeded";
      const result = ok ? `<span class="nt-ok">works</span> at ${p.succeededMs!.toFixed(0)} ms${p.attempts > 1 ? ` (check ${p.attempts})` : ""}${p === selected ? ", <strong>selected</strong>" : ""}` : `<span class="nt-fail">fails</span>`;
      const why = ok ? (p.remote.kind === "prflx" ? "learned from the peer's own check" : "") : escape(p.reason ?? "no answer");
      const cell = (c: Pair["local"]) => `<span class="nt-kind">${NAMES[c.kind]}</span>${show(c.address)}`;
      return `<tr><td>${cell(p.local)}</td><td>${cell(p.remote)}</td><td class="nt-result">${result}<span class="nt-why">${why}</span></td></tr>`;
    })
    .join("");
}

function checklist(result: IceResult, side: "A" | "B"): HTMLElement {
  const region = scrollRegion("pt-table-wrap", `${side}'s candidate pairs`);
  region.innerHTML =
    `<table class="pt-table nt-pairs"><caption>${side}'s candidate pairs, highest priority first (RFC 8445 §6.1.2.3)</caption>` +
    `<thead><tr><th scope="col">Local</th><th scope="col">Remote</th><th scope="col">Result</th></tr></thead>` +
    `<tbody>${pairRows(result.pairs[side], result.selected[side])}</tbody></table>`;
  return region;
}

function mappings(result: IceResult, side: "A" | "B"): HTMLElement {
  const rows = result.mappings[side].map((m) => `<tr><td>${m.internal}</td><td>${m.external}</td><td>${m.toward}</td></tr>`).join("");
  const region = scrollRegion("pt-table-wrap", `NAT ${side}'s mappings`);
  region.innerHTML =
    `<table class="pt-table nt-pairs"><caption>NAT ${side}'s mappings after the checks</caption>` +
    `<thead><tr><th scope="col">Inside</th><th scope="col">Outside</th><th scope="col">Made for</th></tr></thead><tbody>${rows}</tbody></table>`;
  return region;
}

export function setUpNat(): void {
  setUpSimulations("nat", (values) => {
    const result = runIce({
      natA: choice(values, "am", "af"),
      natB: choice(values, "bm", "bf"),
      gapMs: num(values, "gap", 100),
      natTimeoutS: num(values, "timeout", 120),
      idleS: num(values, "idle", 200),
      keepaliveS: num(values, "keepalive", 0),
      seed: num(values, "seed", 1),
    });
    return render(result, num(values, "idle", 200));
  });
}

function render(result: IceResult, idleS: number): SimView {
  const selected = result.selected.A;
  let path: string;
  if (selected === undefined) path = "No pair works: the peers cannot talk.";
  else if (selected.local.kind === "relay" || selected.remote.kind === "relay")
    path = "No direct pair works: every packet <strong>goes through the TURN server</strong>, which costs its bandwidth and adds the detour.";
  else path = `<strong>Direct path</strong>: A's ${NAMES[selected.local.kind]} ${show(selected.local.address)} to B's ${NAMES[selected.remote.kind]} ${show(selected.remote.address)}.`;
  const after = (["A", "B"] as const)
    .map((side) => {
      const d = result.afterIdle[side];
      return d.delivered ? `${side}'s packet <strong>arrives</strong>` : `${side}'s packet is <strong>lost</strong> (${escape(d.reason ?? "")})`;
    })
    .join("; ");
  const summary = `${path} After ${idleS} s of silence${result.keepalives > 0 ? ` (with ${result.keepalives} keep-alives)` : ", no keep-alives"}: ${after}.`;
  const drawing = document.createElement("div");
  const grid = document.createElement("div");
  grid.className = "nt-grid";
  grid.append(mappings(result, "A"), mappings(result, "B"));
  drawing.append(checklist(result, "A"), checklist(result, "B"), grid);
  return { summary, drawing };
}
