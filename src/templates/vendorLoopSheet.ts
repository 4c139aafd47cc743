/**
 * The vendor loop as a look-through: a vendor invests in a customer that commits to spend with
 * it. Tranches at their dates (contingent money probability-weighted or switched off, never paid
 * at signing), the after-tax margin on the spend (a margin before depreciation), the capex to
 * serve it after its tax deduction, and the stake marked to
 * the latest valuation, by calendar year. Two analyses on one schedule, both in the decision
 * year's money: this deal's decision alone (earlier money sunk) and since the first tranche.
 * Every output is a native formula; the oracle recalculates them with LibreOffice.
 */
import {
  GridCells,
  Headline,
  inputCells,
  inputRows,
  section,
  sensitivityGrid,
  titleBlock,
} from "./blocks";
import { tornado, waterfall } from "./chartBlocks";
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
import { EngineArg, EngineResult, engineNumber, runEngine } from "./engine";
import { DEAL_FUNCTIONS } from "../engine/registry";
import { FORMATS } from "./plan";
import { ScenarioBand, scenarioSwitch } from "./scenario";
import { LoopStress, stressSections } from "./vendorLoopStress";

export interface LoopTranche {
  label: string;
  amount: Datum;
  /** The calendar year it is paid in (a whole number). */
  year: Datum;
  /** Its status in words: "paid", "option: exercised (implied by …)", "firm", "contingent". */
  status: string;
  /** Paid only if a trigger happens: weighted by the probability, or switched off. */
  contingent: boolean;
  /** Part of this deal's decision (else earlier money, sunk for the decision). */
  thisDeal: boolean;
}

export const TIMINGS = ["Year-end", "Mid-year"] as const;
export const CONTINGENT_TREATMENTS = ["Probability-weighted", "Excluded"] as const;

export interface LookThroughInput {
  title: string;
  vendor: string;
  customer: string;
  /** The calendar year of this deal's decision: every value is in this year's money. */
  decisionYear: number;
  tranches: readonly LoopTranche[];
  spendCommitment: Datum;
  /** Years the commitment is spent over, evenly, from the year after the decision. */
  spendYears: Datum;
  /** A margin before the depreciation of the capacity: the capex line carries its cost. */
  vendorMargin: Datum;
  /** Taxes the margin, and relieves the capex in the year it is spent. */
  taxRate: Datum;
  realisation: Datum;
  /** Capacity built to serve the spend (GW), and its cost per GW: capex spread over the spend years. */
  capacity: Datum;
  capexPerGw: Datum;
  /** The customer's latest valuation, and the vendor's ownership of it since inception. */
  mark: Datum;
  ownership: Datum;
  /** The share of the customer this deal's money buys. */
  ownershipBought: Datum;
  discountRate: Datum;
  timing: Datum;
  contingentTreatment?: Datum;
  contingentProbability?: Datum;
  marginStep: Datum;
  rateStep: Datum;
  /** Low / Base / High values of the sourced inputs whose words give a band. */
  bands?: { spendCommitment?: ScenarioBand };
  /** The stress cases and the break-even grid (absent: not written). */
  stress?: LoopStress;
}

const { usdBillions: USD, percent: PCT, multiple: MULT } = FORMATS;

/** LOOK_THROUGH's value for the same flows, once the engine has it (until then no expected). */
function lookThrough(args: Record<string, EngineArg>): (field: string) => EngineResult {
  if (!DEAL_FUNCTIONS.some((f) => f.name === "LOOK_THROUGH"))
    return () => ({ error: "#N/A", message: "LOOK_THROUGH is not in this build" });
  return runEngine("LOOK_THROUGH", args);
}

/**
 * The flows by calendar year as the sheet computes them (year-end timing), for the engine: the
 * capex after its tax deduction, so LOOK_THROUGH's capex is the sheet's.
 */
