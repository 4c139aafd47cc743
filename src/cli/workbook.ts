/**
 * `dealloop workbook --deal ID --template NAME [--assume key=value]… [--sources FILE]… --out FILE.xlsx [--force]`:
 * one template for one deal, written to a .xlsx with native formulas only.
 */
import { findDeal } from "../data/library";
import { isDealError } from "../engine/errors";
import { findTemplate, TEMPLATES } from "../templates";
import { expectations, SheetPlan } from "../templates/plan";
import { buildPlan } from "../templates/template";
import {
  assumptionKeys,
  listOf,
  loadDeals,
  outFile,
  parseAssumptions,
  parseFlags,
  single,
  unknownId,
  warnIfLacking,
  writeNew,
  xlsxBytes,
} from "./options";
import { ASSUME_OPTION, CliIO, FORCE_OPTION, SOURCES_OPTION, UsageError, Verb } from "./verb";

export const workbookVerb: Verb = {
  name: "workbook",
  summary: "write one template for one deal to a .xlsx (native formulas, sources cited)",
  usage:
    "dealloop workbook --deal ID --template NAME [--assume key=value]… [--sources FILE]… --out FILE.xlsx [--force]",
  options: [
    { flag: "--deal ID", help: "the deal (`dealloop deals` lists them)" },
    { flag: "--template NAME", help: "the template (`dealloop templates` lists them)" },
    ASSUME_OPTION,
    SOURCES_OPTION,
    { flag: "--out FILE.xlsx", help: "the workbook to write, in a folder that exists" },
    FORCE_OPTION,
  ],
  examples: [
    "dealloop workbook --deal amazon-anthropic-2026 --template vendor-loop --out loop.xlsx",
    "dealloop workbook --deal amazon-anthropic-2026 --template vendor-loop --assume vendor_margin_before_depreciation=0.4 --out loop.xlsx --force",
  ],
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
    outFile(out, ".xlsx");
    const overrides = parseAssumptions(values.get("--assume") ?? []);
    const deals = loadDeals(values.get("--sources") ?? [], io);
    if (!deals) return 1;
    const template = findTemplate(templateName);
    if (!template) {
      const names = TEMPLATES.map((t) => t.name);
      io.err(unknownId("template", templateName, names, "dealloop templates"));
      return 1;
    }
    const deal = findDeal(deals, dealId);
    if (!deal) {
      io.err(
        unknownId(
          "deal",
          dealId,
          deals.map((d) => d.id),
          "dealloop deals"
        )
      );
      return 1;
    }
    warnIfLacking(template, deal, deals, io);
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
    writeNew(out, await xlsxBytes(plan), switches.has("--force"));
    const checked = expectations(plan).length;
    io.out(
      `wrote ${out}: ${plan.sheets.map((s) => s.name).join(", ")}; ${checked} outputs checked against the engine`
    );
    if (plan.missing.length > 0) io.out(`cells to fill (missing facts): ${listOf(plan.missing)}`);
    return 0;
  },
};
