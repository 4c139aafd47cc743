/**
 * Writes a sheet plan to a .xlsx file with ExcelJS. Only native formulas and plain values go in,
 * each formula with its result computed from the plan (so a preview shows numbers); the workbook
 * still asks Excel to recalculate everything on open. Charts are added to the package afterwards
 * (xlsxCharts.ts): ExcelJS cannot write them.
 */
import ExcelJS from "exceljs";
import { CachedValue, evaluatePlan, PlanValues } from "../templates/evaluate";
import { PlanCell, PlannedSheet, SheetPlan } from "../templates/plan";
import { parseRange } from "../templates/a1";
import { LINE_HEIGHT, rowLines, wrapOverflowingText } from "../templates/printFit";
import { toFileFormula } from "./formulaText";
import { cellText, checkFormulaLength, xmlText } from "./limits";
import { headerFooterCode } from "./print";
import { addCharts, hasDrawings } from "./xlsxCharts";
import { legalSheetName } from "./sheetNames";
import { CellLook, lookOf } from "./styles";
import { listError, listSource } from "./validation";

const argb = (rgb: string): string => `FF${rgb}`;

/** The one place plan looks become ExcelJS styles. */
function applyLook(cell: ExcelJS.Cell, look: CellLook): void {
  cell.font = {
    name: "Calibri",
    size: look.size ?? 11,
    color: { argb: argb(look.fontColor) },
    ...(look.bold ? { bold: true } : {}),
    ...(look.italic ? { italic: true } : {}),
  };
  if (look.fill)
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(look.fill) } };
  if (look.borderBottom)
    cell.border = { bottom: { style: "thin", color: { argb: argb("808080") } } };
  if (look.align || look.wrap) {
    cell.alignment = {
      ...(look.align ? { horizontal: look.align } : {}),
      ...(look.wrap ? { wrapText: true, vertical: "top" } : {}),
    };
  }
}

/** A formula with its cached result, when the plan's evaluation has one. */
function formulaValue(formula: string, result: CachedValue | undefined): ExcelJS.CellValue {
  if (result === undefined) return { formula };
  const cached = typeof result === "string" ? cellText(result) : result;
  return { formula, result: cached } as ExcelJS.CellFormulaValue;
}

const constant = (value: string | number): string | number =>
  typeof value === "string" ? cellText(value) : value;

function cellValue(cell: PlanCell, result: CachedValue | undefined): ExcelJS.CellValue {
  switch (cell.kind) {
    case "label":
      return constant(cell.text);
    case "input":
      return constant(cell.value);
    case "assumption":
      // A missing value shows #N/A in every dependant until the user fills it: never a silent zero.
      return cell.value === null ? formulaValue("NA()", result) : constant(cell.value);
    case "formula": {
      const formula = toFileFormula(cell.formula);
      checkFormulaLength(formula);
      return formulaValue(formula, result);
    }
    // Its value (or its native stand-in): a reader without the add-in would see #NAME? for DEAL.
    case "addin":
      if (cell.fileFormula === undefined) return cell.value;
      checkFormulaLength(toFileFormula(cell.fileFormula));
      return formulaValue(toFileFormula(cell.fileFormula), result);
  }
}

function writeCell(target: ExcelJS.Cell, cell: PlanCell, result: CachedValue | undefined): void {
  // ExcelJS stores a JavaScript string as a shared string: text starting with = + - @ stays text.
  target.value = cellValue(cell, result);
  if ("format" in cell && cell.format) target.numFmt = cell.format;
  applyLook(target, lookOf(cell));
  const note =
    cell.kind === "input" || cell.kind === "assumption"
      ? cell.note
      : cell.kind === "label"
        ? cell.note
        : "";
  if (note) target.note = cellText(note);
  if (cell.kind === "assumption" && cell.validation) {
    target.dataValidation = {
      type: "list",
      allowBlank: false,
      formulae: [`"${listSource(cell.validation)}"`],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: cell.label.slice(0, 32),
      error: listError(cell.validation),
    };
  }
}

/**
 * The sheet's rows with each formula's cached text result as the text it shows, wrapped where
 * it would be cut or run past its printed page (the plan wraps the text it knows itself).
 */
