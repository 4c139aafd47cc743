/**
 * vendor-loop as a look-through: the tranches at their dates, contingent money never at signing,
 * one status per option; and the sheet's native outputs, recalculated by LibreOffice, against
 * closed forms and brute force derived here.
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { isDealError } from "../../src/engine/errors";
import { callDealFunction, isCellError } from "../../src/functions/adapter";
import { findFunction } from "../../src/functions/catalog";
import { findTemplate } from "../../src/templates";
import { WorkbookBuilder } from "../../src/templates/builder";
import { Datum } from "../../src/templates/datum";
import { AssumptionCell, FormulaCell, LabelCell, SheetPlan } from "../../src/templates/plan";
import { evaluatePlan } from "../../src/templates/evaluate";
import { buildPlan } from "../../src/templates/template";
import { vendorLoopInput } from "../../src/templates/vendorLoop";
import { LookThroughInput, vendorLoopSheet } from "../../src/templates/vendorLoopSheet";
import { planToBuffer } from "../../src/workbook/xlsxWriter";
import {
  describeWithLibreOffice,
  readWorkbook,
  recalculate,
  resultOf,
} from "../support/libreoffice";
import { rowOf } from "./planQuery";

const template = findTemplate("vendor-loop")!;
const deal = (id: string) => BUILTIN_LIBRARY.find((d) => d.id === id)!;
const context = (id: string, overrides = {}) => ({
  deal: deal(id),
  deals: BUILTIN_LIBRARY,
  overrides,
});
const build = (id: string, overrides = {}) => buildPlan(template, context(id, overrides));
const SHEET = "Vendor loop";

/** A tranche row: year paid, amount, source status, what it is, source, weight, counted earlier, counted this deal. */
const tranche = (plan: SheetPlan, name: string) => rowOf(plan, SHEET, name).slice(1);

