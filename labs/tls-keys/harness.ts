/**
 * The tls-keys lab's harness: it runs inside the sandbox next to the
 * learner's module and is the only code that calls it. It hands the learner
 * the suite's hash and HMAC (runtime/crypto), passes byte arguments as views
 * into guarded buffers, checks that no argument was changed, and copies
 * whatever comes back.
 */
import { hmac, SHA256, SHA384, type HashFunction } from "#runtime/crypto/hmac.ts";
import { TLS13_SUITES } from "#runtime/crypto/tls13-suites.ts";
import type { DemoInput, DemoResult } from "#labs/kit/demo.ts";
import { copyBytes, defineHarness, describeValue, exportedClass, exportedFunction, thrownMessage, type LearnerModule } from "#labs/kit/harness.ts";
import { fromHex, toHex } from "#labs/kit/hex.ts";
import { demo } from "./demo.ts";
import { SECRET_NAMES, type Call, type CallResult, type CallsInput, type HashName, type RecordInput, type RecordResult, type RecordView, type ScheduleInput, type ScheduleResult, type SecretName, type TreeInput, type TreeResult } from "./scenarios.ts";

export default defineHarness({
  calls: (input: CallsInput, learner: LearnerModule): CallResult[] => input.calls.map((call) => runCall(call, input.offset ?? 0, learner)),
  schedule: (input: ScheduleInput, learner: LearnerModule): ScheduleResult => runSchedule(input, learner),
  record: (input: RecordInput, learner: LearnerModule): RecordResult => runRecord(input, learner),
  // The chapter's key schedule picture (site/src/simulations/tls/key-schedule.ts): one handshake's schedule and RecordKeys on several secrets, in one run.
  tree: (input: TreeInput, learner: LearnerModule): TreeResult => ({ schedule: runSchedule(input.schedule, learner), records: input.records.map((record) => runRecord(record, learner)) }),
  demo: (input: DemoInput, learner: LearnerModule): DemoResult => demo(input, { schedule: (i) => runSchedule(i, learner), record: (i) => runRecord(i, learner) }),
});

/** The learner's view of a hash function: `Hash` in the starter. */
export interface LearnerHash {
  readonly name: string;
  readonly length: number;
  readonly digest: (data: Uint8Array) => Uint8Array;
  readonly hmac: (key: Uint8Array, data: Uint8Array) => Uint8Array;
}

const HASHES: Readonly<Record<HashName, HashFunction>> = { "SHA-256": SHA256, "SHA-384": SHA384 };

function learnerHash(name: HashName): LearnerHash {
  const hash = HASHES[name];
  return Object.freeze({
    name: hash.name,
    length: hash.length,
    digest: (data: Uint8Array) => hash.digest(copyBytes(data, "the data you passed to hash.digest")),
    hmac: (key: Uint8Array, data: Uint8Array) => hmac(hash, copyBytes(key, "the key you passed to hash.hmac"), copyBytes(data, "the data you passed to hash.hmac")),
  });
}

const GUARD = 0xee;

/** Byte arguments handed to the learner as views into guarded buffers, checked afterwards for changes. */
class Arguments {
  readonly #offset: number;
  readonly #given: { name: string; buffer: Uint8Array; before: Uint8Array; start: number; end: number }[] = [];

  constructor(offset: number) {
    this.#offset = offset;
  }

