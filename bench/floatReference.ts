/**
 * The float references: one field of five functions (the field the benchmark asks for) in plain
 * JavaScript numbers, behind the same parameter tables and adapter as the real ones, so the ratio
 * printed beside them isolates what the decimal engine costs.
 */
import { Args, DealFunction } from "../src/engine/definition";
import { Dec } from "../src/engine/numeric";
import { normalCdf } from "../src/engine/normal";
import { findFunction } from "../src/functions/catalog";

const num = (value: unknown): number => (value as Dec).toNumber();
const nums = (value: unknown): number[] => (value as Dec[]).map((d) => d.toNumber());

function floatTwin(name: string, field: string, formula: (args: Args) => number): DealFunction {
  const real = findFunction(name);
  if (!real) throw new Error(`${name} is not in the catalog`);
  // Only `field` exists: a benchmark that asked for another would measure an error, not a formula.
  return {
    ...real,
    name: `${name} (float)`,
    headline: field,
    fields: [field],
    evaluate: (args) => ({ [field]: () => formula(args) }),
  };
}

/** Σ f_t·(1 + r)^(−t) in doubles, f_t as the spec defines it (no failure period in the benchmark). */
function lookThroughNpv(a: Args): number {
  const [investments, spend, capex] = [nums(a.investments), nums(a.spend), nums(a.capex)];
  const periods = Math.max(investments.length, spend.length, capex.length);
  const share = (1 - num(a.tax_rate)) * num(a.vendor_margin) * num(a.realisation);
  const factor = 1 / (1 + num(a.discount_rate));
  let npv = 0;
  for (let t = periods - 1; t >= 0; t--) {
    const flow = share * (spend[t] ?? 0) - (investments[t] ?? 0) - (capex[t] ?? 0);
    npv = npv * factor + flow + (t === periods - 1 ? num(a.stake_value) : 0);
  }
  return npv;
}

export const FLOAT_REFERENCES: Record<string, DealFunction> = {
  VALUATION_STEP: floatTwin(
    "VALUATION_STEP",
    "post_money",
    (a) => num(a.pre_money) + num(a.investment)
  ),
  TRANCHE_VALUE: floatTwin("TRANCHE_VALUE", "expected_value", (a) => {
    const p = 1 - nums(a.probability).reduce((none, pi) => none * (1 - pi), 1);
    return num(a.amount) * p * Math.pow(1 + num(a.discount_rate), -num(a.years));
  }),
  TRANCHE_OPTION_VALUE: floatTwin("TRANCHE_OPTION_VALUE", "value", (a) => {
    // the warrant: A / (K + A) × C(V, K), V the pre-money equity, K the strike pre-money
    const [A, V, K] = [num(a.amount), num(a.current_valuation), num(a.strike_valuation)];
    const sigma = num(a.volatility);
    const T = num(a.years);
    const rc = Math.log1p(num(a.risk_free_rate));
    const spread = sigma * Math.sqrt(T);
    const call =
      spread === 0
        ? Math.max(V - K * Math.exp(-rc * T), 0)
        : V * normalCdf((Math.log(V / K) + (rc + (sigma * sigma) / 2) * T) / spread) -
          K *
            Math.exp(-rc * T) *
            normalCdf((Math.log(V / K) + (rc - (sigma * sigma) / 2) * T) / spread);
    return (A / (K + A)) * call;
  }),
  LOOK_THROUGH: floatTwin("LOOK_THROUGH", "npv", lookThroughNpv),
  VENDOR_FINANCE_LOOP: floatTwin("VENDOR_FINANCE_LOOP", "net_present_cost", (a) => {
    const [n, r] = [num(a.spend_years), num(a.discount_rate)];
    const annuity = r === 0 ? n : (1 - Math.pow(1 + r, -n)) / r;
    return num(a.investment) - ((num(a.vendor_margin) * num(a.spend_commitment)) / n) * annuity;
  }),
};
