/**
 * The deal library's schema: the one definition of a deal, its facts and their provenance. The
 * TypeScript types come from it (z.infer), and the built-in data, a user's JSON and a user's CSV
 * are all checked by it, so each rule lives here and nowhere else.
 *
 * Numbers are in base units (USD, not USD billions: 4e9), ratios are fractions (0.49 is 49%), and
 * a number written as text ("4B") is refused: a template must be able to compute with every value.
 */
// zod/mini: the same schema language, tree-shakable, so the custom-functions bundle stays small.
import * as z from "zod/mini";
import { evaluateFormula, FormulaError, formulaInputs } from "./formula";

/** How firm a figure is, as its document states it. */
export const FACT_STATUSES = [
  /** made public by the parties themselves: a deal announcement, an earnings release */
  "announced",
  /** stated by the document or the press it cites, not confirmed by the parties */
  "reported",
  /** under negotiation */
  "in_talks",
  /** an estimate, projection or approximation ("likely", "~", "estimates", "if") */
  "estimate",
  /** computed from other facts of the same deal (see `derivation`) */
  "derived",
] as const;
export const DEAL_STATUSES = ["announced", "reported", "in_talks", "estimate"] as const;
export const DEAL_KINDS = [
  "investment",
  "round",
  "commercial",
  "capital_markets",
  "company",
  "market",
] as const;
export const PARTY_ROLES = [
  "investor",
  "lead_investor",
  "investee",
  "vendor",
  "customer",
  "issuer",
  "partner",
  /** the company a market figure is about */
  "company",
] as const;
/** Flags a reader must see beside a fact. */
export const FACT_TAGS = [
  /** a risk the source names (an IC page lists them) */
  "risk",
  /** the source's wording allows more than one reading (the note says which) */
  "ambiguous",
  /** an older term that later facts in the library may have replaced (the note says which) */
  "possibly_superseded",
] as const;
/** Whether a valuation is before or after the round's new money, as its source words it. */
export const VALUATION_BASES = ["pre_money", "post_money", "not_stated"] as const;
/** The fact keys that hold a valuation: each records its basis. */
export const VALUATION_FACT_KEYS = ["pre_money", "post_money", "valuation"] as const;
export const FLOW_KINDS = ["investment", "spend_commitment", "compute_purchase"] as const;
/** Units other than currencies; a currency is an ISO code, alone or per hour, month, quarter or year (USD, USD/hour). */
export const OTHER_UNITS = [
  "GW",
  "ratio",
  "multiple",
  "years",
  "count",
  "count/year",
  "text",
] as const;

const CURRENCY_UNIT = /^[A-Z]{3}(\/(hour|month|quarter|year))?$/;
const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SNAKE_KEY = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const DAY = "\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?";
/** A year, month or day (2023, 2023-05, 2023-05-17), or a period between two of them (2025/2026). */
const DATE_OR_PERIOD = new RegExp(`^${DAY}(/${DAY})?$`);

/** A derived value must equal its formula to this relative accuracy (the stored value is a double). */
const DERIVED_TOLERANCE = 1e-9;

const text = () =>
  z
    .string({ error: (issue) => (issue.input === undefined ? "required" : "must be text") })
    .check(z.refine((value: string) => value.trim() !== "", { error: "required" }));

/** Text that must also match a rule. */
const textMatching = (pattern: RegExp, error: string) =>
  text().check(z.refine((value: string) => pattern.test(value), { error }));

const oneOf = (values: readonly string[]) => `must be one of ${values.join(", ")}`;

export const SourceSchema = z.strictObject({
  /** The document's file name. */
  document: text(),
  /** The heading the figure sits under, or the first words of its paragraph, verbatim. */
  section: text(),
  /** The era the document describes ("late 2023", "2026"). */
  as_of: text(),
});

export const RangeSchema = z.strictObject({
  low: z.number({ error: "must be a number" }),
  high: z.number({ error: "must be a number" }),
});

export const FactValueSchema = z.union([z.number(), RangeSchema, z.string()], {
  error: "must be a number, a range {low, high} of numbers, or text",
});

