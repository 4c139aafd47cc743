/** Every DEAL function the engine computes, by the id Excel stores. */
import { DealFunction } from "./definition";
import { VALUATION_STEP } from "./valuation";

export const DEAL_FUNCTIONS: readonly DealFunction[] = [VALUATION_STEP];

export function findDealFunction(name: string): DealFunction | undefined {
  const wanted = name.trim().toUpperCase().replace(/^DEAL\./, "");
  return DEAL_FUNCTIONS.find((fn) => fn.name === wanted);
}
