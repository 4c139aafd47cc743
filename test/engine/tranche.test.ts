import DecimalBase from "decimal.js";
import fc from "fast-check";
import { TRANCHE_HAZARD_VALUE, TRANCHE_VALUE } from "../../src/engine/tranche";
import { callDealFunction, CellResult } from "../../src/functions/adapter";
import { expectClose, expectError, numberOf, tableOf } from "./cellExpect";
import { Ref, relativeError } from "./highPrecision";

const tranche = (args: readonly unknown[], output: unknown = null): CellResult =>
  callDealFunction(TRANCHE_VALUE, [...args, output]);
const hazard = (
  args: readonly unknown[],
  timing: unknown = null,
  output: unknown = null
): CellResult => callDealFunction(TRANCHE_HAZARD_VALUE, [...args, timing, output]);
const fieldsOf = (result: CellResult): Record<string, unknown> =>
  Object.fromEntries(tableOf(result) as [string, unknown][]);

/** Enough digits that 1 − Π(1 − p_i) keeps 60 of its own even for a subnormal p_i. */
const Wide = DecimalBase.clone({ precision: 800 });
const combinedRef = (probabilities: number[]): Ref =>
  new Ref(
    new Wide(1).minus(
      probabilities.reduce((rest, p) => rest.times(new Wide(1).minus(p)), new Wide(1))
    )
  );

/** 1 − e^(−y), by its series where 60 digits of 1 − e^(−y) would not resolve y. */
const oneMinusExpNeg = (y: Ref): Ref =>
  y.abs().lessThan(1e-10)
    ? y.times(new Ref(1).minus(y.div(2)).plus(y.times(y).div(6)))
    : new Ref(1).minus(y.neg().exp());

/** ln(1 + r), by its series where 60 digits of 1 + r would not resolve r. */
const ln1pRef = (rate: number): Ref => {
  const r = new Ref(rate);
  return r.abs().lessThan(1e-10)
    ? r.times(new Ref(1).minus(r.div(2)).plus(r.times(r).div(3)))
    : r.plus(1).ln();
};

/** A reference is checked to 1e-12 where it is a normal double; beyond, the cell must say #NUM! or 0. */
function expectNear(result: CellResult, expected: Ref, what: string): void {
  const wanted = expected.toNumber();
  if (!Number.isFinite(wanted)) return expect(result).toMatchObject({ error: "#NUM!" });
  if (Math.abs(wanted) < 1e-300 && wanted !== 0) return;
  const error = relativeError(numberOf(result), expected);
  if (!(error <= 1e-12)) throw new Error(`${what}: relative error ${error}`);
}

/** Draws without subnormals, whose products round in the last bits of the subnormal range. */
const normalDouble = (max: number) =>
  fc.double({ min: 0, max, noNaN: true }).filter((x) => x === 0 || x > 1e-200);
const horizon = normalDouble(50);

/** Composite Simpson's rule, for integrals the tests check the closed forms against. */
function simpson(f: (t: number) => number, from: number, to: number, intervals = 20000): number {
  const h = (to - from) / intervals;
  let sum = f(from) + f(to);
  for (let i = 1; i < intervals; i++) sum += (i % 2 === 1 ? 4 : 2) * f(from + i * h);
  return (sum * h) / 3;
}

