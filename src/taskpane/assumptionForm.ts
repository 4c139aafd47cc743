/**
 * The assumptions form's logic: which fields a template's plan has (its assumption cells, each
 * with its default and rationale), what the user typed, and whether it is a value the function
 * behind the assumption accepts, in that function's own words (the template's AssumptionSpec
 * points at the parameter whose rule bounds it). Only valid, typed values become overrides.
 */
import { isDealError } from "../engine/errors";
import { AssumptionSpec, checkAssumption, Overrides } from "../templates/datum";
import { SheetPlan } from "../templates/plan";

export interface AssumptionField {
  key: string;
  label: string;
  /** What the plan holds when the field is left empty: the default, or null for a fact the deal lacks. */
  defaultValue: number | string | null;
  rationale: string;
  /** A fact the deal lacks: the user should fill it (until then the sheet shows #N/A). */
  missing: boolean;
  format?: string;
  /** The rule the value must meet; absent when the template gives none (any finite number). */
  spec?: AssumptionSpec;
}

/** The plan's assumption cells, first appearance of each key, in sheet order. */
export function assumptionFields(
  plan: SheetPlan,
  specs: readonly AssumptionSpec[]
): AssumptionField[] {
  const fields = new Map<string, AssumptionField>();
  for (const sheet of plan.sheets) {
    for (const row of sheet.rows) {
      for (const cell of row) {
        if (cell?.kind !== "assumption" || fields.has(cell.key)) continue;
        const spec = specs.find((candidate) => candidate.key === cell.key);
        fields.set(cell.key, {
          key: cell.key,
          label: cell.label,
          defaultValue: cell.value,
          rationale: cell.rationale,
          missing: cell.missing,
          ...(cell.format !== undefined && { format: cell.format }),
          ...(spec && { spec }),
        });
      }
    }
  }
  return [...fields.values()];
}

/** A text assumption (a basis, a choice) is shown, not edited: overrides are numbers. */
export const isEditable = (field: AssumptionField): boolean =>
  typeof field.defaultValue !== "string";

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A typed number: plain ("0.3", "4e9", "-1") or a percentage ("30%" is 0.3). Anything else
 * (thousands separators, "4B", a decimal comma) is refused rather than guessed.
 */
export function parseNumberText(text: string): number | undefined {
  const trimmed = text.trim();
  const percent = trimmed.endsWith("%");
  const digits = percent ? trimmed.slice(0, -1).trim() : trimmed;
  if (!NUMBER.test(digits)) return undefined;
  const value = Number(digits);
  return percent ? value / 100 : value;
}

export type FieldCheck =
  /** Left empty: the plan keeps its default (or the flagged missing value). */
  { state: "default" } | { state: "value"; value: number } | { state: "error"; message: string };

export function checkField(field: AssumptionField, text: string): FieldCheck {
  if (text.trim() === "") return { state: "default" };
  const value = parseNumberText(text);
  if (value === undefined || !Number.isFinite(value)) {
    return {
      state: "error",
      message: `"${text.trim()}" is not a number: type a plain number such as 0.25, or 25%`,
    };
  }
  if (!field.spec) return { state: "value", value };
  try {
    return { state: "value", value: checkAssumption(field.spec, value) };
  } catch (error) {
    if (isDealError(error)) return { state: "error", message: error.message };
    throw error;
  }
}

export interface FormResult {
  overrides: Overrides;
  /** Messages by key, for the fields whose text is not a valid value. */
  errors: Readonly<Record<string, string>>;
}

/** The overrides the typed texts make, and a message for each field that is wrong. */
export function readForm(
  fields: readonly AssumptionField[],
  texts: Readonly<Record<string, string>>
): FormResult {
  const overrides: Record<string, number> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    if (!isEditable(field)) continue;
    const check = checkField(field, texts[field.key] ?? "");
    if (check.state === "value") overrides[field.key] = check.value;
    else if (check.state === "error") errors[field.key] = check.message;
  }
  return { overrides, errors };
}
