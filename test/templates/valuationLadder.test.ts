/**
 * valuation-ladder: the basis each source states, funded apart from committed, ranges as two
 * rows, step-ups annualised only across a year, a holder diluted by every later round; the
 * native formulas recalculated by LibreOffice against arithmetic done here.
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { findTemplate } from "../../src/templates";
import { WorkbookBuilder } from "../../src/templates/builder";
import { Datum } from "../../src/templates/datum";
import { FormulaCell, LabelCell, PlanCell, SheetPlan } from "../../src/templates/plan";
import { buildPlan } from "../../src/templates/template";
import { decimalYear, ladderSheet } from "../../src/templates/valuationLadder";
import { planToBuffer } from "../../src/workbook/xlsxWriter";
import {
  describeWithLibreOffice,
  readWorkbook,
  recalculate,
  resultOf,
} from "../support/libreoffice";
import { allCells, closeTo, rowOf } from "./planQuery";

const template = findTemplate("valuation-ladder")!;
const build = (id: string) =>
  buildPlan(template, {
    deal: BUILTIN_LIBRARY.find((d) => d.id === id)!,
    deals: BUILTIN_LIBRARY,
    overrides: {},
  });
const SHEET = "Valuation ladder";
const COLUMNS = [
  "date",
  "basis",
  "valuation",
  "committed",
  "funded",
  "pre",
  "post",
  "stakeFunded",
  "stakeCommitted",
  "years",
  "stepUp",
  "growth",
  "holder",
] as const;
type Column = (typeof COLUMNS)[number];

/** The ladder row of a round, by column name (the inputs table has rows of the same first words). */
function ladder(plan: SheetPlan, name: string): Record<Column, PlanCell | null> {
  const row = plan.sheets[0].rows.find(
    (r) => r[0]?.kind === "label" && r[0].text === name && r[3]?.kind === "formula"
  );
  if (!row) throw new Error(`no ladder row ${name}`);
  return Object.fromEntries(COLUMNS.map((c, i) => [c, row[i + 1]])) as Record<
    Column,
    PlanCell | null
  >;
}
const text = (cell: PlanCell | null) => (cell as LabelCell).text;
const expected = (cell: PlanCell | null) => (cell as FormulaCell).expected as number;

const SPARK = "Anthropic's round led by Spark Capital (May 2023)";
const AMAZON = "Amazon's commitment to Anthropic (late 2023)";
const MARK = "Anthropic's valuation (2025–2026)";

describe("decimalYear", () => {
  it("takes the middle of the period a date names", () => {
    expect(decimalYear("2026")).toBe(2026.5);
    expect(decimalYear("2023-05")).toBe(2023 + 4.5 / 12);
    expect(decimalYear("2025/2026")).toBe(2026);
    expect(decimalYear("2023-06/2023-12")).toBeCloseTo(2023 + 8.5 / 12, 12);
  });
});

describe("Anthropic's ladder from Amazon's 2023 commitment", () => {
  const plan = build("amazon-anthropic-2023");

  it("shows the Spark round's $4.1B as the pre-money it is, and no post-money", () => {
    // Old output: post-money $4.1B, and Amazon's step-up 17.5 / 4.1 = 4.27x over it.
    const spark = ladder(plan, SPARK);
    expect(text(spark.basis)).toBe("pre-money");
    expect(text(spark.post)).toBe("not stated");
    for (const end of ["low", "high"]) {
      const amazon = ladder(plan, `${AMAZON} · ${end} end`);
      expect(text(amazon.stepUp)).toBe("n.m.");
      expect(text(amazon.growth)).toBe("n.m.");
    }
  });

  it("keeps the $18–25B range as a low and a high row, never a midpoint", () => {
    // Old output: one row at AVERAGE(18, 25) = $21.5B.
    expect(() => ladder(plan, AMAZON)).toThrow(/no ladder row/);
    expect(
      allCells(plan).some(({ cell }) => cell.kind === "formula" && /AVERAGE/.test(cell.formula))
    ).toBe(false);
    expect(text(ladder(plan, `${AMAZON} · low end`).basis)).toBe("not stated");
    // Every later row follows each end.
    expect(
      closeTo(expected(ladder(plan, `${MARK} · low end`).stepUp), 380e9 / (14e9 + 1.25e9))
    ).toBe(true);
    expect(
      closeTo(expected(ladder(plan, `${MARK} · high end`).stepUp), 380e9 / (21e9 + 1.25e9))
    ).toBe(true);
  });

  it("counts the $1.25B paid at close apart from the up-to-$4B committed", () => {
    // Old output: a stake of 4 / 21.5 = 18.6%, as if the whole $4B were paid at the midpoint.
    const low = ladder(plan, `${AMAZON} · low end`);
    expect(closeTo(expected(low.post), 18e9 - 4e9 + 1.25e9)).toBe(true);
    expect(closeTo(expected(low.stakeFunded), 1.25 / (14 + 1.25))).toBe(true);
    expect((low.stakeCommitted as FormulaCell).formula).toMatch(/^E\d+\/\(G\d+\+E\d+\)$/);
    const high = ladder(plan, `${AMAZON} · high end`);
    expect(closeTo(expected(high.stakeFunded), 1.25 / (21 + 1.25))).toBe(true);
  });

  it("shows no engine snapshot: no check cell, no check key", () => {
    const cells = plan.sheets[0].rows.flat();
    expect(cells.some((cell) => (cell?.kind as string) === "check")).toBe(false);
    expect(cells.some((cell) => cell?.kind === "label" && cell.text === "Engine check")).toBe(
      false
    );
  });

  it("makes the basis for a valuation that does not say a dropdown", () => {
    expect(
      rowOf(plan, SHEET, "How to read a valuation whose source does not say pre- or post-money")[1]
    ).toMatchObject({
      kind: "assumption",
      value: "Post-money",
      validation: { list: ["Post-money", "Pre-money"] },
    });
  });
});

