/**
 * Hand-written mutants of the router lab: classic learner bugs, each a small
 * edit of solution.ts (labs/kit/mutant-edits.ts). Every one must fail a
 * hidden test (test/labs/prove-labs.test.ts). Generated mutants: `npm run mutation`.
 */
import { defineMutants } from "#labs/kit/mutant-edits.ts";

const SUM = "    const sum = (~read16(packet, 10) & 0xffff) + 0xfeff;\n    write16(out, 10, ~(sum > 0xffff ? sum - 0xffff : sum));";
const MATCH = "r.prefixLength === 0 || (address ^ r.network) >>> (32 - r.prefixLength) === 0";

export default defineMutants({
  "rfc1141-incremental-update": {
    bug: "Updates the checksum with RFC 1141's HC' = HC + m + ~m' (with end-around carry). It verifies, but where a full recomputation gives 0x0000 it writes 0xFFFF, the case RFC 1624 was written to fix.",
    edits: [[SUM, "    const sum = read16(packet, 10) + 0x0100; // HC + m + ~m' = HC + (m - m')\n    write16(out, 10, sum > 0xffff ? sum - 0xffff : sum);"]],
  },
  "checksum-carry-dropped": {
    bug: "Adds 0x0100 to the checksum for the TTL decrement but drops the carry out of 16 bits instead of adding it back at the bottom (end-around carry): checksums from 0xFF00 up come out one too small.",
    edits: [[SUM, "    write16(out, 10, read16(packet, 10) + 0x100);"]],
  },
  "checksum-byte-order": {
    bug: "Treats the TTL as the low byte of its 16-bit word (host byte order thinking), so the checksum is adjusted by 0x0001 instead of 0x0100.",
    edits: [["(~read16(packet, 10) & 0xffff) + 0xfeff", "(~read16(packet, 10) & 0xffff) + 0xfffe"]],
  },
  "checksum-not-updated": {
    bug: "Decrements the TTL but leaves the old checksum: the next hop drops every forwarded datagram as corrupted.",
    edits: [[SUM, ""]],
  },
  "ttl-checked-after-decrement": {
    bug: "Decrements first and then refuses a TTL that became 1 or less, so a datagram that arrived with TTL 2 dies one hop early.",
    edits: [["if (ttl <= 1) return", "if (ttl - 1 <= 1) return"]],
  },
  "ttl-zero-only": {
    bug: "Only a TTL of 0 counts as expired: a datagram with TTL 1 is forwarded with TTL 0.",
    edits: [["if (ttl <= 1) return", "if (ttl < 1) return"]],
  },
  "ttl-after-route": {
    bug: "Looks the route up before checking the TTL, so a TTL-1 datagram with no route gets Destination Unreachable instead of Time Exceeded.",
    edits: [
      ["    if (ttl <= 1) return this.icmpErrorAbout(packet, TIME_EXCEEDED, 0);\n    const hop = this.resolve(destination);\n    if (typeof hop === \"number\") return this.icmpErrorAbout(packet, DESTINATION_UNREACHABLE, hop);",
        "    const hop = this.resolve(destination);\n    if (typeof hop === \"number\") return this.icmpErrorAbout(packet, DESTINATION_UNREACHABLE, hop);\n    if (ttl <= 1) return this.icmpErrorAbout(packet, TIME_EXCEEDED, 0);"],
    ],
  },
  "ttl-before-own-address": {
    bug: "Checks the TTL before asking whether the datagram is for the router itself, so a TTL-1 datagram for the router gets Time Exceeded.",
    edits: [
      ["    if (packet[16]! >= MULTICAST || this.interfaces.some((i) => i.address === destination)) return null;\n    const ttl = packet[8]!;\n    if (ttl <= 1) return this.icmpErrorAbout(packet, TIME_EXCEEDED, 0);",
        "    const ttl = packet[8]!;\n    if (ttl <= 1) return this.icmpErrorAbout(packet, TIME_EXCEEDED, 0);\n    if (packet[16]! >= MULTICAST || this.interfaces.some((i) => i.address === destination)) return null;"],
    ],
  },
  "first-match": {
    bug: "Takes the first route that matches, in the order the table lists them, instead of the longest prefix.",
    edits: [["[...config.routes].sort((a, b) => b.prefixLength - a.prefixLength)", "[...config.routes]"]],
  },
  "prefix-zero-shift": {
    bug: "Compares the top prefixLength bits with `>>> (32 - prefixLength)`, forgetting that JavaScript shifts by 32 mod 32 = 0: the default route 0.0.0.0/0 then matches only 0.0.0.0.",
    edits: [[MATCH, "(address ^ r.network) >>> (32 - r.prefixLength) === 0"]],
  },
  "prefix-32-mask": {
    bug: "Builds the netmask as ~(0xFFFFFFFF >>> prefixLength): for /32 the shift is by 32 mod 32 = 0, the mask becomes 0, and a host route matches every address.",
    edits: [[MATCH, "((address ^ r.network) & ~(0xffffffff >>> r.prefixLength)) === 0"]],
  },
  "addresses-little-endian": {
    bug: "Reads the addresses in host (little-endian) byte order: 10.1.0.10 is read as 10.0.1.10, so every lookup goes wrong.",
    edits: [["  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;", "  return ((bytes[at + 3]! << 24) | (bytes[at + 2]! << 16) | (bytes[at + 1]! << 8) | bytes[at]!) >>> 0;"]],
  },
  "addresses-signed": {
    bug: "Reads addresses with `|` and `<<` but without `>>> 0`: addresses from 128.0.0.0 up come out negative, never equal to the unsigned addresses of the configuration, and never ≥ 224.0.0.0.",
    edits: [["(bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;", "(bytes[at + 2]! << 8) | bytes[at + 3]!) | 0;"]],
  },
  "ihl-ignored-in-checksum": {
    bug: "Verifies the checksum over a fixed 20 bytes, ignoring IHL: datagrams with options are dropped (their checksum covers the options).",
    edits: [["internetChecksum(datagram.subarray(0, headerLength)) === 0", "internetChecksum(datagram.subarray(0, 20)) === 0"]],
  },
  "ihl-ignored-in-quote": {
    bug: "Quotes 20 + 8 bytes in ICMP errors whatever the IHL, so with options the quote holds options instead of the data (ports) the sender needs.",
    edits: [["Math.min(packet.length, headerLength + QUOTED_DATA)", "Math.min(packet.length, 20 + QUOTED_DATA)"]],
  },
  "icmp-type-at-byte-20": {
    bug: "Reads the ICMP type of the offending datagram at byte 20, where it is only without options.",
    edits: [["ICMP_ERROR_TYPES.includes(packet[headerLength]!)", "ICMP_ERROR_TYPES.includes(packet[20]!)"]],
  },
  "buffer-length-as-total-length": {
    bug: "Uses the buffer's length instead of the Total Length field: link padding is forwarded (and quoted) as if it were data.",
    edits: [["? datagram.subarray(0, total) : null", "? datagram : null"]],
  },
  "total-length-unchecked": {
    bug: "Never checks Total Length against the bytes received, so a truncated datagram is forwarded.",
    edits: [["total < headerLength || total > datagram.length", "total < headerLength"]],
  },
  "version-unchecked": {
    bug: "Does not check the version field: an IPv6-looking or garbage first byte passes if the checksum happens to match.",
    edits: [["(datagram[0]! & 0xf0) !== 0x40 || ", ""]],
  },
  "quotes-modified-header": {
    bug: "Builds the forwarded copy (TTL decremented, checksum updated) before the route lookup and quotes that copy in Destination Unreachable: the sender cannot match the quote with what it sent.",
    edits: [
      ["    const hop = this.resolve(destination);\n    if (typeof hop === \"number\") return this.icmpErrorAbout(packet, DESTINATION_UNREACHABLE, hop);\n\n    const out = packet.slice();\n    out[8] = ttl - 1;",
        "    const out = packet.slice();\n    out[8] = ttl - 1;\n    const hop = this.resolve(destination);"],
      ["    return { interface: hop.interface, nextHop: hop.nextHop, datagram: out };\n  }\n\n  /** The hop",
        "    if (typeof hop === \"number\") return this.icmpErrorAbout(out, DESTINATION_UNREACHABLE, hop);\n    return { interface: hop.interface, nextHop: hop.nextHop, datagram: out };\n  }\n\n  /** The hop"],
    ],
  },
  "changes-input": {
    bug: "Decrements the TTL in the caller's buffer instead of a copy: the sender's bytes (and the capture) change under it.",
    edits: [["    const out = packet.slice();", "    const out = packet;"]],
  },
  "quotes-whole-datagram": {
    bug: "Quotes the whole offending datagram, however long: RFC 792 asks for 8 data bytes and RFC 1812 allows at most a 576-byte ICMP datagram.",
    edits: [["Math.min(packet.length, headerLength + QUOTED_DATA)", "packet.length"]],
  },
  "icmp-source-first-interface": {
    bug: "Sends every ICMP error from the first interface's address instead of the address of the interface it leaves by.",
    edits: [["write32(message, 12, this.interfaces[hop.interface]!.address);", "write32(message, 12, this.interfaces[0]!.address);"]],
  },
  "icmp-source-original-destination": {
    bug: "Sends the ICMP error from the offending datagram's destination address, as if the destination had answered.",
    edits: [["write32(message, 12, this.interfaces[hop.interface]!.address);", "write32(message, 12, read32(packet, 16));"]],
  },
  "icmp-next-hop-source": {
    bug: "Sends the ICMP error straight to the offending datagram's source as next hop, even when the route back goes through a gateway.",
    edits: [["return { interface: hop.interface, nextHop: hop.nextHop, datagram: message };", "return { interface: hop.interface, nextHop: source, datagram: message };"]],
  },
  "icmp-about-icmp-errors": {
    bug: "Sends ICMP errors about ICMP errors (RFC 1122 §3.2.2 forbids it: two routers could answer each other for ever).",
    edits: [["    if (packet[9] === ICMP && ICMP_ERROR_TYPES.includes(packet[headerLength]!)) return null;\n", ""]],
  },
  "no-icmp-about-any-icmp": {
    bug: "Sends no ICMP error about any ICMP datagram, queries included: a ping with a too-small TTL (traceroute with ICMP) gets no Time Exceeded.",
    edits: [["if (packet[9] === ICMP && ICMP_ERROR_TYPES.includes(packet[headerLength]!)) return null;", "if (packet[9] === ICMP) return null;"]],
  },
  "icmp-about-fragments": {
    bug: "Sends ICMP errors about every fragment, not only the first (the later ones carry no transport header to quote).",
    edits: [["    if ((read16(packet, 6) & 0x1fff) !== 0) return null;\n", ""]],
  },
  "fragment-test-includes-flags": {
    bug: "Tests the whole flags/offset word for zero, so a first fragment with DF or MF set never gets an ICMP error.",
    edits: [["if ((read16(packet, 6) & 0x1fff) !== 0) return null;", "if (read16(packet, 6) !== 0) return null;"]],
  },
  "icmp-to-any-source": {
    bug: "Sends ICMP errors to sources that are no single host (0.0.0.0, loopback, multicast, broadcast).",
    edits: [["    if (packet[12] === 0 || packet[12] === 127 || packet[12]! >= MULTICAST) return null;\n", ""]],
  },
  "multicast-forwarded": {
    bug: "Forwards datagrams for multicast and broadcast destinations like any other.",
    edits: [["if (packet[16]! >= MULTICAST || this.interfaces.some", "if (this.interfaces.some"]],
  },
  "host-unreachable-as-net": {
    bug: "Answers a missing host on a connected network with code 0 (net) instead of code 1 (host).",
    edits: [["const HOST_UNREACHABLE = 1;", "const HOST_UNREACHABLE = 0;"]],
  },
  "no-neighbour-check": {
    bug: "Forwards to any address on a connected network without checking that such a neighbour exists (no Host Unreachable).",
    edits: [["    if (!this.interfaces[route.interface]!.neighbours.includes(address)) return HOST_UNREACHABLE;\n", ""]],
  },
  "icmp-checksum-header-only": {
    bug: "Computes the ICMP checksum over the 8-byte ICMP header only, not the whole message with the quote.",
    edits: [["internetChecksum(message.subarray(20))", "internetChecksum(message.subarray(20, 28))"]],
  },
  "icmp-ip-checksum-missing": {
    bug: "Forgets the IPv4 header checksum of the ICMP datagram it builds: the first router on the way back drops it.",
    edits: [["    write16(message, 10, internetChecksum(message.subarray(0, 20)));\n", ""]],
  },
  "routes-shared-between-routers": {
    bug: "Keeps the routing table in a module-level variable: a second Router replaces the first one's routes.",
    edits: [
      ["const MULTICAST = 224;", "const MULTICAST = 224;\nlet sharedRoutes: readonly Route[] = [];"],
      ["    this.routes = [...config.routes]", "    this.routes = sharedRoutes = [...config.routes]"],
      ["const route = this.routes.find(", "const route = sharedRoutes.find("],
    ],
  },
});
