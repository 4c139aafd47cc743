/**
 * The vendor-loop sheet: a vendor invests in a customer that commits to spend with it. Inputs with
 * their sources, the investment tranches, VENDOR_FINANCE_LOOP's headline metrics, the year-by-year
 * VENDOR_LOOP_SCHEDULE, and net present cost over margin × discount rate, all as native formulas
 * checked against the engine.
 */
import {
  CheckRow,
  checkRows,
  headline,
  Headline,
  inputCells,
  inputRows,
  section,
  sensitivityGrid,
  titleBlock,
} from "./blocks";
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
import { runEngine } from "./engine";
import { FORMATS } from "./plan";

export interface Tranche {
  label: string;
  amount: Datum;
  /** The year (0 = signing) the tranche is paid in: a whole number. */
  period: Datum;
}

export interface VendorLoopInput {
  title: string;
  vendor: string;
  customer: string;
  tranches: readonly Tranche[];
  spendCommitment: Datum;
  /** Years the commitment is spent over, evenly, at the end of each year. */
  spendYears: Datum;
  vendorMargin: Datum;
  discountRate: Datum;
  /** The customer's post-money valuation at the vendor's entry, when known. */
  postMoney?: Datum;
  marginStep: Datum;
  rateStep: Datum;
}

const { usdBillions: USD, percent: PCT, multiple: MULT } = FORMATS;

/** The sum of the tranches (undefined while one is missing), as the sheet's SUM computes it. */
function totalInvestment(input: VendorLoopInput): number | undefined {
  const amounts = input.tranches.map((t) => numberOf(t.amount));
  return amounts.some((a) => a === undefined)
    ? undefined
    : (amounts as number[]).reduce((a, b) => a + b, 0);
}

/** Periods the schedule shows: every year of spend and every tranche's year. */
function periodCount(input: VendorLoopInput): number {
  const years = Math.ceil(numberOf(input.spendYears) ?? 1);
  const lastTranche = Math.max(0, ...input.tranches.map((t) => numberOf(t.period) ?? 0));
  return Math.max(years, lastTranche) + 1;
}

/** Investment and spend per period as the sheet computes them, for the engine. */
function flowsByPeriod(input: VendorLoopInput, periods: number) {
  const investments = new Array<number>(periods).fill(0);
  for (const tranche of input.tranches) {
    const period = numberOf(tranche.period);
    const amount = numberOf(tranche.amount);
    if (period !== undefined && amount !== undefined && period >= 0 && period < periods)
      investments[period] += amount;
  }
  const total = numberOf(input.spendCommitment);
  const years = numberOf(input.spendYears);
  const spend = Array.from({ length: periods }, (_, t) =>
    total !== undefined && years !== undefined && t >= 1 && t <= years ? total / years : 0
  );
  return { investments, spend };
}

