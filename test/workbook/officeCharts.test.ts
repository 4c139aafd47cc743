/**
 * Charts through Office.js, against the Excel API recorder: added in the insert's own write
 * sync (still three syncs), each series bound to the declared ranges of the new sheet (even when
 * that sheet had to be renamed), the capital-flow picture placed over its cells, and rolled back with everything else when any operation fails.
 */
import { header, label, Span, WorkbookBuilder } from "../../src/templates/builder";
import { InsertError, insertPlan, WriterCapabilities } from "../../src/workbook/officeWriter";
import { decodePng } from "../pack/png";
import { CHART_SHEET, chartGalleryPlan, NETWORK_SHEET } from "../support/chartPlans";
import { ChartState, ExcelRecorder } from "../support/excelRecorder";

const NOTES: WriterCapabilities = {
  notes: "notes",
  spill: true,
  pageBreaks: true,
  legendEntries: true,
};

function workbook(): ExcelRecorder {
  const rec = new ExcelRecorder();
  rec.addSheet("Sheet1", { A1: { value: "Existing model" } });
  return rec;
}

/** What each chart must be, written out by hand from the fixture's declarations. */
function expectedCharts(sheet: string): Partial<ChartState>[] {
  const { declared } = chartGalleryPlan();
  const at = (range: string) => `${sheet}!${range}`;
  const bound = (title: string, fills: string[], names: string[]) =>
    declared[title].map((d, i) => ({
      name: names[i],
      values: at(d.values),
      xValues: at(d.categories),
      fill: fills[i],
    }));
  return [
    {
      type: "ColumnStacked",
      title: "Headline to risk-adjusted value",
      position: { start: "F1", end: "M14" },
      legend: { visible: false },
      series: bound("Headline to risk-adjusted value", ["none", "#1F4E79"], ["Base", "Step"]),
      valueAxisTitle: "US$ billions",
      valueFormat: '$#,##0.0,,,"B"',
    },
    {
      type: "BarStacked",
      title: "Valuation range by method",
      position: { start: "O1", end: "V14" },
      legend: { visible: false },
      series: bound("Valuation range by method", ["none", "#2E75B6"], ["Low", "Range"]),
      categoriesReversed: true,
      valueAxisCrossesAt: "Maximum",
    },
    {
      type: "XYScatterLines",
      title: "Funding over time",
      position: { start: "F16", end: "M29" },
      legend: { visible: false },
      series: [
        {
          name: "Funded",
          values: at(declared["Funding over time"][0].values),
          xValues: at(declared["Funding over time"][0].categories),
          line: { color: "#1F4E79" },
        },
      ],
      categoryAxisTitle: "Year",
    },
    {
      type: "BarStacked",
      title: "Sensitivity of value",
      position: { start: "O16", end: "V29" },
      legend: { visible: true, position: "Bottom" },
      series: bound("Sensitivity of value", ["#C55A11", "#548235"], ["Input down", "Input up"]),
      categoriesReversed: true,
      valueAxisCrossesAt: "Maximum",
    },
  ];
}

