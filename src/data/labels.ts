/**
 * The words a reader sees for the library's keys: one table, so no sheet, preview or report ever
 * shows a snake_case key ("in_talks", "post_money") where a committee expects words. A key the
 * table does not know (a user source's own fact) reads as its words, capitalised.
 */

const STATUS_WORDS: Readonly<Record<string, string>> = {
  announced: "announced",
  reported: "reported",
  in_talks: "in talks",
  estimate: "estimate",
  derived: "derived",
};

const ROLE_WORDS: Readonly<Record<string, string>> = {
  investor: "investor",
  lead_investor: "lead investor",
  investee: "investee",
  vendor: "vendor",
  customer: "customer",
  company: "company",
  issuer: "issuer",
};

const FLOW_KIND_WORDS: Readonly<Record<string, string>> = {
  investment: "equity investment",
  spend_commitment: "spend commitment",
  compute_purchase: "compute purchase",
};

const DEAL_KIND_WORDS: Readonly<Record<string, string>> = {
  investment: "strategic investment",
  round: "funding round",
  commercial: "commercial agreement",
  capital_markets: "capital markets",
  company: "company figures",
  market: "market figures",
};

/** The library's fact keys (docs/sources-format.md), as a reader names the figure. */
export const FACT_WORDS: Readonly<Record<string, string>> = {
  agreement: "Agreement",
  ai_software_services_spend_by_2025: "AI software and services spend by 2025",
  ai_spending_per_year: "AI spending per year",
  aws_cloud_market_share: "AWS cloud market share",
  azure_exclusivity: "Azure exclusivity",
  azure_revenue_growth_q1_2023: "Azure revenue growth, Q1 2023",
  azure_revenue_growth_q2_2023: "Azure revenue growth, Q2 2023",
  bond_size: "Bond size",
  cap_amount: "Return cap (amount)",
  cap_excess_to: "Profits above the cap go to",
  cap_multiple: "Return cap (multiple of investment)",
  capex_by_2030: "Capital expenditure to 2030",
  chip_generations: "Chip generations",
  chip_terms: "Chip terms",
  commercial_bookings: "Commercial bookings",
  commercial_bookings_growth: "Commercial bookings growth",
  compute_capacity: "Compute capacity",
  condition_trainium: "Condition: use of Trainium chips",
  customer_restriction: "Restriction by a customer",
  data_center_revenue: "Data-centre revenue",
  data_center_revenue_growth: "Data-centre revenue growth",
  dataset_videos_per_year: "Videos in the dataset per year",
  deal_size: "Deal size",
  distribution_restriction: "Distribution restriction",
  distribution_terms: "Distribution terms",
  expenses: "Expenses",
  foundation_model_capital_needed: "Capital a foundation model needs",
  genai_enterprise_spend_24_months: "Enterprise generative-AI spend over 24 months",
  governance: "Governance",
  h100_price_per_hour: "H100 price per hour",
  inference_cost_per_month: "Inference cost per month",
  instruments: "Instruments",
  investment: "Investment",
  investment_cumulative: "Cumulative investment",
  investment_cumulative_before: "Cumulative investment before this deal",
  investment_since_prior_deal: "Investment between the two deals",
  investors: "Investors",
  ipo_size: "IPO size",
  lead_investor: "Lead investor",
  lock_in_risk: "Lock-in risk",
  market_size: "Market size",
  nvidia_share_of_ai_infrastructure_spend: "Nvidia's share of AI infrastructure spend",
  overinvestment_risk: "Over-investment risk",
  participants: "Participants",
  partners: "Partners",
  post_money: "Post-money valuation",
  pre_money: "Pre-money valuation",
  prior_round: "Prior round",
  profit_share: "Profit share",
  revenue: "Revenue",
  round_co_leads: "Round co-leads",
  spend_commitment: "Spend commitment",
  spend_commitment_per_year: "Spend commitment per year",
  spend_terms: "Spend terms",
  spend_to_investment_multiple: "Spend as a multiple of the cumulative investment",
  spend_years: "Spend period",
  stake: "Stake",
  stake_in_for_profit_entity: "Stake in the for-profit entity",
  stock_return_ytd: "Share-price return, year to date",
  trainium_discount: "Trainium discount",
  tranche_contingent: "Contingent tranche",
  tranche_initial: "Initial tranche",
  tranche_non_contingent: "Firm (non-contingent) tranche",
  tranche_option: "Option tranche",
  trigger_agi: "Trigger: AGI",
  trigger_ipo: "Trigger: IPO",
  users: "Users",
  valuation: "Valuation",
  vendor_margin: "Vendor's margin",
};

/** Words for a key no table lists: "tranche_initial" → "Tranche initial". */
export function keyToWords(key: string): string {
  const words = key.replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const lookup = (table: Readonly<Record<string, string>>, key: string): string =>
  Object.prototype.hasOwnProperty.call(table, key) ? table[key] : keyToWords(key).toLowerCase();

export const statusWords = (status: string): string => lookup(STATUS_WORDS, status);
export const roleWords = (role: string): string => lookup(ROLE_WORDS, role);
export const flowKindWords = (kind: string): string => lookup(FLOW_KIND_WORDS, kind);
export const dealKindWords = (kind: string): string => lookup(DEAL_KIND_WORDS, kind);

/** The name of a fact as a reader says it ("tranche_initial" → "Initial tranche"). */
export const factWords = (key: string): string =>
  Object.prototype.hasOwnProperty.call(FACT_WORDS, key) ? FACT_WORDS[key] : keyToWords(key);

/** 4000000000 → "4 billion", 2500000 → "2.5 million". */
function largeNumberWords(digits: string): string {
  const value = Number(digits);
  const [scale, word] = value >= 1e9 ? [1e9, "billion"] : [1e6, "million"];
  return `${Number((value / scale).toPrecision(12))} ${word}`;
}

/** A trigger's name as a reader says it ("agi" → "AGI", "exercise" stays), from its fact's words. */
export function triggerWords(name: string): string {
  const words = factWords(`trigger_${name}`);
  return words.startsWith("Trigger: ") ? words.slice("Trigger: ".length) : name.replace(/_/g, " ");
}

/**
 * A derivation in words: "investment_cumulative - investment" → "Cumulative investment − Investment";
 * a literal of a million or more in millions or billions ("4000000000" → "4 billion").
 */
export const derivationWords = (formula: string): string =>
  formula
    .replace(/[a-z][a-z0-9_]*/g, factWords)
    .replace(/\b\d{7,}\b/g, largeNumberWords)
    .replace(/-/g, "−")
    .replace(/\*/g, "×");
