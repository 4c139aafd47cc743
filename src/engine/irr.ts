/**
 * The internal rate of return of a flow by period: the rate r in (−1, ∞) with
 * Σ f_t·(1 + r)^(−t) = 0, given only when there is exactly one such rate.
 *
 * With x = 1/(1 + r) the NPV is the polynomial p(x) = Σ f_t·x^t on x in (0, ∞), so the roots are
 * counted, not just one of them found:
 * - Descartes' rule of signs bounds the positive roots by the sign changes of f: none means no
 *   rate, one means exactly one rate (then no search is needed);
 * - otherwise the NPV's sign is sampled on a grid of u = 1/(2 + r), which maps (−1, ∞) onto
 *   (0, 1), together with the NPV's turning points between grid points (the sign changes of its
 *   derivative): two roots closer together than the grid show as a turning point of the other
 *   sign, a double root as a turning point at zero within rounding.
 * Each root is then narrowed by bisection, first in u (from the infinite ends), then in r to
 * 1e-14 relative (or adjacent doubles). Signs come from double-precision Horner sums with a rounding bound; where the
 * bound does not settle the sign, the sum is redone in decimal.
 */
import { UNIT_ROUNDOFF } from "./elementary";
import { numericFailure } from "./errors";
import { Dec, toDouble, ZERO } from "./numeric";

/** The bracket's relative width at which a rate is settled. */
const RATE_PRECISION = 1e-14;

/** Most grid points for the sign search; with few periods 8 per period, at least 256. */
const MAX_GRID = 2048;

/** The flow's polynomial, in the two forms that keep every power of the variable <= 1. */
class NpvPolynomial {
  private readonly doubles: number[];
  private readonly last: number;

  constructor(private readonly flows: readonly Dec[]) {
    // scaled by the largest flow, so that no double overflows (the roots do not change); in
    // doubles where the largest is a normal double, in decimal beyond
    const largest = flows.reduce((max, f) => (f.abs().greaterThan(max) ? f.abs() : max), ZERO);
    const scale = largest.toNumber();
    this.doubles =
      scale < 1e300 && scale > 1e-300
        ? flows.map((f) => f.toNumber() / scale)
        : flows.map((f) => f.div(largest).toNumber());
    this.last = flows.length - 1;
  }

  /**
   * The NPV at r times a positive factor, in doubles: Σ f_t·x^t with x = 1/(1 + r) for r >= 0,
   * and (1 + r)^n·NPV = Σ f_t·y^(n−t) with y = 1 + r below; with a bound on its rounding: Horner's
   * running error bound u·(2μ − |value|) (Higham, Accuracy and Stability of Numerical Algorithms,
   * algorithm 5.1), doubled for the terms it leaves out, plus 2u·Σ|c_k|·z^k for the
   * coefficients' own rounding. Far tighter than the a-priori γ_2n·Σ|c_k|·z^k on long schedules.
   */
  private scaled(r: number): { value: number; error: number; ascending: boolean; z: number } {
    const ascending = r >= 0;
    const z = ascending ? 1 / (1 + r) : 1 + r;
    let value = 0;
    let magnitude = 0;
    let running = 0;
    for (let k = 0; k <= this.last; k++) {
      const coefficient = this.doubles[ascending ? this.last - k : k];
      value = value * z + coefficient;
      magnitude = magnitude * z + Math.abs(coefficient);
      running = running * z + Math.abs(value);
    }
    const u = UNIT_ROUNDOFF;
    const error = 2 * u * (2 * running - Math.abs(value)) + 2 * u * magnitude;
    return { value, error, ascending, z };
  }

  /** The NPV's sign at r: −1, 0 or 1, 0 only when exactly zero. */
  sign(r: number): number {
    const { value, error, ascending, z } = this.scaled(r);
    if (Math.abs(value) > error) return Math.sign(value);
    const variable = new Dec(z);
    let exact = new Dec(0);
    for (let k = 0; k <= this.last; k++)
      exact = exact.times(variable).plus(this.flows[ascending ? this.last - k : k]);
    return exact.isZero() ? 0 : exact.isPositive() ? 1 : -1;
  }

  /** |NPV| within the double sum's rounding at r: a turning point there touches zero. */
  nearZero(r: number): boolean {
    const { value, error } = this.scaled(r);
    return Math.abs(value) <= error;
  }

  /**
   * The sign of the slope in r of the scaled NPV that `sign` evaluates: x = 1/(1 + r) falls as r
   * rises, so the slope in x counts with the opposite sign.
   */
  slopeSign(r: number): number {
    const ascending = r >= 0;
    const z = ascending ? 1 / (1 + r) : 1 + r;
    let value = 0;
    for (let k = 0; k < this.last; k++) {
      // ascending: d/dx Σ f_t·x^t; descending: d/dy Σ f_t·y^(n−t)
      const t = ascending ? this.last - k : k;
      value = value * z + (ascending ? t : this.last - t) * this.doubles[t];
    }
    return ascending ? -Math.sign(value) : Math.sign(value);
  }
}

/** r = 1/u − 2: u = 1/(2 + r) back to a rate; 1 − 2u is exact from u = 1/4 on. */
const rateOf = (u: number): number => (1 - 2 * u) / u;

