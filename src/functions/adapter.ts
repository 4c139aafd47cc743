/**
 * The one path from Excel's argument shapes to the engine and back, shared by the custom
 * functions, the CLI and the benchmarks. Host-free: Excel errors come back as plain objects,
 * which `functions.ts` turns into CustomFunctions.Error and the CLI prints.
 */
import { Args, ArgValue, DealFunction, ParamSpec, Table } from "../engine/definition";
import { ExcelErrorCode, invalidValue, isDealError, notAvailable } from "../engine/errors";
import { Dec } from "../engine/numeric";
import { validateArgs } from "../engine/validate";

export interface CellError {
  error: ExcelErrorCode;
  message: string;
}
export type CellValue = number | string | CellError;
export type CellResult = CellValue | CellValue[][];

/** Excel's shape for a range; a scalar for a single cell. */
type Raw = unknown;

const NUMERIC_TEXT = /^[+-]?(\d[\d,]*\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i;

const isOmitted = (raw: Raw): boolean => raw === null || raw === undefined || raw === "";

const describeRaw = (raw: Raw): string => (typeof raw === "string" ? `"${raw}"` : String(raw));

function shapeOf(range: unknown[][]): string {
  return `a ${range.length}×${range[0]?.length ?? 0} range`;
}

/** A single cell's value as a number: numbers, and numbers typed as text ("1e9", "35%", "1,000"). */
function coerceNumber(raw: Raw, label: string): Dec {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) throw invalidValue(`${label} must be a finite number`);
    return new Dec(raw);
  }
  if (typeof raw === "string") {
    const text = raw.trim();
    if (NUMERIC_TEXT.test(text)) {
      const plain = text.replace(/,/g, "");
      const value = plain.endsWith("%") ? new Dec(plain.slice(0, -1)).div(100) : new Dec(plain);
      if (value.isFinite() && Number.isFinite(value.toNumber())) return value;
    }
    throw invalidValue(`${label} must be a number (got ${describeRaw(raw)})`);
  }
  if (typeof raw === "boolean") throw invalidValue(`${label} must be a number, not ${raw ? "TRUE" : "FALSE"}`);
  throw invalidValue(`${label} must be a number`);
}

/** Unwraps a 1×1 range; a larger range where one value belongs is #VALUE!. */
function single(raw: Raw, label: string): Raw {
  if (!Array.isArray(raw)) return raw;
  const cells = raw.flat();
  if (raw.length === 1 && cells.length === 1) return cells[0];
  throw invalidValue(`${label} must be a single value, not ${shapeOf(raw as unknown[][])}`);
}

function coerceNumberList(raw: Raw, label: string): Dec[] | undefined {
  if (!Array.isArray(raw)) return isOmitted(raw) ? undefined : [coerceNumber(raw, label)];
  const rows = raw as unknown[][];
  if (rows.length > 1 && rows.some((row) => !Array.isArray(row) || row.length > 1)) {
    throw invalidValue(`${label} must be a single row or column, not ${shapeOf(rows)}`);
  }
  const cells = rows.flat().filter((cell) => !isOmitted(cell));
  if (cells.length === 0) return undefined;
  return cells.map((cell, i) => coerceNumber(cell, cells.length > 1 ? `${label} item ${i + 1}` : label));
}

function coerceArg(param: ParamSpec, raw: Raw): ArgValue {
  const label = param.name;
  switch (param.kind) {
    case "number": {
      const cell = single(raw, label);
      return isOmitted(cell) ? undefined : coerceNumber(cell, label);
    }
    case "numberList":
      return coerceNumberList(raw, label);
    case "choice":
    case "text": {
      const cell = single(raw, label);
      if (isOmitted(cell)) return undefined;
      if (typeof cell !== "string") throw invalidValue(`${label} must be text (got ${describeRaw(cell)})`);
      return cell;
    }
    case "table":
      if (isOmitted(raw)) return undefined;
      return Array.isArray(raw) ? (raw as unknown[][]) : [[raw]];
  }
}

/** A spilled table shown inside one cell of an "all" listing: "A → B → A: 5; …". */
const summarizeTable = (table: Table): string => table.map((row) => row.join(": ")).join("; ");

function asCellError(error: unknown): CellError {
  if (isDealError(error)) return { error: error.code, message: error.message };
  // Anything else is a defect; a cell shows #NUM! rather than a JavaScript error text.
  return { error: "#NUM!", message: "" };
}

function selectOutput(fn: DealFunction, raw: Raw): string {
  const cell = single(raw, "output");
  if (isOmitted(cell)) return fn.headline;
  if (typeof cell !== "string") throw invalidValue(`output must be a field name (got ${describeRaw(cell)})`);
  const wanted = cell.trim().toLowerCase();
  if (wanted === "all") return "all";
  const field = [fn.headline, ...fn.fields].find((name) => name.toLowerCase() === wanted);
  if (!field) throw notAvailable(`unknown output "${cell}"; valid fields: ${fn.fields.join(", ")}, all`);
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
