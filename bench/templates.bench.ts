/**
 * Templates and the .xlsx writer: the median time to build the whole demo set (every template ×
 * every deal it applies to, plus the index, to .xlsx buffers, each formula with its cached
 * result), the share of it spent computing those results, the same set with four native charts
 * in every workbook (the chart gallery sheet added to each), one 10-year vendor-loop workbook
 * (plan and buffer), and one IC pack with charts printed to PDF by LibreOffice (when soffice is
 * installed). `npx tsx bench/templates.bench.ts` runs it alone.
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { convertWithSoffice, findSoffice, PDF_TARGET } from "../src/cli/libreoffice";
import { BUILTIN_LIBRARY, findDeal } from "../src/data/library";
import { findTemplate, MODEL_TEMPLATES } from "../src/templates";
import { buildSummaryPlan } from "../src/templates/icSummary";
import { SheetPlan } from "../src/templates/plan";
import { demoEntries, demoPlan, indexPlan } from "../src/templates/demo";
import { evaluatePlan } from "../src/templates/evaluate";
import { buildPlan } from "../src/templates/template";
import { planToBuffer } from "../src/workbook/xlsxWriter";
import { chartGalleryPlan } from "../test/support/chartPlans";
import { formatDuration, Figure, medianMicrosAsync } from "./measure";

/** The plan with the four-chart gallery sheet added (what a template with charts costs). */
function withCharts(plan: SheetPlan): SheetPlan {
  const [gallery] = chartGalleryPlan().plan.sheets;
  return { ...plan, sheets: [...plan.sheets, gallery] };
}

async function demoSet(charts = false): Promise<number> {
  const write = (plan: SheetPlan) => planToBuffer(charts ? withCharts(plan) : plan);
  const entries = [];
  for (const entry of demoEntries(BUILTIN_LIBRARY)) {
    const plan = demoPlan(entry, BUILTIN_LIBRARY);
    await write(plan);
    entries.push({ ...entry, plan });
  }
  await write(indexPlan(entries));
  return entries.length + 1;
}

/** One deal's IC pack (summary and every template that applies) with four charts, to PDF. */
async function packWithPdf(soffice: string, dir: string): Promise<void> {
  const deal = findDeal(BUILTIN_LIBRARY, "amazon-anthropic-2023");
  if (!deal) throw new Error("amazon-anthropic-2023 is not in the library");
  const context = { deal, deals: BUILTIN_LIBRARY, overrides: {} };
  const templates = MODEL_TEMPLATES.filter((t) => t.applicability(deal, BUILTIN_LIBRARY).applies);
  const file = join(dir, "pack.xlsx");
  writeFileSync(file, await planToBuffer(withCharts(buildSummaryPlan(context, templates))));
  await convertWithSoffice(soffice, [file], PDF_TARGET, join(dir, "pdf"));
}

async function vendorLoopWorkbook(): Promise<Buffer> {
  const deal = BUILTIN_LIBRARY.find((d) => d.id === "amazon-anthropic-2026");
  const template = findTemplate("vendor-loop");
  if (!deal || !template)
    throw new Error("the 10-year vendor loop (amazon-anthropic-2026) is not in the library");
  return planToBuffer(buildPlan(template, { deal, deals: BUILTIN_LIBRARY, overrides: {} }));
}

/** Every formula cell of the demo plans computed (the cached results the writer stores). */
function demoResults(plans: readonly SheetPlan[]): number {
  return plans.reduce((cells, plan) => cells + evaluatePlan(plan).uncomputed.length, 0);
}

export async function benchTemplates(): Promise<Figure[]> {
  const workbooks = await demoSet();
  const set = await medianMicrosAsync(demoSet, 7, 2);
  const plans = demoEntries(BUILTIN_LIBRARY).map((entry) => demoPlan(entry, BUILTIN_LIBRARY));
  const results = await medianMicrosAsync(async () => demoResults(plans), 15, 3);
  const charted = await medianMicrosAsync(() => demoSet(true), 7, 2);
  const one = await medianMicrosAsync(vendorLoopWorkbook, 31, 5);
  const soffice = findSoffice();
  const pack: Figure[] = [];
  if (soffice) {
    const dir = mkdtempSync(join(tmpdir(), "dealloop-bench-pack-"));
    try {
      const median = await medianMicrosAsync(() => packWithPdf(soffice, dir), 5, 1);
      pack.push({
        name: "one IC pack with four charts, .xlsx and PDF (LibreOffice)",
        medianUs: median,
        samples: 5,
        target: "≤ 3 s",
        ok: median <= 3e6,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return [
    {
      name: `demo set: ${workbooks} workbooks to .xlsx buffers`,
      medianUs: set,
      samples: 7,
      target: "≤ 1 s",
      ok: set <= 1e6,
    },
    {
      name: `cached results: every formula cell of the ${plans.length} demo plans computed`,
      medianUs: results,
      samples: 15,
      target: "none (part of the demo set)",
      ok: true,
    },
    {
      name: `demo set with four native charts in each of the ${workbooks} workbooks`,
      medianUs: charted,
      samples: 7,
      target: "≤ 1 s",
      ok: charted <= 1e6,
    },
    {
      name: "one 10-year vendor-loop workbook (plan + .xlsx)",
      medianUs: one,
      samples: 31,
      target: "< 200 ms",
      ok: one < 200e3,
    },
    ...pack,
  ];
}

if (require.main === module) {
  benchTemplates().then(
    (figures) =>
      figures.forEach((f) =>
        console.log(`${f.name}: ${formatDuration(f.medianUs)} (target ${f.target})`)
      ),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    }
  );
}
