/**
 * A planned chart drawn as SVG markup, for the taskpane's preview before insert. Pure: the caller
 * gives a lookup from (sheet, cell) to the cell's value (the formula evaluator's, or the plan's
 * constants), so the preview shows the numbers the native chart will show. Stacking follows
 * Excel's: positive values stack up from zero and negative values down, each on its own pile;
 * an invisible ("none") series takes its place in the pile but is not drawn.
 */
import { legendShown, rangeCells, seriesFills } from "./charts";
import { evaluatePlan } from "./evaluate";
import { escapeXml } from "./markup";
import { parseCellAddress } from "./a1";
import { PlannedChart, SheetPlan } from "./plan";

export type CellLookup = (sheet: string, a1: string) => number | string | null;

export interface SvgSize {
  width: number;
  height: number;
}

/** An axis label in the chart's unit: $12.0B, $450.0M, 35.0%, or three significant digits. */
export function axisLabel(value: number, format: string | undefined): string {
  const money = format?.startsWith("$") ? "$" : "";
  const sign = value < 0 ? "-" : "";
  const size = Math.abs(value);
  if (format?.includes('"B"')) return `${sign}${money}${(size / 1e9).toFixed(1)}B`;
  if (format?.includes('"M"')) return `${sign}${money}${(size / 1e6).toFixed(1)}M`;
  if (format?.includes("%")) return `${(value * 100).toFixed(1)}%`;
  return `${sign}${money}${Number(size.toPrecision(3))}`;
}

const round = (n: number) => Math.round(n * 10) / 10;

interface Plotted {
  categories: string[];
  /** [series][category], null where the cell holds no number. */
  values: (number | null)[][];
  /** A scatter's x values, [series][point]. */
  xs: (number | null)[][];
}

function read(chart: PlannedChart, sheet: string, lookup: CellLookup): Plotted {
  const cellsOf = (range: string) => rangeCells(range) ?? [];
  const number = (v: number | string | null) =>
    typeof v === "number" && Number.isFinite(v) ? v : null;
  const first = chart.series[0];
  return {
    categories: cellsOf(first.categories).map((a) => String(lookup(sheet, a) ?? "")),
    values: chart.series.map((s) => cellsOf(s.values).map((a) => number(lookup(sheet, a)))),
    xs: chart.series.map((s) => cellsOf(s.categories).map((a) => number(lookup(sheet, a)))),
  };
}

/** Each value's segment [from, to] on its category's positive or negative pile. */
function stack(values: (number | null)[][]): [number, number][][] {
  const up: number[] = [];
  const down: number[] = [];
  return values.map((series) =>
    series.map((v, i) => {
      const value = v ?? 0;
      const piles = value >= 0 ? up : down;
      const from = piles[i] ?? 0;
      piles[i] = from + value;
      return [from, from + value];
    })
  );
}

const extent = (numbers: number[]): [number, number] => {
  const low = Math.min(0, ...numbers);
  const high = Math.max(0, ...numbers);
  return low === high ? [low, low + 1] : [low, high];
};

