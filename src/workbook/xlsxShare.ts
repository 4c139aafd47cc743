/**
 * Prepare for sharing and Restore formulas on a .xlsx through ExcelJS (the command line, and any
 * workbook outside Excel), with the same rules as in Excel (share.ts):
 * - a formula that calls DEAL.* (or `_xldudf_DEAL_…`, as Excel saves an add-in function it could
 *   not resolve) becomes its cached value, style and number format untouched; a DEAL array
 *   formula keeps the values its other cells already hold; every cell of a shared-formula group
 *   that calls DEAL is frozen (its formula text, as ExcelJS translates it, is recorded);
 * - the original formulas go to the very hidden `_DealLoop` sheet, and Restore writes them back
 *   (array formulas with their range), then removes the record and the Sources sheet;
 * - the Sources & assumptions sheet lists what the workbook's provenance sheets recorded (a
 *   workbook DealLoop wrote in Excel) and the inputs and assumptions of the plans given (a
 *   workbook the .xlsx writer wrote), each value a link with its current value cached.
 * A DEAL formula with no cached value cannot be frozen: prepare refuses and names the cells.
 * ExcelJS rewrites the whole file on save; what it does not model (charts, pivot tables) does not
 * survive, so use this on DealLoop's own workbooks, and prepare in Excel otherwise.
 */
import ExcelJS from "exceljs";
import { SheetPlan } from "../templates/plan";
import {
  ADDIN_VERSION,
  CellScalar,
  decodeShareRecord,
  encodeShareRecord,
  GridScan,
  isDealLoopSheet,
  isErrorValue,
  parseProvenance,
  PrepareResult,
  PROVENANCE_SHEET,
  recordsFromPlan,
  refusal,
  restoreAction,
  RestoreResult,
  scanCell,
  SHARE_RECORD_SHEET,
  ShareError,
  ShareScan,
  SourceRecord,
  SOURCES_SHEET,
  shareRecord,
  stillCalculating,
} from "./share";
import { NameSet, parseSheetReference, uniqueSheetName } from "./sheetNames";
import { planToWorkbook } from "./xlsxWriter";

export interface XlsxShareOptions {
  asOf?: string;
  version?: string;
  /** The plans the workbook was written from: their inputs and assumptions are listed as sources. */
  plans?: readonly SheetPlan[];
  /** Shown the scan before anything changes; return false to stop with nothing changed. */
  confirm?: (scan: ShareScan) => boolean | Promise<boolean>;
  onProgress?: (progress: { phase: "reading" | "writing"; done: number; total: number }) => void;
}

/** Days between Excel's epoch and a date (1900 or 1904 system). */
function serial(date: Date, date1904: boolean): number {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return (date.getTime() - epoch) / 86_400_000;
}

/** What a cell shows, as the share step sees values. */
function scalarOf(value: ExcelJS.CellValue | undefined, date1904: boolean): CellScalar {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    return value;
  if (value instanceof Date) return serial(value, date1904);
  if (isErrorValue(value)) return { error: value.error };
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("formula" in value || "sharedFormula" in value)
    return scalarOf(value.result as ExcelJS.CellValue, date1904);
  if ("text" in value) return String(value.text);
  return null;
}

const formulaOf = (cell: ExcelJS.Cell): string | undefined =>
  cell.type === ExcelJS.ValueType.Formula && cell.formula ? `=${cell.formula}` : undefined;

/** The cached result of a formula cell (or the value of any other), as ExcelJS holds it. */
const rawValue = (cell: ExcelJS.Cell): ExcelJS.CellValue =>
  cell.type === ExcelJS.ValueType.Formula
    ? ((cell.result ?? null) as ExcelJS.CellValue)
    : cell.value;

