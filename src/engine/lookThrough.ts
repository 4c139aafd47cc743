/**
 * LOOK_THROUGH: a strategic investor's whole economics in one deal, period by period: the equity
 * it puts in, the after-tax margin on the customer's spend, the capex that spend needs, and the
 * stake's value at the end; with two stresses, a share of the committed spend that happens and a
 * period in which the customer fails (from then on nothing flows and the stake is worth 0).
 */
import { Args, DealFunction, Table } from "./definition";
import { internalRate } from "./irr";
import { Dec, ONE, ZERO, toDouble } from "./numeric";
import { paybackPeriod } from "./payback";
import { needsThat } from "./validate";

export interface LookThroughInputs {
  /** By period 0, 1, 2, …; shorter lists count as padded with zeros. */
  investments: readonly Dec[];
  spend: readonly Dec[];
  capex: readonly Dec[];
  vendorMargin: Dec;
  taxRate: Dec;
  stakeValue: Dec;
  discountRate: Dec;
  realisation: Dec;
  /** The first period in which nothing flows; undefined when the customer does not fail. */
  failurePeriod?: number;
}

/** The spill's header row, in the spec's order. */
export const LOOK_THROUGH_COLUMNS = [
  "period",
  "investment",
  "spend",
  "margin_after_tax",
  "capex",
  "stake",
  "net_flow",
  "discounted_net_flow",
  "cumulative_discounted_net_flow",
] as const;

/** The sums every field but npv and table is made of, from one pass over the periods. */
interface Totals {
  marginPv: Dec;
  capexPv: Dec;
  investmentPv: Dec;
  stakePv: Dec;
  /** Σ (1 − τ)·ρ·S_t·(1 + r)^(−t): the margin's PV per unit of margin. */
  spendPv: Dec;
  marginTotal: Dec;
  moneyOut: Dec;
  stake: Dec;
  netFlows: Dec[];
  lastBelowZero: number;
}

export function lookThrough(inputs: LookThroughInputs) {
  const { investments, spend, capex, vendorMargin, taxRate, realisation, discountRate } = inputs;
  const lastPeriod = Math.max(investments.length, spend.length, capex.length) - 1;
  // flows run up to, not including, the failure period; the stake counts only if that is after n
  const flowing = Math.min(lastPeriod + 1, inputs.failurePeriod ?? Infinity);
  const stake = flowing > lastPeriod ? inputs.stakeValue : ZERO;
  const spendShare = ONE.minus(taxRate).times(realisation);
  const marginShare = spendShare.times(vendorMargin);
  const perPeriod = ONE.div(discountRate.plus(1));
  const at = (list: readonly Dec[], t: number): Dec => (t < flowing ? (list[t] ?? ZERO) : ZERO);

  /** f_t = (1 − τ)·g·ρ·S_t − I_t − C_t, plus the stake at n; a zero skips its operation. */
  const netFlow = (t: number): Dec => {
    const spent = at(spend, t);
    let flow = spent.isZero() ? ZERO : marginShare.times(spent);
    const [invested, built] = [at(investments, t), at(capex, t)];
    if (!invested.isZero()) flow = flow.minus(invested);
    if (!built.isZero()) flow = flow.minus(built);
    return t === lastPeriod && !stake.isZero() ? flow.plus(stake) : flow;
  };

  /** Σ f_t·v^t by Horner's rule in v = 1/(1 + r): two operations a period. */
  const npv = (): Dec => {
    let sum = ZERO;
    for (let t = lastPeriod; t >= 0; t--) {
      if (!sum.isZero() && !discountRate.isZero()) sum = sum.times(perPeriod);
      const flow = netFlow(t);
      if (!flow.isZero()) sum = sum.plus(flow);
    }
    return sum;
  };

  let computed: Totals | undefined;
  const totals = (): Totals => {
    if (computed) return computed;
    const sums = {
      marginPv: ZERO,
      capexPv: ZERO,
      investmentPv: ZERO,
      spendPv: ZERO,
      marginTotal: ZERO,
      moneyOut: ZERO,
    };
    const netFlows: Dec[] = [];
    let cumulative = ZERO;
    let lastBelowZero = -1;
    let factor = ONE;
    for (let t = 0; t <= lastPeriod; t++) {
      const [spent, invested, built] = [at(spend, t), at(investments, t), at(capex, t)];
      const margin = marginShare.times(spent);
      sums.marginPv = sums.marginPv.plus(margin.times(factor));
      sums.spendPv = sums.spendPv.plus(spendShare.times(spent).times(factor));
      sums.investmentPv = sums.investmentPv.plus(invested.times(factor));
      sums.capexPv = sums.capexPv.plus(built.times(factor));
      sums.marginTotal = sums.marginTotal.plus(margin);
      sums.moneyOut = sums.moneyOut.plus(invested).plus(built);
      const flow = netFlow(t);
      netFlows.push(flow);
      cumulative = cumulative.plus(flow.times(factor));
      if (cumulative.isNegative()) lastBelowZero = t;
      if (t < lastPeriod) factor = factor.times(perPeriod);
    }
    return (computed = {
      ...sums,
      stakePv: stake.times(factor),
      stake,
      netFlows,
      lastBelowZero,
    });
  };

  const table = (): Table => {
    const rows: Table = [[...LOOK_THROUGH_COLUMNS]];
    let factor = ONE;
    let cumulative = ZERO;
    for (let t = 0; t <= lastPeriod; t++) {
      const flow = netFlow(t);
      const discounted = flow.times(factor);
      cumulative = cumulative.plus(discounted);
      const cells = [
        at(investments, t),
        at(spend, t),
        marginShare.times(at(spend, t)),
        at(capex, t),
        t === lastPeriod ? stake : ZERO,
        flow,
        discounted,
        cumulative,
      ];
      rows.push([t, ...cells.map((cell, i) => toDouble(cell, LOOK_THROUGH_COLUMNS[i + 1]))]);
      factor = factor.times(perPeriod);
    }
    return rows;
  };

  return {
    npv: () => toDouble(npv(), "npv"),
    margin_pv: () => toDouble(totals().marginPv, "margin_pv"),
    capex_pv: () => toDouble(totals().capexPv, "capex_pv"),
    investment_pv: () => toDouble(totals().investmentPv, "investment_pv"),
    stake_pv: () => toDouble(totals().stakePv, "stake_pv"),
    irr: () => internalRate(totals().netFlows),
    moic: () => {
      const { marginTotal, moneyOut } = totals();
      needsThat(moneyOut.greaterThan(0), "moic", "investments or capex > 0 before any failure");
      return toDouble(marginTotal.plus(stake).div(moneyOut), "moic");
    },
    payback_period: () => paybackPeriod(totals().lastBelowZero, lastPeriod),
    breakeven_margin: () => {
      const { investmentPv, capexPv, stakePv, spendPv } = totals();
      needsThat(
        !spendPv.isZero(),
        "breakeven_margin",
        "spend that happens (spend and realisation > 0, tax_rate < 1)"
      );
      return toDouble(investmentPv.plus(capexPv).minus(stakePv).div(spendPv), "breakeven_margin");
    },
    table,
  };
}

