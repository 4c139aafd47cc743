/**
 * The deal library's schema: the one definition of a deal, its facts and their provenance. The
 * TypeScript types come from it (z.infer), and the built-in data, a user's JSON and a user's CSV
 * are all checked by it, so each rule lives here and nowhere else.
 *
 * Numbers are in base units (USD, not USD billions: 4e9), ratios are fractions (0.49 is 49%), and
 * a number written as text ("4B") is refused: a template must be able to compute with every value.
 */
import { z } from "zod";
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
export const DEAL_KINDS = ["investment", "round", "commercial", "capital_markets", "company", "market"] as const;
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
export const FLOW_KINDS = ["investment", "spend_commitment", "compute_purchase"] as const;
/** Units other than currencies; a currency is an ISO code, alone or per hour, month or year (USD, USD/hour). */
export const OTHER_UNITS = ["GW", "ratio", "multiple", "years", "count", "count/year", "text"] as const;

const CURRENCY_UNIT = /^[A-Z]{3}(\/(hour|month|year))?$/;
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
    .refine((value) => value.trim() !== "", { error: "required" });

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

export const UnitSchema = z
  .string({ error: "required" })
  .refine((unit) => CURRENCY_UNIT.test(unit) || (OTHER_UNITS as readonly string[]).includes(unit), {
    error: `must be a currency code (USD, USD/hour, USD/month, USD/year) or one of ${OTHER_UNITS.join(", ")}`,
  });

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
  const match = /^\s*\$?\s*(\d+(?:\.\d+)?)\s*(k|thousand|m|mn|million|b|bn|billion|t|tn|trillion)\s*$/i.exec(value);
  if (!match) return undefined;
  const scale: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };
  return Number(match[1]) * scale[match[2][0].toLowerCase()];
}

function checkValue(fact: { value: FactValue; unit: string; status: string }, ctx: z.RefinementCtx): void {
  const { value, unit } = fact;
  const issue = (message: string, path: (string | number)[] = ["value"]) =>
    ctx.addIssue({ code: "custom", message, path });
  if (unit === "text") {
    if (typeof value !== "string") issue("must be text when the unit is text");
    else if (value.trim() === "") issue("required");
    return;
  }
  if (typeof value === "string") {
    if (value.trim() === "") return issue("required");
    const meant = suffixedAmount(value);
    const hint = meant === undefined ? "" : ` (${value.trim()} is ${meant})`;
    issue(`"${value}" is not a number: write a plain number in ${unit}${hint}, or use the unit text`);
    return;
  }
  if (typeof value === "number") return;
  if (value.low > value.high) issue(`high (${value.high}) must be at least low (${value.low})`, ["value", "high"]);
  if (fact.status === "derived") issue("a derived value must be a single number");
}

export const FactSchema = z
  .strictObject({
    /** snake_case, unique within its deal; see docs/sources-format.md for the names templates read. */
    key: text().refine((key) => SNAKE_KEY.test(key), {
      error: "must be snake_case (lower-case words joined by _), such as tranche_initial",
    }),
    value: FactValueSchema,
    unit: UnitSchema,
    /** The source's own hedge on the figure: "up to", "over", "roughly", "proposed". */
    qualifier: text().optional(),
    status: z.enum(FACT_STATUSES, { error: oneOf(FACT_STATUSES) }),
    /** Required unless the fact is derived (then its inputs carry the provenance). */
    source: SourceSchema.optional(),
    derivation: DerivationSchema.optional(),
    /** Capital flows this fact evidences; a numeric fact is the flow's amount. */
    flows: z.array(FlowSchema).optional(),
    note: text().optional(),
  })
  .superRefine((fact, ctx) => {
    checkValue(fact, ctx);
    const derived = fact.status === "derived";
    if (derived && !fact.derivation) {
      ctx.addIssue({
        code: "custom",
        path: ["derivation"],
        message: "a derived fact needs the formula it is computed with",
      });
    }
    if (!derived && fact.derivation) {
      ctx.addIssue({
        code: "custom",
        path: ["status"],
        message: "a fact with a derivation must have the status derived",
      });
    }
    if (!derived && !fact.source) {
      ctx.addIssue({
        code: "custom",
        path: ["source"],
        message: "required: the document, section and as_of the figure comes from",
      });
    }
  });

export const PartySchema = z.strictObject({
  name: text(),
  role: z.enum(PARTY_ROLES, { error: oneOf(PARTY_ROLES) }),
});

