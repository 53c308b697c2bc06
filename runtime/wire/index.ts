/**
 * Wire formats: one module per protocol, each a plain `Repr` object with an
 * `emit*` function that builds bytes and a `parse*` function that validates
 * and reads them, in the style of smoltcp's `wire/`.
 *
 * @module
 */
export * from "./errors.ts";
export * from "./address.ts";
export * from "./checksum.ts";
export * from "./ipv4.ts";
export * from "./icmp.ts";
export * from "./udp.ts";
export * from "./tcp.ts";
