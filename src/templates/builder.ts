/**
 * Builds sheet plans row by row. Cells are placed in order and each placement returns references
 * to where the cells landed, so formulas are written from those references (or from defined
 * names) and never from hand-typed addresses that could drift when a row moves.
 *
 *   const [, investment] = sheet.row(label("Investment"), datumCell(deal.investment, FORMATS.usdBillions));
 *   sheet.row(label("Round trip"), calc(fx`MIN(${investment},${spend})`));
 */
import { documentCitation } from "../data/documents";
import { derivationWords, statusWords } from "../data/labels";
import {
  cellAddress,
  isValidDefinedName,
  isValidSheetName,
  parseRange,
  rangeAddress,
  sheetPrefix,
} from "./a1";
import { chartRect, ChartSpec, growArea, planChart } from "./charts";
import { partiesOf } from "./networkSvg";
import {
  headerWordWidths,
  headingBreaks,
  pagesWide,
  printedWidth,
  wrapOverflowingText,
} from "./printFit";
import {
  AddinCell,
  AssumptionCell,
  FormulaCell,
  InputCell,
  LabelCell,
  LabelRole,
  NamedRange,
  DiagramFlow,
  PlanCell,
  PlannedChart,
  PlannedDiagram,
  PlannedSheet,
  printLiteral,
  Provenance,
  SheetPlan,
} from "./plan";

/** A cell in a plan, by sheet and position; a defined name renders as that name. */
export class Ref {
  constructor(
    readonly sheet: string,
    readonly row: number,
    readonly column: number,
    readonly name?: string
  ) {}

  get address(): string {
    return cellAddress(this.row, this.column);
  }

  /** The cell `rows` down and `columns` across (never named). */
  offset(rows: number, columns: number): Ref {
    return new Ref(this.sheet, this.row + rows, this.column + columns);
  }
}

/** A rectangle of cells on one sheet, from one corner to the other. */
export class Span {
  constructor(
    readonly start: Ref,
    readonly end: Ref,
    readonly name?: string
  ) {
    if (start.sheet !== end.sheet)
      throw new Error(`a span cannot cross sheets (${start.sheet}, ${end.sheet})`);
  }

  get sheet(): string {
    return this.start.sheet;
  }

  get address(): string {
    return rangeAddress(this.start.row, this.start.column, this.end.row, this.end.column);
  }
}

type Part = { text: string } | Ref | Span | Formula;

/** Formula text whose references are rendered once the sheet it sits on is known. */
export class Formula {
  constructor(readonly parts: readonly Part[]) {}

  /** The text as it reads on `host`, and whether it reads any other sheet. */
  render(host: string): { text: string; link: boolean } {
    let link = false;
    const text = this.parts
      .map((part) => {
        if (part instanceof Formula) {
          const inner = part.render(host);
          link ||= inner.link;
          return inner.text;
        }
        if (part instanceof Ref || part instanceof Span) {
          link ||= part.sheet !== host;
          if (part.name) return part.name;
          return part.sheet === host ? part.address : sheetPrefix(part.sheet) + part.address;
        }
        return part.text;
      })
      .join("");
    return { text, link };
  }
}

/** A number as formula text: finite only, in Excel's exponent form. */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} cannot be written into a formula`);
  const text = String(value).toUpperCase();
  return value < 0 ? `(${text})` : text;
}

/** A string as a formula literal, quotes doubled: never formula text. */
export const stringLiteral = (value: string): string => `"${value.replace(/"/g, '""')}"`;

/**
 * The formula template tag: literal parts are formula text written by the template's author;
 * interpolated references render as addresses or names, numbers as literals, strings as quoted
 * string literals (so a value can never inject formula text), formulas inline.
 */
export function fx(
  strings: TemplateStringsArray,
  ...values: (Ref | Span | Formula | number | string)[]
): Formula {
  const parts: Part[] = [];
  strings.forEach((text, i) => {
    if (text) parts.push({ text });
    if (i >= values.length) return;
    const value = values[i];
    if (typeof value === "number") parts.push({ text: numberLiteral(value) });
    else if (typeof value === "string") parts.push({ text: stringLiteral(value) });
    else parts.push(value);
  });
  return new Formula(parts);
}

/** Formula text taken as it is: only for text the caller has checked (operators, parentheses). */
export const rawFormula = (text: string): Formula => new Formula([{ text }]);

