/**
 * The deal library as the rest of DealLoop reads it: the built-in deals (validated once, frozen),
 * the same with the user's sources applied, and the look-ups templates and formulas need (a fact
 * by deal and key with near-miss suggestions, a company's valuation ladder, the capital-flow web).
 */
import { notAvailable } from "../engine/errors";
import { BUILTIN_DEALS } from "./builtin";
import { applySource, formatProblem, Problem, UserSource } from "./import";
import {
  BUILTIN_ORIGIN,
  FactValue,
  FlowKind,
  isRange,
  LibraryDeal,
  LibraryFact,
  LibrarySchema,
  toLibraryFact,
} from "./schema";

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function loadBuiltin(): readonly LibraryDeal[] {
  const parsed = LibrarySchema.safeParse(BUILTIN_DEALS);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`the built-in deal library is invalid:\n${lines.join("\n")}`);
  }
  return deepFreeze(
    parsed.data.map((deal) => ({
      ...deal,
      facts: deal.facts.map((fact) => toLibraryFact(fact, BUILTIN_ORIGIN)),
      origins: [BUILTIN_ORIGIN],
    }))
  );
}

/** The deals of the five source documents. Frozen: user sources make new deals, never change these. */
export const BUILTIN_LIBRARY: readonly LibraryDeal[] = loadBuiltin();

/**
 * The built-in deals with the user's sources applied in order (a later source overrides an
 * earlier one). A source with any problem is left out whole; `problems` lists every problem of
 * every source left out.
 */
export function buildLibrary(userSources: readonly UserSource[] = []): {
  deals: readonly LibraryDeal[];
  problems: Problem[];
} {
  let deals = BUILTIN_LIBRARY;
  const problems: Problem[] = [];
  for (const source of userSources) {
    const result = applySource(deals, source);
    // A loop, not push(...spread): a source can have more problems than a call has arguments.
    if (result.problems.length > 0) for (const problem of result.problems) problems.push(problem);
    else deals = result.deals;
  }
  return { deals, problems };
}

export { formatProblem };
export type { Problem, UserSource };

// ── look-ups ──

/**
 * Edit distance from `a` to `b` (Levenshtein); with `within`, to the best-matching part of `b`
 * (Sellers' approximate substring match), so "amazn" is near "amazon-openai-2026".
 */
function editDistance(a: string, b: string, within = false): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => (within ? 0 : j));
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      );
    }
    previous = current;
  }
  return within ? Math.min(...previous) : previous[b.length];
}

const SUGGESTION_CHARACTERS = 64;

/** The candidates nearest to `wanted`: best partial match first, then closest as a whole. */
export function nearest(wanted: string, candidates: readonly string[], count = 3): string[] {
  // Ids and keys are short: beyond their length a typed text adds cost (a 32,767-character cell
  // took a second), not a better suggestion.
  const target = wanted.trim().toLowerCase().slice(0, SUGGESTION_CHARACTERS);
  return candidates
    .map((candidate) => ({
      candidate,
      part: editDistance(target, candidate, true),
      whole: editDistance(target, candidate),
    }))
    .sort((a, b) => a.part - b.part || a.whole - b.whole || a.candidate.localeCompare(b.candidate))
    .slice(0, count)
    .map(({ candidate }) => candidate);
}

export function findDeal(deals: readonly LibraryDeal[], id: string): LibraryDeal | undefined {
  const wanted = id.trim().toLowerCase();
  return deals.find((deal) => deal.id === wanted);
}

/** A deal by id, or #N/A naming the nearest ids. */
export function requireDeal(deals: readonly LibraryDeal[], id: string): LibraryDeal {
  const deal = findDeal(deals, id);
  if (deal) return deal;
  const suggestions = nearest(
    id,
    deals.map((d) => d.id)
  );
  throw notAvailable(`unknown deal "${id}"; nearest: ${suggestions.join(", ")}`);
}

export interface FactLookup {
  deal: LibraryDeal;
  fact: LibraryFact;
  /** The end of a range that `key.low` or `key.high` asked for. */
  part?: "low" | "high";
}

/** `key`, or `key.low` / `key.high` for a range, in one deal; #N/A with the nearest keys when unknown. */
export function lookupFact(
  deals: readonly LibraryDeal[],
  dealId: string,
  field: string
): FactLookup {
  const deal = requireDeal(deals, dealId);
  const [key, part, ...extra] = field.trim().toLowerCase().split(".");
  const fact = deal.facts.find((candidate) => candidate.key === key);
  if (!fact || extra.length > 0 || (part !== undefined && part !== "low" && part !== "high")) {
    const fields = deal.facts.flatMap((f) =>
      isRange(f.value) ? [`${f.key}.low`, `${f.key}.high`] : [f.key]
    );
    throw notAvailable(
      `${deal.id} has no fact "${field}"; nearest: ${nearest(field, fields).join(", ")}`
    );
  }
  if (part !== undefined && !isRange(fact.value))
    throw notAvailable(`${fact.key} is a single value, not a range: ask for ${fact.key}`);
  return { deal, fact, ...(part !== undefined && { part: part as "low" | "high" }) };
}

