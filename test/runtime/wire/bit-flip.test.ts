import { describe, it, expect } from "vitest";
import { WireError } from "#runtime/wire/errors.ts";
import { emitIpv4, IP_PROTOCOL, parseIpv4, verifyIpv4Checksum } from "#runtime/wire/ipv4.ts";
import { emitTcp, parseTcp, tcpFlags } from "#runtime/wire/tcp.ts";
import { emitUdp, parseUdp } from "#runtime/wire/udp.ts";

const SRC = 0xc0a80a01; // 192.168.10.1
const DST = 0x08080808; // 8.8.8.8
const IP = {
  src: SRC,
  dst: DST,
  ttl: 64,
  identification: 0x1c46,
  dscp: 0,
  ecn: 0,
  dontFragment: true,
  moreFragments: false,
  fragmentOffset: 0,
};
const PAYLOAD = Uint8Array.from("checksums catch single-bit errors!", (c) => c.charCodeAt(0));

/** Parses a transport segment; true if its checksum was present and verified. */
type TransportCheck = (segment: Uint8Array, src: number, dst: number) => boolean;

// A zero UDP checksum means "not computed" (RFC 768), so nothing was verified.
const udpVerifies: TransportCheck = (segment, src, dst) => parseUdp(segment, src, dst).checksumPresent;
const tcpVerifies: TransportCheck = (segment, src, dst) => parseTcp(segment, src, dst) !== undefined;

/** Does the transport checksum verify, using the addresses the (possibly corrupted) header carries? */
function transportVerifies(packet: Uint8Array, check: TransportCheck): boolean {
  try {
    const { repr, payload } = parseIpv4(packet, { verifyChecksum: false });
    return check(payload, repr.src, repr.dst);
  } catch (error) {
    if (error instanceof WireError) return false;
    throw error;
  }
}

/** Indices of the bits whose flip neither the IPv4 nor the transport checksum notices. */
function undetectedFlips(packet: Uint8Array, check: TransportCheck): number[] {
  const missed: number[] = [];
  for (let bit = 0; bit < packet.length * 8; bit++) {
    const copy = packet.slice();
    copy[bit >>> 3] ^= 0x80 >>> (bit & 7);
    if (verifyIpv4Checksum(copy) && transportVerifies(copy, check)) missed.push(bit);
  }
  return missed;
}

// A single flipped bit changes one 16-bit word by ±2^k, which changes the one's complement
// sum by a non-zero amount mod 0xffff, so the Internet checksum always catches it (RFC 1071 §2).
// A flip in a length field changes what is summed instead; the loop shows those are caught too.
describe("single-bit errors", () => {
  it("every bit flip in an IPv4+UDP datagram fails the IPv4 or the UDP check", () => {
    const packet = emitIpv4({ ...IP, protocol: IP_PROTOCOL.UDP }, emitUdp({ srcPort: 51000, dstPort: 53 }, PAYLOAD, SRC, DST));
    expect(verifyIpv4Checksum(packet) && transportVerifies(packet, udpVerifies)).toBe(true);
    // The one blind spot is a UDP checksum with a single bit set, which a flip could turn
    // into 0 = "no checksum"; this datagram's checksum has several bits set.
    const checksum = (packet[26] << 8) | packet[27];
    expect(checksum & (checksum - 1)).not.toBe(0);
    expect(undetectedFlips(packet, udpVerifies)).toEqual([]);
  });

  it("every bit flip in an IPv4+TCP segment fails the IPv4 or the TCP check", () => {
    const tcp = emitTcp(
      {
        srcPort: 51000,
        dstPort: 443,
        seq: 0xdeadbeef,
        ack: 0x01234567,
        flags: tcpFlags({ psh: true, ack: true }),
        window: 501,
        urgentPointer: 0,
        options: [{ kind: "timestamps", value: 123456, echo: 654321 }],
      },
      PAYLOAD,
      SRC,
      DST,
    );
    const packet = emitIpv4({ ...IP, protocol: IP_PROTOCOL.TCP }, tcp);
    expect(verifyIpv4Checksum(packet) && transportVerifies(packet, tcpVerifies)).toBe(true);
    expect(undetectedFlips(packet, tcpVerifies)).toEqual([]);
  });
});
