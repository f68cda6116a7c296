/** One cell of a CSV file: text, a number, or empty (null, undefined). */
export type CsvCell = string | number | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula (or strip into one): see OWASP "CSV injection". */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break (quotes
 * doubled). A text that a spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return) is prefixed with a single quote, so it is shown, never evaluated. Numbers are
 * written as numbers (a negative number is data, not a formula); one that is not finite is empty.
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A whole CSV document: a UTF-8 byte order mark (so spreadsheet programs read the accents right),
 * then every row, each line ended with CRLF (RFC 4180).
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('')}`;
}
