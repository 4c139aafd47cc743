/**
 * One scenario switch per workbook: a Low / Base / High dropdown named Scenario, and every sourced
 * input with a band (src/data/ranges.ts) written as the value the switch picks from three cells
 * shown under it. Plain IF formulas, so Data Tables and Goal Seek work on the workbook.
 */
import { BUILTIN_LIBRARY } from "../data/library";
import { factRange } from "../data/ranges";
import { LibraryDeal } from "../data/schema";
import {
  assumptionCell,
  calc,
  CellSpec,
  Formula,
  fx,
  inputCell,
  label,
  Ref,
  SheetBuilder,
  WorkbookBuilder,
} from "./builder";
import { Datum, datumCell } from "./datum";

export const SCENARIOS = ["Low", "Base", "High"] as const;

/** The three values a banded input takes, by scenario, and the rule that gave them. */
export interface ScenarioBand {
  low: number;
  base: number;
  high: number;
  /** The rule in words, with which end each case takes. */
  method: string;
}

/** The switch cell of each workbook (one per workbook, on the first sheet that asks for it). */
const switches = new WeakMap<WorkbookBuilder, Ref>();

/**
 * Places the scenario switch on `sheet` (a dropdown named Scenario, Base by default), or, when
 * another sheet of the workbook already holds it, a link to it.
 */
export function scenarioSwitch(wb: WorkbookBuilder, sheet: SheetBuilder): Ref {
  const existing = switches.get(wb);
  if (existing) {
    sheet.row(
      label(`Scenario (set on the ${existing.sheet} sheet)`),
      calc(fx`${existing}`),
      label("Every banded input below follows it", "note")
    );
    return existing;
  }
  const [, cell] = sheet.row(
    label("Scenario: Low, Base or High"),
    assumptionCell(
      "scenario",
      "Scenario",
      "Base",
      "Every sourced figure whose words give a range (over, up to, roughly, a range) takes its Low-case, Base or High-case value from this cell; Base is the figure as the template reads it. Low takes each figure's end that is worse for the investor, High the end that is better (the best case).",
      undefined,
      SCENARIOS
    ),
    label("Assumption", "tag"),
    label("Choose Low, Base or High: every sheet follows this one cell", "note")
  );
  const named = wb.define("Scenario", cell);
  switches.set(wb, named);
  return named;
}

/**
 * The band of a sourced figure by the library's rules: Low takes its low end, Base the value the
 * template reads, High its high end. Undefined when the figure has no two-sided band or the value
 * lies outside it.
 */
export function scenarioBand(
  datum: Datum,
  { deals = BUILTIN_LIBRARY }: { deals?: readonly LibraryDeal[] } = {}
): ScenarioBand | undefined {
  if (datum.kind !== "fact" || typeof datum.value !== "number" || !datum.source.fact) return;
  const [dealId, key] = datum.source.fact.split("/");
  const deal = deals.find((d) => d.id === dealId);
  const found = deal?.facts.find((f) => f.key === key);
  const band = deal && found ? factRange(deal, found).band : undefined;
  if (!band || band.high === null) return;
  const base = datum.value;
  if (base < band.low || base > band.high) return;
  return {
    low: band.low,
    base,
    high: band.high,
    method: `${band.method}; the Low case takes the low end, the High case the high end (the best case)`,
  };
}

/**
 * The value of `low`, `base` or `high` as the workbook's switch picks (#N/A for any other word).
 * Nested IF rather than CHOOSE(MATCH(…,{…})): the classic set every spreadsheet recalculates.
 */
export function scenarioPick(wb: WorkbookBuilder, low: Formula, base: Formula, high: Formula) {
  const scenario = switches.get(wb);
  if (!scenario) throw new Error("place the scenario switch before a figure that follows it");
  return fx`IF(${scenario}="Low",${low},IF(${scenario}="Base",${base},IF(${scenario}="High",${high},NA())))`;
}

/**
 * A banded input: the value the switch picks, in the input's own cell (so its name and every
 * formula that reads it follow the switch), and under it the Low case, the sourced figure (Base)
 * and the High case.
 */
export function bandedInputRows(
  wb: WorkbookBuilder,
  sheet: SheetBuilder,
  datum: Datum,
  band: ScenarioBand,
  beside: [CellSpec, CellSpec],
  format?: string
): Ref {
  if (datum.kind !== "fact") throw new Error("only a sourced figure has a band");
  const top = sheet.nextRow;
  const [low, base, high] = [1, 2, 3].map((k) => sheet.ref(top + k, 2));
  const [, chosen] = sheet.row(
    label(`${datum.label} (as the scenario picks)`),
    calc(scenarioPick(wb, fx`${low}`, fx`${base}`, fx`${high}`), { format }),
    ...beside
  );
  const end = (name: string, value: number) => {
    const cell = inputCell(`${datum.label}: ${name}`, value, datum.source, format);
    return { ...cell, note: `${name} by the rule: ${band.method}. ${cell.note}` };
  };
  sheet.row(
    label("   Low case"),
    end("Low case", band.low),
    label("Low case", "tag"),
    label(band.method, "note")
  );
  sheet.row(
    label("   Base: the figure as the template reads it"),
    datumCell(datum, format),
    label("Base", "tag")
  );
  sheet.row(
    label("   High case (the best case)"),
    end("High case", band.high),
    label("High case", "tag")
  );
  return chosen;
}