/** f(a, b, c) → "a,b,c" as one formula: for argument lists built in code. */
export function joinFormulas(items: readonly (Ref | Span | Formula)[], separator = ","): Formula {
  const parts: Part[] = [];
  items.forEach((item, i) => {
    if (i > 0) parts.push({ text: separator });
    parts.push(item);
  });
  return new Formula(parts);
}

/** A formula cell before its references are rendered. */
export interface PendingFormula {
  kind: "pending-formula";
  formula: Formula;
  format?: string;
  expected?: number;
  emphasis?: boolean;
  shows?: string;
}

/** An add-in cell before its references are rendered (see liveCalc and spilled). */
export interface PendingAddin {
  kind: "pending-addin";
  /** The live DEAL formula; absent where the formula above fills the cell with its spill. */
  live?: Formula;
  /** The native formula a file holds instead of the value (e.g. a scenario's pick of values). */
  file?: Formula;
  value: number;
  format?: string;
}

export type CellSpec = PlanCell | PendingFormula | PendingAddin | null;

export const label = (
  text: string | number,
  role: LabelRole = "text",
  format?: string
): LabelCell => ({
  kind: "label",
  text,
  role,
  ...(format ? { format } : {}),
});

export const header = (text: string): LabelCell => label(text, "header");

/** Long text kept inside its column, on as many lines as it needs. */
export const wrapped = (text: string, role: LabelRole = "text"): LabelCell => ({
  ...label(text, role),
  wrap: true,
});

export function calc(
  formula: Formula,
  options: { format?: string; expected?: number; emphasis?: boolean; shows?: string } = {}
): PendingFormula {
  return { kind: "pending-formula", formula, ...options };
}

/**
 * A DEAL formula where no native formula can compute the value: live where the add-in inserts
 * it, `value` (what the engine gives now) in a .xlsx file.
 */
export function liveCalc(
  formula: Formula,
  value: number,
  options: { format?: string; file?: Formula } = {}
): PendingAddin {
  return { ...spilled(value, options), live: formula };
}

/** A cell a live formula above fills with its spill: left to the spill in Excel, `value` in a file. */
export function spilled(
  value: number,
  options: { format?: string; file?: Formula } = {}
): PendingAddin {
  // A file stores this value in place of the formula: it must be a number a cell can hold.
  if (!Number.isFinite(value)) throw new RangeError(`a DEAL formula's value is ${value}`);
  const { format, file } = options;
  return {
    kind: "pending-addin",
    value,
    ...(format ? { format } : {}),
    ...(file ? { file } : {}),
  };
}

/**
 * Where a figure sits, as a reader cites it: “The Deal That Redefines AI Competition”, investor
 * analysis, late 2023 — Valuation. The date appears once: "as of" only when it differs from the
 * document's era.
 */
export function location(source: Provenance): string {
  const parts = [`${documentLine(source)} — ${source.section}`];
  if (source.derivation) parts.push(`derived: ${derivationWords(source.derivation)}`);
  return parts.join(" · ");
}

/** The document a figure comes from, with its date once ("as of" only where it differs from the era). */
export function documentLine(source: Provenance): string {
  const document = source.origin
    ? `your source ${source.origin}: ${source.document}`
    : documentCitation(source.document);
  return source.asOf && !document.endsWith(source.asOf)
    ? `${document} · as of ${source.asOf}`
    : document;
}

/** What the source says the figure is: "reported · roughly" ("in talks to raise", not "in talks · in talks to raise"). */
export function statusTag(source: Pick<Provenance, "status" | "qualifier">): string {
  const status = statusWords(source.status);
  const { qualifier } = source;
  if (qualifier?.toLowerCase().startsWith(status)) return qualifier;
  return [status, qualifier].filter(Boolean).join(" · ");
}

/** The whole citation: location, status and qualifier. */
export const citation = (source: Provenance): string =>
  `${location(source)} · ${statusTag(source)}`;

export function inputCell(
  label: string,
  value: number | string,
  source: Provenance,
  format?: string
): InputCell {
  const note = `Source: ${citation(source)}`;
  return { kind: "input", label, value, source, note, ...(format ? { format } : {}) };
}

export function assumptionCell(
  key: string,
  label: string,
  value: number | string | null,
  rationale: string,
  format?: string,
  choices?: readonly string[]
): AssumptionCell {
  const missing = value === null;
  const note = missing
    ? `Missing fact (${key}): ${rationale} Type the value into this cell; until then the cells that use it show #N/A.`
    : `Assumption (${key}): ${rationale}`;
  return {
    kind: "assumption",
    key,
    label,
    value,
    rationale,
    missing,
    note,
    ...(format ? { format } : {}),
    ...(choices ? { validation: { list: choices } } : {}),
  };
}

