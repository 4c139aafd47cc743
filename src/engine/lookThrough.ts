/**
 * LOOK_THROUGH: a strategic investor's whole economics in one deal, period by period: the equity
 * it puts in, the after-tax margin on the customer's spend, the capex that spend needs, and the
 * stake's value at the end; with two stresses, a share of the committed spend that happens and a
 * period in which the customer fails (from then on nothing flows and the stake is worth 0).
 */
import { Args, DealFunction, Table } from "./definition";
import { decExp, ln1p, TOLERANCE, UNIT_ROUNDOFF } from "./elementary";
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
  netFlows: Dec[];
  lastBelowZero: number;
}

/** The deal's net flows f_t, and the sums made of them (a class: no closures built per call). */
class LookThroughFlows {
  readonly lastPeriod: number;
  /** Flows run up to, not including, the failure period. */
  private readonly flowing: number;
  /** The stake counts only if the customer has not failed by the last period. */
  readonly stake: Dec;
  private readonly spendShare: Dec;
  private readonly marginShare: Dec;
  private computed?: Totals;

  constructor(private readonly inputs: LookThroughInputs) {
    const { investments, spend, capex, taxRate, realisation, vendorMargin } = inputs;
    this.lastPeriod = Math.max(investments.length, spend.length, capex.length) - 1;
    this.flowing = Math.min(this.lastPeriod + 1, inputs.failurePeriod ?? Infinity);
    this.stake = this.flowing > this.lastPeriod ? inputs.stakeValue : ZERO;
    this.spendShare = taxRate.isZero() ? realisation : ONE.minus(taxRate).times(realisation);
    this.marginShare = this.spendShare.times(vendorMargin);
  }

  private at(list: readonly Dec[], t: number): Dec {
    return t < this.flowing ? (list[t] ?? ZERO) : ZERO;
  }

  /** (1 − τ)·g·ρ·S_t, after tax and realisation. */
  private margin(t: number): Dec {
    const spent = this.at(this.inputs.spend, t);
    return spent.isZero() ? ZERO : this.marginShare.times(spent);
  }

  /** f_t = (1 − τ)·g·ρ·S_t − I_t − C_t, plus the stake at n; a zero skips its operation. */
  netFlow(t: number): Dec {
    let flow = this.margin(t);
    const invested = this.at(this.inputs.investments, t);
    const built = this.at(this.inputs.capex, t);
    if (!invested.isZero()) flow = flow.minus(invested);
    if (!built.isZero()) flow = flow.minus(built);
    return t === this.lastPeriod && !this.stake.isZero() ? flow.plus(this.stake) : flow;
  }

  /**
   * Σ f_t·(1 + r)^(−t) as Σ f_t·(1 + r)^(n−t) × (1 + r)^(−n), the sum by Horner's rule: a product
   * by the short 1 + r a period costs half one by its long reciprocal.
   */
  npv(): Dec {
    const { discountRate } = this.inputs;
    const growth = discountRate.plus(1);
    let sum = ZERO;
    for (let t = 0; t <= this.lastPeriod; t++) {
      if (!sum.isZero() && !discountRate.isZero()) sum = sum.times(growth);
      const flow = this.netFlow(t);
      if (!flow.isZero()) sum = sum.plus(flow);
    }
    if (discountRate.isZero() || this.lastPeriod === 0) return sum;
    // (1 + r)^(−n) in doubles is off by about |n·ln(1 + r)| roundings: used while that keeps
    // well inside the 1e-12 promised, else a decimal power
    const growthLog = this.lastPeriod * ln1p(discountRate);
    return Math.abs(growthLog) * UNIT_ROUNDOFF <= TOLERANCE / 10
      ? sum.times(decExp(-growthLog))
      : sum.div(growth.pow(this.lastPeriod));
  }

  /** (1 + r)^(−1), for the fields that discount period by period. */
  private perPeriod(): Dec {
    return ONE.div(this.inputs.discountRate.plus(1));
  }

