/**
 * The values a spreadsheet formula computes with, and Excel's coercions between them. Numbers are
 * doubles, as in Excel and LibreOffice. A blank cell is null. Ranges and arrays are grids.
 *
 * Where Excel's behaviour depends on something this evaluator does not model (locale-dependent
 * text to number, implicit intersection…), the evaluator throws Uncomputable: a cell then gets no
 * cached value rather than a wrong one.
 */

export const ERROR_CODES = ["#N/A", "#DIV/0!", "#NUM!", "#VALUE!", "#REF!", "#NAME?", "#NULL!"];
export type ErrorCode = "#N/A" | "#DIV/0!" | "#NUM!" | "#VALUE!" | "#REF!" | "#NAME?" | "#NULL!";

/** An Excel error value, in the shape ExcelJS writes and reads ({ error: "#N/A" }). */
export interface FormulaError {
  error: ErrorCode;
}

export type Scalar = number | string | boolean | FormulaError | null;

/** A range or an array: rows of scalars. `reference` marks a range read from cells (SUM skips its text). */
export interface Grid {
  grid: Scalar[][];
  reference: boolean;
}

export type Value = Scalar | Grid;

export const excelError = (error: ErrorCode): FormulaError => ({ error });
export const NA = excelError("#N/A");
export const DIV0 = excelError("#DIV/0!");
export const NUM = excelError("#NUM!");
export const VALUE = excelError("#VALUE!");

/** The evaluator cannot promise Excel's value here: the cell gets no cached value. */
export class Uncomputable extends Error {}

/** Thrown by a coercion to return an Excel error from the function that asked for it. */
export class ErrorResult extends Error {
  constructor(readonly value: FormulaError) {
    super(value.error);
  }
}

export const isError = (value: unknown): value is FormulaError =>
  typeof value === "object" && value !== null && "error" in value;

export const isGrid = (value: Value): value is Grid =>
  typeof value === "object" && value !== null && "grid" in value;

export const gridOf = (rows: Scalar[][], reference = false): Grid => ({ grid: rows, reference });

/** A 1×1 grid is its one value; a larger one in a scalar place needs implicit intersection. */
export function toScalar(value: Value): Scalar {
  if (!isGrid(value)) return value;
  if (value.grid.length === 1 && value.grid[0].length === 1) return value.grid[0][0];
  throw new Uncomputable("a range where one value is expected (implicit intersection)");
}

/** Text every host reads as the same number: digits, a point, an exponent. */
export const PLAIN_NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** Excel's text to number: plain numerals only; currency, percent or date text is not modelled. */
function textToNumber(text: string): number {
  if (PLAIN_NUMBER.test(text)) return Number(text);
  if (/\d/.test(text)) throw new Uncomputable(`text "${text}" that Excel might read as a number`);
  throw new ErrorResult(VALUE);
}

/** A scalar as a number for arithmetic: blank is 0, TRUE is 1, numeric text its number. */
export function toNumber(value: Scalar): number {
  if (value === null) return 0;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") return textToNumber(value);
  throw new ErrorResult(value);
}

/** A number as Excel's General format turns it into text (15 significant digits). */
export function numberToText(value: number): string {
  if (value === 0) return "0";
  const text = String(Number(value.toPrecision(15)));
  // Excel switches to scientific notation by rules this evaluator does not copy.
  if (/e/i.test(text) || Math.abs(value) < 1e-5 || Math.abs(value) >= 1e15)
    throw new Uncomputable(`the text of ${value} in Excel's General format`);
  return text;
}

export function toText(value: Scalar): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberToText(value);
  // Excel writes TRUE, LibreOffice 1.
  if (typeof value === "boolean") throw new Uncomputable("a boolean as text (hosts differ)");
  throw new ErrorResult(value);
}

export function toBoolean(value: Scalar): boolean {
  if (value === null) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") {
    if (/^true$/i.test(value)) return true;
    if (/^false$/i.test(value)) return false;
    throw new ErrorResult(VALUE);
  }
  throw new ErrorResult(value);
}

/** A finite number, or #NUM! (Excel's result for overflow and undefined values). */
export function checkedNumber(value: number): number | FormulaError {
  return Number.isFinite(value) ? value : NUM;
}

const E48 = 1 / 2 ** 48;

/**
 * Whether two doubles are equal up to the last few bits, as LibreOffice's rtl::math::approxEqual
 * decides (Excel behaves alike): sums that cancel become exactly 0, and "=" ignores round-off.
 */
export function approxEqual(a: number, b: number): boolean {
  if (a === b) return true;
  if (a === 0 || b === 0) return false;
  const difference = Math.abs(a - b);
  return difference < Math.abs(a) * E48 && difference < Math.abs(b) * E48;
}

/** a + b, exactly 0 when the two cancel to round-off. */
export function approxAdd(a: number, b: number): number {
  if (((a < 0 && b > 0) || (a > 0 && b < 0)) && approxEqual(a, -b)) return 0;
  return a + b;
}

/** a <op> b for numbers, with round-off counted as equal (as "=" decides). */
export function compareNumbers(operator: string, a: number, b: number): boolean {
  const equal = approxEqual(a, b);
  switch (operator) {
    case "<":
      return a < b && !equal;
    case "<=":
      return a < b || equal;
    case ">":
      return a > b && !equal;
    case ">=":
      return a > b || equal;
    case "<>":
      return !equal;
    default:
      return equal;
  }
}