describe("Amazon–Anthropic 2026: every tranche at its date", () => {
  const plan = build("amazon-anthropic-2026");

  it("puts the 2023 money in 2023 and 2024, the money between the deals in 2025, the new $5B in 2026", () => {
    // Old output: "Commitments before this deal" $8B at year 0 of the 2026 schedule, beside the $5B.
    expect(() => rowOf(plan, SHEET, "Commitments before this deal")).toThrow(/no row/);
    const expectTranche = (name: string, year: number, amount: number, thisDeal: boolean) => {
      const [yearCell, amountCell, , , , , earlier, now] = tranche(plan, name);
      expect(yearCell).toMatchObject({ value: year });
      expect(amountCell).toMatchObject({ value: amount });
      // Earlier money is counted apart from this deal's: sunk for the 2026 decision.
      expect((thisDeal ? earlier : now) as LabelCell).toMatchObject({ kind: "label", text: 0 });
      expect((thisDeal ? now : earlier) as FormulaCell).toMatchObject({ kind: "formula" });
    };
    expectTranche("late 2023 deal: Initial tranche", 2023, 1.25e9, false);
    expectTranche("late 2023 deal: Option tranche", 2024, 2.75e9, false);
    expectTranche("Committed between the deals", 2025, 13e9 - 5e9 - 4e9, false);
    expectTranche("New money", 2026, 5e9, true);
  });

  it("gives the 2023 option one status, derived from the library's later total", () => {
    const [, , , status] = tranche(plan, "late 2023 deal: Option tranche");
    expect((status as LabelCell).text).toMatch(/^option: exercised \(implied by/);
  });

  it("makes the timing a dropdown, and has no engine-check column", () => {
    const timing = rowOf(plan, SHEET, "Timing of the operating flows")[1] as AssumptionCell;
    expect(timing).toMatchObject({
      value: "Year-end",
      validation: { list: ["Year-end", "Mid-year"] },
    });
    const cells = plan.sheets[0].rows.flat();
    expect(cells.some((cell) => (cell?.kind as string) === "check")).toBe(false);
    expect(cells.some((cell) => cell?.kind === "label" && cell.text === "Engine check")).toBe(
      false
    );
  });
});

describe("Amazon–OpenAI 2026: the $35B contingent tranche is never paid at signing", () => {
  const plan = build("amazon-openai-2026");

  it("pays the firm $15B in 2026 and the contingent $35B, probability-weighted, three years on", () => {
    // Old output: one $50B tranche at year 0.
    const [firmYear, firm] = tranche(plan, "Firm tranche");
    expect(firmYear).toMatchObject({ value: 2026 });
    expect(firm).toMatchObject({ value: 15e9 });
    const [year, amount, , status, , weight] = tranche(plan, "Contingent tranche");
    expect(year).toMatchObject({ value: 2026 + 3 });
    expect(amount).toMatchObject({ value: 35e9 });
    expect((status as LabelCell).text).toMatch(/^contingent/);
    expect((weight as FormulaCell).formula).toBe(
      'IF(Loop_Contingent="Probability-weighted",Loop_Probability,0)'
    );
  });

  it("switches contingent money with a dropdown, at 1 − (1 − 50%)(1 − 10%) by default", () => {
    expect(rowOf(plan, SHEET, "Contingent money")[1]).toMatchObject({
      value: "Probability-weighted",
      validation: { list: ["Probability-weighted", "Excluded"] },
    });
    expect(
      (rowOf(plan, SHEET, "Probability the contingent tranche is paid")[1] as AssumptionCell).value
    ).toBeCloseTo(1 - 0.5 * 0.9, 12);
  });

  it("is not applicable, and built anyway flags the missing spend instead of a zero", () => {
    const applicability = template.applicability(deal("amazon-openai-2026"), BUILTIN_LIBRARY);
    expect(applicability.applies).toBe(false);
    expect(applicability.missing.join()).toMatch(/spend_commitment.*purchase Amazon's cloud/);
    expect(plan.missing).toContain("spend_commitment");
  });
});

it("refuses an assumption outside its domain with the function's own message", () => {
  const cell = callDealFunction(findFunction("LOOK_THROUGH")!, [1, 1, 1.5]);
  let message = "";
  try {
    build("amazon-anthropic-2026", { vendor_margin_before_depreciation: 1.5 });
  } catch (error) {
    expect(isDealError(error)).toBe(true);
    message = (error as Error).message;
  }
  expect(message).toBe(isCellError(cell) ? cell.message : "");
});

// ── Issue 9: the capacity's cost counted once ──

/** The sheet's value beside a label (column B, or `column`), computed from the plan's formulas. */
function evaluated(plan: SheetPlan) {
  const values = evaluatePlan(plan);
  return (text: string, column = 2) => {
    const row = plan.sheets[0].rows.findIndex(
      (r) => r[0]?.kind === "label" && String(r[0].text).startsWith(text)
    );
    if (row < 0) throw new Error(`no row ${text}`);
    return values.resultAt(SHEET, row + 1, column) as number;
  };
}

describe("Amazon–Anthropic 2026: the capacity's cost is counted once", () => {
  // A margin before depreciation g on $10B of spend a year, taxed at 21%; 5 GW × $10B of capex
  // spread over 2027–2036 and deducted at 21% as it is spent; $5B in 2026; the $5B stake in 2036;
  // 10%. The yearly operating net is 0.79 × (g × $10B − $5B): zero at the default 50%.
  const r = 0.1;
  const v = (t: number) => (1 + r) ** -t;
  const annuity = (years: number) => (1 - v(years)) / r;
  const operating = (g: number, tax = 0.21) => (1 - tax) * (g * 10e9 - 5e9);
  /** This deal's NPV when the operating flows run `years` years, the stake only if all ten do. */
  const npv = (g: number, years = 10) =>
    -5e9 + operating(g) * annuity(years) + (years === 10 ? 5e9 * v(10) : 0);
  const near = (actual: number, expected: number) =>
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(expected));

  it("reads a 50% margin before depreciation and deducts the capex for tax", () => {
    const plan = build("amazon-anthropic-2026");
    const margin = rowOf(plan, SHEET, "Vendor margin on the spend, before depreciation")[1];
    expect(margin).toMatchObject({ key: "vendor_margin_before_depreciation", value: 0.5 });
    const value = evaluated(plan);
    expect(value("Capex to serve the commitment")).toBe(50e9);
    near(value("Capex after its tax deduction"), 0.79 * 50e9);
  });

  it("gives the closed-form NPV, break-even margin and NPV with a failure in 2028", () => {
    // Old output: −$19.2B (a 30% operating margin less the full, untaxed capex), and a failure
    // in 2028 raised it to −$7.4B.
    const value = evaluated(build("amazon-anthropic-2026"));
    near(value("Net present value"), npv(0.5));
    expect(npv(0.5)).toBeCloseTo(-5e9 + 5e9 * v(10), 0);
    near(value("Break-even margin"), 0.5 + (5e9 - 5e9 * v(10)) / ((1 - 0.21) * 10e9 * annuity(10)));
    const failed = evaluated(build("amazon-anthropic-2026", { failure_year: 2028 }));
    // Flows in 2027 only, no stake: −$5B, below the −$3.1B of no failure.
    near(failed("The customer fails in the year above"), npv(0.5, 1));
    expect(failed("The customer fails in the year above")).toBeLessThan(npv(0.5));
  });

  it("a failure after the investment is paid never raises the NPV while the operating net is positive", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        fc.integer({ min: 2027, max: 2036 }),
        (g, year) => {
          const value = evaluated(
            build("amazon-anthropic-2026", {
              vendor_margin_before_depreciation: g,
              failure_year: year,
            })
          );
          const [failed, whole] = [
            value("The customer fails in the year above"),
            value("No stress (as modelled above)"),
          ];
          near(failed, npv(g, year - 2027));
          near(whole, npv(g));
          expect(failed).toBeLessThan(whole);
        }
      ),
      { numRuns: 15 }
    );
  });
});

