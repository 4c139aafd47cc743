/**
 * The help Excel shows for each DEAL function (its JSDoc in functions.ts, as custom-functions-metadata
 * reads it), kept as data so the command line can show it without a TypeScript compiler.
 * `npm run docs` regenerates the file; test/functions/metadata.test.ts fails when it is stale.
 */
import HELP from "./functionHelp.json";

export const FUNCTION_HELP_FILE = "src/functions/functionHelp.json";

export interface FunctionHelp {
  name: string;
  description: string;
  parameters: { name: string; description: string }[];
}

export const FUNCTION_HELP: readonly FunctionHelp[] = HELP;

export function helpOf(name: string): FunctionHelp | undefined {
  return FUNCTION_HELP.find((entry) => entry.name === name);
}
