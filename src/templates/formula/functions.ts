/**
 * The worksheet functions the evaluator computes, declared in one table. Each entry says how its
 * arguments arrive, so the argument rules (error propagation, lifting over arrays, coercion)
 * live in one place (runFunction) rather than in every function:
 * - "scalar": one value per argument; an error argument is the result (unless the function
 *   inspects errors); over an array argument the function runs per element (inside SUMPRODUCT).
 * - "values": each argument as evaluated, ranges as grids (SUM, NPV, INDEX…).
 * - "lazy": the unevaluated arguments (IF, CHOOSE evaluate only the branch they take).
 * A function not in the table is Uncomputable, so its cell gets no cached value.
 */
import { normalCdf } from "../../engine/normal";
import { Dec } from "../../engine/numeric";
import { irr, npv, pmt, pv, xirr, xnpv } from "./financial";
import { FormulaNode } from "./parse";
import {
  checkedNumber,
  compareNumbers,
  DIV0,
  ErrorResult,
  FormulaError,
  Grid,
  gridOf,
  isError,
  isGrid,
  NA,
  PLAIN_NUMBER,
  Scalar,
  toBoolean,
  toNumber,
  toScalar,
  toText,
  Uncomputable,
  VALUE,
  Value,
} from "./values";

/** What a lazy function can ask of the evaluator. */
export interface CallContext {
  evaluate(node: FormulaNode): Value;
  /** Inside an array context (SUMPRODUCT's arguments), where ranges stay arrays. */
  arrayMode: boolean;
}

type ScalarSpec = {
  kind: "scalar";
  min: number;
  max: number;
  takesErrors?: boolean;
  run: (args: Scalar[]) => Scalar;
};
type ValuesSpec = {
  kind: "values";
  min: number;
  max: number;
  /** Evaluate the arguments as arrays (SUMPRODUCT). */
  arrays?: boolean;
  run: (args: Value[]) => Value;
};
type LazySpec = {
  kind: "lazy";
  min: number;
  max: number;
  run: (args: FormulaNode[], context: CallContext) => Value;
};
type FunctionSpec = ScalarSpec | ValuesSpec | LazySpec;

const scalar = (
  min: number,
  max: number,
  run: (args: Scalar[]) => Scalar,
  takesErrors = false
): ScalarSpec => ({ kind: "scalar", min, max, run, takesErrors });
const values = (
  min: number,
  max: number,
  run: (args: Value[]) => Value,
  arrays = false
): ValuesSpec => ({ kind: "values", min, max, run, arrays });

const cells = (value: Value): Scalar[] => (isGrid(value) ? value.grid.flat() : [value]);

/** Grids and direct arguments as SUM reads them: numbers only from ranges, coerced when typed directly. */
function numbersOf(args: readonly Value[]): number[] {
  const numbers: number[] = [];
  for (const arg of args) {
    if (isGrid(arg)) {
      for (const cell of arg.grid.flat()) {
        if (isError(cell)) throw new ErrorResult(cell);
        if (typeof cell === "number") numbers.push(cell);
      }
    } else if (arg !== null) numbers.push(toNumber(arg));
  }
  return numbers;
}

/** Neumaier's compensated sum, as LibreOffice sums. */
function sum(numbers: readonly number[]): number {
  let total = 0;
  let compensation = 0;
  for (const n of numbers) {
    const t = total + n;
    compensation += Math.abs(total) >= Math.abs(n) ? total - t + n : n - t + total;
    total = t;
  }
  return total + compensation;
}

/** Booleans for AND/OR: numbers and booleans count, text in ranges is skipped. */
function logicalsOf(args: readonly Value[]): boolean[] {
  const found: boolean[] = [];
  for (const arg of args) {
    for (const cell of cells(arg)) {
      if (isError(cell)) throw new ErrorResult(cell);
      if (typeof cell === "number" || typeof cell === "boolean") found.push(toBoolean(cell));
      else if (typeof cell === "string" && !isGrid(arg)) found.push(toBoolean(cell));
    }
  }
  if (found.length === 0) throw new ErrorResult(VALUE);
  return found;
}

