/** The rules the tests check, with their sources, shared by the public and hidden tests. */

export const RULES = {
  validate:
    "RFC 1812 §5.2.2 (with RFC 791 §3.1): a router silently discards a datagram shorter than 20 bytes, whose version is not 4, " +
    "whose IHL is below 5, whose total length is below the header length or above the bytes received, or whose header checksum fails",
  padding:
    "RFC 791 §3.1: Total Length is the length of the datagram; bytes after it (link-layer padding) are not part of it and are not forwarded",
  options: "RFC 791 §3.1: the header is IHL × 4 bytes, options included; the checksum covers all of it, and this lab forwards options unchanged",
  ttl:
    "RFC 1812 §5.3.1: a router decrements the TTL by one when it forwards; a datagram whose TTL is 0 or 1 is not forwarded, " +
    "and the router sends ICMP Time Exceeded, code 0 (RFC 792). It checks the TTL before it looks for a route (RFC 1812 §5.2.1)",
  checksum:
    "RFC 1624 §3: after changing a header field, update the checksum with HC' = ~(~HC + ~m + m') (eqn. 3); the result equals a full " +
    "recomputation (RFC 1071), which never gives 0xFFFF. RFC 1141's HC' = HC + m + ~m' gives 0xFFFF where the right answer is 0x0000",
  lpm:
    "RFC 4632 §5.1: of all the routes whose prefix matches the destination, the longest (most specific) prefix wins, " +
    "whatever order the routes are listed in; 0.0.0.0/0 matches every address and a /32 exactly one",
  nextHop:
    "Lab contract (RFC 1812 §5.2.1): a datagram leaves by its route's interface, to the route's next hop, or, on a directly " +
    "connected network (next hop null), to the destination itself",
  unreachable:
    "RFC 792 and RFC 1812 §5.2.7.1: with no route, the router sends Destination Unreachable code 0 (net); when the route is " +
    "directly connected but the destination is no neighbour on that interface, code 1 (host)",
  icmpFormat:
    "RFC 792: an ICMP error is type, code, checksum over the whole ICMP message, 4 zero bytes, then the offending datagram's " +
    "IP header as received (options, TTL and checksum unchanged) and the first 8 bytes of its data. RFC 1812 §4.3.2.3 allows " +
    "more: as much of the datagram as keeps the ICMP datagram within 576 bytes. Lab contract for the IP header: version 4, IHL 5, " +
    "TOS 0, identification 0, flags and fragment offset 0, TTL 64, protocol 1",
  icmpSource:
    "RFC 1812 §4.3.2.4: the source address of an ICMP error a router sends is the address of the interface it leaves by; " +
    "the error is routed to the offending datagram's source like any datagram (longest-prefix match, neighbour check), " +
    "and when that is impossible nothing is sent",
  noIcmp:
    "RFC 1122 §3.2.2 (and RFC 1812 §4.3.2.7): no ICMP error about an ICMP error message (types 3, 4, 5, 11, 12), " +
    "about a fragment other than the first, or about a datagram whose source is no single host (0.0.0.0/8, 127.0.0.0/8, " +
    "224.0.0.0 and up). ICMP queries such as echo (type 8) do get errors",
  special:
    "Lab contract (RFC 1812 §5.3.5.1 and §5.3.7): a datagram for one of the router's own addresses is delivered locally " +
    "(this router runs no services: nothing is sent), and one for 224.0.0.0 and up (multicast, reserved, 255.255.255.255) is never forwarded",
  copies:
    "Lab contract: forward() never changes the bytes it is given (the sender and the capture still hold them) and returns a new Uint8Array each time",
  network:
    "The course topology (topology.ts): what every host receives, and when, must be what the lab's rules give when every router follows them",
} as const;
