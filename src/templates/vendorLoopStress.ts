/**
 * The vendor loop under stress, for this deal's decision: the customer fails in a year (from then
 * on no spend, no investment, no capex, the stake worth nothing), the margin compressed, only the
 * incremental share of the spend counted, the stake written off; and a break-even grid of margin ×
 * realisation. Native formulas over the schedule's columns; LOOK_THROUGH's values recorded for
 * the oracle (year-end timing).
 */
import { invalidValue } from "../engine/errors";
import { inputRows, section } from "./blocks";
import {
  calc,
  Formula,
  fx,
  header,
  label,
  Ref,
  SheetBuilder,
  Span,
  WorkbookBuilder,
} from "./builder";
import { Datum, numberOf } from "./datum";
import { EngineResult, engineNumber, runEngine } from "./engine";
import { FORMATS } from "./plan";
import type { flowsByYear, LookThroughInput } from "./vendorLoopSheet";

/** The stress assumptions, each an assumption cell in the sheet. */
export interface LoopStress {
  /** A calendar year, or the text "None" (the default: the customer does not fail). */
  failureYear: Datum;
  /** Points taken off the vendor margin. */
  marginCompression: Datum;
  /** The share of the spend that would not have happened without the deal. */
  incrementalShare: Datum;
  /** Steps of the break-even grid's two axes. */
  gridMarginStep: Datum;
  gridRealisationStep: Datum;
}

export const NO_FAILURE = "None";

/** The schedule's columns this module reads, as vendorLoopSheet lays them out (1-based). */
const COLUMN = {
  year: 1,
  investment: 3,
  spend: 4,
  /** After its tax deduction. */
  capex: 6,
  stake: 9,
  discount: 11,
  operatingDiscount: 12,
} as const;

const { usdBillions: USD, percent: PCT } = FORMATS;

export interface StressRefs {
  margin: Ref;
  tax: Ref;
  realisation: Ref;
}

/**
 * The failure years the schedule offers (the cell's dropdown, the taskpane's choices): None, or a
 * year from the decision to the schedule's last; a year outside them is refused, not read as None.
 */
function failureYearChoices(failureYear: Datum, decisionYear: number, lastYear: number): Datum {
  if (failureYear.kind !== "assumption") return failureYear;
  const years = Array.from({ length: lastYear - decisionYear + 1 }, (_, k) => decisionYear + k);
  const chosen = numberOf(failureYear);
  if (chosen !== undefined && !years.includes(chosen))
    throw invalidValue(
      `${failureYear.key} must be ${NO_FAILURE} or a year of the schedule from ${decisionYear} to ${lastYear} (got ${chosen})`
    );
  return { ...failureYear, choices: [NO_FAILURE, ...years.map(String)] };
}

/** The failure year as LOOK_THROUGH's failure period (periods from the decision year), if set. */
function failurePeriod(input: LookThroughInput, stress: LoopStress): number | undefined {
  const year = numberOf(stress.failureYear);
  return year === undefined ? undefined : year - input.decisionYear;
}

