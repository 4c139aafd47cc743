/**
 * The DEAL custom functions. The JSDoc below is the help Excel shows in formula autocomplete
 * (custom-functions-metadata-plugin turns it into functions.json at build); every argument is
 * declared `any` so that DealLoop, not Excel, coerces it and can say what is wrong with it.
 * The rules themselves live in each function's parameter table in src/engine.
 */
import { evaluate, spillResult } from "./excelResult";

/**
 * Post-money valuation of a priced round (pre-money + investment), or its ownership, step-up and implied growth.
 * @customfunction VALUATION_STEP
 * @param pre_money Pre-money valuation of this round, an amount > 0 (any currency unit).
 * @param investment New money invested in this round, an amount >= 0 in the same unit.
 * @param [prior_post_money] Post-money valuation of the previous round, > 0; needed for step_up and implied_cagr.
 * @param [years_since_prior] Years between the two rounds, > 0 (fractions allowed); needed for implied_cagr.
 * @param [output] Field to return: post_money (default), ownership, existing_retained, step_up, implied_cagr, or "all" for a two-column list.
 * @returns The post-money valuation, or the field asked for.
 */
export function valuationStep(
  pre_money: any,
  investment: any,
  prior_post_money?: any,
  years_since_prior?: any,
  output?: any
): any[][] {
  return spillResult(
    evaluate("VALUATION_STEP", [pre_money, investment, prior_post_money, years_since_prior, output])
  );
}

/**
 * Expected present value of a tranche paid only if a trigger happens: amount × probability × (1 + rate)^−years.
 * @customfunction TRANCHE_VALUE
 * @param amount Tranche amount, >= 0 (any currency unit).
 * @param probability Probability the trigger happens, 0 to 1; a range of several independent triggers (any one releases the tranche) combines as 1 − Π(1 − p).
 * @param years Years until the tranche would be paid, >= 0.
 * @param discount_rate Annual effective discount rate as a decimal (0.1 = 10%), > −1.
 * @param [output] Field to return: expected_value (default), probability, discount_factor, expected_undiscounted, haircut, probability_low and probability_high (the bounds on "any trigger" whatever the dependence between triggers: max p to min(1, Σp)), expected_value_low, expected_value_high, or "all".
 * @returns The probability-weighted, discounted value of the tranche, or the field asked for.
 */
export function trancheValue(
  amount: any,
  probability: any[][],
  years: any,
  discount_rate: any,
  output?: any
): any[][] {
  return spillResult(
    evaluate("TRANCHE_VALUE", [amount, probability, years, discount_rate, output])
  );
}

/**
 * Expected present value of a tranche whose trigger arrives at a constant annual hazard rate before a deadline.
 * @customfunction TRANCHE_HAZARD_VALUE
 * @param amount Tranche amount, >= 0 (any currency unit).
 * @param annual_hazard Trigger arrival rate per year, >= 0 (0.2 ≈ once in five years); a range of independent triggers adds up.
 * @param deadline_years Years until the commitment lapses, >= 0.
 * @param discount_rate Annual effective discount rate as a decimal, > −1 (continuous rate ln(1 + r) is used).
 * @param [timing] "on_trigger" (default: paid when the trigger happens) or "at_deadline" (paid at the deadline if triggered by then).
 * @param [output] Field to return: expected_value (default), trigger_probability, expected_trigger_years, or "all".
 * @returns The expected present value of the tranche, or the field asked for.
 */
export function trancheHazardValue(
  amount: any,
  annual_hazard: any[][],
  deadline_years: any,
  discount_rate: any,
  timing?: any,
  output?: any
): any[][] {
  return spillResult(
    evaluate("TRANCHE_HAZARD_VALUE", [
      amount,
      annual_hazard,
      deadline_years,
      discount_rate,
      timing,
      output,
    ])
  );
}

