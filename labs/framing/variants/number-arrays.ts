/**
 * A correct variant: growable arrays of numbers. State is a small state
 * machine with a string phase ("header" | "payload" | "failed"); bytes are
 * collected in plain number[] arrays and turned into a Uint8Array only when
 * a frame is complete. The header is read with shifts and `>>> 0`.
 */

export const DEFAULT_MAX_FRAME = 65536;

export class FramingError extends Error {
  override name = "FramingError";
}

export function encodeLengthPrefixed(payload: Uint8Array, maxFrame = DEFAULT_MAX_FRAME): Uint8Array {
  if (payload.length > maxFrame) throw new FramingError("payload too long");
  const n = payload.length;
  const out: number[] = [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  for (let i = 0; i < payload.length; i++) out.push(payload[i]!);
  return Uint8Array.from(out);
}

type Phase = "header" | "payload" | "failed";

export class LengthPrefixedDecoder {
  private phase: Phase = "header";
  private header: number[] = [];
  private body: number[] = [];
  private wanted = 0;
  private readonly limit: number;

  constructor(maxFrame = DEFAULT_MAX_FRAME) {
    this.limit = maxFrame;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    if (this.phase === "failed") throw new FramingError("failed earlier");
    const out: Uint8Array[] = [];
    for (let i = 0; i < chunk.length; i++) {
      if (this.phase === "header") {
        this.header.push(chunk[i]!);
        if (this.header.length < 4) continue;
        const [a, b, c, d] = this.header as [number, number, number, number];
        this.wanted = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
        this.header = [];
        if (this.wanted > this.limit) {
          this.phase = "failed";
          throw new FramingError(`length ${this.wanted} over ${this.limit}`);
        }
        if (this.wanted === 0) out.push(new Uint8Array(0));
        else this.phase = "payload";
      } else {
        this.body.push(chunk[i]!);
        if (this.body.length === this.wanted) {
          out.push(Uint8Array.from(this.body));
          this.body = [];
          this.phase = "header";
        }
      }
    }
    return out;
  }

  end(): void {
    if (this.phase === "failed") throw new FramingError("failed earlier");
    if (this.phase === "payload" || this.header.length > 0) {
      this.phase = "failed";
      throw new FramingError("truncated stream");
    }
  }
}

export function encodeSlip(payload: Uint8Array, maxFrame = DEFAULT_MAX_FRAME): Uint8Array {
  if (payload.length > maxFrame) throw new FramingError("payload too long");
  const out: number[] = [0xc0];
  payload.forEach((byte) => {
    if (byte === 0xc0) out.push(0xdb, 0xdc);
    else if (byte === 0xdb) out.push(0xdb, 0xdd);
    else out.push(byte);
  });
  out.push(0xc0);
  return new Uint8Array(out);
}

export class SlipDecoder {
  private frame: number[] = [];
  private afterEsc = false;
  private failed = false;
  private readonly limit: number;

  constructor(maxFrame = DEFAULT_MAX_FRAME) {
    this.limit = maxFrame;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failed) throw new FramingError("failed earlier");
    const out: Uint8Array[] = [];
    chunk.forEach((byte) => {
      if (this.afterEsc) {
        this.afterEsc = false;
        if (byte === 0xdc) this.add(0xc0);
        else if (byte === 0xdd) this.add(0xdb);
        else this.die("bad escape");
        return;
      }
      if (byte === 0xc0) {
        if (this.frame.length > 0) out.push(Uint8Array.from(this.frame));
        this.frame = [];
      } else if (byte === 0xdb) {
        this.afterEsc = true;
      } else {
        this.add(byte);
      }
    });
    return out;
  }

  end(): void {
    if (this.failed) throw new FramingError("failed earlier");
    if (this.afterEsc || this.frame.length > 0) this.die("truncated stream");
  }

  private add(byte: number): void {
    if (this.frame.length + 1 > this.limit) this.die("frame over the limit");
    this.frame.push(byte);
  }

  private die(why: string): never {
    this.failed = true;
    throw new FramingError(why);
  }
}
