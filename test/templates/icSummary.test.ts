/** ic-summary: one page of the deal, the other templates' sheets behind it, and every source listed. */
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { findTemplate } from "../../src/templates";
import { ASSUMPTIONS_SHEET, dealSentences } from "../../src/templates/icSummary";
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
const CAPPED = "Capped return";

describe("ic-summary of the 2026 Amazon–Anthropic expansion", () => {
  const plan = build("amazon-anthropic-2026");

  it("puts the memo first, then the templates that apply, the assumptions appendix, the sources", () => {
    expect(plan.sheets.map((s) => s.name)).toEqual([
      "IC summary",
      "Vendor loop",
      "Capital-flow web",
      "Assumptions",
      SOURCES_SHEET,
    ]);
  });

  it("computes a derived figure from the sourced ones on the sheet", () => {
    const before = rowOf(plan, SHEET, "Cumulative investment before this deal")[1] as FormulaCell;
    expect(before.formula).toMatch(/^B\d+-B\d+$/);
    expect(before.expected).toBe(13e9 - 5e9);
  });

  it("links the headline numbers to the sheets that compute them, each with its method", () => {
    const npv = rowOf(plan, SHEET, "NPV of this deal's decision (2026 money)");
    expect(npv[1]).toMatchObject({ kind: "formula", link: true });
    expect((npv[1] as FormulaCell).formula).toMatch(/^'Vendor loop'!/);
    const [, column, row] = /!([A-Z]+)(\d+)$/.exec((npv[1] as FormulaCell).formula)!;
    const target = plan.sheets.find((sheet) => sheet.name === "Vendor loop")!.rows[Number(row) - 1][
      column.charCodeAt(0) - 65
    ] as FormulaCell;
    expect((npv[1] as FormulaCell).expected).toBe(target.expected);
    expect(target.expected).toEqual(expect.any(Number));
    expect(npv[4]).toMatchObject({
      kind: "label",
      text: expect.stringMatching(/earlier money sunk/),
    });
  });

  it("states the deal in words: who invests what in whom, and what comes back", () => {
    const deal = BUILTIN_LIBRARY.find((d) => d.id === "amazon-anthropic-2026")!;
    expect(dealSentences(deal)).toEqual([
      "Amazon invests $5B (additional) in Anthropic; $13B (total commitment) in total (announced).",
      "Anthropic commits over $100B of spend back to Amazon over 10 years (announced).",
    ]);
  });

  it("asks what the sources do not state, with the assumed value linked", () => {
    const question = rowOf(plan, SHEET, "Vendor margin on the spend, before depreciation?");
    expect(question[3]).toMatchObject({ kind: "formula", link: true });
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

describe("ic-summary: each deal's own flows and circularity, not the library's (on the appendix)", () => {
  it("shows the 2026 Amazon–Anthropic deal's own $26B of $113B (13B each way), not the library-wide $26B of $176B", () => {
    const plan = build("amazon-anthropic-2026");
    expect(engineValue(plan, ASSUMPTIONS_SHEET, "Gross volume (both kinds)")).toBe(13e9 + 100e9);
    expect(engineValue(plan, ASSUMPTIONS_SHEET, "Circular volume, counted on every leg")).toBe(
      2 * 13e9
    );
  });

  it("shows Amazon–OpenAI's own circularity as zero: only the $50B has a figure", () => {
    const plan = build("amazon-openai-2026");
    expect(engineValue(plan, ASSUMPTIONS_SHEET, "Circular volume, counted on every leg")).toBe(0);
    expect(engineValue(plan, ASSUMPTIONS_SHEET, "Gross volume (both kinds)")).toBe(50e9);
    // The old page headlined the library's 14.8%: no headline output reads the web's sheet now.
    const libraryWide = plan.sheets[0].rows.filter(
      (r) =>
        r[1]?.kind === "formula" &&
        r[1].expected !== undefined &&
        (closeTo(r[1].expected, 26 / 176) || r[1].expected === 176e9)
    );
    expect(libraryWide).toEqual([]);
  });

  it("lists the risks the sources name about the deal and its company", () => {
    const plan = build("amazon-anthropic-2026");
    const risk = (text: string) =>
      plan.sheets[0].rows.some((r) => r.some((c) => c?.kind === "input" && c.value === text));
    expect(
      risk("blocked Anthropic from distributing its Mythos and Fable 5 models to foreign nationals")
    ).toBe(true);
    expect(risk("restricting Anthropic access for staff in Hong Kong")).toBe(true);
    expect(risk("a single year of overinvesting in compute could lead to bankruptcy")).toBe(true);
  });

  it("has no engine-check column", () => {
    const plan = build("microsoft-openai-2023");
    expect(allCells(plan).filter(({ cell }) => (cell.kind as string) === "check")).toEqual([]);
  });
});

describe("ic-summary of Microsoft–OpenAI", () => {
  it("divides the payout cell by the investment for the multiple (not its own cell: a circular reference)", () => {
    const plan = build("microsoft-openai-2023");
    const rows = plan.sheets.find((sheet) => sheet.name === CAPPED)!.rows;
    const payoutRow = rows.findIndex(
      (r) => r[0]?.kind === "label" && r[0].text === "Payout to the capped investor"
    );
    const multiple = rowOf(plan, CAPPED, "Multiple of its money")[1] as FormulaCell;
    expect(multiple.formula).toMatch(new RegExp(`^B${payoutRow + 1}/B\\d+$`));
  });
  it("flags the 2023 capped-profit terms as possibly superseded", () => {
    const plan = build("microsoft-openai-2023");
    const note = rowOf(plan, SHEET, "Return cap (multiple of investment)")[4];
    expect(note).toMatchObject({ kind: "label" });
    expect(String((note as { text: string }).text)).toMatch(/^possibly superseded · /);
  });

  it("values the capped stake: the 49% stake taken as the profit share (an assumption), capped at 100× the $13B", () => {
    const plan = build("microsoft-openai-2023");
    expect(rowOf(plan, CAPPED, "Share of profits")[1]).toMatchObject({
      kind: "assumption",
      value: 0.49,
    });
    // Default assumption: $1T of cumulative profits; 0.49 × 1T < 100 × 13B, so the cap does not bind.
    expect(closeTo(engineValue(plan, CAPPED, "Payout to the capped investor"), 0.49e12)).toBe(true);
    expect(
      closeTo(engineValue(plan, CAPPED, "Profits at which the cap binds"), (100 * 13e9) / 0.49)
    ).toBe(true);
  });
});

describe("ic-summary of a deal no model applies to", () => {
  it("says why nothing is computed and what each model would need, never an empty table", () => {
    const plan = build("hugging-face-round-2023");
    const texts = plan.sheets[0].rows.flatMap((r) =>
      r.flatMap((cell) => (cell?.kind === "label" ? [String(cell.text)] : []))
    );
    expect(texts).toContain("No computed output for this deal");
    expect(texts).not.toContain(
      "The numbers that answer the committee's questions (links to their sheets)"
    );
    expect(texts.some((t) => /investment amount/.test(t))).toBe(true);
  });

  it("has no key-figures table when the sources give the deal no figure (only words: “multi-billion dollar”)", () => {
    const deal = BUILTIN_LIBRARY.find((d) => d.id === "anthropic-google-compute-2026")!;
    expect(deal.facts.filter((f) => typeof f.value !== "string")).toEqual([]);
    const texts = build(deal.id).sheets[0].rows.map((r) =>
      r[0]?.kind === "label" ? String(r[0].text) : ""
    );
    expect(texts).toContain("Key terms");
    expect(texts).not.toContain("Key figures, as the sources state them");
  });
});