export function flowsByYear(input: LookThroughInput) {
  const years = numberOf(input.spendYears) ?? NaN;
  const trancheYears = input.tranches.map((t) => numberOf(t.year) ?? input.decisionYear);
  const first = Math.min(input.decisionYear, ...trancheYears);
  const last = Math.max(input.decisionYear + Math.ceil(years || 0), ...trancheYears);
  const count = last - first + 1;
  const probability =
    input.contingentTreatment?.value === "Excluded"
      ? 0
      : (numberOf(input.contingentProbability) ?? NaN);
  const earlier = new Array<number>(count).fill(0);
  const thisDeal = new Array<number>(count).fill(0);
  input.tranches.forEach((t, i) => {
    const counted = (numberOf(t.amount) ?? NaN) * (t.contingent ? probability : 1);
    (t.thisDeal ? thisDeal : earlier)[trancheYears[i] - first] += counted;
  });
  const spending = (year: number) =>
    year > input.decisionYear && year <= input.decisionYear + years;
  const perYear = (datum: number) =>
    Array.from({ length: count }, (_, k) => (spending(first + k) ? datum / years : 0));
  const spend = perYear(numberOf(input.spendCommitment) ?? NaN);
  const capexAfterTax = perYear(
    (numberOf(input.capacity) ?? NaN) *
      (numberOf(input.capexPerGw) ?? NaN) *
      (1 - (numberOf(input.taxRate) ?? NaN))
  );
  return { first, last, earlier, thisDeal, spend, capexAfterTax };
}

