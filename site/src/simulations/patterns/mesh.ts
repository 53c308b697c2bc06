/**
 * A chain of services (client → S1 → S2 → … → Sn), each call passing from
 * the caller's application through its sidecar proxy, across the network,
 * through the callee's sidecar to the callee's application. The deepest
 * service fails a fraction of its requests (answering 503 at once); every
 * application retries a failed call, and so does every sidecar, each up to
 * its own number of attempts. Runs on the runtime's simulator: virtual time
 * and a seeded random stream, so the same seed gives the same run.
 */
import { Simulator } from "#runtime/core/simulator.ts";
import { ms, toMs } from "#runtime/core/time.ts";

export interface MeshOptions {
  /** Services in the chain. */
  readonly depth: number;
  /** Whether calls pass through sidecar proxies. */
  readonly sidecars: boolean;
  /** Time one pass through a proxy adds (loopback, parse, policy), ms. */
  readonly proxyMs: number;
  /** Attempts each application makes per call (1 = no retries). */
  readonly appAttempts: number;
  /** Attempts each sidecar makes per call it receives (1 = no retries). */
  readonly sidecarAttempts: number;
  /** Fraction of requests the deepest service fails. */
  readonly failure: number;
  readonly requests?: number;
  readonly seed: number;
  /** One-way network delay between pods, ms (default 0.25). */
  readonly networkMs?: number;
  /** Work per request in each service, ms (default 2). */
  readonly workMs?: number;
}

export interface MeshResult {
  /** Requests each service received, summed over all user requests (index 0 = S1). */
  readonly attempts: readonly number[];
  readonly succeeded: number;
  readonly requests: number;
  readonly medianMs: number;
  readonly p99Ms: number;
}

export function runMesh(options: MeshOptions): MeshResult {
  const sim = new Simulator({ seed: options.seed });
  const random = sim.random.fork("mesh");
  const requests = options.requests ?? 200;
  const networkMs = options.networkMs ?? 0.25;
  const workMs = options.workMs ?? 2;
  const attempts = new Array<number>(options.depth).fill(0);
  const latencies: number[] = [];
  let succeeded = 0;
  const hop = (then: () => void, delayMs: number) => sim.after(ms(delayMs), then);

  /** Service `i` (0-based) handles a request and calls back with success or failure. */
  const serve = (i: number, done: (ok: boolean) => void) => {
    attempts[i]!++;
    hop(() => {
      if (i === options.depth - 1) done(!random.chance(options.failure));
      else call(i + 1, done);
    }, workMs);
  };
  /** One attempt through the proxies and the network to service `i`, and the answer back. */
  const once = (i: number, done: (ok: boolean) => void) => {
    const oneWay = networkMs + (options.sidecars ? 2 * options.proxyMs : 0);
    hop(() => serve(i, (ok) => hop(() => done(ok), oneWay)), oneWay);
  };
  /** A call to service `i`, with the sidecar's retries inside the application's. */
  const call = (i: number, done: (ok: boolean) => void) => {
    const sidecarTries = options.sidecars ? options.sidecarAttempts : 1;
    const viaSidecar = (left: number, back: (ok: boolean) => void) =>
      once(i, (ok) => (ok || left <= 1 ? back(ok) : viaSidecar(left - 1, back)));
    const fromApp = (left: number) => viaSidecar(sidecarTries, (ok) => (ok || left <= 1 ? done(ok) : fromApp(left - 1)));
    fromApp(options.appAttempts);
  };
  // User requests arrive every 50 ms; each is timed from arrival to answer.
  for (let r = 0; r < requests; r++) {
    sim.at(ms(50 * r), () => {
      const start = sim.now;
      call(0, (ok) => {
        latencies.push(toMs(sim.now - start));
        if (ok) succeeded++;
      });
    });
  }
  sim.run();
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { attempts, succeeded, requests, medianMs: pick(0.5), p99Ms: pick(0.99) };
}
