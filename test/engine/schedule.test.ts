import fc from "fast-check";
import { VENDOR_LOOP_SCHEDULE } from "../../src/engine/schedule";
import { VENDOR_FINANCE_LOOP } from "../../src/engine/vendorLoop";
import { callDealFunction, CellResult } from "../../src/functions/adapter";
import { expectClose, expectError, numberOf, tableOf } from "./cellExpect";

const COLUMNS = [
  "period",
  "investment",
  "spend",
  "round_trip_spend",
  "margin",
  "net_flow",
  "cumulative_net_flow",
  "discounted_net_flow",
  "cumulative_discounted_net_flow",
];

/** Excel passes a column range as [[a], [b], …]. */
const column = (values: readonly number[]): number[][] => values.map((value) => [value]);
const schedule = (
  investments: unknown,
  spend: unknown,
  margin: unknown,
  rate: unknown = null,
  output: unknown = null
): CellResult => callDealFunction(VENDOR_LOOP_SCHEDULE, [investments, spend, margin, rate, output]);

/** The spill's body as records keyed by the header row. */
function rowsOf(result: CellResult): Record<string, number>[] {
  const [header, ...body] = tableOf(result);
  expect(header).toEqual(COLUMNS);
  return body.map((row) => Object.fromEntries(row.map((cell, i) => [COLUMNS[i], cell as number])));
}

// Subnormal numbers would underflow in the tests' own double arithmetic, so none are generated.
const amount = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e9, noNaN: true }));
const amounts = (maxLength: number) => fc.array(amount, { minLength: 1, maxLength });
const notSubnormal = (x: number) => x === 0 || Math.abs(x) > 1e-100;
const rate = fc.double({ min: -0.5, max: 0.5, noNaN: true }).filter(notSubnormal);
const margin = fc.double({ min: -1, max: 1, noNaN: true }).filter(notSubnormal);

