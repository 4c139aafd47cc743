/**
 * The templates as the taskpane offers them for one deal: whether each applies and what the deal
 * lacks, the facts it reads (and which of them the deal has), its assumptions' rules, and its
 * plan for a set of overrides.
 */
import { LibraryDeal } from "../data/schema";
import { AssumptionSpec, Overrides } from "../templates/datum";
import { SheetPlan } from "../templates/plan";
import { buildPlan, findFact, Template } from "../templates/template";

export interface FactNeedState {
  /** One key, or alternatives ("investment / tranche_initial"). */
  key: string;
  description: string;
  required: boolean;
  /** Whether the deal has the fact (one of the alternatives). */
  present: boolean;
}

export interface TemplateOption {
  name: string;
  title: string;
  summary: string;
  applies: boolean;
  /** What the deal lacks, in words: why it does not apply, or what the sheet flags to fill. */
  missing: string[];
  needs: FactNeedState[];
  assumptions: readonly AssumptionSpec[];
  build(overrides: Overrides): SheetPlan;
}

export function templateOptions(
  templates: readonly Template[],
  deal: LibraryDeal,
  deals: readonly LibraryDeal[]
): TemplateOption[] {
  return templates.map((template) => {
    const { applies, missing } = template.applicability(deal, deals);
    return {
      name: template.name,
      title: template.title,
      summary: template.summary,
      applies,
      missing,
      needs: template.facts.map((need) => ({
        ...need,
        present: need.key.split("/").some((key) => findFact(deal, key.trim()) !== undefined),
      })),
      assumptions: template.assumptions,
      build: (overrides) => buildPlan(template, { deal, deals, overrides }),
    };
  });
}
