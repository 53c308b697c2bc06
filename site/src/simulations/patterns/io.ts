/**
 * A server with N keep-alive connections, served either by one thread per
 * connection or by one event loop per core (epoll-style readiness, or a
 * poll()-style call that scans every descriptor). Each connection is a
 * closed loop: it sends a request, waits for the response, thinks, sends
 * the next. A request costs CPU to parse, then waits on a backend (a
 * database, another service) without using the CPU, then costs CPU to
 * answer. Time is the runtime's virtual clock; the costs below are the
 * model's assumptions, chosen to be of realistic order, not measurements.
 */
import { Simulator } from "#runtime/core/simulator.ts";
import { toMs, us } from "#runtime/core/time.ts";

export type IoModel = "threads" | "epoll" | "poll";

export const IO_COSTS = {
  /** CPU per ordinary request (parse plus answer), µs. */
  requestUs: 40,
  /** CPU of a slow request (a report, an image resize), µs. */
  slowUs: 20_000,
  /** A context switch to a woken thread, µs. */
  switchUs: 5,
  /** The fixed cost of one readiness call (epoll_wait or poll), µs. */
  waitCallUs: 1,
  /** epoll: per descriptor it returns as ready, µs. */
  epollPerReadyUs: 0.1,
  /** poll/select: per descriptor it is handed and must check, µs. */
  pollPerFdUs: 0.05,
  /** The scheduler's time slice for a thread that keeps the CPU, µs. */
  sliceUs: 3_000,
  /** Kernel socket state and user buffers per connection, KiB (both models). */
  connectionKiB: 16,
  /** The server's memory for connections and threads, KiB (2 GiB). */
  memoryKiB: 2 * 1024 * 1024,
} as const;

export interface IoOptions {
  readonly model: IoModel;
  readonly connections: number;
  /** Requests per second each connection would send if answered at once. */
  readonly ratePerConnection: number;
  /** Time each request waits on a backend, ms. */
  readonly backendMs: number;
  /** One request in this many is slow (0: none). */
  readonly slowEvery: number;
  /** Memory each thread holds (stack actually touched, kernel task), KiB. */
  readonly threadKiB: number;
  readonly cores: number;
  readonly seed: number;
}

export interface IoResult {
  /** Connections the server could give a thread (all of them for an event loop). */
  readonly served: number;
  readonly requests: number;
  readonly throughputPerS: number;
  readonly medianMs: number;
  readonly p99Ms: number;
  /** Memory for connections and threads, KiB. */
  readonly memoryKiB: number;
  /** Share of the cores' time spent working (0..1). */
  readonly cpuBusy: number;
  /** CPU spent per request on anything but the request's own work, µs. */
  readonly overheadUsPerRequest: number;
}

/** A core pool with a FIFO run queue and time slices: the kernel scheduler, simplified. */
class Cpu {
  busyUs = 0;
  overheadUs = 0;
  private free: number;
  private readonly queue: { left: number; done: () => void }[] = [];
  private readonly sim: Simulator;
  constructor(sim: Simulator, cores: number) {
    this.sim = sim;
    this.free = cores;
  }
  run(workUs: number, done: () => void): void {
    this.queue.push({ left: workUs, done });
    this.dispatch();
  }
  private dispatch(): void {
    while (this.free > 0 && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.free--;
      const slice = Math.min(job.left, IO_COSTS.sliceUs);
      const spent = slice + IO_COSTS.switchUs;
      this.busyUs += spent;
      this.overheadUs += IO_COSTS.switchUs;
      this.sim.after(us(spent), () => {
        this.free++;
        job.left -= slice;
        if (job.left > 0) this.queue.push(job);
        else job.done();
        this.dispatch();
      });
    }
  }
}