describe("charts through Office.js", () => {
  test("are added in the write sync, bound to the new sheet's ranges, three syncs in all", async () => {
    const rec = workbook();
    const result = await insertPlan(rec.context, chartGalleryPlan().plan, { capabilities: NOTES });
    expect(result.syncs).toBe(3);
    const charts = rec.sheetByName(CHART_SHEET)?.charts ?? [];
    expect(charts).toHaveLength(4);
    expectedCharts(CHART_SHEET).forEach((expected, i) => expect(charts[i]).toMatchObject(expected));
    // Only bars are turned to read top-down.
    expect(charts.map((c) => c.categoriesReversed ?? false)).toEqual([false, true, false, true]);
    // Every chart operation ran in the write sync.
    const chartOps = rec.log.filter((op) => /^Chart/.test(op.kind));
    expect(chartOps.length).toBeGreaterThan(20);
    expect(new Set(chartOps.map((op) => op.sync))).toEqual(new Set([2]));
  });

  test("the capital-flow picture is added as a PNG over its cells, in points", async () => {
    const rec = workbook();
    await insertPlan(rec.context, chartGalleryPlan().plan, { capabilities: NOTES });
    const [shape] = rec.sheetByName(NETWORK_SHEET)?.shapes ?? [];
    const png = decodePng(Buffer.from(shape.image, "base64"));
    // Columns A–C are 6, 24 and 4 characters: (7w + 5) px each, 0.75 pt a pixel; the picture
    // starts at row 3 (two 15 pt rows above) and is 7 default columns (64 px) by 18 rows (20 px).
    const left = (6 * 7 + 5 + (24 * 7 + 5) + (4 * 7 + 5)) * 0.75;
    expect(shape).toMatchObject({
      name: "Capital flows between the parties",
      altTextDescription: "Capital flows between the parties",
      lockAspectRatio: true,
      left,
      top: 30,
      width: 7 * 64 * 0.75,
      height: 18 * 20 * 0.75,
    });
    expect([png.width, png.height]).toEqual([7 * 64, 18 * 20]);
    const addImage = rec.log.filter((op) => op.kind === "ShapeCollection.addImage");
    expect(addImage.map((op) => op.sync)).toEqual([2]);
  });

  test("follow their sheet when it is renamed to avoid a clash", async () => {
    const rec = workbook();
    rec.addSheet(CHART_SHEET, { A1: { value: "someone else's" } });
    const result = await insertPlan(rec.context, chartGalleryPlan().plan, { capabilities: NOTES });
    const actual = result.sheets[0].actual;
    expect(actual).not.toBe(CHART_SHEET);
    expect(rec.sheetByName(CHART_SHEET)?.charts).toBeUndefined();
    const charts = rec.sheetByName(actual)?.charts ?? [];
    expectedCharts(actual).forEach((expected, i) => expect(charts[i]).toMatchObject(expected));
  });

  test("are rolled back with the insert when any chart or picture operation fails", async () => {
    const probe = workbook();
    await insertPlan(probe.context, chartGalleryPlan().plan, { capabilities: NOTES });
    const kinds = [
      ...new Set(probe.log.filter((op) => /^(Chart|Shape)/.test(op.kind)).map((op) => op.kind)),
    ];
    expect(kinds).toEqual(
      expect.arrayContaining([
        "ChartCollection.add",
        "ChartSeriesCollection.add",
        "ChartSeries.setValues",
        "ChartSeries.setXAxisValues",
        "ChartFill.setSolidColor",
        "ChartFill.clear",
        "Chart.setPosition",
        "ShapeCollection.addImage",
        "Shape.top",
      ])
    );
    for (const kind of kinds) {
      const count = probe.log.filter((op) => op.kind === kind).length;
      for (const nth of [1, 4].filter((n) => n <= count)) {
        const rec = workbook();
        const before = rec.snapshot();
        rec.failAtKind(kind, nth);
        const error = await insertPlan(rec.context, chartGalleryPlan().plan, {
          capabilities: NOTES,
        }).catch((e: unknown) => e);
        expect([kind, nth, error instanceof InsertError && error.rolledBack]).toEqual([
          kind,
          nth,
          true,
        ]);
        expect(rec.snapshot()).toEqual(before);
      }
    }
  });
});

