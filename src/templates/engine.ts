/**
 * The engine's value for a template's output, computed by the same pure functions and parameter
 * tables the custom functions use (validation included), for the values the oracle compares
 * with LibreOffice's recalculation.
 */
import { Args, ArgValue, DealFunction, FieldValue, ParamSpec } from "../engine/definition";
import { ExcelErrorCode, isDealError } from "../engine/errors";
import { Dec } from "../engine/numeric";
import { DEAL_FUNCTIONS } from "../engine/registry";
import { validateArgs } from "../engine/validate";

/** A DEAL function's table by name, from the engine's registry. */
export function engineFunction(name: string): DealFunction {
  const fn = DEAL_FUNCTIONS.find((f) => f.name === name);
  if (!fn) throw new Error(`the engine has no function ${name}`);
  return fn;
}

/** An argument as a template holds it: doubles, as a cell would pass them. */
export type EngineArg =
  number | readonly number[] | string | readonly (readonly unknown[])[] | undefined;

export type EngineResult = { value: FieldValue } | { error: ExcelErrorCode; message: string };

function failure(error: unknown): EngineResult {
  if (isDealError(error)) return { error: error.code, message: error.message };
  throw error;
}

/** A number a template could not determine (a missing input: NaN) counts as not given. */
function toArg(param: ParamSpec, arg: EngineArg): ArgValue {
  const list = typeof arg === "number" && param.kind === "numberList" ? [arg] : arg;
  if (typeof list === "number") return Number.isFinite(list) ? new Dec(list) : undefined;
  if (Array.isArray(list) && list.every((item) => typeof item === "number")) {
    return list.every(Number.isFinite) ? list.map((n) => new Dec(n as number)) : undefined;
  }
  return list as ArgValue;
}

/** Evaluates the function once; the returned function reads any of its fields (the headline included). */
export function runEngine(
  name: string,
  args: Readonly<Record<string, EngineArg>>
): (field: string) => EngineResult {
  const fn = engineFunction(name);
  let outputs: ReturnType<DealFunction["evaluate"]>;
  try {
    const coerced: Record<string, ArgValue> = {};
    for (const param of fn.params) coerced[param.name] = toArg(param, args[param.name]);
    outputs = fn.evaluate(validateArgs(fn, coerced as Args));
  } catch (error) {
    const result = failure(error);
    return () => result;
  }
  return (field) => {
    const read = outputs[field];
    if (!read) throw new Error(`${fn.name} has no field "${field}"`);
    try {
      return { value: read() };
    } catch (error) {
      return failure(error);
    }
  };
}

/** The engine's number, if it gave one. */
export function engineNumber(result: EngineResult): number | undefined {
  return "value" in result && typeof result.value === "number" ? result.value : undefined;
}
