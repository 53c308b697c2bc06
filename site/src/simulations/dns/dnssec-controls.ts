/** The DNSSEC simulation's controls (DnssecSim.astro): one home for the values it offers. */
import type { Breakage, Target } from "./dnssec.ts";

export const TARGETS: readonly (readonly [Target, string])[] = [
  ["www", "www.example.com A (exists)"],
  ["nope", "nope.example.com A (does not exist)"],
];
export const BREAKAGES: readonly (readonly [Breakage, string])[] = [
  ["none", "nothing: the chain is intact"],
  ["expired-rrsig", "the A record's RRSIG expired"],
  ["wrong-ds", ".com holds a stale DS for example.com"],
  ["missing-nsec", "the NXDOMAIN comes without NSEC"],
];

export interface DnssecControls {
  readonly target: Target;
  readonly breakage: Breakage;
  readonly validating: boolean;
}

/** Sixteen small runs: one recorded file. */
export const dnssecFile = (): string => "all";
export const dnssecKey = (c: DnssecControls): string => `${c.target}-${c.breakage}-${c.validating ? "validating" : "not"}`;