it("follows an early holder through every later round the library records", () => {
  // Old output: the Spark round's ladder stopped at its own date.
  const plan = build("anthropic-spark-round-2023");
  const low = ladder(plan, `${AMAZON} · low end`);
  expect((low.holder as FormulaCell).formula).toMatch(/^N\d+\*\(1-I\d+\)$/);
  // A mark dilutes no one: the holder's stake carries over unchanged.
  expect((ladder(plan, `${MARK} · low end`).holder as FormulaCell).formula).toMatch(/^N\d+$/);
});

// ── LibreOffice ──

const mark = (label: string, value: number, year: number) => ({
  label,
  date: String(Math.floor(year)),
  basis: "post_money" as const,
  mark: true,
  valuation: fixed(label, value),
  year: fixed(`${label} year`, year),
  highlight: false,
});
function fixed(label: string, value: number | string): Datum {
  return { kind: "assumption", key: label.replace(/\W+/g, "_"), label, value, rationale: "test" };
}

/** Two marks four months apart, then a round 1.5 years later: $10B → $20B → pre $30B + $6B. */
function shortGaps(): SheetPlan {
  const wb = new WorkbookBuilder({
    template: "valuation-ladder",
    title: "t",
    dealId: "d",
    asOf: "x",
  });
  ladderSheet(wb, {
    title: "t",
    company: "Co",
    basis: fixed("basis", "Post-money"),
    rungs: [
      mark("First mark", 10e9, 2026),
      mark("Second mark", 20e9, 2026 + 4 / 12),
      {
        ...mark("Round", 36e9, 2026 + 4 / 12 + 1.5),
        mark: false,
        committed: fixed("Round money", 6e9),
        funded: fixed("Round money", 6e9),
      },
    ],
  });
  return wb.build();
}

describeWithLibreOffice("the ladder recalculated by LibreOffice", (soffice) => {
  const plans = { anthropic: build("amazon-anthropic-2023"), gaps: shortGaps() };
  const books: Record<string, ExcelJS.Workbook> = {};
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "dealloop-ladder-"));
    const files = await Promise.all(
      Object.entries(plans).map(async ([name, plan]) => {
        const file = join(dir, `${name}.xlsx`);
        writeFileSync(file, await planToBuffer(plan));
        return file;
      })
    );
    const converted = await recalculate(soffice, files, join(dir, "out"));
    for (const [i, name] of Object.keys(plans).entries())
      books[name] = await readWorkbook(converted[i]);
  }, 120_000);

  const value = (name: keyof typeof plans, row: string, column: Column) => {
    const rows = plans[name].sheets[0].rows;
    const r = rows.findIndex(
      (cells) => cells[0]?.kind === "label" && cells[0].text === row && cells[3]?.kind === "formula"
    );
    return resultOf(books[name].getWorksheet(SHEET)!.getCell(r + 1, COLUMNS.indexOf(column) + 2));
  };
  const near = (actual: unknown, wanted: number) => {
    expect([typeof actual, actual]).toEqual(["number", actual]);
    expect(closeTo(actual as number, wanted, 1e-9)).toBe(true);
  };

  it("does not annualise a step-up across four months, and does across a year and a half", () => {
    // Old output: 2^(1/(4/12)) − 1 = 700% a year.
    near(value("gaps", "Second mark", "stepUp"), 2);
    expect(value("gaps", "Second mark", "growth")).toBe("n.m.");
    near(value("gaps", "Round", "stepUp"), 30e9 / 20e9);
    near(value("gaps", "Round", "growth"), 1.5 ** (1 / 1.5) - 1);
    near(value("gaps", "Round", "holder"), 0.01 * (1 - 6 / 36));
  });

  it("computes each end of the range and dilutes the holder by the money paid at close", () => {
    near(value("anthropic", `${AMAZON} · low end`, "stakeCommitted"), 4 / 18);
    near(value("anthropic", `${AMAZON} · high end`, "stakeCommitted"), 4 / 25);
    near(value("anthropic", `${MARK} · high end`, "holder"), 0.01 * (1 - 1.25 / 22.25));
    const years = 2026 - (2023 + 8.5 / 12);
    near(value("anthropic", `${MARK} · low end`, "growth"), (380 / 15.25) ** (1 / years) - 1);
  });
});
