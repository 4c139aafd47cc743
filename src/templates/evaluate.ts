/**
 * The value of every formula cell of a sheet plan, computed from the plan itself (it holds every
 * input and every formula), so a writer can store each formula's result beside it: a file
 * preview, pandas or any reader that does not recalculate then sees the numbers.
 *
 * A formula the evaluator cannot promise to compute as Excel does (a DEAL.* call, a function not
 * in its table, a circular reference…) gets no value, and is listed with the reason.
 */
import { FormulaEvaluator, FormulaWorkbook } from "./formula/evaluator";
import { FormulaNode, FormulaSyntaxError, parseFormula } from "./formula/parse";
import { FormulaError, NA, Scalar, Uncomputable } from "./formula/values";
import { cellAddress, parseCellAddress } from "./a1";
import { PlanCell, SheetPlan } from "./plan";

/** What a writer stores as a formula's result: ExcelJS's shapes ({ error: "#N/A" } for errors). */
export type CachedValue = number | string | boolean | FormulaError;

export interface UncomputedCell {
  sheet: string;
  address: string;
  formula: string;
  reason: string;
}

export interface PlanValues {
  /** The result of the formula at a cell (row and column from 1), if the evaluator computed it. */
  resultAt(sheet: string, row: number, column: number): CachedValue | undefined;
  /** Formula cells left without a value, and why. */
  uncomputed: UncomputedCell[];
}

/** The formula a cell holds in a written workbook: a missing assumption is NA(), so dependants show #N/A. */
export function formulaOf(cell: PlanCell | null): string | undefined {
  if (cell?.kind === "formula") return cell.formula;
  if (cell?.kind === "assumption" && cell.value === null) return "NA()";
  return undefined;
}

type Outcome = { value: Scalar } | { reason: string };

/** The outcome of a cell while it is being computed: met again, it is a circular reference. */
const CIRCULAR: Outcome = { reason: "a circular reference" };

export function evaluatePlan(plan: SheetPlan): PlanValues {
  const sheets = new Map(plan.sheets.map((sheet) => [sheet.name.toLowerCase(), sheet]));
  const names = new Map(
    plan.names.map(({ name, sheet, address }) => {
      const [first, last = first] = address.split(":").map(parseCellAddress);
      return [
        name.toLowerCase(),
        { sheet, top: first.row, left: first.column, bottom: last.row, right: last.column },
      ];
    })
  );
  const outcomes = new Map<string, Outcome>();
  const parsed = new Map<string, FormulaNode>();
  const parse = (formula: string): FormulaNode => {
    let node = parsed.get(formula);
    if (!node) parsed.set(formula, (node = parseFormula(formula)));
    return node;
  };

  const workbook: FormulaWorkbook = {
    sheet: (name) => sheets.get(name.toLowerCase())?.name,
    name: (name) => names.get(name.toLowerCase()),
    cell: (sheetName, row, column) => {
      const cell = sheets.get(sheetName.toLowerCase())?.rows[row - 1]?.[column - 1] ?? null;
      const formula = formulaOf(cell);
      if (formula !== undefined) {
        const outcome = evaluateAt(sheetName, row, column, formula);
        if ("reason" in outcome) throw new Uncomputable(outcome.reason);
        return outcome.value;
      }
      if (cell === null) return null;
      if (cell.kind === "label") return cell.text;
      if (cell.kind === "assumption") return cell.value ?? NA;
      return (cell as { value: number | string }).value;
    },
  };
  const evaluator = new FormulaEvaluator(workbook);

  function evaluateAt(sheet: string, row: number, column: number, formula: string): Outcome {
    const key = `${sheet.toLowerCase()}!${row},${column}`;
    const known = outcomes.get(key);
    if (known) return known;
    outcomes.set(key, CIRCULAR);
    let outcome: Outcome;
    try {
      outcome = { value: evaluator.evaluateCell(parse(formula), sheet) };
    } catch (error) {
      if (!(error instanceof Uncomputable || error instanceof FormulaSyntaxError)) throw error;
      outcome = { reason: error.message };
    }
    outcomes.set(key, outcome);
    return outcome;
  }

  const uncomputed: UncomputedCell[] = [];
  for (const sheet of plan.sheets) {
    sheet.rows.forEach((cells, r) =>
      cells.forEach((cell, c) => {
        const formula = formulaOf(cell);
        if (formula === undefined) return;
        const outcome = evaluateAt(sheet.name, r + 1, c + 1, formula);
        if ("reason" in outcome)
          uncomputed.push({
            sheet: sheet.name,
            address: cellAddress(r + 1, c + 1),
            formula,
            reason: outcome.reason,
          });
      })
    );
  }

  return {
    uncomputed,
    resultAt(sheet, row, column) {
      const outcome = outcomes.get(`${sheet.toLowerCase()}!${row},${column}`);
      return outcome && "value" in outcome ? (outcome.value as CachedValue) : undefined;
    },
  };
}
