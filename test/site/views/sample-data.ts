/**
 * Realistic data for the views, built by hand: a Go-Back-N ladder with a
 * loss, a corrupted ACK, a timeout and retransmissions; a long congestion
 * run; a cwnd sawtooth; and RFC 7541 Appendix C.3's header blocks.
 */
import type { LadderMark, LadderPacketView, LadderView } from "#labs/kit/demo.ts";
import type { HpackDemoResult } from "#site/workbench/views/hpack-types.ts";

const DELAY = 10;

/** Go-Back-N with a window of 4 over a 10 ms link: DATA 1 is lost, an ACK is corrupted, the timer fires, 1-4 go again. */
export function arqLadder(dropped: readonly string[] = []): LadderView {
  const packets: LadderPacketView[] = [];
  const marks: LadderMark[] = [];
  let id = 0;
  const send = (from: "left" | "right", label: string, sentMs: number, extra: Partial<LadderPacketView> = {}) => {
    const key = extra.retransmission ? undefined : `${from === "left" ? "data" : "ack"}-${label}-${sentMs}`;
    const droppedByYou = key !== undefined && dropped.includes(key);
    const lost = droppedByYou ? "dropped by you" : extra.lost;
    packets.push({ id: id++, from, label, sentMs, arrivedMs: lost ? null : sentMs + DELAY, ...extra, lost, dropKey: key });
  };
  send("left", "DATA 0", 0);
  send("left", "DATA 1", 1, { lost: "loss" });
  send("left", "DATA 2", 2);
  send("left", "DATA 3", 3);
  marks.push({ t: 10, side: "right", kind: "deliver", label: "deliver 0" });
  send("right", "ACK 1", 10);
  send("right", "ACK 1", 12);
  send("right", "ACK 1", 13);
  send("left", "DATA 4", 20);
  send("right", "ACK 1", 30, { corrupted: true });
  marks.push({ t: 40, side: "left", kind: "note", label: "corrupt: ignored" });
  marks.push({ t: 41, side: "left", kind: "timeout", label: "timeout: resend 1-4" });
  for (let n = 1; n <= 4; n++) send("left", `DATA ${n}`, 40 + n, { retransmission: true });
  for (let n = 1; n <= 4; n++) {
    marks.push({ t: 50 + n, side: "right", kind: "deliver", label: `deliver ${n}` });
    send("right", `ACK ${n + 1}`, 50 + n);
  }
  return { left: "sender", right: "receiver", packets, marks };
}

/** A long bulk transfer: about 3000 packets over 2 s, with periodic losses and timeouts. */
export function congestionLadder(): LadderView {
  const packets: LadderPacketView[] = [];
  const marks: LadderMark[] = [];
  let id = 0;
  let seq = 1;
  for (let t = 0; t < 2000; t += 1.3) {
    const lost = id % 97 === 41;
    packets.push({ id: id++, from: "left", label: `DATA ${seq}`, sentMs: t, arrivedMs: lost ? null : t + 25, lost: lost ? "queue-full" : undefined, dropKey: `d${seq}` });
    if (!lost) packets.push({ id: id++, from: "right", label: `ACK ${seq + 1460}`, sentMs: t + 25, arrivedMs: t + 50 });
    else marks.push({ t: t + 80, side: "left", kind: "timeout", label: "RTO" });
    seq += 1460;
  }
  return { left: "sender", right: "receiver", packets, marks };
}

/** cwnd and ssthresh of Reno over 2 s: slow start, then loss every so often. */
export function renoSeries(): { timeMs: number; cwnd: number; ssthresh: number | null }[] {
  const mss = 1460;
  const out: { timeMs: number; cwnd: number; ssthresh: number | null }[] = [];
  let cwnd = mss;
  let ssthresh: number | null = null;
  for (let t = 0; t <= 2000; t += 5) {
    out.push({ timeMs: t, cwnd: Math.round(cwnd), ssthresh });
    if (cwnd > 40 * mss) {
      ssthresh = Math.round(cwnd / 2);
      cwnd = ssthresh;
    } else if (ssthresh === null || cwnd < ssthresh) cwnd += mss * 0.6;
    else cwnd += (mss * mss) / cwnd;
  }
  return out;
}

