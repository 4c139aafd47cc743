/**
 * The deal browser's filters: the documented date forms, properties every filter must have
 * (no filter keeps all, combined filters are the intersection of single ones, more words never
 * find more, case does not matter, every offered choice finds a deal), and deals the sources
 * document names.
 */
import fc from "fast-check";
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { DEAL_STATUSES, LibraryDeal } from "../../src/data/schema";
import {
  dealYears,
  DealFilter,
  filterChoices,
  filterDeals,
  NO_FILTER,
  statusLabel,
} from "../../src/taskpane/browse";

const ids = (deals: readonly LibraryDeal[]) => deals.map((deal) => deal.id);

describe("dealYears: the date forms docs/sources-format.md allows", () => {
  test.each([
    ["2023", ["2023"]],
    ["2023-05", ["2023"]],
    ["2023-05-17", ["2023"]],
    ["2025/2026", ["2025", "2026"]],
    ["2023-06/2023-12", ["2023"]],
    ["2022-11/2025-01", ["2022", "2023", "2024", "2025"]],
  ])("%s covers %p", (date, years) => expect(dealYears(date)).toEqual(years));
});

const party = fc.constantFrom("Amazon", "Anthropic", "Google", "OpenAI", "Acme Co");
const dealArb = fc.record({
  id: fc.stringMatching(/^[a-z]{1,6}-[a-z0-9]{1,4}$/),
  title: fc.constantFrom("Cloud deal", "Chip round", "Compute pact", "Bond"),
  date: fc.constantFrom("2022", "2023-05", "2025/2026", "2026"),
  era: fc.option(fc.constantFrom("late 2023", "2026"), { nil: undefined }),
  status: fc.constantFrom(...DEAL_STATUSES),
  parties: fc.array(fc.record({ name: party, role: fc.constant("investor" as const) }), {
    maxLength: 3,
  }),
});
const librayArb = fc
  .uniqueArray(dealArb, { selector: (deal) => deal.id, maxLength: 12 })
  .map((deals) =>
    deals.map((deal) => ({ ...deal, facts: [], origins: ["builtin"] }) as unknown as LibraryDeal)
  );
const filterArb: fc.Arbitrary<DealFilter> = fc.record({
  query: fc.constantFrom("", "amazon", "CLOUD", "chip 2023", "late", "acme co", "zzz"),
  party: fc.constantFrom("", "Amazon", "Acme Co"),
  status: fc.constantFrom("", ...DEAL_STATUSES),
  year: fc.constantFrom("", "2023", "2025", "2026"),
});

describe("filter properties", () => {
  test("no filter keeps every deal, newest first", () => {
    fc.assert(
      fc.property(librayArb, (deals) => {
        const kept = filterDeals(deals, NO_FILTER);
        expect([...ids(kept)].sort()).toEqual([...ids(deals)].sort());
        kept.slice(1).forEach((deal, i) => expect(deal.date <= kept[i].date).toBe(true));
      })
    );
  });
  test("a combined filter keeps exactly the deals every single filter keeps", () => {
    fc.assert(
      fc.property(librayArb, filterArb, (deals, filter) => {
        const single = (change: Partial<DealFilter>) =>
          new Set(ids(filterDeals(deals, { ...NO_FILTER, ...change })));
        const parts = [
          single({ query: filter.query }),
          single({ party: filter.party }),
          single({ status: filter.status }),
          single({ year: filter.year }),
        ];
        const expected = ids(deals).filter((id) => parts.every((part) => part.has(id)));
        expect([...ids(filterDeals(deals, filter))].sort()).toEqual(expected.sort());
      })
    );
  });
  test("another word never finds more; case never matters", () => {
    fc.assert(
      fc.property(
        librayArb,
        filterArb,
        fc.constantFrom("amazon", "deal", "2026"),
        (deals, filter, word) => {
          const before = new Set(ids(filterDeals(deals, filter)));
          const after = filterDeals(deals, { ...filter, query: `${filter.query} ${word}` });
          expect(ids(after).every((id) => before.has(id))).toBe(true);
          expect(ids(filterDeals(deals, { ...filter, query: filter.query.toUpperCase() }))).toEqual(
            ids(filterDeals(deals, filter))
          );
        }
      )
    );
  });
  test("every choice a filter offers keeps at least one deal", () => {
    fc.assert(
      fc.property(librayArb, (deals) => {
        const choices = filterChoices(deals);
        for (const name of choices.parties)
          expect(filterDeals(deals, { ...NO_FILTER, party: name }).length).toBeGreaterThan(0);
        for (const status of choices.statuses)
          expect(filterDeals(deals, { ...NO_FILTER, status }).length).toBeGreaterThan(0);
        for (const year of choices.years)
          expect(filterDeals(deals, { ...NO_FILTER, year }).length).toBeGreaterThan(0);
      })
    );
  });
});

describe("the built-in library", () => {
  test("searching both parties finds both Amazon–Anthropic deals the sources document names", () => {
    const found = ids(filterDeals(BUILTIN_LIBRARY, { ...NO_FILTER, query: "amazon anthropic" }));
    expect(found).toEqual(
      expect.arrayContaining(["amazon-anthropic-2023", "amazon-anthropic-2026"])
    );
    // Newest first.
    expect(found.indexOf("amazon-anthropic-2026")).toBeLessThan(
      found.indexOf("amazon-anthropic-2023")
    );
  });
  test("the year 2025 finds the 2025–2026 valuation of $380B", () => {
    expect(ids(filterDeals(BUILTIN_LIBRARY, { ...NO_FILTER, year: "2025" }))).toContain(
      "anthropic-valuation-2026"
    );
  });
  test("statuses read as words", () => {
    expect(statusLabel("in_talks")).toBe("in talks");
  });
});
