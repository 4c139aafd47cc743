/**
 * What a sheet needs to print readably one page wide (landscape, fit to width): a width budget in
 * Excel's column-width characters, and long text wrapped inside its column wherever it would be
 * cut by a filled neighbour or run past the print area (LibreOffice shrinks the whole page to
 * show text that runs past it, so one long note made a page unreadable).
 *
 * Calibrated with LibreOffice on a Letter landscape page: 11 pt text printed with W characters of
 * columns shows a word box of about 1,390 / W points, so 160 characters gives about 8.7 pt.
 */
import { LabelCell, LabelRole, PlanCell } from "./plan";

/** Column-width characters one landscape page holds with body text at least 8 pt after fitting. */
export const PAGE_WIDTH_BUDGET = 160;

/** Lines a wrapped row may grow to: enough for a long rationale, short of a page. */
export const MAX_WRAPPED_LINES = 12;

/** Excel's width of a column the plan leaves unset (8.43 characters, as a whole). */
const UNSET_COLUMN_WIDTH = 9;

/** The widths of the first `columns` columns, in characters. */
export const printedWidth = (widths: readonly number[], columns: number): number =>
  Array.from({ length: columns }, (_, c) => widths[c] ?? UNSET_COLUMN_WIDTH).reduce(
    (sum, width) => sum + width,
    0
  );

/** Pages wide a sheet prints on so that each page keeps to the budget. */
export const pagesWide = (printedWidth: number): number =>
  Math.max(1, Math.ceil(printedWidth / PAGE_WIDTH_BUDGET));

/** How much wider than body text a role's characters are (its larger or bold font). */
const CHARACTER_SCALE: Partial<Record<LabelRole, number>> = {
  title: 1.4,
  section: 1.2,
  header: 1.1,
  warning: 1.1,
};

/** A label's text width in column-width characters. */
export const textWidth = (text: string, role: LabelRole): number =>
  text.length * (CHARACTER_SCALE[role] ?? 1);

/**
 * Lines `text` takes wrapped at word boundaries in a column `width` characters wide (a character
 * of text is taken as one width unit, less one for the cell's padding; a word longer than a line
 * is broken).
 */
export function wrappedLineCount(text: string, width: number): number {
  const room = Math.max(1, Math.floor(width) - 1);
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const needed = used === 0 ? word.length : used + 1 + word.length;
      if (needed <= room) {
        used = needed;
        continue;
      }
      if (used > 0) lines++;
      lines += Math.ceil(word.length / room) - 1;
      used = word.length % room || room;
    }
  }
  return lines;
}

/** Lines a wrapped label takes in a column `width` characters wide, at its role's font. */
export const labelLines = (cell: LabelCell, width: number): number =>
  wrappedLineCount(String(cell.text), width / (CHARACTER_SCALE[cell.role] ?? 1));

/**
 * The characters a left-aligned text cell can show on one line: its own column and the empty
 * cells to its right, up to the print area's last column (`columns` of them).
 */
export function roomOf(
  cells: readonly (PlanCell | null)[],
  column: number,
  widths: readonly number[],
  columns: number
): number {
  let room = widths[column] ?? 0;
  for (let c = column + 1; c < columns && !cells[c]; c++) room += widths[c] ?? 0;
  return room;
}

/** True when a label, kept on one line, would be cut or run past the print area. */
function overflows(
  cells: readonly (PlanCell | null)[],
  column: number,
  widths: readonly number[],
  columns: number
): boolean {
  const cell = cells[column];
  if (cell?.kind !== "label" || cell.wrap || typeof cell.text !== "string") return false;
  return textWidth(cell.text, cell.role) > roomOf(cells, column, widths, columns) - 1;
}

/** The rows with every label that would overflow wrapped inside its column. */
export function wrapOverflowingText(
  rows: readonly (PlanCell | null)[][],
  widths: readonly number[],
  columns: number
): (PlanCell | null)[][] {
  return rows.map((cells) =>
    cells.map((cell, c) =>
      cell?.kind === "label" && overflows(cells, c, widths, columns) ? { ...cell, wrap: true } : cell
    )
  );
}
