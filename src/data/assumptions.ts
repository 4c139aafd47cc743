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
    key: "vendor_margin_before_depreciation",
    value: 0.5,
    unit: "ratio",
    rationale:
      "No document states it. Cloud providers' margins before depreciation are well above their operating margins: depreciation of servers and data centres is their largest cost. 50% is a round figure of that order. The capex line carries the capacity's cost; an operating margin would count it twice.",
    parameters: ["LOOK_THROUGH.vendor_margin"],
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
    key: "spend_years",
    value: 10,
    unit: "years",
    rationale:
      "For a deal that states no spending horizon: the one horizon the sources give (Amazon–Anthropic 2026, over the next decade).",
    parameters: ["VENDOR_FINANCE_LOOP.spend_years"],
  },
  {
    key: "over_uplift",
    value: 0.2,
    unit: "ratio",
    rationale:
      'How far above X a figure written "over X" may run: a writer rounds down to the nearest headline figure, and one that ran a fifth or more higher would usually be quoted at the next one.',
    parameters: ["ranges.over"],
  },
  {
    key: "roughly_band",
    value: 0.1,
    unit: "ratio",
    rationale:
      'The band either side of a figure written "roughly X", "about X" or "~X": a press approximation is usually given to the nearest round figure, within about a tenth.',
    parameters: ["ranges.roughly"],
  },
  {
    key: "confidence_announced",
    value: 1,
    unit: "ratio",
    rationale:
      "A figure the parties made public themselves (an announcement, an earnings release): taken at full weight.",
    parameters: ["ranges.confidence"],
  },
  {
    key: "confidence_reported",
    value: 0.75,
    unit: "ratio",
    rationale:
      "A figure the press reports without the parties confirming it: most such reports of signed deals hold, some change in the final terms.",
    parameters: ["ranges.confidence"],
  },
  {
    key: "confidence_in_talks",
    value: 0.5,
    unit: "ratio",
    rationale:
      "A deal under negotiation: even odds that it closes on the reported terms, for want of any base rate in the sources.",
    parameters: ["ranges.confidence"],
  },
  {
    key: "confidence_estimate",
    value: 0.5,
    unit: "ratio",
    rationale:
      "An estimate, projection or approximation by a third party: a view, not a commitment, weighted as an even chance.",
    parameters: ["ranges.confidence"],
  },
  {
    key: "probability_contingent",
    value: 0.5,
    unit: "ratio",
    rationale:
      "The chance that a contingent tranche or option whose source names no trigger is paid within the years to the trigger: even odds, for want of a stated condition.",
    parameters: ["TRANCHE_VALUE.probability"],
  },
  {
    key: "contagion_shortfall",
    value: 0.5,
    unit: "ratio",
    rationale:
      "The share of its committed money a stressed party fails to pay in the contagion stress: half, a severe but not total miss; 1 is outright failure.",
    parameters: ["contagion.shortfall"],
  },
  {
    key: "tax_rate",
    value: 0.21,
    unit: "ratio",
    rationale:
      "The US federal corporate rate on the vendor's margin, and on the capex it deducts; no document states one. State taxes, credits and timing differences are left out.",
    parameters: ["LOOK_THROUGH.tax_rate"],
  },
  {
    key: "capex_per_gw",
    value: 10e9,
    unit: "USD",
    rationale:
      "What a gigawatt of AI data-centre capacity costs the vendor; no document states it. Public estimates run from about $10B for the buildings, power and cooling to several times that with the accelerators; the low end is taken, which leaves the accelerators out (a margin before depreciation does not carry them either): the favourable end. Raise it to carry the chips.",
    parameters: ["LOOK_THROUGH.capex"],
  },
  {
    key: "valuation_basis",
    value: "post_money",
    unit: "text",
    rationale:
      'The documents say "at a $X valuation" without pre- or post-money; press usage is usually post-money. A fact stating the pre-money or post-money valuation overrides it.',
    parameters: ["VALUATION_STEP.pre_money"],
  },
]);

export function findAssumption(key: string): Assumption | undefined {
  return DEFAULT_ASSUMPTIONS.find((assumption) => assumption.key === key);
}

/** A numeric default assumption; a missing one is a programming error, not a user's. */
export function assumptionNumber(key: string): number {
  const value = findAssumption(key)?.value;
  if (typeof value !== "number") throw new Error(`no numeric default assumption "${key}"`);
  return value;
}
