/**
 * The blocks every template sheet is made of: the title and colour key, the inputs table with a
 * citation or rationale beside each value, output rows and sensitivity grids, so each convention
 * is written once.
 */
import {
  calc,
  CellSpec,
  Formula,
  fx,
  header,
  label,
  location,
  Ref,
  SheetBuilder,
  statusTag,
  WorkbookBuilder,
} from "./builder";
import { Datum, datumCell } from "./datum";
import { EngineResult, engineNumber } from "./engine";
import { LibraryDeal } from "../data/schema";
import { bandedInputRows, ScenarioBand, scenarioBand, scenarioSwitch } from "./scenario";

/** Rows 1–3: title, what the sheet is, and the colour key; frozen so they stay in view. */
export function titleBlock(
  wb: WorkbookBuilder,
  sheet: SheetBuilder,
  title: string,
  what: string
): void {
  sheet.row(label(title, "title"));
  sheet.row(label(`${what} · as of ${wb.meta.asOf}`, "subtitle"));
  sheet.row(
    label("Key:", "note"),
    { ...label("Sourced input", "note"), look: "input" },
    { ...label("Assumption", "note"), look: "assumption" },
    { ...label("Missing: fill in", "note"), look: "missing" },
    { ...label("Formula", "note"), look: "formula" },
    { ...label("Other sheet", "note"), look: "link" }
  );
  sheet.freeze(3);
  sheet.blank();
}

export function section(sheet: SheetBuilder, text: string): void {
  sheet.row(label(text, "section"));
}

/** What sits beside a value: the status tag, and the citation or rationale. */
function provenanceCells(datum: Datum): [CellSpec, CellSpec] {
  if (datum.kind === "fact")
    return [label(statusTag(datum.source), "tag"), label(location(datum.source))];
  if (datum.value === null)
    return [label("MISSING: fill in", "warning"), label(datum.rationale, "note")];
  return [label("Assumption", "tag"), label(datum.rationale, "note")];
}

export interface InputRow {
  datum: Datum;
  format?: string;
  /** A defined name for the value cell (key inputs). */
  name?: string;
  /** Low / Base / High values: the cell then follows the workbook's scenario switch. */
  band?: ScenarioBand;
}

export const INPUT_HEADER = ["Input", "Value", "Status", "Source / rationale"];

/** A header row and one row per input: label, value, status tag, citation or rationale. */
export function inputRows(
  wb: WorkbookBuilder,
  sheet: SheetBuilder,
  rows: readonly InputRow[]
): Ref[] {
  sheet.row(...INPUT_HEADER.map(header));
  return rows.map(({ datum, format, name, band }) => {
    const [, value] = band
      ? [null, bandedInputRows(wb, sheet, datum, band, provenanceCells(datum), format)]
      : sheet.row(label(datum.label), datumCell(datum, format), ...provenanceCells(datum));
    return name ? wb.define(name, value) : value;
  });
}

/** Places the workbook's scenario switch on `sheet` (or a link to it) when any row is banded. */
export function switchFor(wb: WorkbookBuilder, sheet: SheetBuilder, rows: readonly InputRow[]) {
  if (rows.some((row) => row.band)) scenarioSwitch(wb, sheet);
}

const factKey = (datum: Datum) => (datum.kind === "fact" ? datum.source.fact : undefined);

/**
 * A table's sourced figures whose words give a band: the switch and each figure as a banded
 * input row, above the table. `cells` gives what the table shows for a figure (value, status,
 * citation): a link to the value the switch picks, or the sourced input itself when unbanded;
 * `cases` its Low, Base and High values.
 */
export function switchedFigures(
  wb: WorkbookBuilder,
  sheet: SheetBuilder,
  figures: readonly Datum[],
  deals: readonly LibraryDeal[],
  format: string
): { cells(datum: Datum): CellSpec[]; cases(datum: Datum): [number, number, number] } {
  const unique = figures.filter(
    (d, i) => factKey(d) === undefined || figures.findIndex((e) => factKey(e) === factKey(d)) === i
  );
  // Each figure's Low / Base / High values where its words give a band (the library's rules).
  const banded = unique.flatMap((datum) => {
    const band = scenarioBand(datum, { deals });
    return band ? [{ datum, format, band }] : [];
  });
  const picked = new Map<string, { ref: Ref; band: ScenarioBand }>();
  if (banded.length > 0) {
    section(sheet, "Figures the scenario switch moves (the table below links to them)");
    switchFor(wb, sheet, banded);
    inputRows(wb, sheet, banded).forEach((ref, i) =>
      picked.set(factKey(banded[i].datum) as string, { ref, band: banded[i].band })
    );
    sheet.blank();
  }
  const find = (datum: Datum) => {
    const key = factKey(datum);
    return key === undefined ? undefined : picked.get(key);
  };
  return {
    cells(datum) {
      const found = find(datum);
      if (!found) return inputCells(datum, format);
      return [
        calc(fx`${found.ref}`, { format, expected: found.band.base }),
        ...provenanceCells(datum),
      ];
    },
    cases(datum) {
      const found = find(datum)?.band;
      const value = typeof datum.value === "number" ? datum.value : NaN;
      return found ? [found.low, found.base, found.high] : [value, value, value];
    },
  };
}

