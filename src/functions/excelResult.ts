/**
 * The last step to a cell: the adapter's host-free result in the shapes Excel expects. Errors
 * become CustomFunctions.Error (thrown for a single cell, in place inside a spill).
 */
import { CellError, CellResult, callDealFunction, isCellError } from "./adapter";
import { findFunction } from "./catalog";

function toExcelError({ error, message }: CellError): CustomFunctions.Error {
  // Read on use: CustomFunctions exists only once Excel has loaded the runtime (not in a preview).
  const { invalidValue, notAvailable, invalidNumber } = CustomFunctions.ErrorCode;
  // Excel shows messages only for #VALUE! and #N/A; #NUM! stands alone.
  if (error === "#NUM!") return new CustomFunctions.Error(invalidNumber);
  return new CustomFunctions.Error(error === "#VALUE!" ? invalidValue : notAvailable, message);
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