/** Builds one sheet of a plan. */
export class SheetBuilder {
  private readonly rows: (PlanCell | null)[][] = [];
  private frozen = { rows: 0, columns: 0 };
  private readonly charts: PlannedChart[] = [];
  private readonly diagrams: PlannedDiagram[] = [];
  private readonly breaks: number[] = [];

  constructor(
    readonly name: string,
    private readonly columnWidths: number[],
    private readonly onPlace: (ref: Ref, cell: PlanCell) => void
  ) {}

  /** The Excel row the next `row()` call fills. */
  get nextRow(): number {
    return this.rows.length + 1;
  }

  /** A reference into the next row before it is placed (for a formula that reads its own row). */
  ahead(column: number): Ref {
    return new Ref(this.name, this.nextRow, column);
  }

  ref(row: number, column: number): Ref {
    return new Ref(this.name, row, column);
  }

  /** Places cells from column `start` (A = 1) in the next row; returns a reference per cell. */
  rowFrom(start: number, ...cells: CellSpec[]): Ref[] {
    const row = this.nextRow;
    const placed: (PlanCell | null)[] = new Array(start - 1).fill(null);
    const refs = cells.map((spec, i) => {
      const ref = new Ref(this.name, row, start + i);
      const cell =
        spec?.kind === "pending-formula"
          ? this.render(spec)
          : spec?.kind === "pending-addin"
            ? this.renderAddin(spec)
            : spec;
      placed.push(cell);
      if (cell) this.onPlace(ref, cell);
      return ref;
    });
    this.rows.push(placed);
    return refs;
  }

  row(...cells: CellSpec[]): Ref[] {
    return this.rowFrom(1, ...cells);
  }

  blank(count = 1): void {
    for (let i = 0; i < count; i++) this.rows.push([]);
  }

  freeze(rows: number, columns = 0): void {
    this.frozen = { rows, columns };
  }

  /** What follows starts a new printed page. */
  pageBreak(): void {
    if (this.nextRow > 1) this.breaks.push(this.nextRow - 1);
  }

  /** A native chart over cells of this sheet (see charts.ts); the print area grows to hold it. */
  chart(spec: ChartSpec): PlannedChart {
    const chart = planChart(this.name, spec);
    this.charts.push(chart);
    return chart;
  }

  /**
   * The capital-flow network as a picture from the next row: its key (number, party) in columns
   * A and B, the picture from column `column` over `columns` × `rows` cells. Rows below the
   * picture are left free, so what follows starts under it.
   */
  diagram(
    title: string,
    flows: readonly DiagramFlow[],
    size: { column?: number; columns?: number; rows?: number } = {}
  ): PlannedDiagram {
    const { column = 4, columns = 7, rows = 18 } = size;
    const top = this.nextRow;
    this.row(header("No."), header("Party"));
    partiesOf(flows).forEach((party, i) => this.row(label(i + 1), label(party)));
    const diagram: PlannedDiagram = {
      title,
      flows: flows.map((f) => ({ ...f })),
      anchor: { cell: cellAddress(top, column), columns, rows },
    };
    this.diagrams.push(diagram);
    this.blank(Math.max(0, top + rows - this.nextRow));
    return diagram;
  }

  private renderAddin(pending: PendingAddin): AddinCell {
    const live = pending.live?.render(this.name);
    const file = pending.file?.render(this.name);
    const cell: AddinCell = { kind: "addin", value: pending.value, link: !!live?.link };
    if (live) cell.formula = live.text;
    if (file) cell.fileFormula = file.text;
    if (pending.format) cell.format = pending.format;
    return cell;
  }

  private render(pending: PendingFormula): FormulaCell {
    const { text, link } = pending.formula.render(this.name);
    const cell: FormulaCell = { kind: "formula", formula: text, link };
    if (pending.format) cell.format = pending.format;
    if (pending.expected !== undefined && Number.isFinite(pending.expected))
      cell.expected = pending.expected;
    if (pending.emphasis) cell.emphasis = true;
    if (pending.shows !== undefined) cell.shows = pending.shows;
    return cell;
  }

