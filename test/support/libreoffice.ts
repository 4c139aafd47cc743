/**
 * LibreOffice as the recalculation oracle: it opens a workbook, recalculates every formula (forced
 * on load through a fresh profile, so no cached value survives), and saves it; ExcelJS then reads
 * each formula's recalculated result. One soffice run converts a whole batch of files.
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import {
  convertWithSoffice,
  findSoffice,
  INSTALL_HINT,
  XLSX_TARGET,
} from "../../src/cli/libreoffice";
import { AssumptionCell, SheetPlan } from "../../src/templates/plan";
import { planToBuffer } from "../../src/workbook/xlsxWriter";

export { findSoffice, INSTALL_HINT };

/**
 * Converts `files` (.xlsx) in one soffice run, recalculating each, and returns the converted
 * files' paths in the same order. Files must have distinct names (they land in one folder).
 */
export const recalculate = (
  soffice: string,
  files: readonly string[],
  outDir: string,
  timeoutMs?: number
) => convertWithSoffice(soffice, files, XLSX_TARGET, outDir, timeoutMs);

/** A recalculated cell: its value as LibreOffice left it (a formula's result, or the plain value). */
export type RecalculatedValue = number | string | boolean | { error: string } | null;

export function resultOf(cell: ExcelJS.Cell): RecalculatedValue {
  // cell.value drops a formula's falsy result (0, "", FALSE); cell.result keeps it.
  const value = (cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value) as unknown;
  const read = (v: unknown): RecalculatedValue => {
    if (v === null || v === undefined) return null;
    if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "object" && "error" in (v as object))
      return { error: String((v as { error: unknown }).error) };
    if (typeof v === "object" && "richText" in (v as object)) {
      return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join("");
    }
    return String(v);
  };
  return read(value);
}

/**
 * DealLoop's plans hold no dates, but LibreOffice saves formats such as `0.0" yrs"` as
 * `0.0\ \y\r\s`, which ExcelJS then takes for a date format, turning the number into a Date (and
 * a large one into an invalid Date). Reading with date detection off keeps every number a number.
 */
const excelUtils = require("exceljs/lib/utils/utils") as { isDateFmt: (format: string) => boolean };
excelUtils.isDateFmt = () => false;

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/**
 * Whether the oracle can run here. Without soffice the suite is skipped with a loud message;
 * with CI=true a missing soffice is a failure, not a skip.
 */
export function oracleStatus(): { soffice?: string; message?: string; mustFail: boolean } {
  const soffice = findSoffice();
  if (soffice) return { soffice, mustFail: false };
  const message =
    "\n**********************************************************************\n" +
    "  LibreOffice (soffice) is not installed: the recalculation oracle was SKIPPED.\n" +
    `  Install it with: ${INSTALL_HINT}\n` +
    "**********************************************************************\n";
  return { message, mustFail: process.env.CI === "true" };
}

/**
 * A describe block that needs LibreOffice, given the path of soffice. Without soffice its tests
 * are listed as skipped, with a loud message; with CI=true a missing soffice fails instead.
 */
export function describeWithLibreOffice(title: string, suite: (soffice: string) => void): void {
  const status = oracleStatus();
  if (status.soffice) {
    const soffice = status.soffice;
    describe(title, () => suite(soffice));
  } else if (status.mustFail) {
    describe(title, () => {
      test("LibreOffice is installed (CI=true: the oracle may not be skipped)", () => {
        throw new Error(status.message);
      });
    });
  } else {
    console.warn(status.message);
    describe.skip(`${title} (soffice not installed)`, () => suite(""));
  }
}

/** Writes each plan to .xlsx, recalculates them all in one soffice run, and reads them back by file name. */
export async function recalculatePlans(
  soffice: string,
  plans: ReadonlyMap<string, SheetPlan>,
  prefix: string
): Promise<Map<string, ExcelJS.Workbook>> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const files = [...plans.keys()];
  for (const file of files) writeFileSync(join(dir, file), await planToBuffer(plans.get(file)!));
  const converted = await recalculate(
    soffice,
    files.map((f) => join(dir, f)),
    join(dir, "recalculated")
  );
  const books = new Map<string, ExcelJS.Workbook>();
  for (const [i, file] of files.entries()) books.set(file, await readWorkbook(converted[i]));
  return books;
}

/** Every cell LibreOffice left as an error, as "file Sheet!A1: #N/A". */
export function errorCells(books: ReadonlyMap<string, ExcelJS.Workbook>): string[] {
  const errors: string[] = [];
  for (const [file, book] of books)
    book.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          const value = resultOf(cell);
          if (value !== null && typeof value === "object")
            errors.push(`${file} ${sheet.name}!${cell.address}: ${value.error}`);
        })
      )
    );
  return errors;
}

/** Where a plan's scenario switch sits (sheet, row, column from 1), if it has one. */
export function scenarioCell(plan: SheetPlan) {
  for (const sheet of plan.sheets)
    for (const [i, row] of sheet.rows.entries())
      for (const [j, cell] of row.entries())
        if (cell?.kind === "assumption" && (cell as AssumptionCell).key === "scenario")
          return { sheet: sheet.name, row: i + 1, column: j + 1 };
  return undefined;
}

/** The plan written to .xlsx with its switch cell set to `scenario`, as a reader would set it. */
export async function withScenario(plan: SheetPlan, scenario: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await planToBuffer(plan)) as unknown as ArrayBuffer);
  const at = scenarioCell(plan);
  if (!at) throw new Error("no scenario switch");
  book.getWorksheet(at.sheet)!.getCell(at.row, at.column).value = scenario;
  return Buffer.from(await book.xlsx.writeBuffer());
}