describe("TRANCHE_VALUE", () => {
  it("discounts the probability-weighted amount: 35e9 at 50% in 3 years at 10%", () => {
    const all = tableOf(tranche([35e9, 0.5, 3, 0.1], "all"));
    expect(all.map(([name]) => name)).toEqual([
      "expected_value",
      "probability",
      "discount_factor",
      "expected_undiscounted",
      "haircut",
      "probability_low",
      "probability_high",
      "expected_value_low",
      "expected_value_high",
    ]);
    const fields = Object.fromEntries(all) as Record<string, number>;
    expectClose(fields.expected_value, 17.5e9 / 1.331);
    expect(fields.probability).toBe(0.5);
    expectClose(fields.discount_factor, 1 / 1.331);
    expect(fields.expected_undiscounted).toBe(17.5e9);
    expectClose(fields.haircut, 1 - 0.5 / 1.331);
    expect(numberOf(tranche([35e9, 0.5, 3, 0.1]))).toBe(fields.expected_value);
  });

  it("combines independent triggers as 1 − Π(1 − p_i), from a column, a row, or with blanks", () => {
    expect(numberOf(tranche([1, [[0.3], [0.4]], 0, 0], "probability"))).toBeCloseTo(0.58, 15);
    expect(numberOf(tranche([1, [[0.3, 0.4]], 0, 0], "probability"))).toBeCloseTo(0.58, 15);
    expect(numberOf(tranche([1, [[0.3], [null], [""]], 0, 0], "probability"))).toBe(0.3);
    expectClose(numberOf(tranche([35e9, [[0.3], [0.4]], 3, 0.1])), (35e9 * 0.58) / 1.331);
    const probabilities = fc.array(
      fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 1e-30, 1e-300)),
      { minLength: 1, maxLength: 6 }
    );
    fc.assert(
      fc.property(probabilities, (ps) => {
        const column = ps.map((p) => [p]);
        expectNear(tranche([1, column, 0, 0], "probability"), combinedRef(ps), JSON.stringify(ps));
      })
    );
  });

  it("bounds P(any trigger) whatever the dependence: max p_i to min(1, Σ p_i) (Fréchet)", () => {
    // "AGI or IPO" at 30% and 40%: at least 40% (one implies the other), at most 70% (never both)
    const all = fieldsOf(tranche([35e9, [[0.3], [0.4]], 3, 0.1], "all"));
    expect(all.probability_low).toBe(0.4);
    expect(all.probability_high).toBeCloseTo(0.7, 15);
    expectClose(all.expected_value_low as number, (35e9 * 0.4) / 1.331);
    expectClose(all.expected_value_high as number, (35e9 * 0.7) / 1.331);
    expect(numberOf(tranche([1, [[0.6], [0.7]], 0, 0], "probability_high"))).toBe(1);
    // one trigger: no dependence to bound, both bounds are p
    const single = fieldsOf(tranche([10, 0.25, 1, 0], "all"));
    expect([single.probability_low, single.probability_high]).toEqual([0.25, 0.25]);
    // brute force: any joint law of the triggers on a small grid of outcomes lies within the bounds,
    // and the bounds are attained (nested events for the low one, disjoint ones for the high)
    const probabilities = fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(
        probabilities,
        fc.array(fc.nat(), { minLength: 48, maxLength: 48 }),
        (ks, seeds) => {
          // 12 equally likely outcomes; trigger i happens on k_i of them, placed at random
          const ps = ks.map((k) => k / 12);
          const happens = ks.map((k, i) => {
            const slots = Array.from({ length: 12 }, (_, j) => j).sort(
              (a, b) => (seeds[(i * 12 + a) % 48] % 97) - (seeds[(i * 12 + b) % 48] % 97) || a - b
            );
            return new Set(slots.slice(0, k));
          });
          const any = Array.from({ length: 12 }, (_, j) => happens.some((set) => set.has(j)));
          const joint = any.filter(Boolean).length / 12;
          const column = ps.map((p) => [p]);
          const low = numberOf(tranche([1, column, 0, 0], "probability_low"));
          const high = numberOf(tranche([1, column, 0, 0], "probability_high"));
          expect(low).toBeLessThanOrEqual(joint + 1e-15);
          expect(joint).toBeLessThanOrEqual(high + 1e-15);
          expect(low).toBeCloseTo(Math.max(...ps), 15);
          expect(high).toBeCloseTo(Math.min(1, ks.reduce((a, b) => a + b, 0) / 12), 14);
          const independent = numberOf(tranche([1, column, 0, 0], "probability"));
          expect(independent).toBeGreaterThanOrEqual(low - 1e-15);
          expect(independent).toBeLessThanOrEqual(high + 1e-15);
        }
      )
    );
  });

  it("matches a 60-digit reference in every field, negative rates and long horizons included", () => {
    const inputs = fc.tuple(
      fc.double({ min: 1, max: 1e13, noNaN: true }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
      fc.double({ min: 0, max: 100, noNaN: true }),
      fc.oneof(fc.double({ min: -0.95, max: 2, noNaN: true }), fc.constantFrom(0, -0.5, 1e-12))
    );
    fc.assert(
      fc.property(inputs, ([amount, ps, years, rate]) => {
        const p = combinedRef(ps);
        const discount = ln1pRef(rate).times(years).neg().exp();
        const args = [amount, ps.map((q) => [q]), years, rate];
        const what = JSON.stringify(args);
        expectNear(tranche(args, "discount_factor"), discount, `discount_factor ${what}`);
        expectNear(
          tranche(args),
          new Ref(amount).times(p).times(discount),
          `expected_value ${what}`
        );
        const undiscounted = oneMinusExpNeg(ln1pRef(rate).times(years));
        const haircut = new Ref(1).minus(p).plus(p.times(undiscounted));
        expectNear(tranche(args, "haircut"), haircut, `haircut ${what}`);
      }),
      { numRuns: 300 }
    );
  });

  it("keeps the haircut's digits when a negative rate makes p·(1 + r)^(−t) nearly 1", () => {
    // 1 − 0.98/0.98 is 0: a double (1 + r)^(−t) would leave ~1e-17 of rounding instead
    expect(Math.abs(numberOf(tranche([1e9, 0.98, 1, -0.02], "haircut")))).toBeLessThan(1e-30);
    // 1 − (0.98 − 1e-10)/0.98 = 1e-10/0.98, from the decimal the cell holds
    const nearly = 0.98 - 1e-10;
    expectNear(
      tranche([1e9, nearly, 1, -0.02], "haircut"),
      new Ref(1).minus(new Ref(nearly).div(0.98)),
      ""
    );
    const p = 0.9 ** 2.5 * (1 + 1e-9);
    expectNear(
      tranche([1e9, p, 2.5, -0.1], "haircut"),
      new Ref(1).minus(new Ref(p).times(new Ref(0.9).pow(-2.5))),
      ""
    );
  });

  it("rises with the probability, and never exceeds the amount at a rate >= 0", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        horizon,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (amount, p, q, years, rate) => {
          const [low, high] = p <= q ? [p, q] : [q, p];
          const lower = numberOf(tranche([amount, low, years, rate]));
          const higher = numberOf(tranche([amount, high, years, rate]));
          expect(lower).toBeLessThanOrEqual(higher);
          expect(higher).toBeLessThanOrEqual(amount);
        }
      )
    );
  });

  it('needs amount > 0 for the haircut, and shows that as #N/A in its row of "all"', () => {
    expectError(tranche([0, 0.5, 3, 0.1], "haircut"), "#N/A", "haircut needs amount > 0");
    const fields = fieldsOf(tranche([0, 0.5, 3, 0.1], "all"));
    expect(fields.expected_value).toBe(0);
    expect(fields.haircut).toEqual({ error: "#N/A", message: "haircut needs amount > 0" });
  });

  it("takes Excel's shapes: numbers as text, percentages, and names the parameter and rule when wrong", () => {
    expect(numberOf(tranche(["35e9", "50%", "3", "0.1"]))).toBe(
      numberOf(tranche([35e9, 0.5, 3, 0.1]))
    );
    expect(numberOf(tranche([35e9, 0.5, 3, 0.1], "EXPECTED_VALUE"))).toBe(
      numberOf(tranche([35e9, 0.5, 3, 0.1]))
    );
    expectError(
      tranche([35e9, 1.5, 3, 0.1]),
      "#VALUE!",
      "probability must be between 0 and 1 (got 1.5)"
    );
    expectError(
      tranche([35e9, [[0.3], [1.2]], 3, 0.1]),
      "#VALUE!",
      "probability item 2 must be between 0 and 1 (got 1.2)"
    );
    expectError(
      tranche([
        35e9,
        [
          [0.1, 0.2],
          [0.3, 0.4],
        ],
        3,
        0.1,
      ]),
      "#VALUE!",
      "probability must be a single row or column, not a 2×2 range"
    );
    expectError(tranche([35e9, true, 3, 0.1]), "#VALUE!", "probability must be a number, not TRUE");
    expectError(tranche([35e9, 0.5, null, 0.1]), "#VALUE!", "years is required");
    expectError(tranche([35e9, 0.5, -1, 0.1]), "#VALUE!", "years must be at least 0 (got -1)");
    expectError(
      tranche([35e9, 0.5, 3, -1]),
      "#VALUE!",
      "discount_rate must be greater than -1 (got -1)"
    );
    expectError(tranche([-1, 0.5, 3, 0.1]), "#VALUE!", "amount must be at least 0 (got -1)");
    expectError(
      tranche([35e9, 0.5, 3, 0.1], "npv"),
      "#N/A",
      'unknown output "npv"; valid fields: expected_value, probability, discount_factor, expected_undiscounted, haircut, probability_low, probability_high, expected_value_low, expected_value_high, all'
    );
  });
});

