/**
 * The preview's number formats against Excel's documented behaviour: the examples of Microsoft's
 * "Review guidelines for customizing a number format" (support.microsoft.com), the plan's own
 * documented unit format ($13.0B for 13e9), and properties of scaling and rounding.
 */
import fc from "fast-check";
import { FORMATS } from "../../src/templates/plan";
import { formatValue, general } from "../../src/taskpane/numberFormat";

describe("formatValue: Microsoft's documented examples", () => {
  test.each([
    [1234.59, "####.#", "1234.6"],
    [8.9, "#.000", "8.900"],
    [0.631, "0.#", "0.6"],
    [12, "0.#", "12."],
    [1234.568, "0.#", "1234.6"],
    [12, "#.0#", "12.0"],
    [1234.568, "#.0#", "1234.57"],
    [12000, "#,###", "12,000"],
    [12000, "#,", "12"],
    [12200000, "0.0,,", "12.2"],
  ])("%p as %s is %s", (value, format, shown) => {
    expect(formatValue(value, format)).toBe(shown);
  });
});

describe("formatValue: the templates' unit formats", () => {
  test("13e9 in the billions format is $13.0B (plan.ts documents it)", () => {
    expect(formatValue(13e9, FORMATS.usdBillions)).toBe("$13.0B");
  });
  test("percent multiplies by 100 and keeps the sign", () => {
    expect(formatValue(0.286, FORMATS.percent)).toBe("28.6%");
    expect(formatValue(-0.05, FORMATS.percent)).toBe("-5.0%");
  });
  test("literal suffixes", () => {
    expect(formatValue(2.5, FORMATS.multiple)).toBe("2.50x");
    expect(formatValue(10, FORMATS.years)).toBe("10.0 yrs");
  });
  test("scientific notation as Excel writes it", () => {
    expect(formatValue(12345, FORMATS.difference)).toBe("1.23E+04");
    expect(formatValue(0.000123, FORMATS.difference)).toBe("1.23E-04");
    expect(formatValue(0, FORMATS.difference)).toBe("0.00E+00");
    // 9.999 rounds to 10.00 at two decimals: the mantissa carries into the exponent.
    expect(formatValue(9.999, "0.00E+00")).toBe("1.00E+01");
  });
  test("rounding is half away from zero on the decimal value, as Excel does", () => {
    // 1.005 is stored just below 1.005; Excel still shows 1.01 (it rounds the 15-digit decimal).
    expect(formatValue(1.005, "0.00")).toBe("1.01");
    expect(formatValue(-2.5, "0")).toBe("-3");
  });
  test("sections: negative without its sign, zero, text", () => {
    expect(formatValue(-3, '0;(0);"zero"')).toBe("(3)");
    expect(formatValue(0, '0;(0);"zero"')).toBe("zero");
    expect(formatValue("abc", '0;0;0;"<"@">"')).toBe("<abc>");
  });
  test("text is shown as written, whatever the format", () => {
    expect(formatValue("=HYPERLINK(1)", FORMATS.usdBillions)).toBe("=HYPERLINK(1)");
  });
  test("formats it does not cover fall back to General", () => {
    expect(formatValue(45000, FORMATS.date)).toBe("45000");
    expect(formatValue(0.1 + 0.2, undefined)).toBe("0.3");
  });
});

test("General in a standard column: 1/3 shows 0.333333333 and 2/3 0.666666667, as in Excel", () => {
  expect(general(1 / 3)).toBe("0.333333333");
  expect(general(2 / 3)).toBe("0.666666667");
  expect(general(123456789012)).toBe("1.23457E+11");
});

describe("properties", () => {
  test("each trailing comma divides by 1000: #,##0.0,,, of x equals #,##0.0 of x/1e9", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (n) => {
        expect(formatValue(n, "#,##0.0,,,")).toBe(formatValue(n / 1e9, "#,##0.0"));
      })
    );
  });
  test("grouping only inserts commas: removing them gives the ungrouped text", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (x) => {
        expect(formatValue(x, "#,##0.00").replace(/,/g, "")).toBe(formatValue(x, "0.00"));
      })
    );
  });
  test("0.00 reads back within half a cent", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
        expect(Math.abs(Number(formatValue(x, "0.00")) - x)).toBeLessThanOrEqual(
          0.005 + 1e-6 * Math.abs(x) * 1e-6
        );
      })
    );
  });
  test("General: integers below 1e11 exactly; anything else within scientific notation's six digits", () => {
    fc.assert(
      fc.property(fc.integer({ min: -99999999999, max: 99999999999 }), (n) => {
        expect(general(n)).toBe(String(n));
      })
    );
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), (x) => {
        expect(Math.abs(Number(general(x)) - x)).toBeLessThanOrEqual(Math.abs(x) * 5e-6 + 1e-9);
      })
    );
  });
});
