/** The HPACK simulation's controls (HpackSim.astro): one home for the values it offers. */
import { HPACK_PRESETS } from "./hpack-presets.ts";

export const TABLE_SIZES: readonly (readonly [number, string])[] = [
  [4096, "4,096 bytes (default)"],
  [512, "512 bytes"],
  [128, "128 bytes"],
];

export interface HpackControls {
  readonly preset: string;
  /** The requests as text: the preset's, or the learner's edit of it (self-paced edition only). */
  readonly requests: string;
  readonly dynamicTable: boolean;
  readonly huffman: boolean;
  readonly maxTableSize: number;
}

export const hpackFile = (c: HpackControls): string => c.preset;
export const hpackKey = (c: HpackControls): string => `${c.dynamicTable ? "table" : "no-table"}/${c.huffman ? "huffman" : "raw"}/${c.maxTableSize}`;

/** Whether `c` asks for a preset as it is (what the class edition recorded). */
export const isPreset = (c: HpackControls): boolean => HPACK_PRESETS[c.preset]?.text === c.requests;
