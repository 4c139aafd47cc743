/**
 * contingent-tranche: one calibration for both methods (closed forms derived here), the bridge,
 * and the right valued as a warrant only where a source states one. The warrant's and the bounds'
 * numbers are checked after LibreOffice's recalculation in test/oracle/trancheNetwork.test.ts.
 */
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { findTemplate } from "../../src/templates";
import { AssumptionCell, FormulaCell, SheetPlan } from "../../src/templates/plan";
import { buildPlan } from "../../src/templates/template";
import { allCells, closeTo, engineValue, rowOf } from "./planQuery";

const template = findTemplate("contingent-tranche")!;
const deal = (id: string) => BUILTIN_LIBRARY.find((d) => d.id === id)!;
const build = (id: string, overrides = {}) =>
  buildPlan(template, { deal: deal(id), deals: BUILTIN_LIBRARY, overrides });
const SHEET = "Contingent tranche";
const labels = (plan: SheetPlan) =>
  allCells(plan).flatMap(({ cell }) => (cell.kind === "label" ? [String(cell.text)] : []));

describe("Amazon–OpenAI's $35B contingent on AGI or an IPO", () => {
  const plan = build("amazon-openai-2026");
  const A = 35e9;
  // Library defaults: AGI 10%, IPO 50% within a three-year horizon, 10% a year.
  const [pAgi, pIpo, T, r] = [0.1, 0.5, 3, 0.1];
  const p = 1 - (1 - pAgi) * (1 - pIpo);

  it("records the bridge's low and high ends for the oracle: Fréchet bounds max p and min(1, Σp), discounted", () => {
    const factor = (1 + r) ** -T;
    const bridgeRow = (text: string) =>
      rowOf(plan, SHEET, text)
        .slice(1, 4)
        .map((cell) => (cell as FormulaCell).expected);
    const pv = bridgeRow("Present value of the contingent tranche");
    expect(closeTo(pv[0]!, A * Math.max(pAgi, pIpo) * factor)).toBe(true);
    expect(closeTo(pv[1]!, A * p * factor)).toBe(true);
    expect(closeTo(pv[2]!, A * Math.min(1, pAgi + pIpo) * factor)).toBe(true);
    const risk = bridgeRow("Risk-adjusted commitment");
    expect(risk.map((v, i) => closeTo(v!, 15e9 + pv[i]!))).toEqual([true, true, true]);
    const probability = bridgeRow("Probability of payment, by dependence of the triggers");
    expect(probability).toEqual([0.5, expect.any(Number), 0.6]);
  });

  it("gives the tranche the same chance of payment in both methods (the old 5-year deadline on a 3-year hazard gave 75.9% against 55%)", () => {
    // The old sheet: hazards 0.035 + 0.25 calibrated to three years, applied over a five-year deadline.
    const oldHazardProbability = 1 - Math.exp(-(0.035 + 0.25) * 5);
    expect(oldHazardProbability).toBeCloseTo(0.759, 3);
    const weighted = engineValue(plan, SHEET, "Probability a trigger happens within the horizon");
    const hazard = engineValue(plan, SHEET, "Probability the trigger happens by the deadline");
    expect(closeTo(weighted, p)).toBe(true);
    expect(closeTo(hazard, p, 1e-14)).toBe(true);
    expect(Math.abs(hazard - oldHazardProbability)).toBeGreaterThan(0.2);
    expect(rowOf(plan, SHEET, "Deadline (years)")[1]).toMatchObject({
      kind: "assumption",
      value: T,
    });
  });

  it("derives each hazard from its probability over the horizon, as a formula, not a separate input", () => {
    const hazard = rowOf(plan, SHEET, "Annual hazard: AGI")[1] as FormulaCell;
    expect(hazard.kind).toBe("formula");
    expect(hazard.formula).toMatch(/^-LN\(1-B\d+\)\/\(Tranche_Years\)$/);
    expect(
      allCells(plan).some(({ cell }) => cell.kind === "assumption" && /hazard/.test(cell.key))
    ).toBe(false);
  });

  it("values both methods by their closed forms", () => {
    expect(
      closeTo(
        engineValue(plan, SHEET, "Present value, probability-weighted"),
        A * p * (1 + r) ** -T
      )
    ).toBe(true);
    // λ = Σ −ln(1 − p_i)/T = −ln(Π(1 − p_i))/T; paid on the trigger, deadline T.
    const lambda = -Math.log((1 - pAgi) * (1 - pIpo)) / T;
    const rc = Math.log(1 + r);
    const hazardValue = ((A * lambda) / (lambda + rc)) * (1 - Math.exp(-(lambda + rc) * T));
    expect(
      closeTo(engineValue(plan, SHEET, "Present value, hazard rate"), hazardValue, 1e-12)
    ).toBe(true);
  });

  it("bridges $50B headline → $15B firm → PV of the $35B contingent → risk-adjusted, low/base/high", () => {
    const firm = rowOf(plan, SHEET, "Firm part").slice(1, 4) as FormulaCell[];
    expect(firm.map((c) => c.expected)).toEqual([15e9, 15e9, 15e9]);
    const riskAdjusted = rowOf(plan, SHEET, "Risk-adjusted commitment").slice(
      1,
      4
    ) as FormulaCell[];
    expect(closeTo(riskAdjusted[1].expected!, 15e9 + A * p * (1 + r) ** -T)).toBe(true);
    // Low and high: the likeliest trigger alone, and the sum capped at 1 (values via LibreOffice).
    const bounds = rowOf(plan, SHEET, "Probability of payment, by dependence of the triggers");
    const formulas = bounds.slice(1, 4).map((c) => (c as FormulaCell).formula);
    expect(formulas[0]).toMatch(/^MAX\(B\d+,B\d+\)$/);
    expect(formulas[2]).toMatch(/^MIN\(1,B\d+\+B\d+\)$/);
    // The headline keeps the source's hedge beside it.
    expect(rowOf(plan, SHEET, "Headline")[4]).toMatchObject({
      kind: "label",
      text: "as the source states it (proposed)",
    });
  });

  it("shows no option: no source gives Amazon a right at a fixed price in this deal", () => {
    expect(labels(plan).some((t) => /warrant|option|right/i.test(t))).toBe(false);
  });

  it("carries no engine snapshot (no check cell)", () => {
    expect(allCells(plan).filter(({ cell }) => (cell.kind as string) === "check")).toEqual([]);
  });

  it("cites each trigger as the source words it", () => {
    expect(rowOf(plan, SHEET, "Trigger: AGI")[1]).toMatchObject({
      kind: "input",
      value: "achieving AGI",
    });
  });
});