const sheetNamed = (workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined =>
  workbook.worksheets.find((ws) => ws.name.toLowerCase() === name.toLowerCase());

interface XlsxScan {
  scan: ShareScan;
  /** DEAL cells whose formula has no cached value. */
  uncached: string[];
}

function scanWorkbook(workbook: ExcelJS.Workbook, options: XlsxShareOptions): XlsxScan {
  const date1904 = Boolean(workbook.properties.date1904);
  const found: GridScan = { deal: [], errors: [] };
  const sources: SourceRecord[] = [];
  const uncached: string[] = [];
  let cells = 0;
  const valueAt = (sheet: string, address: string): CellScalar => {
    const ws = sheetNamed(workbook, sheet);
    return ws ? scalarOf(rawValue(ws.getCell(address)), date1904) : { error: "#REF!" };
  };
  const sheets = workbook.worksheets;
  sheets.forEach((ws, i) => {
    options.onProgress?.({ phase: "reading", done: i, total: sheets.length });
    if (ws.name.toLowerCase().startsWith(PROVENANCE_SHEET.toLowerCase())) {
      sources.push(
        ...provenanceOf(ws, date1904).map((r) => ({ ...r, value: valueAt(r.sheet, r.address) }))
      );
      return;
    }
    if (isDealLoopSheet(ws.name)) return;
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        cells += 1;
        const before = found.deal.length;
        scanCell(found, ws.name, r, c, formulaOf(cell), scalarOf(rawValue(cell), date1904));
        if (found.deal.length === before) return;
        const dealCell = found.deal[found.deal.length - 1];
        const model = cell.value as { shareType?: string; ref?: string };
        if (model.shareType === "array" && model.ref && model.ref !== cell.address)
          dealCell.spill = model.ref;
        if (cell.result === undefined || cell.result === null)
          uncached.push(`${ws.name}!${cell.address}`);
      })
    );
  });
  for (const plan of options.plans ?? []) {
    const known = new Set(sources.map((s) => `${s.sheet}!${s.address}`.toLowerCase()));
    sources.push(
      ...recordsFromPlan(plan, valueAt).filter(
        (r) => !known.has(`${r.sheet}!${r.address}`.toLowerCase())
      )
    );
  }
  return {
    scan: {
      ...found,
      calculating: stillCalculating(found.deal),
      sources,
      prepared: Boolean(sheetNamed(workbook, SHARE_RECORD_SHEET)),
      sheetsRead: sheets.length,
      cellsRead: cells,
    },
    uncached,
  };
}

/** A provenance sheet's records (values are read from the cells they point at afterwards). */
function provenanceOf(ws: ExcelJS.Worksheet, date1904: boolean): SourceRecord[] {
  const formulas: unknown[][] = [];
  const values: CellScalar[][] = [];
  const formats: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      (formulas[r - 1] ??= [])[c - 1] = formulaOf(cell) ?? scalarOf(cell.value, date1904);
      (values[r - 1] ??= [])[c - 1] = scalarOf(rawValue(cell), date1904);
      (formats[r - 1] ??= [])[c - 1] = cell.numFmt;
    });
  });
  return parseProvenance(formulas, values, formats);
}

/** Reads and scans the workbook without changing it. */
export function scanXlsx(workbook: ExcelJS.Workbook, options: XlsxShareOptions = {}): ShareScan {
  return scanWorkbook(workbook, options).scan;
}

/**
 * Copies a sheet the .xlsx writer built into `workbook` (so the Sources sheet is styled by the
 * same writer as every template); a one-cell reference formula gets its target's value cached.
 */
function copySheet(from: ExcelJS.Worksheet, workbook: ExcelJS.Workbook, name: string): void {
  const ws = workbook.addWorksheet(name, {
    views: from.views,
    pageSetup: from.pageSetup,
    headerFooter: from.headerFooter,
  });
  from.columns.forEach((column, i) => {
    if (column.width) ws.getColumn(i + 1).width = column.width;
  });
  from.eachRow({ includeEmpty: false }, (row, r) =>
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const target = ws.getCell(r, c);
      const formula = formulaOf(cell);
      const link = formula ? parseSheetReference(formula) : undefined;
      const linked = link && sheetNamed(workbook, link.sheet);
      target.value = linked
        ? { formula: cell.formula, result: rawValue(linked.getCell(link.address)) as never }
        : cell.value;
      target.style = JSON.parse(JSON.stringify(cell.style));
      if (cell.note) target.note = cell.note;
    })
  );
}

