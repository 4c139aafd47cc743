/**
 * The chart blocks the templates share: a small table of native formulas over the template's own
 * cells (so the chart follows every input), then the chart under it, inside the print area, in the
 * sheet's first columns (a chart beside the tables would widen the printed page), each block
 * starting a printed page so no chart is cut by a page break.
 *
 * A waterfall is drawn with stacked columns over an invisible base, since Office's own waterfall
 * type is not standard OOXML: each step's bar covers the running total before it to the one after
 * it. Excel stacks positive values up from zero and negative ones down, so a bar that crosses zero
 * is split into its part above zero and its part below.
 */
import { section } from "./blocks";
import { calc, Formula, fx, header, label, Ref, SheetBuilder, Span } from "./builder";
import { ChartSeriesSpec, ChartSpec } from "./charts";

/** Rows a chart takes under its table, and the columns it spans from column A. */
export interface ChartBox {
  columns: number;
  rows: number;
}

/** Reserves `box` from the next row, column A, and returns the anchor for sheet.chart. */
export function chartBelow(sheet: SheetBuilder, box: ChartBox): ChartSpec["anchor"] {
  const at = sheet.ref(sheet.nextRow, 1);
  sheet.blank(box.rows + 1);
  return { at, columns: box.columns, rows: box.rows };
}

const column = (refs: readonly Ref[]) => new Span(refs[0], refs[refs.length - 1]);

export interface WaterfallStep {
  name: string;
  /** A total stands on the axis; a change starts where the running total stood before it. */
  kind: "total" | "change";
  amount: Formula;
  /**
   * A range: `amount` is its low end, and the bar goes on, lighter, to the base and the high end
   * (only for the last steps of a bridge whose totals stay above zero).
   */
  range?: { base: Formula; high: Formula };
}

export interface WaterfallSpec {
  title: string;
  /** The section heading over the chart's table. */
  heading: string;
  format: string;
  steps: readonly WaterfallStep[];
  /** Whether a change may cross zero (then its part below zero is a series of its own). */
  crossesZero?: boolean;
  /** Legend words for the range's two lighter parts. */
  rangeNames?: { base: string; high: string };
  box: ChartBox;
}

const BAR = "1F4E79";
const BELOW = "2E75B6";
const TO_BASE = "9DC3E6";
const TO_HIGH = "C9DDF0";

/**
 * A bridge as a stacked-column waterfall: a table of steps (amount, the invisible base, the bar),
 * then the chart under it. The running total is the sum of the amounts since the last total, in
 * the formulas (a column of its own would widen the printed page).
 */
export function waterfall(sheet: SheetBuilder, spec: WaterfallSpec): void {
  const ranged = spec.steps.some((s) => s.range);
  sheet.pageBreak();
  section(sheet, spec.heading);
  sheet.row(
    ...[
      "Step",
      "Amount",
      "Invisible base",
      "Bar",
      ...(spec.crossesZero ? ["Bar below zero"] : []),
      ...(ranged ? ["Range: low to base", "Range: base to high"] : []),
    ].map(header)
  );
  const money = { format: spec.format };
  const names: Ref[] = [];
  const bases: Ref[] = [];
  const bars: Ref[] = [];
  const belows: Ref[] = [];
  const toBase: Ref[] = [];
  const toHigh: Ref[] = [];
  // The amount cell the running total starts from (the last total's), and the step before.
  let runFrom: Ref | undefined;
  let previous: Ref | undefined;
  for (const step of spec.steps) {
    const amount = sheet.ahead(2);
    if (step.kind === "total" || !runFrom) runFrom = amount;
    const start = runFrom === amount || !previous ? fx`0` : fx`SUM(${new Span(runFrom, previous)})`;
    const e = runFrom === amount ? fx`${amount}` : fx`SUM(${new Span(runFrom, amount)})`;
    const sameSign = fx`${start}*${e}>0`;
    const crossing = fx`${start}*${e}<0`;
    const cells = sheet.row(
      label(step.name),
      calc(step.amount, money),
      calc(fx`IF(${sameSign},IF(${e}>0,MIN(${start},${e}),MAX(${start},${e})),0)`, money),
      // Same sign: the step's size, up or down; crossing zero: the part above; from zero: the end.
      calc(
        fx`IF(${sameSign},IF(${e}>0,1,-1)*ABS(${e}-${start}),IF(${crossing},MAX(${start},${e}),${start}+${e}))`,
        money
      ),
      ...(spec.crossesZero ? [calc(fx`IF(${crossing},MIN(${start},${e}),0)`, money)] : []),
      ...(ranged
        ? step.range
          ? [
              calc(fx`${step.range.base}-${amount}`, money),
              calc(fx`${step.range.high}-(${step.range.base})`, money),
            ]
          : [calc(fx`0`, money), calc(fx`0`, money)]
        : [])
    );
    names.push(cells[0]);
    bases.push(cells[2]);
    bars.push(cells[3]);
    let next = 4;
    if (spec.crossesZero) belows.push(cells[next++]);
    if (ranged) {
      toBase.push(cells[next++]);
      toHigh.push(cells[next]);
    }
    previous = amount;
  }
  const categories = column(names);
  const series: ChartSeriesSpec[] = [
    { name: "Invisible base", categories, values: column(bases), fill: "none" },
    {
      name: ranged ? "Amount (low end of a range)" : "Amount",
      categories,
      values: column(bars),
      fill: BAR,
    },
    ...(spec.crossesZero
      ? [{ name: "Amount below zero", categories, values: column(belows), fill: BELOW }]
      : []),
    ...(ranged
      ? [
          {
            name: spec.rangeNames?.base ?? "Low to base",
            categories,
            values: column(toBase),
            fill: TO_BASE,
          },
          {
            name: spec.rangeNames?.high ?? "Base to high",
            categories,
            values: column(toHigh),
            fill: TO_HIGH,
          },
        ]
      : []),
  ];
  sheet.chart({
    kind: "stacked-column",
    title: spec.title,
    valueFormat: spec.format,
    series,
    anchor: chartBelow(sheet, spec.box),
  });
}

