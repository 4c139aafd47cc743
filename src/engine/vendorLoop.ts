/**
 * VENDOR_FINANCE_LOOP: a vendor invests in a customer that commits to spend money back with it.
 * The first dollars spent are the vendor's own investment coming back, so the round trip is
 * min(investment, spend_commitment).
 */
import { annuityFactor } from "./annuity";
import { Args, DealFunction } from "./definition";
import { Dec, decMin, toDouble } from "./numeric";
import { needs, needsThat } from "./validate";

export interface VendorFinanceLoopInputs {
  investment: Dec;
  spendCommitment: Dec;
  vendorMargin: Dec;
  /** Any n > 0: a fractional n takes a(n) as written, (1 − (1 + r)^(−n)) / r. */
  spendYears: Dec;
  discountRate: Dec;
  postMoney?: Dec;
}

export function vendorFinanceLoop({
  investment,
  spendCommitment,
  vendorMargin,
  spendYears,
  discountRate,
  postMoney,
}: VendorFinanceLoopInputs) {
  const roundTrip = decMin(investment, spendCommitment);
  const netCashExposure = investment.minus(vendorMargin.times(roundTrip));
  let pvCommitment: Dec | undefined;
  // PV(S) = (S / n)·a(n); four fields use it, so it is computed once, on first use.
  const pvSpend = () =>
    (pvCommitment ??= spendCommitment
      .div(spendYears)
      .times(annuityFactor(discountRate, spendYears)));
  const pvMargin = () => vendorMargin.times(pvSpend());
  const perInvestment = (field: string) =>
    needsThat(investment.greaterThan(0), field, "investment > 0");
  const perSpend = (field: string) =>
    needsThat(spendCommitment.greaterThan(0), field, "spend_commitment > 0");
  return {
    net_cash_exposure: () => toDouble(netCashExposure, "net_cash_exposure"),
    round_trip: () => toDouble(roundTrip, "round_trip"),
    round_trip_ratio: () => {
      perInvestment("round_trip_ratio");
      return toDouble(roundTrip.div(investment), "round_trip_ratio");
    },
    vendor_funded_share: () => {
      perSpend("vendor_funded_share");
      return toDouble(roundTrip.div(spendCommitment), "vendor_funded_share");
    },
    recaptured_margin: () => toDouble(vendorMargin.times(roundTrip), "recaptured_margin"),
    pv_margin_on_commitment: () => toDouble(pvMargin(), "pv_margin_on_commitment"),
    net_present_cost: () => toDouble(investment.minus(pvMargin()), "net_present_cost"),
    margin_payback_multiple: () => {
      perInvestment("margin_payback_multiple");
      return toDouble(pvMargin().div(investment), "margin_payback_multiple");
    },
    effective_entry_valuation: () => {
      const post = needs(postMoney, "effective_entry_valuation", "post_money");
      perInvestment("effective_entry_valuation");
      return toDouble(post.times(netCashExposure).div(investment), "effective_entry_valuation");
    },
    deal_margin_if_written_off: () => {
      perSpend("deal_margin_if_written_off");
      // margin and investment on one present-value basis: (g·PV(S) − I) / PV(S)
      return toDouble(pvMargin().minus(investment).div(pvSpend()), "deal_margin_if_written_off");
    },
  };
}

export const VENDOR_FINANCE_LOOP: DealFunction = {
  name: "VENDOR_FINANCE_LOOP",
  params: [
    { name: "investment", kind: "number", rule: { min: 0 } },
    { name: "spend_commitment", kind: "number", rule: { min: 0 } },
    { name: "vendor_margin", kind: "number", rule: { min: -1, max: 1 } },
    {
      name: "spend_years",
      kind: "number",
      rule: { greaterThan: 0 },
      optional: true,
      defaultValue: 1,
    },
    {
      name: "discount_rate",
      kind: "number",
      rule: { greaterThan: -1 },
      optional: true,
      defaultValue: 0,
    },
    { name: "post_money", kind: "number", rule: { greaterThan: 0 }, optional: true },
  ],
  fields: [
    "net_cash_exposure",
    "round_trip",
    "round_trip_ratio",
    "vendor_funded_share",
    "recaptured_margin",
    "pv_margin_on_commitment",
    "net_present_cost",
    "margin_payback_multiple",
    "effective_entry_valuation",
    "deal_margin_if_written_off",
  ],
  fieldHelp: {
    net_cash_exposure:
      "Best case: assumes the round-trip spend happens and money is fungible (investment − margin × round trip).",
    round_trip: "Best case: the investment that comes back as spend, if that spend happens.",
    recaptured_margin: "Best case: the margin on the round-trip spend, if that spend happens.",
    effective_entry_valuation:
      "Needs the post-money of the round this investment bought into, never a later mark.",
    deal_margin_if_written_off:
      "Margin on the whole deal if the stake ends worthless, with margin, investment and spend on one present-value basis.",
  },
  headline: "net_cash_exposure",
  evaluate: (args: Args) =>
    vendorFinanceLoop({
      investment: args.investment as Dec,
      spendCommitment: args.spend_commitment as Dec,
      vendorMargin: args.vendor_margin as Dec,
      spendYears: args.spend_years as Dec,
      discountRate: args.discount_rate as Dec,
      postMoney: args.post_money as Dec | undefined,
    }),
};
