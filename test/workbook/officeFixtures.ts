/**
 * Sheet plans for the Office.js writer and share tests: one built by hand to hold every kind of
 * cell and every trap (text that looks like a formula, a number, a date; a sheet name that needs
 * quoting; a name inside a string literal), and the vendor-loop template's plan for a deal typed
 * in here.
 */
import { cellAddress } from "../../src/templates/a1";
import {
  assumptionCell,
  calc,
  fx,
  inputCell,
  label,
  Ref,
  WorkbookBuilder,
} from "../../src/templates/builder";
import { Datum, fact } from "../../src/templates/datum";
import { FORMATS, PlanCell, Provenance, SheetPlan } from "../../src/templates/plan";
import { vendorLoopSheet } from "../../src/templates/vendorLoopSheet";
import { lookOf } from "../../src/workbook/styles";
import { CellState, SheetState } from "../support/excelRecorder";

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
  const wb = new WorkbookBuilder({
    template: "hand",
    title: "Hand-built",
    dealId: "test-deal",
    asOf: "2024-01",
  });
  const inputs = wb.sheet("Vendor's inputs", [30, 16, 14, 40]);
  inputs.row(label("Hand-built plan", "title"));
  inputs.row(label("Every kind of cell", "subtitle"));
  inputs.freeze(2);
  for (const trap of TRAPS) inputs.row(label("Trap"), { ...label(trap), note: `note for ${trap}` });
  const [, spendCell] = inputs.row(
    label("Spend"),
    inputCell("Spend commitment", 13e9, SOURCE, FORMATS.usdBillions)
  );
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

  const model = wb.sheet("Model", [36, 18, 18]);
  model.row(label("Model", "title"));
  model.row(
    label("Recaptured"),
    calc(fx`${spend}*${margin}`, { format: FORMATS.usdBillions, emphasis: true })
  );
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
const assumption = (
  key: string,
  label: string,
  value: number | null,
  rationale: string
): Datum => ({
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
    decisionYear: 2023,
    tranches: [
      {
        label: "Initial",
        amount: fact("Initial tranche", 1.25e9, src("Initial")),
        year: fact("Initial year", 2023, src("Initial")),
        status: "firm",
        contingent: false,
        thisDeal: true,
      },
      {
        label: "Second",
        amount: fact("Second tranche", 2.75e9, src("Second")),
        year: fact("Second year", 2024, src("Second")),
        status: "contingent",
        contingent: true,
        thisDeal: true,
      },
    ],
    spendCommitment: fact("Spend commitment", 4e9, src("Spend")),
    spendYears: assumption("spend_years", "Spend years", 4, "An even spend over the commitment."),
    vendorMargin: assumption(
      "vendor_margin",
      "Vendor margin",
      0.3,
      "A typical cloud gross margin."
    ),
    taxRate: assumption("tax_rate", "Tax rate", 0.21, "A statutory rate."),
    realisation: assumption("realisation", "Realisation", 1, "All of it."),
    capacity: fact("Capacity", 1, src("Capacity")),
    capexPerGw: assumption("capex_per_gw", "Capex per GW", 1e9, "A round figure."),
    mark: fact("Valuation", 20e9, src("Valuation")),
    ownership: assumption("ownership", "Ownership", 0.1, "A round figure."),
    ownershipBought: assumption("ownership_bought", "Bought", 0.05, "A round figure."),
    discountRate: assumption("discount_rate", "Discount rate", 0.1, "A cost of capital."),
    timing: {
      kind: "assumption",
      key: "timing",
      label: "Timing",
      rationale: "Year-end.",
      value: "Year-end",
      choices: ["Year-end", "Mid-year"],
    },
    contingentTreatment: {
      kind: "assumption",
      key: "contingent_treatment",
      label: "Contingent",
      rationale: "Weighted.",
      value: "Probability-weighted",
      choices: ["Probability-weighted", "Excluded"],
    },
    contingentProbability: assumption("probability_contingent", "Probability", 0.5, "Even odds."),
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

/** Excel's column width in points for a width in characters of Calibri 11: 7 px a character, 5 px padding, 0.75 pt a px. */
const points = (characters: number) => (characters * 7 + 5) * 0.75;

/** A constant as the cell holds it: text exactly (an empty text is an empty cell), numbers as numbers. */
const constant = (value: string | number): Partial<CellState> =>
  typeof value === "number" ? { value } : value === "" ? {} : { value, quotePrefix: true };

function expectedValue(cell: PlanCell): Partial<CellState> {
  switch (cell.kind) {
    case "label":
      return constant(cell.live ?? cell.text);
    case "input":
      return constant(cell.value);
    case "assumption":
      return cell.value === null ? { formula: "=NA()" } : constant(cell.value);
    case "formula":
      return { formula: `=${cell.formula}` };
    case "addin":
      return cell.formula === undefined ? {} : { formula: `=${cell.formula}` };
  }
}

/** Every planned cell is in the recorder as the plan says, and nothing else is on the sheet. */
export function expectSheetWritten(sheet: SheetState, planned: SheetPlan["sheets"][number]): void {
  const plannedAddresses: string[] = [];
  planned.rows.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      if (!cell) return;
      const address = cellAddress(r + 1, c + 1);
      const expected = expectedValue(cell);
      if (expected.value !== undefined || expected.formula !== undefined)
        plannedAddresses.push(address);
      const got = sheet.cells[address];
      expect({ address, ...got }).toMatchObject({ address, ...expected });
      if (expected.formula === undefined) expect(got.formula).toBeUndefined();
      if (expected.value === undefined && expected.formula === undefined)
        expect(got.value).toBeUndefined();
      const format = "format" in cell ? cell.format : undefined;
      expect(got.numberFormat).toBe(format);
      const look = lookOf(cell);
      const font = (got.format?.font ?? {}) as Record<string, unknown>;
      expect(font.color).toBe(`#${look.fontColor}`);
      expect(Boolean(font.bold)).toBe(Boolean(look.bold));
      expect(Boolean(font.italic)).toBe(Boolean(look.italic));
      expect((got.format?.fill as { color?: string } | undefined)?.color).toBe(
        look.fill ? `#${look.fill}` : undefined
      );
      const note =
        cell.kind === "input" || cell.kind === "assumption" || cell.kind === "label"
          ? cell.note
          : undefined;
      expect(sheet.notes[address]).toBe(note || undefined);
    })
  );
  const written = Object.entries(sheet.cells)
    .filter(([, c]) => c.formula !== undefined || c.value !== undefined)
    .map(([a]) => a);
  expect(written.sort()).toEqual(plannedAddresses.sort());
  planned.columnWidths.forEach((w, c) => expect(sheet.columnWidths[c]).toBeCloseTo(points(w), 6));
  const { rows, columns } = planned.freeze;
  expect(sheet.freeze).toEqual(rows || columns ? { rows, columns } : undefined);
  expect(sheet.print.printArea).toBe(planned.print.area);
  expect(sheet.print.orientation).toBe(planned.print.landscape ? "Landscape" : "Portrait");
  expect(sheet.print.zoom).toEqual({ horizontalFitToPages: planned.print.fitToWidth });
  // A sheet pages wide prints across, then down.
  expect(sheet.print.printOrder).toBe(planned.print.fitToWidth > 1 ? "OverThenDown" : undefined);
  expect(sheet.pageBreaks).toEqual(planned.print.rowBreaks);
}
