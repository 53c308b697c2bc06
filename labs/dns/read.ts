/**
 * Reading what the learner's code returned, as plain data: own data
 * properties only (a getter would run learner code), arrays and bytes copied
 * (labs/kit/harness.ts), and a TypeError that says what is wrong.
 */
import { copyArray, copyBytes, describeValue } from "#labs/kit/harness.ts";
import { toHex } from "#labs/kit/hex.ts";
import type { MessageView, RecordView } from "./scenarios.ts";


function field(value: unknown, key: string, what: string): unknown {
  if (typeof value !== "object" || value === null) throw new TypeError(`${what} must be an object, but is ${describeValue(value)}`);
  const descriptor = Object.getOwnPropertyDescriptor(value, key);
  return descriptor !== undefined && "value" in descriptor ? descriptor.value : undefined;
}

function integer(value: unknown, what: string): number {
  if (!Number.isInteger(value)) throw new TypeError(`${what} must be an integer, but is ${describeValue(value)}`);
  return value as number;
}

function text(value: unknown, what: string): string {
  if (typeof value !== "string") throw new TypeError(`${what} must be a string, but is ${describeValue(value)}`);
  return value;
}

function flag(value: unknown, what: string): boolean {
  if (typeof value !== "boolean") throw new TypeError(`${what} must be a boolean, but is ${describeValue(value)}`);
  return value;
}

/** A learner's ResourceRecord as plain data. */
export function recordView(value: unknown, what: string): RecordView {
  const type = integer(field(value, "type", what), `${what}.type`);
  const data = field(value, "data", what);
  let view: RecordView["data"];
  if (typeof data === "string") view = data;
  else if (typeof data === "object" && data !== null && Object.getOwnPropertyDescriptor(data, "mname") !== undefined) {
    const soa = (key: string) => field(data, key, `${what}.data`);
    view = {
      mname: text(soa("mname"), `${what}.data.mname`),
      rname: text(soa("rname"), `${what}.data.rname`),
      serial: integer(soa("serial"), `${what}.data.serial`),
      refresh: integer(soa("refresh"), `${what}.data.refresh`),
      retry: integer(soa("retry"), `${what}.data.retry`),
      expire: integer(soa("expire"), `${what}.data.expire`),
      minimum: integer(soa("minimum"), `${what}.data.minimum`),
    };
  } else view = { hex: toHex(copyBytes(data, `${what}.data`)) };
  return {
    name: text(field(value, "name", what), `${what}.name`),
    type,
    class: integer(field(value, "class", what), `${what}.class`),
    ttl: integer(field(value, "ttl", what), `${what}.ttl`),
    data: view,
  };
}

function records(value: unknown, what: string): RecordView[] {
  return copyArray(value, what).map((r, i) => recordView(r, `${what}[${i}]`));
}

/** A learner's Message as plain data. */
export function messageView(value: unknown): MessageView {
  const get = (key: string) => field(value, key, "the Message");
  const edns = get("edns");
  return {
    id: integer(get("id"), "id"),
    qr: flag(get("qr"), "qr"),
    opcode: integer(get("opcode"), "opcode"),
    aa: flag(get("aa"), "aa"),
    tc: flag(get("tc"), "tc"),
    rd: flag(get("rd"), "rd"),
    ra: flag(get("ra"), "ra"),
    rcode: integer(get("rcode"), "rcode"),
    questions: copyArray(get("questions"), "questions").map((q, i) => ({
      name: text(field(q, "name", `questions[${i}]`), `questions[${i}].name`),
      type: integer(field(q, "type", `questions[${i}]`), `questions[${i}].type`),
      class: integer(field(q, "class", `questions[${i}]`), `questions[${i}].class`),
    })),
    answers: records(get("answers"), "answers"),
    authority: records(get("authority"), "authority"),
    additional: records(get("additional"), "additional"),
    edns:
      edns === null
        ? null
        : {
            udpSize: integer(field(edns, "udpSize", "edns"), "edns.udpSize"),
            version: integer(field(edns, "version", "edns"), "edns.version"),
            dnssecOk: flag(field(edns, "dnssecOk", "edns"), "edns.dnssecOk"),
          },
  };
}

/** The learner's actions as plain data (network.ts checks what each must hold). */
export function actionsOf(value: unknown, what: string): ({ kind: "send"; to: string; fromPort: number; tcp: boolean; bytes: Uint8Array } | { kind: "answer"; rcode: number; records: RecordView[] })[] {
  return copyArray(value, what).map((action, i) => {
    const at = `${what}[${i}]`;
    const kind = field(action, "kind", at);
    if (kind === "send") {
      return {
        kind,
        to: text(field(action, "to", at), `${at}.to`),
        fromPort: integer(field(action, "fromPort", at), `${at}.fromPort`),
        tcp: flag(field(action, "tcp", at), `${at}.tcp`),
        bytes: copyBytes(field(action, "bytes", at), `${at}.bytes`),
      };
    }
    if (kind === "answer") return { kind, rcode: integer(field(action, "rcode", at), `${at}.rcode`), records: records(field(action, "records", at), `${at}.records`) };
    throw new TypeError(`${at}.kind must be "send" or "answer", but is ${describeValue(kind)}`);
  });
}
