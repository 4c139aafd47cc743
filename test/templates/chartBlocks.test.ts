/**
 * The chart blocks' helper rows, computed by the formula evaluator and stacked the way Excel
 * stacks (positive values pile up from zero, negative ones down, series in order, an invisible
 * series taking its place without being drawn): each waterfall bar covers exactly the running
 * total before its step to the one after, summed here from the amounts; a range adds the base and
 * the high end above the low; a football field's bar spans low to high; a tornado's bars are the
 * outputs less the base.
 */
import fc from "fast-check";
import { footballField, tornado, waterfall, WaterfallStep } from "../../src/templates/chartBlocks";
import { assumptionCell, fx, label, WorkbookBuilder } from "../../src/templates/builder";
import { parseCellAddress } from "../../src/templates/a1";
import { rangeCells } from "../../src/templates/charts";
import { evaluatePlan } from "../../src/templates/evaluate";
import { PlannedChart, SheetPlan } from "../../src/templates/plan";

const SHEET = "Blocks";

/** Each category's drawn intervals, stacked as Excel stacks: [series][category] → [from, to]. */
function drawn(plan: SheetPlan, chart: PlannedChart): { visible: [number, number][][] } {
  const values = evaluatePlan(plan);
  const read = (range: string) =>
    rangeCells(range)!.map((a1) => {
      const { row, column } = parseCellAddress(a1);
      return values.resultAt(SHEET, row, column) as number;
    });
  const series = chart.series.map((s) => read(s.values));
  const categories = series[0].length;
  const visible: [number, number][][] = Array.from({ length: categories }, () => []);
  for (let c = 0; c < categories; c++) {
    let up = 0;
    let down = 0;
    series.forEach((v, s) => {
      const value = v[c];
      const from = value >= 0 ? up : down;
      const to = from + value;
      if (value >= 0) up = to;
      else down = to;
      if (chart.series[s].fill !== "none" && value !== 0)
        visible[c].push([Math.min(from, to), Math.max(from, to)]);
    });
  }
  return { visible };
}

/** The union of touching intervals as one [low, high] (a waterfall bar has no gap). */
function extent(intervals: [number, number][]): [number, number] | undefined {
  if (intervals.length === 0) return undefined;
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const low = sorted[0][0];
  let high = sorted[0][1];
  for (const [from, to] of sorted.slice(1)) {
    if (from > high + 1e-6) throw new Error(`a gap between ${high} and ${from}`);
    high = Math.max(high, to);
  }
  return [low, high];
}

function built(amounts: { kind: "total" | "change"; amount: number }[], crossesZero: boolean) {
  const wb = new WorkbookBuilder({ template: "t", title: "t", dealId: "d", asOf: "2026" });
  const sheet = wb.sheet(SHEET, [20, 12, 12, 12, 12, 12, 12, 12]);
  const inputs = amounts.map(({ amount }, i) => {
    const [, ref] = sheet.row(
      label(`step ${i}`),
      assumptionCell(`a${i}`, `a${i}`, amount, "test input", "0")
    );
    return ref;
  });
  const steps: WaterfallStep[] = amounts.map(({ kind }, i) => ({
    name: `Step ${i}`,
    kind,
    amount: fx`${inputs[i]}`,
  }));
  waterfall(sheet, {
    title: "W",
    heading: "Chart",
    format: "0",
    steps,
    crossesZero,
    box: { columns: 4, rows: 10 },
  });
  const plan = wb.build();
  return { plan, chart: plan.sheets[0].charts![0] };
}

const amount = fc.integer({ min: -1000, max: 1000 });

describe("waterfall", () => {
  test("each bar covers the running total before its step to the one after (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ kind: fc.constantFrom("total" as const, "change" as const), amount }),
          { minLength: 1, maxLength: 6 }
        ),
        (steps) => {
          const { plan, chart } = built(steps, true);
          const { visible } = drawn(plan, chart);
          let running = 0;
          steps.forEach((step, i) => {
            const start = step.kind === "total" || i === 0 ? 0 : running;
            running = step.kind === "total" || i === 0 ? step.amount : running + step.amount;
            const expected: [number, number] | undefined =
              start === running ? undefined : [Math.min(start, running), Math.max(start, running)];
            expect(extent(visible[i])).toEqual(expected);
          });
        }
      ),
      { numRuns: 60 }
    );
  });

  test("a range step: the low bar, then lighter parts up to the base and the high end", () => {
    const wb = new WorkbookBuilder({ template: "t", title: "t", dealId: "d", asOf: "2026" });
    const sheet = wb.sheet(SHEET, [20, 12, 12, 12, 12, 12, 12, 12]);
    // Headline 10, less 4 contingent, firm 6, PV of the contingent 1 / 2 / 3, risk-adjusted 7 / 8 / 9.
    waterfall(sheet, {
      title: "Bridge",
      heading: "Chart",
      format: "0",
      steps: [
        { name: "Headline", kind: "total", amount: fx`10` },
        { name: "Less", kind: "change", amount: fx`-4` },
        { name: "Firm", kind: "total", amount: fx`6` },
        { name: "PV", kind: "change", amount: fx`1`, range: { base: fx`2`, high: fx`3` } },
        {
          name: "Risk-adjusted",
          kind: "total",
          amount: fx`7`,
          range: { base: fx`8`, high: fx`9` },
        },
      ],
      box: { columns: 4, rows: 10 },
    });
    const plan = wb.build();
    const { visible } = drawn(plan, plan.sheets[0].charts![0]);
    expect(visible).toEqual([
      [[0, 10]],
      [[6, 10]],
      [[0, 6]],
      [
        [6, 7],
        [7, 8],
        [8, 9],
      ],
      [
        [0, 7],
        [7, 8],
        [8, 9],
      ],
    ]);
  });
});

test("a football field: a range floats from its low to its high end; one figure stands on zero", () => {
  const wb = new WorkbookBuilder({ template: "t", title: "t", dealId: "d", asOf: "2026" });
  const sheet = wb.sheet(SHEET, [20, 12, 12, 12, 12, 12]);
  footballField(sheet, {
    title: "Field",
    heading: "Chart",
    format: "0",
    bars: [
      { name: "Range", low: fx`18`, high: fx`25` },
      { name: "Single", low: fx`61.5` },
    ],
    box: { columns: 4, rows: 10 },
  });
  const plan = wb.build();
  expect(drawn(plan, plan.sheets[0].charts![0]).visible).toEqual([[[18, 25]], [[0, 61.5]]]);
});

test("a tornado: each input's bars are the output at its low and high ends less the base", () => {
  const wb = new WorkbookBuilder({ template: "t", title: "t", dealId: "d", asOf: "2026" });
  const sheet = wb.sheet(SHEET, [20, 12, 12]);
  const [, base, low1, high1, low2, high2] = sheet.row(
    label("outputs"),
    ...[100, 70, 140, 120, 90].map((v, i) => assumptionCell(`o${i}`, `o${i}`, v, "test", "0"))
  );
  tornado(sheet, {
    title: "Tornado",
    heading: "Chart",
    format: "0",
    base,
    inputs: [
      { name: "Margin", atLow: low1, atHigh: high1 },
      { name: "Rate", atLow: low2, atHigh: high2 },
    ],
    box: { columns: 4, rows: 10 },
  });
  const plan = wb.build();
  expect(drawn(plan, plan.sheets[0].charts![0]).visible).toEqual([
    [
      [-30, 0],
      [0, 40],
    ],
    [
      [0, 20],
      [-10, 0],
    ],
  ]);
});
