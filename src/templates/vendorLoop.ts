/** The vendor-loop template: which deals it reads and how a deal becomes its look-through input. */
import { findAssumption } from "../data/assumptions";
import { valuationLadder } from "../data/library";
import { isRange, LibraryDeal } from "../data/schema";
import {
  assumed,
  AssumptionSpec,
  Datum,
  fact,
  factOrMissing,
  missingFact,
  numberOf,
  Overrides,
} from "./datum";
import {
  dealFact,
  findFact,
  libraryAssumption,
  numericFact,
  partiesIn,
  provenanceOf,
  Template,
  TemplateContext,
} from "./template";
import { scenarioBand, SCENARIOS } from "./scenario";
import { NO_FAILURE } from "./vendorLoopStress";
import {
  CONTINGENT_TREATMENTS,
  LookThroughInput,
  LoopTranche,
  TIMINGS,
  vendorLoopSheet,
} from "./vendorLoopSheet";

const vfl = (param: string) => ({ fn: "VENDOR_FINANCE_LOOP", param });
const ratio = (name: string, max = 1) => ({
  name,
  kind: "number" as const,
  rule: { min: 0, max },
});
const step = { name: "step", kind: "number" as const, rule: { greaterThan: 0 } };
const calendarYear = { name: "year", kind: "number" as const, rule: { min: 1900, max: 2200 } };

const SPECS = {
  vendorMargin: {
    key: "vendor_margin_before_depreciation",
    label: "Vendor margin on the spend, before depreciation",
    description:
      "the vendor's margin on what the customer spends, before the depreciation of the capacity (the capex line carries its cost)",
    domain: { fn: "LOOK_THROUGH", param: "vendor_margin" },
  },
  discountRate: {
    key: "discount_rate",
    label: "Discount rate",
    description: "annual rate for the vendor's cash flows",
    domain: vfl("discount_rate"),
  },
  spendYears: {
    key: "spend_years",
    label: "Years of spend",
    description: "years the commitment is spent over, when the deal states none",
    domain: vfl("spend_years"),
  },
  investment: {
    key: "investment",
    label: "Investment",
    description: "the vendor's investment, when the deal states none",
    domain: vfl("investment"),
  },
  spendCommitment: {
    key: "spend_commitment",
    label: "Spend commitment (total)",
    description: "the customer's spend commitment, when the deal states none",
    domain: vfl("spend_commitment"),
  },
  taxRate: {
    key: "tax_rate",
    label: "Vendor's tax rate (on its margin and its capex deduction)",
    description: "the vendor's tax rate on its margin, and on the capex it deducts",
    domain: { name: "tax_rate", kind: "number", rule: { min: 0, max: 0.99 } },
  },
  realisation: {
    key: "realisation",
    label: "Share of the commitment actually spent",
    description: "the share of the committed spend that happens",
    domain: ratio("realisation"),
  },
  capacity: {
    key: "compute_capacity",
    label: "Capacity built to serve the spend (GW)",
    description: "the capacity the vendor builds for the customer, when the deal states none",
    domain: { name: "compute_capacity", kind: "number", rule: { min: 0 } },
  },
  capexPerGw: {
    key: "capex_per_gw",
    label: "Capex per GW of capacity",
    description: "what a gigawatt of capacity costs the vendor",
    domain: { name: "capex_per_gw", kind: "number", rule: { min: 0 } },
  },
  mark: {
    key: "latest_valuation",
    label: "Customer's latest valuation",
    description: "the customer's latest valuation, when the library holds none",
    domain: { name: "latest_valuation", kind: "number", rule: { greaterThan: 0 } },
  },
  ownership: {
    key: "ownership",
    label: "Vendor's ownership of the customer (whole stake)",
    description: "the vendor's share of the customer's equity from all its tranches",
    domain: ratio("ownership"),
  },
  ownershipBought: {
    key: "ownership_bought",
    label: "Share of the customer this deal's money buys",
    description: "the stake this deal's money alone buys",
    domain: ratio("ownership_bought"),
  },
  probability: {
    key: "probability_contingent",
    label: "Probability the contingent tranche is paid",
    description: "the probability a trigger happens within the horizon",
    domain: ratio("probability_contingent"),
  },
  marginStep: {
    key: "margin_step",
    label: "Margin step",
    description: "step of the sensitivity grid's margin axis",
    domain: step,
  },
  rateStep: {
    key: "rate_step",
    label: "Rate step",
    description: "step of the sensitivity grid's discount-rate axis",
    domain: step,
  },
  failureYear: {
    key: "failure_year",
    label: "Stress: the year the customer fails",
    description: `the calendar year from which nothing flows, a year of the schedule from the deal's year to its last (${NO_FAILURE}: it does not fail)`,
    domain: calendarYear,
    whole: true,
  },
  marginCompression: {
    key: "margin_compression",
    label: "Stress: points taken off the vendor margin",
    description: "how far the vendor's margin is compressed",
    domain: ratio("margin_compression", 2),
  },
  incrementalShare: {
    key: "incremental_share",
    label: "Stress: share of the spend the deal brings (incremental)",
    description: "the share of the spend that would not have happened without the deal",
    domain: ratio("incremental_share"),
  },
  gridMarginStep: {
    key: "breakeven_margin_step",
    label: "Break-even grid: margin step",
    description: "step between the break-even grid's margins, from 0",
    domain: step,
  },
  gridRealisationStep: {
    key: "breakeven_realisation_step",
    label: "Break-even grid: step of the share spent",
    description: "step between the break-even grid's shares of the commitment spent",
    domain: step,
  },
} satisfies Record<string, AssumptionSpec>;

