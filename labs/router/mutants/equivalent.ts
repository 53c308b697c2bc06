/**
 * Generated mutants of solution.ts (`npm run mutation -- router`) that no
 * test can kill, each with the reason no observable behaviour changes.
 */
import { defineEquivalents } from "#labs/kit/mutant-edits.ts";

const READ_ONLY = "the view is only read (summed or copied into a new array), so a copy of the same bytes behaves the same";

export default defineEquivalents([
  {
    original: "const route = this.routes.find((r) => r.prefixLength === 0 || (address ^ r.network) >>> (32 - r.prefixLength) === 0);",
    mutated: "const route = this.routes.find((r) => r.prefixLength === 0 || (address ^ r.network) >> (32 - r.prefixLength) === 0);",
    reason: "the shifted value is only compared with 0: a signed and an unsigned right shift by 0-31 bits are zero for exactly the same inputs",
  },
  {
    original: "const quote = packet.subarray(0, Math.min(packet.length, headerLength + QUOTED_DATA));",
    mutated: "const quote = packet.slice(0, Math.min(packet.length, headerLength + QUOTED_DATA));",
    reason: READ_ONLY,
  },
  {
    original: "write16(message, 22, internetChecksum(message.subarray(20)));",
    mutated: "write16(message, 22, internetChecksum(message.slice(20)));",
    reason: READ_ONLY,
  },
  {
    original: "write16(message, 10, internetChecksum(message.subarray(0, 20)));",
    mutated: "write16(message, 10, internetChecksum(message.slice(0, 20)));",
    reason: READ_ONLY,
  },
  {
    original: "return internetChecksum(datagram.subarray(0, headerLength)) === 0 ? datagram.subarray(0, total) : null;",
    mutated: "return internetChecksum(datagram.slice(0, headerLength)) === 0 ? datagram.subarray(0, total) : null;",
    reason: READ_ONLY,
  },
  {
    original: "return internetChecksum(datagram.subarray(0, headerLength)) === 0 ? datagram.subarray(0, total) : null;",
    mutated: "return internetChecksum(datagram.subarray(0, headerLength)) === 0 ? datagram.slice(0, total) : null;",
    reason: "the datagram is never written (forwarding copies it with slice() first; errors only read it), so a copy behaves the same as a view",
  },
  {
    original: "for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);",
    mutated: "for (let i = 0; i <= bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);",
    reason: "the extra word starts past the end: undefined << 8 is 0 and the ?? gives 0, so it adds nothing to the sum",
  },
  {
    original: "bytes[at] = value >>> 8;",
    mutated: "bytes[at] = value >> 8;",
    reason: "a Uint8Array keeps the low 8 bits of the shifted value, bits 8-15 of value, which a signed and an unsigned shift give alike",
  },
  {
    original: "write16(bytes, at, value >>> 16);",
    mutated: "write16(bytes, at, value >> 16);",
    reason: "write16 stores only bits 0-15 of the shifted value (bits 16-31 of value), which a signed and an unsigned shift give alike",
  },
]);
