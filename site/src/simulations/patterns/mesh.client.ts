import { num, scrollRegion, setUpSimulations } from "#site/components/sim-client.ts";
import { formatMs } from "../tcp-udp/svg.ts";
import type { SimView } from "#site/components/sim-client.ts";
import { runMesh, type MeshOptions, type MeshResult } from "./mesh.ts";

const REQUESTS = 10;

function per(result: MeshResult, i: number): string {
  const value = result.attempts[i]! / result.requests;
  return value >= 100 ? value.toFixed(0) : value.toFixed(value % 1 === 0 ? 0 : 2);
}

function bar(value: number, max: number): string {
  // Log scale, so 1 and 6561 both fit.
  const width = max <= 1 ? 100 : (Math.log(Math.max(value, 1)) / Math.log(max)) * 100;
  return `<span class="pt-mesh-bar" style="width:${Math.max(2, width).toFixed(1)}%"></span>`;
}

export function setUpMesh(): void {
  setUpSimulations("mesh", (values) =>
    render({
      depth: num(values, "depth", 3),
      proxyMs: num(values, "proxy", 1),
      appAttempts: num(values, "app", 3),
      sidecarAttempts: num(values, "sidecar", 3),
      failure: num(values, "failure", 0.1),
      seed: num(values, "seed", 1),
      requests: REQUESTS,
      sidecars: true,
    }),
  );
}

function render(base: MeshOptions): SimView {
  const plain = runMesh({ ...base, sidecars: false });
  const mesh = runMesh({ ...base, sidecars: true });
  const max = Math.max(10, Math.pow(base.appAttempts * base.sidecarAttempts, base.depth));
  const rows = plain.attempts
    .map(
      (_, i) =>
        `<tr><th scope="row">S${i + 1}${i === base.depth - 1 ? " (flaky)" : ""}</th>` +
        `<td>${per(plain, i)} ${bar(plain.attempts[i]! / plain.requests, max)}</td>` +
        `<td>${per(mesh, i)} ${bar(mesh.attempts[i]! / mesh.requests, max)}</td></tr>`,
    )
    .join("");
  const table = scrollRegion("pt-table-wrap", "Requests per service");
  table.innerHTML =
    `<table class="pt-table pt-mesh"><caption>Requests each service receives per user request (bars on a log scale up to the most possible), and what the user sees</caption>` +
    `<thead><tr><th scope="col">Service</th><th scope="col">No sidecars</th><th scope="col">With sidecars</th></tr></thead><tbody>${rows}` +
    `<tr class="pt-mesh-sep"><th scope="row">Succeeded</th><td>${plain.succeeded} of ${plain.requests}</td><td>${mesh.succeeded} of ${mesh.requests}</td></tr>` +
    `<tr><th scope="row">Median latency</th><td>${formatMs(plain.medianMs)}</td><td>${formatMs(mesh.medianMs)}</td></tr>` +
    `<tr><th scope="row">Slowest</th><td>${formatMs(plain.p99Ms)}</td><td>${formatMs(mesh.p99Ms)}</td></tr></tbody></table>`;
  const deepest = mesh.attempts[base.depth - 1]! / mesh.requests;
  const summary =
    `Median user request: <strong>${formatMs(mesh.medianMs)}</strong> with sidecars (two proxy passes per call each way, plus their retries), ${formatMs(plain.medianMs)} without. ` +
    `With retries in both layers, the flaky service S${base.depth} receives <strong>${deepest >= 100 ? deepest.toFixed(0) : deepest.toFixed(2)}</strong> requests per user request ` +
    `(at most (${base.appAttempts} × ${base.sidecarAttempts})<sup>${base.depth}</sup> = ${Math.pow(base.appAttempts * base.sidecarAttempts, base.depth)}).`;
  return { summary, drawing: table };
}