  bytes(name: string, hex: string): Uint8Array {
    const data = fromHex(hex);
    const buffer = new Uint8Array(this.#offset + data.length + (this.#offset > 0 ? 5 : 0)).fill(GUARD);
    buffer.set(data, this.#offset);
    this.#given.push({ name, buffer, before: buffer.slice(), start: this.#offset, end: this.#offset + data.length });
    return buffer.subarray(this.#offset, this.#offset + data.length);
  }

  /** "iv (now 00 01 ...)" for the first argument the learner changed, else undefined. */
  changed(): string | undefined {
    for (const given of this.#given) {
      if (given.buffer.some((byte, i) => byte !== given.before[i])) return `${given.name} (it became ${toHex(given.buffer.subarray(given.start, given.end))})`;
    }
    return undefined;
  }
}

function runCall(call: Call, offset: number, learner: LearnerModule): CallResult {
  const args = new Arguments(offset);
  let result: CallResult;
  try {
    result = callOnce(call, args, learner);
  } catch (error) {
    result = { error: thrownMessage(error) };
  }
  const changed = args.changed();
  return changed === undefined ? result : { ...result, changed };
}

function callOnce(call: Call, args: Arguments, learner: LearnerModule): CallResult {
  const fn = exportedFunction(learner, call.fn) as (...a: unknown[]) => unknown;
  const what = `the value ${call.fn}() returned`;
  switch (call.fn) {
    case "hkdfExtract":
      return { bytes: toHex(copyBytes(fn(learnerHash(call.hash), args.bytes("salt", call.salt), args.bytes("ikm", call.ikm)), what)) };
    case "hkdfExpand":
      return { bytes: toHex(copyBytes(fn(learnerHash(call.hash), args.bytes("prk", call.prk), args.bytes("info", call.info), call.length), what)) };
    case "hkdfExpandLabel":
      return { bytes: toHex(copyBytes(fn(learnerHash(call.hash), args.bytes("secret", call.secret), call.label, args.bytes("context", call.context), call.length), what)) };
    case "deriveSecret": {
      const messages = call.messages.map((m, i) => args.bytes(`messages[${i}]`, m));
      return { bytes: toHex(copyBytes(fn(learnerHash(call.hash), args.bytes("secret", call.secret), call.label, messages), what)) };
    }
    case "resumptionPsk":
      return { bytes: toHex(copyBytes(fn(learnerHash(call.hash), args.bytes("resumptionMasterSecret", call.secret), args.bytes("ticketNonce", call.ticketNonce)), what)) };
    case "trafficKeys": {
      const suite = TLS13_SUITES[call.suite];
      const keys = fn(learnerHash(suite.hash.name), args.bytes("secret", call.secret), call.suite);
      if (typeof keys !== "object" || keys === null) throw new TypeError(`trafficKeys() must return { key, iv }, but returned ${describeValue(keys)}`);
      const { key, iv } = keys as Record<string, unknown>;
      return { key: toHex(copyBytes(key, "trafficKeys().key")), iv: toHex(copyBytes(iv, "trafficKeys().iv")) };
    }
    case "recordNonce":
      return { bytes: toHex(copyBytes(fn(args.bytes("iv", call.iv), BigInt(call.sequenceNumber)), what)) };
  }
}

function runSchedule(input: ScheduleInput, learner: LearnerModule): ScheduleResult {
  const args = new Arguments(0);
  let result: ScheduleResult;
  try {
    const keySchedule = exportedFunction(learner, "keySchedule") as (hash: LearnerHash, handshake: unknown) => unknown;
    const handshake = Object.freeze({
      psk: input.psk === null ? null : args.bytes("psk", input.psk),
      ecdhe: input.ecdhe === null ? null : args.bytes("ecdhe", input.ecdhe),
      clientHello: args.bytes("clientHello", input.clientHello),
      serverHello: args.bytes("serverHello", input.serverHello),
      serverMessages: Object.freeze(input.serverMessages.map((m, i) => args.bytes(`serverMessages[${i}]`, m))),
    });
    const value = keySchedule(learnerHash(TLS13_SUITES[input.suite].hash.name), handshake);
    if (typeof value !== "object" || value === null) throw new TypeError(`keySchedule() must return a Secrets object, but returned ${describeValue(value)}`);
    const record = value as Record<string, unknown>;
    const secrets = {} as Record<SecretName, string>;
    for (const name of SECRET_NAMES) secrets[name] = toHex(copyBytes(record[name], `Secrets.${name}`));
    result = { secrets };
  } catch (error) {
    result = { error: thrownMessage(error) };
  }
  const changed = args.changed();
  return changed === undefined ? result : { ...result, changed };
}

interface LearnerRecordKeys {
  readonly secret: unknown;
  readonly key: unknown;
  readonly iv: unknown;
  nextNonce(): unknown;
  update(): unknown;
}

function runRecord(input: RecordInput, learner: LearnerModule): RecordResult {
  const views: RecordView[] = [];
  try {
    const RecordKeys = exportedClass(learner, "RecordKeys") as new (hash: LearnerHash, suite: string, secret: Uint8Array) => LearnerRecordKeys;
    const suite = TLS13_SUITES[input.suite];
    const count = input.instances ?? 1;
    const instances: LearnerRecordKeys[] = [];
    for (let i = 0; i < count; i++) {
      const secret = fromHex(input.secret);
      secret[secret.length - 1] = (secret[secret.length - 1]! + i) & 0xff;
      instances.push(new RecordKeys(learnerHash(suite.hash.name), input.suite, secret));
      // The caller wipes its copy of the secret, as careful code does: RecordKeys must have kept its own.
      secret.fill(0);
      views.push(view(instances[i]!, i, "start"));
    }
    for (const step of input.steps) {
      instances.forEach((keys, i) => {
        if (step === "update") {
          keys.update();
          views.push(view(keys, i, "update"));
        } else {
          const nonce = toHex(copyBytes(keys.nextNonce(), "nextNonce()'s value"));
          views.push({ ...view(keys, i, "nonce"), nonce });
        }
      });
    }
    return { views };
  } catch (error) {
    return { views, error: thrownMessage(error) };
  }
}

function view(keys: LearnerRecordKeys, instance: number, step: RecordView["step"]): RecordView {
  return {
    instance,
    step,
    secret: toHex(copyBytes(keys.secret, "RecordKeys.secret")),
    key: toHex(copyBytes(keys.key, "RecordKeys.key")),
    iv: toHex(copyBytes(keys.iv, "RecordKeys.iv")),
  };
}