export interface RangeBar {
  name: string;
  low: Formula;
  /** Absent for a figure stated as one number: drawn from zero, in its own colour. */
  high?: Formula;
}

/**
 * A football field: each range a floating bar from its low to its high end (an invisible low, a
 * visible high − low); a single figure a bar from zero, in a lighter colour, so it is not read
 * as a range.
 */
export function footballField(
  sheet: SheetBuilder,
  spec: { title: string; heading: string; format: string; bars: readonly RangeBar[]; box: ChartBox }
): void {
  sheet.pageBreak();
  section(sheet, spec.heading);
  sheet.row(...["", "Low", "High", "Invisible base", "Range", "One figure"].map(header));
  const money = { format: spec.format };
  const placed = spec.bars.map((bar) => {
    const [low, high] = [2, 3].map((c) => sheet.ahead(c));
    return sheet.row(
      label(bar.name),
      calc(bar.low, money),
      bar.high ? calc(bar.high, money) : label("—", "note"),
      calc(bar.high ? fx`MIN(${low},${high})` : fx`0`, money),
      calc(bar.high ? fx`ABS(${high}-${low})` : fx`0`, money),
      calc(bar.high ? fx`0` : fx`${low}`, money)
    );
  });
  const categories = column(placed.map((p) => p[0]));
  const values = (i: number) => column(placed.map((p) => p[i]));
  sheet.chart({
    kind: "stacked-bar",
    title: spec.title,
    valueFormat: spec.format,
    series: [
      { name: "Invisible base", categories, values: values(3), fill: "none" },
      { name: "Range, low to high", categories, values: values(4), fill: BAR },
      { name: "Stated as one figure", categories, values: values(5), fill: TO_BASE },
    ],
    anchor: chartBelow(sheet, spec.box),
  });
}

export interface TornadoInput {
  name: string;
  /** The output with this input at the low and at the high end of its range, all else at base. */
  atLow: Ref;
  atHigh: Ref;
}

/**
 * A tornado: for each input, the change in the output from its base value when the input is at
 * the low and at the high end of its range (stacked bars around zero).
 */
export function tornado(
  sheet: SheetBuilder,
  spec: {
    title: string;
    heading: string;
    format: string;
    base: Ref;
    inputs: readonly TornadoInput[];
    box: ChartBox;
  }
): void {
  sheet.pageBreak();
  section(sheet, spec.heading);
  sheet.row(...["Input", "Input at its low end", "Input at its high end"].map(header));
  const money = { format: spec.format };
  const placed = spec.inputs.map((input) =>
    sheet.row(
      label(input.name),
      calc(fx`${input.atLow}-${spec.base}`, money),
      calc(fx`${input.atHigh}-${spec.base}`, money)
    )
  );
  const categories = column(placed.map((p) => p[0]));
  sheet.chart({
    kind: "stacked-bar",
    title: spec.title,
    valueFormat: spec.format,
    series: [
      {
        name: "Input at its low end",
        categories,
        values: column(placed.map((p) => p[1])),
        fill: "C55A11",
      },
      {
        name: "Input at its high end",
        categories,
        values: column(placed.map((p) => p[2])),
        fill: "548235",
      },
    ],
    anchor: chartBelow(sheet, spec.box),
  });
}
