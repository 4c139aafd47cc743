/**
 * A synthetic plan with one chart of each use the templates need: a bridge (stacked columns over
 * an invisible base), a football field (stacked bars over an invisible base), a tranche timeline
 * (scatter) and a tornado (stacked bars around zero). Every plotted number is a native formula
 * of the sheet's inputs, so the charts follow them. A second sheet holds the capital-flow diagram. `CHART_VALUES` holds the numbers each series
 * plots, worked out by hand from the inputs below, for tests that read the rendered charts.
 */
import {
  assumptionCell,
  calc,
  CellSpec,
  Formula,
  fx,
  header,
  label,
  Ref,
  Span,
  WorkbookBuilder,
} from "../../src/templates/builder";
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { findTemplate } from "../../src/templates";
import { cellAddress, rangeAddress } from "../../src/templates/a1";
import { attachChart } from "../../src/templates/charts";
import { FORMATS, PlannedChart, SheetPlan } from "../../src/templates/plan";
import { buildPlan } from "../../src/templates/template";

export const CHART_SHEET = "Chart gallery";
export const NETWORK_SHEET = "Network";

/** Three parties, flows both ways between the first two, and one flow without a figure. */
export const NETWORK_FLOWS = [
  { from: "Amazon", to: "Anthropic", amount: 8e9, highlight: true },
  { from: "Anthropic", to: "Amazon", amount: 4e9 },
  { from: "Google", to: "Anthropic", amount: 3e9 },
  { from: "Anthropic", to: "Google" },
];

const input = (key: string, value: number, format: string = FORMATS.usdBillions) =>
  assumptionCell(key, key, value, "Synthetic figure for the chart tests.", format);

const column = (refs: Ref[]) => new Span(refs[0], refs[refs.length - 1]);

export interface ChartFixture {
  plan: SheetPlan;
  /** Per chart title: each series' categories and values ranges as declared, on CHART_SHEET. */
  declared: Record<string, { categories: string; values: string }[]>;
}

