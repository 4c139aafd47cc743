/** capital-flow-network over the library's current web, against the circulation worked by hand. */
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { findTemplate } from "../../src/templates";
import { FormulaCell } from "../../src/templates/plan";
import { buildPlan } from "../../src/templates/template";
import { closeTo, engineValue, rowOf } from "./planQuery";

const SHEET = "Capital flows";
const plan = buildPlan(findTemplate("capital-flow-network")!, {
  deal: BUILTIN_LIBRARY.find((d) => d.id === "amazon-anthropic-2026")!,
  deals: BUILTIN_LIBRARY,
  overrides: {},
});

describe("the library's capital-flow web", () => {
  // Flows with a figure: Amazon → Anthropic 13B (cumulative investment), Anthropic → Amazon 100B
  // (spend commitment), Amazon → OpenAI 50B, Microsoft → OpenAI 13B. The only cycle is
  // Amazon ⇄ Anthropic, carrying min(13, 100) = 13B on each of its two flows.
  it("finds 26B of 176B going round in circles", () => {
    expect(engineValue(plan, SHEET, "Gross volume")).toBe(176e9);
    expect(engineValue(plan, SHEET, "Circular volume")).toBe(26e9);
    expect(closeTo(engineValue(plan, SHEET, "Circular share"), 26 / 176)).toBe(true);
    expect(rowOf(plan, SHEET, "Amazon → Anthropic → Amazon")[1]).toMatchObject({
      kind: "check",
      value: 13e9,
    });
  });

  it("nets each party's inflow against its outflow", () => {
    // The net-positions table: the rows whose fifth cell is the engine's value.
    const net = (party: string) => {
      const row = plan.sheets[0].rows.find(
        (r) => r[0]?.kind === "label" && r[0].text === party && r[4]?.kind === "check"
      );
      return (row?.[3] as FormulaCell).expected;
    };
    expect(net("Amazon")).toBe(100e9 - 63e9);
    expect(net("Anthropic")).toBe(13e9 - 100e9);
    expect(net("Microsoft")).toBe(-13e9);
    expect(net("OpenAI")).toBe(63e9);
  });

  it("lists the flows the documents name without a figure, outside the sums", () => {
    const unpriced = plan.sheets[0].rows.filter(
      (r) => r[3]?.kind === "label" && r[3].text === "anthropic-strategic-investors-2026"
    );
    expect(unpriced.length).toBeGreaterThanOrEqual(3);
  });
});
