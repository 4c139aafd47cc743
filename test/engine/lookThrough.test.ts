import fc from "fast-check";
import { LOOK_THROUGH } from "../../src/engine/lookThrough";
import { callDealFunction, CellResult, isCellError } from "../../src/functions/adapter";
import { expectClose, expectError, numberOf, tableOf } from "./cellExpect";
import { Ref } from "./highPrecision";

const COLUMNS = [
  "period",
  "investment",
  "spend",
  "margin_after_tax",
  "capex",
  "stake",
  "net_flow",
  "discounted_net_flow",
  "cumulative_discounted_net_flow",
];

/** Excel passes a column range as [[a], [b], …]. */
const column = (values: readonly number[]): number[][] => values.map((value) => [value]);

interface Deal {
  investments: number[];
  spend: number[];
  margin: number;
  tax?: number;
  capex?: number[];
  stake?: number;
  rate?: number;
  realisation?: number;
  failure?: number;
}

const look = (deal: Deal, output: unknown = null): CellResult =>
  callDealFunction(LOOK_THROUGH, [
    column(deal.investments),
    column(deal.spend),
    deal.margin,
    deal.tax ?? null,
    deal.capex ? column(deal.capex) : null,
    deal.stake ?? null,
    deal.rate ?? null,
    deal.realisation ?? null,
    deal.failure ?? null,
    output,
  ]);
const field = (deal: Deal, output: string): number => numberOf(look(deal, output));

/** The net flows f_t in doubles, straight from the spec's definition (no engine code). */
function netFlows(deal: Deal): number[] {
  const { investments, spend, margin, tax = 0, capex = [], stake = 0 } = deal;
  const { realisation = 1, failure = Infinity } = deal;
  const n = Math.max(investments.length, spend.length, capex.length) - 1;
  return Array.from({ length: n + 1 }, (_, t) => {
    if (t >= failure) return 0;
    const flow =
      (1 - tax) * margin * realisation * (spend[t] ?? 0) - (investments[t] ?? 0) - (capex[t] ?? 0);
    return t === n && failure > n ? flow + stake : flow;
  });
}

/** NPV of flows at a rate, at 60 digits. */
function npvRef(flows: readonly number[], rate: Ref): Ref {
  const factor = new Ref(1).div(rate.plus(1));
  return flows.reduceRight((sum, flow) => sum.times(factor).plus(flow), new Ref(0));
}

/** The IRR of flows with one root, by 60-digit bisection on (lo, hi). */
function irrRef(flows: readonly number[], lo = -0.99, hi = 100): Ref {
  let [a, b] = [new Ref(lo), new Ref(hi)];
  const signA = npvRef(flows, a).isPositive();
  for (let i = 0; i < 120; i++) {
    const mid = a.plus(b).div(2);
    if (npvRef(flows, mid).isPositive() === signA) a = mid;
    else b = mid;
  }
  return a.plus(b).div(2);
}