/** Excel's wildcard text (* ? and ~ to escape) as a whole-text, case-blind pattern. */
function wildcard(pattern: string): RegExp {
  const source = pattern.replace(/~([*?~])|([*?])|([.+^${}()|[\]\\/-])/g, (_m, esc, wild, meta) =>
    esc ? `\\${esc}` : wild ? (wild === "*" ? "[\\s\\S]*" : "[\\s\\S]") : `\\${meta}`
  );
  return new RegExp(`^${source}$`, "i");
}

/** Which cells a SUMIF/COUNTIF/MATCH criterion accepts, for the criteria Excel and LibreOffice read alike. */
function criterion(value: Scalar): (cell: Scalar) => boolean {
  if (isError(value)) throw new ErrorResult(value);
  if (value === null) throw new Uncomputable("an empty criterion");
  const numericText = (cell: Scalar) => typeof cell === "string" && PLAIN_NUMBER.test(cell);
  if (typeof value === "number") {
    return (cell) => {
      if (numericText(cell)) throw new Uncomputable("numeric text against a number criterion");
      return typeof cell === "number" && compareNumbers("=", cell, value);
    };
  }
  if (typeof value === "boolean") return (cell) => cell === value;
  const [, operator = "", operand] = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(value) as RegExpExecArray;
  if (operand === "") {
    if (operator === "<>") return (cell) => cell !== null;
    if (operator === "=") return (cell) => cell === null;
    if (operator === "") return (cell) => cell === null || cell === "";
    throw new Uncomputable(`the criterion "${value}"`);
  }
  if (PLAIN_NUMBER.test(operand)) {
    const target = Number(operand);
    return (cell) => {
      if (numericText(cell)) throw new Uncomputable("numeric text against a number criterion");
      if (typeof cell === "number") return compareNumbers(operator, cell, target);
      return operator === "<>";
    };
  }
  if (/\d/.test(operand) || /^(true|false)$/i.test(operand) || !["", "=", "<>"].includes(operator))
    throw new Uncomputable(`the criterion "${value}"`);
  const pattern = wildcard(operand);
  const matches = (cell: Scalar) => typeof cell === "string" && pattern.test(cell);
  return operator === "<>" ? (cell) => !matches(cell) : matches;
}

const sameShape = (a: Grid, b: Grid) =>
  a.grid.length === b.grid.length && a.grid[0].length === b.grid[0].length;

function asGrid(value: Value): Grid {
  return isGrid(value) ? value : gridOf([[value]]);
}

function sumIf(args: Value[]): Value {
  const range = asGrid(args[0]);
  const accepts = criterion(toScalar(args[1]));
  const addends = args.length > 2 ? asGrid(args[2]) : range;
  // Excel resizes a smaller sum range to the criteria range's shape; not modelled here.
  if (!sameShape(range, addends)) throw new Uncomputable("SUMIF ranges of different shapes");
  const picked: number[] = [];
  range.grid.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!accepts(cell)) return;
      const addend = addends.grid[r][c];
      if (isError(addend)) throw new ErrorResult(addend);
      if (typeof addend === "number") picked.push(addend);
    })
  );
  return sum(picked);
}

function sumProduct(args: Value[]): Value {
  const grids = args.map(asGrid);
  if (grids.some((g) => !sameShape(g, grids[0]))) return VALUE;
  const flat = grids.map((g) => g.grid.flat());
  const products = flat[0].map((_, i) => {
    let product = 1;
    for (const column of flat) {
      const cell = column[i];
      if (isError(cell)) throw new ErrorResult(cell);
      product *= typeof cell === "number" ? cell : 0;
    }
    return product;
  });
  return sum(products);
}

/** Excel's ROUND: half away from zero, on the value as 15 significant digits show it. */
function round(value: number, digits: number): number {
  const places = Math.trunc(digits);
  const shown = new Dec(value.toPrecision(15));
  const scale = new Dec(10).pow(-Math.min(0, places));
  return shown
    .div(scale)
    .toDecimalPlaces(Math.max(0, places), Dec.ROUND_HALF_UP)
    .times(scale)
    .toNumber();
}