/** The chart as a standalone <svg> element; text is escaped, never markup. */
export function chartSvg(
  chart: PlannedChart,
  sheet: string,
  lookup: CellLookup,
  size: SvgSize = { width: 320, height: 200 }
): string {
  const { width, height } = size;
  const fills = seriesFills(chart);
  const data = read(chart, sheet, lookup);
  const legend = legendShown(chart);
  const plot = { left: 56, right: width - 10, top: 26, bottom: height - (legend ? 42 : 26) };
  const parts: string[] = [];
  const text = (x: number, y: number, words: string, anchor = "middle", extra = "") =>
    `<text x="${round(x)}" y="${round(y)}" text-anchor="${anchor}" font-size="${extra ? 12 : 10}"${extra}>${escapeXml(words)}</text>`;
  parts.push(text(width / 2, 14, chart.title, "middle", ' font-weight="bold"'));

  const horizontal = chart.kind === "stacked-bar";
  let range: [number, number];
  let xRange: [number, number] = [0, 1];
  if (chart.kind === "stacked-column" || chart.kind === "stacked-bar") {
    range = extent(stack(data.values).flat(2));
  } else {
    range = extent(data.values.flat().filter((v): v is number => v !== null));
    if (chart.kind === "scatter") {
      const xs = data.xs.flat().filter((v): v is number => v !== null);
      xRange = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
      if (xRange[0] === xRange[1]) xRange = [xRange[0] - 1, xRange[1] + 1];
    }
  }
  // Value → position along the value axis (up for columns and lines, right for bars).
  const along = (v: number) =>
    horizontal
      ? plot.left + ((v - range[0]) / (range[1] - range[0])) * (plot.right - plot.left)
      : plot.bottom - ((v - range[0]) / (range[1] - range[0])) * (plot.bottom - plot.top);
  const count = Math.max(1, data.categories.length);
  const band = ((horizontal ? plot.bottom - plot.top : plot.right - plot.left) / count) * 1;
  // Category i's centre (bars: the first category at the top, as the writers set Excel's axis).
  const centre = (i: number) =>
    horizontal ? plot.top + band * (i + 0.5) : plot.left + band * (i + 0.5);

  // Value axis: zero line and the two ends, labelled in the chart's unit.
  for (const v of [range[0], 0, range[1]]) {
    const at = along(v);
    parts.push(
      horizontal
        ? `<line x1="${round(at)}" y1="${plot.top}" x2="${round(at)}" y2="${plot.bottom}" stroke="#D0D0D0"/>` +
            text(at, plot.bottom + 12, axisLabel(v, chart.valueFormat))
        : `<line x1="${plot.left}" y1="${round(at)}" x2="${plot.right}" y2="${round(at)}" stroke="#D0D0D0"/>` +
            text(plot.left - 4, at + 3, axisLabel(v, chart.valueFormat), "end")
    );
  }

  if (chart.kind === "stacked-column" || chart.kind === "stacked-bar") {
    const thickness = band * 0.6;
    stack(data.values).forEach((segments, s) => {
      if (fills[s] === "none") return;
      segments.forEach(([from, to], i) => {
        if (from === to) return;
        const [a, b] = [along(from), along(to)];
        const box = horizontal
          ? { x: Math.min(a, b), y: centre(i) - thickness / 2, w: Math.abs(b - a), h: thickness }
          : { x: centre(i) - thickness / 2, y: Math.min(a, b), w: thickness, h: Math.abs(b - a) };
        parts.push(
          `<rect x="${round(box.x)}" y="${round(box.y)}" width="${round(box.w)}" height="${round(box.h)}" fill="#${fills[s]}"/>`
        );
      });
    });
    data.categories.forEach((name, i) =>
      parts.push(
        horizontal
          ? text(plot.left - 4, centre(i) + 3, name.slice(0, 12), "end")
          : text(centre(i), plot.bottom + 12, name.slice(0, Math.max(4, Math.floor(band / 6))))
      )
    );
  } else {
    const xOf = (s: number, i: number) =>
      chart.kind === "scatter"
        ? plot.left +
          (((data.xs[s][i] ?? xRange[0]) - xRange[0]) / (xRange[1] - xRange[0])) *
            (plot.right - plot.left)
        : centre(i);
    data.values.forEach((series, s) => {
      if (fills[s] === "none") return;
      const points = series
        .map((v, i) => (v === null ? null : `${round(xOf(s, i))},${round(along(v))}`))
        .filter((p): p is string => p !== null);
      parts.push(
        `<polyline points="${points.join(" ")}" fill="none" stroke="#${fills[s]}" stroke-width="2"/>`
      );
      if (chart.kind === "scatter")
        for (const p of points) {
          const [x, y] = p.split(",");
          parts.push(`<circle cx="${x}" cy="${y}" r="3" fill="#${fills[s]}"/>`);
        }
    });
    const labels = chart.kind === "scatter" ? [xRange[0], xRange[1]].map(String) : data.categories;
    labels.forEach((name, i) => {
      const x = chart.kind === "scatter" ? (i === 0 ? plot.left : plot.right) : centre(i);
      parts.push(text(x, plot.bottom + 12, name.slice(0, 10)));
    });
  }

  if (legend) {
    const visible = chart.series
      .map((s, i) => ({ name: s.name, fill: fills[i] }))
      .filter((s) => s.fill !== "none");
    const step = width / visible.length;
    visible.forEach((s, i) => {
      const x = step * i + 10;
      parts.push(
        `<rect x="${round(x)}" y="${height - 14}" width="8" height="8" fill="#${s.fill}"/>` +
          text(x + 12, height - 7, s.name.slice(0, 24), "start")
      );
    });
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(chart.title)}" font-family="Segoe UI, sans-serif">` +
    `<title>${escapeXml(chart.title)}</title>${parts.join("")}</svg>`
  );
}

/**
 * A lookup from the plan alone: constants as written, a formula by the engine's value when the
 * plan carries one (else no value). The taskpane swaps in the formula evaluator's lookup.
 */
export function planLookup(plan: SheetPlan): CellLookup {
  const sheets = new Map(plan.sheets.map((s) => [s.name, s]));
  return (sheet, a1) => {
    const { row, column } = parseCellAddress(a1);
    const cell = sheets.get(sheet)?.rows[row - 1]?.[column - 1];
    if (!cell) return null;
    switch (cell.kind) {
      case "label":
        return cell.text;
      case "input":
        return cell.value;
      case "assumption":
        return cell.value;
      case "formula":
        return cell.expected ?? null;
      case "addin":
        return cell.value;
    }
  };
}

/**
 * The values the native charts will show once inserted: each formula cell's result as the
 * evaluator computes it from the plan (an error or an uncomputed cell draws nothing), every
 * other cell as the plan holds it.
 */
export function evaluatedLookup(plan: SheetPlan): CellLookup {
  const values = evaluatePlan(plan);
  const constants = planLookup(plan);
  const sheets = new Map(plan.sheets.map((s) => [s.name, s]));
  return (sheet, a1) => {
    const { row, column } = parseCellAddress(a1);
    if (sheets.get(sheet)?.rows[row - 1]?.[column - 1]?.kind !== "formula")
      return constants(sheet, a1);
    const result = values.resultAt(sheet, row, column);
    return typeof result === "number" || typeof result === "string" ? result : null;
  };
}