export function stressSections(
  wb: WorkbookBuilder,
  sheet: SheetBuilder,
  input: LookThroughInput,
  stress: LoopStress,
  flows: ReturnType<typeof flowsByYear>,
  column: (c: number) => Span,
  refs: StressRefs
): void {
  const dec = input.decisionYear;
  const c = (name: keyof typeof COLUMN) => column(COLUMN[name]);
  const fromDecision = dec - flows.first;
  const yearEnd = input.timing.value === "Year-end";
  const engine = (margin: number, realisation: number, failure?: number) =>
    yearEnd
      ? runEngine("LOOK_THROUGH", {
          investments: flows.thisDeal.slice(fromDecision),
          spend: flows.spend.slice(fromDecision),
          capex: flows.capexAfterTax.slice(fromDecision),
          stake_value: (numberOf(input.ownershipBought) ?? NaN) * (numberOf(input.mark) ?? NaN),
          vendor_margin: margin,
          tax_rate: numberOf(input.taxRate),
          discount_rate: numberOf(input.discountRate),
          realisation,
          failure_period: failure,
        })
      : () => ({ error: "#N/A", message: "mid-year timing" }) as EngineResult;

  section(
    sheet,
    `Stress: this deal's decision (${dec} money) if the customer fails, the margin is compressed, or part of the spend would have happened anyway`
  );
  const [failureYear, compression, incremental] = inputRows(wb, sheet, [
    { datum: failureYearChoices(stress.failureYear, dec, flows.last), format: FORMATS.integer },
    { datum: stress.marginCompression, format: PCT },
    { datum: stress.incrementalShare, format: PCT },
  ]);
  const noFailure = flows.last + 1;
  const [, stop] = sheet.row(
    label("First year nothing flows (a year from the decision on; none: after the last year)"),
    calc(
      // Text other than "None" fails at +0 (#VALUE!); a year before the decision gives #N/A.
      fx`IF(${failureYear}=${NO_FAILURE},${noFailure},IF(${failureYear}="",${noFailure},IF(${failureYear}+0>=${dec},${failureYear}+0,NA())))`,
      { format: FORMATS.integer }
    )
  );
  const [, stressed] = sheet.row(
    label("Vendor margin, compressed"),
    calc(fx`${refs.margin}-${compression}`, { format: PCT })
  );

  /** NPV of this deal's decision with margin `g` on the spend, flows stopping in year `until`. */
  const npv = (g: Formula | Ref, until: Formula | Ref) => {
    const flowing = fx`(${c("year")}<${until})`;
    return fx`SUMPRODUCT(${flowing}*(${c("stake")}-${c("investment")}),${c("discount")})+SUMPRODUCT(${flowing}*(${g}*(1-${refs.tax})*${refs.realisation}*${c("spend")}-${c("capex")}),${c("operatingDiscount")})`;
  };
  const none = fx`${noFailure}`;
  const margin = numberOf(input.vendorMargin) ?? NaN;
  const squeezed = margin - (numberOf(stress.marginCompression) ?? NaN);
  const share = numberOf(stress.incrementalShare) ?? NaN;
  const realisation = numberOf(input.realisation) ?? NaN;
  const failure = failurePeriod(input, stress);
  type Case = [string, Formula, EngineResult];
  const cases: Case[] = [
    ["No stress (as modelled above)", npv(refs.margin, none), engine(margin, realisation)("npv")],
    [
      "The customer fails in the year above",
      npv(refs.margin, stop),
      engine(margin, realisation, failure)("npv"),
    ],
    ["The margin compressed", npv(stressed, none), engine(squeezed, realisation)("npv")],
    [
      "Only the incremental share of the spend earns a margin",
      npv(fx`${refs.margin}*${incremental}`, none),
      engine(margin * share, realisation)("npv"),
    ],
    [
      "All three together",
      npv(fx`${stressed}*${incremental}`, stop),
      engine(squeezed * share, realisation, failure)("npv"),
    ],
  ];
  sheet.row(
    header("Case (at the share of the commitment spent above)"),
    header("Net present value"),
    header("Change from no stress")
  );
  const first = sheet.nextRow;
  const placed = cases.map(([text, formula, result]) => {
    const [, value] = sheet.row(
      label(text),
      calc(formula, { format: USD, expected: engineNumber(result) }),
      calc(fx`${sheet.ahead(2)}-${sheet.ref(first, 2)}`, { format: USD })
    );
    return value;
  });
  const all = placed[placed.length - 1];
  const allResult = engine(squeezed * share, realisation, failure);
  const stakeLost = fx`SUMPRODUCT((${c("year")}<${stop})*${c("stake")},${c("discount")})`;
  const written = engineNumber(allResult("npv"));
  const stakePv = engineNumber(allResult("stake_pv"));
  sheet.row(
    label("All three together, the stake written off as well"),
    calc(fx`${all}-${stakeLost}`, {
      format: USD,
      expected: written !== undefined && stakePv !== undefined ? written - stakePv : undefined,
    }),
    calc(fx`${sheet.ahead(2)}-${sheet.ref(first, 2)}`, { format: USD })
  );
  sheet.row(
    label(
      "A failure stops the spend, this deal's investment and the capex from that year on, and the stake is worth nothing. Incrementality scales only the margin: the capex to serve the spend is still built.",
      "note"
    )
  );
  sheet.blank();
  breakEvenGrid(wb, sheet, stress, column, refs, engine);
}

