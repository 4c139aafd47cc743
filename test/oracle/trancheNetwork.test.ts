/**
 * LibreOffice recalculates the contingent-tranche and capital-flow workbooks, and the cells the
 * engine does not (yet) compute are checked against numbers from outside our code: Hull's
 * Black–Scholes example for the warrant, the Fréchet bounds worked by hand for the bridge, and
 * net positions worked by hand for party names that SUMIF would read as patterns ("Acme*", ">1"),
 * fold together ("Zed", "ZED") or that a cycle's text would split ("A → B").
 */
import ExcelJS from "exceljs";
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { findTemplate } from "../../src/templates";
import { WorkbookBuilder } from "../../src/templates/builder";
import { NetworkFlow, networkSheet } from "../../src/templates/capitalFlowNetwork";
import { fact } from "../../src/templates/datum";
import { expectations, SheetPlan } from "../../src/templates/plan";
import { buildPlan } from "../../src/templates/template";
import {
  errorCells,
  describeWithLibreOffice,
  recalculatePlans,
  resultOf,
} from "../support/libreoffice";

const tranche = findTemplate("contingent-tranche")!;
const build = (id: string, overrides = {}) =>
  buildPlan(tranche, {
    deal: BUILTIN_LIBRARY.find((d) => d.id === id)!,
    deals: BUILTIN_LIBRARY,
    overrides,
  });

/** Hull, Options, Futures and Other Derivatives: S 42, K 40, r 10% continuous, σ 20%, T 0.5 → 4.7594. */
const HULL = {
  current_valuation: (21.5e9 * 42) / 40, // the strike is the 18–25B range's midpoint
  volatility: 0.2,
  option_years: 0.5,
  risk_free_rate: Math.exp(0.1) - 1,
};

const HOSTILE_FLOWS: [string, string, number][] = [
  ["Acme*", "Zed", 5],
  ["Acme Corp", "ZED", 7],
  ["Zed", "Acme*", 3],
  [">1", "A → B", 11],
  ["A → B", ">1", 2],
  ["ZED", "Acme Corp", 1],
];

function hostilePlan(): SheetPlan {
  const wb = new WorkbookBuilder({
    template: "capital-flow-network",
    title: "hostile names",
    dealId: "hostile",
    asOf: "2026",
  });
  const source = { document: "hostile.csv", section: "=SUM(1)", status: "reported" };
  const flows = HOSTILE_FLOWS.map(([from, to, amount]): NetworkFlow => ({
    from,
    to,
    type: "equity investment",
    kind: "investment",
    amount: fact(`${from} → ${to}`, amount, source),
    commitment: "as stated",
    dealTitle: "Hostile",
    highlight: false,
  }));
  networkSheet(wb, { title: "Hostile names", flows, computedOn: "2026-01-01" });
  return wb.build();
}

/** The 1-based row of the first row whose column A reads `text`. */
function rowNumber(plan: SheetPlan, sheet: string, text: string, after = 0): number {
  const rows = plan.sheets.find((s) => s.name === sheet)!.rows;
  const index = rows.findIndex(
    (r, i) => i >= after && r[0]?.kind === "label" && r[0].text === text
  );
  if (index < 0) throw new Error(`no row "${text}" on ${sheet}`);
  return index + 1;
}

function agrees(actual: unknown, expected: number, relative = 1e-9): boolean {
  if (typeof actual !== "number") return false;
  if (expected === 0) return Math.abs(actual) <= 1e-9;
  return Math.abs(actual - expected) <= relative * Math.abs(expected);
}

