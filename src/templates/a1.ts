/**
 * A1 addresses, sheet-name quoting and defined-name rules: the small pure helpers every sheet
 * plan and every writer share, so an address is computed once and never typed by hand.
 * Rows and columns are 1-based, as in Excel.
 */

/** Excel's last column (XFD) and row. */
export const MAX_COLUMN = 16384;
export const MAX_ROW = 1048576;

function checkPosition(row: number, column: number): void {
  if (!Number.isInteger(row) || row < 1 || row > MAX_ROW)
    throw new RangeError(`row ${row} is outside 1..${MAX_ROW}`);
  if (!Number.isInteger(column) || column < 1 || column > MAX_COLUMN) {
    throw new RangeError(`column ${column} is outside 1..${MAX_COLUMN}`);
  }
}

/** 1 → "A", 27 → "AA", 16384 → "XFD". */
export function columnLetters(column: number): string {
  checkPosition(1, column);
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** "A" → 1, "xfd" → 16384. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) throw new RangeError(`"${letters}" is not a column`);
  const column = [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  checkPosition(1, column);
  return column;
}

/** (4, 2) → "B4"; absolute → "$B$4". */
export function cellAddress(row: number, column: number, absolute = false): string {
  checkPosition(row, column);
  const dollar = absolute ? "$" : "";
  return `${dollar}${columnLetters(column)}${dollar}${row}`;
}

/** A rectangle's address; a single cell stays "B4". */
export function rangeAddress(
  top: number,
  left: number,
  bottom: number,
  right: number,
  absolute = false
): string {
  const start = cellAddress(Math.min(top, bottom), Math.min(left, right), absolute);
  const end = cellAddress(Math.max(top, bottom), Math.max(left, right), absolute);
  return start === end ? start : `${start}:${end}`;
}

/** "B4" or "$B$4" → { row: 4, column: 2 }. */
export function parseCellAddress(address: string): { row: number; column: number } {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!match) throw new RangeError(`"${address}" is not a cell address`);
  const position = { row: Number(match[2]), column: columnIndex(match[1]) };
  checkPosition(position.row, position.column);
  return position;
}

/** Characters Excel forbids in a sheet name. */
const SHEET_FORBIDDEN = /[:\\/?*[\]]/;

export function isValidSheetName(name: string): boolean {
  return (
    name.length >= 1 && name.length <= 31 && !SHEET_FORBIDDEN.test(name) && !/^'|'$/.test(name)
  );
}

/** The sheet prefix of a reference: Inputs! or 'Vendor loop'! (quotes doubled inside). */
export function sheetPrefix(sheet: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !looksLikeReference(sheet);
  return plain ? `${sheet}!` : `'${sheet.replace(/'/g, "''")}'!`;
}

/** "B4", "XFD1048576", "R1C1", "R", "C": names Excel reads as references. */
function looksLikeReference(name: string): boolean {
  return (
    /^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr](\d*)([Cc]\d*)?$/.test(name) || /^[Cc]\d*$/.test(name)
  );
}

/**
 * A defined name Excel and LibreOffice both accept: a letter or underscore first, then letters,
 * digits, underscores and dots, at most 255 characters, and nothing that reads as a cell
 * reference (NPV1 is a cell: column NPV exists).
 */
export function isValidDefinedName(name: string): boolean {
  return (
    name.length <= 255 &&
    /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) &&
    !looksLikeReference(name) &&
    !/^(TRUE|FALSE)$/i.test(name)
  );
}

/** A rectangle of cells, 1-based and inclusive. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "B4" or "$B$4:$C$9" → its rectangle. */
export function parseRange(address: string): Rect {
  const [start, end = start] = address.split(":");
  const a = parseCellAddress(start);
  const b = parseCellAddress(end);
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.column, b.column),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.column, b.column),
  };
}
