/**
 * The one error type the engine raises. Its code is the Excel error a cell shows; the message
 * says what to fix. Only #VALUE! and #N/A carry messages in Excel, so domain problems use those.
 */
export type ExcelErrorCode = "#VALUE!" | "#N/A" | "#NUM!";

export class DealError extends Error {
  constructor(
    public readonly code: ExcelErrorCode,
    message: string
  ) {
    super(message);
    this.name = "DealError";
  }
}

/** A wrong type or a value outside its domain. */
export const invalidValue = (message: string): DealError => new DealError("#VALUE!", message);

/** A field that cannot be given: an unknown name, or an argument it needs was not given. */
export const notAvailable = (message: string): DealError => new DealError("#N/A", message);

/** A computation that does not converge or leaves the range of a double. */
export const numericFailure = (message: string): DealError => new DealError("#NUM!", message);

export function isDealError(error: unknown): error is DealError {
  return error instanceof DealError;
}
