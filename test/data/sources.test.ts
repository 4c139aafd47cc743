/**
 * Every figure of the built-in library can be found in the document and section it cites, in the
 * way the document writes it ("$1.25 billion", "$18-25 billion", "49%", "100x"), and every derived
 * figure recomputes by hand. The documents are the oracle; the library is what is under test.
 */
import { existsSync, readdirSync, readFileSync } from "fs";
import path from "path";
import {
  BUILTIN_LIBRARY,
  capitalFlows,
  currentCapitalFlows,
  findDeal,
  valuationLadder,
} from "../../src/data/library";
import { isRange, LibraryFact } from "../../src/data/schema";

const SOURCES = path.resolve(__dirname, "../../../shared/sources");
const present = existsSync(SOURCES);
if (!present) {
  console.warn(
    `\n*** SKIPPED: the source documents are not at ${SOURCES}; the built-in figures were NOT checked against them. ***\n`
  );
}
const describeWithSources = present ? describe : describe.skip;

const facts = BUILTIN_LIBRARY.flatMap((deal) => deal.facts.map((fact) => ({ deal, fact })));
const sourced = facts.filter(({ fact }) => fact.source);

/** A heading: a short line that does not end like a sentence. */
const isHeading = (line: string) => {
  const text = line.trim();
  return text !== "" && text.length <= 150 && !/[.!?:;,"'”’)]$/.test(text);
};

/**
 * The text a citation points at: a heading's lines up to the next heading, or the one paragraph
 * that starts with the cited words. Undefined when the citation is not in the document (or is
 * ambiguous).
 */
function sectionText(document: string, section: string): string | undefined {
  const lines = document.split(/\r?\n/);
  const heading = lines.findIndex((line) => line.trim() === section && isHeading(line));
  if (heading >= 0) {
    const end = lines.findIndex((line, i) => i > heading && isHeading(line));
    return lines.slice(heading + 1, end < 0 ? undefined : end).join("\n");
  }
  const paragraphs = lines.filter((line) => line.trimStart().startsWith(section));
  return paragraphs.length === 1 ? paragraphs[0] : undefined;
}

/** 4.1, 1.25, 10.3: a scaled number as the documents print it. */
const plain = (n: number) => String(Number(n.toFixed(6)));

/** The ways the documents write a figure in its unit. */
function renderings(value: number | { low: number; high: number }, unit: string): string[] {
  const scaled = (n: number, scale: number) => plain(n / scale);
  const money = (words: (n: (x: number) => string) => string[]) => {
    const top = isRange(value) ? value.high : value;
    const show = (scale: number) => (x: number) => scaled(x, scale);
    if (top >= 1e9) return words(show(1e9)).map((w) => w.replace("#", "billion").replace("&", "B"));
    if (top >= 1e6) return words(show(1e6)).map((w) => w.replace("#", "million").replace("&", "M"));
    return words(show(1));
  };
  if (isRange(value)) {
    const { low, high } = value;
    if (unit === "ratio") return [`${plain(low * 100)}-${plain(high * 100)}%`];
    if (unit === "USD/hour") return [`$${plain(low)}-${plain(high)} per hour`];
    return money((n) => [`$${n(low)}-${n(high)} #`]);
  }
  switch (unit) {
    case "ratio":
      return [`${plain(value * 100)}%`];
    case "multiple":
      return [`${plain(value)}x`];
    case "GW":
      return [`${plain(value)} gigawatts`, `${plain(value)} GW`];
    case "years":
      return [`${plain(value)} years`, `${plain(value)}-year`, ...(value === 10 ? ["decade"] : [])];
    case "count":
    case "count/year":
      return money((n) => [`${n(value)} #`]);
    default:
      return money((n) => [`$${n(value)} #`, `$${n(value)}&`, `$${n(value)}+ #`]);
  }
}

/** Found as a figure, not inside a longer one ("$5 billion" is not in "$15 billion"). */
function containsFigure(text: string, figure: string): boolean {
  const escaped = figure.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\d.])${escaped}`, "i").test(text);
}

/** A qualifier is the document's own words; "over" also stands for a "+" after the figure. */
const HEDGE_FORMS: Record<string, string[]> = { over: ["over", "+"] };

describeWithSources("the built-in library against the source documents", () => {
  // Read when the tests run, not while jest collects them: a skipped block's body is still run.
  const documents = new Map<string, string>();
  beforeAll(() => {
    for (const name of readdirSync(SOURCES).filter((file) => file.endsWith(".txt")))
      documents.set(name, readFileSync(path.join(SOURCES, name), "utf8"));
  });

  test("draws on all five documents", () => {
    expect([...new Set(sourced.map(({ fact }) => fact.source?.document))].sort()).toEqual(
      [...documents.keys()].sort()
    );
  });

  test.each(sourced.map(({ deal, fact }) => [deal.id, fact.key, fact] as const))(
    "%s %s: the figure is in the cited section",
    (_id, _key, fact: LibraryFact) => {
      const source = fact.source!;
      const document = documents.get(source.document);
      expect(document).toBeDefined();
      const text = sectionText(document!, source.section);
      if (text === undefined)
        throw new Error(`section "${source.section}" is not in ${source.document}`);
      if (typeof fact.value === "string") {
        expect(text.toLowerCase()).toContain(fact.value.toLowerCase());
      } else {
        const forms = renderings(fact.value, fact.unit);
        const found = forms.filter((form) => containsFigure(text, form));
        if (found.length === 0)
          throw new Error(`none of ${forms.join(" | ")} is in "${source.section}"`);
      }
      if (fact.qualifier) {
        const forms = HEDGE_FORMS[fact.qualifier] ?? [fact.qualifier];
        expect(forms.some((form) => text.toLowerCase().includes(form.toLowerCase()))).toBe(true);
      }
    }
  );

  test("the README's deals are all there, with both dates' figures kept", () => {
    const value = (id: string, key: string) =>
      findDeal(BUILTIN_LIBRARY, id)?.facts.find((f) => f.key === key)?.value;
    expect(value("amazon-anthropic-2023", "investment")).toBe(4e9);
    expect(value("amazon-anthropic-2023", "tranche_initial")).toBe(1.25e9);
    expect(value("amazon-anthropic-2023", "tranche_option")).toBe(2.75e9);
    expect(value("anthropic-spark-round-2023", "pre_money")).toBe(4.1e9);
    expect(value("amazon-anthropic-2023", "valuation")).toEqual({ low: 18e9, high: 25e9 });
    expect(value("amazon-anthropic-2026", "investment_cumulative")).toBe(13e9);
    expect(value("amazon-anthropic-2026", "spend_commitment")).toBe(100e9);
    expect(value("amazon-anthropic-2026", "compute_capacity")).toBe(5);
    expect(value("microsoft-openai-2023", "stake_in_for_profit_entity")).toBe(0.49);
    expect(value("microsoft-openai-2023", "cap_multiple")).toBe(100);
    expect(value("amazon-openai-2026", "tranche_contingent")).toBe(35e9);
    expect(value("baseten-round-2026", "valuation")).toBe(13e9);
    expect(value("general-intuition-round-2026", "investment")).toBe(300e6);
    expect(value("anthropic-valuation-2026", "valuation")).toBe(380e9);
  });

  test("every valuation records the basis its source states", () => {
    const valuations = facts.filter(({ fact }) =>
      ["pre_money", "post_money", "valuation"].includes(fact.key)
    );
    expect(valuations.length).toBeGreaterThan(5);
    for (const { fact } of valuations) expect(fact.basis).toBeDefined();
    // "valued the company at roughly $4.1 billion pre-money" (002, Why Anthropic).
    const basis = (id: string, key: string) =>
      facts.find(({ deal, fact }) => deal.id === id && fact.key === key)?.fact.basis;
    expect(basis("anthropic-spark-round-2023", "pre_money")).toBe("pre_money");
    // "likely values Anthropic somewhere in the $18-25 billion range": pre or post not said.
    expect(basis("amazon-anthropic-2023", "valuation")).toBe("not_stated");
  });
});

describe("the library keeps each figure as the source words it", () => {
  const deal = (id: string) => findDeal(BUILTIN_LIBRARY, id)!;
  const get = (id: string, key: string) => deal(id).facts.find((f) => f.key === key)!;

  test("Baseten's round is a reported intention, not a closed deal: in talks, like General Intuition's", () => {
    // The brief: "This is a reported intention, not a closed deal with confirmed terms."
    expect(deal("baseten-round-2026").status).toBe(deal("general-intuition-round-2026").status);
    expect(get("baseten-round-2026", "investment").status).toBe("in_talks");
    expect(get("baseten-round-2026", "valuation").status).toBe("in_talks");
  });

  test("Nvidia's $10.3B is a quarter's revenue, the H100 price's basis is unstated, Stability AI's revenue ambiguous", () => {
    expect(get("nvidia-2023", "data_center_revenue").unit).toBe("USD/quarter");
    expect(get("ai-chip-market-2023", "h100_price_per_hour").note).toMatch(
      /per GPU or per instance/
    );
    expect(get("stability-ai-2022", "revenue").tags).toEqual(["ambiguous"]);
  });

  test("Microsoft's 49% is a stake in the for-profit entity; the 2023 cap terms may be superseded", () => {
    const microsoft = deal("microsoft-openai-2023");
    expect(microsoft.facts.some((f) => f.key === "profit_share")).toBe(false);
    expect(get("microsoft-openai-2023", "stake_in_for_profit_entity").qualifier).toBe(
      "of OpenAI's for-profit entity"
    );
    for (const key of ["cap_multiple", "cap_excess_to"])
      expect(get("microsoft-openai-2023", key).tags).toEqual(["possibly_superseded"]);
  });

  test("the risks the sources name are risk facts", () => {
    const risks = BUILTIN_LIBRARY.flatMap((d) =>
      d.facts.filter((f) => f.tags?.includes("risk")).map((f) => `${d.id}/${f.key}`)
    );
    expect(risks).toEqual(
      expect.arrayContaining([
        "anthropic-model-restrictions-2026/distribution_restriction",
        "anthropic-model-restrictions-2026/customer_restriction",
        "anthropic-valuation-2026/overinvestment_risk",
        "amazon-openai-2026/azure_exclusivity",
      ])
    );
  });
});

describe("derived facts recompute", () => {
  // Each by hand from the figures the documents state; a new derived fact needs a line here.
  const expected: Record<string, number> = {
    "microsoft-openai-2023/cap_amount": 13e9 * 100,
    "amazon-openai-2026/tranche_non_contingent": 50e9 - 35e9,
    "amazon-anthropic-2026/investment_cumulative_before": 13e9 - 5e9,
    // $13B total less the 2026 $5B less the 2023 deal's $1.25B initial and $2.75B option.
    "amazon-anthropic-2026/investment_since_prior_deal": 13e9 - 5e9 - (1.25e9 + 2.75e9),
    "amazon-anthropic-2026/spend_commitment_per_year": 100e9 / 10,
    "amazon-anthropic-2026/spend_to_investment_multiple": 100 / 13,
  };
  const derived = facts.filter(({ fact }) => fact.status === "derived");

  test("every derived fact is listed here", () => {
    expect(derived.map(({ deal, fact }) => `${deal.id}/${fact.key}`).sort()).toEqual(
      Object.keys(expected).sort()
    );
  });

  test.each(derived.map(({ deal, fact }) => [`${deal.id}/${fact.key}`, fact] as const))(
    "%s",
    (id, fact: LibraryFact) => {
      expect(fact.value).toBeCloseTo(expected[id], 6);
      expect(fact.derivation?.inputs.length).toBeGreaterThan(0);
    }
  );

  test("derived facts name their formula and inputs, and their inputs are sourced", () => {
    for (const { deal, fact } of derived) {
      for (const key of fact.derivation!.inputs) {
        expect(deal.facts.find((input) => input.key === key)?.source).toBeDefined();
      }
    }
  });
});

describe("what templates read", () => {
  test("Anthropic's valuation ladder, oldest first", () => {
    expect(
      valuationLadder(BUILTIN_LIBRARY, "Anthropic").map((r) => [r.deal, r.key, r.value])
    ).toEqual([
      ["anthropic-spark-round-2023", "pre_money", 4.1e9],
      ["amazon-anthropic-2023", "valuation", { low: 18e9, high: 25e9 }],
      ["anthropic-valuation-2026", "valuation", 380e9],
    ]);
  });

  test("every flow runs between parties of its deal; amounts are the facts' numbers", () => {
    const flows = capitalFlows(BUILTIN_LIBRARY);
    for (const flow of flows) {
      const deal = findDeal(BUILTIN_LIBRARY, flow.deal)!;
      const names = deal.parties.map((p) => p.name);
      expect(names).toEqual(expect.arrayContaining([flow.from, flow.to]));
      const fact = deal.facts.find((f) => f.key === flow.fact)!;
      expect(flow.amount).toBe(typeof fact.value === "number" ? fact.value : undefined);
    }
  });

  test("the current web keeps the latest figure per pair: Amazon → Anthropic is the 2026 cumulative $13B", () => {
    const current = currentCapitalFlows(BUILTIN_LIBRARY);
    const amount = (from: string, to: string, kind: string) =>
      current.find((f) => f.from === from && f.to === to && f.kind === kind)?.amount;
    expect(amount("Amazon", "Anthropic", "investment")).toBe(13e9);
    expect(amount("Anthropic", "Amazon", "spend_commitment")).toBe(100e9);
    expect(amount("Amazon", "OpenAI", "investment")).toBe(50e9);
    expect(amount("Microsoft", "OpenAI", "investment")).toBe(13e9);
    const pairs = current.map((f) => `${f.from}|${f.to}|${f.kind}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });
});