const SWITCHES = {
  timing: {
    key: "timing",
    label: "Timing of the operating flows",
    description: `${TIMINGS.join(" or ")} (a dropdown in the sheet)`,
    domain: { name: "timing", kind: "choice", choices: TIMINGS },
  },
  contingent: {
    key: "contingent_treatment",
    label: "Contingent money",
    description: `${CONTINGENT_TREATMENTS.join(" or ")} (a dropdown in the sheet)`,
    domain: { name: "contingent_treatment", kind: "choice", choices: CONTINGENT_TREATMENTS },
  },
  scenario: {
    key: "scenario",
    label: "Scenario",
    description: `${SCENARIOS.join(", ")}: which end of each sourced band every sheet uses (a dropdown in the sheet)`,
    domain: { name: "scenario", kind: "choice", choices: SCENARIOS },
  },
} satisfies Record<string, AssumptionSpec>;

/** A switch: a text assumption whose cell is a dropdown of its choices. */
function switchOf(spec: AssumptionSpec, value: string, rationale: string): Datum {
  const choices = "choices" in spec.domain ? spec.domain.choices : undefined;
  return { ...assumed(spec, value, rationale), ...(choices ? { choices } : {}) };
}

const yearSpec = (key: string, label: string): AssumptionSpec => ({
  key: `${key}_year`,
  label: `${label}: year paid`,
  description: `the calendar year the ${key} money is paid in`,
  domain: calendarYear,
  whole: true,
});

/** The money of one deal, as tranches: which facts, and the years after the deal's year. */
const TRANCHE_SETS = [
  [
    { key: "tranche_non_contingent", label: "Firm tranche", after: 0, contingent: false },
    { key: "tranche_contingent", label: "Contingent tranche", after: 3, contingent: true },
  ],
  [
    { key: "tranche_initial", label: "Initial tranche", after: 0, contingent: false },
    { key: "tranche_option", label: "Option tranche", after: 1, contingent: false },
  ],
  [{ key: "investment", label: "New money", after: 0, contingent: false }],
] as const;

const yearOf = (deal: LibraryDeal) => Number(deal.date.slice(0, 4));
const vendorOf = (deal: LibraryDeal) =>
  partiesIn(deal, "vendor").find((v) => partiesIn(deal, "investor", "lead_investor").includes(v));
const customerOf = (deal: LibraryDeal) => partiesIn(deal, "customer", "investee")[0];

