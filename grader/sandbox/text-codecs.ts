/**
 * The TextEncoder and TextDecoder the learner's code gets. The host's own
 * throw errors whose prototypes are the host's internals (Node makes a
 * class per error code: ERR_ENCODING_INVALID_ENCODED_DATA and the like),
 * which lockdown does not know of and so does not freeze: a learner who
 * caught one could change what every such error does, for the harness
 * too. These wrappers rethrow such an error as a plain realm error with
 * the same message and code. No Node or browser API: a browser's codecs
 * throw plain errors already, and pass through unchanged.
 */
import { hasInPrototypeChain, isError } from "./inspect.ts";
import { isProxy } from "./kinds.ts";

const INTRINSIC_PROTOTYPES: ReadonlySet<object> = new Set([
  Error.prototype,
  TypeError.prototype,
  RangeError.prototype,
  SyntaxError.prototype,
  ReferenceError.prototype,
  EvalError.prototype,
  URIError.prototype,
]);

/** `thrown` itself if it is plain; a realm TypeError or RangeError in its place if its prototype is the host's. */
function plainError(thrown: unknown): unknown {
  if (typeof thrown !== "object" || thrown === null || isProxy(thrown) || !isError(thrown)) return thrown;
  const prototype = Reflect.getPrototypeOf(thrown);
  if (prototype !== null && INTRINSIC_PROTOTYPES.has(prototype)) return thrown;
  const message = Reflect.getOwnPropertyDescriptor(thrown, "message");
  const text = message !== undefined && "value" in message && typeof message.value === "string" ? message.value : "";
  const error = hasInPrototypeChain(thrown, RangeError.prototype) ? new RangeError(text) : new TypeError(text);
  const code = Reflect.getOwnPropertyDescriptor(thrown, "code");
  if (code !== undefined && "value" in code && typeof code.value === "string") {
    Reflect.defineProperty(error, "code", { value: code.value, writable: true, enumerable: true, configurable: true });
  }
  return error;
}

function plainErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw plainError(error);
  }
}

/** Fresh, hardened codec classes for a learner's compartment (call after lockdown). */
export function learnerTextCodecs(): { readonly TextEncoder: typeof TextEncoder; readonly TextDecoder: typeof TextDecoder } {
  const HostEncoder = TextEncoder;
  const HostDecoder = TextDecoder;

  class LearnerTextEncoder {
    readonly #encoder = new HostEncoder();
    get encoding(): string {
      return this.#encoder.encoding;
    }
    encode(input?: string): Uint8Array {
      return plainErrors(() => this.#encoder.encode(input));
    }
    encodeInto(source: string, destination: Uint8Array): TextEncoderEncodeIntoResult {
      return plainErrors(() => this.#encoder.encodeInto(source, destination));
    }
  }

  class LearnerTextDecoder {
    readonly #decoder: TextDecoder;
    constructor(label?: string, options?: TextDecoderOptions) {
      this.#decoder = plainErrors(() => new HostDecoder(label, options));
    }
    get encoding(): string {
      return this.#decoder.encoding;
    }
    get fatal(): boolean {
      return this.#decoder.fatal;
    }
    get ignoreBOM(): boolean {
      return this.#decoder.ignoreBOM;
    }
    decode(input?: AllowSharedBufferSource, options?: TextDecodeOptions): string {
      return plainErrors(() => this.#decoder.decode(input, options));
    }
  }

  // The names learners see in messages and stack traces.
  Reflect.defineProperty(LearnerTextEncoder, "name", { value: "TextEncoder" });
  Reflect.defineProperty(LearnerTextDecoder, "name", { value: "TextDecoder" });
  return harden({
    TextEncoder: LearnerTextEncoder as unknown as typeof TextEncoder,
    TextDecoder: LearnerTextDecoder as unknown as typeof TextDecoder,
  });
}