export function vendorLoopSheet(
  wb: WorkbookBuilder,
  input: VendorLoopInput,
  sheetName = "Vendor loop"
): Headline[] {
  const sheet = wb.sheet(sheetName, [40, 14, 20, 15, 14, 14, 15, 15, 15, 11]);
  titleBlock(wb, sheet, input.title, `Vendor financing loop: ${input.vendor} → ${input.customer}`);

  section(sheet, "Inputs");
  const optional = input.postMoney
    ? [{ datum: input.postMoney, format: USD, name: "Loop_PostMoney" }]
    : [];
  const [spend, years, margin, rate, postMoney] = inputRows(wb, sheet, [
    { datum: input.spendCommitment, format: USD, name: "Loop_Spend" },
    { datum: input.spendYears, format: FORMATS.years, name: "Loop_Years" },
    { datum: input.vendorMargin, format: PCT, name: "Loop_Margin" },
    { datum: input.discountRate, format: PCT, name: "Loop_Rate" },
    ...optional,
  ]);
  sheet.blank();

  section(sheet, "Investment tranches");
  sheet.row(...["Tranche", "Year paid", "Amount", "Status", "Source / rationale"].map(header));
  const trancheRefs = input.tranches.map((tranche) => {
    const [, period, amount] = sheet.row(
      label(tranche.label),
      inputCells(tranche.period, FORMATS.integer)[0],
      ...inputCells(tranche.amount, USD)
    );
    return { period, amount };
  });
  const first = trancheRefs[0];
  const last = trancheRefs[trancheRefs.length - 1];
  const periods = new Span(first.period, last.period);
  const amounts = new Span(first.amount, last.amount);
  const totalRef = sheet.ahead(3);
  sheet.row(
    label("Total investment"),
    null,
    calc(fx`SUM(${amounts})`, { format: USD, emphasis: true })
  );
  const investment = wb.define("Loop_Investment", totalRef);
  sheet.blank();

  const total = totalInvestment(input);
  const headlines = headlineMetrics(sheet, input, total, {
    investment,
    spend,
    years,
    margin,
    rate,
    postMoney,
  });
  sheet.blank();
  headlines.push(...schedule(sheet, input, { periods, amounts, spend, years, margin, rate }));
  sheet.blank();

  sensitivityGrid(sheet, {
    title: "Net present cost: vendor margin × discount rate",
    rows: axis(margin, "Vendor margin", input.vendorMargin, input.marginStep, { min: -1, max: 1 }),
    columns: axis(rate, "Discount rate", input.discountRate, input.rateStep, {}),
    format: USD,
    cell: (g, r) => fx`${investment}-${g}*(${spend}/${years})*PV(${r},${years},-1)`,
    engine: (g, r) =>
      runEngine("VENDOR_FINANCE_LOOP", {
        investment: total,
        spend_commitment: numberOf(input.spendCommitment),
        vendor_margin: g,
        spend_years: numberOf(input.spendYears),
        discount_rate: r,
      })("net_present_cost"),
  });
  return headlines;
}

function axis(
  base: Ref,
  name: string,
  value: Datum,
  step: Datum,
  bounds: { min?: number; max?: number }
) {
  return {
    base,
    label: name,
    format: PCT,
    step,
    reach: 2,
    ...bounds,
    baseValue: numberOf(value) ?? NaN,
    stepValue: numberOf(step) ?? NaN,
  };
}

interface MetricRefs {
  investment: Ref;
  spend: Ref;
  years: Ref;
  margin: Ref;
  rate: Ref;
  postMoney?: Ref;
}

function headlineMetrics(
  sheet: SheetBuilder,
  input: VendorLoopInput,
  investment: number | undefined,
  refs: MetricRefs
): Headline[] {
  const { investment: I, spend: S, years: n, margin: g, rate: r, postMoney } = refs;
  const engine = runEngine("VENDOR_FINANCE_LOOP", {
    investment,
    spend_commitment: numberOf(input.spendCommitment),
    vendor_margin: numberOf(input.vendorMargin),
    spend_years: numberOf(input.spendYears),
    discount_rate: numberOf(input.discountRate),
    post_money: numberOf(input.postMoney),
  });
  section(sheet, "Headline metrics (DEAL.VENDOR_FINANCE_LOOP)");
  const row = (
    text: string,
    formula: Formula,
    field: string,
    format: string,
    emphasis = false
  ): CheckRow => ({
    label: text,
    formula,
    engine: engine(field),
    format,
    emphasis,
  });
  // The rows below the header, in order: exposure first, the PV of margin sixth.
  const exposure = sheet.ahead(2).offset(1, 0);
  const pvMargin = exposure.offset(5, 0);
  const rows = [
    row("Net cash exposure", fx`${I}-${g}*MIN(${I},${S})`, "net_cash_exposure", USD, true),
    row("Round trip (investment that comes back as spend)", fx`MIN(${I},${S})`, "round_trip", USD),
    row("Round-trip ratio", fx`MIN(${I},${S})/${I}`, "round_trip_ratio", PCT),
    row("Vendor-funded share of the spend", fx`MIN(${I},${S})/${S}`, "vendor_funded_share", PCT),
    row("Recaptured margin", fx`${g}*MIN(${I},${S})`, "recaptured_margin", USD),
    row(
      "PV of margin on the commitment",
      fx`${g}*(${S}/${n})*PV(${r},${n},-1)`,
      "pv_margin_on_commitment",
      USD
    ),
    row("Net present cost", fx`${I}-${pvMargin}`, "net_present_cost", USD, true),
    row("Margin payback multiple", fx`${pvMargin}/${I}`, "margin_payback_multiple", MULT),
    ...(postMoney
      ? [
          row(
            "Effective entry valuation",
            fx`${postMoney}*${exposure}/${I}`,
            "effective_entry_valuation",
            USD
          ),
        ]
      : []),
    row(
      "Deal margin if the stake is written off",
      fx`(${g}*${S}-${I})/${S}`,
      "deal_margin_if_written_off",
      PCT
    ),
  ];
  const natives = checkRows(sheet, rows);
  return [0, 6].map((i) => headline(rows[i], natives[i]));
}