/** Sign changes of the nonzero coefficients: Descartes' bound on the roots in (0, ∞). */
function signChanges(flows: readonly Dec[]): number {
  let changes = 0;
  let previous = 0;
  for (const flow of flows) {
    if (flow.isZero()) continue;
    const sign = flow.isPositive() ? 1 : -1;
    if (previous !== 0 && sign !== previous) changes++;
    previous = sign;
  }
  return changes;
}

/** The sign of the NPV as r → ∞ (u = 0: the first nonzero flow) and r → −1 (u = 1: the last). */
function limitSign(flows: readonly Dec[], atMinusOne: boolean): number {
  const nonzero = flows.filter((f) => !f.isZero());
  const flow = atMinusOne ? nonzero[nonzero.length - 1] : nonzero[0];
  return flow.isPositive() ? 1 : -1;
}

/**
 * A root between u = lo and u = hi, where the NPV has the nonzero signs signLo and signHi (ends
 * may be 0 or 1, standing for the limits): bisection in u until both ends are inside (0, 1), then
 * in r until the bracket is two adjacent doubles.
 */
function narrow(p: NpvPolynomial, lo: number, hi: number, signLo: number): number {
  while (lo === 0 || hi === 1) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) return rateOf(mid);
    const sign = p.sign(rateOf(mid));
    if (sign === 0) return rateOf(mid);
    if (sign === signLo) lo = mid;
    else hi = mid;
  }
  // r falls as u rises
  let [below, above] = [rateOf(hi), rateOf(lo)];
  const signBelow = -signLo;
  for (;;) {
    const mid = below + (above - below) / 2;
    if (mid <= below || mid >= above) return mid;
    // 1e-14 relative is well inside the 1e-12 promised; going on would only buy decimal sums
    if (above - below <= RATE_PRECISION * Math.abs(mid)) return mid;
    const sign = p.sign(mid);
    if (sign === 0) return mid;
    if (sign === signBelow) below = mid;
    else above = mid;
  }
}

/** The turning point of the scaled NPV between u = lo and u = hi, where its slope changes sign. */
function turningPoint(p: NpvPolynomial, lo: number, hi: number): number {
  const slopeLo = p.slopeSign(rateOf(lo));
  for (let step = 0; step < 60; step++) {
    const mid = (lo + hi) / 2;
    if (p.slopeSign(rateOf(mid)) === slopeLo) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

interface Sample {
  u: number;
  /** −1 or 1; 0 for a point where the NPV is zero (exactly, or within rounding at a turning point). */
  sign: number;
}

/** The NPV's sign along (0, 1) in u: grid points, turning points between them, the two limits. */
function samples(p: NpvPolynomial, flows: readonly Dec[]): Sample[] {
  const count = Math.min(MAX_GRID, Math.max(256, 8 * flows.length));
  const grid = Array.from({ length: count }, (_, j) => (j + 1) / (count + 1));
  const points: Sample[] = [{ u: 0, sign: limitSign(flows, false) }];
  let slopeBefore = p.slopeSign(rateOf(grid[0]));
  grid.forEach((u, j) => {
    if (j > 0) {
      const slope = p.slopeSign(rateOf(u));
      if (slope !== 0 && slopeBefore !== 0 && slope !== slopeBefore) {
        const turn = turningPoint(p, grid[j - 1], u);
        const r = rateOf(turn);
        points.push({ u: turn, sign: p.nearZero(r) ? 0 : p.sign(r) });
      }
      if (slope !== 0) slopeBefore = slope;
    }
    points.push({ u, sign: p.sign(rateOf(u)) });
  });
  points.push({ u: 1, sign: limitSign(flows, true) });
  return points;
}

interface Root {
  lo: number;
  hi: number;
  /** The NPV's sign at lo; 0 when the root is the point lo = hi itself. */
  signLo: number;
}

/** Each root between samples: a bracket of a sign change, or a point where the NPV is zero. */
function roots(points: readonly Sample[]): Root[] {
  const found: Root[] = [];
  let last: Sample | undefined;
  let zeroAt: number | undefined;
  for (const point of points) {
    if (point.sign === 0) {
      zeroAt ??= point.u;
      continue;
    }
    if (zeroAt !== undefined) found.push({ lo: zeroAt, hi: zeroAt, signLo: 0 });
    else if (last && last.sign !== point.sign)
      found.push({ lo: last.u, hi: point.u, signLo: last.sign });
    zeroAt = undefined;
    last = point;
  }
  return found;
}

/** The one rate at which the flows' NPV is zero; #NUM! with a message when there is none or more. */
export function internalRate(flows: readonly Dec[]): number {
  if (flows.every((f) => f.isZero()))
    throw numericFailure("irr: every flow is 0, so every rate gives an NPV of 0");
  const p = new NpvPolynomial(flows);
  const changes = signChanges(flows);
  if (changes === 0)
    throw numericFailure("irr: the net flows never change sign, so no rate gives an NPV of 0");
  if (changes === 1) return toDouble(new Dec(narrow(p, 0, 1, limitSign(flows, false))), "irr");
  const found = roots(samples(p, flows));
  if (found.length === 0) throw numericFailure("irr: no rate above −100% gives an NPV of 0");
  if (found.length > 1)
    throw numericFailure(
      `irr: ${found.length} different rates give an NPV of 0 (the net flows change sign ${changes} times); use npv at a chosen rate`
    );
  const [{ lo, hi, signLo }] = found;
  return toDouble(new Dec(signLo === 0 ? rateOf(lo) : narrow(p, lo, hi, signLo)), "irr");
}
