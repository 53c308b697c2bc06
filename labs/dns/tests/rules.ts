/** The rules the dns lab's tests check, with their sources, shared by the public and hidden tests. */

export const RULES = {
  query:
    "RFC 1035 §4.1.1-4.1.2 and lab contract: a query is the 12-byte header (ID, flags 0x0100 with RD else 0, QDCOUNT 1, ARCOUNT 1 with EDNS), " +
    "the name as length-prefixed labels ending in a zero byte, QTYPE, QCLASS IN (1)",
  opt:
    "RFC 6891 §6.1.2-6.1.3: the OPT record is owned by the root (00), TYPE 41, CLASS = the requester's UDP payload size, TTL = extended RCODE (8 bits), " +
    "version (8 bits), DO (1 bit, RFC 3225) and 15 zero bits, RDLENGTH 0 when it carries no options",
  limits: "RFC 1035 §2.3.4 and §3.1: a label is 1 to 63 bytes; a name is at most 255 bytes on the wire, length bytes and the final zero included",
  header: "RFC 1035 §4.1.1: ID (16 bits), QR, OPCODE (4), AA, TC, RD, RA, Z (3), RCODE (4), then QDCOUNT, ANCOUNT, NSCOUNT, ARCOUNT, all big-endian",
  records:
    "RFC 1035 §4.1.3 and §3.3: NAME, TYPE, CLASS, TTL (unsigned 32 bits), RDLENGTH, RDATA; A is 4 bytes, NS and CNAME hold a name, SOA two names and five 32-bit numbers",
  compression:
    "RFC 1035 §4.1.4: a length byte 11xxxxxx starts a 2-byte pointer whose low 14 bits are an offset from the start of the message, to a prior occurrence of the rest of the name. " +
    "Lab contract: a pointer must point strictly before the labels it ends, which rejects forward pointers and loops; 01 and 10 are no label lengths (RFC 6891 §5)",
  malformed: "RFC 1035 §4.1 (lab contract): a message that ends early, a count promising more than there is, RDATA past the end or not filled, or a name over 255 bytes is rejected (decodeMessage throws)",
  edns:
    "RFC 6891 §6.1.1-6.1.3: the OPT record is no data record (edns, not additional); its TTL's first byte is the upper 8 bits of the 12-bit RCODE, so BADVERS is 16; " +
    "more than one OPT, or one not owned by the root, makes the message malformed (FORMERR)",
  views: "Lab contract: bytes may be a view into a larger buffer (read from byteOffset, never past byteLength), and decodeMessage never changes them",
  referral:
    "RFC 1034 §5.3.3: a resolver starts at the closest servers it knows (the root when it knows none) and follows referrals: NS records for a zone closer to the name, with the glue A records for those servers",
  glueless:
    "RFC 1034 §5.3.3 (step 4) and lab contract: a referral whose name servers come without glue addresses makes the resolver look up the first server's address (a lookup of its own), then continue",
  cname:
    "RFC 1034 §3.6.2 and §5.3.3: an alias (CNAME) is followed to its canonical name, within the reply or by a new lookup; the answer lists the chain then the records. " +
    "RFC 1034 §3.6.2 forbids loops: a CNAME back to a name already in the chain is answered SERVFAIL",
  negative:
    "RFC 2308 §2 and §5: NXDOMAIN (the name does not exist, for any type) and NODATA (no records of this type) are cached for min(SOA TTL, SOA MINIMUM) of the SOA in the authority section; without an SOA, not at all",
  cache:
    "RFC 1035 §3.2.1 and RFC 2181 §5.2 (lab contract for the units): an RRset stored at t ms with TTL T (its smallest TTL) may be used while now < t + 1000·T; the cache answers without sending anything",
  tcp: "RFC 7766 §5 and RFC 1035 §4.2.2: a UDP reply with TC=1 is retried to the same server over TCP, where every message is preceded by its length as two bytes",
  spoofing:
    "RFC 5452 §3 and §9.1-9.2: accept a reply only if it comes over the same transport, from the queried address and port 53, to the query's source port, with QR=1, the query's ID and the same question " +
    "(name case-insensitively, type, class); IDs and source ports are fresh and random for every query. Anything else is ignored",
  servers: "RFC 1035 §7.2 and lab contract: a query unanswered for 1000 ms, a reply with an RCODE other than NOERROR or NXDOMAIN, or a lame referral moves on to the next server; when none is left, SERVFAIL",
  query2: "Lab contract (RFC 6891 §6.2.5): every query the resolver sends has RD = 0 and an OPT record advertising 1232 bytes with DO = 0",
} as const;
