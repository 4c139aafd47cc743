/** scenarioCases: any cell's value with the workbook's Scenario switch at Low, Base and High. */
import { calc, fx, label, WorkbookBuilder } from "../../src/templates/builder";
import { scenarioSwitch } from "../../src/templates/scenario";
import { scenarioCases } from "../../src/templates/scenarioCases";

function smallWorkbook() {
  const wb = new WorkbookBuilder({ template: "t", title: "t", dealId: "d", asOf: "2026" });
  const sheet = wb.sheet("Model", [20, 12]);
  const scenario = scenarioSwitch(wb, sheet);
  // A spend of 100, 120 or 150 by case, and a cost of 40 the switch does not touch.
  const [, spend] = sheet.row(
    label("Spend"),
    calc(fx`IF(${scenario}="Low",100,IF(${scenario}="High",150,120))`)
  );
  const [, cost] = sheet.row(label("Cost"), calc(fx`40`));
  const [, margin] = sheet.row(label("Margin"), calc(fx`${spend}-${cost}`));
  return { plan: wb.build(), spend, cost, margin };
}

describe("scenarioCases", () => {
  const { plan, cost, margin } = smallWorkbook();
  const cases = scenarioCases(plan);

  it("evaluates a dependent cell with the switch at each case (by hand: 100−40, 120−40, 150−40)", () => {
    expect(cases(margin)).toEqual({ Low: 60, Base: 80, High: 110 });
  });

  it("gives a cell the switch does not reach the same value in every case", () => {
    expect(cases(cost)).toEqual({ Low: 40, Base: 40, High: 40 });
  });

  it("leaves the plan itself at its own scenario", () => {
    const cell = plan.sheets[0].rows.flat().find((c) => c?.kind === "assumption");
    expect(cell).toMatchObject({ key: "scenario", value: "Base" });
  });

  it("says so when the plan has no switch of that name", () => {
    expect(() => scenarioCases(plan, "Elsewhere")).toThrow(/no switch named Elsewhere/);
  });
});
