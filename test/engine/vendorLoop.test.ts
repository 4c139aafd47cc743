import fc from "fast-check";
import { VENDOR_FINANCE_LOOP } from "../../src/engine/vendorLoop";
import { callDealFunction, CellResult } from "../../src/functions/adapter";
import { expectClose, expectError, numberOf, tableOf } from "./cellExpect";

const PARAMS = 6; // investment, spend_commitment, vendor_margin, spend_years, discount_rate, post_money

/** A cell's formula: the given arguments, the rest omitted (null, as Excel passes them), then output. */
const loop = (args: unknown[], output: unknown = null): CellResult =>
  callDealFunction(VENDOR_FINANCE_LOOP, [
    ...args,
    ...Array(PARAMS - args.length).fill(null),
    output,
  ]);
const field = (args: unknown[], output: string): number => numberOf(loop(args, output));

/** a(n) in plain doubles through libm's expm1 and log1p, which stay exact near r = 0 and n = 0. */
const annuity = (r: number, n: number): number =>
  r === 0 ? n : -Math.expm1(-n * Math.log1p(r)) / r;

describe("VENDOR_FINANCE_LOOP", () => {
  it("gives the issue's example: 13e9 − 0.35 × 10e9 × a(10) at 10%", () => {
    // a(10) at 10% is Excel's PV(0.1, 10, -1).
    const expected = 13e9 - 0.35 * 10e9 * 6.144567105704685;
    expectClose(field([13e9, 100e9, 0.35, 10, 0.1, null], "net_present_cost"), expected);
  });

  it("puts deal_margin_if_written_off on one present-value basis: about 13.8% for 13/100/35%/10y/10%, not 22%", () => {
    // PV(S) = 100/10 × a(10) = 61.4457; PV margin = 0.35 × PV(S) = 21.5060; (21.5060 − 13) / 61.4457.
    // The old formula mixed bases: (0.35 × 100 − 13) / 100 = 22%.
    const pvSpend = 10 * 6.144567105704685;
    const expected = (0.35 * pvSpend - 13) / pvSpend;
    expect(expected).toBeCloseTo(0.138, 3);
    const margin = field([13, 100, 0.35, 10, 0.1], "deal_margin_if_written_off");
    expectClose(margin, expected, 1e-12, 0.35 + 13 / pvSpend);
    // at r = 0 both bases agree: (g·S − I) / S
    expectClose(field([13, 100, 0.35, 10, 0], "deal_margin_if_written_off"), 0.22, 1e-12, 0.48);
  });

  it("lists every field in the spec's order, each worked by hand", () => {
    // I 10, S 25, g 0.4, n 5, r 8%, post-money 200; a(5) at 8% is LibreOffice's PV(0.08, 5, -1).
    const a5 = 3.99271003707809;
    const pv = 0.4 * (25 / 5) * a5;
    const all = tableOf(loop([10, 25, 0.4, 5, 0.08, 200], "all"));
    expect(all.map(([name]) => name)).toEqual(VENDOR_FINANCE_LOOP.fields);
    const expected: Record<string, number> = {
      net_cash_exposure: 10 - 0.4 * 10,
      round_trip: 10,
      round_trip_ratio: 1,
      vendor_funded_share: 10 / 25,
      recaptured_margin: 4,
      pv_margin_on_commitment: pv,
      net_present_cost: 10 - pv,
      margin_payback_multiple: pv / 10,
      effective_entry_valuation: (200 * 6) / 10,
      deal_margin_if_written_off: (pv - 10) / (5 * a5),
    };
    for (const [name, value] of all)
      expectClose(value as number, expected[name as string], 1e-13, 1);
  });

  it("caps the round trip at the commitment when the investment is larger", () => {
    const args = [13, 5, 0.35];
    expect(field(args, "round_trip")).toBe(5);
    expect(field(args, "vendor_funded_share")).toBe(1);
    expectClose(field(args, "round_trip_ratio"), 5 / 13);
    expectClose(numberOf(loop(args)), 13 - 0.35 * 5);
    expectClose(field(args, "deal_margin_if_written_off"), (0.35 * 5 - 13) / 5);
  });

  it("satisfies effective_entry_valuation = post_money × (1 − margin × round_trip_ratio)", () => {
    const amount = fc.double({ min: 1e-3, max: 1e12, noNaN: true });
    fc.assert(
      fc.property(
        amount,
        amount,
        fc.double({ min: -1, max: 1, noNaN: true }),
        amount,
        (i, s, g, post) => {
          const ratio = field([i, s, g, null, null, post], "round_trip_ratio");
          expectClose(
            field([i, s, g, null, null, post], "effective_entry_valuation"),
            post * (1 - g * ratio),
            1e-12,
            post
          );
        }
      )
    );
  });

  it("discounts the commitment's margin with a(n), including fractional n and negative rates", () => {
    fc.assert(
      fc.property(
        // Below 1e-100 the reference's own n·log1p(r) underflows; the continuity test covers tiny rates.
        fc
          .double({ min: -0.9, max: 1, noNaN: true })
          .filter((r) => r === 0 || Math.abs(r) > 1e-100),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        (r, n) => {
          const pv = field([1, 1e9, 0.3, n, r], "pv_margin_on_commitment");
          expectClose(pv, 0.3 * (1e9 / n) * annuity(r, n), 1e-12);
        }
      )
    );
    // g = 1 and S = n make pv_margin_on_commitment = a(n); LibreOffice's PV(r, n, -1) for each.
    const libreOfficePV: [number, number, number][] = [
      [0.1, 2.5, 2.1201438905323],
      [-0.2, 7, 18.8418579101562],
    ];
    for (const [r, n, pv] of libreOfficePV)
      expectClose(field([1, n, 1, n, r], "pv_margin_on_commitment"), pv);
  });

  it("takes a(n) = n at a zero rate, which the defaults (1 year, rate 0) give", () => {
    expect(field([13e9, 100e9, 0.35, 7.3, 0], "pv_margin_on_commitment")).toBe(35e9);
    expect(field([13e9, 100e9, 0.35], "pv_margin_on_commitment")).toBe(35e9);
    expect(field([13e9, 100e9, 0.35], "net_present_cost")).toBe(13e9 - 35e9);
  });

  it("is continuous as the rate tends to 0, where 1 + r rounds to 1", () => {
    // a(30) at r = 1e-6 by its series n − n(n+1)r/2 + n(n+1)(n+2)r²/6 − n(n+1)(n+2)(n+3)r³/24. LibreOffice's
    // PV(0.000001, 30, -1) shows 29.9995350024895, wrong from the 10th digit: 1 − (1 + r)^−n cancels in doubles.
    const series = 30 - 465e-6 + 4960e-12 - 40920e-18;
    expectClose(field([1, 30, 1, 30, 1e-6], "pv_margin_on_commitment"), series, 1e-15);
    for (const r of [1e-3, 0.999e-3, -1e-3, 1e-8, 1e-15, -1e-20, 1e-25, 1e-300]) {
      const pv = field([1, 10, 1, 10, r], "pv_margin_on_commitment");
      expectClose(pv, annuity(r, 10));
      expectClose(pv, 10, Math.max(6 * Math.abs(r), 1e-15)); // a(n) = n − n(n + 1)r/2 + O(r²)
    }
  });

  it("tends to S × ln(1 + r) / r as spend_years tends to 0 (all spend at once, continuously discounted)", () => {
    for (const n of [1e-6, 1e-20, 1e-300]) {
      expectClose(
        field([1, 1, 1, n, 0.1], "pv_margin_on_commitment"),
        Math.log1p(0.1) / 0.1,
        1e-12 + n
      );
    }
  });

  it("answers #N/A naming what a field needs", () => {
    expectError(
      loop([0, 5, 0.3], "round_trip_ratio"),
      "#N/A",
      "round_trip_ratio needs investment > 0"
    );
    expectError(
      loop([0, 5, 0.3], "margin_payback_multiple"),
      "#N/A",
      "margin_payback_multiple needs investment > 0"
    );
    expectError(
      loop([5, 0, 0.3], "vendor_funded_share"),
      "#N/A",
      "vendor_funded_share needs spend_commitment > 0"
    );
    expectError(
      loop([5, 0, 0.3], "deal_margin_if_written_off"),
      "#N/A",
      "deal_margin_if_written_off needs spend_commitment > 0"
    );
    expectError(
      loop([5, 10, 0.3], "effective_entry_valuation"),
      "#N/A",
      "effective_entry_valuation needs post_money"
    );
    expectError(
      loop([0, 10, 0.3, null, null, 100], "effective_entry_valuation"),
      "#N/A",
      "effective_entry_valuation needs investment > 0"
    );
  });

  it('shows #N/A only in the rows of "all" that cannot be computed', () => {
    const all = tableOf(loop([0, 0, 0.3], "ALL"));
    const na = all.filter(([, value]) => typeof value === "object").map(([name]) => name);
    expect(na).toEqual([
      "round_trip_ratio",
      "vendor_funded_share",
      "margin_payback_multiple",
      "effective_entry_valuation",
      "deal_margin_if_written_off",
    ]);
    expect(all.filter(([, value]) => typeof value === "number").map(([, value]) => value)).toEqual([
      0, 0, 0, 0, 0,
    ]);
  });

  it("answers #VALUE! naming the parameter and its rule", () => {
    const cases: [unknown[], string][] = [
      [[-1, 5, 0.3], "investment must be at least 0 (got -1)"],
      [[1, -5, 0.3], "spend_commitment must be at least 0 (got -5)"],
      [[1, 5, 1.5], "vendor_margin must be between -1 and 1 (got 1.5)"],
      [[1, 5, -1.01], "vendor_margin must be between -1 and 1 (got -1.01)"],
      [[1, 5, 0.3, 0], "spend_years must be greater than 0 (got 0)"],
      [[1, 5, 0.3, 1, -1], "discount_rate must be greater than -1 (got -1)"],
      [[1, 5, 0.3, 1, 0, 0], "post_money must be greater than 0 (got 0)"],
      [[null, 5, 0.3], "investment is required"],
      [[1, "abc", 0.3], 'spend_commitment must be a number (got "abc")'],
      [[1, 5, true], "vendor_margin must be a number, not TRUE"],
      [[[[1], [2]], 5, 0.3], "investment must be a single value, not a 2×1 range"],
    ];
    for (const [args, message] of cases) expectError(loop(args), "#VALUE!", message);
    expect(numberOf(loop([1, 5, -1]))).toBe(2); // the bounds themselves are in the domain: 1 − (−1) × 1
  });

  it("takes Excel's shapes: 1×1 ranges, numbers typed as text, any case of a field name", () => {
    const plain = field([13e9, 100e9, 0.35, 10, 0.1], "net_present_cost");
    expect(field([[[13e9]], [["100e9"]], "35%", "10", [[0.1]]], "Net_Present_Cost")).toBe(plain);
    expect(field([" 13,000,000,000 ", 100e9, 0.35, 10, "10%"], "net_present_cost")).toBe(plain);
    expectError(
      loop([1, 5, 0.3], "npc"),
      "#N/A",
      `unknown output "npc"; valid fields: ${VENDOR_FINANCE_LOOP.fields.join(", ")}, all`
    );
  });

  it("answers #NUM!, never Infinity, when the discounted margin leaves a double's range", () => {
    expectError(
      loop([1, 1, 0.5, 1e7, -0.999999], "pv_margin_on_commitment"),
      "#NUM!",
      "pv_margin_on_commitment is too large to represent"
    );
    expect(numberOf(loop([1, 1, 0.5, 1e7, -0.999999]))).toBe(0.5);
  });
});
