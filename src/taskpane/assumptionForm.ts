/**
 * The assumptions form's logic: which fields a template's plan has (its assumption cells, each
 * with its default and rationale), what the user typed, and whether it is a value the function
 * behind the assumption accepts, in that function's own words (the template's AssumptionSpec
 * points at the parameter whose rule bounds it). Only valid, typed values become overrides.
 */
import { isDealError } from "../engine/errors";
import { AssumptionSpec, checkAssumption, domainOf, Overrides } from "../templates/datum";
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
  /** The cell's dropdown: the only values it takes (a switch's words, or None and the schedule's years). */
  choices?: readonly string[];
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
          ...(cell.validation && { choices: cell.validation.list }),
        });
      }
    }
  }
  return [...fields.values()];
}

const isNumberText = (text: string) => text.trim() !== "" && Number.isFinite(Number(text));

/**
 * A number assumption whose dropdown also offers a word for its default (the failure year: None,
 * or a year of the schedule): typed as a number, or left empty for the word.
 */
const isNumberChoice = (field: AssumptionField): boolean =>
  field.choices !== undefined &&
  field.spec !== undefined &&
  domainOf(field.spec).kind === "number" &&
  field.choices.some(isNumberText);

/** A text assumption (a basis, a switch) is shown, not edited: overrides are numbers. */
export const isEditable = (field: AssumptionField): boolean =>
  typeof field.defaultValue !== "string" || isNumberChoice(field);

/** A dropdown's choices in words: "None or a year from 2026 to 2036" (a run of whole numbers as a span). */
export function choicesText(field: AssumptionField): string {
  const choices = field.choices ?? [];
  const words = choices.filter((c) => !isNumberText(c));
  const numbers = choices.filter(isNumberText).map(Number);
  const run =
    numbers.length > 2 &&
    numbers.every((n, i) => Number.isInteger(n) && (i === 0 || n === numbers[i - 1] + 1));
  const name = field.spec ? domainOf(field.spec).name : "value";
  const spans = run
    ? [`a ${name} from ${numbers[0]} to ${numbers[numbers.length - 1]}`]
    : numbers.map(String);
  return [...words, ...spans].join(" or ");
}

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
  const typed = text.trim();
  if (typed === "") return { state: "default" };
  const choice = isNumberChoice(field);
  // The default's word (None) typed out is the default too.
  if (choice && typed.toLowerCase() === String(field.defaultValue).toLowerCase())
    return { state: "default" };
  const value = parseNumberText(text);
  if (value === undefined || !Number.isFinite(value)) {
    return {
      state: "error",
      message: choice
        ? `"${typed}" is not one of the choices: ${choicesText(field)}`
        : `"${typed}" is not a number: type a plain number such as 0.25, or 25%`,
    };
  }
  if (choice && !field.choices?.some((c) => isNumberText(c) && Number(c) === value))
    return {
      state: "error",
      message: `${field.key} must be ${choicesText(field)} (got ${value})`,
    };
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