export const UnitSchema = z.string({ error: "required" }).check(
  z.refine(
    (unit: string) => CURRENCY_UNIT.test(unit) || (OTHER_UNITS as readonly string[]).includes(unit),
    {
      error: `must be a currency code (USD, USD/hour, USD/month, USD/quarter, USD/year) or one of ${OTHER_UNITS.join(", ")}`,
    }
  )
);

export const FlowSchema = z.strictObject({
  from: text(),
  to: text(),
  kind: z.enum(FLOW_KINDS, { error: oneOf(FLOW_KINDS) }),
});

export const DerivationSchema = z.strictObject({
  /** Arithmetic over the deal's other facts: `investment - tranche_contingent`. */
  formula: text(),
});

/** "4B", "$4 billion", "1.25bn": the number a writer meant, to suggest it in the message. */
function suffixedAmount(value: string): number | undefined {
  // Trimmed first: a pattern that starts and ends with \s* backtracks quadratically on spaces.
  const match =
    /^\$?\s*(\d+(?:\.\d+)?)\s*(k|thousand|m|mn|million|b|bn|billion|t|tn|trillion)$/i.exec(
      value.trim()
    );
  if (!match) return undefined;
  const scale: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };
  return Number(match[1]) * scale[match[2][0].toLowerCase()];
}