export function vendorLoopSheet(
  wb: WorkbookBuilder,
  input: LookThroughInput,
  sheetName = "Vendor loop"
): Headline[] {
  const sheet = wb.sheet(
    sheetName,
    [36, 14, 14, 22, 14, 30, 12, 14, 14, 13, 13, 13, 14, 14, 14, 14, 12, 12]
  );
  const dec = input.decisionYear;
  titleBlock(
    wb,
    sheet,
    input.title,
    `Look-through of ${input.vendor}'s investment in ${input.customer} and its spend commitment, in ${dec} money`
  );
  scenarioSwitch(wb, sheet);
  sheet.blank();

  section(sheet, "Inputs");
  const optional = input.contingentTreatment
    ? [
        { datum: input.contingentTreatment, name: "Loop_Contingent" },
        { datum: input.contingentProbability as Datum, format: PCT, name: "Loop_Probability" },
      ]
    : [];
  const [
    spend,
    years,
    margin,
    tax,
    realisation,
    capacity,
    capexPerGw,
    mark,
    ownership,
    ownershipBought,
    rate,
    timing,
    treatment,
    probability,
  ] = inputRows(wb, sheet, [
    {
      datum: input.spendCommitment,
      format: USD,
      name: "Loop_Spend",
      band: input.bands?.spendCommitment,
    },
    { datum: input.spendYears, format: FORMATS.years, name: "Loop_Years" },
    { datum: input.vendorMargin, format: PCT, name: "Loop_Margin" },
    { datum: input.taxRate, format: PCT, name: "Loop_Tax" },
    { datum: input.realisation, format: PCT, name: "Loop_Realisation" },
    { datum: input.capacity, format: '0.0" GW"', name: "Loop_Capacity" },
    { datum: input.capexPerGw, format: USD, name: "Loop_CapexPerGW" },
    { datum: input.mark, format: USD, name: "Loop_Mark" },
    { datum: input.ownership, format: PCT, name: "Loop_Ownership" },
    { datum: input.ownershipBought, format: "0.00%", name: "Loop_OwnershipBought" },
    { datum: input.discountRate, format: PCT, name: "Loop_Rate" },
    { datum: input.timing, name: "Loop_Timing" },
    ...optional,
  ]);
  sheet.row(
    label(
      'The margin is read before the depreciation of the capacity: the capex line carries its cost (an operating margin, after depreciation, would count it twice). The capex is deducted for tax in the year it is spent: US 100% bonus depreciation (restored for property acquired after 19 January 2025) lets the vendor deduct it at once, so each year\'s capex counts after its tax deduction, (1 − tax rate) × capex. A capacity stated as "up to" beside a spend stated as "over" is the cautious pairing: cost at its ceiling, revenue at its floor. The capacity stays at its ceiling in every scenario: the spend needs it.',
      "note"
    )
  );
  sheet.blank();

  section(sheet, "Investment tranches at their dates");
  sheet.row(
    ...[
      "Tranche",
      "Year paid",
      "Amount",
      "Source status",
      "What it is",
      "Source / rationale",
      "Weight",
      "Counted: earlier",
      "Counted: this deal",
    ].map(header)
  );
  const weightFormula = (tranche: LoopTranche): Formula =>
    tranche.contingent ? fx`IF(${treatment}="Probability-weighted",${probability},0)` : fx`1`;
  const trancheRefs = input.tranches.map((tranche) => {
    const amountRef = sheet.ahead(3);
    const weightRef = sheet.ahead(7);
    const [value, tag, where] = inputCells(tranche.amount, USD);
    const counted = calc(fx`${amountRef}*${weightRef}`, { format: USD });
    const [, year, , , , , , earlier, now] = sheet.row(
      label(tranche.label),
      inputCells(tranche.year, FORMATS.integer)[0],
      value,
      tag,
      label(tranche.status, "note"),
      where,
      calc(weightFormula(tranche), { format: PCT }),
      tranche.thisDeal ? label(0, "text", USD) : counted,
      tranche.thisDeal ? counted : label(0, "text", USD)
    );
    return { year, earlier, now };
  });
  const span = (pick: (r: (typeof trancheRefs)[number]) => Ref) =>
    new Span(pick(trancheRefs[0]), pick(trancheRefs[trancheRefs.length - 1]));
  const trancheYears = span((r) => r.year);
  const countedEarlier = span((r) => r.earlier);
  const countedNow = span((r) => r.now);
  sheet.row(
    label("Total counted"),
    null,
    null,
    null,
    null,
    null,
    null,
    calc(fx`SUM(${countedEarlier})`, { format: USD, emphasis: true }),
    calc(fx`SUM(${countedNow})`, { format: USD, emphasis: true })
  );
  sheet.blank();

  section(sheet, "The stake and the capacity");
  const [, stakeNow] = sheet.row(
    label("This deal's stake at the end, at the latest valuation (no growth assumed)"),
    calc(fx`${ownershipBought}*${mark}`, { format: USD })
  );
  const [, stakeAll] = sheet.row(
    label("The whole stake at the end, at the latest valuation (no growth assumed)"),
    calc(fx`${ownership}*${mark}`, { format: USD })
  );
  const [, capexTotal] = sheet.row(
    label("Capex to serve the commitment (capacity × cost per GW), spread over the spend years"),
    calc(fx`${capacity}*${capexPerGw}`, { format: USD })
  );
  const [, capexAfterTax] = sheet.row(
    label("Capex after its tax deduction (deducted in the year it is spent)"),
    calc(fx`${capexTotal}*(1-${tax})`, { format: USD })
  );
  sheet.blank();

  const flows = flowsByYear(input);
  const s = schedule(sheet, input, flows, {
    trancheYears,
    countedEarlier,
    countedNow,
    spend,
    years,
    margin,
    tax,
    realisation,
    capexAfterTax,
    stakeNow,
    stakeAll,
    rate,
    timing,
  });
  sheet.blank();
  const { headlines, bridge } = outputs(sheet, input, flows, s, { tax, realisation });
  sheet.blank();
  const cells = grid(sheet, input, flows, s, { margin, rate, tax, realisation });
  if (input.stress) {
    sheet.blank();
    stressSections(wb, sheet, input, input.stress, flows, s.column, { margin, tax, realisation });
  }
  sheet.blank();
  lookThroughCharts(sheet, bridge, cells);
  return headlines;
}

interface ScheduleRefs {
  trancheYears: Span;
  countedEarlier: Span;
  countedNow: Span;
  spend: Ref;
  years: Ref;
  margin: Ref;
  tax: Ref;
  realisation: Ref;
  /** The whole capex after its tax deduction, spread evenly over the spend years. */
  capexAfterTax: Ref;
  stakeNow: Ref;
  stakeAll: Ref;
  rate: Ref;
  timing: Ref;
}

const SCHEDULE_HEADER = [
  "Year",
  "Investment: earlier",
  "Investment: this deal",
  "Spend committed",
  "Margin after tax",
  "Capex after its tax deduction",
  "Operating net",
  "Operating flows at",
  "Stake: this deal",
  "Stake: since inception",
  "Discount factor",
  "Discount factor, operating",
  "Discounted: this deal",
  "Cumulative: this deal",
  "Discounted: since inception",
  "Cumulative: since inception",
  "Paid back from: this deal",
  "Paid back from: since inception",
];