interface ScheduleRefs {
  periods: Span;
  amounts: Span;
  spend: Ref;
  years: Ref;
  margin: Ref;
  rate: Ref;
}

const SCHEDULE_HEADER = [
  "Year",
  "Investment",
  "Spend",
  "Round-trip spend",
  "Vendor margin",
  "Net flow",
  "Cumulative net flow",
  "Discounted net flow",
  "Cumulative discounted",
  "Paid back in",
];

function schedule(sheet: SheetBuilder, input: VendorLoopInput, refs: ScheduleRefs): Headline[] {
  const periods = periodCount(input);
  const { investments, spend } = flowsByPeriod(input, periods);
  const engine = runEngine("VENDOR_LOOP_SCHEDULE", {
    investments,
    spend,
    vendor_margin: numberOf(input.vendorMargin),
    discount_rate: numberOf(input.discountRate),
  });
  const table = engine("schedule");
  const expectedAt = (t: number, column: number): number | undefined => {
    if (!("value" in table) || !Array.isArray(table.value)) return undefined;
    const value = table.value[t + 1]?.[column];
    return typeof value === "number" ? value : undefined;
  };

  section(
    sheet,
    "Schedule by year (DEAL.VENDOR_LOOP_SCHEDULE): spend evenly over the commitment's years"
  );
  sheet.row(...SCHEDULE_HEADER.map(header));
  const top = sheet.nextRow;
  const at = (row: number, column: number) => sheet.ref(row, column);
  for (let t = 0; t < periods; t++) {
    const row = top + t;
    const [A, B, C, , E, F, , , I] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => at(row, c));
    const fromTop = (column: number) => new Span(at(top, column), at(row, column));
    const roundTrip =
      t === 0
        ? fx`MIN(${C},${B})`
        : fx`MIN(${C},SUM(${fromTop(2)})-SUM(${new Span(at(top, 4), at(row - 1, 4))}))`;
    const cell = (formula: Formula, column: number) =>
      calc(formula, { format: USD, expected: expectedAt(t, column - 1) });
    sheet.row(
      label(t, "text", FORMATS.integer),
      cell(fx`SUMIF(${refs.periods},${A},${refs.amounts})`, 2),
      cell(fx`IF(AND(${A}>=1,${A}<=${refs.years}),${refs.spend}/${refs.years},0)`, 3),
      cell(roundTrip, 4),
      cell(fx`${refs.margin}*${C}`, 5),
      cell(fx`${E}-${B}`, 6),
      cell(fx`SUM(${fromTop(6)})`, 7),
      cell(fx`${F}/(1+${refs.rate})^${A}`, 8),
      cell(fx`SUM(${fromTop(8)})`, 9),
      calc(fx`IF(AND(SUM(${fromTop(2)})>0,${I}>=0),${A},"")`, { format: FORMATS.integer })
    );
  }
  const bottom = top + periods - 1;
  const column = (c: number) => new Span(at(top, c), at(bottom, c));
  sheet.blank();
  const rows: CheckRow[] = [
    {
      label: "NPV of the vendor's net flows",
      formula: fx`${at(top, 6)}+NPV(${refs.rate},${new Span(at(top + 1, 6), at(bottom, 6))})`,
      engine: engine("npv"),
      format: USD,
      emphasis: true,
    },
    {
      label: "Payback year (discounted)",
      formula: fx`IF(COUNT(${column(10)})=0,"not within the schedule",MIN(${column(10)}))`,
      engine: engine("payback_period"),
      format: FORMATS.integer,
    },
    {
      label: "Round-trip spend, total",
      formula: fx`SUM(${column(4)})`,
      engine: engine("round_trip_total"),
      format: USD,
    },
  ];
  const natives = checkRows(sheet, rows);
  return [headline(rows[0], natives[0]), headline(rows[1], natives[1])];
}
