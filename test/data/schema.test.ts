import { BUILTIN_DEALS } from "../../src/data/builtin";
import { DEFAULT_ASSUMPTIONS } from "../../src/data/assumptions";
import { evaluateFormula, FormulaError, formulaInputs } from "../../src/data/formula";
import { LibrarySchema, validateDeal } from "../../src/data/schema";

const SOURCE = { document: "memo.pdf", section: "Terms", as_of: "2026" };

const INVESTMENT = {
  key: "investment",
  value: 2e9,
  unit: "USD",
  status: "announced",
  source: SOURCE,
};
const CONTINGENT = {
  key: "tranche_contingent",
  value: 5e8,
  unit: "USD",
  status: "reported",
  source: SOURCE,
};

/** A valid deal, to break one rule at a time (the schema takes unknown input, as from a user's file). */
function deal(overrides: { facts?: unknown[]; [field: string]: unknown } = {}) {
  return {
    id: "acme-cloudco-2026",
    title: "Cloudco's investment in Acme",
    date: "2026-03",
    status: "announced",
    parties: [
      { name: "Cloudco", role: "investor" },
      { name: "Acme", role: "investee" },
    ],
    facts: [INVESTMENT, CONTINGENT] as unknown[],
    ...overrides,
  };
}

const issuesOf = (input: unknown) =>
  validateDeal(input).issues.map((i) => [i.path.join("."), i.message]);

