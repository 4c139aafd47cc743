/** Reading a plan in tests: the row a label starts, and the cells beside it. */
import { FormulaCell, PlanCell, SheetPlan } from "../../src/templates/plan";

export function rowOf(plan: SheetPlan, sheet: string, text: string): (PlanCell | null)[] {
  const found = plan.sheets.find((s) => s.name === sheet);
  if (!found) throw new Error(`no sheet ${sheet}`);
  const row = found.rows.find((r) => r[0]?.kind === "label" && r[0].text === text);
  if (!row) throw new Error(`no row "${text}" on ${sheet}`);
  return row;
}

/** The engine's value of the output a check row shows (its native formula's expected value). */
export function engineValue(plan: SheetPlan, sheet: string, text: string): number {
  const cell = rowOf(plan, sheet, text)[1] as FormulaCell;
  if (cell?.kind !== "formula" || cell.expected === undefined)
    throw new Error(`"${text}" has no engine value`);
  return cell.expected;
}

export function allCells(
  plan: SheetPlan
): { sheet: string; row: number; column: number; cell: PlanCell }[] {
  return plan.sheets.flatMap((s) =>
    s.rows.flatMap((r, i) =>
      r.flatMap((cell, j) => (cell ? [{ sheet: s.name, row: i + 1, column: j + 1, cell }] : []))
    )
  );
}

export const closeTo = (actual: number, expected: number, relative = 1e-12) =>
  Math.abs(actual - expected) <= relative * Math.max(Math.abs(expected), Math.abs(actual));
