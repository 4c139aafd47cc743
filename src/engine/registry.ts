/** Every DEAL function the engine computes (FACT and FACT_SOURCE read the deal library instead). */
import { CIRCULARITY } from "./circularity";
import { DealFunction } from "./definition";
import { VALUATION_STEP } from "./valuation";

export const DEAL_FUNCTIONS: readonly DealFunction[] = [VALUATION_STEP, CIRCULARITY];
