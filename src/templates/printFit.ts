/**
 * What a sheet needs to print readably one page wide (landscape, fit to width): a width budget in
 * Excel's column-width characters, and long text wrapped inside its column wherever it would be
 * cut by a filled neighbour or run past the print area (LibreOffice shrinks the whole page to
 * show text that runs past it, so one long note made a page unreadable).
 *
 * Calibrated with LibreOffice on a Letter landscape page: 11 pt text printed with W characters of
 * columns shows a word box of about 1,390 / W points, so 160 characters gives about 8.7 pt.
 *
 * It also keeps a section heading with its table: where the heading would fall at the foot of a
 * page, a manual page break goes before it (LibreOffice and Excel honour manual breaks when a
 * sheet is fitted to its width only).
 */
import { LabelRole, PlanCell } from "./plan";

/** Column-width characters one landscape page holds with body text at least 8 pt after fitting. */
export const PAGE_WIDTH_BUDGET = 160;

/** Lines a wrapped row may grow to: Excel's tallest row is 409 points, 27 lines of 15. */
export const MAX_WRAPPED_LINES = 27;

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

/**
 * The text a cell shows when it is text (a label, or a text fact, assumption or check); of a
 * label's two wordings (in a file, where DEAL formulas are live) the longer, so either fits.
 */
export function textOf(cell: PlanCell | null): string | undefined {
  if (cell?.kind === "label") {
    if (typeof cell.text !== "string") return undefined;
    return cell.live !== undefined && cell.live.length > cell.text.length ? cell.live : cell.text;
  }
  if (cell?.kind === "formula") return cell.shows;
  return typeof cell?.value === "string" ? cell.value : undefined;
}

const scaleOf = (cell: PlanCell): number =>
  cell.kind === "label" ? (CHARACTER_SCALE[cell.role] ?? 1) : 1;

/** Lines a wrapped text cell takes in a column `width` characters wide, at its role's font. */
export const textLines = (cell: PlanCell, width: number): number =>
  wrappedLineCount(textOf(cell) ?? "", width / scaleOf(cell));

/**
 * For each column, the last column printed on the same page when the sheet prints `pages` wide:
 * columns packed in order, each page holding an equal share of the width (text spilling past a
 * page's edge would be cut there).
 */
export function pageEnds(widths: readonly number[], columns: number, pages: number): number[] {
  const share = printedWidth(widths, columns) / pages;
  const starts: number[] = [0];
  let used = 0;
  for (let c = 0; c < columns; c++) {
    const width = widths[c] ?? UNSET_COLUMN_WIDTH;
    if (used > 0 && used + width > share + 1e-9) {
      starts.push(c);
      used = 0;
    }
    used += width;
  }
  return Array.from({ length: columns }, (_, c) => {
    const next = starts.find((start) => start > c);
    return (next ?? columns) - 1;
  });
}

/**
 * The characters a left-aligned text cell can show on one line: its own column and the empty
 * cells to its right, up to the last column of its printed page (`ends`, from pageEnds).
 */
export function roomOf(
  cells: readonly (PlanCell | null)[],
  column: number,
  widths: readonly number[],
  ends: readonly number[]
): number {
  let room = widths[column] ?? UNSET_COLUMN_WIDTH;
  for (let c = column + 1; c <= (ends[column] ?? column) && !cells[c]; c++)
    room += widths[c] ?? UNSET_COLUMN_WIDTH;
  return room;
}

/** True when a label, kept on one line, would be cut or run past its printed page. */
function overflows(
  cells: readonly (PlanCell | null)[],
  column: number,
  widths: readonly number[],
  ends: readonly number[]
): boolean {
  const cell = cells[column];
  const text = textOf(cell);
  if (!cell || text === undefined || ("wrap" in cell && cell.wrap)) return false;
  return text.length * scaleOf(cell) > roomOf(cells, column, widths, ends) - 1;
}

/** The rows with every label that would overflow wrapped inside its column. */
export function wrapOverflowingText(
  rows: readonly (PlanCell | null)[][],
  widths: readonly number[],
  columns: number,
  pages: number
): (PlanCell | null)[][] {
  const ends = pageEnds(widths, columns, pages);
  return rows.map((cells) =>
    cells.map((cell, c) =>
      cell && overflows(cells, c, widths, ends) ? { ...cell, wrap: true } : cell
    )
  );
}