/** The schedule's columns (1-based) and rows, for the outputs. */
interface Schedule {
  column: (c: number) => Span;
  top: number;
  bottom: number;
  /** The half-year dated flows for the IRR: this deal, since inception. */
  dated: { now: Span; all: Span };
}

type Flows = ReturnType<typeof flowsByYear>;

function schedule(
  sheet: SheetBuilder,
  input: LookThroughInput,
  flows: Flows,
  refs: ScheduleRefs
): Schedule {
  const dec = input.decisionYear;
  section(
    sheet,
    `Schedule by year: spend evenly over the commitment's years from ${dec + 1}; the stake at the end of the last year; discounted to ${dec}`
  );
  sheet.row(...SCHEDULE_HEADER.map(header));
  const top = sheet.nextRow;
  const count = flows.last - flows.first + 1;
  const bottom = top + count - 1;
  const at = (row: number, column: number) => sheet.ref(row, column);
  const column = (c: number) => new Span(at(top, c), at(bottom, c));
  const { rate } = refs;
  for (let k = 0; k < count; k++) {
    const row = top + k;
    const [A, B, C, D, E, F, G, H, I, J, K, L, M, , O] = Array.from({ length: 15 }, (_, i) =>
      at(row, i + 1)
    );
    const spending = fx`AND(${A}>${dec},${A}<=${dec}+${refs.years})`;
    const toEnd = (c: number) => new Span(at(row, c), at(bottom, c));
    const money = { format: USD };
    sheet.row(
      label(flows.first + k, "text", FORMATS.integer),
      calc(fx`SUMIF(${refs.trancheYears},${A},${refs.countedEarlier})`, money),
      calc(fx`SUMIF(${refs.trancheYears},${A},${refs.countedNow})`, money),
      calc(fx`IF(${spending},${refs.spend}/${refs.years},0)`, money),
      calc(fx`${refs.margin}*(1-${refs.tax})*${refs.realisation}*${D}`, money),
      calc(fx`IF(${spending},${refs.capexAfterTax}/${refs.years},0)`, money),
      calc(fx`${E}-${F}`, money),
      calc(fx`${A}-IF(${refs.timing}="Mid-year",0.5,0)`, { format: "0.0" }),
      calc(k === count - 1 ? fx`${refs.stakeNow}` : fx`0`, money),
      calc(k === count - 1 ? fx`${refs.stakeAll}` : fx`0`, money),
      calc(fx`(1+${rate})^-(${A}-${dec})`, { format: "0.0000" }),
      calc(fx`(1+${rate})^-(${H}-${dec})`, { format: "0.0000" }),
      calc(fx`(${I}-${C})*${K}+${G}*${L}`, money),
      calc(fx`SUM(${new Span(at(top, 13), M)})`, money),
      calc(fx`(${J}-${B}-${C})*${K}+${G}*${L}`, money),
      calc(fx`SUM(${new Span(at(top, 15), O)})`, money),
      // The last crossing: from this year on the cumulative never goes below zero again.
      calc(fx`IF(AND(${A}>=${dec},COUNTIF(${toEnd(14)},"<0")=0),${A},"")`, {
        format: FORMATS.integer,
      }),
      calc(fx`IF(COUNTIF(${toEnd(16)},"<0")=0,${A},"")`, { format: FORMATS.integer })
    );
  }
  sheet.blank();

  section(
    sheet,
    "Dated flows for the IRR, in half-year steps (so mid-year timing is exact): investments and the stake at their years, operating flows when they fall"
  );
  sheet.row(...["Time (years)", "This deal", "Since inception"].map(header));
  const datedTop = sheet.nextRow;
  const steps = 2 * (count - 1) + 1;
  for (let k = 0; k < steps; k++) {
    const T = sheet.ahead(1);
    const years = column(1);
    const operating = fx`SUMIF(${column(8)},${T},${column(7)})`;
    sheet.row(
      label(flows.first + k / 2, "text", "0.0"),
      calc(fx`SUMIF(${years},${T},${column(9)})-SUMIF(${years},${T},${column(3)})+${operating}`, {
        format: USD,
      }),
      calc(
        fx`SUMIF(${years},${T},${column(10)})-SUMIF(${years},${T},${column(2)})-SUMIF(${years},${T},${column(3)})+${operating}`,
        { format: USD }
      )
    );
  }
  const datedBottom = datedTop + steps - 1;
  const dated = {
    now: new Span(at(datedTop, 2), at(datedBottom, 2)),
    all: new Span(at(datedTop, 3), at(datedBottom, 3)),
  };
  return { column, top, bottom, dated };
}

