/**
 * CSV for gradebooks (RFC 4180), safe to open in a spreadsheet: a cell that
 * starts with = + - @ (or a tab or carriage return) would run as a formula
 * ("CSV injection"), so it gets a leading single quote, as OWASP advises.
 * Folder names and messages come from students, so every cell goes through here.
 */

/** One CSV line (no line break) from `cells`. */
export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(",");
}

/** One cell: neutralised, then quoted when it holds a quote, comma, line break or edge space. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A message on one line of at most `max` characters: no control characters, no lone surrogates. */
export function oneLine(text: string, max = 300): string {
  const flat = text
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, " ")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
    .replace(/ {2,}/g, " ")
    .trim();
  if (flat.length <= max) return flat;
  // Never cut a surrogate pair in two.
  const cut = /[\ud800-\udbff]/.test(flat[max - 2]!) ? max - 2 : max - 1;
  return `${flat.slice(0, cut)}…`;
}
