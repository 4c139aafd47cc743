/** capital-flow-network over the library's current web, against the circulation worked by hand. */
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { findTemplate } from "../../src/templates";
import { CIRCULARITY } from "../../src/engine/circularity";
import { callDealFunction } from "../../src/functions/adapter";
import { parseCellAddress } from "../../src/templates/a1";
import { evaluatePlan } from "../../src/templates/evaluate";
import { AddinCell, FormulaCell, LabelCell } from "../../src/templates/plan";
import { WorkbookBuilder } from "../../src/templates/builder";
import { buildPlan } from "../../src/templates/template";
import { allCells, closeTo, engineValue, rowOf } from "./planQuery";

const SHEET = "Capital-flow web";
const template = findTemplate("capital-flow-network")!;
const context = {
  deal: BUILTIN_LIBRARY.find((d) => d.id === "amazon-anthropic-2026")!,
  deals: BUILTIN_LIBRARY,
  overrides: {},
};
const plan = buildPlan(template, context);
const rows = plan.sheets[0].rows;
const flowRow = (from: string, to: string) =>
  rows.find(
    (r) =>
      r[0]?.kind === "label" &&
      r[0].text === from &&
      r[1]?.kind === "label" &&
      r[1].text === to &&
      // A flow's amount: its sourced figure, or a link to the value the scenario switch picks.
      (r[3]?.kind === "input" || r[3]?.kind === "formula")
  );