describe("page breaks and a waterfall's invisible base, where the host has them", () => {
  /**
   * A bridge whose steps go up and down (so its legend tells two visible series apart) after a
   * table, each block on a page of its own: breaks before rows 5 and 12.
   */
  function bridgePlan() {
    const wb = new WorkbookBuilder({ template: "t", title: "Bridge", dealId: "d", asOf: "2026" });
    const sheet = wb.sheet("Bridge", [18, 12, 12, 12]);
    sheet.row(label("Bridge", "title"));
    sheet.row(header("Step"), header("Base"), header("Up"), header("Down"));
    const steps: [string, number, number, number][] = [
      ["Headline", 0, 10, 0],
      ["Discount", 7, 0, 3],
    ];
    const refs = steps.map((step) => sheet.row(...step.map((v) => label(v))));
    sheet.pageBreak();
    sheet.row(label("The bridge", "section"));
    const column = (c: number) => new Span(refs[0][c], refs[refs.length - 1][c]);
    sheet.chart({
      kind: "stacked-column",
      title: "Headline to value",
      series: [
        { name: "Base", categories: column(0), values: column(1), fill: "none" },
        { name: "Up", categories: column(0), values: column(2), fill: "548235" },
        { name: "Down", categories: column(0), values: column(3), fill: "C55A11" },
      ],
      anchor: { at: sheet.ref(6, 1), columns: 4, rows: 6 },
    });
    // The same columns with the invisible series second: its entry is the one hidden, not the first.
    sheet.chart({
      kind: "stacked-column",
      title: "Gap in the middle",
      series: [
        { name: "Up", categories: column(0), values: column(2), fill: "548235" },
        { name: "Gap", categories: column(0), values: column(1), fill: "none" },
        { name: "Down", categories: column(0), values: column(3), fill: "C55A11" },
      ],
      anchor: { at: sheet.ref(6, 5), columns: 4, rows: 6 },
    });
    sheet.blank(6);
    sheet.pageBreak();
    sheet.row(label("After the chart", "section"));
    return wb.build();
  }
  const OLD_HOST: WriterCapabilities = { ...NOTES, pageBreaks: false, legendEntries: false };

  test("the plan breaks before the chart block and after it (what the writer must follow)", () => {
    expect(bridgePlan().sheets[0].print.rowBreaks).toEqual([5, 12]);
  });

  test("breaks the pages before the planned rows and hides the invisible series' legend entry (its own index), in the write sync", async () => {
    const rec = workbook();
    const result = await insertPlan(rec.context, bridgePlan(), { capabilities: NOTES });
    expect(result.syncs).toBe(3);
    const sheet = rec.sheetByName("Bridge")!;
    expect(sheet.pageBreaks).toEqual([5, 12]);
    const [bridge, gap] = sheet.charts ?? [];
    expect(bridge.legend).toEqual({ visible: true, position: "Bottom", hiddenEntries: [0] });
    expect(gap.legend).toEqual({ visible: true, position: "Bottom", hiddenEntries: [1] });
    const ops = rec.log.filter((op) => /^(PageBreakCollection|ChartLegendEntry)/.test(op.kind));
    expect(ops.map((op) => [op.kind, op.sync])).toEqual([
      ["PageBreakCollection.add", 2],
      ["PageBreakCollection.add", 2],
      ["ChartLegendEntry.visible", 2],
      ["ChartLegendEntry.visible", 2],
    ]);
  });

  test("a host without them still inserts everything else, with neither call made", async () => {
    const rec = workbook();
    const result = await insertPlan(rec.context, bridgePlan(), { capabilities: OLD_HOST });
    expect(result.syncs).toBe(3);
    const sheet = rec.sheetByName("Bridge")!;
    expect(sheet.pageBreaks).toBeUndefined();
    for (const chart of sheet.charts ?? [])
      expect(chart.legend).toEqual({ visible: true, position: "Bottom" });
    expect(rec.log.some((op) => /^(PageBreakCollection|ChartLegendEntry)/.test(op.kind))).toBe(
      false
    );
  });

  test("a failure at any operation, these included, leaves the workbook as it was", async () => {
    const probe = workbook();
    await insertPlan(probe.context, bridgePlan(), { capabilities: NOTES });
    const operations = probe.log.length;
    for (let n = 1; n <= operations; n++) {
      const rec = workbook();
      const before = rec.snapshot();
      rec.failAtOperation(n);
      const error = await insertPlan(rec.context, bridgePlan(), { capabilities: NOTES }).catch(
        (e: unknown) => e
      );
      expect([n, error instanceof InsertError && error.rolledBack]).toEqual([n, true]);
      expect(rec.snapshot()).toEqual(before);
    }
  });
});