function shownRows(sheet: PlannedSheet, values: PlanValues): (PlanCell | null)[][] {
  const rows = sheet.rows.map((cells, r) =>
    cells.map((cell, c) => {
      const result =
        cell?.kind === "formula" ? values.resultAt(sheet.name, r + 1, c + 1) : undefined;
      return cell?.kind === "formula" && typeof result === "string" && cell.shows === undefined
        ? { ...cell, shows: result }
        : cell;
    })
  );
  const columns = parseRange(sheet.print.area).right;
  return wrapOverflowingText(rows, sheet.columnWidths, columns, sheet.print.fitToWidth);
}

function writeSheet(workbook: ExcelJS.Workbook, sheet: PlannedSheet, values: PlanValues): void {
  // Plans name their sheets; a name Excel would refuse or shorten is a plan's error, not renamed here.
  if (legalSheetName(sheet.name) !== sheet.name)
    throw new RangeError(`"${sheet.name}" is not a sheet name Excel accepts`);
  const ws = workbook.addWorksheet(sheet.name);
  ws.columns = sheet.columnWidths.map((width) => ({ width }));
  shownRows(sheet, values).forEach((cells, r) => {
    cells.forEach((cell, c) => {
      if (cell)
        writeCell(ws.getCell(r + 1, c + 1), cell, values.resultAt(sheet.name, r + 1, c + 1));
    });
    const lines = rowLines(cells, sheet.columnWidths);
    // Neither Excel nor LibreOffice grows a row for wrapped text on open: give it the lines it needs.
    if (lines > 1) {
      const row = ws.getRow(r + 1);
      row.height = LINE_HEIGHT * lines;
      // A tall row reads from its top line, as a table with wrapped text should.
      row.eachCell((target) => (target.alignment = { ...target.alignment, vertical: "top" }));
    }
  });
  const { rows, columns } = sheet.freeze;
  if (rows > 0 || columns > 0) ws.views = [{ state: "frozen", xSplit: columns, ySplit: rows }];
  const { print } = sheet;
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: print.landscape ? "landscape" : "portrait",
    fitToPage: true,
    fitToWidth: print.fitToWidth,
    fitToHeight: 0,
    printArea: print.area,
    // A sheet two or more pages wide prints each band of rows across its pages first, so the
    // right-hand columns follow the page with their row labels. (Repeating column A on every page
    // would shrink the text below 8 pt: LibreOffice measured 7.3–7.8 pt on the vendor loop.)
    ...(print.fitToWidth > 1 ? { pageOrder: "overThenDown" } : {}),
  };
  // ExcelJS puts a row's break after it: a break before row r is on row r - 1.
  for (const row of print.rowBreaks ?? []) ws.getRow(row - 1).addPageBreak();
  const header = headerFooterCode(print.header);
  const footer = headerFooterCode(print.footer);
  ws.headerFooter = {
    ...(header ? { oddHeader: header } : {}),
    ...(footer ? { oddFooter: footer } : {}),
  };
}

export function planToWorkbook(plan: SheetPlan): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "DealLoop";
  workbook.title = xmlText(plan.title);
  workbook.subject = xmlText(`${plan.template} · ${plan.dealId} · as of ${plan.asOf}`);
  workbook.calcProperties = { fullCalcOnLoad: true };
  const values = evaluatePlan(plan);
  for (const sheet of plan.sheets) writeSheet(workbook, sheet, values);
  for (const { name, sheet, address } of plan.names) {
    workbook.definedNames.add(`'${sheet.replace(/'/g, "''")}'!${address}`, name);
  }
  return workbook;
}

/** The .xlsx file's bytes, with the plan's native charts (browser and Node alike). */
export async function planToXlsx(plan: SheetPlan): Promise<Uint8Array> {
  // A plan with charts is zipped again when they are added: ExcelJS's package is then stored
  // uncompressed, so its parts are deflated once (the second pass), not twice.
  const options = plan.sheets.some(hasDrawings) ? { zip: { compression: "STORE" } } : {};
  const written = new Uint8Array(
    await planToWorkbook(plan).xlsx.writeBuffer(options as Partial<ExcelJS.XlsxWriteOptions>)
  );
  return addCharts(written, plan);
}

export async function planToBuffer(plan: SheetPlan): Promise<Buffer> {
  return Buffer.from(await planToXlsx(plan));
}