type Path = (string | number)[];
type Report = (path: Path, message: string) => void;
export interface Issue {
  path: Path;
  message: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const records = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.map((item) => (isRecord(item) ? item : {})) : [];

function checkValue(value: unknown, unit: string, derived: boolean, issue: Report): void {
  const at: Path = ["value"];
  if (unit === "text") {
    if (typeof value !== "string") issue(at, "must be text when the unit is text");
    else if (value.trim() === "") issue(at, "required");
  } else if (typeof value === "string") {
    const meant = suffixedAmount(value);
    const hint = meant === undefined ? "" : ` (${value.trim()} is ${meant})`;
    const message = `"${value}" is not a number: write a plain number in ${unit}${hint}, or use the unit text`;
    issue(at, value.trim() === "" ? "required" : message);
  } else if (isRecord(value) && typeof value.low === "number" && typeof value.high === "number") {
    if (value.low > value.high)
      issue([...at, "high"], `high (${value.high}) must be at least low (${value.low})`);
    if (derived) issue(at, "a derived value must be a single number");
  }
}

/**
 * The rules that tie a fact's fields together: the value suits the unit, a derived fact has a
 * formula, any other has a source. Loose, so they also run on a fact with other problems.
 */
function checkFact(fact: unknown, issue: Report): void {
  if (!isRecord(fact)) return;
  const derived = fact.status === "derived";
  if (typeof fact.unit === "string") checkValue(fact.value, fact.unit, derived, issue);
  if (derived && fact.derivation === undefined) {
    issue(["derivation"], "a derived fact needs the formula it is computed with");
  }
  if (
    !derived &&
    fact.derivation !== undefined &&
    FACT_STATUSES.some((status) => status === fact.status)
  ) {
    issue(["status"], "a fact with a derivation must have the status derived");
  }
  const keyBasis = fact.key === "pre_money" || fact.key === "post_money" ? fact.key : undefined;
  if (keyBasis && fact.basis !== undefined && fact.basis !== keyBasis) {
    issue(["basis"], `a ${keyBasis} fact has the basis ${keyBasis}`);
  }
  if (!derived && fact.source === undefined) {
    issue(["source"], "required: the document, section and as_of the figure comes from");
  }
}

const reportTo =
  (ctx: z.core.$RefinementCtx): Report =>
  (path, message) =>
    ctx.addIssue({ code: "custom", path, message });

export const FactSchema = z
  .strictObject({
    /** snake_case, unique within its deal; see docs/sources-format.md for the names templates read. */
    key: textMatching(
      SNAKE_KEY,
      "must be snake_case (lower-case words joined by _), such as tranche_initial"
    ),
    value: FactValueSchema,
    unit: UnitSchema,
    /** The source's own hedge on the figure: "up to", "over", "roughly", "proposed". */
    qualifier: z.optional(text()),
    status: z.enum(FACT_STATUSES, { error: oneOf(FACT_STATUSES) }),
    /** Required unless the fact is derived (then its inputs carry the provenance). */
    source: z.optional(SourceSchema),
    derivation: z.optional(DerivationSchema),
    /** For a valuation: pre- or post-money as the source states it, or not_stated. */
    basis: z.optional(z.enum(VALUATION_BASES, { error: oneOf(VALUATION_BASES) })),
    /** Capital flows this fact evidences; a numeric fact is the flow's amount. */
    flows: z.optional(z.array(FlowSchema)),
    note: z.optional(text()),
    tags: z.optional(z.array(z.enum(FACT_TAGS, { error: oneOf(FACT_TAGS) }))),
  })
  .check(z.superRefine((fact, ctx) => checkFact(fact, reportTo(ctx))));

export const PartySchema = z.strictObject({
  name: text(),
  role: z.enum(PARTY_ROLES, { error: oneOf(PARTY_ROLES) }),
});

const dealFields = {
  /** kebab-case and stable: `amazon-anthropic-2023`. */
  id: textMatching(
    KEBAB_ID,
    "must be kebab-case (lower-case words and digits joined by -), such as amazon-anthropic-2023"
  ),
  title: text(),
  kind: z.optional(z.enum(DEAL_KINDS, { error: oneOf(DEAL_KINDS) })),
  date: textMatching(
    DATE_OR_PERIOD,
    "must be a year, month or day (2023, 2023-05, 2023-05-17) or a period such as 2025/2026"
  ),
  /** A readable label for when the deal sits ("late 2023"). */
  era: z.optional(text()),
  status: z.enum(DEAL_STATUSES, { error: oneOf(DEAL_STATUSES) }),
  /** One entry per role: a party that both invests and sells appears twice. Market figures may have none. */
  parties: z.array(PartySchema),
  facts: z.array(FactSchema).check(z.minLength(1, { error: "needs at least one fact" })),
  note: z.optional(text()),
};

const DealObject = z.strictObject(dealFields);

/**
 * The checks that need the whole deal: unique keys, flows between its parties, derivations that
 * recompute. They read the deal loosely so that they also run, and report, on a deal that has
 * other problems (zod skips refinements once a field has the wrong type).
 */
function crossCheck(deal: unknown, issue: Report): void {
  if (!isRecord(deal)) return;
  const id = typeof deal.id === "string" ? deal.id : "the deal";
  const facts = records(deal.facts);
  const parties = records(deal.parties);
  const byKey = new Map<string, Record<string, unknown>>();
  facts.forEach((fact, i) => {
    if (typeof fact.key !== "string") return;
    if (byKey.has(fact.key)) issue(["facts", i, "key"], `duplicate key ${fact.key} in ${id}`);
    else byKey.set(fact.key, fact);
  });
  const seenParties = new Set<string>();
  parties.forEach((party, i) => {
    const pair = `${String(party.name)}\u0000${String(party.role)}`;
    if (seenParties.has(pair))
      issue(["parties", i], `${String(party.name)} is listed twice as ${String(party.role)}`);
    seenParties.add(pair);
  });
  const names = new Set(parties.map((party) => party.name));
  facts.forEach((fact, i) =>
    records(fact.flows).forEach((flow, j) => {
      for (const end of ["from", "to"] as const) {
        const name = flow[end];
        if (typeof name === "string" && name.trim() !== "" && !names.has(name)) {
          issue(["facts", i, "flows", j, end], `${name} is not a party of ${id}`);
        }
      }
      if (typeof flow.from === "string" && flow.from === flow.to) {
        issue(["facts", i, "flows", j, "to"], "a flow must go between two different parties");
      }
    })
  );
  const inputsOf = new Map<string, string[]>();
  const formulaAt = new Map<string, Path>();
  facts.forEach((fact, i) => {
    const formula = isRecord(fact.derivation) ? fact.derivation.formula : undefined;
    if (typeof formula !== "string" || formula.trim() === "") return;
    const at = ["facts", i, "derivation", "formula"];
    if (typeof fact.key === "string") formulaAt.set(fact.key, at);
    const numberOf = (key: string) => {
      const value = byKey.get(key)?.value;
      return key !== fact.key && typeof value === "number" ? value : undefined;
    };
    try {
      const inputs = formulaInputs(formula);
      if (typeof fact.key === "string") inputsOf.set(fact.key, inputs);
      for (const key of inputs) {
        if (key === fact.key) issue(at, `${key} cannot be derived from itself`);
        else if (!byKey.has(key)) issue(at, `${key} is not a fact of ${id}`);
        else if (numberOf(key) === undefined) issue(at, `${key} is not a single number`);
      }
      if (typeof fact.value !== "number" || inputs.some((key) => numberOf(key) === undefined))
        return;
      const computed = evaluateFormula(formula, (key) => numberOf(key) as number);
      const scale = Math.max(Math.abs(computed), Math.abs(fact.value));
      if (Math.abs(computed - fact.value) > DERIVED_TOLERANCE * scale) {
        issue(
          ["facts", i, "value"],
          `${fact.value} does not match its formula ${formula} = ${computed}`
        );
      }
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      issue(at, `cannot read the formula: ${error.message}`);
    }
  });
  for (const cycle of derivationCycles(inputsOf)) {
    for (const key of cycle.slice(0, -1))
      issue(formulaAt.get(key) as Path, `circular derivation: ${cycle.join(" → ")}`);
  }
}

/**
 * Cycles of two or more facts derived from one another (a = b, b = a), each as its keys with the
 * first repeated at the end. One cycle at least per knot; without recursion, as chains can be long.
 */
function derivationCycles(inputsOf: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, "open" | "done">();
  const cycles: string[][] = [];
  for (const start of inputsOf.keys()) {
    if (state.has(start)) continue;
    const stack: { key: string; next: number }[] = [{ key: start, next: 0 }];
    state.set(start, "open");
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const inputs = inputsOf.get(top.key) ?? [];
      if (top.next === inputs.length) {
        state.set(top.key, "done");
        stack.pop();
        continue;
      }
      const input = inputs[top.next++];
      if (input === top.key) continue; // reported as derived from itself
      if (state.get(input) === "open") {
        const from = stack.findIndex((entry) => entry.key === input);
        cycles.push([...stack.slice(from).map((entry) => entry.key), input]);
      } else if (!state.has(input) && inputsOf.has(input)) {
        state.set(input, "open");
        stack.push({ key: input, next: 0 });
      }
    }
  }
  return cycles;
}