  /**
   * One pass for every field but npv and table. The margin's sums are the spend's times the
   * margin share, taken once at the end; a zero investment or capex skips its operations.
   */
  totals(): Totals {
    if (this.computed) return this.computed;
    const { spend, investments, capex } = this.inputs;
    let [spendPv, spendTotal, investmentPv, capexPv, moneyOut] = [ZERO, ZERO, ZERO, ZERO, ZERO];
    const netFlows: Dec[] = [];
    let cumulative = ZERO;
    let lastBelowZero = -1;
    let factor = ONE;
    const discount = this.perPeriod();
    for (let t = 0; t <= this.lastPeriod; t++) {
      const [spent, invested, built] = [
        this.at(spend, t),
        this.at(investments, t),
        this.at(capex, t),
      ];
      if (!spent.isZero()) {
        spendPv = spendPv.plus(spent.times(factor));
        spendTotal = spendTotal.plus(spent);
      }
      if (!invested.isZero()) {
        investmentPv = investmentPv.plus(invested.times(factor));
        moneyOut = moneyOut.plus(invested);
      }
      if (!built.isZero()) {
        capexPv = capexPv.plus(built.times(factor));
        moneyOut = moneyOut.plus(built);
      }
      const flow = this.netFlow(t);
      netFlows.push(flow);
      if (!flow.isZero()) cumulative = cumulative.plus(flow.times(factor));
      if (cumulative.isNegative()) lastBelowZero = t;
      if (t < this.lastPeriod) factor = factor.times(discount);
    }
    return (this.computed = {
      marginPv: this.marginShare.times(spendPv),
      spendPv: this.spendShare.times(spendPv),
      marginTotal: this.marginShare.times(spendTotal),
      investmentPv,
      capexPv,
      moneyOut,
      stakePv: this.stake.times(factor),
      netFlows,
      lastBelowZero,
    });
  }

  table(): Table {
    const rows: Table = [[...LOOK_THROUGH_COLUMNS]];
    const discount = this.perPeriod();
    let factor = ONE;
    let cumulative = ZERO;
    for (let t = 0; t <= this.lastPeriod; t++) {
      const flow = this.netFlow(t);
      const discounted = flow.times(factor);
      cumulative = cumulative.plus(discounted);
      const cells = [
        this.at(this.inputs.investments, t),
        this.at(this.inputs.spend, t),
        this.margin(t),
        this.at(this.inputs.capex, t),
        t === this.lastPeriod ? this.stake : ZERO,
        flow,
        discounted,
        cumulative,
      ];
      rows.push([t, ...cells.map((cell, i) => toDouble(cell, LOOK_THROUGH_COLUMNS[i + 1]))]);
      factor = factor.times(discount);
    }
    return rows;
  }
}

export function lookThrough(inputs: LookThroughInputs) {
  const flows = new LookThroughFlows(inputs);
  const { stake, lastPeriod } = flows;
  // The fields are methods rather than arrow functions: a closure per field per call is measurable
  // at this speed (and tsx names each one).
  return {
    npv() {
      return toDouble(flows.npv(), "npv");
    },
    margin_pv() {
      return toDouble(flows.totals().marginPv, "margin_pv");
    },
    capex_pv() {
      return toDouble(flows.totals().capexPv, "capex_pv");
    },
    investment_pv() {
      return toDouble(flows.totals().investmentPv, "investment_pv");
    },
    stake_pv() {
      return toDouble(flows.totals().stakePv, "stake_pv");
    },
    irr() {
      return internalRate(flows.totals().netFlows);
    },
    moic() {
      const { marginTotal, moneyOut } = flows.totals();
      needsThat(moneyOut.greaterThan(0), "moic", "investments or capex > 0 before any failure");
      return toDouble(marginTotal.plus(stake).div(moneyOut), "moic");
    },
    payback_period() {
      return paybackPeriod(flows.totals().lastBelowZero, lastPeriod);
    },
    breakeven_margin() {
      const { investmentPv, capexPv, stakePv, spendPv } = flows.totals();
      needsThat(
        !spendPv.isZero(),
        "breakeven_margin",
        "spend that happens (spend and realisation > 0, tax_rate < 1)"
      );
      return toDouble(investmentPv.plus(capexPv).minus(stakePv).div(spendPv), "breakeven_margin");
    },
    table() {
      return flows.table();
    },
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
