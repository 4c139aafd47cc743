/**
 * exp and ln for the closed-form functions, in double precision.
 *
 * Measured on this machine (Node 20, decimal.js 10.6 at 34 digits): exp takes about 35 µs, ln
 * 55 µs and a fractional power 90 µs, against a budget of 20 µs for a whole call through the
 * adapter; Math.exp, Math.log1p and Math.expm1 take well under a microsecond and are within an
 * ulp. So the transcendental steps run here, in forms that keep relative accuracy (log1p for
 * ln(1 + r), expm1 for e^x − 1), and hand back Dec so that the amounts around them stay decimal.
 * Results are not limited to a double's exponent range: e^(−900) on a large amount is built in
 * decimal. Where a difference of such logarithms cancels, the callers use decimal.js instead.
 */
import { Dec, decFromDouble, decToNumber, ZERO } from "./numeric";

/** Every result stays within 1e-12 relative of exact; a fast path must keep its error well inside. */
export const TOLERANCE = 1e-13;

/** A double's unit roundoff: the relative error of one rounding. */
export const UNIT_ROUNDOFF = Number.EPSILON / 2;

/** e^x is computed directly in a double up to here; beyond, e^(−x) would be subnormal. */
export const DOUBLE_EXP_LIMIT = 700;

/** Where a double stops carrying 53 bits. */
const SMALLEST_NORMAL = 2.2250738585072014e-308;

/** e^x as a Dec; beyond a double's range as the integer power of a double e^(x/n). */
export function decExp(x: number): Dec {
  if (Math.abs(x) <= DOUBLE_EXP_LIMIT) return decFromDouble(Math.exp(x));
  if (!Number.isFinite(x)) return x > 0 ? new Dec(Infinity) : ZERO;
  const parts = Math.ceil(Math.abs(x) / DOUBLE_EXP_LIMIT);
  return decFromDouble(Math.exp(x / parts)).pow(parts);
}

/** e^x·m as a Dec: one double product where that stays in a double's normal range. */
export function expTimes(x: number, m: number): Dec {
  const product = Math.exp(x) * m;
  return Math.abs(x) <= DOUBLE_EXP_LIMIT &&
    Math.abs(product) >= SMALLEST_NORMAL &&
    Math.abs(product) < Infinity
    ? decFromDouble(product)
    : decExp(x).times(m);
}

/** e^x − 1 as a Dec, without the cancellation of e^x − 1 near x = 0. */
export function decExpm1(x: number): Dec {
  return x <= DOUBLE_EXP_LIMIT ? decFromDouble(Math.expm1(x)) : decExp(x).minus(1);
}

// Made once: a comparison with a plain number reads it through its text on every call.
const HALF = new Dec(0.5);
const TWO = new Dec(2);

/** ln(1 + r) for a rate r > −1: the continuous rate r_c of the spec. */
export function ln1p(rate: Dec): number {
  // Near −1, rounding r to a double would cost 1 + r most of its digits: form 1 + r in decimal first.
  return rate.abs().lessThan(HALF) ? Math.log1p(decToNumber(rate)) : ln(rate.plus(1));
}

/** ln(x) for x > 0. */
export function ln(x: Dec): number {
  if (x.greaterThanOrEqualTo(HALF) && x.lessThanOrEqualTo(TWO))
    return Math.log1p(decToNumber(x.minus(1)));
  const double = decToNumber(x);
  return double >= SMALLEST_NORMAL && double < Infinity ? Math.log(double) : x.ln().toNumber();
}

/** (1 + r)^(−t) as a Dec. */
export function fastDiscountFactor(rate: Dec, years: Dec): Dec {
  return decExp(-decToNumber(years) * ln1p(rate));
}
