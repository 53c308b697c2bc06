/**
 * A long-running job behind an HTTP API (RFC 9110): the client POSTs, the
 * server answers 202 Accepted at once with the URI of a status resource
 * (in Location) and a hint of when to ask again (Retry-After), works for a
 * while, and the client polls the status resource until it answers
 * 303 See Other pointing at the result, which the client then GETs.
 * Each HTTP message travels as one packet over a runtime link (the
 * connection is already open), so the diagram is a real run of the network.
 */
import { Random } from "#runtime/core/random.ts";
import { ms, toMs } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";
import { LadderRecorder, type Ladder } from "../tcp-udp/ladder.ts";

export type PollPolicy = "fixed" | "retry-after" | "backoff";

export interface JobOptions {
  /** How long the server works on the job, s. */
  readonly jobSeconds: number;
  readonly policy: PollPolicy;
  /** The fixed policy's interval, and the backoff policy's first wait, s. */
  readonly pollSeconds: number;
  readonly oneWayMs: number;
  readonly seed: number;
}

export interface JobResult {
  readonly ladder: Ladder;
  /** Status requests the client sent. */
  readonly polls: number;
  /** When the server finished the job, ms. */
  readonly doneMs: number;
  /** When the client had the result, ms. */
  readonly resultMs: number;
  /** How long the finished result waited for the client to notice, ms. */
  readonly staleMs: number;
}

export function runJob(options: JobOptions): JobResult {
  const net = new Network({ seed: options.seed });
  const client = net.host("client", "10.0.0.1");
  const server = net.host("server", "10.0.0.2");
  net.connect(client, server, { delay: ms(options.oneWayMs), rate: 10e6 });
  const ladder = new LadderRecorder(net, "Client", "Server");
  const random = new Random(options.seed).fork("job");
  // The job takes a little more or less than announced.
  const jobMs = options.jobSeconds * 1000 * (0.8 + 0.4 * random.float());
  const clientSocket = client.udp(50000);
  const serverSocket = server.udp(443);
  const serverAddr = { address: "10.0.0.2", port: 443 };
  const clientAddr = { address: "10.0.0.1", port: 50000 };
  let startedMs = -1;
  let doneMs = -1;
  let polls = 0;
  let resultMs = -1;
  let wait = options.pollSeconds;
  const send = (from: "left" | "right", label: string) => {
    const id = from === "left" ? clientSocket.send(serverAddr, new TextEncoder().encode(label)) : serverSocket.send(clientAddr, new TextEncoder().encode(label));
    ladder.sent(id, from, label, false);
  };
  const remainingSeconds = () => Math.max(1, Math.ceil((options.jobSeconds * 1000 - (toMs(net.now) - startedMs)) / 1000));
  serverSocket.onDatagram = (d) => {
    ladder.arrived(d.packet);
    const request = new TextDecoder().decode(d.payload);
    const now = toMs(net.now);
    if (request.startsWith("POST")) {
      startedMs = now;
      ladder.mark("right", "note", "job starts");
      net.sim.after(ms(jobMs), () => {
        doneMs = toMs(net.now);
        ladder.mark("right", "deliver", "job done");
      });
      send("right", `202 Accepted, Location: /jobs/7, Retry-After: ${remainingSeconds()}`);
    } else if (request === "GET /jobs/7") {
      if (doneMs >= 0) send("right", "303 See Other, Location: /reports/7");
      else send("right", options.policy === "retry-after" ? `200 {"status":"running"}, Retry-After: ${remainingSeconds()}` : '200 {"status":"running"}');
    } else send("right", "200 OK (the report)");
  };
  clientSocket.onDatagram = (d) => {
    ladder.arrived(d.packet);
    const response = new TextDecoder().decode(d.payload);
    if (response.startsWith("303")) send("left", "GET /reports/7");
    else if (response.startsWith("200 OK (the report)")) {
      resultMs = toMs(net.now);
      ladder.mark("left", "deliver", "has the report");
    } else {
      const hint = /Retry-After: (\d+)/.exec(response);
      let seconds: number;
      if (options.policy === "retry-after" && hint !== null) seconds = Number(hint[1]);
      else if (options.policy === "backoff") {
        seconds = wait;
        wait = Math.min(wait * 2, 30);
      } else seconds = options.pollSeconds;
      net.sim.after(ms(seconds * 1000), () => {
        polls++;
        send("left", "GET /jobs/7");
      });
    }
  };
  net.sim.at(0, () => send("left", "POST /reports"));
  net.run({ until: ms(options.jobSeconds * 1000 * 3 + 120_000) });
  return { ladder: ladder.ladder, polls, doneMs, resultMs, staleMs: resultMs - doneMs };
}
