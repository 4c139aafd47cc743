import fc from "fast-check";
import { TRANCHE_OPTION_VALUE } from "../../src/engine/option";
import { callDealFunction, CellResult } from "../../src/functions/adapter";
import { expectClose, expectError, numberOf, tableOf } from "./cellExpect";
import { normalCdfRef, Ref, relativeError } from "./highPrecision";

type OptionArgs = [
  amount: number,
  current: number,
  strike: number,
  volatility: number,
  years: number,
  rate: number,
];

const option = (args: readonly unknown[], output: unknown = null): CellResult =>
  callDealFunction(TRANCHE_OPTION_VALUE, [...args, output]);
const field = (args: readonly unknown[], output: string): number => numberOf(option(args, output));
const fieldsOf = (args: readonly unknown[]): Record<string, unknown> =>
  Object.fromEntries(tableOf(option(args, "all")) as [string, unknown][]);

/**
 * The warrant at 60 digits: C(V, K) = V·N(d1) − K·e^(−r_c·T)·N(d2) on the company's pre-money
 * equity V struck at the pre-money K, scaled by A / (K + A) (diluted) or A / K (undiluted).
 */
function blackScholesRef(args: OptionArgs) {
  const [amount, current, strike, volatility, years, rate] = args.map((v) => new Ref(v));
  const rc = rate.plus(1).ln();
  const discount = rc.times(years).neg().exp();
  const s = volatility.times(years.sqrt());
  const d1 = current
    .div(strike)
    .ln()
    .plus(rc.plus(volatility.times(volatility).div(2)).times(years))
    .div(s);
  const d2 = d1.minus(s);
  const [N1, N2] = [normalCdfRef(d1), normalCdfRef(d2)];
  const call = current.times(N1).minus(strike.times(discount).times(N2));
  const gain = Ref.max(current.minus(strike), 0);
  return {
    value: amount.div(strike.plus(amount)).times(call),
    undiluted_value: amount.div(strike).times(call),
    dilution_factor: strike.div(strike.plus(amount)),
    intrinsic: amount.div(strike.plus(amount)).times(gain),
    delta: N1,
    probability_in_money: N2,
    d1,
    d2,
  };
}

/** Every field within 1e-12 relative of the reference (a reference below the normal doubles is skipped). */
function expectReference(args: OptionArgs): void {
  const reference = blackScholesRef(args);
  const fields = fieldsOf(args);
  for (const [name, expected] of Object.entries(reference)) {
    if (expected.abs().lessThan(1e-300)) continue;
    const error = relativeError(fields[name] as number, expected);
    if (!(error <= 1e-12))
      throw new Error(`${name} of ${JSON.stringify(args)}: relative error ${error}`);
  }
}

const forwardRatio = (rate: number, years: number): number => Math.pow(1 + rate, -years);