const AMOUNTS = { kind: "numberList", rule: { min: 0 } } as const;

export const LOOK_THROUGH: DealFunction = {
  name: "LOOK_THROUGH",
  params: [
    { name: "investments", ...AMOUNTS },
    { name: "spend", ...AMOUNTS },
    { name: "vendor_margin", kind: "number", rule: { min: -1, max: 1 } },
    {
      name: "tax_rate",
      kind: "number",
      rule: { min: 0, lessThan: 1 },
      optional: true,
      defaultValue: 0,
    },
    { name: "capex", ...AMOUNTS, optional: true, defaultValue: 0 },
    { name: "stake_value", kind: "number", rule: { min: 0 }, optional: true, defaultValue: 0 },
    {
      name: "discount_rate",
      kind: "number",
      rule: { greaterThan: -1 },
      optional: true,
      defaultValue: 0,
    },
    {
      name: "realisation",
      kind: "number",
      rule: { min: 0, max: 1 },
      optional: true,
      defaultValue: 1,
    },
    { name: "failure_period", kind: "number", rule: { min: 0, integer: true }, optional: true },
  ],
  fields: [
    "npv",
    "margin_pv",
    "capex_pv",
    "investment_pv",
    "stake_pv",
    "irr",
    "moic",
    "payback_period",
    "breakeven_margin",
    "table",
  ],
  fieldHelp: {
    npv: "Σ f_t·(1 + r)^(−t) with f_t = −I_t + (1 − τ)·g·ρ·S_t − C_t, plus the stake at the end.",
    irr: "The one rate above −100% with npv = 0; #NUM! when there is none or more than one.",
    moic: "(after-tax margin + stake) / (investment + capex), undiscounted.",
    payback_period:
      "The period from which the cumulative discounted net flow stays >= 0 to the end (the last crossing).",
    breakeven_margin: "The vendor_margin at which npv = 0, all else fixed.",
  },
  headline: "npv",
  evaluate: (args: Args) =>
    lookThrough({
      investments: args.investments as Dec[],
      spend: args.spend as Dec[],
      capex: args.capex as Dec[],
      vendorMargin: args.vendor_margin as Dec,
      taxRate: args.tax_rate as Dec,
      stakeValue: args.stake_value as Dec,
      discountRate: args.discount_rate as Dec,
      realisation: args.realisation as Dec,
      failurePeriod: (args.failure_period as Dec | undefined)?.toNumber(),
    }),
};