/** Prepares the workbook in memory (save it afterwards): see the header. */
export async function prepareXlsx(
  workbook: ExcelJS.Workbook,
  options: XlsxShareOptions = {}
): Promise<PrepareResult> {
  const { scan, uncached } = scanWorkbook(workbook, options);
  const refused = refusal(scan);
  if (refused) throw refused;
  if (uncached.length > 0) {
    throw new ShareError(
      `${uncached.length} DEAL cell(s) have no saved value to keep (${uncached.join(", ")}). ` +
        "Open the workbook in Excel with DealLoop, let it calculate, save, and prepare again.",
      false
    );
  }
  if (options.confirm && !(await options.confirm(scan))) return { status: "cancelled", scan };

  const sourcesName = uniqueSheetName(
    SOURCES_SHEET,
    new NameSet(workbook.worksheets.map((ws) => ws.name))
  );
  const stamp = {
    asOf: options.asOf ?? new Date().toISOString(),
    version: options.version ?? ADDIN_VERSION,
  };
  const { record, sheet } = shareRecord(scan, stamp, sourcesName);

  options.onProgress?.({ phase: "writing", done: 0, total: 3 });
  const recordSheet = workbook.addWorksheet(SHARE_RECORD_SHEET, { state: "veryHidden" });
  encodeShareRecord(record).forEach((row, r) =>
    row.forEach((text, c) => {
      if (text) recordSheet.getCell(r + 1, c + 1).value = text;
    })
  );
  const built = planToWorkbook({
    template: "prepare-for-sharing",
    title: SOURCES_SHEET,
    dealId: "",
    asOf: stamp.asOf,
    sheets: [sheet],
    names: [],
    missing: [],
  });
  copySheet(built.worksheets[0], workbook, sourcesName);
  options.onProgress?.({ phase: "writing", done: 2, total: 3 });
  // Freeze last: every value is read before any cell changes (a shared formula's text is computed from its master).
  const frozen = scan.deal.map((d) => {
    const cell = (sheetNamed(workbook, d.sheet) as ExcelJS.Worksheet).getCell(d.address);
    return { cell, value: rawValue(cell) };
  });
  for (const { cell, value } of frozen) cell.value = value;
  options.onProgress?.({ phase: "writing", done: 3, total: 3 });
  return { status: "prepared", scan, record, sourcesSheet: sourcesName };
}

/** Puts back every recorded formula and removes the record and the Sources sheet (save afterwards). */
export function restoreXlsx(workbook: ExcelJS.Workbook): RestoreResult {
  const recordSheet = sheetNamed(workbook, SHARE_RECORD_SHEET);
  if (!recordSheet)
    throw new ShareError(
      `There is nothing to restore: this workbook has no ${SHARE_RECORD_SHEET} record.`,
      false
    );
  const rows: unknown[][] = [];
  recordSheet.eachRow({ includeEmpty: true }, (row, r) => {
    rows[r - 1] = [1, 2, 3, 4].map((c) => scalarOf(row.getCell(c).value, false));
  });
  let record;
  try {
    record = decodeShareRecord(Array.from(rows, (row) => row ?? []));
  } catch (error) {
    throw new ShareError(
      `The ${SHARE_RECORD_SHEET} record cannot be read: ${(error as Error).message}`,
      false,
      error
    );
  }
  const result: RestoreResult = { restored: 0, conflicts: [], missing: [], removedSheets: [] };
  for (const entry of record.entries) {
    const ws = sheetNamed(workbook, entry.sheet);
    if (!ws) {
      result.missing.push(entry);
      continue;
    }
    const cell = ws.getCell(entry.address);
    const current = formulaOf(cell);
    const action = restoreAction(entry, current);
    if (action === "conflict") {
      result.conflicts.push({
        sheet: entry.sheet,
        address: entry.address,
        found: current as string,
        recorded: entry.formula,
      });
    }
    if (action !== "restore") continue;
    const array = entry.spill ? { shareType: "array" as const, ref: entry.spill } : {};
    cell.value = {
      formula: entry.formula.slice(1),
      result: cell.value as never,
      ...array,
    } as ExcelJS.CellFormulaValue;
    result.restored += 1;
  }
  for (const name of [record.sourcesSheet, recordSheet.name]) {
    const ws = name ? sheetNamed(workbook, name) : undefined;
    if (!ws) continue;
    workbook.removeWorksheet(ws.id);
    result.removedSheets.push(ws.name);
  }
  return result;
}
