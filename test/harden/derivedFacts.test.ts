/** Issue 11, items 2 and 3: a derived fact never rests on a value a double cannot hold, a cycle or a stack overflow. */
import { applySource } from "../../src/data/import";
import { BUILTIN_LIBRARY, buildLibrary } from "../../src/data/library";
import { evaluateFormula, FormulaError, formulaInputs } from "../../src/data/formula";
import { validateDeal } from "../../src/data/schema";

const SOURCE = { document: "memo.pdf", section: "Terms", as_of: "2026" };

/** A deal whose fact `derived` has `formula` over base = 10 and other = 4. */
function dealWith(formula: string, value: number, extra: object[] = []) {
  return {
    id: "acme-2026",
    title: "Acme",
    date: "2026",
    status: "reported",
    parties: [],
    facts: [
      { key: "base", value: 10, unit: "USD", status: "reported", source: SOURCE },
      { key: "other", value: 4, unit: "USD", status: "reported", source: SOURCE },
      { key: "derived", value, unit: "USD", status: "derived", derivation: { formula } },
      ...extra,
    ],
  };
}

const messages = (deal: unknown) => validateDeal(deal).issues.map((issue) => issue.message);

describe("derived facts", () => {
  test("a result beyond a double's range is refused, not compared as Infinity", () => {
    // base * 1e400 is 1e401: no double holds it, so no stored value can match it.
    expect(() => evaluateFormula("base * 1e300 * 1e300", () => 10)).toThrow(FormulaError);
    expect(messages(dealWith("base * 1e300 * 1e300", 42)).join()).toMatch(/outside the range/);
  });

  test("a literal beyond a double's range is refused (1e400 would be Infinity, 1e-400 would be 0)", () => {
    expect(messages(dealWith("base * 1e400", 42)).join()).toMatch(/1e400 is outside the range/);
    expect(messages(dealWith("base + 1e-400", 10)).join()).toMatch(/1e-400 is outside the range/);
    // The limit cases just inside the range still read.
    expect(evaluateFormula("1e308 + 0", () => 0)).toBe(1e308);
    expect(evaluateFormula("5e-324 * 1", () => 0)).toBe(5e-324);
  });

  test("a circular derivation is refused at each fact of the circle", () => {
    const a = { key: "a", value: 1, unit: "USD", status: "derived", derivation: { formula: "b" } };
    const b = { key: "b", value: 1, unit: "USD", status: "derived", derivation: { formula: "a" } };
    const found = messages(dealWith("base - other", 6, [a, b]));
    expect(found).toEqual(expect.arrayContaining(["circular derivation: a → b → a"]));
    expect(validateDeal(dealWith("base - other", 6, [a, b])).issues).toHaveLength(2);
    // A chain that is not a circle stays valid.
    const c = {
      key: "c",
      value: 6,
      unit: "USD",
      status: "derived",
      derivation: { formula: "derived" },
    };
    expect(messages(dealWith("base - other", 6, [c]))).toEqual([]);
  });

  test("a long chain of derivations is checked without recursion", () => {
    const chain = Array.from({ length: 20000 }, (_, i) => ({
      key: `f${i}`,
      value: 6,
      unit: "USD",
      status: "derived",
      derivation: { formula: i === 0 ? "derived" : `f${i - 1}` },
    }));
    expect(messages(dealWith("base - other", 6, chain))).toEqual([]);
  });
});

describe("formula limits: a problem, never a stack overflow", () => {
  // The shapes that overflowed the stack at about 6.5 KB, each within and beyond the limits.
  test.each([
    ["3,222 nested parentheses", "(".repeat(3222) + "base" + ")".repeat(3222)],
    ["3,907 unary minus signs", "-".repeat(3907) + "base"],
    ["an 8,594-term sum", Array(8594).fill("base").join("+")],
  ])("%s is reported as a problem", (_, formula) => {
    expect(() => formulaInputs(formula)).toThrow(FormulaError);
    const { problems } = applySource(BUILTIN_LIBRARY, {
      name: "deep.json",
      text: JSON.stringify([dealWith(formula, 10)]),
    });
    expect(problems.map((p) => p.message).join()).toMatch(
      /cannot read the formula: the formula (has|nests)/
    );
  });

  test("nesting up to the limit still reads: 40 parentheses, 40 minus signs, a sum of 150 terms", () => {
    expect(evaluateFormula("(".repeat(40) + "base" + ")".repeat(40), () => 10)).toBe(10);
    expect(evaluateFormula("-".repeat(40) + "base", () => 10)).toBe(10); // an even count
    expect(evaluateFormula(Array(150).fill("base").join("+"), () => 10)).toBe(1500);
  });
});

describe("a source with very many problems", () => {
  test("200,000 problems are listed, not a stack overflow", () => {
    // 200,000 unknown columns: one problem each, beyond the ~120k arguments a spread call takes.
    const columns = Array.from({ length: 200000 }, (_, i) => `extra${i}`);
    const text = `deal_id,key,value,unit,status,${columns.join(",")}\n`;
    const { problems } = buildLibrary([{ name: "many.csv", text }]);
    expect(problems).toHaveLength(200000);
  });
});
