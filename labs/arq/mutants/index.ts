/**
 * Hand-written mutants of the arq lab: classic learner bugs, each a small
 * edit of solution.ts (labs/kit/mutant-edits.ts). Every one must fail a hidden test
 * (test/labs/prove-labs.test.ts). Generated mutants: `npm run mutation`.
 */
import { defineMutants } from "#labs/kit/mutant-edits.ts";

export default defineMutants({
  "checksum-folds-once": {
    bug: "internetChecksum adds every word first and folds the carries once at the end: a sum like 0x1ffff folds to 0x10000, which needs a second fold.",
    edits: [
      ["    // Fold as we go so the sum never outgrows a safe integer.\n    sum = (sum & 0xffff) + (sum >>> 16);\n  }", "  }\n  sum = (sum & 0xffff) + (sum >>> 16);"],
    ],
  },
  "checksum-ignores-byte-offset": {
    bug: "internetChecksum reads the words through a DataView over bytes.buffer from offset 0, so an array that is a view into a larger buffer is summed from the wrong place.",
    edits: [
      ["  let sum = 0;\n  for (let i = 0; i < bytes.length; i += 2) {\n    sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);", "  let sum = 0;\n  const view = new DataView(bytes.buffer);\n  for (let i = 0; i < bytes.length; i += 2) {\n    sum += i + 1 < bytes.length ? view.getUint16(i) : view.getUint8(i) << 8;"],
    ],
  },
  "payload-kept-as-view": {
    bug: "decodePacket returns the payload as a subarray of the lent packet: a Selective Repeat receiver that buffers it delivers whatever the harness wrote there afterwards.",
    edits: [
      ["payload: bytes.slice(HEADER_BYTES) };", "payload: bytes.subarray(HEADER_BYTES) };"],
    ],
  },
  "offer-keeps-reference": {
    bug: "offer keeps the lent message array instead of a copy: retransmissions carry whatever the harness wrote into it later.",
    edits: [
      ["    this.unacked.set(n, message.slice());", "    this.unacked.set(n, message);"],
    ],
  },
  "empty-message-not-delivered": {
    bug: "The receiver takes a DATA packet with no payload for a malformed one and ignores it, so an empty message is never delivered.",
    edits: [
      ["    if (packet === null || packet.type !== DATA || packet.seq >= this.space) return;", "    if (packet === null || packet.type !== DATA || packet.seq >= this.space || packet.payload.length === 0) return;"],
    ],
  },
  "max-message-off-by-one": {
    bug: "offer refuses a message of exactly MAX_MESSAGE bytes (>= instead of >).",
    edits: [
      ["    if (message.length > MAX_MESSAGE) throw", "    if (message.length >= MAX_MESSAGE) throw"],
    ],
  },
  "refused-message-takes-a-number": {
    bug: "offer takes the next sequence number before checking the length: after a refused message, the next one goes out with a number too high and the receiver waits forever.",
    edits: [
      ["    if (message.length > MAX_MESSAGE) throw new RangeError(`messages are at most ${MAX_MESSAGE} bytes`);\n    if (this.next - this.base >= this.options.window) return false;\n    const n = this.next++;", "    if (this.next - this.base >= this.options.window) return false;\n    const n = this.next++;\n    if (message.length > MAX_MESSAGE) throw new RangeError(`messages are at most ${MAX_MESSAGE} bytes`);"],
    ],
  },
  "timeout-infinity-accepted": {
    bug: "The constructors accept an infinite timeout (they only check timeoutMs > 0).",
    edits: [
      ["  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) throw", "  if (!(timeoutMs > 0)) throw"],
    ],
  },
  "fractional-window-accepted": {
    bug: "The constructors accept a window of 1.5: the window is compared but never checked to be an integer.",
    edits: [
      ["  if (!Number.isInteger(window) || window < 1)", "  if (!(window >= 1))"],
    ],
  },
  "gbn-duplicate-ack-restarts-timer": {
    bug: "The Go-Back-N sender restarts its timer on every ACK, duplicates included: while duplicates keep coming, the lost packet's timeout is pushed back again and again.",
    edits: [
      ["    if (advance === 0 || advance > this.next - this.base) return; // duplicate or stale: do nothing", "    if (advance === 0 && this.base !== this.next) this.context.setTimer(GBN_TIMER, this.options.timeoutMs);\n    if (advance === 0 || advance > this.next - this.base) return; // duplicate or stale: do nothing"],
    ],
  },
  "gbn-accepts-stale-ack": {
    bug: "The Go-Back-N sender takes any ACK that differs from base as new: a late ACK overtaken by a newer one moves base forward by almost the whole space.",
    edits: [
      ["    if (advance === 0 || advance > this.next - this.base) return; // duplicate or stale: do nothing", "    if (advance === 0) return; // duplicate: do nothing"],
    ],
  },
  "gbn-timer-never-stopped": {
    bug: "The Go-Back-N sender restarts its timer even when the last outstanding packet is acknowledged: the timer then fires with nothing to resend.",
    edits: [
      ["    if (this.base === this.next) this.context.cancelTimer(GBN_TIMER);\n    else this.context.setTimer", "    this.context.setTimer"],
    ],
  },
  "gbn-receiver-acks-packet-not-next": {
    bug: "The Go-Back-N receiver ACKs the number after the packet that arrived, not the number it expects next: an out-of-order packet gets an ACK for data it never delivered.",
    edits: [
      ["    this.context.send(encodePacket(ACK, this.expected));\n  }", "    this.context.send(encodePacket(ACK, (packet.seq + 1) % this.space));\n  }"],
    ],
  },
  "sr-ack-slides-past-gaps": {
    bug: "The Selective Repeat sender treats an ACK as cumulative and moves base just past it, even when older packets are still unacknowledged: the window overflows and their timers resend the wrong packets.",
    edits: [
      ["    while (this.base < this.next && !this.unacked.has(this.base)) this.base++;", "    if (n >= this.base) this.base = n + 1;"],
    ],
  },
  "sr-buffered-duplicate-not-reacked": {
    bug: "The Selective Repeat receiver ignores a copy of a packet it has buffered already: if the first ACK was lost, the sender retransmits it until the gap before it is filled.",
    edits: [
      ["      this.buffer.set(packet.seq, packet.payload);", "      if (this.buffer.has(packet.seq)) return;\n      this.buffer.set(packet.seq, packet.payload);"],
    ],
  },
  "sr-receive-window-one-too-wide": {
    bug: "The Selective Repeat receiver's window is window + 1 wide (<= instead of <): a packet just past it is buffered and ACKed.",
    edits: [
      ["    if (offset < window) {", "    if (offset <= window) {"],
    ],
  },
  "seq-out-of-range-wrapped": {
    bug: "The receiver reduces a number from the wire modulo the space instead of ignoring numbers of 2^seqBits or more.",
    edits: [
      ["    if (packet === null || packet.type !== DATA || packet.seq >= this.space) return;\n    if (this.options.mode === \"selective-repeat\") this.onSelective(packet);\n    else this.onInOrder(packet);", "    if (packet === null || packet.type !== DATA) return;\n    const wrapped = { ...packet, seq: packet.seq % this.space };\n    if (this.options.mode === \"selective-repeat\") this.onSelective(wrapped);\n    else this.onInOrder(wrapped);"],
    ],
  },
  "ack-with-payload-accepted": {
    bug: "The sender takes an ACK with a payload as a valid ACK, though an ACK is exactly 5 bytes.",
    edits: [
      ["packet.type !== ACK || packet.payload.length !== 0 ||", "packet.type !== ACK ||"],
    ],
  },
  "ack-number-out-of-range-wrapped": {
    bug: "The sender never checks that an ACK's number is below 2^seqBits: ACK 13 with 3-bit numbers counts as ACK 5.",
    edits: [
      [" || packet.seq >= this.space) return;\n    if (this.options.mode === \"selective-repeat\") this.onSelectiveAck", ") return;\n    if (this.options.mode === \"selective-repeat\") this.onSelectiveAck"],
    ],
  },
  "sender-takes-any-type": {
    bug: "The sender never checks the type byte: a DATA packet (or anything with a valid checksum) counts as an ACK.",
    edits: [
      ["packet.type !== ACK || packet.payload.length !== 0 ||", "packet.payload.length !== 0 ||"],
    ],
  },
  "checksum-odd-byte-dropped": {
    bug: "internetChecksum ignores an odd last byte instead of padding it with zero.",
    edits: [
      ["  for (let i = 0; i < bytes.length; i += 2) {\n    sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);", "  for (let i = 0; i + 1 < bytes.length; i += 2) {\n    sum += (bytes[i]! << 8) | bytes[i + 1]!;"],
    ],
  },
  "corruption-unchecked": {
    bug: "decodePacket never verifies the checksum, so corrupted DATA is delivered and corrupted ACKs acknowledge the wrong packets.",
    edits: [
      ["  if (internetChecksum(zeroed) !== stored) return null;", "  void stored;"],
    ],
  },
  "duplicate-delivery-after-ack-loss": {
    bug: "The Selective Repeat receiver delivers a retransmitted packet again when it re-ACKs it: every lost ACK becomes a duplicate message.",
    edits: [
      ["      // Already delivered: our ACK was lost, so say it again (and deliver nothing).", "      // Already delivered: our ACK was lost, so say it again.\n      this.context.deliver(packet.payload);"],
    ],
  },
  "gbn-resends-only-oldest": {
    bug: "On a timeout the Go-Back-N sender resends only the oldest outstanding packet, though its receiver discarded everything after it.",
    edits: [
      ["    for (let n = this.base; n < this.next; n++) this.transmit(n);", "    this.transmit(this.base);"],
    ],
  },
  "no-wrap-handling": {
    bug: "The Go-Back-N sender compares the raw ACK number with its base's raw number: once the numbers wrap, an ACK for 1 looks older than base 14 and is ignored.",
    edits: [
      ["    const advance = (seq - (this.base % this.space) + this.space) % this.space;", "    const advance = seq - (this.base % this.space);"],
    ],
  },
  "receiver-does-not-reack-old-packets": {
    bug: "The Selective Repeat receiver ignores packets from before its window: when its ACK was lost, the sender retransmits forever and never finishes.",
    edits: [
      ["    } else if (offset >= this.space - window) {\n      // Already delivered: our ACK was lost, so say it again (and deliver nothing).\n      this.context.send(encodePacket(ACK, packet.seq));", ""],
    ],
  },
  "retransmit-on-duplicate-ack": {
    bug: "The Go-Back-N sender treats a duplicate ACK as a loss signal and resends its whole window: duplicated packets snowball (the Sorcerer's Apprentice).",
    edits: [
      ["    const advance = (seq - (this.base % this.space) + this.space) % this.space;", "    const advance = (seq - (this.base % this.space) + this.space) % this.space;\n    if (advance === 0 && this.base !== this.next) {\n      for (let n = this.base; n < this.next; n++) this.transmit(n);\n      return;\n    }"],
    ],
  },
  "sr-receiver-discards-out-of-order": {
    bug: "The Selective Repeat receiver ACKs packets that arrive out of order but throws them away, so the sender's individual retransmissions cannot fill the gap.",
    edits: [
      ["      this.buffer.set(packet.seq, packet.payload);", "      if (offset === 0) this.buffer.set(packet.seq, packet.payload);"],
    ],
  },
  "sr-window-over-half-accepted": {
    bug: "The constructors accept a Selective Repeat window up to the whole sequence space minus one, where a new packet and a retransmission share a number.",
    edits: [
      ["  if (mode === \"selective-repeat\" && window > space / 2) throw new RangeError(`window must be ≤ ${space / 2}`);", "  if (mode === \"selective-repeat\" && window > space - 1) throw new RangeError(`window must be ≤ ${space - 1}`);"],
    ],
  },
  "timer-not-restarted-on-ack": {
    bug: "The Go-Back-N timer is only started when the window was empty and stopped when it empties: a new ACK leaves it running, so it expires mid-transfer.",
    edits: [
      ["    else this.context.setTimer(GBN_TIMER, this.options.timeoutMs); // restart for the new oldest packet", ""],
    ],
  },
});
