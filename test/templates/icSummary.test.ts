/** ic-summary: one page of the deal, the other templates' sheets behind it, and every source listed. */
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { findTemplate } from "../../src/templates";
import { FormulaCell } from "../../src/templates/plan";
import { SOURCES_SHEET } from "../../src/templates/sources";
import { buildPlan } from "../../src/templates/template";
import { allCells, closeTo, engineValue, rowOf } from "./planQuery";

const template = findTemplate("ic-summary")!;
const build = (id: string) =>
  buildPlan(template, {
    deal: BUILTIN_LIBRARY.find((d) => d.id === id)!,
    deals: BUILTIN_LIBRARY,
    overrides: {},
  });
const SHEET = "IC summary";

describe("ic-summary of the 2026 Amazon–Anthropic expansion", () => {
  const plan = build("amazon-anthropic-2026");

  it("puts the summary first, then the templates that apply, then the sources", () => {
    expect(plan.sheets.map((s) => s.name)).toEqual([
      "IC summary",
      "Vendor loop",
      "Capital flows",
      SOURCES_SHEET,
    ]);
  });

  it("computes a derived figure from the sourced ones on the sheet", () => {
    const before = rowOf(plan, SHEET, "Investment cumulative before")[1] as FormulaCell;
    expect(before.formula).toMatch(/^B\d+-B\d+$/);
    expect(before.expected).toBe(13e9 - 5e9);
  });

  it("links the headline outputs to the sheets that compute them", () => {
    const exposure = rowOf(plan, SHEET, "Net cash exposure")[1] as FormulaCell;
    expect(exposure).toMatchObject({ kind: "formula", link: true, formula: "'Vendor loop'!B20" });
    expect(exposure.expected).toBe(engineValue(plan, "Vendor loop", "Net cash exposure"));
  });

  it("lists every sourced figure and assumption of the workbook on the Sources & assumptions sheet", () => {
    const sources = plan.sheets.find((s) => s.name === SOURCES_SHEET)!;
    const listed = sources.rows.filter(
      (r) => r[0]?.kind === "label" && ["Sourced", "Assumption"].includes(String(r[0].text))
    );
    const placed = allCells(plan).filter(
      ({ sheet, cell }) =>
        sheet !== SOURCES_SHEET && (cell.kind === "input" || cell.kind === "assumption")
    );
    expect(listed).toHaveLength(placed.length);
  });
});

describe("ic-summary of Microsoft–OpenAI", () => {
  it("values the capped stake: 49% of profits, capped at 100× the $13B", () => {
    const plan = build("microsoft-openai-2023");
    // Default assumption: $1T of cumulative profits; 0.49 × 1T < 100 × 13B, so the cap does not bind.
    expect(closeTo(engineValue(plan, SHEET, "Payout to the capped investor"), 0.49e12)).toBe(true);
    expect(
      closeTo(engineValue(plan, SHEET, "Profits at which the cap binds"), (100 * 13e9) / 0.49)
    ).toBe(true);
  });
});
