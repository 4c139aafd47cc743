import { erfcx, erfcxDefect, normalCdf } from "../../src/engine/normal";
import { exactValue, normalCdfRef, Ref, relativeError } from "./highPrecision";

const SMALLEST_NORMAL = 2.2250738585072014e-308;
const SMALLEST_SUBNORMAL = 5e-324;

/** From `from` to `to` in steps that land on no round number, so no branch point is skipped by luck. */
const grid = (from: number, to: number, step: number): number[] =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

/** erfcx(u) = e^(u²)·erfc(u) = 2·e^(u²)·N(−u√2), from the reference N. */
const erfcxRef = (u: Ref): Ref =>
  u
    .times(u)
    .exp()
    .times(2)
    .times(normalCdfRef(u.times(new Ref(2).sqrt()).neg()));

describe("normalCdf (Cody's erfc) against a 60-digit reference", () => {
  it("is within 1e-14 relative over [−37.5, 38], the far lower tail included", () => {
    let worst = 0;
    for (const x of grid(-37.5, 38, 0.0917)) {
      worst = Math.max(worst, relativeError(normalCdf(x), normalCdfRef(exactValue(x))));
    }
    // measured: 4.7e-16
    expect(worst).toBeLessThan(1e-14);
  });

  it("keeps relative accuracy at the branch points of Cody's intervals (|x|/√2 = 0.46875, 4)", () => {
    for (const y of [0.46875, 4]) {
      for (const x of [y * Math.SQRT2, -y * Math.SQRT2]) {
        for (const nudge of [-1e-9, 0, 1e-9]) {
          const at = x + nudge;
          expect(relativeError(normalCdf(at), normalCdfRef(exactValue(at)))).toBeLessThan(1e-15);
        }
      }
    }
  });

  it("goes into the subnormal range a few units in the last place from the reference, then to 0", () => {
    for (const x of grid(-38.6, -37.5, 0.0613)) {
      const expected = normalCdfRef(exactValue(x)).toNumber();
      expect(expected).toBeLessThan(SMALLEST_NORMAL);
      expect(Math.abs(normalCdf(x) - expected)).toBeLessThanOrEqual(4 * SMALLEST_SUBNORMAL);
    }
    expect(normalCdf(-39)).toBe(0);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(40)).toBe(1);
  });

  it("is ½ at 0, symmetric, and non-decreasing", () => {
    expect(normalCdf(0)).toBe(0.5);
    const xs = grid(-10, 10, 0.0137);
    for (const x of xs)
      expect(Math.abs(normalCdf(x) + normalCdf(-x) - 1)).toBeLessThanOrEqual(2 * Number.EPSILON);
    const values = xs.map(normalCdf);
    values.slice(1).forEach((value, i) => expect(value).toBeGreaterThanOrEqual(values[i]));
  });
});

describe("erfcx and erfcxDefect against a 60-digit reference", () => {
  it("erfcx is within 1e-14 relative over [−5, 60]", () => {
    let worst = 0;
    for (const u of grid(-5, 60, 0.1173))
      worst = Math.max(worst, relativeError(erfcx(u), erfcxRef(exactValue(u))));
    expect(worst).toBeLessThan(1e-14);
  });

  it("erfcxDefect = 1 − √π·u·erfcx(u) keeps its digits where the difference cancels (large u)", () => {
    let worst = 0;
    for (const u of [...grid(-1, 30, 0.0711), 50, 100, 1e3, 1e6]) {
      const U = exactValue(u);
      const expected = new Ref(1).minus(Ref.acos(-1).sqrt().times(U).times(erfcxRef(U)));
      worst = Math.max(worst, relativeError(erfcxDefect(u), expected));
    }
    // 1 − √π·u·erfcx(u) → 1/(2u²): a difference in doubles would lose about log10(2u²) digits; past
    // u = 4 it comes from Cody's rational function directly, below it loses at most 35× (measured 1.2e-14)
    expect(worst).toBeLessThan(5e-14);
    expect(erfcxDefect(1e6) * 2e12).toBeCloseTo(1, 10);
  });
});
