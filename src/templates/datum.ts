/**
 * What a template reads from a deal: each figure is either a sourced fact (with provenance) or an
 * assumption (with its rationale), and a figure the deal lacks is an assumption with no value,
 * flagged for the user to fill: never a silent zero.
 */
import { ParamSpec } from "../engine/definition";
import { Dec } from "../engine/numeric";
import { invalidValue } from "../engine/errors";
import { checkNumber } from "../engine/validate";
import { assumptionCell, inputCell } from "./builder";
import { engineFunction } from "./engine";
import { AssumptionCell, InputCell, Provenance } from "./plan";

export interface Fact {
  kind: "fact";
  label: string;
  value: number | string;
  source: Provenance;
}

export interface Assumed {
  kind: "assumption";
  key: string;
  label: string;
  /** null: missing, to be filled. */
  value: number | string | null;
  rationale: string;
  /** A switch's choices: the cell becomes a dropdown of these. */
  choices?: readonly string[];
}

export type Datum = Fact | Assumed;

/** Values given with `--assume key=value` (or the taskpane's form), already validated. */
export type Overrides = Readonly<Record<string, number>>;

/** A template's assumption: its key, and the parameter whose rule bounds it. */
export interface AssumptionSpec {
  key: string;
  label: string;
  description: string;
  /** The rule: a DEAL function's parameter (so the message is the function's own), or a local one. */
  domain: { fn: string; param: string } | ParamSpec;
  /** A year index or a count: whole numbers only. */
  whole?: boolean;
}

export function domainOf(spec: AssumptionSpec): ParamSpec {
  if (!("fn" in spec.domain)) return spec.domain;
  const { fn, param } = spec.domain;
  const found = engineFunction(fn).params.find((p) => p.name === param);
  if (!found) throw new Error(`${fn} has no parameter ${param}`);
  return found;
}

/** Checks an override against its rule; throws the function's own #VALUE! message. */
export function checkAssumption(spec: AssumptionSpec, value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`${spec.key} must be a finite number`);
  const param = domainOf(spec);
  checkNumber(param, new Dec(value), param.name);
  if (spec.whole && !Number.isInteger(value))
    throw invalidValue(`${spec.key} must be a whole number (got ${value})`);
  return value;
}

export function fact(label: string, value: number | string, source: Provenance): Fact {
  return { kind: "fact", label, value, source };
}

/** An assumption at its default, unless overridden (an override is checked against the spec's rule). */
export function assumed(
  spec: AssumptionSpec,
  value: number | string,
  rationale: string,
  overrides: Overrides = {}
): Assumed {
  const override = overrides[spec.key];
  if (override === undefined)
    return { kind: "assumption", key: spec.key, label: spec.label, value, rationale };
  return {
    kind: "assumption",
    key: spec.key,
    label: spec.label,
    value: checkAssumption(spec, override),
    rationale: `set by the user (the template's default was ${value}: ${rationale})`,
  };
}

/**
 * A fact the deal lacks: a flagged assumption with no value, unless the user gave one with
 * `--assume` (then it is an assumption with that value, checked against the spec's rule).
 */
export function missingFact(
  spec: AssumptionSpec,
  what: string,
  overrides: Overrides = {}
): Assumed {
  const { key, label } = spec;
  const override = overrides[key];
  if (override !== undefined) {
    const value = checkAssumption(spec, override);
    return {
      kind: "assumption",
      key,
      label,
      value,
      rationale: `set by the user: the deal states no ${what}.`,
    };
  }
  return { kind: "assumption", key, label, value: null, rationale: `The deal states no ${what}.` };
}

/** A fact when the deal has it, else a flagged missing value. */
export function factOrMissing(
  found: Fact | undefined,
  spec: AssumptionSpec,
  what: string,
  overrides: Overrides = {}
): Datum {
  return found ?? missingFact(spec, what, overrides);
}

export function datumCell(datum: Datum, format?: string): InputCell | AssumptionCell {
  return datum.kind === "fact"
    ? inputCell(datum.label, datum.value, datum.source, format)
    : assumptionCell(datum.key, datum.label, datum.value, datum.rationale, format, datum.choices);
}

/** The number a datum holds, for the engine; undefined when missing or text. */
export function numberOf(datum: Datum | undefined): number | undefined {
  return datum && typeof datum.value === "number" ? datum.value : undefined;
}
