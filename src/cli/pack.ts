/**
 * `dealloop pack --deal ID [--template NAME]… [--assume key=value]… [--sources FILE]… --out DIR [--force]`:
 * the investment-committee pack of one deal: one .xlsx (the IC summary first, the chosen templates'
 * sheets, the Sources & assumptions sheet; native formulas only, set up to print landscape and one
 * page wide) and a PDF of it printed by LibreOffice.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { findDeal } from "../data/library";
import { LibraryDeal } from "../data/schema";
import { isDealError } from "../engine/errors";
import { findTemplate, MODEL_TEMPLATES, TEMPLATES } from "../templates";
import { cellAddress, sheetPrefix } from "../templates/a1";
import { buildSummaryPlan } from "../templates/icSummary";
import { expectations, SheetPlan } from "../templates/plan";
import { Template } from "../templates/template";
import { callsDeal } from "../workbook/formulaTokens";
import {
  convertWithSoffice,
  findSoffice,
  INSTALL_HINT,
  PDF_TARGET,
  pdfPageCount,
} from "./libreoffice";
import {
  assumptionKeys,
  listOf,
  loadDeals,
  makeFolder,
  outFolder,
  parseAssumptions,
  parseFlags,
  single,
  unknownId,
  warnIfLacking,
  writeNew,
  xlsxBytes,
} from "./options";
import { ASSUME_OPTION, CliIO, FORCE_OPTION, SOURCES_OPTION, UsageError, Verb } from "./verb";

const SUMMARY = "ic-summary";

/** The pack's files in `dir`, named after the deal. */
export function packFiles(dir: string, dealId: string): { xlsx: string; pdf: string } {
  const stem = join(dir, `${dealId}-ic-pack`);
  return { xlsx: `${stem}.xlsx`, pdf: `${stem}.pdf` };
}

/** Every cell of the plan whose formula calls a DEAL function (a pack must have none). */
export function dealCalls(plan: SheetPlan): string[] {
  return plan.sheets.flatMap((sheet) =>
    sheet.rows.flatMap((cells, r) =>
      cells.flatMap((cell, c) =>
        cell?.kind === "formula" && callsDeal(cell.formula)
          ? [`${sheetPrefix(sheet.name)}${cellAddress(r + 1, c + 1)}`]
          : []
      )
    )
  );
}

/**
 * The templates named on the command line (default: every one that applies), or a message saying
 * what is wrong. A named template the deal lacks facts for is kept, with a warning, as `workbook` does.
 */
