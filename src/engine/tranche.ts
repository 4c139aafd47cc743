/**
 * A committed tranche paid only if a trigger happens, and two ways of valuing it: weighted by the
 * probability of the trigger (TRANCHE_VALUE), and with the trigger as a Poisson arrival before a
 * deadline (TRANCHE_HAZARD_VALUE). The tranche is data and each valuation an engine over it, as
 * QuantLib keeps instruments apart from pricing engines; option.ts is the third engine.
 */
import { Args, DealFunction } from "./definition";
import {
  decExpm1,
  DOUBLE_EXP_LIMIT,
  fastDiscountFactor,
  ln1p,
  TOLERANCE,
  UNIT_ROUNDOFF,
} from "./elementary";
import { continuousRate, Dec, discountFactor, ONE, toDouble, ZERO } from "./numeric";
import { needsThat } from "./validate";

export interface Tranche {
  /** What is paid if the trigger happens. */
  amount: Dec;
  /** When it is paid (TRANCHE_VALUE), or the deadline the trigger must beat (the other engines). */
  years: Dec;
}

/**
 * Independent triggers of which any one releases the tranche: 1 − Π(1 − p_i), accumulated as
 * p + p_i·(1 − p), where every term is non-negative, so that small probabilities keep their digits.
 */
export function combinedProbability(probabilities: readonly Dec[]): Dec {
  return probabilities.reduce((p, pi) => p.plus(pi.times(ONE.minus(p))), ZERO);
}

/**
 * The Fréchet bounds on P(any trigger) whatever the dependence between the triggers: at least the
 * likeliest one (max p_i, when the others happen only with it), at most Σ p_i capped at 1 (when
 * they never happen together).
 */
export function probabilityBounds(probabilities: readonly Dec[]): { low: Dec; high: Dec } {
  const low = probabilities.reduce((max, pi) => (pi.greaterThan(max) ? pi : max), ZERO);
  const sum = probabilities.reduce((total, pi) => total.plus(pi), ZERO);
  return { low, high: sum.greaterThan(ONE) ? ONE : sum };
}

/** Π(1 − p_i): that no trigger happens, with its digits when it is small (1 − p would cancel). */
const noTrigger = (probabilities: readonly Dec[]): Dec =>
  probabilities.reduce((q, pi) => q.times(ONE.minus(pi)), ONE);

/**
 * 1 − p·(1 + r)^(−t) = q + p·(1 − (1 + r)^(−t)) with q = 1 − p: two terms >= 0 when r >= 0. A
 * negative rate makes the second negative; where the two nearly cancel, the double (1 + r)^(−t),
 * off by about |t·ln(1 + r)| + 4 roundings, is not enough, and decimal.js gives it 34 digits.
 */
function haircut(p: Dec, q: Dec, discountRate: Dec, years: Dec): Dec {
  const growth = years.toNumber() * ln1p(discountRate);
  const discounted = p.times(decExpm1(-growth).neg());
  const value = q.plus(discounted);
  if (growth >= 0) return value;
  const error = discounted.abs().times(UNIT_ROUNDOFF * (Math.abs(growth) + 4));
  if (error.lessThanOrEqualTo(value.abs().times(TOLERANCE))) return value;
  return q.plus(p.times(ONE.minus(discountFactor(discountRate, years))));
}

// The fields are methods rather than arrow functions: a closure per field per call is measurable
// at this speed (and tsx names each one).
export function probabilityWeightedValue(
  tranche: Tranche,
  probabilities: readonly Dec[],
  discountRate: Dec
) {
  const { amount, years } = tranche;
  const p = combinedProbability(probabilities);
  const factor = fastDiscountFactor(discountRate, years);
  const bounds = () => probabilityBounds(probabilities);
  return {
    expected_value() {
      return toDouble(amount.times(p).times(factor), "expected_value");
    },
    probability() {
      return toDouble(p, "probability");
    },
    discount_factor() {
      return toDouble(factor, "discount_factor");
    },
    expected_undiscounted() {
      return toDouble(amount.times(p), "expected_undiscounted");
    },
    haircut() {
      needsThat(amount.greaterThan(0), "haircut", "amount > 0");
      return toDouble(haircut(p, noTrigger(probabilities), discountRate, years), "haircut");
    },
    probability_low() {
      return toDouble(bounds().low, "probability_low");
    },
    probability_high() {
      return toDouble(bounds().high, "probability_high");
    },
    expected_value_low() {
      return toDouble(amount.times(bounds().low).times(factor), "expected_value_low");
    },
    expected_value_high() {
      return toDouble(amount.times(bounds().high).times(factor), "expected_value_high");
    },
  };
}

export const TIMINGS = ["on_trigger", "at_deadline"] as const;
export type Timing = (typeof TIMINGS)[number];

/**
 * λ·∫₀ᵀ e^(−k·t) dt = λT·(e^z − 1)/z with k = λ + r_c and z = −kT: the expected value per unit
 * paid on trigger; λT itself when λ + r_c = 0.
 */
