import DecimalBase from "decimal.js";
import { numericFailure } from "./errors";

/**
 * The engine's decimal type: a private clone so that no other code's Decimal settings change
 * ours. 34 significant digits (IEEE decimal128) leaves ample room over the 1e-12 relative accuracy
 * the spec asks of every result.
 */
export const Dec = DecimalBase.clone({ precision: 34, rounding: DecimalBase.ROUND_HALF_EVEN });
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);
export const ONE = new Dec(1);

/** The nearest double to a decimal result; a result outside a double's range is #NUM!. */
export function toDouble(value: Dec, what: string): number {
  const double = value.toNumber();
  if (!Number.isFinite(double)) throw numericFailure(`${what} is too large to represent`);
  return Object.is(double, -0) ? 0 : double;
}

export const decMin = (a: Dec, b: Dec): Dec => (a.lessThan(b) ? a : b);

/** Continuous-compounding equivalent of an annual effective rate: r_c = ln(1 + r). */
export const continuousRate = (annualRate: Dec): Dec => annualRate.plus(1).ln();

/** (1 + r)^(−t): the discount factor for an annual effective rate over t years. */
export const discountFactor = (annualRate: Dec, years: Dec): Dec =>
  annualRate.plus(1).pow(years.neg());
