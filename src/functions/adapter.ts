/**
 * The one path from Excel's argument shapes to the engine and back, shared by the custom
 * functions, the CLI and the benchmarks. Host-free: Excel errors come back as plain objects,
 * which `functions.ts` turns into CustomFunctions.Error and the CLI prints.
 */
import { Args, ArgValue, DealFunction, ParamSpec, Table } from "../engine/definition";
import { ExcelErrorCode, invalidValue, isDealError, notAvailable } from "../engine/errors";
import { describeCell, numberFromCell, parseNumberCell } from "../engine/cells";
import { Dec, ZERO } from "../engine/numeric";
import { validateArgs } from "../engine/validate";

export interface CellError {
  error: ExcelErrorCode;
  message: string;
}
export type CellValue = number | string | CellError;
export type CellResult = CellValue | CellValue[][];

/** Excel's shape for a range; a scalar for a single cell. */
type Raw = unknown;

const isOmitted = (raw: Raw): boolean => raw === null || raw === undefined || raw === "";

function shapeOf(range: unknown[][]): string {
  return `a ${range.length}×${range[0]?.length ?? 0} range`;
}

/** Unwraps a 1×1 range; a larger range where one value belongs is #VALUE!. */
function single(raw: Raw, label: string): Raw {
  if (!Array.isArray(raw)) return raw;
  const cells = raw.flat();
  if (raw.length === 1 && cells.length === 1) return cells[0];
  throw invalidValue(`${label} must be a single value, not ${shapeOf(raw as unknown[][])}`);
}

function coerceNumberList(raw: Raw, label: string): Dec[] | undefined {
  if (!Array.isArray(raw)) return isOmitted(raw) ? undefined : [numberFromCell(raw, label)];
  const rows = raw as unknown[][];
  if (rows.length > 1 && rows.some((row) => !Array.isArray(row) || row.length > 1)) {
    throw invalidValue(`${label} must be a single row or column, not ${shapeOf(rows)}`);
  }
  // Loops rather than flat/map: a schedule has a cell per period, and this runs for each one.
  const cells: unknown[] = [];
  for (const row of rows) {
    if (Array.isArray(row)) for (const cell of row) cells.push(cell);
    else cells.push(row);
  }
  if (cells.every(isOmitted)) return undefined;
  // A blank inside a list is 0, as in SUM: it keeps later periods in place in a schedule, and a
  // zero probability or hazard changes nothing when triggers combine. The label is built only
  // for a message.
  const numbers: Dec[] = new Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    numbers[i] = isOmitted(cell)
      ? ZERO
      : (parseNumberCell(cell) ??
        numberFromCell(cell, cells.length > 1 ? `${label} item ${i + 1}` : label));
  }
  return numbers;
}

function coerceArg(param: ParamSpec, raw: Raw): ArgValue {
  const label = param.name;
  switch (param.kind) {
    case "number": {
      const cell = single(raw, label);
      return isOmitted(cell) ? undefined : numberFromCell(cell, label);
    }
    case "numberList":
      return coerceNumberList(raw, label);
    case "choice":
    case "text": {
      const cell = single(raw, label);
      if (isOmitted(cell)) return undefined;
      if (typeof cell !== "string")
        throw invalidValue(`${label} must be text (got ${describeCell(cell)})`);
      return cell;
    }
    case "table":
      if (isOmitted(raw)) return undefined;
      return Array.isArray(raw) ? (raw as unknown[][]) : [[raw]];
  }
}

/** The most characters an Excel cell holds. */
const CELL_TEXT_LIMIT = 32767;

/**
 * A spilled table shown inside one cell of an "all" listing: "A → B → A: 5; …". A table longer
 * than a cell can hold (a long schedule) ends with how many rows it has, so the text is never cut
 * mid-number.
 */
function summarizeTable(table: Table): string {
  const text = table.map((row) => row.join(": ")).join("; ");
  if (text.length <= CELL_TEXT_LIMIT) return text;
  const tail = ` … (${table.length} rows: ask for this field alone to spill them)`;
  const cut = text.lastIndexOf("; ", CELL_TEXT_LIMIT - tail.length);
  return text.slice(0, cut) + tail;
}

function asCellError(error: unknown): CellError {
  if (isDealError(error)) return { error: error.code, message: error.message };
  // Anything else is a defect; a cell shows #NUM! rather than a JavaScript error text.
  return { error: "#NUM!", message: "" };
}

function selectOutput(fn: DealFunction, raw: Raw): string {
  const cell = single(raw, "output");
  if (isOmitted(cell)) return fn.headline;
  if (typeof cell !== "string")
    throw invalidValue(`output must be a field name (got ${describeCell(cell)})`);
  const wanted = cell.trim().toLowerCase();
  if (wanted === "all") return "all";
  const field = [fn.headline, ...fn.fields].find((name) => name.toLowerCase() === wanted);
  if (!field)
    throw notAvailable(`unknown output "${cell}"; valid fields: ${fn.fields.join(", ")}, all`);
  return field;
}

/**
 * Evaluates one DEAL function the way a cell does: `rawArgs` are the function's parameters in
 * order, then the optional `output`, each as Excel passes it (null when omitted, a 2-D array for
 * a range). Never throws.
 */
export function callDealFunction(fn: DealFunction, rawArgs: readonly Raw[]): CellResult {
  try {
    if (rawArgs.length > fn.params.length + 1) {
      throw invalidValue(`${fn.name} takes at most ${fn.params.length + 1} arguments`);
    }
    const coerced: Record<string, ArgValue> = {};
    fn.params.forEach((param, i) => (coerced[param.name] = coerceArg(param, rawArgs[i])));
    const output = selectOutput(fn, rawArgs[fn.params.length]);
    const outputs = fn.evaluate(validateArgs(fn, coerced as Args));
    if (output !== "all") return outputs[output]();
    return fn.fields.map((field): CellValue[] => {
      try {
        const value = outputs[field]();
        return [field, Array.isArray(value) ? summarizeTable(value) : value];
      } catch (error) {
        return [field, asCellError(error)];
      }
    });
  } catch (error) {
    return asCellError(error);
  }
}

export function isCellError(value: unknown): value is CellError {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "error" in value;
}
