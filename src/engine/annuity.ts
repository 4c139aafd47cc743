/**
 * The annuity factor a(n) = (1 − (1 + r)^(−n)) / r: the present value of 1 paid at the end of each
 * year for n years. Written as −expm1(−x) / r with x = n·ln(1 + r), so neither part cancels: near
 * r = 0 ln1p keeps r's digits and the quotient tends to n; near x = 0 expm1 keeps x's. The
 * transcendental steps run in double precision through src/engine/elementary.ts (decimal.js's ln
 * and exp cost about 90 µs a call against a 20 µs budget; expm1 and log1p are within an ulp).
 */
import { decExpm1, ln1p } from "./elementary";
import { Dec } from "./numeric";

/**
 * a(n) for any n > 0 and r > −1, fractional n included: the formula as the spec writes it (for a
 * fractional n it is the continuous extension, not a stub period). a(n) = n when r = 0.
 */
export function annuityFactor(rate: Dec, years: Dec): Dec {
  if (rate.isZero()) return years;
  return decExpm1(-years.toNumber() * ln1p(rate))
    .neg()
    .div(rate);
}
