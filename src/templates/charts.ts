/**
 * Native charts declared next to the cells they draw. A template passes the spans it placed
 * (never typed addresses), and `planChart` checks what every writer relies on: each series is
 * on the chart's own sheet, its categories and values are one row or one column of the same
 * length, and the anchor is a real rectangle of cells.
 *
 *   const [steps] = …; sheet.chart({ kind: "stacked-column", title: "Headline to risk-adjusted",
 *     series: [{ name: "Base", categories: steps, values: base, fill: "none" }, …],
 *     anchor: { at: sheet.ref(3, 6), columns: 7, rows: 16 } });
 */
import { cellAddress, parseCellAddress, parseRange, rangeAddress, Rect } from "./a1";
import type { Ref, Span } from "./builder";
import { ChartKind, PlannedChart, PlannedSheet } from "./plan";

export interface ChartSeriesSpec {
  name: string;
  categories: Span;
  values: Span;
  fill?: string | "none";
}

export interface ChartSpec {
  kind: ChartKind;
  title: string;
  categoryAxisTitle?: string;
  valueAxisTitle?: string;
  valueFormat?: string;
  series: ChartSeriesSpec[];
  anchor: { at: Ref; columns: number; rows: number };
}

/** The cells of a one-row or one-column range, in order (undefined for a block). */
export function rangeCells(address: string): string[] | undefined {
  const r = parseRange(address);
  if (r.top !== r.bottom && r.left !== r.right) return undefined;
  const cells: string[] = [];
  for (let row = r.top; row <= r.bottom; row++)
    for (let column = r.left; column <= r.right; column++) cells.push(cellAddress(row, column));
  return cells;
}

const COLOUR = /^[0-9A-Fa-f]{6}$/;

/** The rectangle a chart (or a diagram) covers, anchor cell first. */
export function chartRect(chart: Pick<PlannedChart, "anchor">): Rect {
  const { row, column } = parseCellAddress(chart.anchor.cell);
  return {
    top: row,
    left: column,
    bottom: row + chart.anchor.rows - 1,
    right: column + chart.anchor.columns - 1,
  };
}

/** Series colours when the plan names none: dark blue, mid blue, orange, green, olive, purple. */
export const CHART_PALETTE = ["1F4E79", "2E75B6", "C55A11", "548235", "7F6000", "7030A0"];

/** Each series' colour (RRGGBB) or "none"; the palette skips invisible series. */
export function seriesFills(chart: PlannedChart): string[] {
  let next = 0;
  return chart.series.map((s) => s.fill ?? CHART_PALETTE[next++ % CHART_PALETTE.length]);
}

/** A legend only when it tells series apart: two or more visible ones (an invisible base has none). */
export const legendShown = (chart: PlannedChart): boolean =>
  chart.series.filter((s) => s.fill !== "none").length >= 2;

/** Throws a message naming the chart when a writer could not bind it as declared. */
export function checkChart(sheet: string, chart: PlannedChart): void {
  const problem = (text: string) => new Error(`chart "${chart.title}" on ${sheet}: ${text}`);
  const { columns, rows } = chart.anchor;
  if (![columns, rows].every((n) => Number.isInteger(n) && n >= 2 && n <= 200))
    throw problem(`its size (${columns} × ${rows} cells) must be whole cells, 2 to 200 each way`);
  chartRect(chart);
  if (chart.series.length === 0) throw problem("it has no series");
  for (const series of chart.series) {
    const categories = rangeCells(series.categories);
    const values = rangeCells(series.values);
    if (!categories || !values)
      throw problem(`series "${series.name}" must be one row or one column`);
    if (categories.length !== values.length)
      throw problem(
        `series "${series.name}" has ${categories.length} categories and ${values.length} values`
      );
    if (series.fill && series.fill !== "none" && !COLOUR.test(series.fill))
      throw problem(`series "${series.name}" has fill "${series.fill}", not RRGGBB or "none"`);
  }
}

/** A chart of the sheet `host` from spans placed on it. */
export function planChart(host: string, spec: ChartSpec): PlannedChart {
  const local = (span: Span | Ref, what: string): string => {
    if (span.sheet !== host)
      throw new Error(`chart "${spec.title}": ${what} is on ${span.sheet}, not on ${host}`);
    return span.address;
  };
  const chart: PlannedChart = {
    kind: spec.kind,
    title: spec.title,
    ...(spec.categoryAxisTitle ? { categoryAxisTitle: spec.categoryAxisTitle } : {}),
    ...(spec.valueAxisTitle ? { valueAxisTitle: spec.valueAxisTitle } : {}),
    ...(spec.valueFormat ? { valueFormat: spec.valueFormat } : {}),
    series: spec.series.map((s) => ({
      name: s.name,
      categories: local(s.categories, `the categories of "${s.name}"`),
      values: local(s.values, `the values of "${s.name}"`),
      ...(s.fill ? { fill: s.fill } : {}),
    })),
    anchor: {
      cell: local(spec.anchor.at, "the anchor"),
      columns: spec.anchor.columns,
      rows: spec.anchor.rows,
    },
  };
  checkChart(host, chart);
  return chart;
}

/** A print area grown to hold `rect` (the area always starts at A1, as the builder makes it). */
export function growArea(area: string, rect: Rect): string {
  const current = parseRange(area);
  return rangeAddress(
    1,
    1,
    Math.max(current.bottom, rect.bottom),
    Math.max(current.right, rect.right)
  );
}

/**
 * A built sheet with one more chart, its print area grown to hold it: for attaching a chart to
 * a template's sheet after the template has built it.
 */
export function attachChart(sheet: PlannedSheet, chart: PlannedChart): PlannedSheet {
  checkChart(sheet.name, chart);
  return {
    ...sheet,
    charts: [...(sheet.charts ?? []), chart],
    print: { ...sheet.print, area: growArea(sheet.print.area, chartRect(chart)) },
  };
}
