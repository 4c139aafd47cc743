/**
 * The sheet plan: a plain-data description of a workbook a template produces. No Office or
 * ExcelJS here: the .xlsx writer, the Office.js writer and a preview all read the same plan.
 *
 * Conventions every writer relies on:
 * - `rows[r][c]` is the cell at Excel row r + 1, column c + 1; null is an empty cell.
 * - A formula is Excel's own text as a user types it, **without the leading "="**, with
 *   function names as Excel shows them (NORM.S.DIST, not _xlfn.NORM.S.DIST): the Office.js writer
 *   prefixes "=", the .xlsx writer adds the file format's _xlfn. prefixes.
 * - Text (labels, text facts, citations) is always text: a writer must never let text that
 *   starts with = + - @ become a formula.
 * - A number's unit is in its number format (`$#,##0.0,,,"B"` shows 13e9 as $13.0B).
 * - An "addin" cell is a DEAL formula where no native formula can compute: live in Excel, its
 *   dated value in a file; a label with `live` words says which the reader has.
 * - A formula cell with `expected` is an output: the engine's value for the same inputs, which
 *   the LibreOffice oracle compares with the recalculated cell (no sheet shows it: a snapshot
 *   would go stale when an input changes).
 */

/** Where a sourced figure comes from: the document and its section, and what the source says it is. */
export interface Provenance {
  document: string;
  section: string;
  /** announced, reported, in talks, estimate, derived… as the library records it. */
  status: string;
  /** The date or era the figure describes ("2023-09", "2026"). */
  asOf?: string;
  /** "up to", "over", "roughly": kept visible beside the number. */
  qualifier?: string;
  /** The library fact this is: "amazon-anthropic-2023/initial_tranche". */
  fact?: string;
  /** How a derived figure was computed from others. */
  derivation?: string;
  /** The user source (file) a figure came from, when it is not built in. */
  origin?: string;
}

export type LabelRole =
  | "title"
  | "subtitle"
  | "section"
  | "header"
  | "text"
  | "note"
  /** the "Assumption" / status tag beside an input */
  | "tag"
  /** a missing fact the user must fill */
  | "warning";

export interface LabelCell {
  kind: "label";
  /** Structural numbers (periods, row indices) are labels too: they are not inputs. */
  text: string | number;
  role: LabelRole;
  format?: string;
  note?: string;
  /** Borrow another kind's look (the sheet's colour key). */
  look?: "input" | "assumption" | "missing" | "formula" | "link";
  /** Long text (a rationale, a citation) wrapped inside its column instead of spilling across. */
  wrap?: boolean;
  /** The words where DEAL formulas are live (inserted with the add-in), when they differ ("live" for "computed <date>"). */
  live?: string;
}

/** A figure from a source document: blue, with its citation in the note. */
export interface InputCell {
  kind: "input";
  /** What the figure is ("Spend commitment"), for source lists and forms. */
  label: string;
  value: number | string;
  format?: string;
  source: Provenance;
  note: string;
  /** Text kept inside its column (set by the builder where it would be cut or run past the page). */
  wrap?: boolean;
}

/** A value no document states: shaded and tagged, with its rationale in the note. */
export interface AssumptionCell {
  kind: "assumption";
  /** The key `--assume key=value` and the taskpane's form use. */
  key: string;
  label: string;
  /** null: a fact the deal lacks, to be filled; writers write =NA() so every dependant shows #N/A. */
  value: number | string | null;
  format?: string;
  rationale: string;
  missing: boolean;
  note: string;
  /** A switch: the only values the cell accepts, offered as a dropdown (a typo is refused, not read as a default). */
  validation?: ListValidation;
  /** Text kept inside its column (set by the builder where it would be cut or run past the page). */
  wrap?: boolean;
}

/** A data-validation list: the cell accepts only these texts. */
export interface ListValidation {
  list: readonly string[];
}

export interface FormulaCell {
  kind: "formula";
  /** Excel formula text without the leading "=". */
  formula: string;
  format?: string;
  /** True when the formula reads another sheet: green by convention. */
  link: boolean;
  /** The engine's value for this output (absent for intermediate calculations). */
  expected?: number;
  /** A headline figure: bold. */
  emphasis?: boolean;
  /** The text the formula shows, when its author knows it (a link to a text fact): it wraps like a label's. */
  shows?: string;
  /** Text kept inside its column (set by the builder where it would be cut or run past the page). */
  wrap?: boolean;
}

/**
 * A value no native formula computes (a maximum circulation): a live DEAL formula where the
 * add-in runs (the Office.js writer; prepare-for-sharing freezes it), its value where it may not
 * (the .xlsx writer: a reader without the add-in must never see #NAME?).
 */
export interface AddinCell {
  kind: "addin";
  /**
   * The DEAL formula, Excel's text without the leading "="; absent in a cell the formula above
   * fills with its spill (Excel computes it there; a file stores its value).
   */
  formula?: string;
  /** What the add-in computed when the plan was built: the value a file stores. */
  value: number;
  /** A native formula a file holds instead of `value` (its cached result is `value`'s case). */
  fileFormula?: string;
  format?: string;
  /** True when the formula reads another sheet: green by convention. */
  link: boolean;
}

export type PlanCell = LabelCell | InputCell | AssumptionCell | FormulaCell | AddinCell;

