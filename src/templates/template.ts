/**
 * What a template is: which deals it applies to, what it needs from them, and how it adds its
 * sheets to a plan. A template reads a deal through a mapping into its own typed input (facts
 * with provenance, assumptions with rationale, missing facts flagged), then builds sheets from
 * that input, so the sheet code never depends on the library's shape.
 */
import { findAssumption } from "../data/assumptions";
import { BUILTIN_ORIGIN, isRange, LibraryDeal, LibraryFact } from "../data/schema";
import { Headline } from "./blocks";
import { WorkbookBuilder } from "./builder";
import { assumed, AssumptionSpec, Fact, fact, Overrides } from "./datum";
import { Provenance, SheetPlan } from "./plan";

export interface TemplateContext {
  deal: LibraryDeal;
  /** The whole library (the network and the ladder read other deals). */
  deals: readonly LibraryDeal[];
  overrides: Overrides;
}

/** A fact a template reads, for `dealloop templates` and the taskpane's list. */
export interface FactNeed {
  key: string;
  description: string;
  /** Without it the template does not apply; an optional fact is shown when present. */
  required: boolean;
}

export interface Applicability {
  applies: boolean;
  /** What the deal lacks, in words: shown to the user, and flagged in the sheet if built anyway. */
  missing: string[];
}

export interface Template {
  /** The id used on the command line: vendor-loop. */
  name: string;
  title: string;
  summary: string;
  facts: readonly FactNeed[];
  assumptions: readonly AssumptionSpec[];
  applicability(deal: LibraryDeal, deals: readonly LibraryDeal[]): Applicability;
  /** Adds the template's sheets; returns its headline outputs (for a summary to link to). */
  contribute(wb: WorkbookBuilder, context: TemplateContext): Headline[];
}

export function planMeta(template: string, deal: LibraryDeal, title: string) {
  return {
    template,
    title,
    dealId: deal.id,
    asOf: dealDate(deal),
  };
}

/** When the deal sits, with its date once: "late 2023", "2026", "mid-2025 (2025-06)". */
export const dealDate = (deal: Pick<LibraryDeal, "era" | "date">): string =>
  !deal.era ? deal.date : deal.era.includes(deal.date) ? deal.era : `${deal.era} (${deal.date})`;

/** A whole plan from one template. */
export function buildPlan(template: Template, context: TemplateContext): SheetPlan {
  const wb = new WorkbookBuilder(
    planMeta(template.name, context.deal, `${template.title}: ${context.deal.title}`)
  );
  template.contribute(wb, context);
  return wb.build();
}

export const findFact = (deal: LibraryDeal, key: string): LibraryFact | undefined =>
  deal.facts.find((f) => f.key === key);

/** Where a library fact comes from; a derived fact cites its inputs' documents and its formula. */
export function provenanceOf(deal: LibraryDeal, libraryFact: LibraryFact): Provenance {
  const common = {
    status: libraryFact.status,
    fact: `${deal.id}/${libraryFact.key}`,
    ...(libraryFact.qualifier ? { qualifier: libraryFact.qualifier } : {}),
    ...(libraryFact.origin !== BUILTIN_ORIGIN ? { origin: libraryFact.origin } : {}),
  };
  if (libraryFact.source) {
    const { document, section, as_of } = libraryFact.source;
    return { document, section, asOf: as_of, ...common };
  }
  const inputs = (libraryFact.derivation?.inputs ?? []).flatMap((key) => {
    const input = findFact(deal, key);
    return input?.source ? [input.source] : [];
  });
  const unique = (values: string[]) => [...new Set(values)].join("; ");
  return {
    document: unique(inputs.map((s) => s.document)) || deal.id,
    section: unique(inputs.map((s) => s.section)) || "derived",
    asOf: unique(inputs.map((s) => s.as_of)) || undefined,
    derivation: libraryFact.derivation?.formula,
    ...common,
  };
}

/** A number or text fact of the deal as a template datum (a range gives undefined: read its ends). */
export function dealFact(deal: LibraryDeal, key: string, label: string): Fact | undefined {
  const found = findFact(deal, key);
  if (!found || isRange(found.value)) return undefined;
  return fact(label, found.value, provenanceOf(deal, found));
}

/** The numeric fact, if the deal has one under `key`. */
export function numericFact(deal: LibraryDeal, key: string, label: string): Fact | undefined {
  const found = dealFact(deal, key, label);
  return found && typeof found.value === "number" ? found : undefined;
}

/** A library default assumption (src/data/assumptions.ts), unless overridden. */
export function libraryAssumption(spec: AssumptionSpec, overrides: Overrides) {
  const found = findAssumption(spec.key);
  if (!found || typeof found.value !== "number")
    throw new Error(`no numeric default assumption "${spec.key}"`);
  return assumed(spec, found.value, found.rationale, overrides);
}

/** The parties of the deal in a role ("investor", "vendor"…). */
export const partiesIn = (deal: LibraryDeal, ...roles: string[]): string[] =>
  deal.parties.filter((p) => roles.includes(p.role)).map((p) => p.name);