describe("LOOK_THROUGH", () => {
  // 100 in at t0; spend 80 a year at t1, t2 at a 50% margin, 20% tax, 90% realised; capex 10 a
  // year; the stake worth 50 at t2; 10% a year.
  const example: Deal = {
    investments: [100, 0, 0],
    spend: [0, 80, 80],
    margin: 0.5,
    tax: 0.2,
    capex: [0, 10, 10],
    stake: 50,
    rate: 0.1,
    realisation: 0.9,
  };

  it("works the example by hand in every field", () => {
    const margin = 0.8 * 0.5 * 0.9 * 80; // 28.8 a year after tax
    const annuity = 1 / 1.1 + 1 / 1.21;
    const expected: Record<string, number> = {
      npv: margin * annuity + 50 / 1.21 - 10 * annuity - 100,
      margin_pv: margin * annuity,
      capex_pv: 10 * annuity,
      investment_pv: 100,
      stake_pv: 50 / 1.21,
      moic: (2 * margin + 50) / (100 + 20),
      breakeven_margin: (100 + 10 * annuity - 50 / 1.21) / (0.8 * 0.9 * 80 * annuity),
    };
    const all = tableOf(look(example, "all"));
    expect(all.map(([name]) => name)).toEqual(LOOK_THROUGH.fields);
    const fields = Object.fromEntries(all) as Record<string, unknown>;
    for (const [name, value] of Object.entries(expected))
      expectClose(fields[name] as number, value, 1e-13, 150);
    expect(numberOf(look(example))).toBe(fields.npv);
    // the flows −100, 18.8, 68.8 (28.8 − 10 + 50 at t2): one sign change, one root
    const irr = irrRef([-100, 18.8, 68.8]);
    expectClose(fields.irr as number, irr.toNumber(), 1e-13);
    // (−18.8 + √(18.8² + 4·100·68.8)) / 200 = x = 1/(1 + irr), from the quadratic −100 + 18.8x⁻¹… in (1 + r)
    const onePlus = (18.8 + Math.sqrt(18.8 ** 2 + 4 * 100 * 68.8)) / 200;
    expectClose(fields.irr as number, onePlus - 1, 1e-12, onePlus);
    expect(fields.payback_period).toEqual({
      error: "#N/A",
      message:
        "payback_period: the cumulative discounted net flow is still below 0 at the last period (2)",
    });
  });

  it("spills the table with its header; the last cumulative discounted flow is the npv", () => {
    const [header, ...rows] = tableOf(look(example, "table"));
    expect(header).toEqual(COLUMNS);
    expect(rows.map((row) => row.slice(0, 6))).toEqual([
      [0, 100, 0, 0, 0, 0],
      [1, 0, 80, expect.closeTo(28.8, 12), 10, 0],
      [2, 0, 80, expect.closeTo(28.8, 12), 10, 50],
    ]);
    expectClose(rows[2][8] as number, field(example, "npv"), 1e-13, 150);
    rows.forEach((row, t) => {
      expectClose(row[6] as number, netFlows(example)[t], 1e-13, 150);
      expectClose(row[7] as number, (row[6] as number) / 1.1 ** t, 1e-13, 150);
    });
  });

  const amount = fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e6, noNaN: true }));
  const amounts = fc.array(amount, { minLength: 1, maxLength: 12 });
  const deals = fc.record({
    investments: amounts,
    spend: amounts,
    // not a subnormal margin: the reference's products in doubles would underflow to 0 where the
    // engine's decimals keep the smallest double
    margin: fc
      .double({ min: -1, max: 1, noNaN: true })
      .filter((margin) => margin === 0 || Math.abs(margin) >= 1e-300),
    tax: fc.double({ min: 0, max: 0.9, noNaN: true }),
    capex: amounts,
    stake: amount,
    rate: fc.double({ min: -0.5, max: 1, noNaN: true }),
    realisation: fc.double({ min: 0, max: 1, noNaN: true }),
    failure: fc.option(fc.integer({ min: 0, max: 14 }), { nil: undefined }),
  });

  it("has npv = Σ f_t·(1 + r)^(−t) = margin_pv + stake_pv − capex_pv − investment_pv", () => {
    fc.assert(
      fc.property(deals, (deal) => {
        const flows = netFlows(deal);
        const discount = (t: number) => (1 + deal.rate) ** -t;
        // the reference rounds each part: the tolerance scales with the parts, not their sum
        const scale =
          flows.reduce((sum, _, t) => {
            const live = t < (deal.failure ?? Infinity) ? 1 : 0;
            const parts =
              Math.abs(deal.margin * (deal.spend[t] ?? 0)) +
              (deal.investments[t] ?? 0) +
              (deal.capex[t] ?? 0);
            return sum + live * parts * discount(t);
          }, 0) +
          deal.stake * discount(flows.length - 1);
        const expected = flows.reduce((sum, flow, t) => sum + flow * discount(t), 0);
        const npv = field(deal, "npv");
        expectClose(npv, expected, 1e-12, scale);
        const parts =
          field(deal, "margin_pv") +
          field(deal, "stake_pv") -
          field(deal, "capex_pv") -
          field(deal, "investment_pv");
        expectClose(npv, parts, 1e-12, scale);
      })
    );
  });

  it("matches a 60-digit npv on the decimal values the cells hold", () => {
    fc.assert(
      fc.property(deals, (deal) => {
        const { investments, spend, capex, margin, tax, stake, rate, realisation } = deal;
        const failure = deal.failure ?? Infinity;
        const n = Math.max(investments.length, spend.length, capex.length) - 1;
        const share = new Ref(1).minus(tax).times(margin).times(realisation);
        const factor = new Ref(1).div(new Ref(rate).plus(1));
        let npv = new Ref(0);
        let scale = new Ref(0);
        for (let t = 0; t <= n && t < failure; t++) {
          const discount = factor.pow(t);
          const earned = share.times(spend[t] ?? 0);
          const out = new Ref(investments[t] ?? 0).plus(capex[t] ?? 0);
          npv = npv.plus(earned.minus(out).times(discount));
          scale = scale.plus(earned.abs().plus(out).times(discount));
        }
        if (failure > n) {
          npv = npv.plus(factor.pow(n).times(stake));
          scale = scale.plus(factor.pow(n).times(stake));
        }
        // 34 digits in the engine: within 1e-12 of the npv unless the parts cancel to 1e-20 of it
        const tolerance = npv.abs().times(1e-12).plus(scale.times(1e-30)).toNumber();
        expect(Math.abs(field(deal, "npv") - npv.toNumber())).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 200 }
    );
  });

  it("keeps 1e-12 when (1 + r)^(−n) is far below 1: 200 periods at 100% (the decimal power)", () => {
    const deal: Deal = {
      investments: [1e6, ...Array(199).fill(0)],
      spend: [0, ...Array(199).fill(3e5)],
      margin: 0.5,
      capex: [...Array(199).fill(0), 7],
      stake: 1e70,
      rate: 1,
    };
    const reference = npvRef(netFlows(deal), new Ref(1));
    expectClose(field(deal, "npv"), reference.toNumber(), 1e-12);
    // the same with 20 periods takes the double power: checked against the same reference
    const short: Deal = {
      ...deal,
      investments: [1e6],
      spend: [0, ...Array(19).fill(3e5)],
      capex: [0],
    };
    expectClose(field(short, "npv"), npvRef(netFlows(short), new Ref(1)).toNumber(), 1e-12);
  });

  it("has npv = 0 at the break-even margin, all else fixed", () => {
    fc.assert(
      fc.property(deals, (deal) => {
        const result = look(deal, "breakeven_margin");
        if (typeof result !== "number") {
          // no spend that happens, or a margin beyond a double (a realisation of 5e-324)
          if (isCellError(result) && result.error === "#NUM!")
            expectError(result, "#NUM!", "breakeven_margin is too large to represent");
          else expectError(result, "#N/A", /breakeven_margin needs spend that happens/);
          return;
        }
        if (Math.abs(result) > 1) return; // outside the margin's domain: nothing to call it with
        const atBreakeven = { ...deal, margin: result };
        const scale = [
          field(atBreakeven, "margin_pv"),
          field(atBreakeven, "stake_pv"),
          field(atBreakeven, "capex_pv"),
          field(atBreakeven, "investment_pv"),
        ].reduce((sum, part) => sum + Math.abs(part), 0);
        // the margin handed back in is the double nearest the break-even
        expectClose(field(atBreakeven, "npv"), 0, 1e-12, scale || 1);
      })
    );
  });

  it("after a failure in period k, is the deal cut at k with no stake", () => {
    fc.assert(
      fc.property(deals, fc.integer({ min: 0, max: 14 }), (deal, k) => {
        const failed = { ...deal, failure: k };
        const cut = (list: number[]) => list.map((value, t) => (t < k ? value : 0));
        const n = Math.max(deal.investments.length, deal.spend.length, deal.capex.length) - 1;
        const truncated = {
          ...deal,
          failure: undefined,
          investments: cut(deal.investments),
          spend: cut(deal.spend),
          capex: cut(deal.capex),
          stake: k > n ? deal.stake : 0,
        };
        for (const name of ["npv", "margin_pv", "capex_pv", "investment_pv", "stake_pv"])
          expect(field(failed, name)).toBe(field(truncated, name));
        if (k <= n) expect(field(failed, "stake_pv")).toBe(0);
      })
    );
  });

  it("scales the margin by (1 − tax) × realisation, and leaves capex and investment alone", () => {
    fc.assert(
      fc.property(deals, (deal) => {
        const plain = { ...deal, tax: 0, realisation: 1 };
        const share = (1 - deal.tax) * deal.realisation;
        const plainPv = field(plain, "margin_pv");
        // subnormal doubles (a margin of 1.5e-323) keep only a few bits: an absolute floor
        expectClose(
          field(deal, "margin_pv"),
          plainPv * share,
          1e-12,
          Math.max(Math.abs(plainPv), 1e-290)
        );
        expect(field(deal, "capex_pv")).toBe(field(plain, "capex_pv"));
        expect(field(deal, "investment_pv")).toBe(field(plain, "investment_pv"));
      })
    );
  });

  it("takes the last crossing for payback_period, shared with VENDOR_LOOP_SCHEDULE", () => {
    const regression: Deal = {
      investments: [10, 0, 0, 0, 50],
      spend: [0, 30, 0, 0, 0],
      margin: 0.5,
      rate: 0.1,
    };
    expectClose(field(regression, "npv"), -10 + 15 / 1.1 - 50 / 1.1 ** 4, 1e-13, 60);
    expectError(
      look(regression, "payback_period"),
      "#N/A",
      "payback_period: the cumulative discounted net flow is still below 0 at the last period (4)"
    );
    // the stake at t4 offsets the 50 paid then: worth 40 the flow still ends below 0 (−10 at t4
    // against 3.6 banked), worth 60 it never falls back, so payback is period 1 again
    expect(look({ ...regression, stake: 40 }, "payback_period")).toEqual(
      expect.objectContaining({ error: "#N/A" })
    );
    expect(field({ ...regression, stake: 60 }, "payback_period")).toBe(1);
    expect(field({ investments: [0], spend: [5], margin: 0.5 }, "payback_period")).toBe(0);
  });

  describe("irr", () => {
    it("matches a 60-digit bisection when the flows change sign once (Descartes: exactly one rate)", () => {
      const flows = fc.tuple(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 10 })
      );
      fc.assert(
        fc.property(flows, ([investment, spend]) => {
          fc.pre(spend.some((s) => s > 0));
          const deal: Deal = { investments: [investment], spend: [0, ...spend], margin: 1 };
          const reference = irrRef(netFlows(deal), -0.999999, 1e9);
          fc.pre(reference.greaterThan(-0.99) && reference.lessThan(1e6));
          const irr = field(deal, "irr");
          expectClose(
            irr,
            reference.toNumber(),
            1e-12,
            Math.max(Math.abs(reference.toNumber()), 1e-3)
          );
          // the NPV changes sign across it
          const step = new Ref(Math.max(Math.abs(irr), 1e-3) * 1e-12);
          const flowsNow = netFlows(deal);
          expect(npvRef(flowsNow, new Ref(irr).minus(step)).isPositive()).not.toBe(
            npvRef(flowsNow, new Ref(irr).plus(step)).isPositive()
          );
        }),
        { numRuns: 30 }
      );
    });

    // x = 1/(1 + r): the NPV is the polynomial Σ f_t·x^t. Flows built from chosen roots in x.
    const polynomial = (f: number[]): Deal => ({
      investments: f.map((c) => Math.max(-c, 0)),
      spend: f.map((c) => Math.max(c, 0)),
      margin: 1,
    });

    it("finds the one rate when the flows change sign three times but only one rate is real", () => {
      // (x − 0.8)(x² + 1) = x³ − 0.8x² + x − 0.8: signs −, +, −, +, yet one root x = 0.8: r = 25%
      expectClose(field(polynomial([-0.8, 1, -0.8, 1]), "irr"), 0.25, 1e-14);
    });

    it("gives a double root (the NPV touches zero) as the one rate", () => {
      // (x − 0.8)² = 0.64 − 1.6x + x²: the NPV is >= 0 and 0 only at r = 25%
      expectClose(field(polynomial([0.64, -1.6, 1]), "irr"), 0.25, 1e-7);
      // (x − 1)²: 0 at r = 0 exactly
      expect(field(polynomial([1, -2, 1]), "irr")).toBe(0);
    });

    it("answers #NUM! when two or more rates give an NPV of 0, or none does", () => {
      // (x − 0.5)(x − 0.8): r = 100% and r = 25%
      expectError(
        look(polynomial([0.4, -1.3, 1]), "irr"),
        "#NUM!",
        "irr: 2 different rates give an NPV of 0 (the net flows change sign 2 times); use npv at a chosen rate"
      );
      // two roots 1e-4 apart in x, closer than the grid: found by the turning point between them
      const [a, b] = [0.8, 0.8001];
      expectError(look(polynomial([a * b, -(a + b), 1]), "irr"), "#NUM!", /2 different rates/);
      // (x − 0.8)² + 0.01 has no real root although its signs change twice
      expectError(
        look(polynomial([0.65, -1.6, 1]), "irr"),
        "#NUM!",
        "irr: no rate above −100% gives an NPV of 0"
      );
      expectError(
        look({ investments: [100], spend: [0, 0], margin: 0.5 }, "irr"),
        "#NUM!",
        "irr: the net flows never change sign, so no rate gives an NPV of 0"
      );
      expectError(
        look({ investments: [0], spend: [0], margin: 0.5 }, "irr"),
        "#NUM!",
        "irr: every flow is 0, so every rate gives an NPV of 0"
      );
    });

    /**
     * Brute force: the sign of Σ f_t·x^t at x = j/N for j = 1 … 7N, exactly in integers
     * (Σ f_t·j^t·N^(n−t)). For integer flows of size <= 5 every positive root lies in (1/6, 6).
     */
    function bruteForceRoots(flows: number[], N = 1000): { count: number; x: number } {
      const n = flows.length - 1;
      const powersOfN = flows.map((_, t) => BigInt(N) ** BigInt(n - t));
      let count = 0;
      let previous = 0;
      let x = NaN;
      for (let j = 1; j <= 7 * N; j++) {
        let value = 0n;
        let power = 1n;
        for (let t = 0; t <= n; t++) {
          value += BigInt(flows[t]) * power * powersOfN[t];
          power *= BigInt(j);
        }
        const sign = value === 0n ? 0 : value > 0n ? 1 : -1;
        if (sign === 0) {
          count++;
          x = j / N;
          previous = 0;
        } else {
          if (previous !== 0 && sign !== previous) {
            count++;
            x = (j - 0.5) / N;
          }
          previous = sign;
        }
      }
      return { count, x };
    }

    it("agrees with a brute-force count of sign changes on random integer flows", () => {
      const flows = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 2, maxLength: 6 });
      fc.assert(
        fc.property(flows, (f) => {
          fc.pre(f.some((c) => c !== 0));
          const brute = bruteForceRoots(f);
          const result = look(polynomial(f), "irr");
          if (brute.count >= 2) expectError(result, "#NUM!", /different rates give an NPV of 0/);
          else if (brute.count === 1) {
            // the rate lies within the grid step of the brute-force root
            const x = 1 / (1 + numberOf(result));
            expect(Math.abs(x - brute.x)).toBeLessThanOrEqual(1 / 1000);
          } else {
            // no sign change on the grid: none, or a root the grid cannot see (a tangent)
            if (typeof result === "number") {
              const x = 1 / (1 + result);
              const value = f.reduce((sum, c, t) => sum + c * x ** t, 0);
              expect(Math.abs(value)).toBeLessThan(1e-9);
            } else expectError(result, "#NUM!", /irr: /);
          }
        }),
        { numRuns: 120, seed: 20261127 }
      );
    });
  });

  it("gives the documented errors and #N/A for what a field needs", () => {
    expectError(
      look({ ...example, tax: 1 }),
      "#VALUE!",
      "tax_rate must be at least 0 and less than 1 (got 1)"
    );
    expectError(
      look({ ...example, failure: 1.5 }),
      "#VALUE!",
      "failure_period must be a whole number at least 0 (got 1.5)"
    );
    expectError(
      look({ ...example, capex: [0, -1] }),
      "#VALUE!",
      "capex item 2 must be at least 0 (got -1)"
    );
    expectError(
      look({ ...example, realisation: 1.1 }),
      "#VALUE!",
      "realisation must be between 0 and 1 (got 1.1)"
    );
    expectError(
      look(example, "xirr"),
      "#N/A",
      'unknown output "xirr"; valid fields: npv, margin_pv, capex_pv, investment_pv, stake_pv, irr, moic, payback_period, breakeven_margin, table, all'
    );
    expectError(
      look({ investments: [0], spend: [5], margin: 0.5 }, "moic"),
      "#N/A",
      "moic needs investments or capex > 0 before any failure"
    );
    expectError(
      look({ ...example, realisation: 0 }, "breakeven_margin"),
      "#N/A",
      "breakeven_margin needs spend that happens (spend and realisation > 0, tax_rate < 1)"
    );
  });
});

describe("LOOK_THROUGH through the adapter", () => {
  it("keeps the table's summary in \"all\" within a cell's 32,767 characters on a long schedule", () => {
    const periods = 2000;
    const all = tableOf(
      callDealFunction(LOOK_THROUGH, [
        column(Array.from({ length: periods }, (_, t) => (t % 7 === 0 ? 1234.5678 : 0))),
        column(Array.from({ length: periods }, () => 987.654321)),
        0.35,
        null,
        null,
        null,
        0.1,
        null,
        null,
        "all",
      ])
    );
    const summary = all.find(([name]) => name === "table")![1] as string;
    expect(summary.length).toBeLessThanOrEqual(32767);
    expect(summary).toMatch(/… \(2001 rows: ask for this field alone to spill them\)$/);
    // whole rows only: the text before the note ends a row of nine cells
    const rows = summary.replace(/ … \(.*$/, "").split("; ");
    expect(rows[0].split(": ")).toEqual(COLUMNS);
    expect(rows.every((row) => row.split(": ").length === COLUMNS.length)).toBe(true);
  });
});