/**
 * Value of a right to invest more at an earlier, fixed valuation, priced as a warrant (Black–Scholes with dilution): the value of a right, not an expected cash outlay.
 * @customfunction TRANCHE_OPTION_VALUE
 * @param amount Amount the investor may invest, >= 0 (any currency unit); exercising issues new shares for it.
 * @param current_valuation Today's pre-money value of the company's equity, > 0, on the same share count as the strike valuation.
 * @param strike_valuation Pre-money valuation at which the money would go in, fixed in the right, > 0.
 * @param volatility Annual volatility of the valuation as a decimal (0.6 = 60%), >= 0.
 * @param years Years until the right expires, >= 0.
 * @param risk_free_rate Annual effective risk-free rate as a decimal, > −1 (continuous rate ln(1 + r) is used).
 * @param [output] Field to return: value (default: diluted), undiluted_value (no dilution, for comparison only), dilution_factor, intrinsic, delta, probability_in_money, d1, d2, or "all". Never add it to a probability-weighted or hazard value.
 * @returns The right's value in the amount's unit, or the field asked for.
 */
export function trancheOptionValue(
  amount: any,
  current_valuation: any,
  strike_valuation: any,
  volatility: any,
  years: any,
  risk_free_rate: any,
  output?: any
): any[][] {
  return spillResult(
    evaluate("TRANCHE_OPTION_VALUE", [
      amount,
      current_valuation,
      strike_valuation,
      volatility,
      years,
      risk_free_rate,
      output,
    ])
  );
}

/**
 * A vendor's equity investment in a customer that commits to spend it back: net cash exposure, margin recaptured, net present cost.
 * @customfunction VENDOR_FINANCE_LOOP
 * @param investment Vendor's equity investment, >= 0 (any currency unit).
 * @param spend_commitment Customer's total committed spend with the vendor, >= 0, same unit.
 * @param vendor_margin Vendor's margin on that spend as a decimal, −1 to 1 (0.35 = 35%).
 * @param [spend_years] Years over which the commitment is spent evenly, at each year end, > 0 (default 1).
 * @param [discount_rate] Annual effective discount rate as a decimal, > −1 (default 0).
 * @param [post_money] Post-money valuation of the round this investment bought into (never a later mark), > 0; needed for effective_entry_valuation.
 * @param [output] Field to return: net_cash_exposure (default), round_trip, round_trip_ratio, vendor_funded_share, recaptured_margin, pv_margin_on_commitment, net_present_cost, margin_payback_multiple, effective_entry_valuation, deal_margin_if_written_off (on one present-value basis), or "all". net_cash_exposure, round_trip and recaptured_margin are the best case: the round-trip spend happens and money is fungible.
 * @returns The vendor's net cash exposure in the best case, or the field asked for.
 */
export function vendorFinanceLoop(
  investment: any,
  spend_commitment: any,
  vendor_margin: any,
  spend_years?: any,
  discount_rate?: any,
  post_money?: any,
  output?: any
): any[][] {
  return spillResult(
    evaluate("VENDOR_FINANCE_LOOP", [
      investment,
      spend_commitment,
      vendor_margin,
      spend_years,
      discount_rate,
      post_money,
      output,
    ])
  );
}

/**
 * The vendor-financing loop period by period, for tranches and uneven spend; spills the schedule.
 * @customfunction VENDOR_LOOP_SCHEDULE
 * @param investments Vendor investment per period (period 0, 1, 2, …), a single column or row of amounts >= 0.
 * @param spend Customer spend with the vendor per period, a single column or row of amounts >= 0; the shorter list is padded with zeros.
 * @param vendor_margin Vendor's margin on the spend as a decimal, −1 to 1.
 * @param [discount_rate] Annual effective discount rate per period as a decimal, > −1 (default 0).
 * @param [output] Omit for the whole schedule; or npv, payback_period (the period from which the cumulative discounted flow stays >= 0), round_trip_total, or "all".
 * @returns The schedule with a header row, or the field asked for.
 */
export function vendorLoopSchedule(
  investments: any[][],
  spend: any[][],
  vendor_margin: any,
  discount_rate?: any,
  output?: any
): any[][] {
  return spillResult(
    evaluate("VENDOR_LOOP_SCHEDULE", [investments, spend, vendor_margin, discount_rate, output])
  );
}

