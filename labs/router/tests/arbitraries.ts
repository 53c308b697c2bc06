/**
 * Random routers and datagrams for the property tests (fast-check, seeded
 * from the grading seed). Addresses come from a small pool so prefixes
 * overlap, destinations land on prefix edges, and sources can be routed back.
 */
import { formatIpv4Address, prefixMask } from "#runtime/wire/address.ts";
import { fc } from "#labs/kit/property.ts";
import type { ConfigSpec, RouteSpec } from "../scenarios.ts";
import { datagram, icmpPayload, put16 } from "./datagrams.ts";

/** Addresses the pool draws from: high bit set and clear, 10/8, a /31 pair, and 0.0.0.0. */
const BASES = [0x0a000000, 0x0a010000, 0x0a010200, 0x0a0102fe, 0xc0a80100, 0x80000000, 0x7fffffff, 0xfe000000, 0xdfffff00, 0x00000000];
const LENGTHS = [0, 1, 7, 8, 9, 15, 16, 17, 23, 24, 25, 30, 31, 32];

const address = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...BASES), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 3 })).map(([base, noise, bits]) => (base ^ (noise >>> (bits * 4))) >>> 0) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffffffff }) },
);
const dotted = address.map(formatIpv4Address);

/** A router with 1-4 interfaces and 1-8 routes whose prefixes overlap (no two the same). */
export const configArbitrary: fc.Arbitrary<ConfigSpec> = fc
  .record({
    interfaces: fc.array(fc.record({ address: dotted, neighbours: fc.uniqueArray(dotted, { maxLength: 3 }) }), { minLength: 1, maxLength: 4 }),
    routes: fc.array(fc.record({ at: address, length: fc.oneof(fc.constantFrom(...LENGTHS), fc.integer({ min: 0, max: 32 })), iface: fc.nat(), via: fc.nat(), connected: fc.boolean() }), {
      minLength: 1,
      maxLength: 8,
    }),
  })
  .map(({ interfaces, routes }) => {
    const seen = new Set<string>();
    const specs: RouteSpec[] = [];
    for (const r of routes) {
      const prefix = `${formatIpv4Address((r.at & prefixMask(r.length)) >>> 0)}/${r.length}`;
      if (seen.has(prefix)) continue;
      seen.add(prefix);
      const index = r.iface % interfaces.length;
      const neighbours = interfaces[index]!.neighbours;
      const nextHop = r.connected || neighbours.length === 0 ? null : neighbours[r.via % neighbours.length]!;
      specs.push({ prefix, interface: index, nextHop });
    }
    return { interfaces, routes: specs };
  });

/** How a drawn datagram is broken, if at all. */
const CORRUPTIONS = ["none", "none", "none", "none", "none", "none", "bit", "version", "ihl-small", "ihl-big", "total-small", "total-big", "truncate", "options-unsummed"] as const;

export interface DrawnDatagram {
  readonly bytes: Uint8Array;
}