/** One input cell with its provenance beside it, from column `start`, in the next row. */
export function inputCells(datum: Datum, format?: string): CellSpec[] {
  return [datumCell(datum, format), ...provenanceCells(datum)];
}

export interface HeadlineBound {
  ref: Ref;
  expected?: number;
}

/** A template's key output, for the IC memo to link to. */
export interface Headline {
  label: string;
  ref: Ref;
  format: string;
  expected?: number;
  /** How the figure is computed, in words a committee reads beside it. */
  method: string;
  /** Its low and high ends where the sheet computes a band (a range stays a range). */
  range?: { low: HeadlineBound; high: HeadlineBound };
  /** A right's value to its holder: shown apart, never beside an obligation's cost. */
  right?: boolean;
}

export const headline = (
  row: { label: string; format: string; engine?: EngineResult; method?: string },
  ref: Ref,
  method = row.method ?? ""
): Headline => ({
  label: row.label,
  ref,
  format: row.format,
  expected: row.engine && engineNumber(row.engine),
  method,
});

export interface GridAxis {
  /** The base value the axis is centred on (an input cell), and what the axis is. */
  base: Ref;
  label: string;
  format: string;
  /** Step between points: a shaded assumption cell beside the grid. */
  step: Datum;
  /** Points either side of the base. */
  reach: number;
  /** Keeps axis points inside the parameter's domain: MIN/MAX bounds. */
  min?: number;
  max?: number;
  /** The base's value and the step's, to compute the engine's values at each point. */
  baseValue: number;
  stepValue: number;
}

export interface GridSpec {
  title: string;
  rows: GridAxis;
  columns: GridAxis;
  /** The native formula at one point, from the two axis cells. */
  cell(row: Ref, column: Ref): Formula;
  /** The engine's value at one point. */
  engine(row: number, column: number): EngineResult;
  format: string;
}

/** The value of base + k × step clamped to [min, max], as the axis formula computes it. */
function axisValue(axis: GridAxis, k: number): number {
  let value = axis.baseValue + k * axis.stepValue;
  if (axis.min !== undefined) value = Math.max(axis.min, value);
  if (axis.max !== undefined) value = Math.min(axis.max, value);
  return value;
}

function axisFormula(axis: GridAxis, step: Ref, k: number): Formula {
  let formula = k === 0 ? fx`${axis.base}` : fx`${axis.base}+${k}*${step}`;
  if (axis.min !== undefined) formula = fx`MAX(${axis.min},${formula})`;
  if (axis.max !== undefined) formula = fx`MIN(${axis.max},${formula})`;
  return formula;
}

/**
 * A sensitivity grid of native formulas: rows and columns are points either side of two inputs,
 * each point a formula of the input and a step (so the grid follows the inputs), each cell the
 * model's formula at that point, with the engine's value recorded for the oracle.
 */
/** A placed grid: the cell at `k` steps from the base on each axis (0, 0 is the base case). */
export type GridCells = (rowSteps: number, columnSteps: number) => Ref;

export function sensitivityGrid(sheet: SheetBuilder, spec: GridSpec): GridCells {
  const { rows, columns } = spec;
  section(sheet, spec.title);
  const [, rowStep] = sheet.row(
    label(`${rows.label}: step`),
    ...inputCells(rows.step, rows.format)
  );
  const [, columnStep] = sheet.row(
    label(`${columns.label}: step`),
    ...inputCells(columns.step, columns.format)
  );
  const ks = (axis: GridAxis) =>
    Array.from({ length: 2 * axis.reach + 1 }, (_, i) => i - axis.reach);
  sheet.row(
    label(`${rows.label} ↓ · ${columns.label} →`, "header"),
    ...ks(columns).map((k) => calc(axisFormula(columns, columnStep, k), { format: columns.format }))
  );
  const columnRefs = ks(columns).map((_, i) => sheet.ref(sheet.nextRow - 1, 2 + i));
  const top = sheet.nextRow;
  for (const kr of ks(rows)) {
    const rowRef = sheet.ahead(1);
    const rowValue = axisValue(rows, kr);
    sheet.row(
      calc(axisFormula(rows, rowStep, kr), { format: rows.format }),
      ...ks(columns).map((kc, i) =>
        calc(spec.cell(rowRef, columnRefs[i]), {
          format: spec.format,
          expected: engineNumber(spec.engine(rowValue, axisValue(columns, kc))),
          emphasis: kr === 0 && kc === 0,
        })
      )
    );
  }
  return (kr, kc) => sheet.ref(top + rows.reach + kr, 2 + columns.reach + kc);
}

/** An output computed by a native formula; the engine's value is recorded for the oracle only. */
export interface OutputRow {
  label: string;
  formula: Formula;
  /** The engine's result for the same inputs, when the engine computes this output. */
  engine?: EngineResult;
  format: string;
  emphasis?: boolean;
  /** How the figure is computed, in words, shown beside it. */
  method?: string;
}

/** Outputs as native formulas with their method beside them (no engine snapshot in the sheet). */
export function outputRows(sheet: SheetBuilder, rows: readonly OutputRow[]): Ref[] {
  return rows.map(({ label: text, formula, engine, format, emphasis, method }) => {
    const [, native] = sheet.row(
      label(text),
      calc(formula, { format, expected: engine && engineNumber(engine), emphasis }),
      method ? label(method, "note") : null
    );
    return native;
  });
}
