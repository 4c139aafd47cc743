/**
 * The headline deflator: each deal's headline investment taken apart into what is firm, what is
 * contingent (and that part's present value), what comes straight back to the investor as the
 * investee's spend (the round trip), and the net new capital that is left. Decimal arithmetic
 * throughout, so firm + contingent = headline and net new capital = headline − round trip exactly.
 */
import { Dec, ZERO } from "../engine/numeric";
import { probabilityWeightedValue } from "../engine/tranche";
import { vendorFinanceLoop } from "../engine/vendorLoop";
import { assumptionNumber, findAssumption } from "./assumptions";
import { confidenceOf, factRange, FIRM_PART_KEYS } from "./ranges";
import { LibraryDeal, LibraryFact } from "./schema";

const HEADLINE_KEY = "investment";
const SPEND_KINDS = ["spend_commitment", "compute_purchase"];

export interface LaterFigure {
  deal: string;
  fact: string;
  value: number;
  date: string;
}

export interface LeagueRow {
  deal: string;
  title: string;
  date: string;
  headline: number;
  firm: number;
  contingent: number;
  /**
   * The contingent part weighted by its trigger probability and discounted (TRANCHE_VALUE), the
   * triggers taken as independent: one point inside the band below.
   */
  contingent_pv: number;
  /** The lowest whatever the dependence between the triggers (Fréchet): they nest, the likeliest alone counts. */
  contingent_pv_low: number;
  /** The highest whatever the dependence: the triggers never happen together, Σ p capped at 1. */
  contingent_pv_high: number;
  /** min(headline, spend committed back to the investor); null when that spend has no figure. */
  round_trip: number | null;
  net_new_capital: number | null;
  /** net_new_capital / headline, the ranking key. */
  net_new_share: number | null;
  /** The headline figure's status and qualifier as the source gives them. */
  status: string;
  qualifier?: string;
  confidence: number;
  /** A newer source's figure for the same investor and investee. */
  later_figure?: LaterFigure;
  /** The facts of the deal the row reads: the headline, the stated firm part, the spend back. */
  facts: { headline: string; firm?: string; spend_back?: string };
  /** The assumptions the contingent part's probability reads. */
  probabilities: string[];
  /** Which figure the row uses, and how each part was found. */
  notes: string[];
}

/** A key in a reader's words: tranche_initial → tranche initial. */
const words = (key: string) => key.replace(/_/g, " ");

const numberFact = (deal: LibraryDeal, key: string): LibraryFact | undefined =>
  deal.facts.find((f) => f.key === key && typeof f.value === "number");

const flowsOf = (deal: LibraryDeal) =>
  deal.facts.flatMap((fact) => (fact.flows ?? []).map((flow) => ({ ...flow, fact })));

/** The firm part: a tranche the source states as firm; else none under "up to"; else all of it. */
function firmOf(
  deal: LibraryDeal,
  headline: LibraryFact
): { firm: Dec; note: string; fact?: string } {
  const part = FIRM_PART_KEYS.map((key) => numberFact(deal, key)).find(Boolean);
  if (part)
    return {
      firm: new Dec(part.value as number),
      note: `firm: the stated ${words(part.key)}`,
      fact: part.key,
    };
  if (factRange(deal, headline).band?.rule === "up_to")
    return { firm: ZERO, note: 'firm: none stated within "up to"' };
  return {
    firm: new Dec(headline.value as number),
    note: "firm: all of it (no contingent part stated)",
  };
}

/** An assumption's value by key: the library default unless a template's user changed it. */
export type AssumptionValues = (key: string) => number;

/** The probability assumption keys of a deal's contingent part, and the triggers in words. */
export function triggerAssumptions(deal: LibraryDeal): { keys: string[]; triggers: string } {
  const triggers = deal.facts.filter(
    (f) =>
      f.key.startsWith("trigger_") &&
      typeof findAssumption(`probability_${f.key.slice("trigger_".length)}`)?.value === "number"
  );
  if (triggers.length === 0)
    return { keys: ["probability_contingent"], triggers: "no trigger named" };
  return {
    keys: triggers.map((f) => `probability_${f.key.slice("trigger_".length)}`),
    triggers: `triggers ${triggers.map((f) => `"${String(f.value)}"`).join(" or ")}, taken as independent`,
  };
}

