/** Every template, in the order `dealloop templates` lists them. */
import { CAPITAL_FLOW_NETWORK_TEMPLATE } from "./capitalFlowNetwork";
import { CONTAGION_TEMPLATE } from "./contagion";
import { CONTINGENT_TRANCHE_TEMPLATE } from "./contingentTranche";
import { icSummaryTemplate } from "./icSummary";
import { LEAGUE_TABLE_TEMPLATE } from "./leagueTable";
import { Template } from "./template";
import { VALUATION_LADDER_TEMPLATE } from "./valuationLadder";
import { VENDOR_LOOP_TEMPLATE } from "./vendorLoop";

/** The templates a summary can include. */
export const MODEL_TEMPLATES: readonly Template[] = [
  VENDOR_LOOP_TEMPLATE,
  CONTINGENT_TRANCHE_TEMPLATE,
  VALUATION_LADDER_TEMPLATE,
  CAPITAL_FLOW_NETWORK_TEMPLATE,
];

export const TEMPLATES: readonly Template[] = [
  ...MODEL_TEMPLATES,
  icSummaryTemplate(MODEL_TEMPLATES),
  CONTAGION_TEMPLATE,
  LEAGUE_TABLE_TEMPLATE,
];

export function findTemplate(name: string): Template | undefined {
  const wanted = name.trim().toLowerCase();
  return TEMPLATES.find((t) => t.name === wanted);
}