const dealFields = {
  /** kebab-case and stable: `amazon-anthropic-2023`. */
  id: text().refine((id) => KEBAB_ID.test(id), {
    error: "must be kebab-case (lower-case words and digits joined by -), such as amazon-anthropic-2023",
  }),
  title: text(),
  kind: z.enum(DEAL_KINDS, { error: oneOf(DEAL_KINDS) }).optional(),
  date: text().refine((date) => DATE_OR_PERIOD.test(date), {
    error: "must be a year, month or day (2023, 2023-05, 2023-05-17) or a period such as 2025/2026",
  }),
  /** A readable label for when the deal sits ("late 2023"). */
  era: text().optional(),
  status: z.enum(DEAL_STATUSES, { error: oneOf(DEAL_STATUSES) }),
  /** One entry per role: a party that both invests and sells appears twice. Market figures may have none. */
  parties: z.array(PartySchema),
  facts: z.array(FactSchema).min(1, { error: "needs at least one fact" }),
  note: text().optional(),
};

const DealObject = z.strictObject(dealFields);

const isNumber = (value: FactValue): value is number => typeof value === "number";

/** The checks that need the whole deal: unique keys, flows between its parties, derivations that recompute. */
function checkDeal(deal: z.infer<typeof DealObject>, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const byKey = new Map<string, Fact>();
  deal.facts.forEach((fact, i) => {
    if (byKey.has(fact.key)) issue(["facts", i, "key"], `duplicate key ${fact.key} in deal ${deal.id}`);
    else byKey.set(fact.key, fact);
  });
  const seenParties = new Set<string>();
  deal.parties.forEach((party, i) => {
    const id = `${party.name}\u0000${party.role}`;
    if (seenParties.has(id)) issue(["parties", i], `${party.name} is listed twice as ${party.role}`);
    seenParties.add(id);
  });
  const names = new Set(deal.parties.map((party) => party.name));
  deal.facts.forEach((fact, i) =>
    fact.flows?.forEach((flow, j) => {
      for (const end of ["from", "to"] as const) {
        if (!names.has(flow[end])) issue(["facts", i, "flows", j, end], `${flow[end]} is not a party of ${deal.id}`);
      }
      if (flow.from === flow.to) issue(["facts", i, "flows", j, "to"], "a flow must go between two different parties");
    })
  );
  deal.facts.forEach((fact, i) => {
    if (!fact.derivation || !isNumber(fact.value)) return;
    const formula = fact.derivation.formula;
    const at = ["facts", i, "derivation", "formula"];
    try {
      for (const key of formulaInputs(formula)) {
        const input = byKey.get(key);
        if (key === fact.key) issue(at, `${key} cannot be derived from itself`);
        else if (!input) issue(at, `${key} is not a fact of ${deal.id}`);
        else if (!isNumber(input.value)) issue(at, `${key} is not a single number`);
      }
      const computed = evaluateFormula(formula, (key) => {
        const input = byKey.get(key)?.value;
        if (input === undefined || !isNumber(input) || key === fact.key) throw new FormulaError("");
        return input;
      });
      if (Math.abs(computed - fact.value) > DERIVED_TOLERANCE * Math.max(Math.abs(computed), Math.abs(fact.value))) {
        issue(["facts", i, "value"], `${fact.value} does not match its formula ${formula} = ${computed}`);
      }
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      if (error.message) issue(at, `cannot read the formula: ${error.message}`);
    }
  });
}

export const DealSchema = DealObject.superRefine(checkDeal);

/** A user's deal that extends or overrides an existing one: only the id is required; facts replace by key. */
export const DealPatchSchema = DealObject.partial({
  title: true,
  kind: true,
  date: true,
  era: true,
  status: true,
  parties: true,
  facts: true,
  note: true,
});

export const LibrarySchema = z.array(DealSchema).superRefine((deals, ctx) => {
  const seen = new Map<string, number>();
  deals.forEach((deal, i) => {
    const first = seen.get(deal.id);
    if (first !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: [i, "id"],
        message: `duplicate deal id ${deal.id} (also deal ${first + 1})`,
      });
    } else seen.set(deal.id, i);
  });
});

/** A template input no document states: kept apart from facts, always shown as an assumption. */
export const AssumptionSchema = z.strictObject({
  key: text().refine((key) => SNAKE_KEY.test(key), { error: "must be snake_case" }),
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
export type Source = z.infer<typeof SourceSchema>;
export type Range = z.infer<typeof RangeSchema>;
export type FactValue = z.infer<typeof FactValueSchema>;
export type Flow = z.infer<typeof FlowSchema>;
export type Fact = z.infer<typeof FactSchema>;
export type Party = z.infer<typeof PartySchema>;
export type Deal = z.infer<typeof DealSchema>;
export type DealInput = z.input<typeof DealSchema>;
export type DealPatch = z.infer<typeof DealPatchSchema>;
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
    ...(derivation && { derivation: { formula: derivation.formula, inputs: formulaInputs(derivation.formula) } }),
    origin,
    ...(replaces !== undefined && { replaces }),
  };
}

/** A library fact back in the schema's shape (for re-validation after a user source changes its deal). */
export function toFact(fact: LibraryFact): Fact {
  const { derivation, origin: _origin, replaces: _replaces, ...rest } = fact;
  return { ...rest, ...(derivation && { derivation: { formula: derivation.formula } }) };
}
