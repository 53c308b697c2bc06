/**
 * The hpack lab's demo result, as agreed with the lab (declared here so the
 * view does not import the lab while both are written).
 */
export interface HpackDemoResult { summary: string; blocks: HpackDemoBlock[]; }
export interface HpackDemoBlock {
  headers: [string, string][]; hex: string; fields: HpackFieldNote[];
  table: { index: number; name: string; value: string; size: number }[]; // decoder's dynamic table after the block, index 62 first
  tableSize: number; maxTableSize: number;
  decoded: [string, string][] | { error: string };
}
export interface HpackFieldNote { offset: number; length: number; kind: "indexed" | "literal-indexed" | "literal-not-indexed" | "literal-never-indexed" | "size-update" | "name" | "value" | "unparsed"; text: string; }