describe("TRANCHE_OPTION_VALUE", () => {
  // Hull, Options, Futures and Other Derivatives: S 42, K 40, r 10% continuous, σ 20%, T 0.5.
  const hull: OptionArgs = [40, 42, 40, 0.2, 0.5, Math.exp(0.1) - 1];

  it("reproduces Hull's Black–Scholes example: a call of 4.7594", () => {
    // amount = strike: one plain call undiluted; diluted by K / (K + A) = ½
    expect(field(hull, "undiluted_value")).toBeCloseTo(4.7594, 4);
    expect(field(hull, "value")).toBeCloseTo(4.7594 / 2, 4);
    const d1 = (Math.log(42 / 40) + (0.1 + 0.02) * 0.5) / (0.2 * Math.sqrt(0.5));
    expectClose(field(hull, "d1"), d1, 1e-12);
    expectClose(field(hull, "d2"), d1 - 0.2 * Math.sqrt(0.5), 1e-12);
    expect(field(hull, "intrinsic")).toBe(1); // (42 − 40) × 40 / 80
  });

  it("satisfies put–call parity, with the put priced by the same function with forward and strike swapped", () => {
    // A put on S struck at K is a call on a forward K struck at the forward F = S/DF, both discounted by DF:
    // spot' = K·DF, strike' = S/DF, i.e. amount' = S/DF and current'/strike' = K·DF²/S.
    const parity = ([amount, current, strike, volatility, years, rate]: OptionArgs) => {
      const S = (amount * current) / strike;
      const discount = Math.pow(1 + rate, -years);
      const call = field([amount, current, strike, volatility, years, rate], "undiluted_value");
      const put = field(
        [S / discount, amount * discount * discount, S, volatility, years, rate],
        "undiluted_value"
      );
      return { call, put, forwardGap: S - amount * discount, scale: S + amount * discount };
    };
    const { call, put, forwardGap, scale } = parity(hull);
    expect(put).toBeCloseTo(0.8086, 4); // Hull's put: 4.7594 − (42 − 40·e^(−0.05))
    expectClose(call - put, forwardGap, 1e-12, scale);
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.double({ min: 0.05, max: 1.5, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: -0.2, max: 0.3, noNaN: true }),
        (ratio, volatility, years, rate) => {
          const result = parity([1e9, 100 * ratio, 100, volatility, years, rate]);
          expectClose(result.call - result.put, result.forwardGap, 1e-12, result.scale);
        }
      )
    );
  });

  it("matches a 60-digit Black–Scholes in every field, deep in and out of the money and near the forward", () => {
    const cases: OptionArgs[] = [
      hull,
      [2.75e9, 61.5e9, 18.4e9, 0.6, 2, 0.045], // far in the money
      [2.75e9, 1e9, 18.4e9, 0.3, 1, 0.045], // far out of the money: the value is ~1e-14 of the amount
      [1e9, 5, 100, 0.3, 1, 0.05], // N(d1) ≈ 1e-23
      [1e9, 100, 100, 1e-7, 1, 0], // at the money with σ√T = 1e-7: two terms of 0.5 differ by 4e-8
      [1e9, 100 * forwardRatio(0.05, 1), 100, 1e-6, 1, 0.05], // at the forward, tiny σ√T
      [1e9, 100, 100, 5, 30, 0.05], // σ√T ≈ 27
      [1e9, 120, 100, 0.4, 1e-6, 0.05],
      [1e9, 70, 100, 0.35, 4, -0.3], // a negative rate
      [1e9, 100, 100, 0.5, 2, 1e-12],
    ];
    cases.forEach(expectReference);
  });

  it("keeps d1 to 1e-12 when ln(S/K) + (r_c + σ²/2)·T nearly cancels (the decimal fallback)", () => {
    // d1 ≈ 1e-9/σ√T by construction; in doubles the three terms' roundings alone would leave ~1e-7 of it
    const [volatility, years, rate] = [0.5, 1, 0.1];
    const ratio =
      Math.exp(-(Math.log1p(rate) + (volatility * volatility) / 2) * years) * (1 + 1e-9);
    const args: OptionArgs = [1e9, 100 * ratio, 100, volatility, years, rate];
    expect(Math.abs(field(args, "d1"))).toBeLessThan(1e-8);
    expectReference(args);
  });

  it("matches the reference on random inputs, with the spot spread around the forward", () => {
    fc.assert(
      fc.property(
        fc.double({ min: Math.log(1e-5), max: Math.log(3), noNaN: true }),
        fc.double({ min: Math.log(1e-3), max: Math.log(30), noNaN: true }),
        fc.double({ min: -0.5, max: 1, noNaN: true }),
        fc.double({ min: -8, max: 8, noNaN: true }),
        (logVolatility, logYears, rate, standardMoves) => {
          const [volatility, years] = [Math.exp(logVolatility), Math.exp(logYears)];
          const ratio =
            forwardRatio(rate, years) * Math.exp(standardMoves * volatility * Math.sqrt(years));
          expectReference([3e9, 50 * ratio, 50, volatility, years, rate]);
        }
      ),
      { numRuns: 200 }
    );
  });

  it("tends to its σ√T = 0 limit max(S − K·(1 + r)^(−T), 0) as σ → 0", () => {
    const [amount, years, rate] = [1e9, 2, 0.05];
    const discount = Math.pow(1 + rate, -years);
    for (const ratio of [1.3, 0.8]) {
      const limit = Math.max(amount * ratio - amount * discount, 0);
      expectClose(
        field([amount, 100 * ratio, 100, 0, years, rate], "undiluted_value"),
        limit,
        1e-12,
        amount
      );
      expectClose(
        field([amount, 100 * ratio, 100, 1e-9, years, rate], "undiluted_value"),
        limit,
        1e-12,
        amount
      );
    }
    // at the forward the value vanishes like S·σ√T/√(2π) (the next term is of order (σ√T)³)
    const atForward = [amount, 100 * discount, 100, 1e-6, years, rate];
    const S = amount * discount;
    expectClose(
      field(atForward, "undiluted_value"),
      (S * 1e-6 * Math.sqrt(years)) / Math.sqrt(2 * Math.PI),
      1e-8
    );
    expect(field([amount, 100 * discount, 100, 0, years, rate], "undiluted_value")).toBeLessThan(
      1e-6 * amount
    );
  });

  it("with σ√T = 0: delta and probability_in_money are 1, 0 or ½, and d1, d2 are #N/A", () => {
    const noVolatility = fieldsOf([1e9, 130, 100, 0, 2, 0.05]);
    expect(noVolatility.delta).toBe(1);
    expect(noVolatility.probability_in_money).toBe(1);
    expect(noVolatility.d1).toEqual({
      error: "#N/A",
      message: "d1 needs volatility > 0 and years > 0",
    });
    expect(noVolatility.d2).toEqual({
      error: "#N/A",
      message: "d2 needs volatility > 0 and years > 0",
    });
    expect(field([1e9, 80, 100, 0, 2, 0.05], "delta")).toBe(0);
    expect(field([1e9, 100, 100, 0, 2, 0], "delta")).toBe(0.5);
    // T = 0: the option is its intrinsic value
    expect(field([1e9, 130, 100, 0.5, 0, 0.05], "undiluted_value")).toBeCloseTo(0.3e9, 3);
    expect(field([1e9, 80, 100, 0.5, 0, 0.05], "undiluted_value")).toBe(0);
    expect(field([0, 130, 100, 0.5, 1, 0.05], "undiluted_value")).toBe(0);
  });

  it("stays within its no-arbitrage bounds, rises with the valuation and the volatility, and has delta in [0, 1]", () => {
    const arbitrary = fc.tuple(
      fc.double({ min: 1e3, max: 1e12, noNaN: true }),
      fc.double({ min: 0.01, max: 100, noNaN: true }),
      fc.double({ min: 0, max: 3, noNaN: true }),
      fc.double({ min: 0, max: 30, noNaN: true }),
      fc.double({ min: -0.5, max: 1, noNaN: true })
    );
    fc.assert(
      fc.property(arbitrary, ([amount, ratio, volatility, years, rate]) => {
        const args: OptionArgs = [amount, 100 * ratio, 100, volatility, years, rate];
        const value = field(args, "undiluted_value");
        const S = amount * ratio;
        const lowerBound = Math.max(S - amount * Math.pow(1 + rate, -years), 0);
        expect(value).toBeGreaterThanOrEqual(lowerBound - 1e-12 * (S + amount));
        expect(value).toBeLessThanOrEqual(S * (1 + 1e-12));
        const delta = field(args, "delta");
        const probability = field(args, "probability_in_money");
        expect(delta).toBeGreaterThanOrEqual(0);
        expect(delta).toBeLessThanOrEqual(1);
        expect(probability).toBeLessThanOrEqual(delta);
        const richer = field(
          [amount, 101 * ratio, 100, volatility, years, rate],
          "undiluted_value"
        );
        const riskier = field(
          [amount, 100 * ratio, 100, volatility + 0.01, years, rate],
          "undiluted_value"
        );
        expect(richer).toBeGreaterThanOrEqual(value * (1 - 1e-12));
        expect(riskier).toBeGreaterThanOrEqual(value * (1 - 1e-12));
      })
    );
  });

  it("prices Hull's warrant example: 200,000 warrants on 1,000,000 shares at $40, struck at $60", () => {
    // Hull (Options, Futures and Other Derivatives, the warrants example): r 3%, σ 30%, T 5: a
    // plain call is worth 7.04 a share and a warrant 7.04 × 1,000,000 / 1,200,000 = 5.87. Here
    // V = 40e6, K = 60e6 (the pre-money at the exercise price), A = 0.2e6 × 60 = 12e6.
    const warrants: OptionArgs = [12e6, 40e6, 60e6, 0.3, 5, Math.exp(0.03) - 1];
    expect(field(warrants, "value") / 0.2e6).toBeCloseTo(5.87, 2);
    expect(field(warrants, "undiluted_value") / 0.2e6).toBeCloseTo(7.04, 2);
    expect(field(warrants, "dilution_factor")).toBeCloseTo(1 / 1.2, 15);
    expectReference(warrants);
  });

  it("overstates by (K + A) / K without dilution: 12.8% for $2.75B at $21.5B, 67% at $4.1B (the old value)", () => {
    for (const [strike, overstatement] of [
      [21.5e9, 2.75 / 21.5],
      [4.1e9, 2.75 / 4.1],
    ]) {
      const args: OptionArgs = [2.75e9, 30e9, strike, 0.6, 1.5, 0.045];
      expectClose(field(args, "undiluted_value") / field(args, "value") - 1, overstatement, 1e-12);
      expectReference(args);
    }
  });

  it("is undiluted_value × dilution_factor, below the undiluted value, and a plain call as A / K → 0", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (amountToStrike, ratio, volatility, years) => {
          const args: OptionArgs = [
            amountToStrike * 1e9,
            ratio * 1e9,
            1e9,
            volatility,
            years,
            0.04,
          ];
          const value = field(args, "value");
          const undiluted = field(args, "undiluted_value");
          expectClose(value, undiluted * field(args, "dilution_factor"), 1e-12, undiluted);
          expect(value).toBeLessThanOrEqual(undiluted);
          expectClose(field(args, "dilution_factor"), 1 / (1 + amountToStrike), 1e-15);
        }
      )
    );
    // A tiny tranche barely dilutes: the warrant is the plain call on A / K of the company
    const small: OptionArgs = [1, 30e9, 20e9, 0.5, 2, 0.05];
    expectClose(field(small, "value"), field(small, "undiluted_value"), 1e-10);
    // the intrinsic value of a warrant is diluted too: A / (K + A) × (V − K)
    expect(field([10, 150, 100, 0.5, 1, 0.05], "intrinsic")).toBeCloseTo((10 / 110) * 50, 12);
  });

  describe("through the adapter, as Excel calls it", () => {
    it('lists every field in the spec\'s order for "all", and takes numbers typed as text', () => {
      const all = tableOf(option(["40", "42", "40", "20%", "0.5", Math.exp(0.1) - 1], "all"));
      expect(all.map(([name]) => name)).toEqual([
        "value",
        "undiluted_value",
        "dilution_factor",
        "intrinsic",
        "delta",
        "probability_in_money",
        "d1",
        "d2",
      ]);
      expect(all[1][1]).toBeCloseTo(4.7594, 4);
      expect(numberOf(option(hull, "VALUE"))).toBe(numberOf(option(hull)));
    });

    it("answers wrong types and values outside the domain with #VALUE! naming the parameter and the rule", () => {
      expectError(option([null, 42, 40, 0.2, 0.5, 0.1]), "#VALUE!", "amount is required");
      expectError(
        option([40, 0, 40, 0.2, 0.5, 0.1]),
        "#VALUE!",
        "current_valuation must be greater than 0 (got 0)"
      );
      expectError(
        option([40, 42, -1, 0.2, 0.5, 0.1]),
        "#VALUE!",
        "strike_valuation must be greater than 0 (got -1)"
      );
      expectError(
        option([40, 42, 40, -0.2, 0.5, 0.1]),
        "#VALUE!",
        "volatility must be at least 0 (got -0.2)"
      );
      expectError(
        option([40, 42, 40, 0.2, 0.5, -1]),
        "#VALUE!",
        "risk_free_rate must be greater than -1 (got -1)"
      );
      expectError(
        option([40, 42, 40, true, 0.5, 0.1]),
        "#VALUE!",
        "volatility must be a number, not TRUE"
      );
      expectError(
        option([40, 42, 40, "high", 0.5, 0.1]),
        "#VALUE!",
        'volatility must be a number (got "high")'
      );
      expectError(
        option([[[40], [41]], 42, 40, 0.2, 0.5, 0.1]),
        "#VALUE!",
        "amount must be a single value, not a 2×1 range"
      );
    });

    it("answers an unknown output with #N/A listing the fields", () => {
      expectError(
        option(hull, "vega"),
        "#N/A",
        'unknown output "vega"; valid fields: value, undiluted_value, dilution_factor, intrinsic, delta, probability_in_money, d1, d2, all'
      );
    });
  });
});
