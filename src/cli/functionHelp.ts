/**
 * `dealloop call FUNCTION --help`: a DEAL function's signature, each argument's help (the text
 * Excel shows) and rule (its parameter table), its fields, and an example evaluated as it prints.
 */
import { DealFunction, ParamSpec } from "../engine/definition";
import { describeRule } from "../engine/validate";
import { callDealFunction } from "../functions/adapter";
import { helpOf } from "../functions/help";

/** One example per function, as typed after `dealloop call NAME`. */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  VALUATION_STEP: ["4.1e9", "450e6", "", "", "all"],
  TRANCHE_VALUE: ["35e9", "0.5", "3", "0.1"],
  TRANCHE_HAZARD_VALUE: ["35e9", "0.2", "3", "0.1", "on_trigger", "all"],
  TRANCHE_OPTION_VALUE: ["2.75e9", "18e9", "25e9", "0.6", "2", "0.04"],
  VENDOR_FINANCE_LOOP: ["13e9", "100e9", "0.35", "10", "0.1", "", "net_present_cost"],
  VENDOR_LOOP_SCHEDULE: ["[[4e9],[0],[0]]", "[[1e9],[2e9],[3e9]]", "0.3", "0.1", "all"],
  LOOK_THROUGH: [
    "[[5e9],[0],[0],[0]]",
    "[[0],[10e9],[10e9],[10e9]]",
    "0.3",
    "0.21",
    "",
    "2e9",
    "0.1",
    "",
    "",
    "irr",
  ],
  CIRCULARITY: ['[["Nvidia","OpenAI",100],["OpenAI","Nvidia",60]]', "all"],
  CAPPED_RETURN: ["13e9", "0.49", "100", "50e9", "all"],
  FACT: ["amazon-anthropic-2026", "investment_cumulative"],
  FACT_SOURCE: ["amazon-anthropic-2026", "investment_cumulative"],
};

/** The argument names as Excel's formula bar shows them: optional ones in brackets. */
export function signature(fn: DealFunction): string {
  const names = fn.params.map((p) => (p.optional ? `[${p.name}]` : p.name));
  if (fn.fields.length > 0) names.push("[output]");
  return `DEAL.${fn.name}(${names.join(", ")})`;
}

const shapes: Record<ParamSpec["kind"], string> = {
  number: "a number",
  numberList: "a number, or a row or column of numbers such as '[[0.3],[0.4]]'",
  choice: "text",
  text: "text",
  table: 'a range, written as rows such as \'[["A","B",100]]\'',
};

function ruleOf(param: ParamSpec): string {
  const parts = [shapes[param.kind]];
  if (param.rule) parts.push(describeRule(param.rule));
  if (param.choices) parts.push(`one of ${param.choices.join(", ")}`);
  if (param.defaultValue !== undefined) parts.push(`default ${param.defaultValue}`);
  else if (param.optional) parts.push("may be omitted");
  return parts.join("; ");
}

/** An argument as the shell needs it: quoted when empty or holding anything but plain characters. */
const shellWord = (arg: string) => (/^[\w.+-]+$/.test(arg) ? arg : `'${arg}'`);

export function functionHelp(fn: DealFunction, parse: (text: string) => unknown): string {
  const help = helpOf(fn.name);
  const describe = (name: string) =>
    help?.parameters.find((p) => p.name === name)?.description ?? "";
  const rows: [string, string, string][] = fn.params.map((p) => [
    p.optional ? `${p.name} (optional)` : p.name,
    describe(p.name),
    ruleOf(p),
  ]);
  if (fn.fields.length > 0)
    rows.push([
      "output (optional)",
      describe("output"),
      `text: a field below or all; default ${fn.headline}`,
    ]);
  const width = Math.max(...rows.map(([name]) => name.length));
  const indent = " ".repeat(width + 4);
  const example = EXAMPLES[fn.name] ?? [];
  return [
    signature(fn),
    help?.description ?? "",
    "",
    "arguments:",
    ...rows.flatMap(([name, text, rule]) => [
      `  ${name.padEnd(width)}  ${text}`,
      `${indent}rule: ${rule}`,
    ]),
    ...(fn.fields.length > 0
      ? [
          "",
          `fields: ${fn.fields.map((f) => (f === fn.headline ? `${f} (default)` : f)).join(", ")}`,
        ]
      : []),
    "",
    "example:",
    `  dealloop call ${fn.name} ${example.map(shellWord).join(" ")} --json`,
    `  ${JSON.stringify(callDealFunction(fn, example.map(parse)))}`,
  ].join("\n");
}