/** True when a cell's text wraps: marked so, or a table header in its own look (styles.ts). */
const wraps = (cell: PlanCell): boolean =>
  ("wrap" in cell && cell.wrap === true) ||
  (cell.kind === "label" && !cell.look && cell.role === "header");

/**
 * Column widths wide enough for the longest word of each table header, so a wrapped header breaks
 * between words ("Committed", not "Committe / d").
 */
export function headerWordWidths(
  rows: readonly (PlanCell | null)[][],
  widths: readonly number[]
): number[] {
  const fitted = [...widths];
  for (const cells of rows)
    cells.forEach((cell, c) => {
      if (cell?.kind !== "label" || cell.role !== "header" || typeof cell.text !== "string") return;
      const longest = Math.max(...cell.text.split(/\s+/).map((word) => word.length));
      fitted[c] = Math.max(fitted[c] ?? UNSET_COLUMN_WIDTH, Math.ceil(longest * scaleOf(cell)) + 1);
    });
  return fitted;
}

/** The lines a row's wrapped cells need at their column widths (1 when none wraps). */
export function rowLines(cells: readonly (PlanCell | null)[], widths: readonly number[]): number {
  let lines = 1;
  cells.forEach((cell, c) => {
    if (cell && wraps(cell))
      lines = Math.max(lines, Math.min(MAX_WRAPPED_LINES, textLines(cell, widths[c])));
  });
  return lines;
}

/** Points a line of a wrapped row takes (the .xlsx writer sets wrapped rows to this a line). */
export const LINE_HEIGHT = 15;

/**
 * The page model, measured on packs printed by LibreOffice (Letter landscape, the builder's header
 * and footer): at full size a page holds about 535 points of rows, an unset row of 11 pt text
 * takes 15, and a sheet up to 100 characters wide prints at full size (wider ones at 100 / width).
 */
const PAGE_HEIGHT = 535;
const PLAIN_ROW = 15;
const FULL_SIZE_WIDTH = 100;
/** Rows kept with a heading: itself, the table's header and its first line. */
const KEPT_WITH_HEADING = 3;
/** Slack for the model's error: a heading this close to a page's foot moves too. */
const SLACK = 2 * PLAIN_ROW;

const HEADING_HEIGHT: Partial<Record<LabelRole, number>> = { title: 19, section: 16.5 };

function rowHeight(cells: readonly (PlanCell | null)[], widths: readonly number[]): number {
  const lines = rowLines(cells, widths);
  if (lines > 1) return LINE_HEIGHT * lines;
  const roles = cells.map((cell) => (cell?.kind === "label" ? cell.role : undefined));
  return Math.max(PLAIN_ROW, ...roles.map((role) => (role && HEADING_HEIGHT[role]) || 0));
}

const isHeading = (cells: readonly (PlanCell | null)[]): boolean =>
  cells.some((cell) => cell?.kind === "label" && cell.role === "section");

/**
 * The rows (1-based) a manual page break goes before, so that no section heading prints at the
 * foot of a page apart from its table. `pages` is the sheet's pages wide.
 */
export function headingBreaks(
  rows: readonly (readonly (PlanCell | null)[])[],
  widths: readonly number[],
  columns: number,
  pages: number
): number[] {
  const scale = Math.min(1, (FULL_SIZE_WIDTH * pages) / printedWidth(widths, columns));
  const capacity = PAGE_HEIGHT / scale;
  const heights = rows.map((cells) => rowHeight(cells, widths));
  const breaks: number[] = [];
  let used = 0;
  rows.forEach((cells, r) => {
    if (used > 0 && isHeading(cells)) {
      let kept = 0;
      for (let k = r; k < Math.min(rows.length, r + KEPT_WITH_HEADING); k++) {
        if (k > r && rows[k].every((cell) => !cell)) break;
        kept += heights[k];
      }
      if (used + kept > capacity - SLACK) {
        breaks.push(r + 1);
        used = 0;
      }
    }
    if (used + heights[r] > capacity) used = 0;
    used += heights[r];
  });
  return breaks;
}
