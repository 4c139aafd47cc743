/**
 * Evaluates a parsed formula against a workbook the caller describes (cells and defined names),
 * with Excel's operators, coercions and error propagation. A normal cell formula is evaluated
 * in scalar mode; SUMPRODUCT's arguments in array mode, where operators and scalar functions run
 * element by element.
 */
import { arrayArguments, CallContext, liftScalars, power, runFunction } from "./functions";
import { CellArea, FormulaNode } from "./parse";
import {
  approxAdd,
  checkedNumber,
  compareNumbers,
  DIV0,
  ErrorResult,
  excelError,
  gridOf,
  isError,
  isGrid,
  Scalar,
  toNumber,
  toScalar,
  toText,
  Uncomputable,
  Value,
} from "./values";

export interface FormulaWorkbook {
  /** A cell's value (a formula cell's computed result); null when blank. */
  cell(sheet: string, row: number, column: number): Scalar;
  /** The sheet's canonical name, or undefined when there is no such sheet. */
  sheet(name: string): string | undefined;
  /** A defined name's area, with its sheet. */
  name(name: string): (CellArea & { sheet: string }) | undefined;
}

/** Ranges larger than this are not materialised (whole columns): Uncomputable. */
const MAX_RANGE_CELLS = 100_000;

const TYPE_ORDER = (value: Scalar): number =>
  typeof value === "number" ? 0 : typeof value === "string" ? 1 : 2;

/** Excel's comparison: numbers < text < booleans, text case-blind, a blank as the other side's empty. */
function compare(operator: string, left: Scalar, right: Scalar): Scalar {
  if (isError(left)) return left;
  if (isError(right)) return right;
  const emptyLike = (other: Scalar): Scalar =>
    typeof other === "string" ? "" : typeof other === "boolean" ? false : 0;
  const a = left === null ? emptyLike(right) : left;
  const b = right === null ? emptyLike(left) : right;
  if (typeof a === "number" && typeof b === "number") return compareNumbers(operator, a, b);
  // LibreOffice compares a boolean as the number 1 or 0; Excel ranks booleans above all text.
  if ((typeof a === "boolean") !== (typeof b === "boolean"))
    throw new Uncomputable("a boolean compared with another type (hosts differ)");
  let order = TYPE_ORDER(a) - TYPE_ORDER(b);
  if (order === 0 && typeof a === "string") {
    const [x, y] = [a.toLowerCase(), (b as string).toLowerCase()];
    // Ordering text follows the reader's collation, which Excel and LibreOffice do not share.
    if (x !== y && operator !== "=" && operator !== "<>")
      throw new Uncomputable("ordering two texts");
    order = x === y ? 0 : 1;
  } else if (order === 0) order = Number(a) - Number(b);
  return compareNumbers(operator, order, 0);
}

function arithmetic(operator: string, left: Scalar, right: Scalar): Scalar {
  try {
    const a = toNumber(left);
    const b = toNumber(right);
    switch (operator) {
      case "+":
        return checkedNumber(approxAdd(a, b));
      case "-":
        return checkedNumber(approxAdd(a, -b));
      case "*":
        return checkedNumber(a * b);
      case "/":
        return b === 0 ? DIV0 : checkedNumber(a / b);
      default: {
        const result = power(a, b);
        return typeof result === "number" ? checkedNumber(result) : result;
      }
    }
  } catch (error) {
    if (error instanceof ErrorResult) return error.value;
    throw error;
  }
}

function binary(operator: string, left: Scalar, right: Scalar): Scalar {
  if (["=", "<>", "<", ">", "<=", ">="].includes(operator)) return compare(operator, left, right);
  if (operator === "&") {
    if (isError(left)) return left;
    if (isError(right)) return right;
    return toText(left) + toText(right);
  }
  return arithmetic(operator, left, right);
}

function unary(node: { type: "negate" | "percent" }, value: Scalar): Scalar {
  try {
    const x = toNumber(value);
    return node.type === "negate" ? -x : x / 100;
  } catch (error) {
    if (error instanceof ErrorResult) return error.value;
    throw error;
  }
}

export class FormulaEvaluator {
  constructor(private readonly workbook: FormulaWorkbook) {}

  /** The value of a formula in a cell of `sheet`; Uncomputable when it cannot be promised. */
  evaluateCell(node: FormulaNode, sheet: string): Scalar {
    const value = toScalar(this.evaluate(node, sheet, false));
    // A formula that lands on a blank cell shows 0.
    return value === null ? 0 : value;
  }

  private area(area: CellArea, sheet: string): Value {
    const name = area.sheet === undefined ? sheet : this.workbook.sheet(area.sheet);
    if (name === undefined) throw new Uncomputable(`a reference to the sheet ${area.sheet}`);
    const size = (area.bottom - area.top + 1) * (area.right - area.left + 1);
    if (size > MAX_RANGE_CELLS) throw new Uncomputable(`a range of ${size} cells`);
    const rows: Scalar[][] = [];
    for (let r = area.top; r <= area.bottom; r++) {
      const row: Scalar[] = [];
      for (let c = area.left; c <= area.right; c++) row.push(this.workbook.cell(name, r, c));
      rows.push(row);
    }
    return gridOf(rows, true);
  }

  /** In scalar mode an operand that is a range needs implicit intersection: toScalar refuses it. */
  private operand(node: FormulaNode, sheet: string, arrayMode: boolean): Value {
    // The common case, one cell read for arithmetic, without building a 1×1 range.
    if (node.type === "reference" && !arrayMode && node.area.sheet === undefined) {
      const { top, left, bottom, right } = node.area;
      if (top === bottom && left === right) return this.workbook.cell(sheet, top, left);
    }
    const value = this.evaluate(node, sheet, arrayMode);
    return arrayMode ? value : toScalar(value);
  }

  private evaluate(node: FormulaNode, sheet: string, arrayMode: boolean): Value {
    switch (node.type) {
      case "number":
      case "string":
      case "boolean":
        return node.value;
      case "error":
        return excelError(node.value);
      case "missing":
        return null;
      case "reference":
        return this.area(node.area, sheet);
      case "name": {
        const area = this.workbook.name(node.name);
        if (!area) throw new Uncomputable(`the name ${node.name}`);
        return this.area(area, sheet);
      }
      case "negate":
      case "percent": {
        const value = this.operand(node.operand, sheet, arrayMode);
        return isGrid(value) ? liftScalars([value], ([x]) => unary(node, x)) : unary(node, value);
      }
      case "binary": {
        const left = this.operand(node.left, sheet, arrayMode);
        const right = this.operand(node.right, sheet, arrayMode);
        if (!isGrid(left) && !isGrid(right)) return binary(node.operator, left, right);
        return liftScalars([left, right], ([a, b]) => binary(node.operator, a, b));
      }
      case "call": {
        const inArrays = arrayMode || arrayArguments(node.name);
        const context: CallContext = {
          arrayMode: inArrays,
          evaluate: (arg) => this.evaluate(arg, sheet, inArrays),
        };
        const result = runFunction(node.name, node.args, context);
        return isGrid(result) && !arrayMode && !result.reference ? toScalar(result) : result;
      }
    }
  }
}
