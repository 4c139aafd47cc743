/** The vendor-loop template: which deals it reads and how a deal becomes its input. */
import { LibraryDeal } from "../data/schema";
import { assumed, AssumptionSpec, Datum, factOrMissing, missingFact, Overrides } from "./datum";
import {
  dealFact,
  findFact,
  libraryAssumption,
  numericFact,
  partiesIn,
  Template,
  TemplateContext,
} from "./template";
import { Tranche, VendorLoopInput, vendorLoopSheet } from "./vendorLoopSheet";
import { findAssumption } from "../data/assumptions";

const vfl = (param: string) => ({ fn: "VENDOR_FINANCE_LOOP", param });
const step = { name: "step", kind: "number" as const, rule: { greaterThan: 0 } };
const year = { name: "year", kind: "number" as const, rule: { min: 0, max: 100 } };

const SPECS = {
  vendorMargin: {
    key: "vendor_margin",
    label: "Vendor margin on the spend",
    description: "the vendor's margin on what the customer spends",
    domain: vfl("vendor_margin"),
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
} satisfies Record<string, AssumptionSpec>;

/** The investment facts a loop's tranches come from, in order of preference. */
const TRANCHE_SETS: readonly (readonly { key: string; label: string; year: number }[])[] = [
  [
    { key: "tranche_initial", label: "Initial tranche", year: 0 },
    { key: "tranche_option", label: "Option tranche", year: 1 },
  ],
  [
    { key: "investment_cumulative_before", label: "Commitments before this deal", year: 0 },
    { key: "investment", label: "This deal's new money", year: 0 },
  ],
  [{ key: "investment_cumulative", label: "Total commitment", year: 0 }],
  [{ key: "investment", label: "Investment", year: 0 }],
];

const yearSpec = (key: string, label: string): AssumptionSpec => ({
  key: `${key}_year`,
  label: `${label}: year paid`,
  description: `the year (0 = signing) the ${key} tranche is paid in`,
  domain: year,
  whole: true,
});

const YEAR_SPECS = [
  ...new Map(TRANCHE_SETS.flat().map((t) => [t.key, yearSpec(t.key, t.label)])).values(),
];

function tranchesOf(deal: LibraryDeal, overrides: Overrides): Tranche[] | undefined {
  const set = TRANCHE_SETS.find((candidates) =>
    candidates.every((c) => numericFact(deal, c.key, c.label))
  );
  return set?.map(({ key, label, year: defaultYear }) => {
    const spec = YEAR_SPECS.find((s) => s.key === `${key}_year`) as AssumptionSpec;
    const rationale =
      key === "tranche_option"
        ? `An option is paid only when exercised; taken as exercised at the end of its window (${findAssumption("option_years")?.value} year).`
        : "The source does not say when the money is paid; taken as paid at signing (year 0), when the vendor is most exposed.";
    return {
      label,
      amount: numericFact(deal, key, label) as Datum,
      period: assumed(spec, defaultYear, rationale, overrides),
    };
  });
}

const vendorOf = (deal: LibraryDeal) =>
  partiesIn(deal, "vendor").find((v) => partiesIn(deal, "investor", "lead_investor").includes(v));
const customerOf = (deal: LibraryDeal) => partiesIn(deal, "customer", "investee")[0];

export function vendorLoopInput({ deal, overrides }: TemplateContext): VendorLoopInput {
  const spendYears =
    numericFact(deal, "spend_years", "Years of spend") ??
    libraryAssumption(SPECS.spendYears, overrides);
  const tranches = tranchesOf(deal, overrides) ?? [
    {
      label: "Investment",
      amount: missingFact(SPECS.investment, "investment amount", overrides),
      period: assumed(YEAR_SPECS[YEAR_SPECS.length - 1], 0, "taken as paid at signing", overrides),
    },
  ];
  const postMoney = numericFact(deal, "post_money", "Customer post-money valuation");
  return {
    title: `Vendor financing loop: ${deal.title}`,
    vendor: vendorOf(deal) ?? "(vendor)",
    customer: customerOf(deal) ?? "(customer)",
    tranches,
    spendCommitment: factOrMissing(
      numericFact(deal, "spend_commitment", SPECS.spendCommitment.label),
      SPECS.spendCommitment,
      "spend commitment amount",
      overrides
    ),
    spendYears,
    vendorMargin: libraryAssumption(SPECS.vendorMargin, overrides),
    discountRate: libraryAssumption(SPECS.discountRate, overrides),
    ...(postMoney ? { postMoney } : {}),
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
  };
}

export const VENDOR_LOOP_TEMPLATE: Template = {
  name: "vendor-loop",
  title: "Vendor financing loop",
  summary:
    "investment tranches and the spend commitment by year; VENDOR_FINANCE_LOOP's metrics; the yearly schedule; net present cost over margin × discount rate",
  facts: [
    {
      key: "investment / investment_cumulative / tranche_initial",
      description: "the vendor's investment",
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
      key: "post_money",
      description: "the customer's post-money, for the effective entry valuation",
      required: false,
    },
  ],
  assumptions: [...Object.values(SPECS), ...YEAR_SPECS],
  applicability(deal) {
    const missing: string[] = [];
    if (!vendorOf(deal))
      missing.push("a party that both invests and sells (investor and vendor roles)");
    if (!customerOf(deal)) missing.push("a customer or investee");
    if (!TRANCHE_SETS.some((set) => set.every((c) => numericFact(deal, c.key, c.label)))) {
      missing.push("an investment amount (investment, investment_cumulative or tranche_initial)");
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
