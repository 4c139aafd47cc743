/** CAPPED_RETURN: a capped-profit stake, entitled to a share of profits up to a multiple of its money. */
import { Args, DealFunction } from "./definition";
import { Dec, decMin, toDouble } from "./numeric";
import { needsThat } from "./validate";

export interface CappedReturnInputs {
  investment: Dec;
  profitShare: Dec;
  capMultiple: Dec;
  totalProfits: Dec;
}

export function cappedReturn({
  investment,
  profitShare,
  capMultiple,
  totalProfits,
}: CappedReturnInputs) {
  const uncapped = profitShare.times(totalProfits);
  const cap = capMultiple.times(investment);
  const payout = decMin(uncapped, cap);
  return {
    payout: () => toDouble(payout, "payout"),
    multiple: () => toDouble(payout.div(investment), "multiple"),
    excess_to_others: () => toDouble(uncapped.minus(payout), "excess_to_others"),
    profits_to_reach_cap: () => {
      needsThat(profitShare.greaterThan(0), "profits_to_reach_cap", "profit_share > 0");
      return toDouble(cap.div(profitShare), "profits_to_reach_cap");
    },
  };
}

export const CAPPED_RETURN: DealFunction = {
  name: "CAPPED_RETURN",
  params: [
    { name: "investment", kind: "number", rule: { greaterThan: 0 } },
    { name: "profit_share", kind: "number", rule: { min: 0, max: 1 } },
    { name: "cap_multiple", kind: "number", rule: { greaterThan: 0 } },
    { name: "total_profits", kind: "number", rule: { min: 0 } },
  ],
  fields: ["payout", "multiple", "excess_to_others", "profits_to_reach_cap"],
  headline: "payout",
  evaluate: (args: Args) =>
    cappedReturn({
      investment: args.investment as Dec,
      profitShare: args.profit_share as Dec,
      capMultiple: args.cap_multiple as Dec,
      totalProfits: args.total_profits as Dec,
    }),
};
