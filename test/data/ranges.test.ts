/**
 * Ranges from provenance, rule by rule, on every qualified fact of the built-in library. The
 * expected bands are worked here from the rule's words and the assumption table, not read back
 * from the module; the facts with no band are listed by name with the reason.
 */
import { findAssumption } from "../../src/data/assumptions";
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { FactRange, isQualified, libraryRanges } from "../../src/data/ranges";
import { isRange, LibraryDeal, LibraryFact } from "../../src/data/schema";

const assumption = (key: string) => findAssumption(key)?.value as number;
const closeTo = (a: number | null | undefined, b: number) =>
  typeof a === "number" && Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b), 1);

const qualified: { deal: LibraryDeal; fact: LibraryFact; range: FactRange }[] = [];
const ranges = libraryRanges(BUILTIN_LIBRARY);
for (const deal of BUILTIN_LIBRARY)
  for (const fact of deal.facts.filter(isQualified)) {
    const range = ranges.find((r) => r.deal === deal.id && r.fact === fact.key);
    qualified.push({ deal, fact, range: range! });
  }
const withQualifier = (...words: string[]) =>
  qualified.filter(
    ({ fact }) =>
      !isRange(fact.value) &&
      typeof fact.value === "number" &&
      words.includes(fact.qualifier?.toLowerCase() ?? "")
  );