/** Datagrams for `config`: destinations and sources near its routes, neighbours and addresses. */
export function datagramsFor(config: ConfigSpec): fc.Arbitrary<Uint8Array[]> {
  const known = [
    ...config.interfaces.flatMap((i) => [i.address, ...i.neighbours]),
    ...config.routes.map((r) => r.prefix.split("/")[0]!),
  ];
  const near = fc.tuple(fc.constantFrom(...known), fc.integer({ min: -2, max: 2 })).map(([a, d]) => formatIpv4Address((parseDotted(a) + d) >>> 0));
  const someAddress = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 2, arbitrary: near }, { weight: 2, arbitrary: dotted }, {
    weight: 1,
    arbitrary: fc.constantFrom("255.255.255.255", "224.0.0.1", "223.255.255.255", "127.0.0.1", "0.0.0.0", "240.0.0.1"),
  });
  const one = fc
    .record({
      src: someAddress,
      dst: someAddress,
      ttl: fc.oneof(fc.constantFrom(0, 1, 2, 3), fc.integer({ min: 0, max: 255 })),
      protocol: fc.constantFrom(1, 1, 6, 17, 17, 47),
      icmpType: fc.constantFrom(0, 3, 4, 5, 8, 11, 12, 13),
      tos: fc.integer({ min: 0, max: 255 }),
      flags: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0, 0x4000, 0x2000) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }) }),
      optionWords: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 10 }) }),
      dataLength: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 700 })),
      padding: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }) }),
      checksum: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(0x0000, 0xffff, 0x00ff, 0x0100, 0xfeff, 0xff00, 0xfffe, 0x7fff) }),
      corruption: fc.constantFrom(...CORRUPTIONS),
      noise: fc.nat(),
    })
    .map((d) => {
      const payload =
        d.protocol === 1 && d.dataLength >= 8
          ? Uint8Array.from({ length: d.dataLength }, (_, i) => (i < 8 ? icmpPayload(d.icmpType)[i]! : (i * 7) & 0xff))
          : Uint8Array.from({ length: d.dataLength }, (_, i) => (i * 13 + d.noise) & 0xff);
      const options = Uint8Array.from({ length: d.optionWords * 4 }, (_, i) => (i === 0 ? 0x01 : (d.noise >> (i % 8)) & 0xff));
      const bytes = datagram({
        src: d.src,
        dst: d.dst,
        ttl: d.ttl,
        protocol: d.protocol,
        tos: d.tos,
        flagsAndOffset: d.flags,
        options,
        payload,
        padding: d.padding,
        ...(d.checksum === undefined ? {} : { checksum: d.checksum }),
      });
      return corrupt(bytes, d.corruption, d.noise);
    });
  return fc.array(one, { minLength: 1, maxLength: 10 });
}

function corrupt(bytes: Uint8Array, how: (typeof CORRUPTIONS)[number], noise: number): Uint8Array {
  const headerLength = (bytes[0]! & 0x0f) * 4;
  const total = (bytes[2]! << 8) | bytes[3]!;
  const fix = (b: Uint8Array, length = headerLength) => {
    put16(b, 10, 0);
    let sum = 0;
    for (let i = 0; i + 1 < Math.min(length, b.length); i += 2) sum += (b[i]! << 8) | b[i + 1]!;
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    put16(b, 10, ~sum & 0xffff);
    return b;
  };
  switch (how) {
    case "none":
      return bytes;
    case "bit": {
      const copy = bytes.slice();
      const bit = noise % (headerLength * 8);
      copy[bit >> 3]! ^= 0x80 >> (bit & 7);
      return copy;
    }
    case "version": {
      const copy = bytes.slice();
      copy[0] = (copy[0]! & 0x0f) | ((noise % 2 === 0 ? 6 : noise % 16) << 4);
      if (copy[0]! >> 4 === 4) copy[0] = (copy[0]! & 0x0f) | 0x50;
      return fix(copy);
    }
    case "ihl-small":
      return fix(Uint8Array.from(bytes, (b, i) => (i === 0 ? 0x40 | (noise % 5) : b)), 20);
    case "ihl-big": {
      // A header longer than the buffer or than the total length.
      const copy = bytes.slice(0, Math.min(bytes.length, 20 + (noise % 8) * 4));
      copy[0] = 0x4f;
      put16(copy, 2, copy.length);
      return fix(copy, copy.length);
    }
    case "total-small":
      return fix(Uint8Array.from(bytes, (b, i) => (i === 2 ? 0 : i === 3 ? (headerLength - 1 - (noise % 4)) & 0xff : b)));
    case "total-big": {
      const copy = bytes.slice();
      put16(copy, 2, bytes.length + 1 + (noise % 3));
      return fix(copy);
    }
    case "truncate":
      return bytes.slice(0, noise % Math.max(1, total));
    case "options-unsummed":
      // The checksum covers only the first 20 bytes: wrong whenever there are options.
      return headerLength > 20 ? fix(bytes.slice(), 20) : bytes;
  }
}

function parseDotted(text: string): number {
  return text.split(".").reduce((value, part) => value * 256 + Number(part), 0);
}
