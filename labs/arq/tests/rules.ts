/** The rules the ARQ tests check, with their sources, shared by the public and hidden tests. */

export const RULES = {
  checksum:
    "RFC 1071 §1: the checksum is the 16-bit one's complement of the one's complement sum of the data taken as 16-bit " +
    "big-endian words, an odd last byte padded with a zero byte; carries out of bit 15 are added back in (§2, 'end around carry')",
  format:
    "Lab contract: byte 0 is the type (DATA = 1, ACK = 2), bytes 1-2 the sequence or ACK number (big-endian, 0..2^seqBits − 1), " +
    "bytes 3-4 the RFC 1071 checksum of the whole packet computed with those two bytes zero, then the payload (none in an ACK); " +
    "message k (counting from 0) travels with sequence number k mod 2^seqBits",
  reliable:
    "ARQ's service (Kurose & Ross, 'Principles of Reliable Data Transfer'): every message reaches the application exactly once, " +
    "unchanged and in the order it was offered, whatever the channel loses, duplicates, reorders or corrupts",
  corruption:
    "Lab contract and RFC 1071: a packet whose checksum does not verify is ignored as if it were lost, never delivered and never taken as an ACK",
  duplicates:
    "Stop-and-wait and sliding-window ARQ (Kurose & Ross §3.4): a retransmission of a message already delivered is acknowledged again " +
    "and never delivered twice",
  reack:
    "Selective Repeat (Kurose & Ross §3.4.4): a packet from the window just before the receiver's window (rcv_base − N .. rcv_base − 1) " +
    "must be acknowledged again, or a sender whose ACK was lost never advances",
  wrap:
    "RFC 1982 §3 (serial number arithmetic): sequence numbers wrap modulo 2^seqBits, so 'newer than' is decided by the distance forward " +
    "modulo the space, never by comparing raw numbers",
  window:
    "Sliding windows (Kurose & Ross §3.4.3-3.4.4): at most `window` messages are sent and not yet acknowledged at any time; " +
    "and a sender with work to do fills its window rather than waiting",
  srWindow:
    "Selective Repeat (Kurose & Ross §3.4.4): the window must be at most half the sequence space, 2^(seqBits−1), or the receiver cannot " +
    "tell a retransmission from a new packet; Go-Back-N's at most 2^seqBits − 1. Lab contract: a constructor given a larger window throws a RangeError",
  options:
    "Lab contract: seqBits is an integer from 2 to 16, window an integer ≥ 1, timeoutMs a finite number > 0 and mode one of " +
    "\"stop-and-wait\", \"go-back-n\", \"selective-repeat\"; both constructors throw a RangeError otherwise",
  maxMessage:
    "Lab contract: a message has 0 to MAX_MESSAGE (1024) bytes; offer throws a RangeError for a longer one and changes nothing " +
    "(the next message still gets the next sequence number)",
  ackRules:
    "Lab contract (Kurose & Ross §3.4.3-3.4.4): Go-Back-N's receiver answers every intact DATA with one cumulative ACK of the number it " +
    "expects next; Selective Repeat's ACKs every DATA inside its window or the window before it with that packet's own number, " +
    "buffered duplicates included, and ignores the rest; a corrupted or malformed packet gets no answer",
  ackAcceptance:
    "RFC 1982 §3 and the lab contract: an ACK that acknowledges nothing sent and still unacknowledged (a duplicate, a late ACK " +
    "overtaken by a newer one, or a number never sent) changes nothing: the window stays, no timer restarts, nothing is resent",
  timerRules:
    "Go-Back-N (Kurose & Ross §3.4.3): one timer for the oldest unacknowledged packet, restarted only by an ACK that acknowledges " +
    "new data; Selective Repeat (§3.4.4): a timer per packet, resending that packet a timeout after it was sent. A timer that fires " +
    "must have something to resend",
  gbnTimeout:
    "Go-Back-N (Kurose & Ross §3.4.3): one timer runs for the oldest unacknowledged packet; when it expires the sender resends every " +
    "packet sent and not yet acknowledged, and restarts the timer",
  gbnRestart:
    "Go-Back-N (Kurose & Ross §3.4.3): an ACK that acknowledges new data restarts the timer if packets are still outstanding " +
    "(and stops it if none are)",
  srTimers:
    "Selective Repeat (Kurose & Ross §3.4.4): every packet has its own timer, a timeout resends only that packet, and the receiver " +
    "buffers packets that arrive out of order",
  noDupAckRetransmit:
    "The Sorcerer's Apprentice syndrome (RFC 1123 §4.2.3.1, for TFTP): retransmitting on a duplicate acknowledgement doubles every " +
    "later packet; in this lab only a timer expiry causes a retransmission",
  frugal:
    "ARQ resends what was lost, not more: Selective Repeat about one retransmission per lost or corrupted packet, Go-Back-N at most a window's worth",
  efficiency:
    "Utilisation of a sliding window (Kurose & Ross §3.4.2): with a window of at least the bandwidth-delay product, a sender keeps the link busy " +
    "and only losses and their timeouts cost throughput",
} as const;
