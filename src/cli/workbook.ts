/**
 * `dealloop workbook --deal ID --template NAME [--assume key=value]… [--sources FILE]… --out FILE.xlsx [--force]`:
 * one template for one deal, written to a .xlsx with native formulas only.
 */
import { findDeal } from "../data/library";
import { isDealError } from "../engine/errors";
import { findTemplate, TEMPLATES } from "../templates";
import { Overrides } from "../templates/datum";
import { expectations, SheetPlan } from "../templates/plan";
import { buildPlan } from "../templates/template";
import { planToBuffer } from "../workbook/xlsxWriter";
import { listOf, loadDeals, parseFlags, writeNew } from "./options";
import { CliIO, UsageError, Verb } from "./verb";

/** `key=value` pairs: a value is a plain number (1e9, 0.35) or a percentage (35%). */
export function parseAssumptions(pairs: readonly string[]): Overrides {
  const overrides: Record<string, number> = {};
  for (const pair of pairs) {
    const match = /^([a-z][a-z0-9_]*)=(.+)$/.exec(pair.trim());
    if (!match) throw new UsageError(`--assume ${pair}: write it as key=value, such as vendor_margin=0.35`);
    const [, key, text] = match;
    const percent = text.trim().endsWith("%");
    const value = Number(percent ? text.trim().slice(0, -1) : text);
    if (text.trim() === "" || !Number.isFinite(value))
      throw new UsageError(`--assume ${pair}: ${key} must be a number`);
    overrides[key] = percent ? value / 100 : value;
  }
  return overrides;
}

/** The assumption keys a plan shows (so an --assume that nothing uses is reported). */
export function assumptionKeys(plan: SheetPlan): Set<string> {
  const keys = new Set<string>();
  for (const sheet of plan.sheets)
    for (const row of sheet.rows) for (const cell of row) if (cell?.kind === "assumption") keys.add(cell.key);
  return keys;
}


function single(values: Map<string, string[]>, flag: string): string | undefined {
  const given = values.get(flag);
  if (given && given.length > 1) throw new UsageError(`${flag} is given more than once`);
  return given?.[0];
}

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
    if (!dealId || !templateName || !out) throw new UsageError("--deal, --template and --out are required");
    const overrides = parseAssumptions(values.get("--assume") ?? []);
    const deals = loadDeals(values.get("--sources") ?? [], io);
    if (!deals) return 1;
    const template = findTemplate(templateName);
    if (!template) {
      io.err(`unknown template "${templateName}"; templates: ${listOf(TEMPLATES.map((t) => t.name))}`);
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
    io.out(`wrote ${out}: ${plan.sheets.map((s) => s.name).join(", ")}; ${checked} outputs checked against the engine`);
    if (plan.missing.length > 0) io.out(`cells to fill (missing facts): ${listOf(plan.missing)}`);
    return 0;
  },
};