/** RFC 7541 C.3.1-C.3.3 (requests without Huffman coding), then a size update and a never-indexed literal. */
export function hpackResult(): HpackDemoResult {
  const authority = { name: ":authority", value: "www.example.com", size: 57 };
  const cacheControl = { name: "cache-control", value: "no-cache", size: 53 };
  const custom = { name: "custom-key", value: "custom-value", size: 54 };
  const get: [string, string][] = [
    [":method", "GET"],
    [":scheme", "http"],
    [":path", "/"],
    [":authority", "www.example.com"],
  ];
  const third: [string, string][] = [
    [":method", "GET"],
    [":scheme", "https"],
    [":path", "/index.html"],
    [":authority", "www.example.com"],
    ["custom-key", "custom-value"],
  ];
  return {
    summary: "4 header blocks encoded and decoded; the dynamic table fills, then a size update evicts the oldest entry.",
    blocks: [
      {
        headers: get,
        hex: "828684410f7777772e6578616d706c652e636f6d",
        fields: [
          { offset: 0, length: 1, kind: "indexed", text: "Indexed field 2 (static): :method: GET" },
          { offset: 1, length: 1, kind: "indexed", text: "Indexed field 6 (static): :scheme: http" },
          { offset: 2, length: 1, kind: "indexed", text: "Indexed field 4 (static): :path: /" },
          { offset: 3, length: 17, kind: "literal-indexed", text: "Literal with incremental indexing, name from index 1 (:authority), added as 62" },
          { offset: 4, length: 16, kind: "value", text: "Value: 15 bytes, no Huffman: www.example.com" },
        ],
        table: [{ index: 62, ...authority }],
        tableSize: 57,
        maxTableSize: 4096,
        decoded: get,
      },
      {
        headers: [...get, ["cache-control", "no-cache"]],
        hex: "828684be58086e6f2d6361636865",
        fields: [
          { offset: 0, length: 1, kind: "indexed", text: "Indexed field 2 (static): :method: GET" },
          { offset: 1, length: 1, kind: "indexed", text: "Indexed field 6 (static): :scheme: http" },
          { offset: 2, length: 1, kind: "indexed", text: "Indexed field 4 (static): :path: /" },
          { offset: 3, length: 1, kind: "indexed", text: "Indexed field 62 (dynamic): :authority: www.example.com" },
          { offset: 4, length: 10, kind: "literal-indexed", text: "Literal with incremental indexing, name from index 24 (cache-control), added as 62" },
          { offset: 5, length: 9, kind: "value", text: "Value: 8 bytes, no Huffman: no-cache" },
        ],
        table: [
          { index: 62, ...cacheControl },
          { index: 63, ...authority },
        ],
        tableSize: 110,
        maxTableSize: 4096,
        decoded: [...get, ["cache-control", "no-cache"]],
      },
      {
        headers: third,
        hex: "828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565",
        fields: [
          { offset: 0, length: 1, kind: "indexed", text: "Indexed field 2 (static): :method: GET" },
          { offset: 1, length: 1, kind: "indexed", text: "Indexed field 7 (static): :scheme: https" },
          { offset: 2, length: 1, kind: "indexed", text: "Indexed field 5 (static): :path: /index.html" },
          { offset: 3, length: 1, kind: "indexed", text: "Indexed field 63 (dynamic): :authority: www.example.com" },
          { offset: 4, length: 25, kind: "literal-indexed", text: "Literal with incremental indexing, new name, added as 62" },
          { offset: 5, length: 11, kind: "name", text: "Name: 10 bytes, no Huffman: custom-key" },
          { offset: 16, length: 13, kind: "value", text: "Value: 12 bytes, no Huffman: custom-value" },
        ],
        table: [
          { index: 62, ...custom },
          { index: 63, ...cacheControl },
          { index: 64, ...authority },
        ],
        tableSize: 164,
        maxTableSize: 4096,
        decoded: third,
      },
      {
        headers: [["password", "secret"]],
        hex: "3f4f100870617373776f726406736563726574",
        fields: [
          { offset: 0, length: 2, kind: "size-update", text: "Dynamic table size update to 110 bytes: evicts :authority" },
          { offset: 2, length: 17, kind: "literal-never-indexed", text: "Literal never indexed, new name (intermediaries must not index it either)" },
          { offset: 3, length: 9, kind: "name", text: "Name: 8 bytes, no Huffman: password" },
          { offset: 12, length: 7, kind: "value", text: "Value: 6 bytes, no Huffman: secret" },
        ],
        table: [
          { index: 62, ...custom },
          { index: 63, ...cacheControl },
        ],
        tableSize: 107,
        maxTableSize: 110,
        decoded: [["password", "secret"]],
      },
    ],
  };
}
