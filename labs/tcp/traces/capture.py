"""
Records Linux's own TCP on loopback for the tcp lab's trace fixtures.
Run as root with tcpdump installed:  python3 capture.py  (writes *.pcap here;
to-json.py turns them into the committed JSON). Injected segments are built
here and sent through a raw socket (IPPROTO_TCP), so the kernel only adds
the IP header.
"""
import os, socket, struct, subprocess, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
LO = "127.0.0.1"


def tcpdump(name, port):
    p = subprocess.Popen(["tcpdump", "-i", "lo", "-U", "--immediate-mode", "-s", "0", "-w", os.path.join(HERE, name + ".pcap"), f"tcp port {port}"],
                         stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    return p


def stop(p):
    time.sleep(1.5)
    p.terminate()
    p.wait()


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s > 0xFFFF:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


FLAGS = {"F": 0x01, "S": 0x02, "R": 0x04, "P": 0x08, "A": 0x10}


def segment(sport, dport, seq, ack, flags, payload=b"", window=512):
    bits = sum(FLAGS[f] for f in flags)
    header = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 5 << 4, bits, window, 0, 0)
    pseudo = socket.inet_aton(LO) + socket.inet_aton(LO) + struct.pack("!BBH", 0, 6, len(header) + len(payload))
    c = checksum(pseudo + header + payload)
    return header[:16] + struct.pack("!H", c) + header[18:] + payload


def handshake_data_close():
    """Handshake, data both ways, the client closes first, then the server."""
    p = tcpdump("handshake-data-close", 5001)
    srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); srv.bind((LO, 5001)); srv.listen(1)

    def serve():
        c, _ = srv.accept()
        assert c.recv(100) == b"hello"
        c.sendall(b"world!")
        assert c.recv(100) == b""  # the client's FIN
        time.sleep(0.2)
        c.close()

    t = threading.Thread(target=serve); t.start()
    cl = socket.socket(); cl.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); cl.bind((LO, 40001)); cl.connect((LO, 5001))
    cl.sendall(b"hello")
    assert cl.recv(100) == b"world!"
    time.sleep(0.2)
    cl.shutdown(socket.SHUT_WR)
    assert cl.recv(100) == b""
    cl.close(); t.join(); srv.close()
    stop(p)


def closed_port():
    """A SYN to a port nobody listens on."""
    p = tcpdump("closed-port", 5002)
    cl = socket.socket(); cl.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); cl.bind((LO, 40002))
    try:
        cl.connect((LO, 5002))
    except ConnectionRefusedError:
        pass
    cl.close()
    stop(p)


def injected():
    """An established connection; segments injected as the client, each >0.5 s apart (tcp_invalid_ratelimit)."""
    p = tcpdump("injected", 5003)
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
    srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); srv.bind((LO, 5003)); srv.listen(1)
    cl = socket.socket(); cl.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); cl.bind((LO, 40003)); cl.connect((LO, 5003))
    conn, _ = srv.accept()
    cl.sendall(b"abc")
    assert conn.recv(100) == b"abc"
    # Learn the numbers from the raw socket's copies: the last client->server segment.
    raw.settimeout(0.5)
    cseq = sack = None
    try:
        while True:
            pkt = raw.recv(65535)
            ihl = (pkt[0] & 15) * 4
            sport, dport, seq, ack = struct.unpack("!HHII", pkt[ihl:ihl + 12])
            plen = len(pkt) - ihl - (pkt[ihl + 12] >> 4) * 4
            if sport == 40003 and dport == 5003:
                cseq, sack = (seq + plen) & 0xFFFFFFFF, ack
    except socket.timeout:
        pass
    rcv_nxt, snd_nxt = cseq, sack  # the server's RCV.NXT and SND.NXT
    tests = [
        segment(40003, 5003, rcv_nxt + 3_000_000, snd_nxt, "A", b"out-of-window"),
        segment(40003, 5003, rcv_nxt - 3, snd_nxt, "A", b"abc"),  # an old duplicate
        segment(40003, 5003, rcv_nxt, snd_nxt + 1000, "A", b"x"),  # acknowledges data never sent
        segment(40003, 5003, rcv_nxt + 3_000_000, 0, "R"),  # RST out of window
        segment(40003, 5003, rcv_nxt + 100, 0, "R"),  # RST in window, not exact
        segment(40003, 5003, rcv_nxt + 50, 0, "S"),  # SYN in window
        segment(40003, 5003, rcv_nxt, 0, "R"),  # RST exactly at RCV.NXT
    ]
    for s in tests:
        raw.sendto(s, (LO, 0))
        time.sleep(0.7)
    try:
        conn.recv(100)
    except ConnectionResetError:
        pass
    conn.close(); cl.close(); srv.close(); raw.close()
    stop(p)


if __name__ == "__main__":
    handshake_data_close()
    closed_port()
    injected()
