/**
 * IPv4 addresses on the wire layer are plain unsigned 32-bit numbers
 * (`10.0.0.1` is `0x0a000001`), which makes masking and comparing cheap.
 * JavaScript's bitwise operators return *signed* 32-bit results, so every
 * bitwise expression here ends in `>>> 0` to turn it back into an unsigned one.
 */
import { WireError } from "./errors.ts";

/**
 * Parses dotted-quad notation (`"10.0.0.1"`) into an unsigned 32-bit number.
 *
 * Exactly four decimal parts from 0 to 255 are accepted. Leading zeros are
 * rejected because some tools read `010` as octal (8) and others as decimal.
 *
 * @throws {WireError} with a message naming the bad part.
 * @example parseIpv4Address("192.168.1.1") === 0xc0a80101
 */
export function parseIpv4Address(text: string): number {
  const parts = text.split(".");
  if (parts.length !== 4) {
    throw new WireError(
      "ipv4.address",
      `Invalid IPv4 address ${JSON.stringify(text)}: expected 4 dot-separated parts, found ${parts.length}`,
    );
  }
  let address = 0;
  for (let i = 0; i < 4; i++) {
    const part = parts[i];
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) {
      throw new WireError(
        "ipv4.address",
        `Invalid IPv4 address ${JSON.stringify(text)}: part ${i + 1} ${JSON.stringify(part)} ` +
          "is not a decimal number from 0 to 255 (without leading zeros)",
      );
    }
    // Multiply rather than shift: `<< 8` would go negative past 2^31.
    address = address * 256 + Number(part);
  }
  return address;
}

/**
 * Formats an unsigned 32-bit address in dotted-quad notation.
 *
 * @throws {WireError} if `address` is not an integer from 0 to 2^32 - 1
 *   (a negative number usually means a missing `>>> 0`).
 * @example formatIpv4Address(0x0a000001) === "10.0.0.1"
 */
export function formatIpv4Address(address: number): string {
  if (!(Number.isInteger(address) && address >= 0 && address <= 0xffffffff)) {
    throw new WireError(
      "ipv4.address",
      `IPv4 address must be an unsigned 32-bit integer, got ${address}` +
        (address < 0 ? " (apply >>> 0 after bitwise operations)" : ""),
    );
  }
  return `${address >>> 24}.${(address >>> 16) & 0xff}.${(address >>> 8) & 0xff}.${address & 0xff}`;
}

/**
 * The netmask for a prefix length as an unsigned 32-bit number:
 * `prefixMask(24) === 0xffffff00`, `prefixMask(0) === 0`.
 *
 * @throws {WireError} unless `prefixLength` is an integer from 0 to 32.
 */
export function prefixMask(prefixLength: number): number {
  if (!(Number.isInteger(prefixLength) && prefixLength >= 0 && prefixLength <= 32)) {
    throw new WireError("ipv4.prefix", `IPv4 prefix length must be an integer from 0 to 32, got ${prefixLength}`);
  }
  // JavaScript shifts count modulo 32, so `x << 32` is `x`: /0 needs its own case.
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

/** A network in CIDR notation: its address and prefix length. */
export interface Cidr {
  /** The network address (all host bits zero), unsigned 32-bit. */
  network: number;
  /** Number of leading one bits in the netmask, 0 to 32. */
  prefixLength: number;
}

/**
 * Parses CIDR notation (RFC 4632 §3.1), e.g. `"10.0.0.0/8"`.
 *
 * @throws {WireError} if the address or prefix is malformed, or if host bits
 *   are set (`"10.0.0.1/8"`): the message suggests the intended network.
 */
export function parseCidr(text: string): Cidr {
  const slash = text.indexOf("/");
  if (slash < 0) {
    throw new WireError("ipv4.prefix", `Invalid CIDR ${JSON.stringify(text)}: missing "/prefix-length"`);
  }
  const lengthText = text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]?)$/.test(lengthText) || Number(lengthText) > 32) {
    throw new WireError(
      "ipv4.prefix",
      `Invalid CIDR ${JSON.stringify(text)}: prefix length ${JSON.stringify(lengthText)} is not a number from 0 to 32`,
    );
  }
  const prefixLength = Number(lengthText);
  const address = parseIpv4Address(text.slice(0, slash));
  const network = (address & prefixMask(prefixLength)) >>> 0;
  if (network !== address) {
    throw new WireError(
      "ipv4.prefix",
      `Invalid CIDR ${JSON.stringify(text)}: host bits are set (did you mean ` +
        `${formatIpv4Address(network)}/${prefixLength}?)`,
    );
  }
  return { network, prefixLength };
}