  /** The sheet as planned; it prints as many pages wide as keep its text readable (printFit.ts). */
  build(print: Omit<PlannedSheet["print"], "area" | "fitToWidth">): PlannedSheet {
    const width = Math.max(this.columnWidths.length, ...this.rows.map((r) => r.length));
    const rows = this.rows.map((r) => [...r, ...new Array(width - r.length).fill(null)]);
    const planned = [...this.columnWidths, ...new Array(width - this.columnWidths.length).fill(12)];
    const area = [...this.charts, ...this.diagrams]
      .map(chartRect)
      .reduce(growArea, rangeAddress(1, 1, Math.max(rows.length, 1), Math.max(width, 1)));
    const columns = parseRange(area).right;
    // Headers break between words where that keeps the sheet as many pages wide (and as large).
    const widened = headerWordWidths(rows, planned);
    const fitToWidth = pagesWide(printedWidth(planned, columns));
    const columnWidths =
      pagesWide(printedWidth(widened, columns)) === fitToWidth ? widened : planned;
    // Text that would be cut or run past its printed page wraps in its column instead.
    const fitted = wrapOverflowingText(rows, columnWidths, columns, fitToWidth);
    // A chart block starts a page (this.breaks: after the row before it); a heading keeps its table.
    const rowBreaks = [
      ...new Set([
        ...headingBreaks(fitted, columnWidths, columns, fitToWidth),
        ...this.breaks.map((row) => row + 1),
      ]),
    ].sort((a, b) => a - b);
    return {
      name: this.name,
      rows: fitted,
      columnWidths,
      freeze: this.frozen,
      print: { ...print, area, fitToWidth, ...(rowBreaks.length > 0 ? { rowBreaks } : {}) },
      ...(this.charts.length > 0 ? { charts: [...this.charts] } : {}),
      ...(this.diagrams.length > 0 ? { diagrams: [...this.diagrams] } : {}),
    };
  }
}

/** A sourced input or assumption placed in a plan (for a sources list). */
export interface PlacedDatum {
  ref: Ref;
  cell: InputCell | AssumptionCell;
}

export interface PlanMeta {
  template: string;
  title: string;
  dealId: string;
  asOf: string;
}

/** Builds a whole plan: sheets, defined names, and the record of every input it placed. */
export class WorkbookBuilder {
  private readonly sheets: SheetBuilder[] = [];
  private readonly names: NamedRange[] = [];
  private readonly missing = new Set<string>();
  readonly placed: PlacedDatum[] = [];

  constructor(readonly meta: PlanMeta) {}

  sheet(name: string, columnWidths: number[]): SheetBuilder {
    if (!isValidSheetName(name)) throw new Error(`"${name}" is not a valid sheet name`);
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`sheet "${name}" is already in the plan`);
    }
    const sheet = new SheetBuilder(name, columnWidths, (ref, cell) => this.record(ref, cell));
    this.sheets.push(sheet);
    return sheet;
  }

  /** Names a placed cell or span; formulas that use the returned reference read the name. */
  define(name: string, target: Ref): Ref;
  define(name: string, target: Span): Span;
  define(name: string, target: Ref | Span): Ref | Span {
    if (!isValidDefinedName(name)) throw new Error(`"${name}" is not a valid defined name`);
    if (this.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`defined name "${name}" is already in the plan`);
    }
    const address =
      target instanceof Span
        ? rangeAddress(
            target.start.row,
            target.start.column,
            target.end.row,
            target.end.column,
            true
          )
        : cellAddress(target.row, target.column, true);
    this.names.push({ name, sheet: target.sheet, address });
    return target instanceof Span
      ? new Span(target.start, target.end, name)
      : new Ref(target.sheet, target.row, target.column, name);
  }

  private record(ref: Ref, cell: PlanCell): void {
    if (cell.kind !== "input" && cell.kind !== "assumption") return;
    if (cell.kind === "assumption" && cell.missing) this.missing.add(cell.key);
    this.placed.push({ ref, cell });
  }

  build(): SheetPlan {
    const { template, title, dealId, asOf } = this.meta;
    const footer = {
      left: printLiteral(title),
      center: `As of ${printLiteral(asOf)}`,
      right: "Page {page} of {pages}",
    };
    return {
      template,
      title,
      dealId,
      asOf,
      sheets: this.sheets.map((s) =>
        s.build({
          landscape: true,
          header: { left: "{sheet}", right: "Prepared with DealLoop" },
          footer,
        })
      ),
      names: [...this.names],
      missing: [...this.missing],
    };
  }
}
