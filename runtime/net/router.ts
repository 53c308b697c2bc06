import { internetChecksum } from "../wire/checksum.ts";
import { IPV4_HEADER_LENGTH, verifyIpv4Checksum } from "../wire/ipv4.ts";
import { NetworkNode } from "./node.ts";
import type { Packet } from "./packet.ts";

/**
 * A router: forwards every packet by longest-prefix match on its destination,
 * decrementing the TTL (RFC 791) and dropping packets whose TTL runs out or
 * whose header checksum fails. It does not answer with ICMP errors and does
 * not fragment: packets larger than the next link's MTU are dropped there.
 */
export class Router extends NetworkNode {
  receive(packet: Packet): void {
    const bytes = packet.bytes;
    if (bytes.length < IPV4_HEADER_LENGTH || bytes[0]! >> 4 !== 4) return this.drop(packet, "malformed");
    if (!verifyIpv4Checksum(bytes)) return this.drop(packet, "bad-checksum");
    const ttl = bytes[8]!;
    if (ttl <= 1) return this.drop(packet, "ttl-expired");

    // Copy before changing: the sender's bytes may still be referenced by a capture.
    const forwarded = bytes.slice();
    forwarded[8] = ttl - 1;
    const headerLength = (forwarded[0]! & 0x0f) * 4;
    forwarded[10] = 0;
    forwarded[11] = 0;
    const checksum = internetChecksum(forwarded.subarray(0, headerLength));
    forwarded[10] = checksum >> 8;
    forwarded[11] = checksum & 0xff;
    const destination = ((forwarded[16]! << 24) | (forwarded[17]! << 16) | (forwarded[18]! << 8) | forwarded[19]!) >>> 0;
    this.forward({ id: packet.id, bytes: forwarded }, destination);
  }
}
