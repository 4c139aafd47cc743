/** What several `dealloop` verbs share: option parsing, the library with the user's sources, safe file writing. */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "fs";
import { dirname, extname } from "path";
import { buildLibrary, formatProblem, nearest } from "../data/library";
import { LibraryDeal } from "../data/schema";
import { Overrides } from "../templates/datum";
import { SheetPlan } from "../templates/plan";
import { Template } from "../templates/template";
import { CliIO, UsageError } from "./verb";

/**
 * Flags with a value (`--deal ID` or `--deal=ID`; repeatable ones collect every value), switches,
 * and up to `maxPositionals` plain arguments.
 */
export function parseFlags(
  argv: readonly string[],
  valued: readonly string[],
  booleans: readonly string[],
  maxPositionals = 0
): { values: Map<string, string[]>; switches: Set<string>; positionals: string[] } {
  const values = new Map<string, string[]>();
  const switches = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--") && positionals.length < maxPositionals) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    if (booleans.includes(name) && inline === undefined) {
      switches.add(name);
      continue;
    }
    if (!valued.includes(name)) {
      throw new UsageError(
        arg.startsWith("--") ? `unknown option ${arg}` : `unexpected argument ${arg}`
      );
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith("--")))
      throw new UsageError(`${name} needs a value`);
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return { values, switches, positionals };
}

/** The library with the user's files applied, or undefined after printing every problem. */
export function loadDeals(files: readonly string[], io: CliIO): readonly LibraryDeal[] | undefined {
  const sources = [];
  for (const file of files) {
    try {
      sources.push({ name: file, text: readFileSync(file, "utf8") });
    } catch (error) {
      io.err(`cannot read ${file}: ${(error as Error).message}`);
      return undefined;
    }
  }
  const { deals, problems } = buildLibrary(sources);
  if (problems.length === 0) return deals;
  const rejected = [...new Set(problems.map((problem) => problem.source))];
  const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
  io.err(
    `${count} in ${rejected.join(", ")}; nothing from ${rejected.length === 1 ? "it" : "them"} was imported:`
  );
  for (const problem of problems) io.err(`  ${formatProblem(problem)}`);
  return undefined;
}

/** Writes a file, refusing to replace one unless `force`. */
export function writeNew(path: string, data: Buffer, force: boolean): void {
  try {
    writeFileSync(path, data, { flag: force ? "w" : "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new UsageError(`${path} already exists; add --force to overwrite it`);
    }
    throw error;
  }
}

/** The plan as .xlsx bytes. ExcelJS loads only here, so the verbs that write no workbook start fast. */
export async function xlsxBytes(plan: SheetPlan): Promise<Buffer> {
  const { planToBuffer } = await import("../workbook/xlsxWriter");
  return planToBuffer(plan);
}

function requireFolder(folder: string, out: string): void {
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new UsageError(
      `--out ${out}: the folder ${folder} does not exist; create it first (mkdir -p ${folder}) or choose another --out`
    );
}

/** `--out FILE` of a verb that writes one `extension` file: checked before any work is done. */
export function outFile(path: string, extension: string): void {
  if (extname(path).toLowerCase() !== extension)
    throw new UsageError(
      `--out ${path}: this command writes a ${extension} file; give a name ending in ${extension}`
    );
  requireFolder(dirname(path), path);
}

const FILE_EXTENSIONS = [".xlsx", ".xls", ".pdf", ".csv", ".json", ".zip"];

/** `--out DIR` of a verb that writes a folder of files: checked before any work is done. */
export function outFolder(dir: string): void {
  if (FILE_EXTENSIONS.includes(extname(dir).toLowerCase()))
    throw new UsageError(
      `--out ${dir}: this command writes a folder of files, not one ${extname(dir)} file; give a folder, such as out`
    );
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UsageError(`--out ${dir} is a file, not a folder`);
  } else requireFolder(dirname(dir), dir);
}

/** Makes the `--out` folder when it is missing (its parent was checked by outFolder), and says so. */
export function makeFolder(dir: string, io: CliIO): void {
  if (existsSync(dir)) return;
  mkdirSync(dir);
  io.out(`created the folder ${dir}`);
}

/**
 * What `workbook` and `pack` both do with a template whose facts the deal lacks: write it, each
 * missing figure a flagged cell to fill, and say so first.
 */
export function warnIfLacking(
  template: Template,
  deal: LibraryDeal,
  deals: readonly LibraryDeal[],
  io: CliIO
): void {
  const { applies, missing } = template.applicability(deal, deals);
  if (applies) return;
  io.err(`warning: ${deal.id} lacks what ${template.name} needs: ${missing.join("; ")}.`);
  io.err("The workbook flags each missing figure as a cell to fill (shown #N/A until filled).");
}

/** "unknown deal "x"; nearest: a, b, c" — the same message from every verb. */
export function unknownId(
  kind: string,
  wanted: string,
  ids: readonly string[],
  list: string
): string {
  return `unknown ${kind} "${wanted}"; nearest: ${nearest(wanted, ids).join(", ")} (${list} lists them all)`;
}

export const listOf = (items: readonly string[]) => items.join(", ");

/** A flag that may be given once: its value, or undefined. */
export function single(values: Map<string, string[]>, flag: string): string | undefined {
  const given = values.get(flag);
  if (given && given.length > 1) throw new UsageError(`${flag} is given more than once`);
  return given?.[0];
}

/** `key=value` pairs: a value is a plain number (1e9, 0.35) or a percentage (35%). */
export function parseAssumptions(pairs: readonly string[]): Overrides {
  const overrides: Record<string, number> = {};
  for (const pair of pairs) {
    const match = /^([a-z][a-z0-9_]*)=(.+)$/.exec(pair.trim());
    if (!match)
      throw new UsageError(`--assume ${pair}: write it as key=value, such as vendor_margin=0.35`);
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
    for (const row of sheet.rows)
      for (const cell of row) if (cell?.kind === "assumption") keys.add(cell.key);
  return keys;
}