/**
 * A strategic investor's whole economics in one deal: equity out, after-tax margin on the customer's spend, capex, the stake's end value; NPV, IRR, MOIC, payback, break-even margin.
 * @customfunction LOOK_THROUGH
 * @param investments Equity the investor puts in per period (period 0, 1, 2, …), a single column or row of amounts >= 0.
 * @param spend Customer's committed spend with the investor per period, a single column or row of amounts >= 0; shorter lists are padded with zeros.
 * @param vendor_margin Investor's operating margin on that spend as a decimal, −1 to 1.
 * @param [tax_rate] Tax rate on the margin as a decimal, 0 to less than 1 (default 0).
 * @param [capex] Capital the investor must spend to serve the spend, per period, amounts >= 0 (default none).
 * @param [stake_value] Value of the stake at the end of the last period, >= 0 (default 0).
 * @param [discount_rate] Annual effective discount rate per period as a decimal, > −1 (default 0).
 * @param [realisation] Share of the committed spend that actually happens, 0 to 1 (default 1).
 * @param [failure_period] Period in which the customer fails, a whole number >= 0: from then on nothing flows and the stake is worth 0 (default: no failure).
 * @param [output] Field to return: npv (default), margin_pv, capex_pv, investment_pv, stake_pv, irr (#NUM! when no rate or several rates give an NPV of 0), moic, payback_period, breakeven_margin, table, or "all".
 * @returns The net present value of the investor's flows, or the field asked for.
 */
export function lookThrough(
  investments: any[][],
  spend: any[][],
  vendor_margin: any,
  tax_rate?: any,
  capex?: any[][],
  stake_value?: any,
  discount_rate?: any,
  realisation?: any,
  failure_period?: any,
  output?: any
): any[][] {
  return spillResult(
    evaluate("LOOK_THROUGH", [
      investments,
      spend,
      vendor_margin,
      tax_rate,
      capex,
      stake_value,
      discount_rate,
      realisation,
      failure_period,
      output,
    ])
  );
}

/**
 * Maximum circular volume in a web of flows (money going round in circles), its share, cycles and net positions.
 * @customfunction CIRCULARITY
 * @param flows Range of at least three columns: from, to, amount (>= 0); a header row and blank rows are allowed, repeated pairs add up.
 * @param [output] Field to return: circular_volume (default), gross_volume, circular_share, cycles, net_positions, by_flow (each row's part of the circulation, one cell per row of flows), or "all".
 * @returns The largest amount that circulates, or the field asked for.
 */
export function circularity(flows: any[][], output?: any): any[][] {
  return spillResult(evaluate("CIRCULARITY", [flows, output]));
}

/**
 * Payout of a capped-profit stake: min(profit share × profits, cap multiple × investment).
 * @customfunction CAPPED_RETURN
 * @param investment Amount invested, > 0 (any currency unit).
 * @param profit_share Investor's share of profits as a decimal, 0 to 1.
 * @param cap_multiple Cap on the payout as a multiple of the investment, > 0 (100 = 100×).
 * @param total_profits Total profits distributed, >= 0, in the investment's unit.
 * @param [output] Field to return: payout (default), multiple, excess_to_others, profits_to_reach_cap, or "all".
 * @returns The investor's capped payout, or the field asked for.
 */
export function cappedReturn(
  investment: any,
  profit_share: any,
  cap_multiple: any,
  total_profits: any,
  output?: any
): any[][] {
  return spillResult(
    evaluate("CAPPED_RETURN", [investment, profit_share, cap_multiple, total_profits, output])
  );
}

/**
 * A sourced figure from DealLoop's deal library (or your own sources), such as a deal's investment or valuation.
 * @customfunction FACT
 * @param deal_id Deal id, text such as "amazon-anthropic-2023" (see the taskpane or `dealloop deals`).
 * @param field Fact key, text such as "investment"; a range fact takes "valuation.low" or "valuation.high".
 * @param [output] What to return: value (default: a number in base units, USD not billions, or text), unit, qualifier, status, or "all".
 * @returns The fact's value, or the part of it asked for.
 */
export function fact(deal_id: any, field: any, output?: any): any[][] {
  return spillResult(evaluate("FACT", [deal_id, field, output]));
}

/**
 * Where a fact of the deal library comes from: document, section, status and date, on one line.
 * @customfunction FACT_SOURCE
 * @param deal_id Deal id, text such as "amazon-anthropic-2023".
 * @param field Fact key, text such as "investment".
 * @param [output] What to return: source (default: one line), document, section, status, as_of, origin (built-in or your file), or "all".
 * @returns The fact's citation, or the part of it asked for.
 */
export function factSource(deal_id: any, field: any, output?: any): any[][] {
  return spillResult(evaluate("FACT_SOURCE", [deal_id, field, output]));
}
