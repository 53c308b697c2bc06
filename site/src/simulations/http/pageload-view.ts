/** What the HTTP page-load picture needs from a run, live or recorded (pageload.model.ts, pageload.recorded.ts). */

/** A file as [name, bytes, discovered, requested, first byte, done (ms, null: never), connection]: compact, since runs are recorded. */
export type PackedResource = readonly [name: string, bytes: number, discoveredMs: number | null, requestMs: number | null, firstByteMs: number | null, doneMs: number | null, connection: number | null];

export interface PageLoadView {
  /** The HTML first, then the files in document order. */
  readonly resources: readonly PackedResource[];
  /** When the last file arrived, or null if the run hit its time limit. */
  readonly loadMs: number | null;
  readonly connections: number;
  readonly retransmissions: number;
  /** Segments that arrived but waited in the receive buffer behind a lost one. */
  readonly heldSegments: number;
}

export interface ResourceView {
  readonly name: string;
  readonly bytes: number;
  /** Infinity: never discovered. */
  readonly discoveredMs: number;
  readonly requestMs: number | null;
  readonly firstByteMs: number | null;
  readonly doneMs: number | null;
  readonly connection: number | null;
}

export function unpack(r: PackedResource): ResourceView {
  return { name: r[0], bytes: r[1], discoveredMs: r[2] ?? Infinity, requestMs: r[3], firstByteMs: r[4], doneMs: r[5], connection: r[6] };
}
