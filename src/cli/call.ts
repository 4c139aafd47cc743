/** `dealloop call FUNCTION ARG… [--json]`: what a cell would show, evaluated in Node. */
import { plainNumber } from "../engine/cells";
import { CellResult, callDealFunction, isCellError } from "../functions/adapter";
import { findFunction, FUNCTION_CATALOG } from "../functions/catalog";
import { formatTable } from "./format";
import { CliIO, UsageError, Verb } from "./verb";

/** An argument as typed on the command line: "" is omitted, a JSON 2-D array is a range. */
export function parseCliArg(text: string): unknown {
  if (text === "") return null;
  if (text.trimStart().startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new UsageError(`range ${text} is not valid JSON (write it as '[[1],[2]]')`);
    }
    if (!Array.isArray(parsed) || !parsed.every(Array.isArray)) {
      throw new UsageError(`range ${text} must be a 2-D array, such as '[[0.3],[0.4]]'`);
    }
    return parsed;
  }
  // A plain decimal is a number; anything else ("0x10", "0b101") is text, which a cell would reject.
  const number = plainNumber(text);
  return number !== undefined && Number.isFinite(number) ? number : text;
}

function readable(result: CellResult): string {
  if (isCellError(result))
    return result.message ? `${result.error} ${result.message}` : result.error;
  if (!Array.isArray(result)) return String(result);
  return formatTable(
    result.map((row) => row.map((cell) => (isCellError(cell) ? cell.error : cell)))
  );
}

export const callVerb: Verb = {
  name: "call",
  summary: "evaluate a DEAL function as a cell would",
  usage:
    "dealloop call FUNCTION [ARG…] [--json]   (\"\" omits an argument; a range is JSON: '[[0.3],[0.4]]')",
  async run(argv: string[], io: CliIO): Promise<number> {
    const json = argv.includes("--json");
    const [name, ...rawArgs] = argv.filter((arg) => arg !== "--json");
    if (!name)
      throw new UsageError("which function? " + FUNCTION_CATALOG.map((fn) => fn.name).join(", "));
    const fn = findFunction(name);
    if (!fn) {
      io.err(
        `unknown function "${name}"; DealLoop's functions: ${FUNCTION_CATALOG.map((f) => f.name).join(", ")}`
      );
      return 1;
    }
    const result = callDealFunction(fn, rawArgs.map(parseCliArg));
    io.out(json ? JSON.stringify(result) : readable(result));
    return 0;
  },
};
