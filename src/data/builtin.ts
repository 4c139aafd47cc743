/**
 * The built-in deal library: every deal and figure in the five source documents
 * (../shared/sources/, see its README). Each figure cites its document and the heading (or the
 * first words of the paragraph) it sits in, verbatim, so a test can find it there. Amounts are in
 * USD, ratios are fractions. Figures the documents leave out are not here: template inputs no
 * document states are in assumptions.ts. Key names follow docs/sources-format.md.
 */
import { DealInput, Source } from "./schema";

const cite =
  (document: string, as_of: string) =>
  (section: string): Source => ({ document, section, as_of });

/** "Capital & Industrial Strategy" daily brief, 2026. */
const brief = cite("000_7d611d7c1f3503d4.txt", "2026");
/** Podcast insight digest on compute strategy, 2025–2026 (no headings: paragraphs are cited by their first words). */
const computeDigest = cite("001_0fba67505b9d97df.txt", "2025–2026");
/** "The Deal That Redefines AI Competition", late 2023. */
const analysis = cite("002_92b99d0c0b5c9a6e.txt", "late 2023");
/** Podcast insight digest on the OpenAI round, 2026 (paragraphs cited by their first words). */
const roundDigest = cite("003_bb608b4455414188.txt", "2026");
/** Analysis of the expanded Amazon–Anthropic partnership, 2026. */
const expansion = cite("004_e66127d25fc20cd4.txt", "2026");

const DEAL_HEADLINE = analysis("The Deal That Redefines AI Competition");
const WHY_ANTHROPIC = analysis("Why Anthropic—and Why Now");
const CUSTOM_SILICON = analysis("The Custom Silicon Dimension");
const OPENAI_COMPARISON = analysis("The OpenAI Comparison");
const MARKET_CONTEXT = analysis("Market Context: The Infrastructure Arms Race");
const PORTFOLIO = analysis("Portfolio Implications");
const BASETEN_SECTION = brief(
  "Inference Infrastructure Capital Surge: Baseten's $1.5B Round Defines the Market Moment"
);
const CHIP_SECTION = brief(
  "Chip Market Disruption: Amazon and Google Move to Commercialise Custom Silicon Against Nvidia"
);
const IPO_SECTION = brief(
  "OpenAI IPO Preparation: Technical and Political Capital Acquisitions Signal Imminent Transition"
);
const CAPITAL_STACK = brief(
  "Capital Stack Diversification at the AI Infrastructure Layer: Beyond Equity Into Debt and Creative Finance"
);
const MYTHOS_SECTION = brief(
  "Anthropic Mythos Crackdown: Regulatory Opacity Creates Enterprise Compliance Crisis"
);
const OPENAI_SPLIT = roundDigest("Amazon's proposed $50B investment in OpenAI is split");
const EXPANSION_OPENING = expansion("The global race for cognitive supremacy");
const SPEND_RISKS = expansion("Navigating the Risks of Long-Term Financial Commitments");

/** Why the 2023 capped-profit terms may no longer hold. */
const SUPERSEDED_2023_TERMS =
  "A 2023 capped-profit term: the 2026 facts (OpenAI preparing to go public, a record round led without Microsoft) may have superseded it.";