function roundTripOf(
  deal: LibraryDeal,
  headline: Dec
): { roundTrip: Dec | null; note: string; fact?: string } {
  const flows = flowsOf(deal);
  const investment = flows.find((f) => f.kind === "investment");
  const back = investment
    ? flows.filter(
        (f) => SPEND_KINDS.includes(f.kind) && f.from === investment.to && f.to === investment.from
      )
    : [];
  if (back.length === 0)
    return { roundTrip: ZERO, note: "round trip: no spend back to the investor in the sources" };
  const priced = back.find((f) => typeof f.fact.value === "number");
  if (!priced)
    return {
      roundTrip: null,
      note: "round trip: spend back to the investor is named without a figure (between none and all of the headline)",
    };
  const loop = vendorFinanceLoop({
    investment: headline,
    spendCommitment: new Dec(priced.fact.value as number),
    vendorMargin: ZERO,
    spendYears: new Dec(1),
    discountRate: ZERO,
  });
  return {
    roundTrip: new Dec(loop.round_trip()),
    note: `round trip: the smaller of the headline and the ${words(priced.fact.key)} (VENDOR_FINANCE_LOOP)`,
    fact: priced.fact.key,
  };
}

/** A later deal's figure for the same investment flow (a 2026 cumulative figure after a 2023 one). */
function laterFigure(deal: LibraryDeal, deals: readonly LibraryDeal[]): LaterFigure | undefined {
  const own = flowsOf(deal).find((f) => f.kind === "investment");
  if (!own) return undefined;
  const later = deals
    .filter((other) => other.id !== deal.id && other.date > deal.date)
    .flatMap((other) =>
      flowsOf(other)
        .filter(
          (f) =>
            f.kind === "investment" &&
            f.from === own.from &&
            f.to === own.to &&
            typeof f.fact.value === "number"
        )
        .map((f) => ({
          deal: other.id,
          fact: f.fact.key,
          value: f.fact.value as number,
          date: other.date,
        }))
    )
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return later[0];
}

export function deflate(
  deal: LibraryDeal,
  deals: readonly LibraryDeal[],
  assumed: AssumptionValues = assumptionNumber
): LeagueRow | undefined {
  const fact = numberFact(deal, HEADLINE_KEY);
  if (!fact) return undefined;
  const headline = new Dec(fact.value as number);
  const { firm, note: firmNote, fact: firmFact } = firmOf(deal, fact);
  const contingent = headline.minus(firm);
  const { keys, triggers } = triggerAssumptions(deal);
  const probabilities = keys.map((key) => new Dec(assumed(key)));
  const valued = contingent.isZero()
    ? undefined
    : probabilityWeightedValue(
        { amount: contingent, years: new Dec(assumed("years_to_trigger")) },
        probabilities,
        new Dec(assumed("discount_rate"))
      );
  const { roundTrip, note: roundTripNote, fact: spendFact } = roundTripOf(deal, headline);
  const net = roundTrip === null ? null : headline.minus(roundTrip);
  const later = laterFigure(deal, deals);
  const notes = [
    firmNote,
    contingent.isZero()
      ? "contingent PV: nothing contingent"
      : `contingent PV: probability-weighted and discounted (TRANCHE_VALUE; ${triggers}; the probabilities, years to trigger and discount rate are assumptions)${keys.length > 1 ? "; the band, whatever the dependence between the triggers: low if they nest (the likeliest alone), high if they never happen together (the sum of their probabilities, at most 1)" : ""}`,
    roundTripNote,
  ];
  if (later)
    notes.unshift(
      `uses this deal's own figure (${deal.date}); a newer source (${later.deal}, ${later.date}) gives the ${words(later.fact)}, shown beside it and in that deal's own row`
    );
  return {
    deal: deal.id,
    title: deal.title,
    date: deal.date,
    headline: headline.toNumber(),
    firm: firm.toNumber(),
    contingent: contingent.toNumber(),
    contingent_pv: valued?.expected_value() ?? 0,
    contingent_pv_low: valued?.expected_value_low() ?? 0,
    contingent_pv_high: valued?.expected_value_high() ?? 0,
    round_trip: roundTrip === null ? null : roundTrip.toNumber(),
    net_new_capital: net === null ? null : net.toNumber(),
    net_new_share: net === null || headline.isZero() ? null : net.div(headline).toNumber(),
    status: fact.status,
    ...(fact.qualifier !== undefined && { qualifier: fact.qualifier }),
    confidence: confidenceOf(deal, fact),
    ...(later && { later_figure: later }),
    facts: {
      headline: fact.key,
      ...(firmFact && { firm: firmFact }),
      ...(spendFact && { spend_back: spendFact }),
    },
    probabilities: keys,
    notes,
  };
}

/** Every deal with a headline investment, ranked by net new capital per dollar of headline (unknown last). */
export function league(
  deals: readonly LibraryDeal[],
  assumed: AssumptionValues = assumptionNumber
): LeagueRow[] {
  const rank = (row: LeagueRow) => row.net_new_share ?? -Infinity;
  return deals
    .flatMap((deal) => deflate(deal, deals, assumed) ?? [])
    .sort(
      (a, b) =>
        rank(b) - rank(a) ||
        b.headline - a.headline ||
        (a.deal < b.deal ? -1 : a.deal > b.deal ? 1 : 0)
    );
}
