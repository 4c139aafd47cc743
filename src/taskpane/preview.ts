/**
 * The plan preview: the top-left corner of a plan's first sheet as text, the way the sheet will
 * show it. A formula the template knows the value of (an output) shows that value; other
 * formulas show their text, so the reader sees what the sheet computes.
 */
import { PlanCell, PlannedSheet } from "../templates/plan";
import { formatValue } from "./numberFormat";

export interface PreviewCell {
  text: string;
  kind: PlanCell["kind"] | "empty";
  /** A citation or rationale, shown on hover and read by screen readers. */
  note?: string;
}

export interface PreviewGrid {
  sheet: string;
  /** Column letters, A first. */
  columns: string[];
  rows: PreviewCell[][];
  /** Rows and columns of the sheet the grid leaves out. */
  hiddenRows: number;
  hiddenColumns: number;
}

/** A, B, …, Z, AA, AB, … for a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function previewText(cell: PlanCell): string {
  switch (cell.kind) {
    case "label":
      return typeof cell.text === "number" ? formatValue(cell.text, cell.format) : cell.text;
    case "input":
      return formatValue(cell.value, cell.format);
    case "assumption":
      return cell.value === null ? "#N/A (to fill)" : formatValue(cell.value, cell.format);
    case "formula":
      return cell.expected === undefined
        ? `=${cell.formula}`
        : formatValue(cell.expected, cell.format);
    case "addin":
      return formatValue(cell.value, cell.format);
  }
}

function noteOf(cell: PlanCell): string | undefined {
  if (cell.kind === "input" || cell.kind === "assumption") return cell.note || undefined;
  if (cell.kind === "label") return cell.note;
  return undefined;
}

/** The first `maxRows` × `maxColumns` cells of `sheet`, trailing empty rows and columns dropped. */
export function previewGrid(sheet: PlannedSheet, maxRows = 40, maxColumns = 6): PreviewGrid {
  const usedColumns = Math.max(
    0,
    ...sheet.rows.map((row) => row.reduce((last, cell, c) => (cell ? c + 1 : last), 0))
  );
  const usedRows = sheet.rows.reduce((last, row, r) => (row.some(Boolean) ? r + 1 : last), 0);
  const width = Math.min(usedColumns, maxColumns);
  const height = Math.min(usedRows, maxRows);
  const rows = sheet.rows.slice(0, height).map((row) =>
    Array.from({ length: width }, (_, c): PreviewCell => {
      const cell = row[c];
      if (!cell) return { text: "", kind: "empty" };
      const note = noteOf(cell);
      return { text: previewText(cell), kind: cell.kind, ...(note && { note }) };
    })
  );
  return {
    sheet: sheet.name,
    columns: Array.from({ length: width }, (_, c) => columnLetter(c)),
    rows,
    hiddenRows: usedRows - height,
    hiddenColumns: usedColumns - width,
  };
}
