/**
 * VENDOR_LOOP_SCHEDULE: the vendor-finance loop period by period, for tranches and uneven spend.
 * Spend counts as round trip while investment that has not yet come back covers it:
 * rt_t = min(S_t, pool_(t−1) + I_t), pool_t = pool_(t−1) + I_t − rt_t.
 */
import { Args, DealFunction, Table } from "./definition";
import { Dec, ONE, ZERO, decMin, discountFactor, toDouble } from "./numeric";
import { paybackPeriod } from "./payback";

export interface VendorLoopScheduleInputs {
  /** Investment in period 0, 1, 2, …; the shorter of the two lists counts as padded with zeros. */
  investments: Dec[];
  spend: Dec[];
  vendorMargin: Dec;
  discountRate: Dec;
}

/** The spill's header row, in the spec's order. */
export const SCHEDULE_COLUMNS = [
  "period",
  "investment",
  "spend",
  "round_trip_spend",
  "margin",
  "net_flow",
  "cumulative_net_flow",
  "discounted_net_flow",
  "cumulative_discounted_net_flow",
] as const;

type Amount = Exclude<(typeof SCHEDULE_COLUMNS)[number], "period">;
type Period = Record<Amount, Dec>;
const AMOUNT_COLUMNS = SCHEDULE_COLUMNS.slice(1) as Amount[];

interface Totals {
  npv: Dec;
  roundTripTotal: Dec;
  periods: number;
  /** The last period with cumulative_discounted_net_flow < 0; -1 if none. */
  lastBelowZero: number;
}

/**
 * One pass over the periods, handing each to `visit` (the spill converts it to doubles at once, so
 * no period's decimals outlive the loop: 10,000 periods stay in a few tens of milliseconds). A
 * decimal operation costs about half a microsecond, so the loop skips those whose result it
 * already knows (adding a zero, discounting at period 0).
 */
function walk(
  { investments, spend, vendorMargin, discountRate }: VendorLoopScheduleInputs,
  visit?: (period: Period, t: number) => void
): Totals {
  // One factor per period by a running product: a power per period costs more than the whole table.
  const perPeriod = discountFactor(discountRate, ONE);
  const periods = Math.max(investments.length, spend.length);
  let pool = ZERO;
  let cumulative = ZERO;
  let cumulativeDiscounted = ZERO;
  let roundTripTotal = ZERO;
  let factor = ONE;
  let lastBelowZero = -1;
  for (let t = 0; t < periods; t++) {
    const investment = investments[t] ?? ZERO;
    const spent = spend[t] ?? ZERO;
    const invested = !investment.isZero();
    const available = invested ? pool.plus(investment) : pool;
    const roundTrip = decMin(spent, available);
    if (roundTrip === available) pool = ZERO;
    else if (!roundTrip.isZero()) pool = available.minus(roundTrip);
    else pool = available;
    if (!roundTrip.isZero()) roundTripTotal = roundTripTotal.plus(roundTrip);
    const margin = vendorMargin.times(spent);
    const netFlow = invested ? margin.minus(investment) : margin;
    const discounted = t === 0 ? netFlow : netFlow.times(factor);
    cumulative = cumulative.plus(netFlow);
    cumulativeDiscounted = cumulativeDiscounted.plus(discounted);
    if (cumulativeDiscounted.isNegative()) lastBelowZero = t;
    visit?.(
      {
        investment,
        spend: spent,
        round_trip_spend: roundTrip,
        margin,
        net_flow: netFlow,
        cumulative_net_flow: cumulative,
        discounted_net_flow: discounted,
        cumulative_discounted_net_flow: cumulativeDiscounted,
      },
      t
    );
    factor = t === 0 ? perPeriod : factor.times(perPeriod);
  }
  return { npv: cumulativeDiscounted, roundTripTotal, periods, lastBelowZero };
}

export function vendorLoopSchedule(inputs: VendorLoopScheduleInputs) {
  let computed: Totals | undefined;
  const totals = () => (computed ??= walk(inputs));
  return {
    schedule: (): Table => {
      const rows: Table = [[...SCHEDULE_COLUMNS]];
      // Converting costs more than the rest of the loop, so skip zeros (periods without investment) and
      // a column that repeats the one before (round trip = spend while covered, net flow = margin).
      let last = ZERO;
      let lastCell = 0;
      const cell = (value: Dec, column: Amount): number => {
        if (value !== last) lastCell = value.isZero() ? 0 : toDouble(value, column);
        last = value;
        return lastCell;
      };
      walk(inputs, (period, t) => {
        const row: number[] = [t];
        for (const column of AMOUNT_COLUMNS) row.push(cell(period[column], column));
        rows.push(row);
      });
      return rows;
    },
    npv: () => toDouble(totals().npv, "npv"),
    payback_period: () => paybackPeriod(totals().lastBelowZero, totals().periods - 1),
    round_trip_total: () => toDouble(totals().roundTripTotal, "round_trip_total"),
  };
}

export const VENDOR_LOOP_SCHEDULE: DealFunction = {
  name: "VENDOR_LOOP_SCHEDULE",
  params: [
    { name: "investments", kind: "numberList", rule: { min: 0 } },
    { name: "spend", kind: "numberList", rule: { min: 0 } },
    { name: "vendor_margin", kind: "number", rule: { min: -1, max: 1 } },
    {
      name: "discount_rate",
      kind: "number",
      rule: { greaterThan: -1 },
      optional: true,
      defaultValue: 0,
    },
  ],
  fields: ["npv", "payback_period", "round_trip_total"],
  fieldHelp: {
    payback_period:
      "The period from which the cumulative discounted net flow stays >= 0 to the end (the last crossing); #N/A when it ends below 0.",
  },
  headline: "schedule",
  evaluate: (args: Args) =>
    vendorLoopSchedule({
      investments: args.investments as Dec[],
      spend: args.spend as Dec[],
      vendorMargin: args.vendor_margin as Dec,
      discountRate: args.discount_rate as Dec,
    }),
};