describe("the library's capital-flow web, on its own page", () => {
  // Flows with a figure: Amazon → Anthropic 13B (cumulative investment), Anthropic → Amazon 100B
  // (spend commitment), Amazon → OpenAI 50B, Microsoft → OpenAI 13B. The only cycle is
  // Amazon ⇄ Anthropic, carrying min(13, 100) = 13B on each of its two flows.
  it("finds 26B of 176B going round in circles, counted on every leg", () => {
    expect(engineValue(plan, SHEET, "Gross volume (both kinds)")).toBe(176e9);
    expect(engineValue(plan, SHEET, "Circular volume, counted on every leg")).toBe(26e9);
    expect(closeTo(engineValue(plan, SHEET, "Circular share of the gross volume"), 26 / 176)).toBe(
      true
    );
    const method = rowOf(plan, SHEET, "Circular volume, counted on every leg")[2] as LabelCell;
    expect(method.text).toContain("an $8B round trip is $16B of circular flow");
  });

  it("keeps equity investments apart from commercial commitments", () => {
    expect(engineValue(plan, SHEET, "Equity investments")).toBe(13e9 + 13e9 + 50e9);
    expect(engineValue(plan, SHEET, "Commercial commitments (spend, compute purchases)")).toBe(
      100e9
    );
    expect(flowRow("Anthropic", "Amazon")?.[2]).toMatchObject({ text: "commercial commitment" });
  });

  it("marks the proposed $50B, $35B of it contingent", () => {
    expect(flowRow("Amazon", "OpenAI")?.[6]).toMatchObject({
      text: "proposed; $35.0B of it contingent",
    });
    expect(flowRow("Microsoft", "OpenAI")?.[6]).toMatchObject({ text: "as stated" });
  });

  it("writes each flow's circular part as a live DEAL formula, its value (13B on each leg of the round trip, 0 off it) for a file", () => {
    const part = (from: string, to: string) => flowRow(from, to)?.[7] as AddinCell;
    expect(part("Anthropic", "Amazon")).toMatchObject({ kind: "addin", value: 13e9 });
    expect(part("Amazon", "Anthropic")).toMatchObject({ kind: "addin", value: 13e9 });
    expect(part("Amazon", "OpenAI")).toMatchObject({ kind: "addin", value: 0 });
    expect(part("Microsoft", "OpenAI")).toMatchObject({ kind: "addin", value: 0 });
    expect(allCells(plan).filter(({ cell }) => (cell.kind as string) === "check")).toEqual([]);
    const heading = allCells(plan).find(
      ({ cell }) => cell.kind === "label" && String(cell.text).startsWith("Circular part")
    )?.cell as LabelCell;
    expect(heading.text).toMatch(/^Circular part \(computed \d{4}-\d\d-\d\d\)$/);
    expect(heading.live).toBe("Circular part (live, DEAL.CIRCULARITY)");
  });

  it("spills every row's part from one formula over the flow columns, each value what Excel would show", () => {
    const sheet = plan.sheets[0];
    // A banded flow's amount links to the value the scenario switch picks: read what it shows.
    const values = evaluatePlan(plan);
    const cellsOf = (name: string) => {
      const { address } = plan.names.find((n) => n.name === name)!;
      const [first, last] = address.replace(/\$/g, "").split(":").map(parseCellAddress);
      return Array.from({ length: last.row - first.row + 1 }, (_, i) => ({
        row: first.row + i,
        column: first.column,
        cell: sheet.rows[first.row - 1 + i][first.column - 1],
      }));
    };
    const valuesOf = (name: string) =>
      cellsOf(name).map(({ row, column, cell }) =>
        cell?.kind === "label"
          ? cell.text
          : cell?.kind === "input"
            ? cell.value
            : values.resultAt(sheet.name, row, column)
      );
    const [from, to, amount] = ["Flow_From", "Flow_To", "Flow_Amount"].map(valuesOf);
    const circular = cellsOf("Flow_Circular").map(({ cell }) => cell);
    // What DEAL.CIRCULARITY(CHOOSE({1,2,3},Flow_From,Flow_To,Flow_Amount),"by_flow") spills:
    // the three columns side by side, the engine called as Excel calls it.
    const spill = callDealFunction(CIRCULARITY, [
      from.map((_, i) => [from[i], to[i], amount[i]]),
      "by_flow",
    ]) as number[][];
    expect(spill).toHaveLength(circular.length);
    circular.forEach((cell, i) => {
      expect(cell).toMatchObject({ kind: "addin", value: spill[i][0] });
      // The first row holds the formula; the rows below are left to its spill.
      expect((cell as AddinCell).formula).toBe(
        i === 0
          ? 'DEAL.CIRCULARITY(CHOOSE({1,2,3},Flow_From,Flow_To,Flow_Amount),"by_flow")'
          : undefined
      );
    });
  });

  it("nets each party's inflow against its outflow with exact-match sums, never SUMIF", () => {
    const net = (party: string) => {
      const row = rows.find(
        (r) => r[0]?.kind === "label" && r[0].text === party && r[1]?.kind === "formula"
      );
      return (row?.[3] as FormulaCell).expected;
    };
    expect(net("Amazon")).toBe(100e9 - 63e9);
    expect(net("Anthropic")).toBe(13e9 - 100e9);
    expect(net("Microsoft")).toBe(-13e9);
    expect(net("OpenAI")).toBe(63e9);
    const formulas = allCells(plan).flatMap(({ cell }) =>
      cell.kind === "formula" ? [cell.formula] : []
    );
    expect(formulas.filter((f) => /SUMIF|COUNTIF/i.test(f))).toEqual([]);
    expect(formulas.some((f) => f.startsWith("SUMPRODUCT(--EXACT(Flow_To,"))).toBe(true);
  });

  it("lists the flows the documents name without a figure as unquantified, outside the sums", () => {
    const unpriced = rows.filter(
      (r) =>
        r[5]?.kind === "label" &&
        r[5].text === "Anthropic's investments from Microsoft, Nvidia, Google and Amazon"
    );
    expect(unpriced.length).toBeGreaterThanOrEqual(3);
    expect(
      allCells(plan).some(
        ({ cell }) => cell.kind === "label" && String(cell.text).startsWith("Unquantified")
      )
    ).toBe(true);
  });

  it("offers no library-wide figure as a deal's headline", () => {
    const wb = new WorkbookBuilder({ template: "t", title: "t", dealId: "d", asOf: "2026" });
    expect(template.contribute(wb, context)).toEqual([]);
  });
});