const GRID_POINTS = 5;

/**
 * NPV of this deal's decision over margin × realisation (no failure, every dollar incremental),
 * with the break-even margin at each realisation and the break-even realisation at each margin:
 * where the grid crosses zero.
 */
function breakEvenGrid(
  wb: WorkbookBuilder,
  sheet: SheetBuilder,
  stress: LoopStress,
  column: (c: number) => Span,
  refs: StressRefs,
  engine: (margin: number, realisation: number) => (field: string) => EngineResult
): void {
  const c = (name: keyof typeof COLUMN) => column(COLUMN[name]);
  section(
    sheet,
    "Break-even grid: net present value of this deal's decision by vendor margin × share of the commitment spent (no failure; all the spend incremental)"
  );
  const [marginStep, realisationStep] = inputRows(wb, sheet, [
    { datum: stress.gridMarginStep, format: PCT },
    { datum: stress.gridRealisationStep, format: PCT },
  ]);
  const [, cost] = sheet.row(
    label("PV of this deal's investment and the capex after its tax deduction, less the stake"),
    calc(
      fx`SUMPRODUCT(${c("investment")}-${c("stake")},${c("discount")})+SUMPRODUCT(${c("capex")},${c("operatingDiscount")})`,
      { format: USD }
    )
  );
  const [, spendPv] = sheet.row(
    label("PV of the committed spend after tax (per unit of margin and of share spent)"),
    calc(fx`(1-${refs.tax})*SUMPRODUCT(${c("spend")},${c("operatingDiscount")})`, { format: USD })
  );
  const marginSteps = numberOf(stress.gridMarginStep) ?? NaN;
  const realisationSteps = numberOf(stress.gridRealisationStep) ?? NaN;
  const realisations = Array.from({ length: GRID_POINTS }, (_, k) =>
    Math.min(1, (k + 1) * realisationSteps)
  );
  const margins = Array.from({ length: GRID_POINTS + 1 }, (_, k) => Math.min(1, k * marginSteps));
  // The helper column's title sits above the axis row: the axis row keeps one title, as the
  // sensitivity grid's does, and its values read as the column heads.
  sheet.rowFrom(2 + GRID_POINTS, header("Break-even share spent at this margin"));
  const [, ...columnRefs] = sheet.row(
    header("Vendor margin ↓ · share spent →"),
    ...realisations.map((_, k) => calc(fx`MIN(1,${k + 1}*${realisationStep})`, { format: PCT }))
  );
  margins.forEach((g, k) => {
    const rowRef = sheet.ahead(1);
    const ratio = fx`${cost}/(${rowRef}*${spendPv})`;
    sheet.row(
      calc(fx`MIN(1,${k}*${marginStep})`, { format: PCT }),
      ...realisations.map((rho, i) =>
        calc(fx`${rowRef}*${columnRefs[i]}*${spendPv}-${cost}`, {
          format: USD,
          expected: engineNumber(engine(g, rho)("npv")),
        })
      ),
      calc(
        fx`IF(${rowRef}*${spendPv}<=0,"none: no margin to earn",IF(${ratio}>1,"over 100%: not at this margin",MAX(0,${ratio})))`,
        { format: PCT }
      )
    );
  });
  sheet.row(
    label("Break-even margin at this share spent"),
    ...realisations.map((rho, i) =>
      calc(
        fx`IF(${columnRefs[i]}*${spendPv}<=0,"none: nothing spent",${cost}/(${columnRefs[i]}*${spendPv}))`,
        {
          format: PCT,
          expected: engineNumber(engine(margins[0], rho)("breakeven_margin")),
        }
      )
    )
  );
  sheet.row(
    label(
      "Each grid cell is NPV = margin × share spent × PV of the spend after tax − (investment + capex after its tax deduction − stake in PV): zero where the margin is the break-even margin at that share spent. A break-even margin above 100% means no margin pays the deal back at that share.",
      "note"
    )
  );
}