export function chartGalleryPlan(): ChartFixture {
  const wb = new WorkbookBuilder({
    template: "charts",
    title: "Chart gallery",
    dealId: "synthetic",
    asOf: "2026-01",
  });
  const sheet = wb.sheet(CHART_SHEET, [26, 14, 14, 14, 4]);
  sheet.row(label("Chart gallery", "title"));
  sheet.blank();

  // Bridge: headline 10 → contingent −3 → firm 7 → risk −2 → risk-adjusted 5 ($B). Totals stand
  // on the axis; a decrease hangs from the running total after it, its bar the size of the step.
  sheet.row(header("Step"), header("Change"), header("Base"), header("Bar"));
  const usd = { format: FORMATS.usdBillions };
  const step = (
    name: string,
    amount: CellSpec,
    base: (a: Ref) => Formula,
    bar: (a: Ref) => Formula
  ) => {
    const a = sheet.ahead(2);
    return sheet.row(label(name), amount, calc(base(a), usd), calc(bar(a), usd));
  };
  const total = (a: Ref) => fx`${a}`;
  const zero = () => fx`0`;
  const [first, headline] = step("Headline", input("headline", 10e9), zero, total);
  const [, discount] = step(
    "Contingent part",
    input("contingent", -3e9),
    (a) => fx`${headline}+${a}`,
    (a) => fx`-${a}`
  );
  const [, firm] = step("Firm value", calc(fx`${headline}+${discount}`, usd), zero, total);
  const [, risk] = step(
    "Risk discount",
    input("risk", -2e9),
    (a) => fx`${firm}+${a}`,
    (a) => fx`-${a}`
  );
  const [last] = step("Risk-adjusted", calc(fx`${firm}+${risk}`, usd), zero, total);
  const stepNames = new Span(first, last);
  const bases = new Span(first.offset(0, 2), last.offset(0, 2));
  const bars = new Span(first.offset(0, 3), last.offset(0, 3));
  sheet.blank();

  // Football field: three methods, low and high ($B); the bar is high − low.
  sheet.row(header("Method"), header("Low"), header("High"), header("Span"));
  const field: [string, number, number][] = [
    ["Comparable rounds", 4e9, 9e9],
    ["Option value", 2e9, 6e9],
    ["Discounted cash flow", 5e9, 12e9],
  ];
  const methods: Ref[] = [];
  const lows: Ref[] = [];
  const spans: Ref[] = [];
  field.forEach(([name, low, high], i) => {
    const at = sheet.ahead(2);
    const [m, l, , s] = sheet.row(
      label(name),
      input(`low${i}`, low),
      input(`high${i}`, high),
      calc(fx`${at.offset(0, 1)}-${at}`)
    );
    methods.push(m);
    lows.push(l);
    spans.push(s);
  });
  sheet.blank();

  // Timeline: cumulative funding by year.
  sheet.row(header("Year"), header("Funded"));
  const timeline: [number, number][] = [
    [2023, 1.25e9],
    [2024, 4e9],
    [2025, 8e9],
    [2026, 8e9],
  ];
  const years: Ref[] = [];
  const funded: Ref[] = [];
  timeline.forEach(([year, amount], i) => {
    const [y, f] = sheet.row(input(`year${i}`, year, FORMATS.integer), input(`funded${i}`, amount));
    years.push(y);
    funded.push(f);
  });
  sheet.blank();

  // Tornado: value change when each input moves down or up ($B).
  sheet.row(header("Input"), header("Down"), header("Up"));
  const tornado: [string, number, number][] = [
    ["Discount rate", -2.5e9, 3e9],
    ["Trigger probability", -1.5e9, 1.5e9],
    ["Exit multiple", -0.5e9, 1e9],
  ];
  const drivers: Ref[] = [];
  const downs: Ref[] = [];
  const ups: Ref[] = [];
  tornado.forEach(([name, down, up], i) => {
    const [d, lo, hi] = sheet.row(label(name), input(`down${i}`, down), input(`up${i}`, up));
    drivers.push(d);
    downs.push(lo);
    ups.push(hi);
  });

  const charts: Record<string, { categories: Span; values: Span }[]> = {};
  const add = (spec: Parameters<typeof sheet.chart>[0]) => {
    sheet.chart(spec);
    charts[spec.title] = spec.series.map((s) => ({ categories: s.categories, values: s.values }));
  };
  // A two-by-two grid to the right of the tables, so each chart prints whole on the first page.
  const at = (row: number, column: number) => ({
    at: sheet.ref(row, column),
    columns: 8,
    rows: 14,
  });
  add({
    kind: "stacked-column",
    title: "Headline to risk-adjusted value",
    valueAxisTitle: "US$ billions",
    valueFormat: FORMATS.usdBillions,
    series: [
      { name: "Base", categories: stepNames, values: bases, fill: "none" },
      { name: "Step", categories: stepNames, values: bars },
    ],
    anchor: at(1, 6),
  });
  add({
    kind: "stacked-bar",
    title: "Valuation range by method",
    valueFormat: FORMATS.usdBillions,
    series: [
      { name: "Low", categories: column(methods), values: column(lows), fill: "none" },
      { name: "Range", categories: column(methods), values: column(spans), fill: "2E75B6" },
    ],
    anchor: at(1, 15),
  });
  add({
    kind: "scatter",
    title: "Funding over time",
    categoryAxisTitle: "Year",
    valueFormat: FORMATS.usdBillions,
    series: [{ name: "Funded", categories: column(years), values: column(funded) }],
    anchor: at(16, 6),
  });
  add({
    kind: "stacked-bar",
    title: "Sensitivity of value",
    valueFormat: FORMATS.usdBillions,
    series: [
      { name: "Input down", categories: column(drivers), values: column(downs), fill: "C55A11" },
      { name: "Input up", categories: column(drivers), values: column(ups), fill: "548235" },
    ],
    anchor: at(16, 15),
  });
  const network = wb.sheet(NETWORK_SHEET, [6, 24, 4]);
  network.row(label("Capital flows", "title"));
  network.blank();
  network.diagram("Capital flows between the parties", NETWORK_FLOWS);
  network.row(label("Arrow width grows with the amount's square root; dashed: no figure stated."));
  const plan = wb.build();
  const declared = Object.fromEntries(
    Object.entries(charts).map(([title, series]) => [
      title,
      series.map((s) => ({ categories: s.categories.address, values: s.values.address })),
    ])
  );
  return { plan, declared };
}

