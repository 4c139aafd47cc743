/** Every DEAL function the engine computes (FACT and FACT_SOURCE read the deal library instead). */
import { CAPPED_RETURN } from "./cappedReturn";
import { CIRCULARITY } from "./circularity";
import { DealFunction } from "./definition";
import { VENDOR_LOOP_SCHEDULE } from "./schedule";
import { VALUATION_STEP } from "./valuation";
import { VENDOR_FINANCE_LOOP } from "./vendorLoop";

export const DEAL_FUNCTIONS: readonly DealFunction[] = [
  VALUATION_STEP,
  VENDOR_FINANCE_LOOP,
  VENDOR_LOOP_SCHEDULE,
  CIRCULARITY,
  CAPPED_RETURN,
];
