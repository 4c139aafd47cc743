/**
 * The standard normal distribution function and the scaled complementary error function, in
 * double precision. decimal.js has no erf, and a series for it at 34 digits costs hundreds of
 * microseconds; W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev
 * approximations for the error function", Math. Comp. 23, 1969; the CALERF coefficients) are
 * good to about 1e-16 relative and take a fraction of a microsecond.
 */

/* eslint-disable no-loss-of-precision -- Cody's published coefficients, kept digit for digit (they round to the nearest double) */
// erf(x) on |x| <= 0.46875.
const A = [
  3.1611237438705656, 1.13864154151050156e2, 3.77485237685302021e2, 3.20937758913846947e3,
  1.85777706184603153e-1,
];
const B = [
  2.36012909523441209e1, 2.44024637934444173e2, 1.28261652607737228e3, 2.84423683343917062e3,
];
// erfcx(x) on 0.46875 < x <= 4.
const C = [
  5.64188496988670089e-1, 8.88314979438837594, 6.61191906371416295e1, 2.98635138197400131e2,
  8.8195222124176909e2, 1.71204761263407058e3, 2.05107837782607147e3, 1.23033935479799725e3,
  2.15311535474403846e-8,
];
const D = [
  1.57449261107098347e1, 1.17693950891312499e2, 5.37181101862009858e2, 1.62138957456669019e3,
  3.29079923573345963e3, 4.36261909014324716e3, 3.43936767414372164e3, 1.23033935480374942e3,
];
// erfcx(x) on x > 4, through rho below.
const P = [
  3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2,
  6.58749161529837803e-4, 1.63153871373020978e-2,
];
const Q = [
  2.56852019228982242, 1.87295284992346047, 5.27905102951428412e-1, 6.05183413124413191e-2,
  2.33520497626869185e-3,
];

const SMALL = 0.46875;
const INV_SQRT_PI = 0.56418958354775628695;
const SQRT_PI = 1.7724538509055160273;
/* eslint-enable no-loss-of-precision */

function erfSmall(x: number): number {
  const z = x * x;
  let num = A[4] * z;
  let den = z;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]) * z;
    den = (den + B[i]) * z;
  }
  return (x * (num + A[3])) / (den + B[3]);
}

/** erfcx(x) = (1/√π − rho(x)) / x for x > 4. */
function rho(x: number): number {
  const z = 1 / (x * x);
  let num = P[5] * z;
  let den = z;
  for (let i = 0; i < 4; i++) {
    num = (num + P[i]) * z;
    den = (den + Q[i]) * z;
  }
  return (z * (num + P[4])) / (den + Q[4]);
}

/** erfcx(x) for x > 0.46875: a rational function, no exponential. */
function erfcxLarge(x: number): number {
  if (x > 4) return (INV_SQRT_PI - rho(x)) / x;
  let num = C[8] * x;
  let den = x;
  for (let i = 0; i < 7; i++) {
    num = (num + C[i]) * x;
    den = (den + D[i]) * x;
  }
  return (num + C[7]) / (den + D[7]);
}

/**
 * e^(−x²/2), with x split into a part whose square is exact in a double and a small rest, so that
 * rounding x² does not cost digits in the far tails (Cody's device).
 */
function gaussian(x: number): number {
  const head = Math.trunc(x * 16) / 16;
  return Math.exp((-head * head) / 2) * Math.exp((-(x - head) * (x + head)) / 2);
}

/** erfcx(x) = e^(x²)·erfc(x), the scaled complementary error function. */
export function erfcx(x: number): number {
  if (x > SMALL) return erfcxLarge(x);
  if (x >= -SMALL) return Math.exp(x * x) * (1 - erfSmall(x));
  // e^(x²) = 1 / gaussian(x·√2), but split on x itself as Cody does
  const head = Math.trunc(x * 16) / 16;
  const growth = Math.exp(head * head) * Math.exp((x - head) * (x + head));
  return 2 * growth - erfcxLarge(-x);
}

/**
 * 1 − √π·x·erfcx(x): how far erfcx(x) falls short of its asymptote 1/(√π·x). For x > 4 it comes
 * straight from Cody's rational function, without the cancellation of the difference.
 */
export function erfcxDefect(x: number): number {
  return x > 4 ? SQRT_PI * rho(x) : 1 - SQRT_PI * x * erfcx(x);
}

/** N(x), the standard normal distribution function, relative error about 1e-16 down to x ≈ −37.5. */
export function normalCdf(x: number): number {
  const y = Math.abs(x) * Math.SQRT1_2;
  // N(−39) is below the smallest double
  if (!(y < 28)) return x < 0 ? 0 : 1;
  if (y <= SMALL) return 0.5 + 0.5 * erfSmall(x * Math.SQRT1_2);
  // the tail 1 − N(|x|) = ½·erfc(y); the factors are multiplied so that a result in the
  // subnormal range is rounded only once
  const tail = 0.5 * erfcxLarge(y) * gaussian(Math.abs(x));
  return x < 0 ? tail : 1 - tail;
}