export interface HeaderFooterText {
  left?: string;
  center?: string;
  right?: string;
}

/** Text for a header or footer that prints as it is: a "{page}" in a deal title stays text. */
export const printLiteral = (text: string): string => text.replace(/\{/g, "{{");

export interface PrintSetup {
  /** A1 range of what prints, "A1:I40". */
  area: string;
  landscape: boolean;
  /** Pages wide (1); the height is free. */
  fitToWidth: number;
  /** Rows (1-based) a manual page break goes before: a section heading kept with its table, a chart block on a page of its own. */
  rowBreaks?: number[];
  /**
   * Plain text; the tokens {page}, {pages} and {sheet} become the page number, count and sheet
   * name, and {{ is a literal {. Text from a source goes through printLiteral.
   */
  header?: HeaderFooterText;
  footer?: HeaderFooterText;
}

/**
 * A native chart's kind. Each is standard OOXML that Excel, LibreOffice and Office.js all draw:
 * - "stacked-column": a waterfall or bridge (an invisible base series lifts each visible step;
 *   Office's own waterfall type is not standard OOXML and LibreOffice cannot draw it);
 * - "stacked-bar": a football field (invisible base = low end, visible = high − low) or a
 *   tornado (a downside and an upside series around zero);
 * - "line": values over categories (periods);
 * - "scatter": points joined by lines, numeric x (dates or years) against y: a timeline.
 */
export type ChartKind = "stacked-column" | "stacked-bar" | "line" | "scatter";

/** One series, bound to ranges of the chart's own sheet (so it moves when an input changes). */
export interface ChartSeries {
  /** The legend's words for it. */
  name: string;
  /** A1 range of the categories (a scatter's x values), one row or one column: "A5:A9". */
  categories: string;
  /** A1 range of the values, as many cells as the categories: "C5:C9". */
  values: string;
  /** RRGGBB, or "none" for the invisible base of a waterfall or a football field. */
  fill?: string | "none";
}

export interface PlannedChart {
  kind: ChartKind;
  title: string;
  /** Words under (column, line, scatter) or beside (bar) the category axis. */
  categoryAxisTitle?: string;
  valueAxisTitle?: string;
  /** The value axis's number format, saying its unit ('$#,##0.0,,,"B"'). */
  valueFormat?: string;
  series: ChartSeries[];
  /** Top-left cell and size in cells; the chart sits over those cells, inside the print area. */
  anchor: { cell: string; columns: number; rows: number };
}

/** A flow between two parties, for the capital-flow diagram. */
export interface DiagramFlow {
  from: string;
  to: string;
  /** Absent when the sources name the flow without a figure: drawn dashed, thinnest. */
  amount?: number;
  /** A flow of the deal the workbook is about: drawn in the accent colour. */
  highlight?: boolean;
}

/**
 * The capital-flow network as a picture (Excel has no network chart): parties numbered on a
 * circle, arrows as wide as the amount's square root. The party names are cells beside it (the
 * key), so they stay text a reader can search and copy.
 */
export interface PlannedDiagram {
  title: string;
  flows: DiagramFlow[];
  anchor: { cell: string; columns: number; rows: number };
}

export interface PlannedSheet {
  name: string;
  rows: (PlanCell | null)[][];
  /** Widths in characters, column A first. */
  columnWidths: number[];
  /** Rows and columns frozen at the top and left. */
  freeze: { rows: number; columns: number };
  print: PrintSetup;
  /** Native charts over this sheet's cells. */
  charts?: PlannedChart[];
  /** Pictures of the capital-flow network. */
  diagrams?: PlannedDiagram[];
}

export interface NamedRange {
  name: string;
  sheet: string;
  /** Absolute A1 address on that sheet: "$B$4" or "$B$4:$B$13". */
  address: string;
}

export interface SheetPlan {
  /** The template that built it (several, joined by "+", for a pack). */
  template: string;
  title: string;
  dealId: string;
  /** The date the figures are as of, ISO. */
  asOf: string;
  sheets: PlannedSheet[];
  names: NamedRange[];
  /** Facts the deal lacks that the plan shows as flagged assumptions to fill. */
  missing: string[];
}

/** Number formats that say their unit. */
export const FORMATS = {
  usdBillions: '$#,##0.0,,,"B"',
  usdMillions: '$#,##0.0,,"M"',
  usd: "$#,##0.00",
  percent: "0.0%",
  multiple: '0.00"x"',
  years: '0.0" yrs"',
  integer: "0",
  number: "#,##0.00",
  ratio: "0.0000",
  difference: "0.00E+00",
  date: "yyyy-mm-dd",
} as const;

/** An output the oracle checks: where it is and the engine's value for it. */
export interface Expectation {
  sheet: string;
  row: number;
  column: number;
  expected: number;
}

export function expectations(plan: SheetPlan): Expectation[] {
  const found: Expectation[] = [];
  for (const sheet of plan.sheets) {
    sheet.rows.forEach((cells, r) =>
      cells.forEach((cell, c) => {
        if (cell?.kind === "formula" && cell.expected !== undefined) {
          found.push({ sheet: sheet.name, row: r + 1, column: c + 1, expected: cell.expected });
        }
      })
    );
  }
  return found;
}