describe("TRANCHE_HAZARD_VALUE", () => {
  /** amount·λ·∫₀ᵀ e^(−(λ + r_c)t) dt by Simpson's rule. */
  const onTriggerIntegral = (amount: number, lambda: number, years: number, rate: number): number =>
    amount * lambda * simpson((t) => Math.exp(-(lambda + Math.log1p(rate)) * t), 0, years);

  it("pays on trigger: amount·λ/(λ + r_c)·(1 − e^(−(λ + r_c)T)), against a numeric integral", () => {
    const cases: [number, number, number, number][] = [
      [35e9, 0.2, 3, 0.1],
      [1e9, 1.5, 5, 0.3],
      [1e9, 0.1, 10, -0.05], // λ + r_c > 0 still
      [1e9, 0.01, 20, -0.2], // λ + r_c < 0: a negative rate grows faster than the trigger decays
    ];
    for (const [amount, lambda, years, rate] of cases) {
      expectClose(
        numberOf(hazard([amount, lambda, years, rate])),
        onTriggerIntegral(amount, lambda, years, rate),
        1e-11
      );
    }
  });

  it("pays at the deadline: amount·(1 − e^(−λT))·(1 + r)^(−T); on trigger is worth more at a rate > 0", () => {
    const atDeadline = numberOf(hazard([35e9, 0.2, 3, 0.1], "at_deadline"));
    expectClose(atDeadline, (35e9 * -Math.expm1(-0.6)) / 1.331);
    expect(numberOf(hazard([35e9, 0.2, 3, 0.1], "AT_DEADLINE "))).toBe(atDeadline);
    expect(numberOf(hazard([35e9, 0.2, 3, 0.1], "on_trigger"))).toBeGreaterThan(atDeadline);
    expect(numberOf(hazard([35e9, 0.2, 3, 0.1], null))).toBe(
      numberOf(hazard([35e9, 0.2, 3, 0.1], "on_trigger"))
    );
    expectClose(
      numberOf(hazard([35e9, 0.2, 3, 0.1], null, "trigger_probability")),
      -Math.expm1(-0.6)
    );
  });

  it("adds independent hazards: λ = Σ λ_i", () => {
    const both = fieldsOf(hazard([1e9, [[0.1], [0.05]], 4, 0.08], null, "all"));
    const single = fieldsOf(hazard([1e9, 0.15, 4, 0.08], null, "all"));
    for (const name of ["expected_value", "trigger_probability", "expected_trigger_years"]) {
      expectClose(both[name] as number, single[name] as number, 1e-15);
    }
  });

  it("approaches amount·λ·T as λ + r_c → 0 and as λ → 0 without discounting", () => {
    // r_c = ln(0.8) = −ln(1.25) = −λ to the 17 digits of λ
    const lambda = Math.log(1.25);
    expectClose(numberOf(hazard([1e9, lambda, 7, -0.2])), 1e9 * lambda * 7, 1e-12);
    expectClose(numberOf(hazard([1e9, 1e-12, 7, 0])), 1e9 * 1e-12 * 7, 1e-11);
    // λ → 0 at r = 10%: amount·λ·(1 − 1.1^(−T))/ln(1.1), to first order in λ
    expectClose(
      numberOf(hazard([1e9, 1e-12, 3, 0.1])),
      (1e9 * 1e-12 * (1 - 1.1 ** -3)) / Math.log(1.1),
      1e-10
    );
    expect(numberOf(hazard([1e9, 0, 3, 0.1]))).toBe(0);
    expect(numberOf(hazard([1e9, 0, 3, 0.1], "at_deadline"))).toBe(0);
  });

  it("matches a 60-digit reference on random inputs, λ + r_c near 0 included", () => {
    const inputs = fc.tuple(
      fc.double({ min: 1, max: 1e12, noNaN: true }),
      fc.double({ min: 0, max: 5, noNaN: true }),
      fc.double({ min: 0, max: 60, noNaN: true }),
      fc.double({ min: -0.9, max: 1, noNaN: true }),
      fc.boolean()
    );
    fc.assert(
      fc.property(inputs, ([amount, lambdaDraw, years, rate, cancel]) => {
        // half the draws put λ within a few ulps of −r_c
        const lambda = cancel && rate < 0 ? -Math.log1p(rate) : lambdaDraw;
        const [A, L, T] = [new Ref(amount), new Ref(lambda), new Ref(years)];
        const k = L.plus(ln1pRef(rate));
        const window = k.isZero() ? T : oneMinusExpNeg(k.times(T)).div(k);
        const triggered = oneMinusExpNeg(L.times(T));
        const what = JSON.stringify([amount, lambda, years, rate]);
        expectNear(
          hazard([amount, lambda, years, rate]),
          A.times(L).times(window),
          `on_trigger ${what}`
        );
        const discount = ln1pRef(rate).times(T).neg().exp();
        expectNear(
          hazard([amount, lambda, years, rate], "at_deadline"),
          A.times(triggered).times(discount),
          what
        );
        expectNear(
          hazard([amount, lambda, years, rate], null, "trigger_probability"),
          triggered,
          what
        );
      }),
      { numRuns: 300 }
    );
  });

  it("expected_trigger_years is E[τ | τ <= T], against a numeric integral, and lies in (0, T/2]", () => {
    for (const lambda of [1e-6, 0.05, 0.7, 3, 50]) {
      for (const years of [0.5, 3, 20]) {
        const reach = Math.min(years, 60 / lambda); // beyond, the density is below e^(−60)
        const density = (t: number) => lambda * Math.exp(-lambda * t);
        const mean = simpson((t) => t * density(t), 0, reach) / simpson(density, 0, reach);
        const result = numberOf(hazard([1e9, lambda, years, 0.1], null, "expected_trigger_years"));
        expectClose(result, mean, 1e-10);
        expect(result).toBeGreaterThan(0);
        expect(result).toBeLessThanOrEqual(years / 2);
      }
    }
    // the limits: T/2 as λT → 0, 1/λ as λT → ∞
    expectClose(
      numberOf(hazard([1, 1e-9, 4, 0], null, "expected_trigger_years")),
      2 * (1 - 4e-9 / 6),
      1e-15
    );
    expectClose(numberOf(hazard([1, 200, 4, 0], null, "expected_trigger_years")), 1 / 200, 1e-15);
  });

  it('needs λ > 0 and T > 0 for expected_trigger_years, and shows that as #N/A in "all"', () => {
    const message = "expected_trigger_years needs annual_hazard > 0 and deadline_years > 0";
    expectError(hazard([1e9, 0, 3, 0.1], null, "expected_trigger_years"), "#N/A", message);
    expectError(hazard([1e9, 0.2, 0, 0.1], null, "expected_trigger_years"), "#N/A", message);
    const all = tableOf(hazard([1e9, 0, 3, 0.1], null, "all"));
    expect(all).toEqual([
      ["expected_value", 0],
      ["trigger_probability", 0],
      ["expected_trigger_years", { error: "#N/A", message }],
    ]);
  });

  it("rises with the hazard, and pays at most amount × trigger_probability at a rate >= 0", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        normalDouble(3),
        normalDouble(3),
        horizon,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (amount, a, b, years, rate) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const lower = numberOf(hazard([amount, low, years, rate]));
          const higher = numberOf(hazard([amount, high, years, rate]));
          // (plus a subnormal's worth: tiny λ·T can round to 0 in one of the two results and not the other)
          expect(lower).toBeLessThanOrEqual(higher * (1 + 1e-12) + 1e-300);
          const probability = numberOf(
            hazard([amount, high, years, rate], null, "trigger_probability")
          );
          expect(higher).toBeLessThanOrEqual(amount * probability * (1 + 1e-12) + 1e-300);
        }
      )
    );
  });

  it("names the parameter and rule for wrong arguments, the choices for a wrong timing", () => {
    expectError(
      hazard([1e9, -0.1, 3, 0.1]),
      "#VALUE!",
      "annual_hazard must be at least 0 (got -0.1)"
    );
    expectError(
      hazard([1e9, [[0.1], [-0.2]], 3, 0.1]),
      "#VALUE!",
      "annual_hazard item 2 must be at least 0 (got -0.2)"
    );
    expectError(
      hazard([1e9, 0.1, 3, 0.1], "later"),
      "#VALUE!",
      'timing must be one of "on_trigger", "at_deadline"'
    );
    expectError(hazard([1e9, 0.1, 3, 0.1], 1), "#VALUE!", "timing must be text (got 1)");
    expectError(
      hazard([1e9, 0.1, false, 0.1]),
      "#VALUE!",
      "deadline_years must be a number, not FALSE"
    );
    expect(numberOf(hazard([1e9, "15%", 3, 0.1]))).toBe(numberOf(hazard([1e9, 0.15, 3, 0.1])));
    expectError(
      hazard([1e9, 0.1, 3, 0.1], null, "npv"),
      "#N/A",
      'unknown output "npv"; valid fields: expected_value, trigger_probability, expected_trigger_years, all'
    );
  });
});