/** The value a look-up stands for: a number or text; a whole range is #N/A pointing at its ends. */
export function lookupValue({ fact, part }: FactLookup): number | string {
  const value: FactValue = fact.value;
  if (!isRange(value)) return value;
  if (part) return value[part];
  throw notAvailable(
    `${fact.key} is a range (${value.low} to ${value.high}): ask for ${fact.key}.low or ${fact.key}.high`
  );
}

/** One line of provenance: document, section, status, as-of; a derived fact names its formula and its inputs' sources. */
export function sourceLine(deal: LibraryDeal, fact: LibraryFact): string {
  const user = fact.origin === BUILTIN_ORIGIN ? "" : `user source ${fact.origin}: `;
  if (fact.source) {
    const { document, section, as_of } = fact.source;
    const qualifier = fact.qualifier ? ` (${fact.qualifier})` : "";
    return `${user}${document}, ${section}, ${fact.status}${qualifier}, ${as_of}`;
  }
  const inputs = (fact.derivation?.inputs ?? []).flatMap((key) => {
    const input = deal.facts.find((candidate) => candidate.key === key);
    return input?.source
      ? [
          `${input.source.document}, ${input.source.section}, ${input.status}, ${input.source.as_of}`,
        ]
      : [];
  });
  return `${user}derived as ${fact.derivation?.formula}, from ${[...new Set(inputs)].join("; ")}`;
}

// ── what templates read ──

export interface CapitalFlow {
  from: string;
  to: string;
  kind: FlowKind;
  /** The fact's value when it is a single number (USD); absent when the documents give no figure. */
  amount?: number;
  deal: string;
  fact: string;
  status: string;
  date: string;
}

/** Every capital flow any fact evidences, in library order. */
export function capitalFlows(deals: readonly LibraryDeal[]): CapitalFlow[] {
  return deals.flatMap((deal) =>
    deal.facts.flatMap((fact) =>
      (fact.flows ?? []).map((flow) => ({
        ...flow,
        ...(typeof fact.value === "number" && { amount: fact.value }),
        deal: deal.id,
        fact: fact.key,
        status: fact.status,
        date: deal.date,
      }))
    )
  );
}

/**
 * The web as it stands: one flow per (from, to, kind), the one from the latest-dated deal
 * (a later cumulative figure supersedes an earlier one); among deals of the same date, one with
 * an amount wins.
 */
export function currentCapitalFlows(deals: readonly LibraryDeal[]): CapitalFlow[] {
  const latest = new Map<string, CapitalFlow>();
  for (const flow of capitalFlows(deals)) {
    const id = `${flow.from}\u0000${flow.to}\u0000${flow.kind}`;
    const held = latest.get(id);
    const later =
      !held || flow.date > held.date || (flow.date === held.date && held.amount === undefined);
    if (later) latest.set(id, flow);
  }
  return [...latest.values()];
}

/** Keys of a round's or a valuation mark's value, in the order a ladder prefers them. */
export const VALUATION_KEYS = ["post_money", "pre_money", "valuation"] as const;

export interface ValuationRung {
  deal: string;
  date: string;
  /** Which valuation figure this is (a pre-money is not a post-money: the template must know). */
  key: (typeof VALUATION_KEYS)[number];
  value: FactValue;
  /** The new money in the round, when the deal states it. */
  investment?: number;
  status: string;
}

/** A company's valuations across the library (deals where it is the investee), oldest first. */
export function valuationLadder(deals: readonly LibraryDeal[], company: string): ValuationRung[] {
  const wanted = company.trim().toLowerCase();
  return deals
    .filter((deal) =>
      deal.parties.some((p) => p.role === "investee" && p.name.toLowerCase() === wanted)
    )
    .flatMap((deal) => {
      const fact = VALUATION_KEYS.map((key) => deal.facts.find((f) => f.key === key)).find(
        (f) => f !== undefined
      );
      if (!fact) return [];
      const investment = deal.facts.find((f) => f.key === "investment")?.value;
      return [
        {
          deal: deal.id,
          date: deal.date,
          key: fact.key as ValuationRung["key"],
          value: fact.value,
          ...(typeof investment === "number" && { investment }),
          status: fact.status,
        },
      ];
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
