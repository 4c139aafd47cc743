/**
 * TRANCHE_OPTION_VALUE: the right to invest a tranche's amount at a valuation fixed earlier,
 * priced as a warrant. Exercise issues new shares: the investor pays A and owns A / (K + A) of a
 * company worth V_T + A, so the payoff is A / (K + A) × max(V_T − K, 0), the dilution factor
 * K / (K + A) times A / K plain calls on the company. The call scales with its strike, so it is
 * computed per unit of strike: C(V, K) / K, with Black–Scholes on S = V / K, strike 1.
 *
 * S·N(d1) − K·e^(−r_c·T)·N(d2) is a difference of two terms that can be far larger than the
 * option (far out of the money, or σ√T small), so it is not computed that way. With the log
 * forward moneyness x = ln(S/K) + r_c·T and s = σ√T, the value is K·e^(x/2 − r_c·T)·b(x, s), where
 * b is Jäckel's normalised Black call ("Let's Be Rational", 2015), evaluated in each region by a
 * form in which nothing cancels: e^(x/2)·N(d1) − e^(−x/2)·N(d2) where the first term dominates;
 * else e^(−(h² + t²)/2)·(Y(h + t) − Y(h − t))/√(2π), with h = x/s, t = s/2 and Y = N/φ, either
 * through Cody's erfcx or, for small t, as the integral of Y' = 1 + z·Y over [h − t, h + t].
 */
import { Args, DealFunction } from "./definition";
import { decExp, DOUBLE_EXP_LIMIT, expTimes, ln1p, TOLERANCE, UNIT_ROUNDOFF } from "./elementary";
import { erfcx, erfcxDefect, normalCdf } from "./normal";
import { continuousRate, Dec, toDouble, ZERO } from "./numeric";
import { Tranche } from "./tranche";
import { needsThat } from "./validate";

export interface OptionMarket {
  currentValuation: Dec;
  strikeValuation: Dec;
  volatility: Dec;
  riskFreeRate: Dec;
}

const INV_SQRT_2PI = 0.3989422804014327;

/** Gauss–Legendre nodes and weights on [−1, 1], by Newton's method on the Legendre polynomial P_n. */
function gaussLegendre(n: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= n; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let slope = 1;
    for (let step = 0; step < 8; step++) {
      let [previous, current] = [1, x];
      for (let k = 2; k <= n; k++)
        [previous, current] = [current, ((2 * k - 1) * x * current - (k - 1) * previous) / k];
      slope = (n * (x * current - previous)) / (x * x - 1);
      x -= current / slope;
    }
    nodes.push(x);
    weights.push(2 / ((1 - x * x) * slope * slope));
  }
  return { nodes, weights };
}

/** 8 points integrate Y' over [h − t, h + t] to a double's precision for t < 0.5 (checked against 60 digits). */
const QUADRATURE = gaussLegendre(8);
/** Below this t, erfcx(−(h + t)/√2) − erfcx(−(h − t)/√2) would cancel; above, it keeps 14 digits. */
const SMALL_T = 0.25;
/** From this d1 on, e^(x/2)·N(d1) is most of b and the plain formula keeps its digits (Jäckel). */
const DOMINANT_D1 = 0.85;

/**
 * Jäckel's normalised Black call b(x, s) = e^(x/2)·N(x/s + s/2) − e^(−x/2)·N(x/s − s/2) for
 * x <= 0 and s > 0, as [exponent, mantissa] with b = e^exponent × mantissa, so that neither half
 * leaves a double's range.
 */
function normalisedCall(x: number, s: number): [number, number] {
  const h = x / s;
  const t = s / 2;
  if (h + t > DOMINANT_D1) {
    // e^(−x/2)·N(h − t) = e^(x/2) × ½·e^(−(h + t)²/2)·erfcx((t − h)/√2)
    const d1 = h + t;
    return [x / 2, normalCdf(d1) - 0.5 * Math.exp((-d1 * d1) / 2) * erfcx((t - h) * Math.SQRT1_2)];
  }
  const exponent = -(h * h + t * t) / 2;
  if (t >= SMALL_T)
    return [exponent, 0.5 * (erfcx(-(h + t) * Math.SQRT1_2) - erfcx((t - h) * Math.SQRT1_2))];
  // Y'(z) = 1 + z·Y(z) = erfcxDefect(−z/√2), positive everywhere
  const { nodes, weights } = QUADRATURE;
  let sum = 0;
  for (let i = 0; i < nodes.length; i++)
    sum += weights[i] * erfcxDefect(-(h + t * nodes[i]) * Math.SQRT1_2);
  return [exponent, t * sum * INV_SQRT_2PI];
}

interface Moneyness {
  /** ln(S/K) + r_c·T: the log of the forward over the strike. */
  x: number;
  /** r_c·T. */
  logGrowth: number;
  d1: number;
  d2: number;
}

