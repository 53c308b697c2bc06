/**
 * Hand-written mutants of the arq lab: classic learner bugs, each a small
 * edit of solution.ts (labs/kit/mutant-edits.ts). Every one must fail a hidden test
 * (test/labs/prove-labs.test.ts). Generated mutants: `npm run mutation`.
 */
import { defineMutants } from "../../kit/mutant-edits.ts";

export default defineMutants({
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
      ["      if (!this.buffer.has(packet.seq)) this.buffer.set(packet.seq, packet.payload);", "      if (offset === 0) this.buffer.set(packet.seq, packet.payload);"],
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
