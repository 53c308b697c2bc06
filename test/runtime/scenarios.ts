import { ms } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";

/**
 * A busy little network used to prove determinism: a client streams
 * datagrams through a router over a hostile link to an echo server, with
 * timers, a byte stream beside it on a clean path, and every impairment on.
 */
export function echoScenario(seed: number, datagrams = 300) {
  const net = new Network({ seed, trace: { record: true, capture: true } });
  const client = net.host("client", "10.0.0.1");
  const router = net.router("router");
  const server = net.host("server", "10.0.1.1");
  net.connect(client, router, "lan");
  net.connect(router, server, "hostile");
  router.addRoute("10.0.0.0/24", client).addRoute("10.0.1.0/24", server);

  const echo = server.udp(7);
  echo.onDatagram = (d) => echo.send(d.from, d.payload);
  const socket = client.udp(5000);
  let echoed = 0;
  socket.onDatagram = () => echoed++;
  for (let i = 0; i < datagrams; i++) {
    client.timer(ms(i), `send ${i}`, () => socket.send({ address: "10.0.1.1", port: 7 }, new Uint8Array(200).fill(i)));
  }

  const side = net.host("side", "10.0.2.1");
  const sideLinks = net.connect(client, side, "lan");
  client.routes.add("10.0.2.0/24", sideLinks.forward);
  const stream = net.stream(client, side, { maxChunk: 100 });
  let streamed = 0;
  stream.onData = (chunk) => (streamed += chunk.length);
  for (let i = 0; i < 50; i++) client.timer(ms(i * 3), "write", () => stream.write(new Uint8Array(97).fill(i)));

  net.run();
  return { net, echoed, streamed, hash: net.trace.hash() };
}
