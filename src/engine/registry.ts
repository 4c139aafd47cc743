/** Every DEAL function the engine computes (FACT and FACT_SOURCE read the deal library instead). */
import { CAPPED_RETURN } from "./cappedReturn";
import { CIRCULARITY } from "./circularity";
import { DealFunction } from "./definition";
import { LOOK_THROUGH } from "./lookThrough";
import { TRANCHE_OPTION_VALUE } from "./option";
import { VENDOR_LOOP_SCHEDULE } from "./schedule";
import { TRANCHE_HAZARD_VALUE, TRANCHE_VALUE } from "./tranche";
import { VALUATION_STEP } from "./valuation";
import { VENDOR_FINANCE_LOOP } from "./vendorLoop";

export const DEAL_FUNCTIONS: readonly DealFunction[] = [
  VALUATION_STEP,
  TRANCHE_VALUE,
  TRANCHE_HAZARD_VALUE,
  TRANCHE_OPTION_VALUE,
  VENDOR_FINANCE_LOOP,
  VENDOR_LOOP_SCHEDULE,
  LOOK_THROUGH,
  CIRCULARITY,
  CAPPED_RETURN,
];
