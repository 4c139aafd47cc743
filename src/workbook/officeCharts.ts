/**
 * Native charts (and the capital-flow picture) through Office.js, queued with the rest of a sheet's write (so they add no sync
 * and are rolled back with their sheet). Each series is bound to ranges of the new sheet with
 * setValues / setXAxisValues, so the chart follows its cells, as in the .xlsx file.
 *
 * Requirement sets: ExcelApi 1.7 (series.add, setValues, setXAxisValues, series fill, reversed
 * categories, legend entries), 1.8 (axis number format and position); charts.add, titles,
 * setPosition and the legend are 1.1.
 */
import { cellAddress } from "../templates/a1";
import { chartRect, checkChart, legendShown, seriesFills } from "../templates/charts";
import { ChartKind, PlannedChart, PlannedDiagram, PlannedSheet } from "../templates/plan";
import { networkPng } from "./networkImage";
import { op, QueuedOp } from "./officeChunks";
import { DEFAULT_COLUMN_PIXELS, diagramPixels } from "./xlsxCharts";

/** Office.js chart type names (the string values of Excel.ChartType). */
export const OFFICE_CHART_TYPE = {
  "stacked-column": "ColumnStacked",
  "stacked-bar": "BarStacked",
  line: "Line",
  scatter: "XYScatterLines",
} as const satisfies Record<ChartKind, `${Excel.ChartType}`>;

/** The operation that adds one chart to the sheet `handle()` gives (named `actual` in labels). */
export function chartOp(
  actual: string,
  handle: () => Excel.Worksheet,
  chart: PlannedChart,
  /** The host sets ChartLegendEntry.visible (ExcelApi 1.7): an invisible series gets no legend entry. */
  hideLegendEntries: boolean
): QueuedOp {
  checkChart(actual, chart);
  const fills = seriesFills(chart);
  const rect = chartRect(chart);
  // getRange, add, title, position, legend, then per series about six calls, axes three.
  const calls = 5 + 6 * chart.series.length + 3;
  return op(
    `add the chart "${chart.title}" to ${actual}`,
    chart,
    () => {
      const sheet = handle();
      const added = sheet.charts.add(
        OFFICE_CHART_TYPE[chart.kind] as Excel.ChartType,
        sheet.getRange(chart.series[0].values),
        "Auto"
      );
      added.title.text = chart.title;
      added.setPosition(cellAddress(rect.top, rect.left), cellAddress(rect.bottom, rect.right));
      added.legend.visible = legendShown(chart);
      if (legendShown(chart)) added.legend.position = "Bottom";
      chart.series.forEach((planned, i) => {
        const series = i === 0 ? added.series.getItemAt(0) : added.series.add(planned.name);
        series.name = planned.name;
        series.setValues(sheet.getRange(planned.values));
        series.setXAxisValues(sheet.getRange(planned.categories));
        const line = chart.kind === "line" || chart.kind === "scatter";
        if (line && fills[i] === "none") series.format.line.lineStyle = "None";
        else if (line) series.format.line.color = `#${fills[i]}`;
        else if (fills[i] === "none") series.format.fill.clear();
        else series.format.fill.setSolidColor(`#${fills[i]}`);
      });
      // As the .xlsx writer does: an invisible base has no legend entry. Entries follow the
      // series' order, so this comes once every series exists.
      if (legendShown(chart) && hideLegendEntries)
        fills.forEach((fill, i) => {
          if (fill === "none") added.legend.legendEntries.getItemAt(i).visible = false;
        });
      const { categoryAxis, valueAxis } = added.axes;
      if (chart.kind === "stacked-bar") {
        // Bars read top to bottom in the sheet's order, the value axis staying at the bottom.
        categoryAxis.reversePlotOrder = true;
        categoryAxis.position = "Maximum";
      }
      if (chart.categoryAxisTitle) categoryAxis.title.text = chart.categoryAxisTitle;
      if (chart.valueAxisTitle) valueAxis.title.text = chart.valueAxisTitle;
      if (chart.valueFormat) valueAxis.numberFormat = chart.valueFormat;
    },
    calls
  );
}

/** Bytes as Base64 (Office.js takes a picture as a Base64 string). */
export function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The operation that adds the capital-flow picture (the .xlsx writer's PNG) over its cells.
 * Office.js places a shape in points: column widths as the writer sets them, default 15 pt rows.
 * Requirement set: ExcelApi 1.9 (shapes).
 */
export function diagramOp(
  actual: string,
  handle: () => Excel.Worksheet,
  sheet: PlannedSheet,
  diagram: PlannedDiagram,
  /** A column width in characters → points, as the writer sets it. */
  widthInPoints: (characters: number) => number
): QueuedOp {
  const { width, height } = diagramPixels(sheet, diagram);
  const image = base64(networkPng(diagram.flows, width, height));
  const { top, left } = chartRect(diagram);
  let x = 0;
  for (let c = 0; c < left - 1; c++)
    x +=
      sheet.columnWidths[c] === undefined
        ? DEFAULT_COLUMN_PIXELS * 0.75
        : widthInPoints(sheet.columnWidths[c]);
  const placement = { left: x, top: (top - 1) * 15, width: width * 0.75, height: height * 0.75 };
  return op(
    `add the picture "${diagram.title}" to ${actual}`,
    [image, placement],
    () => {
      const shape = handle().shapes.addImage(image);
      shape.name = diagram.title.slice(0, 255);
      shape.altTextDescription = diagram.title;
      shape.lockAspectRatio = true;
      shape.left = placement.left;
      shape.top = placement.top;
      shape.width = placement.width;
      shape.height = placement.height;
    },
    8
  );
}
