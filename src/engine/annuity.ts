/**
 * The annuity factor a(n) = (1 − (1 + r)^(−n)) / r: the present value of 1 paid at the end of each
 * year for n years. Written as (1 − e^(−x)) / r with x = n·ln(1 + r), each part summed as a series
 * where the plain formula would cancel: near r = 0 (1 + r keeps fewer of r's digits the smaller r
 * is, none below 1e-34, while the quotient tends to n) and near x = 0 (a tiny n, where
 * 1 − (1 + r)^(−n) loses every digit).
 */
import { Dec, ONE, ZERO } from "./numeric";

/** Below this size a series converges in a dozen terms and beats the closed form's cancellation. */
const SERIES_BELOW = new Dec("1e-3");

/** Σ_{k>=1} term_k with term_1 = first and term_(k+1) = term_k × ratio(k), until a term no longer counts. */
function series(first: Dec, ratio: (k: number) => Dec): Dec {
  let sum = ZERO;
  let term = first;
  for (let k = 1; !term.isZero() && !sum.plus(term).equals(sum); k++) {
    sum = sum.plus(term);
    term = term.times(ratio(k));
  }
  return sum;
}

/** ln(1 + r) for r > −1: r − r²/2 + r³/3 − … when r is small. */
function ln1p(rate: Dec): Dec {
  if (rate.abs().greaterThanOrEqualTo(SERIES_BELOW)) return rate.plus(1).ln();
  return series(rate, (k) =>
    rate
      .neg()
      .times(k)
      .div(k + 1)
  );
}

/** 1 − e^(−x): x − x²/2 + x³/6 − … when x is small. */
function oneMinusExpNeg(x: Dec): Dec {
  if (x.abs().greaterThanOrEqualTo(SERIES_BELOW)) return ONE.minus(x.neg().exp());
  return series(x, (k) => x.neg().div(k + 1));
}

/**
 * a(n) for any n > 0 and r > −1, fractional n included: the formula as the spec writes it (for a
 * fractional n it is the continuous extension, not a stub period). a(n) = n when r = 0.
 */
export function annuityFactor(rate: Dec, years: Dec): Dec {
  if (rate.isZero()) return years;
  return oneMinusExpNeg(years.times(ln1p(rate))).div(rate);
}