// ── LibreOffice recalculates the native formulas ──

const fixed = (label: string, value: number | string): Datum => ({
  kind: "assumption",
  key: label.toLowerCase().replace(/\W+/g, "_"),
  label,
  value,
  rationale: "set by the test",
});

/**
 * Money in at two dates, spend evenly from the year after the first, margin 50%, rate 10%. The
 * issue's case: 10 at 0, 30 of spend in year 1, 50 more at year 4.
 */
function paybackCase(second = { amount: 50, year: 2004 }, spend = 30, years = 1): LookThroughInput {
  const money = (label: string, amount: number, year: number) => ({
    label,
    amount: fixed(`${label} amount`, amount),
    year: fixed(`${label} year`, year),
    status: "firm",
    contingent: false,
    thisDeal: true,
  });
  return {
    title: "Payback case",
    vendor: "V",
    customer: "C",
    decisionYear: 2000,
    tranches: [money("First", 10, 2000), money("Second", second.amount, second.year)],
    spendCommitment: fixed("Spend", spend),
    spendYears: fixed("Years", years),
    vendorMargin: fixed("Margin", 0.5),
    taxRate: fixed("Tax", 0),
    realisation: fixed("Realisation", 1),
    capacity: fixed("Capacity", 0),
    capexPerGw: fixed("Capex per GW", 0),
    mark: fixed("Mark", 100),
    ownership: fixed("Ownership", 0),
    ownershipBought: fixed("Ownership bought", 0),
    discountRate: fixed("Rate", 0.1),
    timing: fixed("Timing", "Year-end"),
    marginStep: fixed("Margin step", 0.05),
    rateStep: fixed("Rate step", 0.02),
  };
}

function planOf(input: LookThroughInput): SheetPlan {
  const wb = new WorkbookBuilder({
    template: "vendor-loop",
    title: "t",
    dealId: "d",
    asOf: "2026",
  });
  vendorLoopSheet(wb, input);
  return wb.build();
}

const midYear = (): SheetPlan => {
  const input = vendorLoopInput(context("amazon-anthropic-2026"));
  return planOf({ ...input, timing: { ...input.timing, value: "Mid-year" } });
};

