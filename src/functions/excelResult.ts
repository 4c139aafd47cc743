/**
 * The last step to a cell: the adapter's host-free result in the shapes Excel expects. Errors
 * become CustomFunctions.Error (thrown for a single cell, in place inside a spill).
 */
import { CellError, CellResult, callDealFunction, isCellError } from "./adapter";
import { findFunction } from "./catalog";

const ERROR_CODES: Record<CellError["error"], CustomFunctions.ErrorCode> = {
  "#VALUE!": CustomFunctions.ErrorCode.invalidValue,
  "#N/A": CustomFunctions.ErrorCode.notAvailable,
  "#NUM!": CustomFunctions.ErrorCode.invalidNumber,
};

function toExcelError({ error, message }: CellError): CustomFunctions.Error {
  // Excel shows messages only for #VALUE! and #N/A; #NUM! stands alone.
  return error === "#NUM!"
    ? new CustomFunctions.Error(ERROR_CODES[error])
    : new CustomFunctions.Error(ERROR_CODES[error], message);
}

type ExcelCell = number | string | CustomFunctions.Error;

/** For functions declared to return a matrix (they can spill): a single value is a 1×1 matrix. */
export function spillResult(result: CellResult): ExcelCell[][] {
  if (isCellError(result)) throw toExcelError(result);
  if (!Array.isArray(result)) return [[result]];
  return result.map((row) => row.map((cell) => (isCellError(cell) ? toExcelError(cell) : cell)));
}

/** Evaluates a catalog function by its Excel id with the arguments as Excel passed them. */
export function evaluate(name: string, args: unknown[]): CellResult {
  const fn = findFunction(name);
  if (!fn) throw new Error(`DEAL.${name} is not in the function catalog`);
  return callDealFunction(fn, args);
}