describeWithLibreOffice("LibreOffice oracle for the tranche and network templates", (soffice) => {
  describe("LibreOffice recalculates the tranche and network templates", () => {
    const plans = new Map<string, SheetPlan>([
      ["openai.xlsx", build("amazon-openai-2026")],
      ["hull.xlsx", build("amazon-anthropic-2023", HULL)],
      ["hostile.xlsx", hostilePlan()],
    ]);
    let books = new Map<string, ExcelJS.Workbook>();
    const value = (file: string, sheet: string, row: number, column: number) =>
      resultOf(books.get(file)!.getWorksheet(sheet)!.getCell(row, column));

    beforeAll(async () => {
      books = await recalculatePlans(soffice, plans, "dealloop-tranche-");
    }, 120_000);

    it("finds no error cell, and every output agrees with the engine", () => {
      const problems = errorCells(books);
      for (const [file, plan] of plans) {
        for (const { sheet, row, column, expected } of expectations(plan)) {
          const v = value(file, sheet, row, column);
          if (!agrees(v, expected))
            problems.push(
              `${file} ${sheet} R${row}C${column}: ${JSON.stringify(v)} vs ${expected}`
            );
        }
      }
      expect(problems).toEqual([]);
    });

    it("bounds the $35B's chance of payment between the likeliest trigger alone and the sum: 50% and 60%", () => {
      const plan = plans.get("openai.xlsx")!;
      const sheet = "Contingent tranche";
      const p = rowNumber(plan, sheet, "Probability of payment, by dependence of the triggers");
      expect(value("openai.xlsx", sheet, p, 2)).toBeCloseTo(0.5, 15);
      expect(value("openai.xlsx", sheet, p, 4)).toBeCloseTo(0.6, 15);
      const ra = rowNumber(plan, sheet, "Risk-adjusted commitment");
      const df = 1.1 ** -3;
      expect(agrees(value("openai.xlsx", sheet, ra, 2), 15e9 + 35e9 * 0.5 * df)).toBe(true);
      expect(agrees(value("openai.xlsx", sheet, ra, 3), 15e9 + 35e9 * 0.55 * df)).toBe(true);
      expect(agrees(value("openai.xlsx", sheet, ra, 4), 15e9 + 35e9 * 0.6 * df)).toBe(true);
    });

    it("prices the right as a warrant: Hull's call, scaled, times A ÷ (K + A)", () => {
      const plan = plans.get("hull.xlsx")!;
      const sheet = "Contingent tranche";
      const [A, K] = [2.75e9, 21.5e9];
      const read = (text: string) =>
        value("hull.xlsx", sheet, rowNumber(plan, sheet, text), 2) as number;
      const perHull = K / 40; // the call scales with its strike: C(V, K) = K/40 × Hull's 4.7594
      expect(
        Math.abs(read("Call on the company's equity, C(V, K)") / perHull - 4.7594)
      ).toBeLessThan(5e-5);
      expect(read("Dilution factor")).toBeCloseTo(K / (K + A), 14);
      expect(
        Math.abs((read("Value of the right (warrant)") * (K + A)) / A / perHull - 4.7594)
      ).toBeLessThan(5e-5);
      expect(
        Math.abs((read("Undiluted value (as if A ÷ K of the company)") * K) / A / perHull - 4.7594)
      ).toBeLessThan(5e-5);
      // The old value (a plain call on A/K of the company) overstated the warrant by (K + A)/K: 12.8%.
      expect(
        read("Undiluted value (as if A ÷ K of the company)") / read("Value of the right (warrant)")
      ).toBeCloseTo((K + A) / K, 12);
      expect(agrees(read("Intrinsic value today"), (A / (K + A)) * ((K * 42) / 40 - K))).toBe(true);
    });

    it("sums by exact party name: Acme* is not a pattern, Zed is not ZED, A → B is one party", () => {
      const plan = plans.get("hostile.xlsx")!;
      const sheet = "Capital-flow web";
      const netTop = rowNumber(plan, sheet, "Party");
      // Inflow, outflow and net, worked by hand from HOSTILE_FLOWS.
      const byHand: Record<string, [number, number]> = {
        "Acme*": [3, 5],
        "Acme Corp": [1, 7],
        Zed: [5, 3],
        ZED: [7, 1],
        ">1": [2, 11],
        "A → B": [11, 2],
      };
      for (const [party, [inflow, outflow]] of Object.entries(byHand)) {
        const row = rowNumber(plan, sheet, party, netTop);
        expect([2, 3, 4].map((c) => value("hostile.xlsx", sheet, row, c))).toEqual([
          inflow,
          outflow,
          inflow - outflow,
        ]);
        // Every hostile flow is equity: it nets there, and nothing nets as a commitment.
        expect([5, 6].map((c) => value("hostile.xlsx", sheet, row, c))).toEqual([
          inflow - outflow,
          0,
        ]);
        expect(value("hostile.xlsx", sheet, row, 9)).toBe("yes");
      }
      // Three two-party round trips: min(5, 3) + min(7, 1) + min(11, 2) = 6 a leg, 12 counted on every leg.
      const circular = rowNumber(plan, sheet, "Circular volume, counted on every leg");
      expect(value("hostile.xlsx", sheet, circular, 2)).toBe(12);
      expect(
        value("hostile.xlsx", sheet, rowNumber(plan, sheet, "Gross volume (both kinds)"), 2)
      ).toBe(29);
    });
  });
});
