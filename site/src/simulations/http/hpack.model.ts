/** The HPACK simulation's model (live in the self-paced edition, recorded for the class edition: recorded/recording.ts). */
import type { Recording } from "#site/simulations/recorded/recording.ts";
import { HpackEncoder, http1Size, parseRequests, type EncodedBlock, type Header } from "./hpack.ts";
import { hpackFile, hpackKey, TABLE_SIZES, type HpackControls } from "./hpack-controls.ts";
import { HPACK_PRESETS } from "./hpack-presets.ts";

/** What the picture needs: each request, its block and its size as HTTP/1.1 text, and every option's total. */
export interface HpackView {
  readonly requests: readonly (readonly Header[])[];
  readonly blocks: readonly EncodedBlock[];
  readonly textSizes: readonly number[];
  /** Bytes of all blocks together with the dynamic table on/off and Huffman on/off, at this table size. */
  readonly totals: { readonly tableHuffman: number; readonly tableRaw: number; readonly plainHuffman: number; readonly plainRaw: number };
}

export const recording: Recording<HpackControls, HpackView> = {
  sim: "hpack",
  *space() {
    for (const [preset, { text }] of Object.entries(HPACK_PRESETS)) {
      for (const dynamicTable of [true, false]) {
        for (const huffman of [true, false]) for (const [maxTableSize] of TABLE_SIZES) yield { preset, requests: text, dynamicTable, huffman, maxTableSize };
      }
    }
  },
  file: hpackFile,
  key: hpackKey,
  run(c) {
    const requests = parseRequests(c.requests);
    const encoder = new HpackEncoder({ dynamicTable: c.dynamicTable, huffman: c.huffman, maxTableSize: c.maxTableSize });
    const total = (dynamicTable: boolean, huffman: boolean) => {
      const e = new HpackEncoder({ dynamicTable, huffman, maxTableSize: c.maxTableSize });
      return requests.reduce((sum, r) => sum + e.encode(r).bytes.length, 0);
    };
    return {
      requests,
      blocks: requests.map((request) => encoder.encode(request)),
      textSizes: requests.map((request) => http1Size(request)),
      totals: { tableHuffman: total(true, true), tableRaw: total(true, false), plainHuffman: total(false, true), plainRaw: total(false, false) },
    };
  },
};

/** The run for these controls (undefined only while a recording loads: see hpack.recorded.ts). */
export function runHpack(controls: HpackControls): HpackView | undefined {
  return recording.run(controls);
}