function index(args: Value[]): Value {
  const { grid } = asGrid(args[0]);
  const rowArg = args[1] === undefined ? 0 : Math.trunc(toNumber(toScalar(args[1])));
  const columnArg = args[2] === undefined ? undefined : Math.trunc(toNumber(toScalar(args[2])));
  // A single row or column takes one position: INDEX(B2:F2, 3) is D2.
  let [row, column] = [rowArg, columnArg ?? 0];
  if (columnArg === undefined && grid.length === 1 && grid[0].length > 1)
    [row, column] = [1, rowArg];
  if (columnArg === undefined && grid[0].length === 1) column = 1;
  // Excel says #REF!, LibreOffice #VALUE!: no value to promise.
  if (row < 0 || column < 0 || row > grid.length || column > grid[0].length)
    throw new Uncomputable("INDEX outside its range (Excel and LibreOffice differ)");
  const rows = row === 0 ? grid : [grid[row - 1]];
  return gridOf(
    rows.map((cellsInRow) => (column === 0 ? cellsInRow : [cellsInRow[column - 1]])),
    true
  );
}

function match(args: Value[]): Value {
  const wanted = toScalar(args[0]);
  if (isError(wanted)) return wanted;
  const { grid } = asGrid(args[1]);
  if (grid.length > 1 && grid[0].length > 1) return NA;
  const list = grid.flat();
  const type = args[2] === undefined ? 1 : Math.sign(Math.trunc(toNumber(toScalar(args[2]))));
  if (type === 0) {
    const accepts =
      typeof wanted === "string" ? criterion(`=${wanted}`) : (cell: Scalar) => cell === wanted;
    const found = list.findIndex((cell) => accepts(cell));
    return found < 0 ? NA : found + 1;
  }
  // Sorted lookups search by bisection, whose answer on unsorted data is Excel's own business.
  if (typeof wanted !== "number" || list.some((cell) => typeof cell !== "number"))
    throw new Uncomputable("an approximate MATCH over other than numbers");
  const numbers = list as number[];
  const sorted = numbers.every(
    (n, i) => i === 0 || (type > 0 ? numbers[i - 1] <= n : numbers[i - 1] >= n)
  );
  if (!sorted) throw new Uncomputable("an approximate MATCH over an unsorted list");
  let found = -1;
  numbers.forEach((n, i) => {
    if (type > 0 ? n <= wanted : n >= wanted) found = i;
  });
  return found < 0 ? NA : found + 1;
}

function dimensions(value: Value): { rows: number; columns: number } {
  const { grid } = asGrid(value);
  return { rows: grid.length, columns: grid[0].length };
}

/** Values and dates of XNPV/XIRR: an error among them is the result; anything but numbers is not modelled. */
function flowsAndDates(flows: Value, dates: Value): [number[], number[]] | FormulaError {
  const v = cells(flows);
  const d = cells(dates);
  for (const cell of [...v, ...d]) if (isError(cell)) return cell;
  if ([...v, ...d].some((cell) => typeof cell !== "number"))
    throw new Uncomputable("XNPV or XIRR over cells that are not all numbers");
  return [v as number[], d as number[]];
}

const optionalNumber = (args: Scalar[], i: number, fallback: number) =>
  args[i] === undefined ? fallback : toNumber(args[i]);

