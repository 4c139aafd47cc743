/**
 * `dealloop workbook --deal ID --template NAME [--assume key=value]… [--sources FILE]… --out FILE.xlsx [--force]`:
 * one template for one deal, written to a .xlsx with native formulas only.
 */
import { findDeal } from "../data/library";
import { isDealError } from "../engine/errors";
import { findTemplate, TEMPLATES } from "../templates";
import { expectations, SheetPlan } from "../templates/plan";
import { buildPlan } from "../templates/template";
import { planToBuffer } from "../workbook/xlsxWriter";
import {
  assumptionKeys,
  listOf,
  loadDeals,
  parseAssumptions,
  parseFlags,
  single,
  writeNew,
} from "./options";
import { CliIO, UsageError, Verb } from "./verb";

export const workbookVerb: Verb = {
  name: "workbook",
  summary: "write one template for one deal to a .xlsx (native formulas, sources cited)",
  usage:
    "dealloop workbook --deal ID --template NAME [--assume key=value]… [--sources FILE]… --out FILE.xlsx [--force]",
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, switches } = parseFlags(
      argv,
      ["--deal", "--template", "--assume", "--sources", "--out"],
      ["--force"]
    );
    const dealId = single(values, "--deal");
    const templateName = single(values, "--template");
    const out = single(values, "--out");
    if (!dealId || !templateName || !out)
      throw new UsageError("--deal, --template and --out are required");
    const overrides = parseAssumptions(values.get("--assume") ?? []);
    const deals = loadDeals(values.get("--sources") ?? [], io);
    if (!deals) return 1;
    const template = findTemplate(templateName);
    if (!template) {
      io.err(
        `unknown template "${templateName}"; templates: ${listOf(TEMPLATES.map((t) => t.name))}`
      );
      return 1;
    }
    const deal = findDeal(deals, dealId);
    if (!deal) {
      io.err(`unknown deal "${dealId}"; deals: ${listOf(deals.map((d) => d.id))}`);
      return 1;
    }
    const { applies, missing } = template.applicability(deal, deals);
    if (!applies) {
      io.err(`warning: ${deal.id} lacks what ${template.name} needs: ${missing.join("; ")}.`);
      io.err("The workbook flags each missing figure as a cell to fill (shown #N/A until filled).");
    }
    let plan: SheetPlan;
    try {
      plan = buildPlan(template, { deal, deals, overrides });
    } catch (error) {
      if (!isDealError(error)) throw error;
      io.err(`--assume refused: ${error.message}`);
      return 2;
    }
    const used = assumptionKeys(plan);
    const unused = Object.keys(overrides).filter((key) => !used.has(key));
    if (unused.length > 0) {
      io.err(
        `--assume ${listOf(unused)}: not an assumption of ${template.name} for ${deal.id}` +
          ` (a sourced fact cannot be assumed away); its assumptions: ${listOf([...used].sort())}`
      );
      return 2;
    }
    writeNew(out, await planToBuffer(plan), switches.has("--force"));
    const checked = expectations(plan).length;
    io.out(
      `wrote ${out}: ${plan.sheets.map((s) => s.name).join(", ")}; ${checked} outputs checked against the engine`
    );
    if (plan.missing.length > 0) io.out(`cells to fill (missing facts): ${listOf(plan.missing)}`);
    return 0;
  },
};
