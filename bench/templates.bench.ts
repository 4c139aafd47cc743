/**
 * Templates and the .xlsx writer, without LibreOffice: the median time to build the whole demo
 * set (every template × every deal it applies to, plus the index, to .xlsx buffers, each formula
 * with its cached result), the share of it spent computing those results, and one 10-year
 * vendor-loop workbook (plan and buffer). `npx tsx bench/templates.bench.ts` runs it alone.
 */
import { BUILTIN_LIBRARY } from "../src/data/library";
import { findTemplate } from "../src/templates";
import { demoEntries, demoPlan, indexPlan } from "../src/templates/demo";
import { evaluatePlan } from "../src/templates/evaluate";
import { SheetPlan } from "../src/templates/plan";
import { buildPlan } from "../src/templates/template";
import { planToBuffer } from "../src/workbook/xlsxWriter";
import { formatDuration, Figure, medianMicrosAsync } from "./measure";

async function demoSet(): Promise<number> {
  const entries = [];
  for (const entry of demoEntries(BUILTIN_LIBRARY)) {
    const plan = demoPlan(entry, BUILTIN_LIBRARY);
    await planToBuffer(plan);
    entries.push({ ...entry, plan });
  }
  await planToBuffer(indexPlan(entries));
  return entries.length + 1;
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
  const one = await medianMicrosAsync(vendorLoopWorkbook, 31, 5);
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
      name: "one 10-year vendor-loop workbook (plan + .xlsx)",
      medianUs: one,
      samples: 31,
      target: "< 200 ms",
      ok: one < 200e3,
    },
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