/** One event loop on one core: wait for readiness, run every ready handler, repeat. */
class Loop {
  busyUs = 0;
  overheadUs = 0;
  fds = 0;
  private busy = false;
  private ready: { cost: number; done: () => void }[] = [];
  private readonly sim: Simulator;
  /** poll/select: every call hands the kernel every descriptor. */
  private readonly scan: boolean;
  constructor(sim: Simulator, scan: boolean) {
    this.sim = sim;
    this.scan = scan;
  }
  post(cost: number, done: () => void): void {
    this.ready.push({ cost, done });
    if (!this.busy) this.iterate();
  }
  private iterate(): void {
    const batch = this.ready;
    this.ready = [];
    if (batch.length === 0) {
      this.busy = false;
      return;
    }
    this.busy = true;
    const waitUs = IO_COSTS.waitCallUs + (this.scan ? IO_COSTS.pollPerFdUs * this.fds : IO_COSTS.epollPerReadyUs * batch.length);
    this.overheadUs += waitUs;
    let t = waitUs;
    for (const event of batch) {
      t += event.cost;
      this.sim.after(us(t), event.done);
    }
    this.busyUs += t;
    this.sim.after(us(t), () => this.iterate());
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** How many threads fit in the server's memory beside the connections' own state. */
export function maxThreads(connections: number, threadKiB: number): number {
  return Math.max(0, Math.floor((IO_COSTS.memoryKiB - connections * IO_COSTS.connectionKiB) / threadKiB));
}

export function runIo(options: IoOptions): IoResult {
  const sim = new Simulator({ seed: options.seed });
  const random = sim.random.fork("io");
  const n = options.connections;
  const threads = options.model === "threads";
  const served = threads ? Math.min(n, maxThreads(n, options.threadKiB)) : n;
  // Long enough for a few thousand requests, and at least two seconds.
  const durationS = Math.max(2, Math.min(60, 4000 / (n * options.ratePerConnection)));
  const warmUs = 0.2 * durationS * 1e6;
  const cpu = new Cpu(sim, options.cores);
  const loops = Array.from({ length: options.cores }, () => new Loop(sim, options.model === "poll"));
  const latencies: number[] = [];
  let issued = 0;
  const think = () => us((-Math.log(1 - random.float()) / options.ratePerConnection) * 1e6);
  for (let c = 0; c < served; c++) {
    const loop = loops[c % loops.length]!;
    loop.fds++;
    // Work on the CPU: a thread waits in the run queue, an event loop runs it in its next iteration.
    const work = (cost: number, done: () => void) => (threads ? cpu.run(cost, done) : loop.post(cost, done));
    const request = () => {
      const sent = sim.now;
      issued++;
      const cost = options.slowEvery > 0 && issued % options.slowEvery === 0 ? IO_COSTS.slowUs : IO_COSTS.requestUs;
      work(cost / 2, () =>
        sim.after(us(options.backendMs * 1000), () =>
          work(cost / 2, () => {
            if (sent >= us(warmUs)) latencies.push(toMs(sim.now - sent));
            sim.after(think(), request);
          }),
        ),
      );
    };
    sim.after(think(), request);
  }
  sim.run({ until: us(durationS * 1e6) });
  latencies.sort((a, b) => a - b);
  const busyUs = threads ? cpu.busyUs : loops.reduce((sum, l) => sum + l.busyUs, 0);
  const overheadUs = threads ? cpu.overheadUs : loops.reduce((sum, l) => sum + l.overheadUs, 0);
  const measuredS = durationS * 0.8;
  return {
    served,
    requests: latencies.length,
    throughputPerS: latencies.length / measuredS,
    medianMs: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    memoryKiB: n * IO_COSTS.connectionKiB + (threads ? served : options.cores) * options.threadKiB,
    cpuBusy: Math.min(1, busyUs / (options.cores * durationS * 1e6)),
    overheadUsPerRequest: overheadUs / Math.max(1, issued),
  };
}

/** The connection counts the chart sweeps. */
export const CONNECTION_STEPS = [100, 300, 1000, 3000, 10_000] as const;
