/**
 * Default assumptions: the inputs templates need that no source document states (margins,
 * rates, probabilities, volatilities, horizons). They are never facts: a template shows each as
 * an assumption, with this rationale, for the analyst to replace.
 */
import * as z from "zod/mini";
import { Assumption, AssumptionSchema } from "./schema";

export const DEFAULT_ASSUMPTIONS: readonly Assumption[] = z.array(AssumptionSchema).parse([
  {
    key: "vendor_margin",
    value: 0.3,
    unit: "ratio",
    rationale:
      "The vendor's margin on the compute it sells back; no document states one. 30% is a round figure of the order of large cloud businesses' operating margins.",
    parameters: ["VENDOR_FINANCE_LOOP.vendor_margin", "VENDOR_LOOP_SCHEDULE.vendor_margin"],
  },
  {
    key: "discount_rate",
    value: 0.1,
    unit: "ratio",
    rationale:
      "An annual rate for a large technology company's project cash flows; no document states one.",
    parameters: [
      "VENDOR_FINANCE_LOOP.discount_rate",
      "VENDOR_LOOP_SCHEDULE.discount_rate",
      "TRANCHE_VALUE.discount_rate",
      "TRANCHE_HAZARD_VALUE.discount_rate",
    ],
  },
  {
    key: "risk_free_rate",
    value: 0.04,
    unit: "ratio",
    rationale: "Roughly where US Treasury yields stood over 2023–2026; no document states one.",
    parameters: ["TRANCHE_OPTION_VALUE.risk_free_rate"],
  },
  {
    key: "volatility",
    value: 0.6,
    unit: "ratio",
    rationale:
      "Annual volatility of a late-stage private AI company's equity: above mature technology stocks, in the range of high-growth ones.",
    parameters: ["TRANCHE_OPTION_VALUE.volatility"],
  },
  {
    key: "option_years",
    value: 1,
    unit: "years",
    rationale:
      "The documents give no exercise window for Amazon's 2023 option; one year is a common follow-on window.",
    parameters: ["TRANCHE_OPTION_VALUE.years"],
  },
  {
    key: "probability_ipo",
    value: 0.5,
    unit: "ratio",
    rationale:
      "The 2026 brief describes OpenAI preparing for its IPO; even odds within the horizon is a neutral start.",
    parameters: ["TRANCHE_VALUE.probability"],
  },
  {
    key: "probability_agi",
    value: 0.1,
    unit: "ratio",
    rationale:
      "AGI as a contractual trigger is undefined and untested; a low probability within the horizon.",
    parameters: ["TRANCHE_VALUE.probability"],
  },
  {
    key: "years_to_trigger",
    value: 3,
    unit: "years",
    rationale:
      "No document dates the contingent tranche's triggers; three years is a typical IPO-preparation horizon.",
    parameters: ["TRANCHE_VALUE.years"],
  },
  {
    key: "annual_hazard_ipo",
    value: 0.25,
    unit: "ratio",
    rationale:
      "An arrival rate giving about the same odds as probability_ipo within years_to_trigger (1 − e^(−0.75) ≈ 0.53).",
    parameters: ["TRANCHE_HAZARD_VALUE.annual_hazard"],
  },
  {
    key: "annual_hazard_agi",
    value: 0.035,
    unit: "ratio",
    rationale:
      "An arrival rate giving about the same odds as probability_agi within years_to_trigger (1 − e^(−0.105) ≈ 0.10).",
    parameters: ["TRANCHE_HAZARD_VALUE.annual_hazard"],
  },
  {
    key: "deadline_years",
    value: 5,
    unit: "years",
    rationale: "No document says when a contingent commitment lapses; five years is assumed.",
    parameters: ["TRANCHE_HAZARD_VALUE.deadline_years"],
  },
  {
    key: "spend_years",
    value: 10,
    unit: "years",
    rationale:
      "For a deal that states no spending horizon: the one horizon the sources give (Amazon–Anthropic 2026, over the next decade).",
    parameters: ["VENDOR_FINANCE_LOOP.spend_years"],
  },
  {
    key: "tax_rate",
    value: 0.21,
    unit: "ratio",
    rationale:
      "The US federal corporate rate on the vendor's margin; no document states one. State taxes, credits and timing differences are left out.",
    parameters: ["LOOK_THROUGH.tax_rate"],
  },
  {
    key: "capex_per_gw",
    value: 10e9,
    unit: "USD",
    rationale:
      "What a gigawatt of AI data-centre capacity costs the vendor; no document states it. Public estimates run from about $10B for the buildings, power and cooling to several times that with the accelerators; the low end is taken, so the accelerators' cost is read inside the margin. Raise it to carry the chips here instead.",
    parameters: ["LOOK_THROUGH.capex"],
  },
  {
    key: "valuation_basis",
    value: "post_money",
    unit: "text",
    rationale:
      'The documents say "at a $X valuation" without pre- or post-money; press usage is usually post-money. A fact named pre_money or post_money overrides it.',
    parameters: ["VALUATION_STEP.pre_money"],
  },
]);

export function findAssumption(key: string): Assumption | undefined {
  return DEFAULT_ASSUMPTIONS.find((assumption) => assumption.key === key);
}
