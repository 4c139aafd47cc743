/**
 * FACT(deal_id, field) and FACT_SOURCE(deal_id, field): the deal library in a cell.
 *
 * FACT returns a fact's value: a number (in base units: USD, a ratio as a fraction) or text. A
 * range has no single value, so `FACT(id, "valuation")` is #N/A saying so, and `valuation.low` /
 * `valuation.high` return its ends: an analyst picks the end, the function does not pick a
 * midpoint the document never stated. FACT_SOURCE returns one line: document, section, status,
 * as-of. An unknown deal or field is #N/A naming the nearest ids. The optional `output` gives
 * FACT's unit, qualifier or status, or FACT_SOURCE's parts.
 */
import { Args, DealFunction, Outputs } from "../engine/definition";
import { lookupFact, lookupValue, sourceLine } from "./library";
import { sessionDeals } from "./sessionLibrary";
import { LibraryDeal } from "./schema";

const PARAMS = [
  { name: "deal_id", kind: "text" },
  { name: "field", kind: "text" },
] as const;

type Library = () => readonly LibraryDeal[];

const lookup = (library: Library, args: Args) =>
  lookupFact(library(), args.deal_id as string, args.field as string);

/** FACT and FACT_SOURCE over a library; the taskpane passes one that includes the user's sources. */
export function createFactFunctions(library: Library): {
  FACT: DealFunction;
  FACT_SOURCE: DealFunction;
} {
  const FACT: DealFunction = {
    name: "FACT",
    params: PARAMS,
    fields: ["value", "unit", "qualifier", "status"],
    headline: "value",
    evaluate(args: Args): Outputs {
      const found = lookup(library, args);
      const { fact } = found;
      return {
        value: () => lookupValue(found),
        unit: () => fact.unit,
        qualifier: () => fact.qualifier ?? "",
        status: () => fact.status,
      };
    },
  };
  const FACT_SOURCE: DealFunction = {
    name: "FACT_SOURCE",
    params: PARAMS,
    fields: ["source", "document", "section", "status", "as_of", "origin"],
    headline: "source",
    evaluate(args: Args): Outputs {
      const { deal, fact } = lookup(library, args);
      // A derived fact has no section of its own: its parts are its inputs' (listed in `source`).
      const inputs = fact.source
        ? [fact]
        : deal.facts.filter((candidate) => fact.derivation?.inputs.includes(candidate.key));
      const part =
        (pick: (source: NonNullable<LibraryDeal["facts"][number]["source"]>) => string) => () =>
          [...new Set(inputs.flatMap((input) => (input.source ? [pick(input.source)] : [])))].join(
            "; "
          );
      return {
        source: () => sourceLine(deal, fact),
        document: part((source) => source.document),
        section: part((source) => source.section),
        status: () => fact.status,
        as_of: part((source) => source.as_of),
        origin: () => fact.origin,
      };
    },
  };
  return { FACT, FACT_SOURCE };
}

/** FACT and FACT_SOURCE over the session's library (built-in, plus what the taskpane imported). */
export const { FACT, FACT_SOURCE } = createFactFunctions(sessionDeals);
export const FACT_FUNCTIONS: readonly DealFunction[] = [FACT, FACT_SOURCE];