const NO_GAIN = "n.m. (money back does not exceed money out)";

/**
 * The annual IRR from half-year flows. A position whose money back does not exceed its money out
 * has no positive rate, and a spreadsheet's IRR search rarely finds its negative one: "n.m.".
 */
const irr = (flows: Span): Formula =>
  fx`IF(SUM(${flows})<=0,${NO_GAIN},IFERROR((1+IRR(${flows},0.01))^2-1,"n.m. (no rate found)"))`;

function outputs(
  sheet: SheetBuilder,
  input: LookThroughInput,
  flows: Flows,
  s: Schedule,
  refs: { tax: Ref; realisation: Ref }
): { headlines: Headline[]; bridge: NpvBridge } {
  const dec = input.decisionYear;
  const c = s.column;
  const r = numberOf(input.discountRate) ?? NaN;
  const yearEnd = input.timing.value === "Year-end";
  const fromDecision = dec - flows.first;
  const common = {
    vendor_margin: numberOf(input.vendorMargin),
    tax_rate: numberOf(input.taxRate),
    discount_rate: r,
    realisation: numberOf(input.realisation),
  };
  const now = lookThrough({
    ...common,
    investments: flows.thisDeal.slice(fromDecision),
    spend: flows.spend.slice(fromDecision),
    capex: flows.capexAfterTax.slice(fromDecision),
    stake_value: (numberOf(input.ownershipBought) ?? NaN) * (numberOf(input.mark) ?? NaN),
  });
  const all = lookThrough({
    ...common,
    investments: flows.earlier.map((e, k) => e + flows.thisDeal[k]),
    spend: flows.spend,
    capex: flows.capexAfterTax,
    stake_value: (numberOf(input.ownership) ?? NaN) * (numberOf(input.mark) ?? NaN),
  });
  // Undiscounted money back less money out: the IRR is shown only when it is positive.
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const operating =
    (1 - (common.tax_rate ?? NaN)) *
      (common.vendor_margin ?? NaN) *
      (common.realisation ?? NaN) *
      sum(flows.spend) -
    sum(flows.capexAfterTax);
  const gain = {
    now:
      operating +
      (numberOf(input.ownershipBought) ?? NaN) * (numberOf(input.mark) ?? NaN) -
      sum(flows.thisDeal),
    all:
      operating +
      (numberOf(input.ownership) ?? NaN) * (numberOf(input.mark) ?? NaN) -
      sum(flows.thisDeal) -
      sum(flows.earlier),
  };
  // LOOK_THROUGH discounts to its first period: since inception that is the first tranche's year.
  const rollForward = (1 + r) ** fromDecision;
  const expect = (result: EngineResult, scale = 1): number | undefined => {
    const value = engineNumber(result);
    return yearEnd && value !== undefined ? value * scale : undefined;
  };

  section(
    sheet,
    `Look-through outputs, in ${dec} money (${input.timing.value} timing of the operating flows)`
  );
  sheet.row(
    header("Output"),
    header(`This deal's decision (${dec}; earlier money sunk)`),
    header(`Since inception (${flows.first})`)
  );
  const row0 = sheet.nextRow;
  const O = (k: number, col: 2 | 3) => sheet.ref(row0 + k, col);
  const pv = (amounts: Formula, factor: 11 | 12) => fx`SUMPRODUCT(${amounts},${c(factor)})`;
  const invNow = pv(fx`${c(3)}`, 11);
  const invAll = fx`${pv(fx`${c(2)}`, 11)}+${pv(fx`${c(3)}`, 11)}`;
  type Line = [string, Formula, Formula, string, string?, boolean?];
  const lines: Line[] = [
    ["Net present value", fx`SUM(${c(13)})`, fx`SUM(${c(15)})`, USD, "npv", true],
    ["PV of the after-tax margin", pv(fx`${c(5)}`, 12), pv(fx`${c(5)}`, 12), USD, "margin_pv"],
    [
      "PV of the capex after its tax deduction",
      pv(fx`${c(6)}`, 12),
      pv(fx`${c(6)}`, 12),
      USD,
      "capex_pv",
    ],
    ["PV of the money invested", invNow, invAll, USD, "investment_pv"],
    ["PV of the stake at the end", pv(fx`${c(9)}`, 11), pv(fx`${c(10)}`, 11), USD, "stake_pv"],
    [
      "Net present value if the stake is written off",
      fx`${O(0, 2)}-${O(4, 2)}`,
      fx`${O(0, 3)}-${O(4, 3)}`,
      USD,
    ],
    ["IRR (a year)", irr(s.dated.now), irr(s.dated.all), PCT, "irr"],
    [
      "Multiple of money out (undiscounted: after-tax margin and stake over investment and after-tax capex)",
      fx`(SUM(${c(5)})+SUM(${c(9)}))/(SUM(${c(3)})+SUM(${c(6)}))`,
      fx`(SUM(${c(5)})+SUM(${c(10)}))/(SUM(${c(2)})+SUM(${c(3)})+SUM(${c(6)}))`,
      MULT,
      "moic",
    ],
    [
      "Break-even margin (NPV = 0, all else fixed)",
      fx`(${O(3, 2)}+${O(2, 2)}-${O(4, 2)})/((1-${refs.tax})*${refs.realisation}*${pv(fx`${c(4)}`, 12)})`,
      fx`(${O(3, 3)}+${O(2, 3)}-${O(4, 3)})/((1-${refs.tax})*${refs.realisation}*${pv(fx`${c(4)}`, 12)})`,
      PCT,
      "breakeven_margin",
    ],
    [
      `Payback: years until the cumulative discounted flow stays at or above zero`,
      fx`IF(${sheet.ref(s.bottom, 14)}<0,"not paid back",MIN(${c(17)})-${dec})`,
      fx`IF(${sheet.ref(s.bottom, 16)}<0,"not paid back",MIN(${c(18)})-${flows.first})`,
      FORMATS.integer,
      "payback_period",
    ],
  ];
  const placed = lines.map(([text, a, b, format, field, emphasis]) => {
    const scaled =
      field && ["npv", "margin_pv", "capex_pv", "investment_pv", "stake_pv"].includes(field);
    const expected = {
      now: field && (field !== "irr" || gain.now > 0) ? expect(now(field)) : undefined,
      all:
        field && (field !== "irr" || gain.all > 0)
          ? expect(all(field), scaled ? rollForward : 1)
          : undefined,
    };
    const [, x, y] = sheet.row(
      label(text),
      calc(a, { format, emphasis, expected: expected.now }),
      calc(b, { format, emphasis, expected: expected.all })
    );
    return { x, y, expected };
  });
  sheet.row(
    label(
      "Both columns are in the same year's money: earlier tranches are carried forward at the discount rate. The round-trip spend happens only if the customer spends as committed (realisation).",
      "note"
    )
  );
  const [npv, marginPv, capexPv, investmentPv, stakePv, , , , , payback] = placed;
  const bridge = {
    npv: npv.x,
    marginPv: marginPv.x,
    capexPv: capexPv.x,
    investmentPv: investmentPv.x,
    stakePv: stakePv.x,
  };
  const headlines = [
    {
      label: `NPV of this deal's decision (${dec} money)`,
      ref: npv.x,
      format: USD,
      expected: npv.expected.now,
      method:
        "look-through NPV of this deal's decision, earlier money sunk: equity out, after-tax margin (before depreciation) on the customer's spend less the capex to serve it after its tax deduction, the stake at the end",
    },
    {
      label: `NPV since inception (${dec} money)`,
      ref: npv.y,
      format: USD,
      expected: npv.expected.all,
      method:
        "look-through NPV of every tranche since the first, carried forward to the same year's money",
    },
    {
      label: "Payback of this deal (years)",
      ref: payback.x,
      format: FORMATS.integer,
      expected: payback.expected.now,
      method:
        "years until this deal's cumulative look-through cash flow turns positive for the last time",
    },
  ];
  return { headlines, bridge };
}