export const FUNCTIONS: Record<string, FunctionSpec> = {
  IF: {
    kind: "lazy",
    min: 2,
    max: 3,
    run: ([test, then, otherwise], context) => {
      const condition = context.evaluate(test);
      const branch = (chosen: boolean): Value =>
        chosen ? context.evaluate(then) : otherwise ? context.evaluate(otherwise) : false;
      if (isGrid(condition) && context.arrayMode) {
        const [yes, no] = [branch(true), branch(false)];
        return liftScalars([condition, yes, no], ([c, y, n]) =>
          isError(c) ? c : toBoolean(c) ? y : n
        );
      }
      const value = toScalar(condition);
      if (isError(value)) return value;
      return branch(toBoolean(value));
    },
  },
  CHOOSE: {
    kind: "lazy",
    min: 2,
    max: 255,
    run: ([which, ...choices], context) => {
      const value = toScalar(context.evaluate(which));
      if (isError(value)) return value;
      const i = Math.trunc(toNumber(value));
      if (i < 1 || i > choices.length) return VALUE;
      return context.evaluate(choices[i - 1]);
    },
  },
  IFERROR: scalar(2, 2, ([value, fallback]) => (isError(value) ? fallback : value), true),
  IFNA: scalar(
    2,
    2,
    ([value, fallback]) => (isError(value) && value.error === "#N/A" ? fallback : value),
    true
  ),
  ISERROR: scalar(1, 1, ([value]) => isError(value), true),
  ISNA: scalar(1, 1, ([value]) => isError(value) && value.error === "#N/A", true),
  ISNUMBER: scalar(1, 1, ([value]) => typeof value === "number", true),
  ISTEXT: scalar(1, 1, ([value]) => typeof value === "string", true),
  ISBLANK: scalar(1, 1, ([value]) => value === null, true),
  NA: scalar(0, 0, () => NA),
  TRUE: scalar(0, 0, () => true),
  FALSE: scalar(0, 0, () => false),
  AND: values(1, 255, (args) => logicalsOf(args).every(Boolean)),
  OR: values(1, 255, (args) => logicalsOf(args).some(Boolean)),
  NOT: scalar(1, 1, ([value]) => !toBoolean(value)),
  SUM: values(1, 255, (args) => sum(numbersOf(args))),
  AVERAGE: values(1, 255, (args) => {
    const numbers = numbersOf(args);
    return numbers.length === 0 ? DIV0 : sum(numbers) / numbers.length;
  }),
  MIN: values(1, 255, (args) => {
    const numbers = numbersOf(args);
    return numbers.length === 0 ? 0 : numbers.reduce((a, b) => Math.min(a, b));
  }),
  MAX: values(1, 255, (args) => {
    const numbers = numbersOf(args);
    return numbers.length === 0 ? 0 : numbers.reduce((a, b) => Math.max(a, b));
  }),
  COUNT: values(1, 255, (args) =>
    args.reduce<number>((n, arg) => {
      if (isGrid(arg)) return n + arg.grid.flat().filter((c) => typeof c === "number").length;
      const direct = typeof arg === "number" || typeof arg === "boolean";
      return n + (direct || (typeof arg === "string" && PLAIN_NUMBER.test(arg)) ? 1 : 0);
    }, 0)
  ),
  COUNTA: values(1, 255, (args) =>
    args.reduce<number>((n, arg) => n + cells(arg).filter((c) => c !== null).length, 0)
  ),
  COUNTIF: values(2, 2, ([range, test]) => {
    const accepts = criterion(toScalar(test));
    return cells(range).filter((cell) => accepts(cell)).length;
  }),
  SUMIF: values(2, 3, sumIf),
  SUMPRODUCT: values(1, 255, sumProduct, true),
  ABS: scalar(1, 1, ([x]) => Math.abs(toNumber(x))),
  INT: scalar(1, 1, ([x]) => Math.floor(toNumber(x))),
  MOD: scalar(2, 2, ([a, b]) => {
    const [x, y] = [toNumber(a), toNumber(b)];
    return y === 0 ? DIV0 : x - y * Math.floor(x / y);
  }),
  ROUND: scalar(2, 2, ([x, digits]) => round(toNumber(x), toNumber(digits))),
  EXP: scalar(1, 1, ([x]) => Math.exp(toNumber(x))),
  LN: scalar(1, 1, ([x]) => Math.log(outsideDomain(toNumber(x), (n) => n <= 0, "LN"))),
  SQRT: scalar(1, 1, ([x]) => Math.sqrt(outsideDomain(toNumber(x), (n) => n < 0, "SQRT"))),
  POWER: scalar(2, 2, ([base, exponent]) => power(toNumber(base), toNumber(exponent))),
  "NORM.S.DIST": scalar(2, 2, ([z, cumulative]) => {
    const x = toNumber(z);
    return toBoolean(cumulative) ? normalCdf(x) : Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
  }),
  NPV: values(2, 255, ([rate, ...flows]) => npv(toNumber(toScalar(rate)), numbersOf(flows))),
  XNPV: values(3, 3, ([rate, flows, dates]) => {
    const pairs = flowsAndDates(flows, dates);
    return isError(pairs) ? pairs : xnpv(toNumber(toScalar(rate)), ...pairs);
  }),
  IRR: values(1, 2, ([flows, guess]) =>
    irr(numbersOf([asGrid(flows)]), guess === undefined ? 0.1 : toNumber(toScalar(guess)))
  ),
  XIRR: values(2, 3, ([flows, dates, guess]) => {
    const pairs = flowsAndDates(flows, dates);
    if (isError(pairs)) return pairs;
    return xirr(...pairs, guess === undefined ? 0.1 : toNumber(toScalar(guess)));
  }),
  PV: scalar(3, 5, (args) =>
    pv(
      toNumber(args[0]),
      toNumber(args[1]),
      toNumber(args[2]),
      optionalNumber(args, 3, 0),
      optionalNumber(args, 4, 0) !== 0
    )
  ),
  PMT: scalar(3, 5, (args) =>
    pmt(
      toNumber(args[0]),
      toNumber(args[1]),
      toNumber(args[2]),
      optionalNumber(args, 3, 0),
      optionalNumber(args, 4, 0) !== 0
    )
  ),
  INDEX: values(2, 3, index),
  MATCH: values(2, 3, match),
  ROWS: values(1, 1, ([range]) => dimensions(range).rows),
  COLUMNS: values(1, 1, ([range]) => dimensions(range).columns),
  EXACT: scalar(2, 2, ([a, b]) => toText(a) === toText(b)),
  HYPERLINK: scalar(1, 2, ([link, friendly]) => (friendly === undefined ? link : friendly)),
};

