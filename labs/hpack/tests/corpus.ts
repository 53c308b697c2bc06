/**
 * The nghttp2 corpus: request blocks Node's http2 client (nghttp2) encoded
 * on one connection, recorded by test/labs/hpack/record-corpus.ts.
 */
import recorded from "../corpus/nghttp2.json" with { type: "json" };
import type { Header } from "../scenarios.ts";

export interface CorpusBlock {
  readonly hex: string;
  readonly headers: Header[];
  readonly note?: string;
}

export const CORPUS: { readonly recordedWith: string; readonly blocks: readonly CorpusBlock[] } = recorded as never;
