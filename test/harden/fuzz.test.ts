/**
 * Issue 11: the importer (CSV and JSON) and the .xlsx writer against random and hostile text.
 * The importer always answers with deals or a problem list, never an exception, and what it
 * accepts holds no character a workbook cannot; every part of every file the writer produces
 * parses with a strict XML parser, whatever text the deal carries.
 */
import fc from "fast-check";
import { refusedCharacter } from "../../src/data/characters";
import { applySource, CSV_COLUMNS } from "../../src/data/import";
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { LibraryDeal } from "../../src/data/schema";
import { TEMPLATES } from "../../src/templates";
import { buildPlan } from "../../src/templates/template";
import { planToBuffer } from "../../src/workbook/xlsxWriter";
import { illFormedParts } from "./xmlParts";

/** Any UTF-16 text (lone surrogates too), and the characters that broke files before. */
const hostileText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(
      "\ufffe",
      "\uffff",
      "\u0000",
      "\u202e",
      "\u001b",
      "&",
      "<",
      "{",
      '"',
      ",",
      "\n",
      "a",
      "1"
    ),
    maxLength: 12,
  }),
  fc.constantFrom("=1+1", "{page}", "&P", "1e400", "0x10", "$100", "4B", "]]>", "<x/>", "\ud800")
);

/** Every text a deal carries (title, parties, sections, notes…) from `pick`. */
function retextDeal(deal: LibraryDeal, pick: () => string): LibraryDeal {
  return {
    ...deal,
    title: pick(),
    parties: deal.parties.map((party) => ({ ...party, name: party.name + pick() })),
    facts: deal.facts.map((fact) => ({
      ...fact,
      ...(typeof fact.value === "string" ? { value: pick() } : {}),
      ...(fact.source && {
        source: { document: pick(), section: pick(), as_of: pick() },
      }),
      qualifier: pick(),
      note: pick(),
    })),
  };
}

/** Each string anywhere in a value. */
function* strings(value: unknown): Generator<string> {
  if (typeof value === "string") yield value;
  else if (typeof value === "object" && value !== null)
    for (const inner of Object.values(value)) yield* strings(inner);
}

describe("importer fuzz", () => {
  const base = BUILTIN_LIBRARY;

  test("1,000 random CSV files: a problem list or deals, never an exception or a refused character", () => {
    const record = fc.array(hostileText, { minLength: 1, maxLength: CSV_COLUMNS.length + 2 });
    const header = fc.shuffledSubarray([...CSV_COLUMNS], { minLength: 1 });
    fc.assert(
      fc.property(header, fc.array(record, { maxLength: 6 }), (columns, rows) => {
        const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
        const text = [columns.join(","), ...rows.map((r) => r.map(quote).join(","))].join("\r\n");
        const { deals, problems } = applySource(base, { name: "fuzz.csv", text });
        for (const problem of problems) expect(problem.message).not.toBe("");
        if (problems.length === 0)
          for (const deal of deals.filter((d) => !base.includes(d)))
            for (const text of strings(deal)) expect(refusedCharacter(text)).toBeUndefined();
      }),
      { numRuns: 1000 }
    );
  });

  test("1,000 random JSON documents, built-in deals with hostile text among them", () => {
    const fact = fc.record(
      {
        key: fc.oneof(hostileText, fc.constantFrom("investment", "valuation")),
        value: fc.oneof(
          hostileText,
          fc.double(),
          fc.record({ low: fc.double(), high: fc.double() })
        ),
        unit: fc.oneof(hostileText, fc.constantFrom("USD", "text", "ratio")),
        status: fc.oneof(hostileText, fc.constantFrom("reported", "derived")),
        source: fc.record({ document: hostileText, section: hostileText, as_of: hostileText }),
        derivation: fc.record({ formula: hostileText }),
      },
      { requiredKeys: ["key", "value", "unit", "status"] }
    );
    const deal = fc.record(
      {
        id: fc.oneof(hostileText, fc.constantFrom("acme-2026", "amazon-anthropic-2023")),
        title: hostileText,
        date: fc.oneof(hostileText, fc.constantFrom("2026")),
        status: fc.constantFrom("reported", "nope"),
        parties: fc.array(fc.record({ name: hostileText, role: fc.constantFrom("investor", "x") })),
        facts: fc.array(fact, { maxLength: 4 }),
      },
      { requiredKeys: ["id"] }
    );
    const document = fc.oneof(
      fc.array(deal, { maxLength: 3 }),
      fc.record({ deals: fc.array(deal, { maxLength: 3 }) }),
      fc.jsonValue({ maxDepth: 3 })
    );
    fc.assert(
      fc.property(document, fc.boolean(), (data, bom) => {
        const text = (bom ? "\ufeff" : "") + JSON.stringify(data);
        const { deals, problems } = applySource(base, { name: "fuzz.json", text });
        for (const problem of problems) expect(problem.message).not.toBe("");
        if (problems.length === 0)
          for (const deal of deals.filter((d) => !base.includes(d)))
            for (const text of strings(deal)) expect(refusedCharacter(text)).toBeUndefined();
      }),
      { numRuns: 1000 }
    );
  });
});

describe("xlsx writer fuzz", () => {
  const deal = BUILTIN_LIBRARY.find((d) => d.id === "amazon-anthropic-2023") as LibraryDeal;

  test.each(TEMPLATES.map((t) => [t.name, t] as const))(
    "%s: every XML part of 15 files with hostile deal text is well-formed",
    async (_, template) => {
      await fc.assert(
        fc.asyncProperty(fc.array(hostileText, { minLength: 1, maxLength: 30 }), async (texts) => {
          let i = 0;
          const hostile = retextDeal(deal, () => texts[i++ % texts.length]);
          const deals = BUILTIN_LIBRARY.map((d) => (d.id === deal.id ? hostile : d));
          const plan = buildPlan(template, { deal: hostile, deals, overrides: {} });
          expect(await illFormedParts(await planToBuffer(plan))).toEqual([]);
        }),
        { numRuns: 15 }
      );
    }
  );
});