export const BUILTIN_DEALS: readonly DealInput[] = [
  // ── late 2023: 002_92b99d0c0b5c9a6e.txt ──
  {
    id: "amazon-anthropic-2023",
    title: "Amazon's commitment to Anthropic",
    kind: "investment",
    // After the round "in May" the document mentions, within 2023.
    date: "2023-06/2023-12",
    era: "late 2023",
    status: "announced",
    parties: [
      { name: "Amazon", role: "investor" },
      { name: "Amazon", role: "vendor" },
      { name: "Anthropic", role: "investee" },
      { name: "Anthropic", role: "customer" },
    ],
    facts: [
      {
        key: "investment",
        value: 4e9,
        unit: "USD",
        qualifier: "up to",
        status: "announced",
        source: DEAL_HEADLINE,
        flows: [{ from: "Amazon", to: "Anthropic", kind: "investment" }],
      },
      {
        key: "tranche_initial",
        value: 1.25e9,
        unit: "USD",
        qualifier: "initial",
        status: "announced",
        source: DEAL_HEADLINE,
      },
      {
        key: "tranche_option",
        value: 2.75e9,
        unit: "USD",
        qualifier: "option",
        status: "announced",
        source: DEAL_HEADLINE,
      },
      {
        key: "valuation",
        value: { low: 18e9, high: 25e9 },
        unit: "USD",
        basis: "not_stated",
        qualifier: "likely",
        status: "estimate",
        source: WHY_ANTHROPIC,
        note: "The valuation the investment implies; the document does not say pre- or post-money.",
      },
      {
        key: "stake",
        value: "minority stake",
        unit: "text",
        status: "announced",
        source: DEAL_HEADLINE,
      },
      {
        key: "governance",
        value: "board observer rights",
        unit: "text",
        status: "announced",
        source: DEAL_HEADLINE,
      },
      {
        key: "spend_terms",
        value: "AWS as its primary cloud provider",
        unit: "text",
        status: "announced",
        source: DEAL_HEADLINE,
        flows: [{ from: "Anthropic", to: "Amazon", kind: "spend_commitment" }],
      },
      {
        key: "chip_terms",
        value: "help develop Amazon's Trainium and Inferentia chips",
        unit: "text",
        status: "announced",
        source: DEAL_HEADLINE,
      },
      {
        key: "distribution_terms",
        value: "make Claude available through AWS Bedrock",
        unit: "text",
        status: "announced",
        source: DEAL_HEADLINE,
      },
    ],
  },
  {
    id: "anthropic-spark-round-2023",
    title: "Anthropic's round led by Spark Capital",
    kind: "round",
    date: "2023-05",
    era: "May 2023",
    status: "reported",
    parties: [
      { name: "Anthropic", role: "investee" },
      { name: "Spark Capital", role: "lead_investor" },
      { name: "Google", role: "investor" },
      { name: "Salesforce Ventures", role: "investor" },
    ],
    facts: [
      {
        key: "pre_money",
        value: 4.1e9,
        unit: "USD",
        basis: "pre_money",
        qualifier: "roughly",
        status: "reported",
        source: WHY_ANTHROPIC,
      },
      {
        key: "lead_investor",
        value: "Spark Capital",
        unit: "text",
        status: "reported",
        source: WHY_ANTHROPIC,
        flows: [{ from: "Spark Capital", to: "Anthropic", kind: "investment" }],
      },
      {
        key: "participants",
        value: "Google, Salesforce Ventures, and others",
        unit: "text",
        status: "reported",
        source: WHY_ANTHROPIC,
        flows: [
          { from: "Google", to: "Anthropic", kind: "investment" },
          { from: "Salesforce Ventures", to: "Anthropic", kind: "investment" },
        ],
      },
    ],
  },
  {
    id: "anthropic-funding-2023",
    title: "Anthropic's total funding to date",
    kind: "company",
    date: "2023",
    era: "late 2023",
    status: "reported",
    parties: [{ name: "Anthropic", role: "investee" }],
    facts: [
      {
        key: "investment_cumulative",
        value: 7e9,
        unit: "USD",
        qualifier: "over",
        status: "reported",
        source: WHY_ANTHROPIC,
      },
    ],
  },
  {
    id: "microsoft-openai-2023",
    title: "Microsoft's investment in OpenAI",
    kind: "investment",
    date: "2023",
    era: "to late 2023",
    status: "reported",
    parties: [
      { name: "Microsoft", role: "investor" },
      { name: "Microsoft", role: "vendor" },
      { name: "OpenAI", role: "investee" },
      { name: "OpenAI", role: "customer" },
    ],
    facts: [
      {
        key: "investment",
        value: 13e9,
        unit: "USD",
        qualifier: "across multiple rounds",
        status: "reported",
        source: DEAL_HEADLINE,
        flows: [{ from: "Microsoft", to: "OpenAI", kind: "investment" }],
      },
      {
        key: "stake_in_for_profit_entity",
        value: 0.49,
        unit: "ratio",
        qualifier: "of OpenAI's for-profit entity",
        status: "reported",
        source: OPENAI_COMPARISON,
        note: "The source words it as a stake in the for-profit entity, not as a share of profits.",
      },
      {
        key: "cap_multiple",
        value: 100,
        unit: "multiple",
        qualifier: "capped at",
        status: "reported",
        source: OPENAI_COMPARISON,
        tags: ["possibly_superseded"],
        note: SUPERSEDED_2023_TERMS,
      },
      {
        key: "cap_excess_to",
        value: "OpenAI's non-profit parent",
        unit: "text",
        status: "reported",
        source: OPENAI_COMPARISON,
        tags: ["possibly_superseded"],
        note: SUPERSEDED_2023_TERMS,
      },
      {
        key: "spend_terms",
        value: "exclusive cloud provider status",
        unit: "text",
        status: "reported",
        source: OPENAI_COMPARISON,
        flows: [{ from: "OpenAI", to: "Microsoft", kind: "spend_commitment" }],
      },
      {
        key: "distribution_terms",
        value: "resell OpenAI models through Azure",
        unit: "text",
        status: "reported",
        source: OPENAI_COMPARISON,
      },
      {
        key: "cap_amount",
        value: 1.3e12,
        unit: "USD",
        status: "derived",
        derivation: { formula: "investment * cap_multiple" },
        note: "The most the capped stake can pay out before profits flow to the non-profit parent.",
      },
    ],
  },
  {
    id: "ai-chip-market-2023",
    title: "AI chip prices and shares",
    kind: "market",
    date: "2023",
    era: "late 2023",
    status: "reported",
    parties: [
      { name: "Nvidia", role: "vendor" },
      { name: "Amazon", role: "vendor" },
    ],
    facts: [
      {
        key: "h100_price_per_hour",
        value: { low: 30, high: 40 },
        unit: "USD/hour",
        qualifier: "spot prices on AWS",
        status: "reported",
        source: CUSTOM_SILICON,
        note: "The source does not say whether the price is per GPU or per instance (an instance can hold several GPUs).",
      },
      {
        key: "trainium_discount",
        value: { low: 0.4, high: 0.5 },
        unit: "ratio",
        qualifier: "if Trainium can deliver comparable performance",
        status: "estimate",
        source: CUSTOM_SILICON,
      },
      {
        key: "nvidia_share_of_ai_infrastructure_spend",
        value: { low: 0.7, high: 0.8 },
        unit: "ratio",
        qualifier: "currently",
        status: "reported",
        source: CUSTOM_SILICON,
      },
    ],
  },
  {
    id: "nvidia-2023",
    title: "Nvidia's data-centre revenue and share price",
    kind: "market",
    date: "2023",
    era: "late 2023",
    status: "announced",
    parties: [{ name: "Nvidia", role: "company" }],
    facts: [
      {
        key: "data_center_revenue",
        value: 10.3e9,
        unit: "USD/quarter",
        qualifier: "latest earnings",
        status: "announced",
        source: MARKET_CONTEXT,
        note: "One quarter's revenue (the latest quarterly earnings), not a year's.",
      },
      {
        key: "data_center_revenue_growth",
        value: 1.71,
        unit: "ratio",
        qualifier: "YoY",
        status: "announced",
        source: MARKET_CONTEXT,
      },
      {
        key: "stock_return_ytd",
        value: 1.8,
        unit: "ratio",
        qualifier: "year-to-date",
        status: "reported",
        source: MARKET_CONTEXT,
      },
    ],
  },
  {
    id: "microsoft-azure-2023",
    title: "Microsoft's Azure growth and commercial bookings",
    kind: "market",
    date: "2023",
    era: "2023",
    status: "announced",
    parties: [{ name: "Microsoft", role: "company" }],
    facts: [
      {
        key: "azure_revenue_growth_q1_2023",
        value: 0.27,
        unit: "ratio",
        qualifier: "YoY",
        status: "announced",
        source: OPENAI_COMPARISON,
      },
      {
        key: "azure_revenue_growth_q2_2023",
        value: 0.29,
        unit: "ratio",
        qualifier: "YoY",
        status: "announced",
        source: OPENAI_COMPARISON,
      },
      {
        key: "commercial_bookings",
        value: 55.5e9,
        unit: "USD",
        status: "announced",
        source: OPENAI_COMPARISON,
      },
      {
        key: "commercial_bookings_growth",
        value: 0.17,
        unit: "ratio",
        qualifier: "YoY",
        status: "announced",
        source: OPENAI_COMPARISON,
      },
    ],
  },
  {
    id: "cloud-market-2023",
    title: "Cloud infrastructure market share",
    kind: "market",
    date: "2023",
    era: "late 2023",
    status: "reported",
    parties: [{ name: "Amazon", role: "company" }],
    facts: [
      {
        key: "aws_cloud_market_share",
        value: 0.32,
        unit: "ratio",
        status: "reported",
        source: WHY_ANTHROPIC,
      },
    ],
  },
  {
    id: "enterprise-ai-market-2023",
    title: "Enterprise AI spending and the cost of entry",
    kind: "market",
    date: "2023",
    era: "late 2023",
    status: "estimate",
    parties: [],
    facts: [
      {
        key: "ai_software_services_spend_by_2025",
        value: 200e9,
        unit: "USD",
        qualifier: "Goldman Sachs estimates",
        status: "estimate",
        source: MARKET_CONTEXT,
      },
      {
        key: "genai_enterprise_spend_24_months",
        value: 200e9,
        unit: "USD",
        qualifier: "over the next 24 months",
        status: "estimate",
        source: analysis("Looking Forward"),
      },
      {
        key: "foundation_model_capital_needed",
        value: 5e9,
        unit: "USD",
        qualifier: "over",
        status: "estimate",
        source: PORTFOLIO,
        note: "What a horizontal foundation-model company would need to raise without a hyperscaler partner; the document writes $5+ billion.",
      },
    ],
  },
  {
    id: "stability-ai-2022",
    title: "Stability AI's revenue and expenses",
    kind: "market",
    date: "2022",
    era: "2022",
    status: "reported",
    parties: [{ name: "Stability AI", role: "company" }],
    facts: [
      {
        key: "revenue",
        value: 153e6,
        unit: "USD",
        qualifier: "reportedly",
        status: "reported",
        source: MARKET_CONTEXT,
        tags: ["ambiguous"],
        note: 'The source says it "burned through $153 million in 2022 revenue against expenses north of $200 million": revenue of $153 million, or $153 million burned; recorded as revenue, unconfirmed.',
      },
      {
        key: "expenses",
        value: 200e6,
        unit: "USD",
        qualifier: "north of",
        status: "reported",
        source: MARKET_CONTEXT,
      },
    ],
  },
  {
    id: "character-ai-2023",
    title: "Character.AI's users and inference costs",
    kind: "market",
    date: "2023",
    era: "late 2023",
    status: "reported",
    parties: [{ name: "Character.AI", role: "company" }],
    facts: [
      { key: "users", value: 100e6, unit: "count", status: "reported", source: MARKET_CONTEXT },
      {
        key: "inference_cost_per_month",
        value: 5e6,
        unit: "USD/month",
        qualifier: "approximately",
        status: "reported",
        source: MARKET_CONTEXT,
      },
    ],
  },
  {
    id: "hugging-face-round-2023",
    title: "Hugging Face's round",
    kind: "round",
    date: "2023",
    era: "late 2023",
    status: "reported",
    parties: [{ name: "Hugging Face", role: "investee" }],
    facts: [
      {
        key: "valuation",
        value: 4.5e9,
        unit: "USD",
        basis: "not_stated",
        qualifier: "just raised at",
        status: "reported",
        source: PORTFOLIO,
      },
    ],
  },
  {
    id: "databricks-round-2023",
    title: "Databricks' round",
    kind: "round",
    date: "2023",
    era: "late 2023",
    status: "reported",
    parties: [{ name: "Databricks", role: "investee" }],
    facts: [
      {
        key: "investment",
        value: 500e6,
        unit: "USD",
        qualifier: "recently closed",
        status: "reported",
        source: PORTFOLIO,
      },
      {
        key: "valuation",
        value: 43e9,
        unit: "USD",
        basis: "not_stated",
        status: "reported",
        source: PORTFOLIO,
      },
    ],
  },
  {
    id: "scale-ai-round-2023",
    title: "Scale AI's round",
    kind: "round",
    date: "2023-05",
    era: "May 2023",
    status: "reported",
    parties: [{ name: "Scale AI", role: "investee" }],
    facts: [
      {
        key: "valuation",
        value: 7.3e9,
        unit: "USD",
        basis: "not_stated",
        status: "reported",
        source: PORTFOLIO,
      },
    ],
  },

  // ── 2025–2026: 001_0fba67505b9d97df.txt ──
  {
    id: "anthropic-valuation-2026",
    title: "Anthropic's valuation",
    kind: "company",
    date: "2025/2026",
    era: "2025–2026",
    status: "reported",
    parties: [{ name: "Anthropic", role: "investee" }],
    facts: [
      {
        key: "valuation",
        value: 380e9,
        unit: "USD",
        basis: "not_stated",
        status: "reported",
        source: computeDigest("Despite a $380 billion valuation"),
      },
      {
        key: "overinvestment_risk",
        value: "a single year of overinvesting in compute could lead to bankruptcy",
        unit: "text",
        qualifier: "Anthropic's CEO admits",
        status: "reported",
        source: computeDigest("Despite a $380 billion valuation"),
        tags: ["risk"],
      },
    ],
  },
  {
    id: "openai-capex-plan-2030",
    title: "OpenAI's capital expenditure to 2030",
    kind: "company",
    date: "2025/2026",
    era: "2025–2026",
    status: "estimate",
    parties: [{ name: "OpenAI", role: "company" }],
    facts: [
      {
        key: "capex_by_2030",
        value: 150e9,
        unit: "USD",
        qualifier: "~",
        status: "estimate",
        source: computeDigest("OpenAI's aggressive partnerships for compute are designed"),
      },
    ],
  },
  {
    id: "anthropic-google-compute-2026",
    title: "Anthropic's potential compute deal with Google",
    kind: "commercial",
    date: "2025/2026",
    era: "2025–2026",
    status: "in_talks",
    parties: [
      { name: "Anthropic", role: "customer" },
      { name: "Google", role: "vendor" },
    ],
    facts: [
      {
        key: "deal_size",
        value: "multi-billion dollar",
        unit: "text",
        qualifier: "potential",
        status: "in_talks",
        source: computeDigest("AI company Anthropic's potential multi-billion dollar compute deal"),
        flows: [{ from: "Anthropic", to: "Google", kind: "compute_purchase" }],
      },
    ],
  },
  {
    id: "openai-compute-partners-2026",
    title: "OpenAI's data-centre partners",
    kind: "commercial",
    date: "2025/2026",
    era: "2025–2026",
    status: "reported",
    parties: [
      { name: "OpenAI", role: "customer" },
      { name: "Oracle", role: "vendor" },
      { name: "Microsoft", role: "vendor" },
    ],
    facts: [
      {
        key: "partners",
        value: "Oracle and Microsoft",
        unit: "text",
        status: "reported",
        source: computeDigest(
          "OpenAI's strategy involves getting partners like Oracle and Microsoft"
        ),
        flows: [
          { from: "OpenAI", to: "Oracle", kind: "compute_purchase" },
          { from: "OpenAI", to: "Microsoft", kind: "compute_purchase" },
        ],
      },
    ],
  },

  // ── 2026: 000_7d611d7c1f3503d4.txt ──
  {
    id: "baseten-round-2026",
    title: "Baseten's round",
    kind: "round",
    date: "2026",
    era: "2026",
    status: "in_talks",
    note: "The source: a reported intention, not a closed deal with confirmed terms.",
    parties: [{ name: "Baseten", role: "investee" }],
    facts: [
      {
        key: "investment",
        value: 1.5e9,
        unit: "USD",
        qualifier: "reportedly finalising",
        status: "in_talks",
        source: BASETEN_SECTION,
      },
      {
        key: "valuation",
        value: 13e9,
        unit: "USD",
        basis: "not_stated",
        qualifier: "reportedly",
        status: "in_talks",
        source: BASETEN_SECTION,
      },
      {
        key: "prior_round",
        value: "completed a major round just months prior",
        unit: "text",
        status: "reported",
        source: BASETEN_SECTION,
      },
    ],
  },
  {
    id: "general-intuition-round-2026",
    title: "General Intuition's round",
    kind: "round",
    date: "2026",
    era: "2026",
    status: "in_talks",
    parties: [{ name: "General Intuition", role: "investee" }],
    facts: [
      {
        key: "investment",
        value: 300e6,
        unit: "USD",
        qualifier: "in talks to raise",
        status: "in_talks",
        source: BASETEN_SECTION,
      },
      {
        key: "valuation",
        value: 2e9,
        unit: "USD",
        basis: "not_stated",
        status: "in_talks",
        source: BASETEN_SECTION,
      },
      {
        key: "dataset_videos_per_year",
        value: 2e9,
        unit: "count/year",
        qualifier: "from its Medal gaming platform",
        status: "reported",
        source: BASETEN_SECTION,
      },
    ],
  },
  {
    id: "amazon-trainium-external-sales-2026",
    title: "Amazon's talks to sell Trainium chips to other data centres",
    kind: "commercial",
    date: "2026",
    era: "2026",
    status: "in_talks",
    parties: [
      { name: "Amazon", role: "vendor" },
      { name: "third-party data centres", role: "customer" },
    ],
    facts: [
      {
        key: "market_size",
        value: 50e9,
        unit: "USD",
        qualifier: "market opportunity",
        note: "As characterised by Amazon's CEO Andy Jassy.",
        status: "estimate",
        source: CHIP_SECTION,
      },
    ],
  },
  {
    id: "spacex-ipo-2026",
    title: "SpaceX's public debut",
    kind: "capital_markets",
    date: "2026",
    era: "2026",
    status: "reported",
    parties: [{ name: "SpaceX", role: "issuer" }],
    facts: [
      {
        key: "ipo_size",
        value: 86e9,
        unit: "USD",
        qualifier: "record",
        status: "reported",
        source: IPO_SECTION,
        note: "The brief calls it a public debut; it does not say whether this is the amount raised or the valuation.",
      },
    ],
  },
  {
    id: "spacex-bond-2026",
    title: "SpaceX's planned bond deal",
    kind: "capital_markets",
    date: "2026",
    era: "2026",
    status: "reported",
    parties: [{ name: "SpaceX", role: "issuer" }],
    facts: [
      {
        key: "bond_size",
        value: 20e9,
        unit: "USD",
        qualifier: "plotting",
        status: "reported",
        source: CAPITAL_STACK,
      },
    ],
  },
  {
    id: "meta-ai-financing-2026",
    title: "Meta's search for AI-infrastructure financing",
    kind: "capital_markets",
    date: "2026",
    era: "2026",
    status: "reported",
    parties: [{ name: "Meta", role: "issuer" }],
    facts: [
      {
        key: "ai_spending_per_year",
        value: "in the tens of billions annually",
        unit: "text",
        status: "reported",
        source: CAPITAL_STACK,
      },
      {
        key: "instruments",
        value: "Wall Street financing structures",
        unit: "text",
        qualifier: "exploring",
        status: "reported",
        source: CAPITAL_STACK,
      },
    ],
  },
  {
    id: "meta-crusoe-compute-2026",
    title: "Meta's compute agreements with Crusoe",
    kind: "commercial",
    date: "2026",
    era: "2026",
    status: "reported",
    parties: [
      { name: "Meta", role: "customer" },
      { name: "Crusoe", role: "vendor" },
    ],
    facts: [
      {
        key: "agreement",
        value: "new AI compute agreements",
        unit: "text",
        status: "reported",
        source: brief("Top Line"),
        flows: [{ from: "Meta", to: "Crusoe", kind: "compute_purchase" }],
      },
    ],
  },

  {
    id: "anthropic-model-restrictions-2026",
    title: "Restrictions on Anthropic's models",
    kind: "company",
    date: "2026",
    era: "2026",
    status: "reported",
    parties: [{ name: "Anthropic", role: "company" }],
    facts: [
      {
        key: "distribution_restriction",
        value:
          "blocked Anthropic from distributing its Mythos and Fable 5 models to foreign nationals",
        unit: "text",
        status: "reported",
        source: MYTHOS_SECTION,
        tags: ["risk"],
        note: "By the US administration, without a published legal basis.",
      },
      {
        key: "customer_restriction",
        value: "restricting Anthropic access for staff in Hong Kong",
        unit: "text",
        status: "reported",
        source: MYTHOS_SECTION,
        tags: ["risk"],
        note: "JPMorgan's restriction, as the brief reports it.",
      },
    ],
  },

  // ── 2026: 003_bb608b4455414188.txt ──
  {
    id: "amazon-openai-2026",
    title: "Amazon's investment in OpenAI's record round",
    kind: "investment",
    date: "2026",
    era: "2026",
    status: "reported",
    parties: [
      { name: "Amazon", role: "lead_investor" },
      { name: "Amazon", role: "vendor" },
      { name: "OpenAI", role: "investee" },
      { name: "OpenAI", role: "customer" },
      { name: "Nvidia", role: "lead_investor" },
      { name: "SoftBank", role: "lead_investor" },
    ],
    facts: [
      {
        key: "investment",
        value: 50e9,
        unit: "USD",
        qualifier: "proposed",
        status: "reported",
        source: OPENAI_SPLIT,
        flows: [{ from: "Amazon", to: "OpenAI", kind: "investment" }],
      },
      {
        key: "tranche_contingent",
        value: 35e9,
        unit: "USD",
        qualifier: "contingent",
        status: "reported",
        source: OPENAI_SPLIT,
      },
      {
        key: "trigger_agi",
        value: "achieving AGI",
        unit: "text",
        status: "reported",
        source: OPENAI_SPLIT,
      },
      {
        key: "trigger_ipo",
        value: "going public",
        unit: "text",
        status: "reported",
        source: OPENAI_SPLIT,
      },
      {
        key: "tranche_non_contingent",
        value: 15e9,
        unit: "USD",
        status: "derived",
        derivation: { formula: "investment - tranche_contingent" },
      },
      {
        key: "condition_trainium",
        value: "OpenAI must use Amazon's proprietary Trainium AI chips",
        unit: "text",
        status: "reported",
        source: roundDigest(
          "Beyond capital, Amazon's deal with OpenAI includes a crucial stipulation"
        ),
      },
      {
        key: "spend_terms",
        value: "purchase Amazon's cloud services and proprietary Trainium chips",
        unit: "text",
        status: "reported",
        source: roundDigest("Amazon is investing billions in OpenAI"),
        flows: [{ from: "OpenAI", to: "Amazon", kind: "spend_commitment" }],
      },
      {
        key: "round_co_leads",
        value: "Amazon, Nvidia, and SoftBank",
        unit: "text",
        status: "reported",
        source: roundDigest("OpenAI's record-breaking funding round"),
        flows: [
          { from: "Nvidia", to: "OpenAI", kind: "investment" },
          { from: "SoftBank", to: "OpenAI", kind: "investment" },
        ],
      },
      {
        key: "azure_exclusivity",
        value: "contractually obligated to run exclusively on Microsoft's Azure cloud",
        unit: "text",
        status: "reported",
        source: roundDigest("Amazon's investment is a strategic branding play"),
        tags: ["risk"],
        note: "A restriction from another investor (Microsoft): OpenAI's core models stay on Azure.",
      },
    ],
  },
  {
    id: "anthropic-strategic-investors-2026",
    title: "Anthropic's investments from Microsoft, Nvidia, Google and Amazon",
    kind: "investment",
    date: "2026",
    era: "2026",
    status: "reported",
    parties: [
      { name: "Anthropic", role: "investee" },
      { name: "Microsoft", role: "investor" },
      { name: "Nvidia", role: "investor" },
      { name: "Google", role: "investor" },
      { name: "Amazon", role: "investor" },
    ],
    facts: [
      {
        key: "investors",
        value: "Microsoft, NVIDIA, Google, and Amazon",
        unit: "text",
        status: "reported",
        source: roundDigest(
          "Top AI labs like Anthropic are simultaneously taking massive investments"
        ),
        flows: [
          { from: "Microsoft", to: "Anthropic", kind: "investment" },
          { from: "Nvidia", to: "Anthropic", kind: "investment" },
          { from: "Google", to: "Anthropic", kind: "investment" },
          { from: "Amazon", to: "Anthropic", kind: "investment" },
        ],
      },
    ],
  },

  // ── 2026: 004_e66127d25fc20cd4.txt ──
  {
    id: "amazon-anthropic-2026",
    title: "Amazon's expanded partnership with Anthropic",
    kind: "investment",
    date: "2026",
    era: "2026",
    status: "announced",
    parties: [
      { name: "Amazon", role: "investor" },
      { name: "Amazon", role: "vendor" },
      { name: "Anthropic", role: "investee" },
      { name: "Anthropic", role: "customer" },
    ],
    facts: [
      {
        key: "investment",
        value: 5e9,
        unit: "USD",
        qualifier: "additional",
        status: "announced",
        source: EXPANSION_OPENING,
      },
      {
        key: "investment_cumulative",
        value: 13e9,
        unit: "USD",
        qualifier: "total commitment",
        note: "The document adds: with even more on the horizon.",
        status: "announced",
        source: EXPANSION_OPENING,
        flows: [{ from: "Amazon", to: "Anthropic", kind: "investment" }],
      },
      {
        key: "investment_cumulative_before",
        value: 8e9,
        unit: "USD",
        status: "derived",
        derivation: { formula: "investment_cumulative - investment" },
        note: "What the new total implies Amazon had committed before; the 2023 deal (amazon-anthropic-2023) was up to $4 billion.",
      },
      {
        key: "investment_since_prior_deal",
        value: 4e9,
        unit: "USD",
        status: "derived",
        derivation: { formula: "investment_cumulative - investment - 4000000000" },
        note: "What Amazon committed between the 2023 deal and this one: the $8 billion before 2026 less the 2023 deal's $4 billion ($1.25 billion initial and the $2.75 billion option). Being above zero, it implies the 2023 option was exercised in full; no document gives the dates or terms of the rest.",
      },
      {
        key: "compute_capacity",
        value: 5,
        unit: "GW",
        qualifier: "up to",
        status: "announced",
        source: expansion("Overcoming the Compute Bottleneck Through Massive Scale"),
      },
      {
        key: "spend_commitment",
        value: 100e9,
        unit: "USD",
        qualifier: "over",
        status: "announced",
        source: SPEND_RISKS,
        flows: [{ from: "Anthropic", to: "Amazon", kind: "spend_commitment" }],
      },
      {
        key: "spend_years",
        value: 10,
        unit: "years",
        qualifier: "over the next decade",
        status: "announced",
        source: SPEND_RISKS,
      },
      {
        key: "spend_commitment_per_year",
        value: 10e9,
        unit: "USD/year",
        qualifier: "over",
        status: "derived",
        derivation: { formula: "spend_commitment / spend_years" },
        note: "Even spending: the document gives the total and the decade, not the profile.",
      },
      {
        key: "spend_to_investment_multiple",
        value: 7.6923076923076925,
        unit: "multiple",
        status: "derived",
        derivation: { formula: "spend_commitment / investment_cumulative" },
      },
      {
        key: "lock_in_risk",
        value:
          "nearly impossible for Anthropic to migrate its operations to another provider without incurring catastrophic costs",
        unit: "text",
        status: "announced",
        source: SPEND_RISKS,
        tags: ["risk"],
      },
      {
        key: "chip_generations",
        value: "Trainium 2, 3, and 4",
        unit: "text",
        status: "announced",
        source: expansion("The Rise of Custom Silicon and Proprietary Ecosystems"),
      },
    ],
  },
];