/** x, r_c·T, d1 and d2 to a relative 1e-13 or better; s = σ√T. */
function forwardMoneyness(market: OptionMarket, years: Dec, s: number): Moneyness {
  const { currentValuation: current, strikeValuation: strike, riskFreeRate } = market;
  const quotient = current.toNumber() / strike.toNumber();
  // near 1 the difference is taken in decimal, so that ln(S/K) keeps its relative digits
  const logRatio =
    quotient >= 0.5 && quotient <= 2
      ? Math.log1p(current.minus(strike).toNumber() / strike.toNumber())
      : Math.log(quotient);
  const logGrowth = ln1p(riskFreeRate) * years.toNumber();
  const x = logRatio + logGrowth;
  const fast = { x, logGrowth, d1: x / s + s / 2, d2: x / s - s / 2 };
  // Each term is within an ulp or so of itself. Where the sums cancel, or the value turns on x
  // more steeply than that allows, decimal.js computes the logarithms to 34 digits.
  const error = 4 * UNIT_ROUNDOFF * (Math.abs(logRatio) + Math.abs(logGrowth) + (s * s) / 2);
  const [d1, d2] = [Math.abs(fast.d1), Math.abs(fast.d2)];
  const steepness = s > 0 ? Math.max(1 / d1, 1 / d2, 2 + d1 + d2) / s : 1 / Math.abs(x);
  if (error === 0 || error * steepness <= TOLERANCE) return fast;
  const growth = continuousRate(riskFreeRate).times(years);
  const exact = current.div(strike).ln().plus(growth);
  const halfVariance = market.volatility.pow(2).times(years).div(2);
  return {
    x: exact.toNumber(),
    logGrowth: growth.toNumber(),
    d1: exact.plus(halfVariance).toNumber() / s,
    d2: exact.minus(halfVariance).toNumber() / s,
  };
}

/** The call as a multiple of K: e^(−r_c·T)·(e^x − 1)⁺ + e^(x/2 − r_c·T)·b(−|x|, s). */
function callPerStrike({ x, logGrowth }: Moneyness, s: number): Dec {
  // b(x) = b(−x) + e^(x/2) − e^(−x/2): in the money forward, the intrinsic part comes apart
  const forward =
    x <= 0
      ? ZERO
      : x <= DOUBLE_EXP_LIMIT
        ? expTimes(-logGrowth, Math.expm1(x))
        : decExp(x - logGrowth).minus(decExp(-logGrowth));
  if (s === 0) return forward;
  const [exponent, mantissa] = normalisedCall(-Math.abs(x), s);
  return forward.plus(expTimes(x / 2 - logGrowth + exponent, mantissa));
}

/** N(d), and its limit as σ√T → 0: 1 in the money forward, 0 out of it, ½ at the forward. */
function probabilityAbove(d: number, { x }: Moneyness, s: number): number {
  return s > 0 ? normalCdf(d) : (Math.sign(x) + 1) / 2;
}

function checkedD(field: string, d: number, s: number): number {
  needsThat(s > 0, field, "volatility > 0 and years > 0");
  return toDouble(new Dec(d), field);
}

// The fields are methods rather than arrow functions: a closure per field per call is measurable
// at this speed (and tsx names each one).
export function optionValue(tranche: Tranche, market: OptionMarket) {
  const { amount, years } = tranche;
  const s = market.volatility.toNumber() * Math.sqrt(years.toNumber());
  const moneyness = forwardMoneyness(market, years, s);
  const strike = market.strikeValuation;
  // A / (K + A) × C = A·K / (K + A) × C / K: the amount the investor pays, diluted
  const dilutedAmount = () => amount.times(strike).div(strike.plus(amount));
  return {
    value() {
      return toDouble(dilutedAmount().times(callPerStrike(moneyness, s)), "value");
    },
    undiluted_value() {
      return toDouble(amount.times(callPerStrike(moneyness, s)), "undiluted_value");
    },
    dilution_factor() {
      return toDouble(strike.div(strike.plus(amount)), "dilution_factor");
    },
    intrinsic() {
      const gain = market.currentValuation.minus(strike);
      return toDouble(
        gain.isPositive() ? amount.times(gain).div(strike.plus(amount)) : ZERO,
        "intrinsic"
      );
    },
    delta() {
      return probabilityAbove(moneyness.d1, moneyness, s);
    },
    probability_in_money() {
      return probabilityAbove(moneyness.d2, moneyness, s);
    },
    d1() {
      return checkedD("d1", moneyness.d1, s);
    },
    d2() {
      return checkedD("d2", moneyness.d2, s);
    },
  };
}

export const TRANCHE_OPTION_VALUE: DealFunction = {
  name: "TRANCHE_OPTION_VALUE",
  params: [
    { name: "amount", kind: "number", rule: { min: 0 } },
    { name: "current_valuation", kind: "number", rule: { greaterThan: 0 } },
    { name: "strike_valuation", kind: "number", rule: { greaterThan: 0 } },
    { name: "volatility", kind: "number", rule: { min: 0 } },
    { name: "years", kind: "number", rule: { min: 0 } },
    { name: "risk_free_rate", kind: "number", rule: { greaterThan: -1 } },
  ],
  fields: [
    "value",
    "undiluted_value",
    "dilution_factor",
    "intrinsic",
    "delta",
    "probability_in_money",
    "d1",
    "d2",
  ],
  fieldHelp: {
    value:
      "The value of a right (a warrant: A / (K + A) × the call), not an expected cash outlay; never add it to a probability-weighted or hazard value.",
    undiluted_value:
      "A / K plain calls on the company, as if the new shares diluted nobody: for comparison only.",
    dilution_factor: "K / (K + A): value = undiluted_value × dilution_factor.",
  },
  headline: "value",
  evaluate: (args: Args) =>
    optionValue(
      { amount: args.amount as Dec, years: args.years as Dec },
      {
        currentValuation: args.current_valuation as Dec,
        strikeValuation: args.strike_valuation as Dec,
        volatility: args.volatility as Dec,
        riskFreeRate: args.risk_free_rate as Dec,
      }
    ),
};