export const DealSchema = DealObject.check(
  z.superRefine((deal, ctx) => crossCheck(deal, reportTo(ctx)))
);

/** A union's own message hides where its best branch failed ({low: "4B"}): report that branch. */
function flatIssues(issues: readonly z.core.$ZodIssue[]): Issue[] {
  return issues.flatMap((issue): Issue[] => {
    const path = issue.path as Path;
    if (issue.code === "unrecognized_keys") {
      // zod says only "Invalid input": name each field, where it is.
      return issue.keys.map((key) => ({ path: [...path, key], message: "unknown field" }));
    }
    if (issue.code === "invalid_union") {
      const deepest = issue.errors.find((branch) => branch.some((inner) => inner.path.length > 0));
      if (deepest)
        return flatIssues(deepest).map((inner) => ({ ...inner, path: [...path, ...inner.path] }));
    }
    return [{ path, message: issue.message }];
  });
}

/** Field issues, then the loose checks' issues that zod skipped (a type error stops its refinements). */
function withLooseChecks(issues: Issue[], looseChecks: (issue: Report) => void): Issue[] {
  const id = (path: Path, message: string) => `${path.join(".")}\u0000${message}`;
  const seen = new Set(issues.map((issue) => id(issue.path, issue.message)));
  looseChecks((path, message) => {
    if (seen.has(id(path, message))) return;
    seen.add(id(path, message));
    issues.push({ path, message });
  });
  return issues;
}