/** The recalculated [this deal, since inception] of an output row, or one schedule column. */
function reader(plan: SheetPlan, book: ExcelJS.Workbook) {
  const rows = plan.sheets[0].rows;
  const sheet = book.getWorksheet(SHEET)!;
  const rowNumber = (text: string, exact = false) =>
    rows.findIndex(
      (r) =>
        r[0]?.kind === "label" && (exact ? r[0].text === text : String(r[0].text).startsWith(text))
    ) + 1;
  return {
    output: (text: string) => {
      const row = rowNumber(text);
      if (row === 0) throw new Error(`no row ${text}`);
      return [2, 3].map((c) => resultOf(sheet.getCell(row, c)));
    },
    /** The sensitivity grid's cell at row `i`, column `j` (0-based from its top left). */
    grid: (i: number, j: number) =>
      resultOf(sheet.getCell(rowNumber("Vendor margin ↓") + 1 + i, 2 + j)),
    /** The schedule's column `c` (1-based), year by year. */
    column: (c: number) => {
      const top = rowNumber("Year", true) + 1;
      const values = [];
      for (let r = top; rows[r - 1]?.[0]?.kind === "label"; r++)
        values.push(resultOf(sheet.getCell(r, c)));
      return values;
    },
  };
}

describeWithLibreOffice("the native look-through, recalculated by LibreOffice", (soffice) => {
  const plans = {
    anthropic: build("amazon-anthropic-2026"),
    midYear: midYear(),
    payback: planOf(paybackCase()),
    recovers: planOf(paybackCase({ amount: 20, year: 2002 }, 90, 3)),
  };
  const read: Record<string, ReturnType<typeof reader>> = {};

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "dealloop-look-through-"));
    const files = await Promise.all(
      Object.entries(plans).map(async ([name, plan]) => {
        const file = join(dir, `${name}.xlsx`);
        writeFileSync(file, await planToBuffer(plan));
        return file;
      })
    );
    const converted = await recalculate(soffice, files, join(dir, "out"));
    for (const [i, [name, plan]] of Object.entries(plans).entries())
      read[name] = reader(plan, await readWorkbook(converted[i]));
  }, 120_000);

  // Amazon–Anthropic 2026 at the defaults: a margin before depreciation of 50% taxed at 21%,
  // $10B of spend a year over 2027–2036, 5 GW × $10B of capex spread evenly and deducted at 21%
  // as it is spent, 10%, the stake at the $380B mark.
  const r = 0.1;
  const v = (t: number) => (1 + r) ** -t;
  const annuity = (1 - v(10)) / r;
  const marginPerYear = 0.5 * (1 - 0.21) * 10e9;
  const capexPerYear = (1 - 0.21) * ((5 * 10e9) / 10);
  const stakeNow = (5e9 / 380e9) * 380e9; // bought at the mark, held at it
  const stakeAll = 0.15 * 380e9;
  const carried = 1.25e9 * (1 + r) ** 3 + 2.75e9 * (1 + r) ** 2 + 4e9 * (1 + r);
  const npvNow = -5e9 + (marginPerYear - capexPerYear) * annuity + stakeNow * v(10);
  const npvAll = npvNow - carried + (stakeAll - stakeNow) * v(10);

  const near = (value: unknown, expected: number, relative = 1e-9) => {
    expect(typeof value).toBe("number");
    expect(Math.abs((value as number) - expected)).toBeLessThanOrEqual(
      relative * Math.abs(expected)
    );
  };

  it("gives the closed-form NPVs, in 2026 money, with and without the stake", () => {
    const [now, all] = read.anthropic.output("Net present value");
    near(now, npvNow);
    near(all, npvAll);
    const [nowOff, allOff] = read.anthropic.output("Net present value if the stake");
    near(nowOff, npvNow - stakeNow * v(10));
    near(allOff, npvAll - stakeAll * v(10));
  });

  it("gives the multiple, the break-even margin and the IRR", () => {
    const [moicNow, moicAll] = read.anthropic.output("Multiple of money out");
    near(moicNow, (10 * marginPerYear + stakeNow) / (5e9 + 10 * capexPerYear));
    near(moicAll, (10 * marginPerYear + stakeAll) / (13e9 + 10 * capexPerYear));
    const [breakEven] = read.anthropic.output("Break-even margin");
    near(breakEven, (5e9 + capexPerYear * annuity - stakeNow * v(10)) / (0.79 * 10e9 * annuity));
    // IRR since inception by bisection on the yearly flows 2023–2036 (one sign change: one root).
    const flows = [
      -1.25e9,
      -2.75e9,
      -4e9,
      -5e9,
      ...new Array(10).fill(marginPerYear - capexPerYear),
    ];
    flows[13] += stakeAll;
    const npvAt = (rate: number) => flows.reduce((s, f, t) => s + f / (1 + rate) ** t, 0);
    let [lo, hi] = [-0.5, 1];
    for (let i = 0; i < 200; i++)
      [lo, hi] = npvAt((lo + hi) / 2) > 0 ? [(lo + hi) / 2, hi] : [lo, (lo + hi) / 2];
    const [irrNow, irrAll] = read.anthropic.output("IRR");
    near(irrAll, lo, 1e-7);
    // This deal's money back (10 × 3.95 of margin + the $5B stake) equals its money out ($5B +
    // 10 × 3.95 of capex: a 50% margin on $10B pays the $5B of capex, both taxed at 21%): no
    // positive rate, said so.
    near(10 * marginPerYear + stakeNow, 5e9 + 10 * capexPerYear);
    expect(irrNow).toBe("n.m. (money back does not exceed money out)");
  });

  it("fills the sensitivity grid with the same NPV at other margins and rates", () => {
    // Centre: the defaults; top left: margin 50% − 2 × 5 points, rate 10% − 2 × 2 points.
    near(read.anthropic.grid(2, 2), npvNow);
    const a6 = (1 - 1.06 ** -10) / 0.06;
    near(
      read.anthropic.grid(0, 0),
      -5e9 + (0.4 * 0.79 * 10e9 - capexPerYear) * a6 + stakeNow * 1.06 ** -10
    );
  });

  it("moves the operating flows half a year earlier with the Mid-year switch", () => {
    const [now] = read.midYear.output("Net present value");
    near(now, -5e9 + (marginPerYear - capexPerYear) * annuity * (1 + r) ** 0.5 + stakeNow * v(10));
  });

  it("reports no payback when a later tranche pushes the cumulative flow back below zero", () => {
    // NPV = −10 + 15/1.1 − 50/1.1^4 = −30.5.
    const [npv] = read.payback.output("Net present value");
    near(npv, -10 + 15 / 1.1 - 50 / 1.1 ** 4);
    expect(npv as number).toBeCloseTo(-30.5, 1);
    // The old first-crossing rule read this cumulative and answered 1: it is ≥ 0 at year 1.
    const cumulative = read.payback.column(14) as number[];
    expect(cumulative[1]).toBeGreaterThanOrEqual(0);
    expect(cumulative[cumulative.length - 1]).toBeLessThan(0);
    expect(read.payback.output("Payback:")[0]).toBe("not paid back");
  });

  it("finds the last crossing when the flow dips below zero and comes back", () => {
    // 10 in at 0, 15 of margin a year over years 1–3, 20 more in at year 2: the cumulative is
    // −10, +3.6 (the old rule's answer, 1), −0.5, +10.8: paid back for good in year 3.
    const expected = [
      -10,
      -10 + 15 / 1.1,
      -10 + 15 / 1.1 - 5 / 1.21,
      -10 + 15 / 1.1 - 5 / 1.21 + 15 / 1.331,
    ];
    const cumulative = read.recovers.column(14) as number[];
    expected.forEach((value, t) => near(cumulative[t], value));
    expect(read.recovers.output("Payback:")[0]).toBe(3);
  });
});
