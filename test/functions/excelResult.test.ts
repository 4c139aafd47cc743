/**
 * The step from the adapter's results to Excel's: errors become CustomFunctions.Error (thrown for
 * one cell, in place inside a spill), single values become 1×1 spills. CustomFunctions exists only
 * inside Excel, so the test provides the small part of it this module uses.
 */
class FakeExcelError {
  constructor(
    public code: string,
    public message?: string
  ) {}
}
(globalThis as Record<string, unknown>).CustomFunctions = {
  Error: FakeExcelError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
};

const { evaluate, spillResult } = require("../../src/functions/excelResult");

describe("Excel results", () => {
  it("returns a headline value as a 1×1 spill", () => {
    expect(spillResult(evaluate("VALUATION_STEP", [300, 100, null, null, null]))).toEqual([[400]]);
  });

  it("throws #VALUE! with the parameter's rule for a single-cell error", () => {
    expect(() => spillResult(evaluate("VALUATION_STEP", [0, 100]))).toThrow(
      expect.objectContaining({
        code: "#VALUE!",
        message: "pre_money must be greater than 0 (got 0)",
      })
    );
  });

  it('puts #N/A in place inside an "all" spill for a field that needs a missing argument', () => {
    const spill = spillResult(evaluate("VALUATION_STEP", [300, 100, null, null, "all"]));
    expect(spill[0]).toEqual(["post_money", 400]);
    expect(spill[3][1]).toEqual(new FakeExcelError("#N/A", "step_up needs prior_post_money"));
  });

  it("shows #NUM! without a message, as Excel does", () => {
    expect(() => spillResult({ error: "#NUM!", message: "did not converge" })).toThrow(
      expect.objectContaining({ code: "#NUM!", message: undefined })
    );
  });
});