function onTriggerFactor(lambda: Dec, discountRate: Dec, years: Dec): Dec {
  const [lambdaD, rate, yearsD] = [lambda.toNumber(), ln1p(discountRate), years.toNumber()];
  const fastK = lambdaD + rate;
  // k carries the rounding of λ and r_c, which the result feels over T, or over 1/k once kT > 1
  const horizon = fastK * yearsD > 1 ? 2 / fastK : yearsD;
  const k =
    (lambdaD + Math.abs(rate)) * horizon * 4 * UNIT_ROUNDOFF <= TOLERANCE
      ? undefined
      : lambda.plus(continuousRate(discountRate));
  const z = k ? k.times(years).neg().toNumber() : -fastK * yearsD;
  // e^z below a double's precision of 1: λ/k
  if (z < -DOUBLE_EXP_LIMIT) return lambda.div(k ?? new Dec(fastK));
  const relativeGrowth =
    z === 0 ? ONE : z <= DOUBLE_EXP_LIMIT ? new Dec(Math.expm1(z) / z) : decExpm1(z).div(z);
  return lambda.times(years).times(relativeGrowth);
}

/**
 * E[τ | τ <= T] for an exponential arrival: 1/λ − T/(e^(λT) − 1). Below λT = 0.1, where the
 * difference cancels, T times the Bernoulli series of 1/y − 1/(e^y − 1) in y = λT.
 */
function meanArrivalYears(lambda: Dec, years: Dec, lambdaT: number): Dec {
  if (lambdaT > 0.1) return ONE.div(lambda).minus(years.div(decExpm1(lambdaT)));
  const y = lambdaT;
  const y2 = y * y;
  return years.times(0.5 - y * (1 / 12 - y2 * (1 / 720 - y2 * (1 / 30240 - y2 / 1209600))));
}

export function hazardValue(
  tranche: Tranche,
  hazards: readonly Dec[],
  discountRate: Dec,
  timing: Timing
) {
  const { amount, years } = tranche;
  const lambda = hazards.reduce((sum, h) => sum.plus(h), ZERO);
  const lambdaT = lambda.times(years).toNumber();
  // 1 − e^(−λT); below 1e-17 it is λT to a double's precision, kept in decimal in case λT is subnormal
  const triggered = (): Dec =>
    lambdaT < 1e-17 ? lambda.times(years) : new Dec(-Math.expm1(-lambdaT));
  return {
    expected_value() {
      // paid at T: the trigger probability 1 − e^(−λT) times (1 + r)^(−T)
      if (timing === "at_deadline") {
        return toDouble(
          amount.times(triggered()).times(fastDiscountFactor(discountRate, years)),
          "expected_value"
        );
      }
      // nothing paid, however long the discounted window (and no 0 × ∞)
      if (lambda.isZero() || amount.isZero()) return 0;
      return toDouble(amount.times(onTriggerFactor(lambda, discountRate, years)), "expected_value");
    },
    trigger_probability() {
      return toDouble(triggered(), "trigger_probability");
    },
    expected_trigger_years() {
      const given = lambda.greaterThan(0) && years.greaterThan(0);
      needsThat(given, "expected_trigger_years", "annual_hazard > 0 and deadline_years > 0");
      return toDouble(meanArrivalYears(lambda, years, lambdaT), "expected_trigger_years");
    },
  };
}

const AMOUNT = { name: "amount", kind: "number", rule: { min: 0 } } as const;
const DISCOUNT_RATE = { name: "discount_rate", kind: "number", rule: { greaterThan: -1 } } as const;

export const TRANCHE_VALUE: DealFunction = {
  name: "TRANCHE_VALUE",
  params: [
    AMOUNT,
    { name: "probability", kind: "numberList", rule: { min: 0, max: 1 } },
    { name: "years", kind: "number", rule: { min: 0 } },
    DISCOUNT_RATE,
  ],
  fields: [
    "expected_value",
    "probability",
    "discount_factor",
    "expected_undiscounted",
    "haircut",
    "probability_low",
    "probability_high",
    "expected_value_low",
    "expected_value_high",
  ],
  fieldHelp: {
    probability: "1 − Π(1 − p_i): assumes the triggers are independent.",
    probability_low:
      "max p_i: the lowest P(any trigger) whatever the dependence (the triggers nest).",
    probability_high:
      "min(1, Σ p_i): the highest P(any trigger) whatever the dependence (they never coincide).",
  },
  headline: "expected_value",
  evaluate: (args: Args) =>
    probabilityWeightedValue(
      { amount: args.amount as Dec, years: args.years as Dec },
      args.probability as Dec[],
      args.discount_rate as Dec
    ),
};

export const TRANCHE_HAZARD_VALUE: DealFunction = {
  name: "TRANCHE_HAZARD_VALUE",
  params: [
    AMOUNT,
    { name: "annual_hazard", kind: "numberList", rule: { min: 0 } },
    { name: "deadline_years", kind: "number", rule: { min: 0 } },
    DISCOUNT_RATE,
    {
      name: "timing",
      kind: "choice",
      choices: TIMINGS,
      optional: true,
      defaultValue: "on_trigger",
    },
  ],
  fields: ["expected_value", "trigger_probability", "expected_trigger_years"],
  headline: "expected_value",
  evaluate: (args: Args) =>
    hazardValue(
      { amount: args.amount as Dec, years: args.deadline_years as Dec },
      args.annual_hazard as Dec[],
      args.discount_rate as Dec,
      args.timing as Timing
    ),
};
