/** vendor-loop on the 2026 Amazon–Anthropic expansion, against closed forms derived here. */
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { findTemplate } from "../../src/templates";
import { isDealError } from "../../src/engine/errors";
import { callDealFunction, isCellError } from "../../src/functions/adapter";
import { findFunction } from "../../src/functions/catalog";
import { AssumptionCell } from "../../src/templates/plan";
import { buildPlan } from "../../src/templates/template";
import { allCells, closeTo, engineValue, rowOf } from "./planQuery";

const template = findTemplate("vendor-loop")!;
const deal = (id: string) => BUILTIN_LIBRARY.find((d) => d.id === id)!;
const build = (id: string, overrides = {}) =>
  buildPlan(template, { deal: deal(id), deals: BUILTIN_LIBRARY, overrides });
const SHEET = "Vendor loop";

describe("vendor-loop: Amazon–Anthropic 2026, $13B in, over $100B of spend over ten years", () => {
  // The issue's example: =DEAL.VENDOR_FINANCE_LOOP(13e9, 100e9, 0.35, 10, 0.1, , "net_present_cost").
  const plan = build("amazon-anthropic-2026", { vendor_margin: 0.35, discount_rate: 0.1 });
  const I = 13e9;
  const perYear = 100e9 / 10;
  const annuity = (1 - 1.1 ** -10) / 0.1; // a(10) at 10%
  const npc = I - 0.35 * perYear * annuity;

  it("adds the tranches the library gives (8 before + 5 new = 13)", () => {
    expect(rowOf(plan, SHEET, "Commitments before this deal")[2]).toMatchObject({
      kind: "input",
      value: 8e9,
    });
    expect(rowOf(plan, SHEET, "This deal's new money")[2]).toMatchObject({
      kind: "input",
      value: 5e9,
    });
  });

  it("computes the headline metrics of the closed forms", () => {
    expect(closeTo(engineValue(plan, SHEET, "Net present cost"), npc)).toBe(true);
    expect(closeTo(engineValue(plan, SHEET, "Net cash exposure"), I - 0.35 * I)).toBe(true);
    expect(engineValue(plan, SHEET, "Round-trip ratio")).toBe(1);
    expect(closeTo(engineValue(plan, SHEET, "Vendor-funded share of the spend"), 0.13)).toBe(true);
    expect(
      closeTo(engineValue(plan, SHEET, "Margin payback multiple"), (0.35 * perYear * annuity) / I)
    ).toBe(true);
    expect(
      closeTo(
        engineValue(plan, SHEET, "Deal margin if the stake is written off"),
        (0.35 * 100e9 - I) / 100e9
      )
    ).toBe(true);
  });

  it("has a schedule whose NPV is minus the net present cost (all money in at year 0, even spend after)", () => {
    expect(closeTo(engineValue(plan, SHEET, "NPV of the vendor's net flows"), -npc)).toBe(true);
    expect(engineValue(plan, SHEET, "Round-trip spend, total")).toBe(I);
    // Payback by brute force: the first year the cumulative discounted margin covers the $13B.
    let year = 0;
    let cumulative = -I;
    while (cumulative < 0) cumulative += (0.35 * perYear) / 1.1 ** ++year;
    expect(engineValue(plan, SHEET, "Payback year (discounted)")).toBe(year);
  });

  it("centres the sensitivity grid on the inputs", () => {
    const centre = allCells(plan).find(
      ({ cell }) => cell.kind === "formula" && cell.emphasis && /\*PV\(/.test(cell.formula)
    );
    expect(centre && centre.cell.kind === "formula" && closeTo(centre.cell.expected!, npc)).toBe(
      true
    );
  });

  it("shows the vendor's margin and discount rate as assumptions with their rationale", () => {
    const margin = rowOf(plan, SHEET, "Vendor margin on the spend")[1] as AssumptionCell;
    expect(margin).toMatchObject({
      kind: "assumption",
      key: "vendor_margin",
      value: 0.35,
      missing: false,
    });
    expect(margin.rationale).toMatch(/set by the user/);
    const rate = rowOf(build("amazon-anthropic-2026"), SHEET, "Discount rate")[1] as AssumptionCell;
    expect(rate.rationale).toMatch(/no document states one/);
  });
});

describe("vendor-loop on a deal without a spend figure (Amazon–OpenAI 2026)", () => {
  it("is not applicable, and built anyway flags the missing figure instead of a zero", () => {
    const applicability = template.applicability(deal("amazon-openai-2026"), BUILTIN_LIBRARY);
    expect(applicability.applies).toBe(false);
    expect(applicability.missing.join()).toMatch(
      /spend_commitment.*purchase Amazon's cloud services/
    );
    const plan = build("amazon-openai-2026");
    expect(plan.missing).toEqual(["spend_commitment"]);
    const spend = rowOf(plan, SHEET, "Spend commitment (total)")[1] as AssumptionCell;
    expect(spend).toMatchObject({ kind: "assumption", value: null, missing: true });
    // No engine value can be claimed for an output that needs the missing figure.
    expect(() => engineValue(plan, SHEET, "Net present cost")).toThrow(/no engine value/);
  });

  it("takes the missing figure from --assume", () => {
    const plan = build("amazon-openai-2026", { spend_commitment: 40e9 });
    expect(plan.missing).toEqual([]);
    expect(closeTo(engineValue(plan, SHEET, "Vendor-funded share of the spend"), 1)).toBe(true);
  });

  it("refuses an assumption outside its domain with the function's own message", () => {
    const cell = callDealFunction(findFunction("VENDOR_FINANCE_LOOP")!, [1, 1, 1.5]);
    expect(isCellError(cell)).toBe(true);
    let message = "";
    try {
      build("amazon-anthropic-2026", { vendor_margin: 1.5 });
    } catch (error) {
      expect(isDealError(error)).toBe(true);
      message = (error as Error).message;
    }
    expect(message).toBe(isCellError(cell) ? cell.message : "");
  });
});
