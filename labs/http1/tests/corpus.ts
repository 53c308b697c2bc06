/**
 * Node's llhttp corpus: streams and what llhttp made of them, recorded by
 * test/labs/http1/record-corpus.ts (and re-checked live by
 * test/labs/http1-interop.test.ts).
 */
import recorded from "../corpus/llhttp.json" with { type: "json" };

export interface CorpusCase {
  readonly name: string;
  readonly role: "request" | "response";
  readonly method?: string;
  readonly text: string;
  readonly differs?: string;
  readonly llhttp: { readonly messages: number; readonly bodies: readonly string[]; readonly error: string | null };
}

export const LLHTTP: { readonly recordedWith: string; readonly cases: readonly CorpusCase[] } = recorded as never;