/** The numbers each chart's series plots, worked out by hand from the inputs above ($). */
export const CHART_VALUES: Record<string, number[][]> = {
  "Headline to risk-adjusted value": [
    [0, 7e9, 0, 5e9, 0],
    [10e9, 3e9, 7e9, 2e9, 5e9],
  ],
  "Valuation range by method": [
    [4e9, 2e9, 5e9],
    [5e9, 4e9, 7e9],
  ],
  "Funding over time": [[1.25e9, 4e9, 8e9, 8e9]],
  "Sensitivity of value": [
    [-2.5e9, -1.5e9, -0.5e9],
    [3e9, 1.5e9, 1e9],
  ],
};

/**
 * A real template's sheet with a chart attached after the template built it (the way a chart is
 * added to a template without editing it): the vendor loop's cumulative discounted net flow by
 * year, its ranges found by the schedule's header labels, not typed.
 */
export function vendorLoopWithChart(): { plan: SheetPlan; chart: PlannedChart } {
  const deal = BUILTIN_LIBRARY.find((d) => d.id === "amazon-anthropic-2026");
  const template = findTemplate("vendor-loop");
  if (!deal || !template) throw new Error("the 10-year vendor loop is not in the library");
  const plan = buildPlan(template, { deal, deals: BUILTIN_LIBRARY, overrides: {} });
  const sheet = plan.sheets[0];
  // The schedule's header: "Year" first, and the cumulative discounted flow of this deal.
  const cumulative = (row: SheetPlan["sheets"][0]["rows"][0]) =>
    row.findIndex((c) => c?.kind === "label" && c.text === "Cumulative: this deal");
  const headerRow = sheet.rows.findIndex(
    (row) => row[0]?.kind === "label" && row[0].text === "Year" && cumulative(row) > 0
  );
  if (headerRow < 0) throw new Error("the vendor loop has no schedule header row");
  const column = cumulative(sheet.rows[headerRow]);
  let last = headerRow + 1;
  while (
    sheet.rows[last + 1]?.[0]?.kind === "label" &&
    typeof (sheet.rows[last + 1][0] as { text: unknown }).text === "number"
  )
    last++;
  const rows = [headerRow + 2, last + 1];
  const chart: PlannedChart = {
    // A scatter over the years (its markers print in the series colour; a plain line is a hairline).
    kind: "scatter",
    title: "Cumulative discounted net flow of this deal",
    valueFormat: FORMATS.usdBillions,
    series: [
      {
        name: "Cumulative discounted net flow of this deal",
        categories: rangeAddress(rows[0], 1, rows[1], 1),
        values: rangeAddress(rows[0], column + 1, rows[1], column + 1),
      },
    ],
    // Under everything, on a page of its own (beside the schedule it would widen every page).
    anchor: { cell: cellAddress(sheet.rows.length + 2, 1), columns: 6, rows: 24 },
  };
  const attached = attachChart(sheet, chart);
  plan.sheets[0] = {
    ...attached,
    print: {
      ...attached.print,
      rowBreaks: [...(attached.print.rowBreaks ?? []), sheet.rows.length + 1],
    },
  };
  return { plan, chart };
}
