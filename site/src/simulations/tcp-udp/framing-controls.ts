/**
 * The framing simulation's controls (FramingSim.astro): one home for the
 * messages it sends, the schemes and the chunk limits it offers. "Use my
 * code" (your-code/framing-driver.ts) sends the same messages.
 */
import type { Scheme } from "#labs/framing/scenarios.ts";

export type { Scheme };

export interface Preset {
  readonly label: string;
  /** The application's messages, each one write. */
  readonly messages: readonly Uint8Array[];
}

const text = (words: string): Uint8Array => new TextEncoder().encode(words);
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

export const PRESETS = {
  chat: {
    label: "chat lines (one empty)",
    messages: [text("hi!"), text("how are you?"), text("fine, thanks"), text(""), text("see you at 8"), text("bye")],
  },
  sizes: {
    label: "small and large",
    messages: [text("GET"), text("a longer message of forty bytes, exactly"), text("ok"), text("x".repeat(72)), text("done")],
  },
  binary: {
    label: "binary with C0 and DB bytes",
    // Bytes SLIP must escape (C0 and DB, RFC 1055) inside the payloads, and the escape codes DC and DD unescaped.
    messages: [bytes(0x01, 0xc0, 0x02), bytes(0xdb, 0xdc, 0xdd), text("plain"), bytes(0xc0, 0xc0, 0xdb, 0xdb), bytes(0x45, 0x4e, 0x44)],
  },
} as const satisfies Record<string, Preset>;

export type PresetId = keyof typeof PRESETS;
export const PRESET_IDS = Object.keys(PRESETS) as PresetId[];

export const SCHEMES: readonly (readonly [Scheme, string])[] = [
  ["length-prefixed", "length-prefixed (4-byte length)"],
  ["slip", "SLIP (RFC 1055)"],
];

/** Largest chunk the stream hands the reader: "" is the runtime ByteStream's default (1460 bytes: a 1500-byte MTU less 40 bytes of headers). */
export const MAX_CHUNKS: readonly (readonly [string, string])[] = [
  ["", "1460 bytes (the stream's default)"],
  ["32", "32 bytes"],
  ["12", "12 bytes"],
  ["5", "5 bytes"],
];

/** Seeds the class edition recorded (1..CLASS_SEEDS; framing.recorded.ts); the live edition offers 1..9999. */
export const CLASS_SEEDS = 5;

/** What the learner chose. */
export interface FramingControls {
  readonly preset: PresetId;
  readonly scheme: Scheme;
  /** undefined: the ByteStream's own limit. */
  readonly maxChunk: number | undefined;
  readonly seed: number;
}

/** The controls from the form's values (sim-client.ts), with the page's defaults for anything missing. */
export function readControls(values: Record<string, string>): FramingControls {
  const preset = (values.preset ?? "") in PRESETS ? (values.preset as PresetId) : "chat";
  const scheme: Scheme = values.scheme === "slip" ? "slip" : "length-prefixed";
  const limit = Number(values.chunk);
  const seed = Number(values.seed);
  return {
    preset,
    scheme,
    maxChunk: values.chunk === undefined || values.chunk === "" || !(limit >= 1) ? undefined : Math.floor(limit),
    seed: Number.isFinite(seed) ? seed : 1,
  };
}

/** One recorded file per message preset and framing (class edition: framing.model.ts). */
export const framingFile = (c: FramingControls): string => `${c.preset}-${c.scheme}`;

/** Its key: the largest chunk ("default" for the stream's own) and the seed. */
export const framingKey = (c: FramingControls): string => `${c.maxChunk ?? "default"}/${c.seed}`;
