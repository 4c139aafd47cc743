/**
 * Every output of a workbook with its Scenario switch (scenario.ts) at Low, Base and High: the
 * plan evaluated three times (evaluate.ts), the switch cell set to each case in turn. Generic: any
 * cell that follows the switch gets its Low and High case, so the IC memo can show a band for
 * outputs whose sheet computes only the point. The values are a snapshot, not live formulas.
 */
import { parseCellAddress } from "./a1";
import { CachedValue, evaluatePlan } from "./evaluate";
import { SheetPlan } from "./plan";
import { SCENARIOS } from "./scenario";

export type ScenarioName = (typeof SCENARIOS)[number];

/** A cell's value in each case (undefined where the evaluator cannot compute it). */
export type CaseValues = Record<ScenarioName, CachedValue | undefined>;

/** The plan with the switch (the defined name `switchName`) set to `scenario`. */
function withScenario(plan: SheetPlan, switchName: string, scenario: ScenarioName): SheetPlan {
  const named = plan.names.find((n) => n.name.toLowerCase() === switchName.toLowerCase());
  if (!named) throw new Error(`the plan has no switch named ${switchName}`);
  const { row, column } = parseCellAddress(named.address);
  return {
    ...plan,
    sheets: plan.sheets.map((sheet) => {
      if (sheet.name !== named.sheet) return sheet;
      const rows = sheet.rows.map((cells) => [...cells]);
      const cell = rows[row - 1]?.[column - 1];
      if (cell?.kind !== "assumption") throw new Error(`${switchName} is not an assumption cell`);
      rows[row - 1][column - 1] = { ...cell, value: scenario };
      return { ...sheet, rows };
    }),
  };
}

/** Looks up any cell's value in each scenario of `plan`. */
export function scenarioCases(
  plan: SheetPlan,
  switchName = "Scenario"
): (at: { sheet: string; row: number; column: number }) => CaseValues {
  const evaluated = SCENARIOS.map((scenario) =>
    evaluatePlan(withScenario(plan, switchName, scenario))
  );
  return ({ sheet, row, column }) =>
    Object.fromEntries(
      SCENARIOS.map((scenario, i) => [scenario, evaluated[i].resultAt(sheet, row, column)])
    ) as CaseValues;
}
