/** A small real runtime run to capture: UDP echoes and a byte stream (TCP segments). */
import { ms } from "#runtime/core/time.ts";
import { Network } from "#runtime/net/network.ts";

export function captureScenario(seed = 7) {
  const net = new Network({ seed, trace: { record: false, capture: true } });
  const client = net.host("client", "10.0.0.1");
  const server = net.host("server", "10.0.0.2");
  net.connect(client, server, { delay: ms(5), rate: 10e6 });
  const echo = server.udp(4001);
  echo.onDatagram = (d) => echo.send(d.from, d.payload);
  const socket = client.udp(4000);
  const words = ["hello, wirelab", "ping 2", "a longer datagram to wrap past sixteen bytes", "bye"];
  words.forEach((word, i) => {
    client.timer(ms(2 * i), `send ${i}`, () => socket.send({ address: "10.0.0.2", port: 4001 }, new TextEncoder().encode(word)));
  });
  const stream = net.stream(client, server, { maxChunk: 40 });
  client.timer(ms(1), "write", () => stream.write(new TextEncoder().encode("GET / HTTP/1.1\r\nHost: wirelab.test\r\n\r\n")));
  net.run();
  return { net, pcap: net.trace.toPcapng() };
}
