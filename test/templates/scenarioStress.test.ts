/**
 * The scenario switch and the vendor-loop stress, recalculated by LibreOffice in one batch: the
 * workbook with the switch set to Low, Base and High (the dropdown cell changed in the file, as a
 * reader would), and a stressed workbook. Expected figures are closed forms worked here, and
 * LOOK_THROUGH called directly with the same realisation, failure period and margins.
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { findAssumption } from "../../src/data/assumptions";
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { lookThrough } from "../../src/engine/lookThrough";
import { Dec } from "../../src/engine/numeric";
import { findTemplate } from "../../src/templates";
import { evaluatePlan } from "../../src/templates/evaluate";
import { WorkbookBuilder } from "../../src/templates/builder";
import { AssumptionCell, SheetPlan } from "../../src/templates/plan";
import { scenarioBand, SCENARIOS, scenarioSwitch } from "../../src/templates/scenario";
import { fact } from "../../src/templates/datum";
import { buildPlan } from "../../src/templates/template";
import { vendorLoopInput } from "../../src/templates/vendorLoop";
import { vendorLoopSheet } from "../../src/templates/vendorLoopSheet";
import {
  describeWithLibreOffice,
  readWorkbook,
  recalculate,
  resultOf,
  withScenario,
} from "../support/libreoffice";
import { allCells } from "./planQuery";

const SHEET = "Vendor loop";
const deal = BUILTIN_LIBRARY.find((d) => d.id === "amazon-anthropic-2026")!;
const context = (overrides = {}) => ({ deal, deals: BUILTIN_LIBRARY, overrides });
const template = findTemplate("vendor-loop")!;

/** The library's band for this deal: spend "over $100B" (the "up to 5 GW" capacity is held). */
const libraryPlan = buildPlan(template, context());

/** The same deal with bands strictly around the base, so Low < Base < High is a real test. */
function widenedPlan(): SheetPlan {
  const input = vendorLoopInput(context());
  const wb = new WorkbookBuilder({ template: "vendor-loop", title: "t", dealId: "d", asOf: "x" });
  vendorLoopSheet(wb, {
    ...input,
    bands: {
      spendCommitment: { low: 80e9, base: 100e9, high: 120e9, method: "test band" },
    },
  });
  return wb.build();
}

const STRESS = { failure_year: 2030, margin_compression: 0.1, incremental_share: 0.6 };
const stressedPlan = buildPlan(template, context({ ...STRESS, realisation: 0.8 }));

/** Reads a recalculated vendor-loop sheet by the labels in column A. */
function reader(plan: SheetPlan, book: ExcelJS.Workbook) {
  const rows = plan.sheets[0].rows;
  const sheet = book.getWorksheet(SHEET)!;
  const rowNumber = (text: string) => {
    const found = rows.findIndex((r) => r[0]?.kind === "label" && r[0].text === text) + 1;
    if (found === 0) throw new Error(`no row "${text}"`);
    return found;
  };
  return {
    book,
    at: (row: number, column: number) => resultOf(sheet.getCell(row, column)),
    value: (text: string, column = 2) => resultOf(sheet.getCell(rowNumber(text), column)),
    rowNumber,
  };
}

describe("the scenario switch in the plan", () => {
  it("is one dropdown named Scenario, Base by default, on the workbook's first sheet", () => {
    const switches = allCells(libraryPlan).filter(
      ({ cell }) => cell.kind === "assumption" && (cell as AssumptionCell).key === "scenario"
    );
    expect(switches).toHaveLength(1);
    const [{ sheet, cell }] = switches;
    expect(sheet).toBe(libraryPlan.sheets[0].name);
    expect((cell as AssumptionCell).value).toBe("Base");
    expect((cell as AssumptionCell).validation?.list).toEqual([...SCENARIOS]);
    expect(libraryPlan.names.map((n) => n.name)).toContain("Scenario");
  });

  it("a later sheet of the same workbook links to the first sheet's switch", () => {
    const wb = new WorkbookBuilder({ template: "x", title: "t", dealId: "d", asOf: "x" });
    scenarioSwitch(wb, wb.sheet("Summary", [30]));
    vendorLoopSheet(wb, vendorLoopInput(context()));
    const plan = wb.build();
    const switches = allCells(plan).filter(
      ({ cell }) => cell.kind === "assumption" && (cell as AssumptionCell).key === "scenario"
    );
    expect(switches.map((s) => s.sheet)).toEqual(["Summary"]);
    const link = plan.sheets[1].rows.find(
      (r) => r[0]?.kind === "label" && String(r[0].text).startsWith("Scenario (set on")
    );
    expect(link?.[1]).toMatchObject({ kind: "formula", formula: "Scenario", link: true });
    const icPlan = buildPlan(findTemplate("ic-summary")!, context());
    const onIc = allCells(icPlan).filter(
      ({ cell }) => cell.kind === "assumption" && (cell as AssumptionCell).key === "scenario"
    );
    expect(onIc.map((s) => s.sheet)).toEqual([icPlan.sheets[0].name]);
  });
});