/** This deal's decision: the present values that add up to its NPV. */
interface NpvBridge {
  npv: Ref;
  marginPv: Ref;
  capexPv: Ref;
  investmentPv: Ref;
  stakePv: Ref;
}

/** The NPV bridge as a waterfall, and a tornado over the sensitivity grid's two inputs. */
function lookThroughCharts(sheet: SheetBuilder, b: NpvBridge, cells: GridCells): void {
  waterfall(sheet, {
    title: "This deal's NPV, from its present values",
    heading:
      "Chart: PV of the margin + PV of the stake − PV of the capex (after tax) − PV of the money invested = NPV",
    format: USD,
    steps: [
      { name: "PV of the after-tax margin", kind: "change", amount: fx`${b.marginPv}` },
      { name: "PV of the stake at the end", kind: "change", amount: fx`${b.stakePv}` },
      {
        name: "PV of the capex after its tax deduction",
        kind: "change",
        amount: fx`-${b.capexPv}`,
      },
      { name: "PV of the money invested", kind: "change", amount: fx`-${b.investmentPv}` },
      { name: "Net present value", kind: "total", amount: fx`${b.npv}` },
    ],
    crossesZero: true,
    box: { columns: 4, rows: 18 },
  });
  tornado(sheet, {
    title: "This deal's NPV: each input at the ends of its grid range",
    heading:
      "Chart: change in this deal's NPV from the base case, one input at a time (the grid's outer rows and columns)",
    format: USD,
    base: cells(0, 0),
    inputs: [
      { name: "Vendor margin", atLow: cells(-GRID_REACH, 0), atHigh: cells(GRID_REACH, 0) },
      { name: "Discount rate", atLow: cells(0, -GRID_REACH), atHigh: cells(0, GRID_REACH) },
    ],
    box: { columns: 4, rows: 12 },
  });
}

