/** contingent-tranche: the three valuations against closed forms and Hull's Black–Scholes example. */
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { findTemplate } from "../../src/templates";
import { AssumptionCell, InputCell } from "../../src/templates/plan";
import { buildPlan } from "../../src/templates/template";
import { closeTo, engineValue, rowOf } from "./planQuery";

const template = findTemplate("contingent-tranche")!;
const deal = (id: string) => BUILTIN_LIBRARY.find((d) => d.id === id)!;
const build = (id: string, overrides = {}) =>
  buildPlan(template, { deal: deal(id), deals: BUILTIN_LIBRARY, overrides });
const SHEET = "Contingent tranche";

describe("Amazon–OpenAI's $35B contingent on AGI or an IPO", () => {
  const plan = build("amazon-openai-2026");
  const A = 35e9;

  it("values it probability-weighted with the triggers as alternatives", () => {
    // Library defaults: AGI 10%, IPO 50%, three years, 10% a year.
    const p = 1 - (1 - 0.1) * (1 - 0.5);
    expect(closeTo(engineValue(plan, SHEET, "Probability any trigger happens"), p)).toBe(true);
    expect(closeTo(engineValue(plan, SHEET, "Expected value"), A * p * 1.1 ** -3)).toBe(true);
    expect(closeTo(engineValue(plan, SHEET, "Haircut to the amount"), 1 - p * 1.1 ** -3)).toBe(
      true
    );
  });

  it("values it with a hazard rate and a deadline (the spec's closed form)", () => {
    const lambda = 0.035 + 0.25; // the triggers' hazards add up
    const T = 5;
    const rc = Math.log(1.1);
    const value = ((A * lambda) / (lambda + rc)) * (1 - Math.exp(-(lambda + rc) * T));
    const hazardValue = plan.sheets[0].rows.find(
      (r) =>
        r[0]?.kind === "label" &&
        r[0].text === "Expected value" &&
        r[1]?.kind === "formula" &&
        r[1].formula.includes("EXP")
    );
    expect(
      hazardValue &&
        hazardValue[1]?.kind === "formula" &&
        closeTo(hazardValue[1].expected!, value, 1e-12)
    ).toBe(true);
    expect(
      closeTo(
        engineValue(plan, SHEET, "Probability the trigger happens by the deadline"),
        1 - Math.exp(-lambda * T)
      )
    ).toBe(true);
  });

  it("cites each trigger as the source words it, and shows the valuations as an index when no price is given", () => {
    expect(rowOf(plan, SHEET, "Trigger: agi")[1]).toMatchObject({
      kind: "input",
      value: "achieving AGI",
    });
    expect((rowOf(plan, SHEET, "Trigger: ipo")[1] as InputCell).source.document).toBe(
      "003_bb608b4455414188.txt"
    );
    expect(rowOf(plan, SHEET, "Strike valuation")[1]).toMatchObject({
      kind: "assumption",
      value: 1,
    });
    // At the money: no intrinsic value.
    expect(engineValue(plan, SHEET, "Intrinsic value")).toBe(0);
  });
});

describe("the option leg against Hull's example (S 42, K 40, r 10% continuous, σ 20%, T 0.5: 4.7594)", () => {
  it("gives Hull's call value through the template's inputs", () => {
    // A deal with a priced round but no tranche: the tranche amount (K = 40) is given with --assume,
    // and the current valuation is set so that S = 40 × current / strike = 42.
    const strike = 13e9; // Baseten's reported valuation, the strike
    const plan = build("baseten-round-2026", {
      amount: 40,
      current_valuation: (strike * 42) / 40,
      volatility: 0.2,
      option_years: 0.5,
      risk_free_rate: Math.exp(0.1) - 1, // 10% continuous as an annual effective rate
    });
    expect(plan.missing).toEqual([]);
    expect(Math.abs(engineValue(plan, SHEET, "Option value") - 4.7594)).toBeLessThan(5e-5);
    expect(engineValue(plan, SHEET, "Intrinsic value")).toBeCloseTo(2, 12);
  });
});

describe("Amazon's 2023 option on $2.75B more of Anthropic", () => {
  const plan = build("amazon-anthropic-2023");

  it("takes the strike at the midpoint of the 18–25B range and starts at the money", () => {
    expect(rowOf(plan, SHEET, "Strike valuation (the deal's price), low")[1]).toMatchObject({
      kind: "input",
      value: 18e9,
    });
    expect(rowOf(plan, SHEET, "Strike valuation (the deal's price), high")[1]).toMatchObject({
      kind: "input",
      value: 25e9,
    });
    expect(rowOf(plan, SHEET, "Current valuation")[1]).toMatchObject({
      kind: "assumption",
      value: 21.5e9,
    });
    expect(engineValue(plan, SHEET, "Intrinsic value")).toBe(0);
  });

  it("sets the exercise hazard to give even odds within the window", () => {
    const hazard = rowOf(plan, SHEET, "Annual hazard: exercise")[1] as AssumptionCell;
    expect(1 - Math.exp(-(hazard.value as number) * 1)).toBeCloseTo(0.5, 15);
    expect(
      closeTo(engineValue(plan, SHEET, "Probability the trigger happens by the deadline"), 0.5)
    ).toBe(true);
  });

  it("shows the base scenario's values equal to the three valuations", () => {
    const base = rowOf(plan, SHEET, "Base");
    const values = base.slice(6).map((c) => (c?.kind === "formula" ? c.expected : undefined));
    const sideBySide = ["Expected value", "Option value"].map((t) => engineValue(plan, SHEET, t));
    expect(closeTo(values[0]!, sideBySide[0])).toBe(true);
    expect(closeTo(values[2]!, sideBySide[1])).toBe(true);
  });
});