describe("the deal schema", () => {
  test("accepts a well-formed deal", () => {
    expect(validateDeal(deal()).issues).toEqual([]);
  });

  test("accepts the built-in library as a whole (unique ids, every deal valid)", () => {
    const parsed = LibrarySchema.safeParse(BUILTIN_DEALS);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  test("rejects a fact without provenance, and a source missing its section", () => {
    const facts = [
      { key: "investment", value: 2e9, unit: "USD", status: "announced" },
      {
        key: "valuation",
        value: 9e9,
        unit: "USD",
        status: "reported",
        source: { document: "memo.pdf", as_of: "2026" },
      },
    ];
    const issues = issuesOf(deal({ facts }));
    expect(issues).toContainEqual(["facts.0.source", expect.stringMatching(/^required/)]);
    expect(issues).toContainEqual(["facts.1.source.section", "required"]);
  });

  test("rejects a range whose low is above its high", () => {
    const facts = [
      {
        key: "valuation",
        value: { low: 25e9, high: 18e9 },
        unit: "USD",
        status: "estimate",
        source: SOURCE,
      },
    ];
    expect(issuesOf(deal({ facts }))).toEqual([
      ["facts.0.value.high", "high (18000000000) must be at least low (25000000000)"],
    ]);
  });

  test("rejects an unknown status, on a fact and on a deal", () => {
    const facts = [
      { key: "investment", value: 2e9, unit: "USD", status: "rumoured", source: SOURCE },
    ];
    const issues = issuesOf({ ...deal({ facts }), status: "closed" });
    expect(issues).toContainEqual([
      "facts.0.status",
      expect.stringContaining("must be one of announced, reported"),
    ]);
    expect(issues).toContainEqual(["status", expect.stringContaining("must be one of")]);
  });

  test("rejects duplicate deal ids in a library, and duplicate keys in a deal", () => {
    const library = LibrarySchema.safeParse([deal(), deal()]);
    expect(library.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["1.id", "duplicate deal id acme-cloudco-2026 (also deal 1)"],
    ]);
    expect(issuesOf(deal({ facts: [INVESTMENT, INVESTMENT] }))).toEqual([
      ["facts.1.key", "duplicate key investment in acme-cloudco-2026"],
    ]);
  });

  test('rejects a number written as text ("4B"), with the number meant', () => {
    const facts = [
      { key: "investment", value: "4B", unit: "USD", status: "announced", source: SOURCE },
    ];
    expect(issuesOf(deal({ facts }))).toEqual([
      [
        "facts.0.value",
        '"4B" is not a number: write a plain number in USD (4B is 4000000000), or use the unit text',
      ],
    ]);
    const spelled = [
      {
        key: "investment",
        value: "$1.25 billion",
        unit: "USD",
        status: "announced",
        source: SOURCE,
      },
    ];
    expect(issuesOf(deal({ facts: spelled }))[0][1]).toContain("($1.25 billion is 1250000000)");
  });

  test("keeps text as text when the unit is text, whatever it looks like", () => {
    for (const value of ['=HYPERLINK("x")', "+1", "4B", "@risk"]) {
      const facts = [{ key: "terms", value, unit: "text", status: "reported", source: SOURCE }];
      const result = validateDeal(deal({ facts }));
      expect(result.deal?.facts[0].value).toBe(value);
    }
  });

  test("rejects other malformed fields: ids, keys, units, dates, roles, flows", () => {
    const input = {
      ...deal(),
      id: "Acme Cloudco",
      date: "March 2026",
      parties: [
        { name: "Cloudco", role: "investor" },
        { name: "Acme", role: "target" },
      ],
      facts: [
        {
          key: "Investment",
          value: 2e9,
          unit: "usd",
          status: "announced",
          source: SOURCE,
          flows: [{ from: "Cloudco", to: "Nobody", kind: "investment" }],
        },
      ],
    };
    expect(issuesOf(input).map(([path]) => path)).toEqual([
      "id",
      "date",
      "parties.1.role",
      "facts.0.key",
      "facts.0.unit",
      "facts.0.flows.0.to",
    ]);
  });

  test("reports every problem of a deal at once, not only those before a type error", () => {
    const facts = [
      { key: "a", value: true, unit: "USD", status: "announced", source: SOURCE },
      { key: "a", value: { low: 3, high: 2 }, unit: "USD", status: "reported" },
    ];
    const issues = issuesOf(deal({ facts }));
    expect(issues.map(([path]) => path).sort()).toEqual([
      "facts.0.value",
      "facts.1.key",
      "facts.1.source",
      "facts.1.value.high",
    ]);
  });
});

describe("derived facts", () => {
  const derived = (formula: string, value: number) =>
    deal({
      facts: [
        ...deal().facts,
        {
          key: "tranche_non_contingent",
          value,
          unit: "USD",
          status: "derived",
          derivation: { formula },
        },
      ],
    });

  test("must equal their formula (2e9 − 5e8 = 1.5e9)", () => {
    expect(validateDeal(derived("investment - tranche_contingent", 1.5e9)).issues).toEqual([]);
    expect(issuesOf(derived("investment - tranche_contingent", 1.4e9))).toEqual([
      [
        "facts.2.value",
        "1400000000 does not match its formula investment - tranche_contingent = 1500000000",
      ],
    ]);
  });

  test("must name facts of the same deal that are single numbers, and a formula", () => {
    expect(issuesOf(derived("investment - spend", 1.5e9))).toEqual([
      ["facts.2.derivation.formula", "spend is not a fact of acme-cloudco-2026"],
    ]);
    expect(issuesOf(derived("investment -", 1.5e9))[0][1]).toMatch(/^cannot read the formula/);
    const noFormula = deal({
      facts: [INVESTMENT, CONTINGENT, { key: "x", value: 1, unit: "USD", status: "derived" }],
    });
    expect(issuesOf(noFormula)).toEqual([
      ["facts.2.derivation", "a derived fact needs the formula it is computed with"],
    ]);
  });

  test("formulas: precedence, parentheses, unary minus, inputs", () => {
    const values: Record<string, number> = { a: 6, b: 4, c: 2 };
    const value = (formula: string) => evaluateFormula(formula, (key) => values[key]);
    expect(value("a - b / c")).toBe(4);
    expect(value("(a - b) / c")).toBe(1);
    expect(value("-a + b * c")).toBe(2);
    expect(value("a * 1e9")).toBe(6e9);
    expect(formulaInputs("(a - b) / a + c")).toEqual(["a", "b", "c"]);
    expect(() => value("a / (b - b)")).toThrow(FormulaError);
    expect(() => formulaInputs("a $ b")).toThrow('unexpected "$"');
  });
});

describe("default assumptions", () => {
  test("are kept apart from facts, each with a rationale and the parameters it feeds", () => {
    const keys = DEFAULT_ASSUMPTIONS.map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const assumption of DEFAULT_ASSUMPTIONS) {
      expect(assumption.rationale.length).toBeGreaterThan(20);
      expect(assumption.parameters.length).toBeGreaterThan(0);
    }
    const factKeys = new Set(BUILTIN_DEALS.flatMap((d) => d.facts.map((f) => f.key)));
    // An assumption never poses as a sourced figure of the same name (spend_years is the documented
    // fallback for deals that state none).
    expect(keys.filter((key) => factKeys.has(key))).toEqual(["spend_years"]);
  });
});