/** Steps each side of the base in the sensitivity grid (its outer rows feed the tornado). */
const GRID_REACH = 2;

/** NPV of this deal's decision over margin × discount rate, from the schedule's columns. */
function grid(
  sheet: SheetBuilder,
  input: LookThroughInput,
  flows: Flows,
  s: Schedule,
  refs: { margin: Ref; rate: Ref; tax: Ref; realisation: Ref }
): GridCells {
  const dec = input.decisionYear;
  const c = s.column;
  const fromDecision = dec - flows.first;
  const axis = (
    base: Ref,
    name: string,
    value: Datum,
    step: Datum,
    bounds: { min?: number; max?: number }
  ) => ({
    base,
    label: name,
    format: PCT,
    step,
    reach: GRID_REACH,
    ...bounds,
    baseValue: numberOf(value) ?? NaN,
    stepValue: numberOf(step) ?? NaN,
  });
  const stake = (numberOf(input.ownershipBought) ?? NaN) * (numberOf(input.mark) ?? NaN);
  return sensitivityGrid(sheet, {
    title: `Net present value of this deal's decision: vendor margin × discount rate`,
    rows: axis(refs.margin, "Vendor margin", input.vendorMargin, input.marginStep, {
      min: -1,
      max: 1,
    }),
    columns: axis(refs.rate, "Discount rate", input.discountRate, input.rateStep, { min: -0.99 }),
    format: USD,
    cell: (g, r) =>
      fx`SUMPRODUCT(${c(9)}-${c(3)},(1+${r})^-(${c(1)}-${dec}))+SUMPRODUCT(${g}*(1-${refs.tax})*${refs.realisation}*${c(4)}-${c(6)},(1+${r})^-(${c(8)}-${dec}))`,
    engine: (g, r) =>
      input.timing.value === "Year-end"
        ? lookThrough({
            investments: flows.thisDeal.slice(fromDecision),
            spend: flows.spend.slice(fromDecision),
            capex: flows.capexAfterTax.slice(fromDecision),
            stake_value: stake,
            vendor_margin: g,
            tax_rate: numberOf(input.taxRate),
            discount_rate: r,
            realisation: numberOf(input.realisation),
          })("npv")
        : { error: "#N/A", message: "mid-year timing" },
  });
}
