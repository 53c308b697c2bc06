import { num, scrollRegion, setUpSimulations, type SimView } from "#site/components/sim-client.ts";
import { runRemap, type RemapResult, type Scheme } from "./balance.ts";

const TITLES: Record<Scheme, string> = { modulo: "hash mod N", ring: "consistent-hash ring", rendezvous: "rendezvous (HRW)" };
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;

export function setUpBalance(): void {
  setUpSimulations("balance", (values) => {
    const keys = num(values, "keys", 10000);
    const result = runRemap({
      backends: num(values, "backends", 4),
      change: values.change === "remove" ? "remove" : "add",
      vnodes: num(values, "vnodes", 100),
      keys,
      seed: num(values, "seed", 1),
    });
    return render(result, keys);
  });
}

function bar(count: number, max: number): string {
  return `<span class="pt-mesh-bar" style="width:${Math.max(2, (100 * count) / max).toFixed(1)}%"></span>`;
}

function render(result: RemapResult, keys: number): SimView {
  const rows = result.schemes
    .map(
      (s) =>
        `<tr><th scope="row">${TITLES[s.scheme]}</th><td>${s.moved.toLocaleString("en")} (${pct(s.moved, keys)})</td>` +
        `<td>${s.necessary.toLocaleString("en")}</td><td>${(s.moved - s.necessary).toLocaleString("en")}</td><td>${s.peakOverMean.toFixed(2)}×</td></tr>`,
    )
    .join("");
  const max = Math.max(...result.schemes.flatMap((s) => s.load));
  const loads = result.after
    .map((b, i) => `<tr><th scope="row">${b}${b === result.changed ? " (new)" : ""}</th>${result.schemes.map((s) => `<td>${s.load[i]!.toLocaleString("en")} ${bar(s.load[i]!, max)}</td>`).join("")}</tr>`)
    .join("");
  const moved = scrollRegion("pt-table-wrap", "Keys moved");
  moved.innerHTML =
    `<table class="pt-table lb-table"><caption>Keys that change backend when ${result.changed} ${result.after.includes(result.changed) ? "joins" : "leaves"} (${result.before.length} → ${result.after.length} backends)</caption>` +
    `<thead><tr><th scope="col">Scheme</th><th scope="col">Keys moved</th><th scope="col">Had to move</th><th scope="col">Moved for nothing</th><th scope="col">Busiest ÷ mean</th></tr></thead><tbody>${rows}</tbody></table>`;
  const perBackend = scrollRegion("pt-table-wrap", "Keys per backend");
  perBackend.innerHTML =
    `<table class="pt-table pt-mesh lb-table"><caption>Keys per backend after the change</caption>` +
    `<thead><tr><th scope="col">Backend</th>${result.schemes.map((s) => `<th scope="col">${TITLES[s.scheme]}</th>`).join("")}</tr></thead><tbody>${loads}</tbody></table>`;
  const drawing = document.createElement("div");
  drawing.append(moved, perBackend);
  const [modulo, ring] = result.schemes;
  const summary =
    `Hash mod N moves <strong>${pct(modulo!.moved, keys)}</strong> of the keys; the ring moves <strong>${pct(ring!.moved, keys)}</strong>, ` +
    `only the ${ring!.necessary.toLocaleString("en")} that had to, with its busiest backend at ${ring!.peakOverMean.toFixed(2)}× the mean.`;
  return { summary, drawing };
}
