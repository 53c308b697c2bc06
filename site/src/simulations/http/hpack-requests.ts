/**
 * The HPACK simulation's requests: written as `name: value` lines, and their
 * size as HTTP/1.1 text for comparison. Shared by the live model (hpack.ts)
 * and "Use my code" (your-code/hpack-driver.ts), which must not ship the encoder.
 */

export type Header = readonly [name: string, value: string];

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The same fields written as HTTP/1.1 text: a request line from the pseudo-fields, then `name: value` lines, each ending in CRLF. */
export function http1Size(headers: readonly Header[]): number {
  const get = (n: string) => headers.find(([name]) => name === n)?.[1] ?? "";
  let size = 0;
  if (headers.some(([n]) => n === ":method")) size += `${get(":method")} ${get(":path")} HTTP/1.1\r\n`.length;
  else if (headers.some(([n]) => n === ":status")) size += `HTTP/1.1 ${get(":status")} \r\n`.length;
  for (const [name, value] of headers) {
    if (name === ":authority") size += `host: ${value}\r\n`.length;
    else if (!name.startsWith(":")) size += utf8(`${name}: ${value}\r\n`).length;
  }
  return size + 2; // the empty line that ends the header section
}

/** Reads requests written as `name: value` lines, one blank line between requests. */
export function parseRequests(text: string): Header[][] {
  const requests: Header[][] = [];
  let current: Header[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === "") {
      if (current.length > 0) requests.push(current);
      current = [];
      continue;
    }
    // A pseudo-field starts with ':', so look for the separating colon after the first character.
    const colon = trimmed.indexOf(":", 1);
    if (colon < 0) continue;
    current.push([trimmed.slice(0, colon).trim(), trimmed.slice(colon + 1).trim()]);
  }
  if (current.length > 0) requests.push(current);
  return requests;
}
