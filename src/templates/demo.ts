/** The demo set: every template for every deal it applies to, and an index of them. Pure: plans only. */
import { LibraryDeal } from "../data/schema";
import { section, titleBlock } from "./blocks";
import { calc, fx, header, label, WorkbookBuilder } from "./builder";
import { TEMPLATES } from "./index";
import { expectations, SheetPlan } from "./plan";
import { buildPlan, Template } from "./template";

export interface DemoEntry {
  /** File name inside the output folder: `vendor-loop--amazon-anthropic-2026.xlsx`. */
  file: string;
  template: Template;
  deal: LibraryDeal;
  plan: SheetPlan;
}

export const INDEX_FILE = "index.xlsx";

export function demoEntries(
  deals: readonly LibraryDeal[],
  templates: readonly Template[] = TEMPLATES
) {
  return templates.flatMap((template) =>
    deals
      .filter((deal) => template.applicability(deal, deals).applies)
      .map((deal) => ({ file: `${template.name}--${deal.id}.xlsx`, template, deal }))
  );
}

export function demoPlan(
  entry: { template: Template; deal: LibraryDeal },
  deals: readonly LibraryDeal[]
): SheetPlan {
  return buildPlan(entry.template, { deal: entry.deal, deals, overrides: {} });
}

/** The index workbook: one row per demo workbook, with a link to it. */
export function indexPlan(entries: readonly DemoEntry[]): SheetPlan {
  const wb = new WorkbookBuilder({
    template: "index",
    title: "DealLoop demo workbooks",
    dealId: "all",
    asOf: "each deal's date",
  });
  const sheet = wb.sheet("Index", [52, 22, 34, 44, 8, 10]);
  titleBlock(wb, sheet, "DealLoop demo workbooks", "Every template for every deal it applies to");
  section(
    sheet,
    `${entries.length} workbooks; every output cell is checked against the DealLoop engine`
  );
  sheet.row(...["Workbook", "Template", "Deal", "Deal title", "Sheets", "Outputs"].map(header));
  for (const { file, template, deal, plan } of entries) {
    sheet.row(
      calc(fx`HYPERLINK(${file},${file})`),
      label(template.name),
      label(deal.id),
      label(deal.title),
      label(plan.sheets.length, "text", "0"),
      label(expectations(plan).length, "text", "0")
    );
  }
  return wb.build();
}
