/** Assertions on what a cell shows, for tests that go through the custom-function adapter. */
import { CellResult, isCellError } from "../../src/functions/adapter";

/** The number a cell shows; anything else fails with what it got. */
export function numberOf(result: CellResult): number {
  if (typeof result !== "number")
    throw new Error(`expected a number, got ${JSON.stringify(result)}`);
  return result;
}

/** The spill a cell shows; anything else fails with what it got. */
export function tableOf(result: CellResult): unknown[][] {
  if (!Array.isArray(result)) throw new Error(`expected a spill, got ${JSON.stringify(result)}`);
  return result;
}

/** |actual − expected| within `relative` of `scale` (|expected| unless a sum's terms set it). */
export function expectClose(
  actual: number,
  expected: number,
  relative = 1e-12,
  scale = Math.abs(expected)
): void {
  const tolerance = relative * scale;
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new Error(`expected ${expected} ± ${tolerance}, got ${actual}`);
  }
}

/** The Excel error a cell shows, and its message. */
export function expectError(result: CellResult, code: string, message: string | RegExp): void {
  if (!isCellError(result)) throw new Error(`expected ${code}, got ${JSON.stringify(result)}`);
  expect(result.error).toBe(code);
  if (typeof message === "string") expect(result.message).toBe(message);
  else expect(result.message).toMatch(message);
}