describe("the three values of a banded figure", () => {
  const sourced = (factId: string, value: number) =>
    fact("figure", value, { document: "d", section: "s", status: "announced", fact: factId });
  const uplift = findAssumption("over_uplift")?.value as number;

  it('"over $100B": Low and Base the figure, High the figure plus the uplift', () => {
    const band = scenarioBand(sourced("amazon-anthropic-2026/spend_commitment", 100e9));
    expect(band).toMatchObject({ low: 100e9, base: 100e9, high: 100e9 * (1 + uplift) });
  });

  it('"up to 5 GW": nothing stated as firm up to the ceiling', () => {
    const gw = sourced("amazon-anthropic-2026/compute_capacity", 5);
    expect(scenarioBand(gw)).toMatchObject({ low: 0, base: 5, high: 5 });
  });

  it("a range read at its low end keeps that as Base; a floor in words or a value outside gives none", () => {
    const valuation = "amazon-anthropic-2023/valuation";
    expect(scenarioBand(sourced(valuation, 18e9))).toMatchObject({
      low: 18e9,
      base: 18e9,
      high: 25e9,
    });
    expect(scenarioBand(sourced(valuation, 30e9))).toBeUndefined();
    expect(
      scenarioBand(sourced("meta-ai-financing-2026/ai_spending_per_year", 2e10))
    ).toBeUndefined();
    expect(scenarioBand(sourced("amazon-anthropic-2026/spend_years", 10))).toBeUndefined();
  });
});

describe("bad input in the switch and the failure year", () => {
  /** The plan with the assumption `key` set to `value` in its cell, evaluated. */
  const evaluateWith = (key: string, value: number | string) => {
    const plan = buildPlan(template, context());
    const { row, column } = allCells(plan).find(
      ({ cell }) => cell.kind === "assumption" && (cell as AssumptionCell).key === key
    )!;
    const cell = plan.sheets[0].rows[row - 1][column - 1] as AssumptionCell;
    plan.sheets[0].rows[row - 1][column - 1] = { ...cell, value };
    const values = evaluatePlan(plan);
    return (text: string) => {
      const at = plan.sheets[0].rows.findIndex((r) => r[0]?.kind === "label" && r[0].text === text);
      return values.resultAt(SHEET, at + 1, 2);
    };
  };
  const stop = "First year nothing flows (a year from the decision on; none: after the last year)";

  it("reads None as no failure and a year as the first year nothing flows", () => {
    expect(evaluateWith("failure_year", "None")(stop)).toBe(2037);
    expect(evaluateWith("failure_year", 2031)(stop)).toBe(2031);
  });

  it("shows an Excel error, not a silent default, for text or a year before the decision", () => {
    expect(evaluateWith("failure_year", "soon")(stop)).toMatchObject({ error: "#VALUE!" });
    expect(evaluateWith("failure_year", 2020)(stop)).toMatchObject({ error: "#N/A" });
    const spend = "Spend commitment (total) (as the scenario picks)";
    expect(evaluateWith("scenario", "Medium")(spend)).toMatchObject({ error: "#N/A" });
    expect(evaluateWith("scenario", "High")(spend)).toBe(120e9);
  });
});

