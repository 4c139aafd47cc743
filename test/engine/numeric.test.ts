import fc from "fast-check";
import { parseNumberCell } from "../../src/engine/cells";
import { Dec, decFromDouble, decToNumber } from "../../src/engine/numeric";

/** decimal.js's own fields: equal fields make every later operation give the same digits. */
const fieldsOf = (value: Dec) => ({ s: value.s, e: value.e, d: value.d });

/** Decimals of up to 15 significant digits, as cells typed 0.35, 12.5 or 5e9 hold them. */
const shortDecimals = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: -999, max: 999 }),
      fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 })
    ),
    fc.integer({ min: -25, max: 25 })
  )
  .map(([digits, exponent]) => Number(`${digits}e${exponent}`));

const doubles = fc.oneof(
  // every double, with the special ones weighted in: ±0, subnormals, ±1.8e308, ±Infinity, NaN
  fc.double(),
  shortDecimals,
  fc.maxSafeInteger(),
  // whole numbers beyond 2^53, where a double no longer holds every integer
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(Number),
  fc.constantFrom(-0, 5e-324, 2.2250738585072014e-308, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, 1e22)
);

describe("decFromDouble: new Dec(x) without the text", () => {
  it("gives decimal.js's own fields for every double", () => {
    fc.assert(
      fc.property(doubles, (x) => {
        expect(fieldsOf(decFromDouble(x))).toEqual(fieldsOf(new Dec(x)));
      }),
      { numRuns: 10_000 }
    );
  });

  it("gives a Dec of the engine's own settings, whose arithmetic matches", () => {
    fc.assert(
      fc.property(shortDecimals, fc.double({ noNaN: true, noDefaultInfinity: true }), (x, y) => {
        const fast = decFromDouble(x);
        expect(fast).toBeInstanceOf(Dec);
        expect(fast.constructor).toBe(Dec);
        // 1/3 rounds at the engine's 34 digits, not decimal.js's default 20
        expect(fast.plus(y).div(3).toString()).toBe(new Dec(x).plus(y).div(3).toString());
      })
    );
  });

  it("examples: an amount, a rate, a whole number beyond 2^53 read as its shortest text", () => {
    expect(decFromDouble(5e9).toString()).toBe("5000000000");
    expect(decFromDouble(0.35).toString()).toBe("0.35");
    expect(decFromDouble(-1.5e-7).toString()).toBe("-1.5e-7");
    expect(decFromDouble(2 ** 60).toString()).toBe("1152921504606847000");
    expect(decFromDouble(-0).isNegative()).toBe(true);
  });
});

describe("decToNumber: value.toNumber() without the text", () => {
  const decimals = fc.oneof(
    fc
      .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: -40, max: 40 }))
      .map(([digits, exponent]) => new Dec(`${digits}e${exponent}`)),
    doubles.map((x) => new Dec(x)),
    // results carrying all 34 digits, as the engine's sums and quotients do
    fc
      .tuple(fc.double({ noNaN: true }), fc.integer({ min: 1, max: 10 ** 9 }))
      .map(([x, divisor]) => new Dec(x).div(divisor))
  );

  it("is the nearest double, as reading the value's text gives", () => {
    fc.assert(
      fc.property(decimals, (value) => {
        expect(decToNumber(value)).toBe(value.toNumber());
      }),
      { numRuns: 10_000 }
    );
  });

  it("examples: a tie between two doubles rounds to even, as text does", () => {
    // 2^53 + 1 lies halfway between 2^53 and 2^53 + 2
    expect(decToNumber(new Dec("9007199254740993"))).toBe(2 ** 53);
    expect(decToNumber(new Dec("0.1"))).toBe(0.1);
    expect(Object.is(decToNumber(new Dec(-0)), -0)).toBe(true);
  });
});

describe("parseNumberCell: a number from a cell", () => {
  it("is new Dec(x) for every finite double (−0 as 0, as before)", () => {
    fc.assert(
      fc.property(doubles, (x) => {
        const parsed = parseNumberCell(x);
        if (!Number.isFinite(x)) expect(parsed).toBeUndefined();
        else expect(fieldsOf(parsed as Dec)).toEqual(fieldsOf(new Dec(x === 0 ? 0 : x)));
      }),
      { numRuns: 5_000 }
    );
  });
});
