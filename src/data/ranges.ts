/**
 * Ranges from provenance: what a source's own hedge ("up to", "over", "roughly", a range, "multi-
 * billion") says about a figure, as a low, base and high value, and how firm its status makes it,
 * as a confidence weight shown beside it. One module, so every template, the league and the CLI
 * read the same rules (docs/methodology.md states them in words).
 */
import { Dec } from "../engine/numeric";
import { assumptionNumber } from "./assumptions";
import { FactStatus, isRange, LibraryDeal, LibraryFact } from "./schema";

/** Which rule made the band. */
export type BandRule = "range" | "up_to" | "over" | "roughly" | "lower_bound";

export interface Band {
  rule: BandRule;
  /** The unit of the three values (a text fact's band is in the currency its words name). */
  unit: string;
  low: number;
  /** The figure as the source states it (a range's midpoint); null when the words give only a floor. */
  base: number | null;
  /** null when the words set no ceiling. */
  high: number | null;
  /** The rule in words, with the assumption it uses, for a note beside the figure. */
  method: string;
}

export interface FactRange {
  deal: string;
  fact: string;
  qualifier?: string;
  status: FactStatus;
  /** How firm the figure is by its status (derived: its weakest input's). */
  confidence: number;
  /** Absent when no rule applies; `reason` then says why. */
  band?: Band;
  reason?: string;
}

export const UP_TO = ["up to"];
export const OVER = ["over", "north of", "more than", "at least"];
export const ROUGHLY = ["roughly", "approximately", "about", "around", "~"];
/** Hedges on whether a figure holds, not on its size: the confidence weight carries them. */
const WHETHER = [
  "proposed",
  "potential",
  "reportedly",
  "reportedly finalising",
  "in talks to raise",
  "plotting",
];
/** Names of a tranche: the firm/contingent split of the headline deflator treats them. */
const TRANCHE_WORDS = ["initial", "option", "contingent"];
/** The investment's parts a source states as firm, for the low end of "up to". */
export const FIRM_PART_KEYS = ["tranche_initial", "tranche_firm", "tranche_non_contingent"];

/**
 * Words that set a floor on an amount: "multi-" and "tens of" are plural, so at least two of the
 * unit (two billion; two tens of billions). No ceiling: the words do not give one.
 */
const FLOORS: readonly { words: RegExp; low: number; what: string }[] = [
  { words: /\bmulti-billion\b/i, low: 2e9, what: '"multi-billion": at least two billion' },
  {
    words: /\btens of billions\b/i,
    low: 2e10,
    what: '"tens of billions": at least twenty billion',
  },
];
const PER_YEAR = /\b(annually|a year|per year)\b/i;

const STATUS_WEIGHT_KEY: Record<Exclude<FactStatus, "derived">, string> = {
  announced: "confidence_announced",
  reported: "confidence_reported",
  in_talks: "confidence_in_talks",
  estimate: "confidence_estimate",
};

const qualifierOf = (fact: LibraryFact) => fact.qualifier?.trim().toLowerCase();
const floorOf = (fact: LibraryFact) =>
  typeof fact.value === "string"
    ? FLOORS.find((f) => f.words.test(fact.value as string))
    : undefined;

/** A fact the rules look at: hedged by a qualifier, given as a range, or an amount in words. */
export function isQualified(fact: LibraryFact): boolean {
  return fact.qualifier !== undefined || isRange(fact.value) || floorOf(fact) !== undefined;
}

/** The weight of a status; a derived figure is as firm as its least firm input. */
export function confidenceOf(
  deal: LibraryDeal,
  fact: LibraryFact,
  seen = new Set<string>()
): number {
  if (fact.status !== "derived") return assumptionNumber(STATUS_WEIGHT_KEY[fact.status]);
  seen.add(fact.key);
  const inputs = (fact.derivation?.inputs ?? [])
    .filter((key) => !seen.has(key))
    .flatMap((key) => deal.facts.filter((f) => f.key === key));
  return Math.min(1, ...inputs.map((input) => confidenceOf(deal, input, seen)));
}

/** What the source states as firm within an "up to" investment, else 0. */
export function firmPart(deal: LibraryDeal, fact: LibraryFact): number {
  if (fact.key !== "investment") return 0;
  const part = FIRM_PART_KEYS.map((key) => deal.facts.find((f) => f.key === key)).find(
    (f) => typeof f?.value === "number"
  );
  return (part?.value as number | undefined) ?? 0;
}

const times = (x: number, factor: number) => new Dec(x).times(factor).toNumber();

function bandOf(deal: LibraryDeal, fact: LibraryFact): Band | string {
  const { value, unit } = fact;
  const qualifier = qualifierOf(fact);
  if (isRange(value)) {
    const base = new Dec(value.low).plus(value.high).div(2).toNumber();
    return {
      rule: "range",
      unit,
      low: value.low,
      base,
      high: value.high,
      method: "a range: its two ends, the midpoint as base",
    };
  }
  if (typeof value === "string") {
    const floor = floorOf(fact);
    if (!floor) return "a text fact that states no amount";
    const perYear = PER_YEAR.test(value) ? "/year" : "";
    return {
      rule: "lower_bound",
      unit: `USD${perYear}`,
      low: floor.low,
      base: null,
      high: null,
      method: `${floor.what}, no ceiling`,
    };
  }
  if (qualifier === undefined) return "no hedge";
  if (UP_TO.includes(qualifier)) {
    const firm = firmPart(deal, fact);
    return {
      rule: "up_to",
      unit,
      low: firm,
      base: value,
      high: value,
      method:
        firm > 0
          ? "up to: the part the source states as firm, up to the ceiling (base and high are the best case: all of it happens)"
          : "up to: nothing stated as firm, up to the ceiling (base and high are the best case: all of it happens)",
    };
  }
  if (OVER.includes(qualifier)) {
    const uplift = assumptionNumber("over_uplift");
    return {
      rule: "over",
      unit,
      low: value,
      base: value,
      high: times(value, 1 + uplift),
      method: `over: the figure, up to ${uplift * 100}% above it (an assumption)`,
    };
  }
  if (ROUGHLY.includes(qualifier)) {
    const band = assumptionNumber("roughly_band");
    return {
      rule: "roughly",
      unit,
      low: times(value, 1 - band),
      base: value,
      high: times(value, 1 + band),
      method: `roughly: the figure ± ${band * 100}% (an assumption)`,
    };
  }
  if (WHETHER.includes(qualifier))
    return `"${fact.qualifier}" hedges whether the figure holds, not its size: the confidence weight carries it`;
  if (TRANCHE_WORDS.includes(qualifier))
    return `"${fact.qualifier}" names a tranche: the headline deflator's firm and contingent split carries it`;
  if (qualifier === "capped at") return "a contractual cap, stated exactly";
  return `"${fact.qualifier}" says what the figure measures or when, not how precise it is: taken as stated`;
}

/** The band of one fact (or why it has none), with its status and confidence weight. */
export function factRange(deal: LibraryDeal, fact: LibraryFact): FactRange {
  const band = bandOf(deal, fact);
  return {
    deal: deal.id,
    fact: fact.key,
    ...(fact.qualifier !== undefined && { qualifier: fact.qualifier }),
    status: fact.status,
    confidence: confidenceOf(deal, fact),
    ...(typeof band === "string" ? { reason: band } : { band }),
  };
}

/** Every qualified fact of the library with its band or the reason it has none. */
export function libraryRanges(deals: readonly LibraryDeal[]): FactRange[] {
  return deals.flatMap((deal) =>
    deal.facts.filter(isQualified).map((fact) => factRange(deal, fact))
  );
}
