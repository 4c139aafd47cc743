/**
 * Validation of coerced arguments against a function's parameter table. The messages name the
 * parameter and the rule, and are the same wherever a value is checked (a cell, the CLI, a
 * template's assumption form).
 */
import { ArgValue, Args, DealFunction, NumberRule, ParamSpec } from "./definition";
import { invalidValue, notAvailable } from "./errors";
import { Dec, decFromDouble, decToNumber } from "./numeric";

/** "must be between 0 and 1", "must be greater than -1", "must be at least 0". */
export function describeRule(rule: NumberRule): string {
  const { min, max, greaterThan } = rule;
  const kind = rule.integer ? "a whole number " : "";
  if (min !== undefined && max !== undefined) return `must be ${kind}between ${min} and ${max}`;
  const parts: string[] = [];
  if (min !== undefined) parts.push(`at least ${min}`);
  if (greaterThan !== undefined) parts.push(`greater than ${greaterThan}`);
  if (max !== undefined) parts.push(`at most ${max}`);
  if (rule.lessThan !== undefined) parts.push(`less than ${rule.lessThan}`);
  return `must be ${kind}${parts.join(" and ")}`;
}

/** Each bound as a Dec, made once: comparing with a plain number builds a Dec on every call. */
const BOUNDS = new Map<number, Dec>();
function bound(limit: number): Dec {
  let value = BOUNDS.get(limit);
  if (!value) BOUNDS.set(limit, (value = decFromDouble(limit)));
  return value;
}

/**
 * The sign of value − limit. Rounding to the nearest double keeps order, and the bound's Dec
 * rounds to the limit itself, so where the value's nearest double differs from the limit it
 * decides (a few nanoseconds against a decimal comparison's 0.2 µs); a tie is settled in decimal.
 */
function compare(value: Dec, nearest: number, limit: number): number {
  if (nearest !== limit) return nearest < limit ? -1 : 1;
  return value.comparedTo(bound(limit));
}

export function satisfies(value: Dec, rule: NumberRule): boolean {
  // min 0, the commonest rule (every amount), by the sign alone; −0 is not below 0
  if (rule.min === 0 && value.isNegative() && !value.isZero()) return false;
  const { greaterThan, max, lessThan } = rule;
  const min = rule.min === 0 ? undefined : rule.min;
  // no list here: this runs for every item of a schedule
  if (
    min !== undefined ||
    greaterThan !== undefined ||
    max !== undefined ||
    lessThan !== undefined
  ) {
    const nearest = decToNumber(value);
    if (min !== undefined && compare(value, nearest, min) < 0) return false;
    if (greaterThan !== undefined && compare(value, nearest, greaterThan) <= 0) return false;
    if (max !== undefined && compare(value, nearest, max) > 0) return false;
    if (lessThan !== undefined && compare(value, nearest, lessThan) >= 0) return false;
  }
  return !rule.integer || value.isInteger();
}

/** Checks one number against a parameter's rule, raising #VALUE! with the rule's wording. */
export function checkNumber(param: ParamSpec, value: Dec, label = param.name): Dec {
  if (param.rule && !satisfies(value, param.rule)) {
    throw invalidValue(`${label} ${describeRule(param.rule)} (got ${value.toString()})`);
  }
  return value;
}

function defaulted(param: ParamSpec): ArgValue {
  const value = param.defaultValue;
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  const number = decFromDouble(value);
  return param.kind === "numberList" ? [number] : number;
}

function validateArg(param: ParamSpec, value: ArgValue): ArgValue {
  if (value === undefined) {
    if (!param.optional) throw invalidValue(`${param.name} is required`);
    return defaulted(param);
  }
  switch (param.kind) {
    case "number":
      return checkNumber(param, value as Dec);
    case "numberList": {
      const list = value as Dec[];
      if (list.length === 0) throw invalidValue(`${param.name} needs at least one number`);
      // the label is built only for the message: a long schedule would pay for one per period
      const { rule } = param;
      list.forEach((item, i) => {
        if (rule && !satisfies(item, rule))
          checkNumber(param, item, list.length > 1 ? `${param.name} item ${i + 1}` : param.name);
      });
      return list;
    }
    case "choice": {
      const text = (value as string).trim().toLowerCase();
      const choice = param.choices?.find((c) => c.toLowerCase() === text);
      if (!choice)
        throw invalidValue(
          `${param.name} must be one of ${param.choices?.map((c) => `"${c}"`).join(", ")}`
        );
      return choice;
    }
    default:
      return value;
  }
}

/** Applies defaults and domain rules to every argument; the first violation raises #VALUE!. */
export function validateArgs(fn: DealFunction, raw: Args): Args {
  const args: Record<string, ArgValue> = {};
  for (const param of fn.params) args[param.name] = validateArg(param, raw[param.name]);
  return args;
}

/** An optional argument a field cannot do without: #N/A naming the argument. */
export function needs<T>(value: T | undefined, field: string, argument: string): T {
  if (value === undefined) throw notAvailable(`${field} needs ${argument}`);
  return value;
}

/** A condition a field needs (I > 0 for a ratio over I): #N/A saying which. */
export function needsThat(condition: boolean, field: string, requirement: string): void {
  if (!condition) throw notAvailable(`${field} needs ${requirement}`);
}