/** Earlier deals of the same vendor in the same customer, oldest first. */
function priorDeals(deal: LibraryDeal, deals: readonly LibraryDeal[]): LibraryDeal[] {
  const [vendor, customer] = [vendorOf(deal), customerOf(deal)];
  return deals
    .filter(
      (d) =>
        d.id !== deal.id &&
        d.date < deal.date &&
        vendorOf(d) === vendor &&
        customerOf(d) === customer
    )
    .sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** The later deal whose total implies an option was exercised, if the library holds one. */
function exercisedBy(deal: LibraryDeal, deals: readonly LibraryDeal[]): LibraryDeal | undefined {
  return deals.find(
    (d) =>
      priorDeals(d, deals).some((p) => p.id === deal.id) &&
      (numericFact(d, "investment_since_prior_deal", "")?.value as number) >= 0
  );
}

function dealTranches(
  deal: LibraryDeal,
  deals: readonly LibraryDeal[],
  thisDeal: boolean,
  overrides: Overrides
): LoopTranche[] {
  const set = TRANCHE_SETS.find((s) => s.every((c) => numericFact(deal, c.key, c.label)));
  if (!set) return [];
  const prefix = thisDeal ? "" : `${deal.era ?? deal.date} deal: `;
  return set.map((c) => {
    const label = `${prefix}${c.label}`;
    const spec = yearSpec(thisDeal ? c.key : `${deal.id.replace(/-/g, "_")}_${c.key}`, label);
    const option = c.key === "tranche_option";
    const later = option ? exercisedBy(deal, deals) : undefined;
    const afterYears = c.contingent
      ? Number(findAssumption("years_to_trigger")?.value)
      : option
        ? Number(findAssumption("option_years")?.value)
        : c.after;
    const rationale = c.contingent
      ? `No document dates the triggers; paid, if at all, ${afterYears} years after signing (the years-to-trigger assumption), never at signing.`
      : option
        ? `An option is paid when exercised; taken at the end of its window (${afterYears} year after the deal).`
        : `The source gives the deal's year, not the payment date; taken as paid in ${yearOf(deal)}.`;
    const status = c.contingent
      ? "contingent: paid only if a trigger happens"
      : option
        ? later
          ? `option: exercised (implied by ${later.title}: the money committed before it exceeds this deal's)`
          : "option: taken as exercised"
        : thisDeal
          ? "firm"
          : "paid (earlier money: sunk for this deal's decision)";
    return {
      label,
      amount: numericFact(deal, c.key, label) as Datum,
      year: assumed(spec, yearOf(deal) + afterYears, rationale, overrides),
      status,
      contingent: c.contingent,
      thisDeal,
    };
  });
}

/** This deal's money, and the money the vendor put in before it, each at its date. */
function tranchesOf(
  deal: LibraryDeal,
  deals: readonly LibraryDeal[],
  overrides: Overrides
): LoopTranche[] {
  const earlier = priorDeals(deal, deals).flatMap((d) => dealTranches(d, deals, false, overrides));
  const between = numericFact(deal, "investment_since_prior_deal", "Committed between the deals");
  const before = numericFact(deal, "investment_cumulative_before", "Commitments before this deal");
  const gap = earlier.length > 0 ? between : before;
  if (gap) {
    const spec = yearSpec(
      earlier.length > 0 ? "investment_since_prior_deal" : "investment_cumulative_before",
      gap.label
    );
    earlier.push({
      label: gap.label,
      amount: gap,
      year: assumed(
        spec,
        yearOf(deal) - 1,
        "No document dates it; taken in the year before this deal (the latest it can be: the smallest carrying cost).",
        overrides
      ),
      status: "paid (earlier money: sunk for this deal's decision)",
      contingent: false,
      thisDeal: false,
    });
  }
  const own = dealTranches(deal, deals, true, overrides);
  if (own.length > 0) return [...earlier, ...own];
  return [
    ...earlier,
    {
      label: "New money",
      amount: missingFact(SPECS.investment, "investment amount", overrides),
      year: assumed(
        yearSpec("investment", "New money"),
        yearOf(deal),
        "taken as paid in the deal's year",
        overrides
      ),
      status: "firm",
      contingent: false,
      thisDeal: true,
    },
  ];
}

/** The customer's latest valuation in the library (a range: its low end, said so). */
function latestMark(deal: LibraryDeal, deals: readonly LibraryDeal[], overrides: Overrides): Datum {
  const customer = customerOf(deal);
  const rungs = customer ? valuationLadder(deals, customer) : [];
  const latest = rungs[rungs.length - 1];
  if (!latest)
    return missingFact(
      SPECS.mark,
      `valuation of ${customer ?? "the customer"} in the library`,
      overrides
    );
  const source = deals.find((d) => d.id === latest.deal) as LibraryDeal;
  const found = findFact(source, latest.key);
  const provenance = provenanceOf(source, found!);
  const name = `${SPECS.mark.label} (${source.era ?? source.date})`;
  return isRange(latest.value)
    ? fact(`${name}, low end of its range`, latest.value.low, provenance)
    : fact(name, latest.value, provenance);
}

/** This deal's firm money over the latest valuation: the stake it buys at that mark. */
function ownershipBought(
  tranches: readonly LoopTranche[],
  mark: Datum,
  overrides: Overrides
): Datum {
  const firm = tranches
    .filter((t) => t.thisDeal && !t.contingent)
    .reduce((sum, t) => sum + (numberOf(t.amount) ?? NaN), 0);
  const value = numberOf(mark);
  if (value === undefined || !Number.isFinite(firm))
    return missingFact(SPECS.ownershipBought, "stake this deal's money buys", overrides);
  return assumed(
    SPECS.ownershipBought,
    firm / value,
    `No document states it; this deal's firm money over the customer's latest valuation, as if bought at that mark (contingent money buys nothing until paid). Held at the mark, the stake is worth what it cost.`,
    overrides
  );
}

const defaultOf = (key: string) => findAssumption(key)?.value as number;

export function vendorLoopInput({ deal, deals, overrides }: TemplateContext): LookThroughInput {
  const spendYears =
    numericFact(deal, "spend_years", "Years of spend") ??
    libraryAssumption(SPECS.spendYears, overrides);
  const tranches = tranchesOf(deal, deals, overrides);
  const mark = latestMark(deal, deals, overrides);
  const contingent = tranches.some((t) => t.contingent);
  const spendCommitment = factOrMissing(
    numericFact(deal, "spend_commitment", SPECS.spendCommitment.label),
    SPECS.spendCommitment,
    "spend commitment amount",
    overrides
  );
  const capacity = factOrMissing(
    numericFact(deal, "compute_capacity", SPECS.capacity.label),
    SPECS.capacity,
    "capacity (GW) built to serve the spend",
    overrides
  );
  const [ipo, agi] = [defaultOf("probability_ipo"), defaultOf("probability_agi")];
  return {
    title: `Vendor financing look-through: ${deal.title}`,
    vendor: vendorOf(deal) ?? "(vendor)",
    customer: customerOf(deal) ?? "(customer)",
    decisionYear: yearOf(deal),
    tranches,
    spendCommitment,
    spendYears,
    vendorMargin: libraryAssumption(SPECS.vendorMargin, overrides),
    taxRate: libraryAssumption(SPECS.taxRate, overrides),
    realisation: assumed(
      SPECS.realisation,
      1,
      "The commitment spent in full: the best case. Lower it to see a customer that spends less than it committed.",
      overrides
    ),
    capacity,
    capexPerGw: libraryAssumption(SPECS.capexPerGw, overrides),
    mark,
    ownership: assumed(
      SPECS.ownership,
      0.15,
      "No document states the vendor's stake. A minority stake, of the order of its money at the valuations the library records (about $4B at an $18–25B valuation is 16–22% before later rounds dilute it); 15% is taken.",
      overrides
    ),
    ownershipBought: ownershipBought(tranches, mark, overrides),
    discountRate: libraryAssumption(SPECS.discountRate, overrides),
    timing: switchOf(
      SWITCHES.timing,
      "Year-end",
      "Operating flows at the end of each year (the conservative convention); Mid-year puts them half a year earlier."
    ),
    ...(contingent
      ? {
          contingentTreatment: switchOf(
            SWITCHES.contingent,
            "Probability-weighted",
            "The contingent money counted at its probability, in the year it would be paid; Excluded leaves it out."
          ),
          contingentProbability: assumed(
            SPECS.probability,
            1 - (1 - ipo) * (1 - agi),
            `Either trigger within the horizon, the two taken as independent: 1 − (1 − ${ipo}) × (1 − ${agi}). They are not independent (an IPO and AGI can go together), so this is one point in the range the contingent-tranche sheet gives.`,
            overrides
          ),
        }
      : {}),
    marginStep: assumed(
      SPECS.marginStep,
      0.05,
      "Five points of margin between grid rows.",
      overrides
    ),
    rateStep: assumed(
      SPECS.rateStep,
      0.02,
      "Two points of discount rate between grid columns.",
      overrides
    ),
    // The capacity does not follow the switch: "up to 5 GW" has no smaller figure that could
    // serve the spend (its low end, nothing firm, would be a spend served with no capex at all).
    bands: { spendCommitment: scenarioBand(spendCommitment, { deals }) },
    stress: {
      failureYear: assumed(
        SPECS.failureYear,
        NO_FAILURE,
        "The customer does not fail. Type a year to stop the spend, this deal's investment and the capex from that year on, with the stake worth nothing.",
        overrides
      ),
      marginCompression: assumed(
        SPECS.marginCompression,
        0.05,
        "Five points off the margin: prices for compute falling faster than its cost. A stress, not a forecast.",
        overrides
      ),
      incrementalShare: assumed(
        SPECS.incrementalShare,
        1,
        "All the spend taken as brought by the deal: the best case. Lower it when the customer would have bought part of it from the vendor anyway.",
        overrides
      ),
      gridMarginStep: assumed(
        SPECS.gridMarginStep,
        0.2,
        "Margins from 0% to 100% in steps of 20 points.",
        overrides
      ),
      gridRealisationStep: assumed(
        SPECS.gridRealisationStep,
        0.2,
        "Shares of the commitment spent from 20% to 100% in steps of 20 points.",
        overrides
      ),
    },
  };
}

export const VENDOR_LOOP_TEMPLATE: Template = {
  name: "vendor-loop",
  title: "Vendor financing loop",
  summary:
    "a look-through of the vendor's whole economics: tranches at their dates, after-tax margin on the spend, capex, the stake at the latest valuation; NPV, IRR, multiple, payback for this deal's decision and since inception",
  facts: [
    {
      key: "investment / tranche_initial / tranche_non_contingent",
      description: "the vendor's money in this deal",
      required: true,
    },
    {
      key: "spend_commitment",
      description: "what the customer commits to spend with the vendor",
      required: true,
    },
    {
      key: "spend_years",
      description: "over how many years (else the spend_years assumption)",
      required: false,
    },
    {
      key: "investment_since_prior_deal / investment_cumulative_before",
      description: "the vendor's earlier money, for the analysis since inception",
      required: false,
    },
    {
      key: "compute_capacity",
      description: "the capacity (GW) built for the customer",
      required: false,
    },
  ],
  assumptions: [
    ...Object.values(SPECS),
    ...Object.values(SWITCHES),
    ...TRANCHE_SETS.flat().map((c) => yearSpec(c.key, c.label)),
  ],
  applicability(deal) {
    const missing: string[] = [];
    if (!vendorOf(deal))
      missing.push("a party that both invests and sells (investor and vendor roles)");
    if (!customerOf(deal)) missing.push("a customer or investee");
    if (!TRANCHE_SETS.some((set) => set.every((c) => numericFact(deal, c.key, c.label)))) {
      missing.push("an investment amount (investment, tranche_initial or tranche_non_contingent)");
    }
    if (!numericFact(deal, "spend_commitment", "")) {
      const terms = findFact(deal, "spend_terms");
      missing.push(
        `a spend_commitment amount${terms ? ` (the deal states only "${dealFact(deal, "spend_terms", "")?.value}")` : ""}`
      );
    }
    return { applies: missing.length === 0, missing };
  },
  contribute: (wb, context) => vendorLoopSheet(wb, vendorLoopInput(context)),
};