describe("Amazon's 2023 option on $2.75B more of Anthropic: a right, valued as a warrant apart", () => {
  const plan = build("amazon-anthropic-2023");

  it("labels the right's value as a warrant's, in its own section, not beside the obligation's values", () => {
    expect(labels(plan).some((t) => t.startsWith("Value of a right (warrant)"))).toBe(true);
    expect(rowOf(plan, SHEET, "Value of the right (warrant)")[1]).toMatchObject({
      kind: "formula",
    });
    const sideBySide = plan.sheets[0].rows.find(
      (r) =>
        r[1]?.kind === "label" && r[1].text === "Probability-weighted" && r[0]?.kind === "label"
    )!;
    expect(
      sideBySide.filter((c) => c?.kind === "label").map((c) => (c as { text: string }).text)
    ).toEqual(["", "Probability-weighted", "Hazard rate"]);
  });

  it("takes the strike at the midpoint of the 18–25B range and starts at the money", () => {
    expect(rowOf(plan, SHEET, "Strike: the deal's price, low")[1]).toMatchObject({ value: 18e9 });
    expect(rowOf(plan, SHEET, "Strike: the deal's price, high")[1]).toMatchObject({ value: 25e9 });
    expect(rowOf(plan, SHEET, "Current pre-money valuation")[1]).toMatchObject({
      kind: "assumption",
      value: 21.5e9,
    });
    // d1 at the money: (ln 1 + (ln 1.04 + 0.6²/2)·1) / 0.6.
    expect(closeTo(engineValue(plan, SHEET, "d1"), (Math.log(1.04) + 0.18) / 0.6)).toBe(true);
  });

  it("gives even odds of exercise within the window in both methods", () => {
    const probability = rowOf(
      plan,
      SHEET,
      "Probability within the horizon: exercise"
    )[1] as AssumptionCell;
    expect(probability.value).toBe(0.5);
    expect(
      closeTo(engineValue(plan, SHEET, "Probability the trigger happens by the deadline"), 0.5)
    ).toBe(true);
  });

  it("shows the base scenario's values equal to the two methods' values", () => {
    const base = rowOf(plan, SHEET, "Base");
    const values = base.slice(3, 5).map((c) => (c as FormulaCell).expected!);
    expect(
      closeTo(values[0], engineValue(plan, SHEET, "Present value, probability-weighted"))
    ).toBe(true);
    expect(closeTo(values[1], engineValue(plan, SHEET, "Present value, hazard rate"))).toBe(true);
  });
});