function chooseTemplates(
  names: readonly string[],
  deal: LibraryDeal,
  deals: readonly LibraryDeal[],
  io: CliIO
): Template[] | string {
  if (names.length === 0)
    return MODEL_TEMPLATES.filter((t) => t.applicability(deal, deals).applies);
  const chosen: Template[] = [];
  for (const name of names) {
    const template = findTemplate(name);
    if (!template)
      return unknownId(
        "template",
        name,
        TEMPLATES.map((t) => t.name),
        "dealloop templates"
      );
    // The summary always comes first; naming it is allowed and changes nothing.
    if (template.name === SUMMARY || chosen.includes(template)) continue;
    warnIfLacking(template, deal, deals, io);
    chosen.push(template);
  }
  return chosen;
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

export const packVerb: Verb = {
  name: "pack",
  summary:
    "write a deal's investment-committee pack: one .xlsx (summary first, sources, print setup) and its PDF",
  usage:
    "dealloop pack --deal ID [--template NAME]… [--assume key=value]… [--sources FILE]… --out DIR [--force]",
  options: [
    { flag: "--deal ID", help: "the deal (`dealloop deals` lists them)" },
    {
      flag: "--template NAME",
      help: "a template to include after the IC summary (repeatable; default: every template that applies)",
    },
    ASSUME_OPTION,
    SOURCES_OPTION,
    {
      flag: "--out DIR",
      help: "the folder for DIR/<deal>-ic-pack.xlsx and .pdf (made if missing; its parent must exist)",
    },
    FORCE_OPTION,
  ],
  examples: [
    "dealloop pack --deal amazon-anthropic-2026 --out out",
    "dealloop pack --deal amazon-openai-2026 --template contingent-tranche --out out --force",
  ],
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, switches } = parseFlags(
      argv,
      ["--deal", "--template", "--assume", "--sources", "--out"],
      ["--force"]
    );
    const dealId = single(values, "--deal");
    const dir = single(values, "--out");
    if (!dealId || !dir) throw new UsageError("--deal and --out DIR are required");
    outFolder(dir);
    const force = switches.has("--force");
    const overrides = parseAssumptions(values.get("--assume") ?? []);
    const deals = loadDeals(values.get("--sources") ?? [], io);
    if (!deals) return 1;
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
    const templates = chooseTemplates(values.get("--template") ?? [], deal, deals, io);
    if (typeof templates === "string") {
      io.err(templates);
      return 1;
    }
    const files = packFiles(dir, deal.id);
    const existing = [files.xlsx, files.pdf].filter((file) => existsSync(file));
    if (existing.length > 0 && !force)
      throw new UsageError(`${listOf(existing)} already exist; add --force to overwrite`);

    if (templates.length === 0) {
      io.err(`warning: no model template applies to ${deal.id}, so the pack computes no output:`);
      for (const template of MODEL_TEMPLATES)
        io.err(
          `  ${template.name} lacks ${template.applicability(deal, deals).missing.join("; ")}`
        );
      io.err("It holds the IC summary and the sources only; name a template with --template to");
      io.err("include it with each missing figure as a cell to fill.");
    }
    const started = performance.now();
    io.out(
      `building the IC pack for ${deal.id}: ${listOf([SUMMARY, ...templates.map((t) => t.name)])}`
    );
    let plan: SheetPlan;
    try {
      plan = buildSummaryPlan({ deal, deals, overrides }, templates);
    } catch (error) {
      if (!isDealError(error)) throw error;
      io.err(`--assume refused: ${error.message}`);
      return 2;
    }
    const used = assumptionKeys(plan);
    const unused = Object.keys(overrides).filter((key) => !used.has(key));
    if (unused.length > 0) {
      io.err(
        `--assume ${listOf(unused)}: not an assumption of this pack for ${deal.id}` +
          ` (a sourced fact cannot be assumed away); its assumptions: ${listOf([...used].sort()) || "none"}`
      );
      return 2;
    }
    // A reader without the add-in would see #NAME? in such a cell: refuse rather than ship one.
    const calls = dealCalls(plan);
    if (calls.length > 0)
      throw new Error(
        `the pack would call DEAL functions at ${listOf(calls)}; nothing was written`
      );
    const sheets = plan.sheets.map((s) => s.name);
    makeFolder(dir, io);
    io.out(`writing ${files.xlsx} (${sheets.length} sheets: ${listOf(sheets)})`);
    writeNew(files.xlsx, await xlsxBytes(plan), force);
    // --force let this run replace the pack: a PDF printed from the earlier workbook must not stay beside it.
    const stale = existsSync(files.pdf);
    if (stale) rmSync(files.pdf);
    const outputs = expectations(plan).length;
    const missing =
      plan.missing.length > 0 ? `; cells to fill (missing facts): ${listOf(plan.missing)}` : "";

    const soffice = findSoffice();
    if (!soffice) {
      io.out(
        `wrote ${files.xlsx}: ${sheets.length} sheets, ${outputs} outputs checked against the engine${missing}`
      );
      if (stale) io.out(`removed ${files.pdf}: it was printed from the workbook this run replaced`);
      io.out(
        "The PDF was not made: it needs LibreOffice, and no soffice was found (on the PATH, or $SOFFICE). Install it with\n" +
          `  ${INSTALL_HINT}\nthen run this command again with --force.`
      );
      return 0;
    }
    io.out(`converting to PDF with LibreOffice (${soffice})`);
    const scratch = mkdtempSync(join(tmpdir(), "dealloop-pack-"));
    let pages: number;
    try {
      const [printed] = await convertWithSoffice(soffice, [files.xlsx], PDF_TARGET, scratch);
      const pdf = readFileSync(printed);
      pages = pdfPageCount(pdf);
      writeNew(files.pdf, pdf, force);
    } catch (error) {
      io.err(
        `LibreOffice could not print ${files.xlsx} to PDF (the .xlsx is written): ${(error as Error).message}`
      );
      return 1;
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    io.out(`IC pack for ${deal.id} in ${seconds(started)}:`);
    io.out(
      `  ${files.xlsx}: ${sheets.length} sheets, ${outputs} outputs checked against the engine${missing}`
    );
    io.out(`  ${files.pdf}: ${pages} pages`);
    return 0;
  },
};