describe("ranges from provenance", () => {
  it("covers every fact with a qualifier, a range value or an amount in words", () => {
    const withQualifierOrRange = BUILTIN_LIBRARY.flatMap((d) =>
      d.facts.filter((f) => f.qualifier !== undefined || isRange(f.value))
    );
    expect(ranges.length).toBeGreaterThanOrEqual(withQualifierOrRange.length);
    for (const { range } of qualified) expect(range).toBeDefined();
  });

  it("a range: its two ends, the midpoint as base", () => {
    const cases = qualified.filter(({ fact }) => isRange(fact.value));
    expect(cases.length).toBeGreaterThanOrEqual(4);
    for (const { fact, range } of cases) {
      const { low, high } = fact.value as { low: number; high: number };
      expect(range.band).toMatchObject({ rule: "range", low, high });
      expect(closeTo(range.band?.base, (low + high) / 2)).toBe(true);
    }
  });

  it('"up to X": the firm part the source states, else 0, up to X', () => {
    const cases = withQualifier("up to");
    expect(cases.map(({ deal, fact }) => `${deal.id}/${fact.key}`).sort()).toEqual([
      "amazon-anthropic-2023/investment",
      "amazon-anthropic-2026/compute_capacity",
    ]);
    // The 2023 source: "$1.25 billion initially", the rest an option: 1.25B is the firm part.
    const firm: Record<string, number> = {
      "amazon-anthropic-2023/investment": 1.25e9,
      "amazon-anthropic-2026/compute_capacity": 0,
    };
    for (const { deal, fact, range } of cases)
      expect(range.band).toMatchObject({
        rule: "up_to",
        low: firm[`${deal.id}/${fact.key}`],
        base: fact.value,
        high: fact.value,
      });
  });

  it('"over X": X up to X × (1 + over_uplift)', () => {
    const u = assumption("over_uplift");
    const cases = withQualifier("over", "north of");
    expect(cases.length).toBeGreaterThanOrEqual(4);
    for (const { fact, range } of cases) {
      const x = fact.value as number;
      expect(range.band).toMatchObject({ rule: "over", low: x, base: x });
      expect(closeTo(range.band?.high, x * (1 + u))).toBe(true);
    }
    // Anthropic's commitment "over $100 billion": $100B to $120B at the default 20%.
    const spend = ranges.find(
      (r) => r.deal === "amazon-anthropic-2026" && r.fact === "spend_commitment"
    );
    expect(spend?.band).toMatchObject({ low: 100e9, high: 120e9 });
  });

  it('"roughly X": X ± roughly_band', () => {
    const b = assumption("roughly_band");
    const cases = withQualifier("roughly", "approximately", "~");
    expect(cases.length).toBe(3);
    for (const { fact, range } of cases) {
      const x = fact.value as number;
      expect(range.band?.rule).toBe("roughly");
      expect(closeTo(range.band?.low, x * (1 - b))).toBe(true);
      expect(range.band?.base).toBe(x);
      expect(closeTo(range.band?.high, x * (1 + b))).toBe(true);
    }
  });

  it('"multi-billion" and "tens of billions" become floors, with no ceiling', () => {
    const floors = ranges.filter((r) => r.band?.rule === "lower_bound");
    expect(floors.map((r) => [r.deal, r.fact, r.band?.unit, r.band?.low, r.band?.high])).toEqual([
      ["anthropic-google-compute-2026", "deal_size", "USD", 2e9, null],
      ["meta-ai-financing-2026", "ai_spending_per_year", "USD/year", 2e10, null],
    ]);
  });

  it("orders every band low ≤ base ≤ high, where the words give them", () => {
    for (const { band } of ranges.filter((r) => r.band)) {
      const { low, base, high } = band!;
      if (base !== null) expect(low).toBeLessThanOrEqual(base);
      if (base !== null && high !== null) expect(base).toBeLessThanOrEqual(high);
    }
  });

  it("shows the status's confidence weight beside every figure (a derived one: its weakest input's)", () => {
    for (const { deal, fact, range } of qualified) {
      const inputs = fact.derivation?.inputs.map((k) => deal.facts.find((f) => f.key === k)!);
      const statuses = fact.status === "derived" ? inputs!.map((f) => f.status) : [fact.status];
      const expected = Math.min(...statuses.map((s) => assumption(`confidence_${s}`)));
      expect(range.confidence).toBe(expected);
    }
    const weights = ["announced", "reported", "in_talks", "estimate"].map((s) =>
      assumption(`confidence_${s}`)
    );
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
  });

  it("lists the qualified facts that yield no band, and why", () => {
    const none = ranges
      .filter((r) => r.band === undefined)
      .map((r) => `${r.deal}/${r.fact}: ${r.reason}`);
    const why = {
      tranche: "names a tranche",
      whether: "hedges whether the figure holds",
      measure: "says what the figure measures or when",
    };
    const expected: Record<string, string> = {
      "amazon-anthropic-2023/tranche_initial": why.tranche,
      "amazon-anthropic-2023/tranche_option": why.tranche,
      "amazon-openai-2026/tranche_contingent": why.tranche,
      "amazon-openai-2026/investment": why.whether,
      "stability-ai-2022/revenue": why.whether,
      "baseten-round-2026/investment": why.whether,
      "baseten-round-2026/valuation": why.whether,
      "general-intuition-round-2026/investment": why.whether,
      "spacex-bond-2026/bond_size": why.whether,
      "microsoft-openai-2023/cap_multiple": "a contractual cap, stated exactly",
      "meta-ai-financing-2026/instruments": "a text fact that states no amount",
      "microsoft-openai-2023/investment": why.measure,
      "microsoft-openai-2023/stake_in_for_profit_entity": why.measure,
      "anthropic-valuation-2026/overinvestment_risk": "a text fact that states no amount",
      "nvidia-2023/data_center_revenue": why.measure,
      "nvidia-2023/data_center_revenue_growth": why.measure,
      "nvidia-2023/stock_return_ytd": why.measure,
      "microsoft-azure-2023/azure_revenue_growth_q1_2023": why.measure,
      "microsoft-azure-2023/azure_revenue_growth_q2_2023": why.measure,
      "microsoft-azure-2023/commercial_bookings_growth": why.measure,
      "enterprise-ai-market-2023/ai_software_services_spend_by_2025": why.measure,
      "enterprise-ai-market-2023/genai_enterprise_spend_24_months": why.measure,
      "hugging-face-round-2023/valuation": why.measure,
      "databricks-round-2023/investment": why.measure,
      "general-intuition-round-2026/dataset_videos_per_year": why.measure,
      "amazon-trainium-external-sales-2026/market_size": why.measure,
      "spacex-ipo-2026/ipo_size": why.measure,
      "amazon-anthropic-2026/investment": why.measure,
      "amazon-anthropic-2026/investment_cumulative": why.measure,
      "amazon-anthropic-2026/spend_years": why.measure,
    };
    expect(none.length).toBe(Object.keys(expected).length);
    for (const line of none) {
      const id = line.slice(0, line.indexOf(":"));
      expect([id, line.includes(expected[id] ?? "(not listed)")]).toEqual([id, true]);
    }
  });
});