/**
 * The argument, unless it is outside the function's domain, where Excel says #NUM! and
 * LibreOffice #VALUE!: no value to promise there.
 */
function outsideDomain(x: number, outside: (x: number) => boolean, name: string): number {
  if (outside(x))
    throw new Uncomputable(`${name}(${x}) (Excel and LibreOffice give different errors)`);
  return x;
}

/** base ^ exponent with Excel's errors; where Excel and LibreOffice disagree, no value is promised. */
export function power(base: number, exponent: number): Scalar {
  if (base === 0 && exponent === 0) throw new Uncomputable("0^0 (Excel and LibreOffice differ)");
  // 0^-1: Excel says #DIV/0!, LibreOffice #NUM!.
  if (base === 0 && exponent < 0) throw new Uncomputable("0 to a negative power (hosts differ)");
  // Excel gives #NUM! for (-8)^(1/3); LibreOffice takes the odd root, -2.
  if (base < 0 && !Number.isInteger(exponent))
    throw new Uncomputable(
      "a negative number to a fractional power (Excel and LibreOffice differ)"
    );
  return base ** exponent;
}

/** Runs a scalar function over its arguments, element by element where some are arrays. */
export function liftScalars(args: readonly Value[], run: (args: Scalar[]) => Scalar): Value {
  const grids = args.filter(isGrid);
  if (grids.length === 0) return run(args as Scalar[]);
  const rows = Math.max(...grids.map((g) => g.grid.length));
  const columns = Math.max(...grids.map((g) => g.grid[0].length));
  const element = (arg: Value, r: number, c: number): Scalar => {
    if (!isGrid(arg)) return arg;
    const { grid } = arg;
    const row = grid.length === 1 ? grid[0] : grid[r];
    if (!row) return NA;
    const cell = row.length === 1 ? row[0] : row[c];
    return cell === undefined ? NA : cell;
  };
  return gridOf(
    Array.from({ length: rows }, (_, r) =>
      Array.from({ length: columns }, (_, c) => run(args.map((arg) => element(arg, r, c))))
    )
  );
}

/** A function's result with Excel's shape: errors a coercion raised, #NUM! for overflow. */
function settle(run: () => Value): Value {
  try {
    const result = run();
    return typeof result === "number" ? checkedNumber(result) : result;
  } catch (error) {
    if (error instanceof ErrorResult) return error.value;
    throw error;
  }
}

/** Calls a worksheet function; Uncomputable when it is not in the table. */
export function runFunction(name: string, args: FormulaNode[], context: CallContext): Value {
  const spec = FUNCTIONS[name];
  if (!spec) throw new Uncomputable(`the function ${name}`);
  if (args.length < spec.min || args.length > spec.max)
    throw new Uncomputable(`${name} with ${args.length} arguments`);
  if (spec.kind === "lazy") return settle(() => spec.run(args, context));
  if (spec.kind === "values") {
    const evaluated = args.map((arg) => context.evaluate(arg));
    return settle(() => spec.run(evaluated));
  }
  const evaluated = args.map((arg) => {
    const value = context.evaluate(arg);
    return context.arrayMode ? value : toScalar(value);
  });
  return liftScalars(evaluated, (scalars) => {
    const error = spec.takesErrors ? undefined : scalars.find(isError);
    return error ?? (settle(() => spec.run(scalars)) as Scalar);
  });
}

export const arrayArguments = (name: string): boolean => {
  const spec = FUNCTIONS[name];
  return spec?.kind === "values" && spec.arrays === true;
};
