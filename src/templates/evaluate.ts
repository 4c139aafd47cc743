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
import { cellAddress, MAX_COLUMN, parseCellAddress } from "./a1";
import { PlanCell, PlannedSheet, SheetPlan } from "./plan";

/** What a writer stores as a formula's result: ExcelJS's shapes ({ error: "#N/A" } for errors). */
export type CachedValue = number | string | boolean | FormulaError;

export interface UncomputedCell {
  sheet: string;
  address: string;
  formula: string;
  reason: string;
}

export interface PlanValues {
  /** The result of the formula at a cell of a sheet (its exact name; row and column from 1), if computed. */
  resultAt(sheet: string, row: number, column: number): CachedValue | undefined;
  /** Formula cells left without a value, and why. */
  uncomputed: UncomputedCell[];
}

/** The formula a cell holds in a written workbook: a missing assumption is NA(), so dependants show #N/A. */
export function formulaOf(cell: PlanCell | null): string | undefined {
  if (cell?.kind === "formula") return cell.formula;
  if (cell?.kind === "addin") return cell.fileFormula;
  if (cell?.kind === "assumption" && cell.value === null) return "NA()";
  return undefined;
}

type Outcome = { value: Scalar } | { reason: string };

/** The outcome of a cell while it is being computed: met again, it is a circular reference. */
const CIRCULAR: Outcome = { reason: "a circular reference" };

/** Parsed formulas, shared by every plan (a template repeats its formulas for each deal); bounded. */
const PARSED = new Map<string, FormulaNode>();
const PARSED_LIMIT = 20_000;

function parse(formula: string): FormulaNode {
  let node = PARSED.get(formula);
  if (!node) {
    if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
    PARSED.set(formula, (node = parseFormula(formula)));
  }
  return node;
}

/**
 * How many cells may be computed one inside another: a longer chain of references is computed
 * from its far end first, to spare the stack.
 */
const MAX_DEPTH = 500;

class TooDeep extends Error {
  constructor(readonly cell: { state: SheetState; row: number; column: number; formula: string }) {
    super("a chain of cell references deeper than the evaluator descends at once");
  }
}

/** A sheet of the plan with the outcomes of its formula cells, by row and column (from 1). */
interface SheetState {
  sheet: PlannedSheet;
  outcomes: Outcome[][];
  /** Cells whose computation was set aside for a deeper one (row × MAX_COLUMN + column). */
  waiting: Set<number>;
}

/** The engine's own stack overflow: a legal formula of thousands of chained terms (1+1+…+1). */
const isStackOverflow = (error: unknown): boolean =>
  error instanceof RangeError && /call stack/i.test(error.message);

/** Excel's own limits on a formula: longer or deeper ones Excel refuses, so no value is promised. */
const MAX_FORMULA_LENGTH = 8192;
const MAX_NESTING = 64;

function refuseBeyondExcel(formula: string): void {
  if (formula.length + 1 > MAX_FORMULA_LENGTH)
    throw new Uncomputable(`longer than Excel's ${MAX_FORMULA_LENGTH} characters`);
  let depth = 0;
  for (const character of formula) {
    if (character === "(" && ++depth > MAX_NESTING)
      throw new Uncomputable(`nested deeper than Excel's ${MAX_NESTING} levels`);
    if (character === ")") depth -= 1;
  }
}

export function evaluatePlan(plan: SheetPlan): PlanValues {
  // The evaluator passes back the canonical names sheet() returns: look-ups are exact after that.
  const states = new Map<string, SheetState>(
    plan.sheets.map((sheet) => [sheet.name, { sheet, outcomes: [], waiting: new Set() }])
  );
  const canonical = new Map(plan.sheets.map((sheet) => [sheet.name.toLowerCase(), sheet.name]));
  const names = new Map(
    plan.names.map(({ name, sheet, address }) => {
      const [first, last = first] = address.split(":").map(parseCellAddress);
      return [
        name.toLowerCase(),
        { sheet, top: first.row, left: first.column, bottom: last.row, right: last.column },
      ];
    })
  );
  const workbook: FormulaWorkbook = {
    sheet: (name) => canonical.get(name.toLowerCase()),
    name: (name) => names.get(name.toLowerCase()),
    cell: (sheetName, row, column) => {
      const state = states.get(sheetName) as SheetState;
      const cell = state.sheet.rows[row - 1]?.[column - 1] ?? null;
      const formula = formulaOf(cell);
      if (formula !== undefined) {
        const outcome = evaluateAt(state, row, column, formula);
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

  let depth = 0;

  function evaluateAt(state: SheetState, row: number, column: number, formula: string): Outcome {
    const outcomes = (state.outcomes[row] ??= []);
    const known = outcomes[column];
    if (known) return known;
    // A cell set aside while a deeper one is computed, reached again from that one: a cycle.
    if (depth > 0 && state.waiting.has(row * MAX_COLUMN + column)) return CIRCULAR;
    if (depth >= MAX_DEPTH) throw new TooDeep({ state, row, column, formula });
    outcomes[column] = CIRCULAR;
    depth += 1;
    let outcome: Outcome;
    try {
      refuseBeyondExcel(formula);
      outcome = { value: evaluator.evaluateCell(parse(formula), state.sheet.name) };
    } catch (error) {
      if (error instanceof TooDeep) delete outcomes[column];
      if (isStackOverflow(error) && !(error instanceof TooDeep))
        outcome = { reason: "an expression too long to compute here (thousands of terms)" };
      else if (error instanceof Uncomputable || error instanceof FormulaSyntaxError)
        outcome = { reason: error.message };
      else throw error;
    } finally {
      depth -= 1;
    }
    outcomes[column] = outcome;
    return outcome;
  }

  /** A cell's outcome; a chain too deep for the stack is computed from its far end first. */
  function compute(state: SheetState, row: number, column: number, formula: string): Outcome {
    const key = row * MAX_COLUMN + column;
    state.waiting.add(key);
    try {
      for (;;) {
        try {
          return evaluateAt(state, row, column, formula);
        } catch (error) {
          if (!(error instanceof TooDeep)) throw error;
          const far = error.cell;
          compute(far.state, far.row, far.column, far.formula);
        }
      }
    } finally {
      state.waiting.delete(key);
    }
  }

  const uncomputed: UncomputedCell[] = [];
  for (const state of states.values()) {
    state.sheet.rows.forEach((cells, r) =>
      cells.forEach((cell, c) => {
        const formula = formulaOf(cell);
        if (formula === undefined) return;
        const outcome = compute(state, r + 1, c + 1, formula);
        if ("reason" in outcome)
          uncomputed.push({
            sheet: state.sheet.name,
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
      const outcome = states.get(sheet)?.outcomes[row]?.[column];
      return outcome && "value" in outcome ? (outcome.value as CachedValue) : undefined;
    },
  };
}
