/**
 * High-precision references for the tranche and option tests: decimal.js at 60 significant
 * digits, sharing no code with the engine. The normal distribution comes from Marsaglia's Taylor
 * series near the centre and from Laplace's continued fraction for the Mills ratio in the tails
 * (Cody's rational functions, which the engine uses, appear nowhere here).
 */
import DecimalBase from "decimal.js";

export const Ref = DecimalBase.clone({ precision: 60 });
export type Ref = InstanceType<typeof Ref>;

/** The exact value of a double; `new Ref(x)` would take its shortest decimal form instead. */
export function exactValue(x: number): Ref {
  let scaled = x;
  let exponent = 0;
  while (!Number.isInteger(scaled)) {
    scaled *= 2;
    exponent--;
  }
  return new Ref(BigInt(scaled).toString()).times(new Ref(2).pow(exponent));
}

const SQRT_2PI = Ref.acos(-1).times(2).sqrt();

/** (1 − N(x))/φ(x) for x >= 5: Laplace's continued fraction x + 1/(x + 2/(x + 3/(x + …))), deepened until it settles. */
function millsRatio(x: Ref): Ref {
  const truncated = (depth: number): Ref => {
    let tail = x;
    for (let k = depth; k >= 1; k--) tail = x.plus(new Ref(k).div(tail));
    return new Ref(1).div(tail);
  };
  let depth = 64;
  let previous = truncated(depth);
  for (;;) {
    depth *= 2;
    const next = truncated(depth);
    if (next.minus(previous).abs().lessThan(next.times("1e-52"))) return next;
    previous = next;
  }
}

/** N(x) to about 50 significant digits, for any x. */
export function normalCdfRef(x: Ref): Ref {
  const density = x.times(x).div(-2).exp().div(SQRT_2PI);
  if (x.lessThan(-5)) return density.times(millsRatio(x.neg()));
  if (x.greaterThan(5)) return new Ref(1).minus(density.times(millsRatio(x)));
  // N(x) = ½ + φ(x)·(x + x³/3 + x⁵/(3·5) + …): every term has the sign of x
  const square = x.times(x);
  let term = x;
  let sum = x;
  for (let k = 3; term.abs().greaterThan(sum.abs().times("1e-60")); k += 2) {
    term = term.times(square).div(k);
    sum = sum.plus(term);
  }
  return density.times(sum).plus(0.5);
}

/** |actual − expected| / |expected|, or |actual| when the reference is 0. */
export function relativeError(actual: number, expected: Ref): number {
  const wanted = expected.toNumber();
  if (wanted === 0) return Math.abs(actual);
  return new Ref(actual).minus(expected).abs().div(expected.abs()).toNumber();
}