describe("VENDOR_LOOP_SCHEDULE", () => {
  it("builds the table by hand: tranches, uneven spend, the shorter list padded with zeros", () => {
    // Investments 100 then 50 at t = 2; spend 30, 80, 60, 20; margin 30%; 10% a year.
    // t0: pool 100 covers 30 (pool 70). t1: 70 of the 80 (pool 0). t2: the new 50 covers 50 of 60. t3: nothing left.
    const rows = rowsOf(schedule([[100, 0, 50]], column([30, 80, 60, 20]), 0.3, 0.1));
    const net = [9 - 100, 24, 18 - 50, 6];
    const discounted = net.map((flow, t) => flow / 1.1 ** t);
    expect(
      rows.map((r) => [r.period, r.investment, r.spend, r.round_trip_spend, r.cumulative_net_flow])
    ).toEqual([
      [0, 100, 30, 30, -91],
      [1, 0, 80, 70, -67],
      [2, 50, 60, 50, -99],
      [3, 0, 20, 0, -93],
    ]);
    rows.forEach((row, t) => {
      expectClose(row.margin, 0.3 * [30, 80, 60, 20][t]);
      expectClose(row.net_flow, net[t]);
      expectClose(row.discounted_net_flow, discounted[t]);
    });
    // LibreOffice: -91 + NPV(0.1, 24, -32, 6).
    expectClose(rows[3].cumulative_discounted_net_flow, -91.1202103681443);
    expectClose(
      numberOf(schedule([[100, 0, 50]], column([30, 80, 60, 20]), 0.3, 0.1, "npv")),
      -91.1202103681443
    );
    expect(
      numberOf(schedule([[100, 0, 50]], column([30, 80, 60, 20]), 0.3, 0.1, "round_trip_total"))
    ).toBe(150);
    expectError(
      schedule([[100, 0, 50]], column([30, 80, 60, 20]), 0.3, 0.1, "payback_period"),
      "#N/A",
      "payback_period: the cumulative discounted net flow is still below 0 at the last period (3)"
    );
  });

  it("has npv equal to the net flows discounted independently", () => {
    fc.assert(
      fc.property(amounts(30), amounts(30), margin, rate, (investments, spend, g, r) => {
        const periods = Math.max(investments.length, spend.length);
        const margins = spend.map((s) => g * s);
        const terms = Array.from(
          { length: periods },
          (_, t) => ((margins[t] ?? 0) - (investments[t] ?? 0)) * (1 + r) ** -t
        );
        const npv = numberOf(schedule(column(investments), [spend], g, r, "npv"));
        // Each term is a difference too (margin − investment): the double reference's rounding is
        // relative to the parts, so the tolerance scales with Σ (|margin| + |investment|)·(1 + r)^(−t).
        const scale = Array.from(
          { length: periods },
          (_, t) => (Math.abs(margins[t] ?? 0) + (investments[t] ?? 0)) * (1 + r) ** -t
        ).reduce((sum, part) => sum + part, 0);
        expectClose(
          npv,
          terms.reduce((sum, term) => sum + term, 0),
          1e-12,
          scale
        );
      })
    );
  });

  it("counts the parts of each term in the tolerance: a term that cancels to almost 0", () => {
    // margin 0.1 × spend 3 − investment 0.3 is 0 exactly in decimal, 5.6e-17 in doubles: a
    // tolerance relative to |Σ terms| alone would fail on the reference's own rounding.
    const npv = numberOf(schedule(column([0.3, 0]), column([3, 0]), 0.1, 0, "npv"));
    expect(npv).toBe(0);
    expect(Math.abs(0.1 * 3 - 0.3)).toBeGreaterThan(0);
    expectClose(npv, 0.1 * 3 - 0.3, 1e-12, 0.1 * 3 + 0.3);
  });

  it("agrees with VENDOR_FINANCE_LOOP for one investment at period 0 and spend spread evenly", () => {
    fc.assert(
      fc.property(
        amount,
        amount,
        margin,
        fc.integer({ min: 1, max: 40 }),
        rate,
        (i, s, g, n, r) => {
          const spend = [0, ...Array(n).fill(s / n)];
          const npv = numberOf(schedule(i, column(spend), g, r, "npv"));
          const cost = numberOf(
            callDealFunction(VENDOR_FINANCE_LOOP, [i, s, g, n, r, null, "net_present_cost"])
          );
          const pv = numberOf(
            callDealFunction(VENDOR_FINANCE_LOOP, [i, s, g, n, r, null, "pv_margin_on_commitment"])
          );
          expectClose(npv, -cost, 1e-12, i + Math.abs(pv));
          const roundTrip = numberOf(
            callDealFunction(VENDOR_FINANCE_LOOP, [i, s, g, n, r, null, "round_trip"])
          );
          expectClose(
            numberOf(schedule(i, column(spend), g, r, "round_trip_total")),
            roundTrip,
            1e-12,
            s + i
          );
        }
      )
    );
  });

  it("has round_trip_total = min(Σ investment, Σ spend) when all investment comes before the spend", () => {
    fc.assert(
      fc.property(amounts(10), amounts(10), fc.boolean(), (investments, later, overlap) => {
        // The spend may start in the last investment's period: that period's investment covers it.
        const spend = [...Array(investments.length - (overlap ? 1 : 0)).fill(0), ...later];
        const total = numberOf(schedule([investments], column(spend), 0.2, 0, "round_trip_total"));
        const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
        expectClose(
          total,
          Math.min(sum(investments), sum(later)),
          1e-12,
          sum(investments) + sum(later)
        );
      })
    );
  });

  it("never lets the pool go negative: Lindley's recursion, checked against its closed form", () => {
    // pool_t = max(0, pool_(t−1) + I_t − S_t) = the largest suffix sum of (I − S) ending at t (or 0),
    // and pool_t = Σ I − Σ round_trip_spend up to t. Integers keep the sums exact.
    const integers = fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(integers, integers, (investments, spend) => {
        const rows = rowsOf(schedule(column(investments), column(spend), 0.5));
        let invested = 0;
        let returned = 0;
        rows.forEach((row, t) => {
          invested += investments[t] ?? 0;
          returned += row.round_trip_spend;
          expect(row.round_trip_spend).toBeGreaterThanOrEqual(0);
          expect(row.round_trip_spend).toBeLessThanOrEqual(spend[t] ?? 0);
          let largestSuffix = 0;
          for (let k = 0; k <= t; k++) {
            let suffix = 0;
            for (let j = k; j <= t; j++) suffix += (investments[j] ?? 0) - (spend[j] ?? 0);
            largestSuffix = Math.max(largestSuffix, suffix);
          }
          expect(invested - returned).toBe(largestSuffix);
        });
      })
    );
  });

  it("finds the payback period: the period from which the cumulative discounted flow stays >= 0", () => {
    // 100 at t0, then 50 of margin a year at 10%: 45.45 + 41.32 < 100 <= 45.45 + 41.32 + 37.57.
    expect(numberOf(schedule(100, column([0, 50, 50, 50]), 1, 0.1, "payback_period"))).toBe(3);
    // LibreOffice: -100 + NPV(0.1, 50, 50, 50).
    expectClose(numberOf(schedule(100, column([0, 50, 50, 50]), 1, 0.1, "npv")), 24.3425995492111);
    // Undiscounted, the cumulative flow reaches exactly 0 at t2: >= 0 counts.
    expect(numberOf(schedule(100, column([0, 50, 50, 50]), 1, null, "payback_period"))).toBe(2);
    // Positive before any investment does not count: cumulative 5, 10, then -90 at the investment, +10 at t3.
    expect(
      numberOf(schedule(column([0, 0, 100]), column([10, 10, 0, 200]), 0.5, 0, "payback_period"))
    ).toBe(3);
    // Margin in the investment's own period can pay it back at once.
    expect(numberOf(schedule(10, 100, 0.5, 0.1, "payback_period"))).toBe(0);
    // Never below zero (no investment at all): 0; always below: #N/A.
    expect(numberOf(schedule([[0, 0]], 5, 0.5, 0, "payback_period"))).toBe(0);
    expectError(
      schedule([[0, 0]], 5, -0.5, 0, "payback_period"),
      "#N/A",
      "payback_period: the cumulative discounted net flow is still below 0 at the last period (1)"
    );
  });

  it("takes the last crossing, not the first: a later tranche can push the flow back below zero (regression)", () => {
    // −10 at t0, margin 0.5 × 30 = 15 at t1, −50 at t4, at 10%: the flow crosses 0 at t1 and
    // falls back below at t4. The old code answered 1.
    const args = [column([10, 0, 0, 0, 50]), column([0, 30, 0, 0, 0]), 0.5, 0.1] as const;
    const npv = -10 + 15 / 1.1 - 50 / 1.1 ** 4;
    expect(npv).toBeCloseTo(-30.5, 1);
    expectClose(numberOf(schedule(...args, "npv")), npv, 1e-12, 10 + 15 / 1.1 + 50 / 1.1 ** 4);
    expectError(
      schedule(...args, "payback_period"),
      "#N/A",
      "payback_period: the cumulative discounted net flow is still below 0 at the last period (4)"
    );
  });

  it("has payback_period equal to a brute-force last crossing on random schedules", () => {
    const integers = fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(integers, integers, (investments, spend) => {
        // integers and rate 0: the cumulative flow is exact in doubles
        const periods = Math.max(investments.length, spend.length);
        const cumulative: number[] = [];
        for (let t = 0, sum = 0; t < periods; t++)
          cumulative.push((sum += 0.5 * (spend[t] ?? 0) - (investments[t] ?? 0)));
        const stays = (from: number) => cumulative.slice(from).every((c) => c >= 0);
        const result = schedule(column(investments), column(spend), 0.5, 0, "payback_period");
        const expected = cumulative.findIndex((_, t) => stays(t));
        if (expected < 0) expectError(result, "#N/A", /still below 0 at the last period/);
        else expect(result).toBe(expected);
      })
    );
  });

  it("spills the whole table with its header row when output is omitted", () => {
    const table = tableOf(schedule([[10, 5]], [[2, 3, 4]], 0.5));
    expect(table[0]).toEqual(COLUMNS);
    expect(schedule([[10, 5]], [[2, 3, 4]], 0.5, null, "Schedule")).toEqual(table);
    expect(table.slice(1).map((row) => row[0])).toEqual([0, 1, 2]);
    expect(table.every((row) => row.length === COLUMNS.length)).toBe(true);
    // Rate omitted is 0: discounted equals undiscounted.
    for (const row of rowsOf(schedule([[10, 5]], [[2, 3, 4]], 0.5))) {
      expect(row.discounted_net_flow).toBe(row.net_flow);
      expect(row.cumulative_discounted_net_flow).toBe(row.cumulative_net_flow);
    }
  });

  it("handles 10,000 periods", () => {
    const investments = Array.from({ length: 10_000 }, (_, t) => (t % 7 === 0 ? 1e9 : 0));
    const spend = Array.from({ length: 10_000 }, (_, t) => 3e8 + t);
    const rows = rowsOf(schedule(column(investments), column(spend), 0.35, 0.0001));
    expect(rows).toHaveLength(10_000);
    let npv = 0;
    let scale = 0;
    investments.forEach((investment, t) => {
      const term = (0.35 * spend[t] - investment) * 1.0001 ** -t;
      npv += term;
      scale += Math.abs(term);
    });
    expectClose(rows[9_999].cumulative_discounted_net_flow, npv, 1e-12, scale);
  });

  it("takes a column or a row, numbers typed as text, and gives the documented errors", () => {
    const byColumn = schedule(column([100, 0, 50]), column([30, 80, 60, 20]), 0.3, 0.1);
    expect(schedule([[100, 0, 50]], [[30, 80, 60, 20]], 0.3, 0.1)).toEqual(byColumn);
    expect(schedule([["100", "0", "5e1"]], [["30", 80, "60", "20"]], "30%", "10%")).toEqual(
      byColumn
    );
    // A blank cell is a period without investment: later periods keep their place.
    expect(schedule([[100], [""], [50]], [[30], [80], [60], [20]], 0.3, 0.1)).toEqual(byColumn);
    expect(schedule([[100, null, 50]], [[30, 80, 60, 20]], 0.3, 0.1)).toEqual(byColumn);
    expect(tableOf(schedule(100, 30, 0.3, 0.1, "all"))).toEqual([
      ["npv", -91],
      [
        "payback_period",
        {
          error: "#N/A",
          message:
            "payback_period: the cumulative discounted net flow is still below 0 at the last period (0)",
        },
      ],
      ["round_trip_total", 30],
    ]);
    expectError(
      schedule(
        [
          [1, 2],
          [3, 4],
        ],
        5,
        0.3
      ),
      "#VALUE!",
      "investments must be a single row or column, not a 2×2 range"
    );
    expectError(
      schedule(column([1, 2]), column([5, -5]), 0.3),
      "#VALUE!",
      "spend item 2 must be at least 0 (got -5)"
    );
    expectError(
      schedule(column([1, 2]), 5, 1.2),
      "#VALUE!",
      "vendor_margin must be between -1 and 1 (got 1.2)"
    );
    expectError(
      schedule(1, 5, 0.3, -1),
      "#VALUE!",
      "discount_rate must be greater than -1 (got -1)"
    );
    expectError(schedule(null, 5, 0.3), "#VALUE!", "investments is required");
    expectError(schedule(1, [["x"]], 0.3), "#VALUE!", 'spend must be a number (got "x")');
    expectError(
      schedule(1, 5, 0.3, 0, "irr"),
      "#N/A",
      'unknown output "irr"; valid fields: npv, payback_period, round_trip_total, all'
    );
  });
});
