/** `dealloop call FUNCTION ARG… [--json]`: what a cell would show, evaluated in Node. */
import { plainNumber } from "../engine/cells";
import { CellResult, callDealFunction, isCellError } from "../functions/adapter";
import { nearest } from "../data/library";
import { findFunction, FUNCTION_CATALOG } from "../functions/catalog";
import { formatTable } from "./format";
import { functionHelp, signature } from "./functionHelp";
import { CliIO, UsageError, Verb } from "./verb";

const NAMES = FUNCTION_CATALOG.map((fn) => fn.name);

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
  options: [
    { flag: "FUNCTION", help: `one of ${NAMES.join(", ")}` },
    { flag: "ARG…", help: "the arguments in the function's order, then the output field" },
    { flag: "--json", help: 'print the result as JSON (an Excel error is {"error","message"})' },
  ],
  examples: [
    "dealloop call TRANCHE_VALUE --help",
    "dealloop call TRANCHE_VALUE 35e9 0.5 3 0.1 --json",
    "dealloop call TRANCHE_VALUE 35e9 '[[0.3],[0.4]]' 3 0.1 all",
  ],
  helpOn(name: string): string | undefined {
    const fn = findFunction(name);
    return fn && functionHelp(fn, parseCliArg);
  },
  async run(argv: string[], io: CliIO): Promise<number> {
    const json = argv.includes("--json");
    const [name, ...rawArgs] = argv.filter((arg) => arg !== "--json");
    if (!name) throw new UsageError(`which function? ${NAMES.join(", ")}`);
    const fn = findFunction(name);
    if (!fn) {
      const near = nearest(
        name,
        NAMES.map((n) => n.toLowerCase())
      );
      io.err(`unknown function "${name}"; nearest: ${near.join(", ").toUpperCase()}`);
      return 1;
    }
    const result = callDealFunction(fn, rawArgs.map(parseCliArg));
    io.out(json ? JSON.stringify(result) : readable(result));
    // A missing or wrong argument: the cell's error above, and how the function is called.
    if (isCellError(result) && result.error === "#VALUE!")
      io.err(`usage: ${signature(fn)}   (dealloop call ${fn.name} --help for each argument)`);
    return 0;
  },
};
