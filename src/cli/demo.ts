/**
 * `dealloop demo --out DIR [--force]`: every template for every deal it applies to, plus an index,
 * written as .xlsx files with native formulas only. `npm run demo` runs it into out/.
 */
import { existsSync } from "fs";
import { join } from "path";
import { LibraryDeal } from "../data/schema";
import { DemoEntry, demoEntries, demoPlan, INDEX_FILE, indexPlan } from "../templates/demo";
import { expectations } from "../templates/plan";
import { formatTable } from "./format";
import { CliIO, FORCE_OPTION, SOURCES_OPTION, UsageError, Verb } from "./verb";
import { loadDeals, makeFolder, outFolder, parseFlags, writeNew, xlsxBytes } from "./options";

export interface DemoResult {
  entries: DemoEntry[];
  /** Every file written, the index last. */
  files: string[];
}

/** Builds and writes the demo set into `dir`, one progress line per workbook. */
export async function writeDemo(
  deals: readonly LibraryDeal[],
  dir: string,
  force: boolean,
  io: CliIO
): Promise<DemoResult> {
  const planned = demoEntries(deals);
  const targets = [...planned.map((p) => join(dir, p.file)), join(dir, INDEX_FILE)];
  const existing = targets.filter((file) => existsSync(file));
  if (existing.length > 0 && !force) {
    throw new UsageError(
      `${existing.length} of the files already exist (${existing[0]}…); add --force to overwrite them`
    );
  }
  makeFolder(dir, io);
  const entries: DemoEntry[] = [];
  for (const [i, item] of planned.entries()) {
    const started = performance.now();
    const plan = demoPlan(item, deals);
    const path = targets[i];
    writeNew(path, await xlsxBytes(plan), force);
    entries.push({ ...item, plan });
    const ms = Math.round(performance.now() - started);
    const outputs = expectations(plan).length;
    io.out(
      `[${i + 1}/${planned.length}] ${item.template.name} × ${item.deal.id} → ${path} (${plan.sheets.length} sheets, ${outputs} outputs, ${ms} ms)`
    );
  }
  writeNew(targets[targets.length - 1], await xlsxBytes(indexPlan(entries)), force);
  io.out(`index → ${targets[targets.length - 1]}`);
  return { entries, files: targets };
}

function summary(entries: readonly DemoEntry[]): string {
  const outputs = (list: readonly DemoEntry[]) =>
    list.reduce((n, e) => n + expectations(e.plan).length, 0);
  const sheets = (list: readonly DemoEntry[]) => list.reduce((n, e) => n + e.plan.sheets.length, 0);
  const rows = [...new Set(entries.map((e) => e.template.name))].map((name) => {
    const mine = entries.filter((e) => e.template.name === name);
    return [name, mine.length, sheets(mine), outputs(mine)];
  });
  return formatTable(
    [...rows, ["total", entries.length, sheets(entries), outputs(entries)]],
    ["template", "workbooks", "sheets", "outputs checked"]
  );
}

export const demoVerb: Verb = {
  name: "demo",
  summary: "write every template for every deal it applies to, and an index, into a folder",
  usage: "dealloop demo --out DIR [--force] [--sources FILE]…",
  options: [
    {
      flag: "--out DIR",
      help: "the folder to write into (made if missing; its parent must exist)",
    },
    FORCE_OPTION,
    SOURCES_OPTION,
  ],
  examples: ["dealloop demo --out out --force"],
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, switches } = parseFlags(argv, ["--out", "--sources"], ["--force"]);
    const dir = values.get("--out")?.[0];
    if (!dir) throw new UsageError("--out DIR is required");
    outFolder(dir);
    const deals = loadDeals(values.get("--sources") ?? [], io);
    if (!deals) return 1;
    const started = performance.now();
    const { entries } = await writeDemo(deals, dir, switches.has("--force"), io);
    io.out("");
    io.out(summary(entries));
    io.out(
      `\n${entries.length + 1} workbooks in ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`
    );
    return 0;
  },
};