/** Validates one deal and returns every problem at once: field rules and the whole-deal checks. */
export function validateDeal(
  input: unknown
): { deal: Deal; issues: [] } | { deal?: undefined; issues: Issue[] } {
  const parsed = DealSchema.safeParse(input);
  if (parsed.success) return { deal: parsed.data, issues: [] };
  const issues = withLooseChecks(flatIssues(parsed.error.issues), (issue) => {
    if (isRecord(input)) {
      records(input.facts).forEach((fact, i) =>
        checkFact(fact, (path, message) => issue(["facts", i, ...path], message))
      );
    }
    crossCheck(input, issue);
  });
  return { issues };
}

/** A fact on its own (a CSV row that belongs to no deal): its field rules. */
export function validateFact(input: unknown): Issue[] {
  const parsed = FactSchema.safeParse(input);
  return parsed.success
    ? []
    : withLooseChecks(flatIssues(parsed.error.issues), (issue) => checkFact(input, issue));
}

export const LibrarySchema = z.array(DealSchema).check(
  z.superRefine((deals, ctx) => {
    const seen = new Map<string, number>();
    deals.forEach((deal, i) => {
      const first = seen.get(deal.id);
      if (first === undefined) seen.set(deal.id, i);
      else reportTo(ctx)([i, "id"], `duplicate deal id ${deal.id} (also deal ${first + 1})`);
    });
  })
);

/** A template input no document states: kept apart from facts, always shown as an assumption. */
export const AssumptionSchema = z.strictObject({
  key: textMatching(SNAKE_KEY, "must be snake_case"),
  value: z.union([z.number(), z.string()]),
  unit: UnitSchema,
  /** Why this default, in a sentence a reviewer can argue with. */
  rationale: text(),
  /** The DEAL function parameters it feeds ("VENDOR_FINANCE_LOOP.vendor_margin"). */
  parameters: z.array(text()),
});

export type FactStatus = (typeof FACT_STATUSES)[number];
export type DealStatus = (typeof DEAL_STATUSES)[number];
export type PartyRole = (typeof PARTY_ROLES)[number];
export type FlowKind = (typeof FLOW_KINDS)[number];
export type FactTag = (typeof FACT_TAGS)[number];
export type ValuationBasis = (typeof VALUATION_BASES)[number];
export type Source = z.infer<typeof SourceSchema>;
export type Range = z.infer<typeof RangeSchema>;
export type FactValue = z.infer<typeof FactValueSchema>;
export type Flow = z.infer<typeof FlowSchema>;
export type Fact = z.infer<typeof FactSchema>;
export type Party = z.infer<typeof PartySchema>;
export type Deal = z.infer<typeof DealSchema>;
export type DealInput = z.input<typeof DealSchema>;
export type Assumption = z.infer<typeof AssumptionSchema>;

/** Where a deal or fact in the library came from: the built-in data, or a user source's file name. */
export const BUILTIN_ORIGIN = "builtin";

/** A fact as the library serves it: with its origin and, when derived, the keys it is computed from. */
export type LibraryFact = Omit<Fact, "derivation"> & {
  derivation?: { formula: string; inputs: string[] };
  origin: string;
  /** Set when a user source replaced a fact of the same key: the origin of the fact it replaced. */
  replaces?: string;
};

export type LibraryDeal = Omit<Deal, "facts"> & { facts: LibraryFact[]; origins: string[] };

export const isRange = (value: FactValue): value is Range => typeof value === "object";

export function toLibraryFact(fact: Fact, origin: string, replaces?: string): LibraryFact {
  const { derivation, ...rest } = fact;
  return {
    ...rest,
    ...(derivation && {
      derivation: { formula: derivation.formula, inputs: formulaInputs(derivation.formula) },
    }),
    origin,
    ...(replaces !== undefined && { replaces }),
  };
}

/** A library fact back in the schema's shape (for re-validation after a user source changes its deal). */
export function toFact(fact: LibraryFact): Fact {
  const { derivation, origin: _origin, replaces: _replaces, ...rest } = fact;
  return { ...rest, ...(derivation && { derivation: { formula: derivation.formula } }) };
}
