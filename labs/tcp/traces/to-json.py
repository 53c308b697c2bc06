"""Turns capture.py's pcaps into the JSON fixtures the tests read: each TCP segment as it left, in hex."""
import json, os, platform, socket, struct, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s > 0xFFFF:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def convert(name, kernel):
    raw = open(os.path.join(HERE, name + ".pcap"), "rb").read()
    magic, _, _, _, _, _, linktype = struct.unpack("<IHHiIII", raw[:24])
    assert magic == 0xA1B2C3D4 and linktype == 1, (hex(magic), linktype)
    at, first, segments = 24, None, []
    while at < len(raw):
        sec, usec, incl, _ = struct.unpack("<IIII", raw[at:at + 16])
        frame = raw[at + 16:at + 16 + incl]
        at += 16 + incl
        ip = frame[14:]
        ihl = (ip[0] & 15) * 4
        total = struct.unpack("!H", ip[2:4])[0]
        tcp = ip[ihl:total]
        src, dst = ip[12:16], ip[16:20]
        pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
        if checksum(pseudo + tcp) != 0:
            # Loopback leaves the checksum to offload (CHECKSUM_PARTIAL): the capture holds the
            # pseudo-header sum only. Write the checksum the segment would carry on a real link.
            zeroed = tcp[:16] + b"\0\0" + tcp[18:]
            tcp = zeroed[:16] + struct.pack("!H", checksum(pseudo + zeroed)) + zeroed[18:]
        t = sec * 1_000_000 + usec
        first = t if first is None else first
        sport, dport = struct.unpack("!HH", tcp[:4])
        segments.append({"us": t - first, "src": socket.inet_ntoa(src), "srcPort": sport, "dst": socket.inet_ntoa(dst), "dstPort": dport, "tcp": tcp.hex()})
    out = {"name": name, "kernel": kernel, "segments": segments}
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    kernel = sys.argv[1] if len(sys.argv) > 1 else "Linux " + platform.release()
    for name in ["handshake-data-close", "closed-port", "injected"]:
        convert(name, kernel)
