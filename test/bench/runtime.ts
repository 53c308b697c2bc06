/**
 * Runtime benchmarks: the scheduler against a bare binary heap measured in the
 * same run (so machine noise cancels in the ratio), and packets per second
 * through a lossy, queued path.
 */
import { Simulator } from "#runtime/core/simulator.ts";
import { ms, us } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";
import { rates, report, sampleOf } from "./measure.ts";

const PENDING = 1_000;
const OPERATIONS = 2_000_000;
const RUNS = 5;

/** The baseline: a bare binary min-heap of numbers, in the classic "hold" loop. */
function bareHeap(): number {
  const heap: number[] = [];
  const push = (value: number) => {
    let i = heap.length;
    heap.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]! <= value) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = value;
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= heap.length) break;
        if (child + 1 < heap.length && heap[child + 1]! < heap[child]!) child++;
        if (heap[child]! >= last) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  };
  let seed = 1;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % 1000;
  for (let i = 0; i < PENDING; i++) push(next());
  for (let i = 0; i < OPERATIONS; i++) push(pop() + 1 + next());
  return OPERATIONS;
}

/** The same hold loop on the simulator: each event schedules the next. */
function scheduler(): number {
  const sim = new Simulator({ seed: 1 });
  let seed = 1;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % 1000;
  let remaining = OPERATIONS;
  const tick = () => {
    if (remaining-- > 0) sim.after(1 + next(), tick);
  };
  for (let i = 0; i < PENDING; i++) sim.after(next(), tick);
  sim.run();
  return OPERATIONS;
}

/**
 * Packets through a lossy, queued path: a sender offers 100-byte packets
 * every 1 µs to a 1 Gb/s link with 1% loss, into a router, onto a 500 Mb/s
 * link whose drop-tail queue fills and overflows.
 */
function linkPath(record: boolean): () => number {
  return () => {
    const net = new Network({ seed: 1, trace: { record } });
    const a = net.host("a", "10.0.0.1");
    const r = net.router("r");
    const b = net.host("b", "10.0.1.1");
    const first = net.connect(a, r, { rate: 1e9, delay: us(50), loss: { model: "bernoulli", rate: 0.01 }, queueBytes: 64_000 });
    net.connect(r, b, { rate: 500e6, delay: ms(1), queueBytes: 64_000 });
    let arrived = 0;
    // Raw forwarding, so the figure measures the simulator and links, not header parsing.
    first.forward.connect((packet) => net.link("r->b").send(packet));
    net.link("r->b").connect(() => arrived++);
    const packet = { id: 0, bytes: new Uint8Array(100) };
    const packets = 1_000_000;
    let sent = 0;
    const send = () => {
      first.forward.send(packet);
      if (++sent < packets) net.sim.after(us(1), send);
    };
    send();
    net.run();
    if (arrived === 0) throw new Error("nothing arrived");
    return packets;
  };
}

/** Full stack: UDP sockets, real IPv4/UDP headers built and checked, a router. */
function udpPath(): number {
  const net = new Network({ seed: 1, trace: { record: false } });
  const a = net.host("a", "10.0.0.1");
  const r = net.router("r");
  const b = net.host("b", "10.0.1.1");
  net.connect(a, r, { rate: 1e9, delay: us(50), loss: { model: "bernoulli", rate: 0.01 }, queueBytes: 64_000 });
  net.connect(r, b, { rate: 500e6, delay: ms(1), queueBytes: 64_000 });
  r.addRoute("10.0.1.0/24", b);
  b.udp(9).onDatagram = () => {};
  const socket = a.udp();
  const payload = new Uint8Array(72);
  const to = { address: "10.0.1.1", port: 9 };
  const packets = 200_000;
  let sent = 0;
  const send = () => {
    socket.send(to, payload);
    if (++sent < packets) net.sim.after(us(1), send);
  };
  send();
  net.run();
  return packets;
}

export function runtimeBenchmarks(): void {
  // Baseline and scheduler alternate, so a burst of load hits both alike.
  const baselineRuns: number[] = [];
  const schedulerRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    baselineRuns.push(rates(1, bareHeap).median);
    schedulerRuns.push(rates(1, scheduler).median);
  }
  const baseline = sampleOf(baselineRuns);
  const events = sampleOf(schedulerRuns);
  report("heap baseline (bare binary heap, hold loop)", baseline, "M ops/s", 1e6);
  report("scheduler (Simulator, hold loop)", events, "M events/s", 1e6);
  report("scheduler slowdown vs bare heap", sampleOf(baselineRuns.map((b, i) => b / schedulerRuns[i]!)), "x (goal <= 2.5)");
  report("lossy queued link path, trace off", rates(RUNS, linkPath(false)), "M packets/s (goal >= 1)", 1e6);
  report("lossy queued link path, trace recorded", rates(3, linkPath(true)), "M packets/s", 1e6);
  report("udp sockets through a router, real headers", rates(3, udpPath), "M packets/s", 1e6);
}
