/**
 * Native charts through Office.js, queued with the rest of a sheet's write (so they add no sync
 * and are rolled back with their sheet). Each series is bound to ranges of the new sheet with
 * setValues / setXAxisValues, so the chart follows its cells, as in the .xlsx file.
 *
 * Requirement sets: ExcelApi 1.7 (series.add, setValues, setXAxisValues, series fill),
 * 1.8 (axis number format); charts.add, titles, setPosition and the legend are 1.1.
 */
import { cellAddress } from "../templates/a1";
import { chartRect, checkChart, legendShown, seriesFills } from "../templates/charts";
import { ChartKind, PlannedChart } from "../templates/plan";
import { op, QueuedOp } from "./officeChunks";

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
  chart: PlannedChart
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
      const { categoryAxis, valueAxis } = added.axes;
      if (chart.categoryAxisTitle) categoryAxis.title.text = chart.categoryAxisTitle;
      if (chart.valueAxisTitle) valueAxis.title.text = chart.valueAxisTitle;
      if (chart.valueFormat) valueAxis.numberFormat = chart.valueFormat;
    },
    calls
  );
}
