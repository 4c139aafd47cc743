/**
 * Sheet plans for the Office.js writer and share tests: one built by hand to hold every kind of
 * cell and every trap (text that looks like a formula, a number, a date; a sheet name that needs
 * quoting; a name inside a string literal), and the vendor-loop template's plan for a deal typed
 * in here.
 */
import { assumptionCell, calc, check, fx, inputCell, label, Ref, WorkbookBuilder } from "../../src/templates/builder";
import { Datum, fact } from "../../src/templates/datum";
import { FORMATS, Provenance, SheetPlan } from "../../src/templates/plan";
import { vendorLoopSheet } from "../../src/templates/vendorLoopSheet";

export const SOURCE: Provenance = {
  document: "002_amazon_anthropic.txt",
  section: "Why Anthropic",
  status: "announced",
  asOf: "2023-09",
  qualifier: "up to",
  fact: "amazon-anthropic-2023/initial_tranche",
};

/** Text a writer must keep as text (each would otherwise be a formula, number, date, boolean or error). */
export const TRAPS = [
  '=HYPERLINK("http://example.invalid","click")',
  "+44 20 7946 0958",
  "-5%",
  "@SUM(A1)",
  "2023-09",
  "TRUE",
  "'quoted",
  "#N/A",
  "=cmd|' /C calc'!A0",
  "1e5",
];

export function handPlan(): SheetPlan {
  const wb = new WorkbookBuilder({ template: "hand", title: "Hand-built", dealId: "test-deal", asOf: "2024-01" });
  const inputs = wb.sheet("Vendor's inputs", [30, 16, 14, 40]);
  inputs.row(label("Hand-built plan", "title"));
  inputs.row(label("Every kind of cell", "subtitle"));
  inputs.freeze(2);
  for (const trap of TRAPS) inputs.row(label("Trap"), { ...label(trap), note: `note for ${trap}` });
  const [, spendCell] = inputs.row(label("Spend"), inputCell("Spend commitment", 13e9, SOURCE, FORMATS.usdBillions));
  const spend = wb.define("Spend", spendCell);
  const [, marginCell] = inputs.row(
    label("Margin"),
    assumptionCell("margin", "Vendor margin", 0.3, "A typical cloud gross margin.", FORMATS.percent)
  );
  const margin = wb.define("Margin", marginCell);
  const [, yearsCell] = inputs.row(
    label("Years"),
    assumptionCell("years", "Spend years", null, "The deal states no term.", FORMATS.years)
  );
  inputs.row(label("Counterparty"), inputCell("Counterparty", "=cmd|' /C calc'!A0", SOURCE));
  inputs.row(label("Check"), check(0.5, FORMATS.percent), check("payback not reached"));

  const model = wb.sheet("Model", [36, 18, 18]);
  model.row(label("Model", "title"));
  model.row(label("Recaptured"), calc(fx`${spend}*${margin}`, { format: FORMATS.usdBillions, emphasis: true }));
  model.row(label("Per year"), calc(fx`${spend}/${yearsCell}`, { format: FORMATS.usdBillions }));
  model.row(label("Text with a name"), calc(fx`IF(${spend}>0,"Spend and Margin stay as text","")`));
  model.row(
    label("Newer function"),
    calc(fx`NORM.S.DIST(${new Ref("Model", 2, 2)}/1E10,TRUE)`, { format: FORMATS.ratio })
  );
  model.freeze(1, 1);
  return wb.build();
}

const src = (section: string): Provenance => ({ ...SOURCE, section });
const assumption = (key: string, label: string, value: number | null, rationale: string): Datum => ({
  kind: "assumption",
  key,
  label,
  value,
  rationale,
});

/** The vendor-loop template's plan for a deal typed in here. */
export function vendorLoopPlan(): SheetPlan {
  const wb = new WorkbookBuilder({
    template: "vendor-loop",
    title: "Vendor loop: test deal",
    dealId: "amazon-anthropic-2023",
    asOf: "2023-09",
  });
  vendorLoopSheet(wb, {
    title: "Amazon → Anthropic",
    vendor: "Amazon",
    customer: "Anthropic",
    tranches: [
      {
        label: "Initial",
        amount: fact("Initial tranche", 1.25e9, src("Initial")),
        period: fact("Initial year", 0, src("Initial")),
      },
      {
        label: "Second",
        amount: fact("Second tranche", 2.75e9, src("Second")),
        period: fact("Second year", 1, src("Second")),
      },
    ],
    spendCommitment: fact("Spend commitment", 4e9, src("Spend")),
    spendYears: assumption("spend_years", "Spend years", 4, "An even spend over the commitment."),
    vendorMargin: assumption("vendor_margin", "Vendor margin", 0.3, "A typical cloud gross margin."),
    discountRate: assumption("discount_rate", "Discount rate", 0.1, "A cost of capital."),
    marginStep: assumption("margin_step", "Margin step", 0.05, "Grid step."),
    rateStep: assumption("rate_step", "Rate step", 0.02, "Grid step."),
  });
  return wb.build();
}

/** Every plan the writer tests run on. */
export const PLANS: [string, () => SheetPlan][] = [
  ["hand-built", handPlan],
  ["vendor-loop", vendorLoopPlan],
];
