/** Every function in the DEAL namespace, as the adapter, the CLI and the docs see them. */
import { FACT_FUNCTIONS } from "../data/factFunctions";
import { DealFunction } from "../engine/definition";
import { DEAL_FUNCTIONS } from "../engine/registry";

export const FUNCTION_CATALOG: readonly DealFunction[] = [...DEAL_FUNCTIONS, ...FACT_FUNCTIONS];

export function findFunction(name: string): DealFunction | undefined {
  const wanted = name
    .trim()
    .toUpperCase()
    .replace(/^DEAL\./, "");
  return FUNCTION_CATALOG.find((fn) => fn.name === wanted);
}
