/**
 * The declarative description of a DEAL function: its parameters (kind, domain, default), the
 * fields it can return, and the pure evaluation behind them. The custom-function adapter, the
 * CLI and the templates' assumption forms all read these tables, so each rule lives in one place
 * (the HyperFormula plugin pattern).
 */
import type { Dec } from "./numeric";

/** A spilled result: rows of cells. */
export type Table = (string | number)[][];
export type FieldValue = number | string | Table;

/** The shape a parameter takes once the adapter has coerced it from Excel. */
export type ParamKind =
  /** one number */
  | "number"
  /** one number, or a single row or column of numbers */
  | "numberList"
  /** one text from a fixed list (case-insensitive) */
  | "choice"
  /** free text */
  | "text"
  /** a 2-D block of cells, kept as given (flows) */
  | "table";

/** Bounds on a number; every bound given must hold. */
export interface NumberRule {
  min?: number;
  greaterThan?: number;
  max?: number;
  lessThan?: number;
  /** a whole number (a period index) */
  integer?: boolean;
}

export interface ParamSpec {
  name: string;
  kind: ParamKind;
  rule?: NumberRule;
  optional?: boolean;
  /** What an omitted optional argument means. Absent: the argument stays undefined. */
  defaultValue?: number | string;
  choices?: readonly string[];
}

/** The value of one argument after coercion and validation. */
export type ArgValue = Dec | Dec[] | string | unknown[][] | undefined;
export type Args = Readonly<Record<string, ArgValue>>;

/** Each output of a function, computed only when asked for (a field may raise a DealError). */
export type Outputs = Readonly<Record<string, () => FieldValue>>;

export interface DealFunction {
  /** The id Excel stores in workbooks: never changes once released. */
  name: string;
  params: readonly ParamSpec[];
  /** The fields in the order `"all"` lists them. */
  fields: readonly string[];
  /** What a field means where its name alone could mislead (the reference prints it). */
  fieldHelp?: Readonly<Record<string, string>>;
  /** The output an omitted `output` argument returns (a key of `evaluate`'s result). */
  headline: string;
  evaluate(args: Args): Outputs;
}
