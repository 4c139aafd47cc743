/** VALUATION_STEP: a priced round, and how it steps up from the round before. */
import { Args, DealFunction } from "./definition";
import { Dec, toDouble } from "./numeric";
import { needs } from "./validate";

export interface ValuationStepInputs {
  preMoney: Dec;
  investment: Dec;
  priorPostMoney?: Dec;
  yearsSincePrior?: Dec;
}

export function valuationStep({
  preMoney,
  investment,
  priorPostMoney,
  yearsSincePrior,
}: ValuationStepInputs) {
  const postMoney = preMoney.plus(investment);
  const stepUp = () => preMoney.div(needs(priorPostMoney, "step_up", "prior_post_money"));
  return {
    post_money: () => toDouble(postMoney, "post_money"),
    ownership: () => toDouble(investment.div(postMoney), "ownership"),
    existing_retained: () => toDouble(preMoney.div(postMoney), "existing_retained"),
    step_up: () => toDouble(stepUp(), "step_up"),
    implied_cagr: () => {
      const years = needs(yearsSincePrior, "implied_cagr", "years_since_prior");
      return toDouble(stepUp().pow(new Dec(1).div(years)).minus(1), "implied_cagr");
    },
  };
}

export const VALUATION_STEP: DealFunction = {
  name: "VALUATION_STEP",
  params: [
    { name: "pre_money", kind: "number", rule: { greaterThan: 0 } },
    { name: "investment", kind: "number", rule: { min: 0 } },
    { name: "prior_post_money", kind: "number", rule: { greaterThan: 0 }, optional: true },
    { name: "years_since_prior", kind: "number", rule: { greaterThan: 0 }, optional: true },
  ],
  fields: ["post_money", "ownership", "existing_retained", "step_up", "implied_cagr"],
  headline: "post_money",
  evaluate: (args: Args) =>
    valuationStep({
      preMoney: args.pre_money as Dec,
      investment: args.investment as Dec,
      priorPostMoney: args.prior_post_money as Dec | undefined,
      yearsSincePrior: args.years_since_prior as Dec | undefined,
    }),
};