describeWithLibreOffice("scenarios and stress, recalculated by LibreOffice", (soffice) => {
  const read: Record<string, ReturnType<typeof reader>> = {};
  const jobs: [string, SheetPlan, string][] = [
    ...SCENARIOS.map((s): [string, SheetPlan, string] => [`library-${s}`, libraryPlan, s]),
    ...SCENARIOS.map((s): [string, SheetPlan, string] => [`widened-${s}`, widenedPlan(), s]),
    ["stressed", stressedPlan, "Base"],
  ];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "dealloop-scenarios-"));
    const files = await Promise.all(
      jobs.map(async ([name, plan, scenario]) => {
        const file = join(dir, `${name}.xlsx`);
        writeFileSync(file, await withScenario(plan, scenario));
        return file;
      })
    );
    const converted = await recalculate(soffice, files, join(dir, "out"));
    for (const [i, [name, plan]] of jobs.entries())
      read[name] = reader(plan, await readWorkbook(converted[i]));
  }, 180_000);

  // The deal's flows in 2026 money: $5B in 2026, spend and capex evenly over 2027–2036, the
  // stake ($5B at the mark) at the end, 10%, a margin before depreciation of 50% taxed at 21%,
  // $10B of capex per GW deducted at 21% in the year it is spent.
  const r = 0.1;
  const v = (t: number) => (1 + r) ** -t;
  const annuity = (years: number) => (1 - v(years)) / r;
  const npv = (o: {
    spend?: number;
    gw?: number;
    margin?: number;
    realisation?: number;
    years?: number;
    stake?: boolean;
  }) => {
    const { spend = 100e9, gw = 5, margin = 0.5, realisation = 1, years = 10, stake = true } = o;
    const perYear = (1 - 0.21) * (margin * realisation * (spend / 10) - (gw * 10e9) / 10);
    return -5e9 + perYear * annuity(years) + (stake ? 5e9 * v(10) : 0);
  };
  const near = (value: unknown, expected: number, relative = 1e-9) => {
    expect(typeof value).toBe("number");
    expect(Math.abs((value as number) - expected)).toBeLessThanOrEqual(
      relative * Math.max(1, Math.abs(expected))
    );
  };

  it("recalculates Low, Base, High and the stressed workbook without an error cell", () => {
    for (const [name] of jobs) {
      const errors: string[] = [];
      read[name].book.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            const value = resultOf(cell);
            if (value && typeof value === "object") errors.push(`${sheet.name}!${cell.address}`);
          })
        )
      );
      expect({ name, errors }).toEqual({ name, errors: [] });
    }
  });

  it("takes each banded input's value from the switch", () => {
    const spend = "Spend commitment (total) (as the scenario picks)";
    const gw = "Capacity built to serve the spend (GW)";
    // "over $100B": the figure up to 20% above it; the capacity the spend needs in every case
    // (a High case served with no capex would be no case at all).
    expect(SCENARIOS.map((s) => read[`library-${s}`].value(spend))).toEqual([100e9, 100e9, 120e9]);
    expect(SCENARIOS.map((s) => read[`library-${s}`].value(gw))).toEqual([5, 5, 5]);
    expect(SCENARIOS.map((s) => read[`widened-${s}`].value(spend))).toEqual([80e9, 100e9, 120e9]);
  });

  it("gives the closed-form NPV in each scenario", () => {
    const net = "Net present value";
    near(read["library-Low"].value(net), npv({}));
    near(read["library-Base"].value(net), npv({}));
    near(read["library-High"].value(net), npv({ spend: 120e9 }));
    near(read["widened-Low"].value(net), npv({ spend: 80e9 }));
    near(read["widened-High"].value(net), npv({ spend: 120e9 }));
  });

  it("keeps every output of the Base case inside its Low..High band", () => {
    // Every output is monotone in spend (the margin is positive), and Low and
    // High move both against and for the investor: Base lies between them, cell by cell.
    for (const family of ["library", "widened"]) {
      const [low, base, high] = SCENARIOS.map((s) => read[`${family}-${s}`]);
      const outputs = allCells(libraryPlan).filter(
        ({ sheet, cell }) =>
          sheet === SHEET && cell.kind === "formula" && cell.expected !== undefined
      );
      expect(outputs.length).toBeGreaterThan(50);
      for (const { row, column } of outputs) {
        const [l, b, h] = [low, base, high].map((x) => x.at(row, column));
        if (typeof b !== "number") continue;
        const [min, max] = [Math.min(l as number, h as number), Math.max(l as number, h as number)];
        const slack = 1e-9 * Math.max(1, Math.abs(b));
        expect({ row, column, inside: b >= min - slack && b <= max + slack }).toEqual({
          row,
          column,
          inside: true,
        });
      }
      const net = [low, base, high].map((x) => x.value("Net present value") as number);
      expect(net[0]).toBeLessThanOrEqual(net[1]);
      expect(net[1]).toBeLessThanOrEqual(net[2]);
    }
  });

  /** LOOK_THROUGH on this deal's decision, 2026 = period 0, the capex after its tax deduction. */
  const engine = (margin: number, realisation: number, failurePeriod?: number) =>
    lookThrough({
      investments: [new Dec(5e9)],
      spend: [0, ...new Array(10).fill(10e9)].map((x) => new Dec(x)),
      capex: [0, ...new Array(10).fill(5e9 * (1 - 0.21))].map((x) => new Dec(x)),
      vendorMargin: new Dec(margin),
      taxRate: new Dec(0.21),
      stakeValue: new Dec(5e9),
      discountRate: new Dec(r),
      realisation: new Dec(realisation),
      failurePeriod,
    });

  it("gives each stress row as the closed form and as LOOK_THROUGH with the same inputs", () => {
    const s = read.stressed;
    const rho = 0.8;
    // A failure in 2030 is period 4: flows in periods 0–3 only, no stake.
    const cases: [string, number, number][] = [
      ["No stress (as modelled above)", npv({ realisation: rho }), engine(0.5, rho).npv()],
      [
        "The customer fails in the year above",
        npv({ realisation: rho, years: 3, stake: false }),
        engine(0.5, rho, 4).npv(),
      ],
      ["The margin compressed", npv({ margin: 0.4, realisation: rho }), engine(0.4, rho).npv()],
      [
        "Only the incremental share of the spend earns a margin",
        npv({ margin: 0.3, realisation: rho }),
        engine(0.3, rho).npv(),
      ],
      [
        "All three together",
        npv({ margin: 0.24, realisation: rho, years: 3, stake: false }),
        engine(0.24, rho, 4).npv(),
      ],
      [
        "All three together, the stake written off as well",
        npv({ margin: 0.24, realisation: rho, years: 3, stake: false }),
        engine(0.24, rho, 4).npv(),
      ],
    ];
    for (const [text, closed, viaEngine] of cases) {
      near(viaEngine, closed);
      near(s.value(text), closed);
    }
    // At the defaults (no failure) the write-off takes the stake's PV off the combined case.
    const b = read["library-Base"];
    near(b.value("All three together"), npv({ margin: 0.45 }));
    near(
      b.value("All three together, the stake written off as well"),
      npv({ margin: 0.45 }) - 5e9 * v(10)
    );
  });

  it("crosses zero in the break-even grid at LOOK_THROUGH's break-even margin", () => {
    const b = read["library-Base"];
    const top = b.rowNumber("Vendor margin ↓ · share spent →");
    const beRow = b.rowNumber("Break-even margin at this share spent");
    const margins = [0, 0.2, 0.4, 0.6, 0.8, 1];
    const shares = [0.2, 0.4, 0.6, 0.8, 1];
    shares.forEach((rho, j) => {
      expect(b.at(top, 2 + j)).toBeCloseTo(rho, 12);
      const breakEven = engine(0.5, rho).breakeven_margin();
      near(b.at(beRow, 2 + j), breakEven);
      // Grid NPVs by margin in this column: linear in the margin, so where the sign changes the
      // straight line through the two cells meets zero at the break-even margin.
      const column = margins.map((_, i) => b.at(top + 1 + i, 2 + j) as number);
      margins.forEach((g, i) => near(column[i], engine(g, rho).npv()));
      const k = column.findIndex((x) => x >= 0);
      if (breakEven > 1) expect(k).toBe(-1);
      else {
        expect(k).toBeGreaterThan(0);
        const [g0, g1, n0, n1] = [margins[k - 1], margins[k], column[k - 1], column[k]];
        near(g0 - (n0 * (g1 - g0)) / (n1 - n0), breakEven);
      }
    });
    // At a 100% share spent the crossing is inside the grid: 50% (where the after-tax margin
    // pays the after-tax capex) plus the investment less the stake in PV over the PV of the
    // spend after tax, about 56%. The helper column says the share at which an 80% margin breaks
    // even, and that 40% never does.
    const spendPv = (1 - 0.21) * 10e9 * annuity(10);
    near(engine(0.5, 1).breakeven_margin(), 0.5 + (5e9 - 5e9 * v(10)) / spendPv);
    expect(engine(0.5, 1).breakeven_margin()).toBeLessThan(0.8);
    near(b.at(top + 5, 7), engine(0.5, 1).breakeven_margin() / 0.8);
    expect(b.at(top + 3, 7)).toBe("over 100%: not at this margin");
  });
});
