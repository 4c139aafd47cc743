/**
 * What the sharing panel says: the scan shown before anything changes (which DEAL cells become
 * values, every error cell by address, the sources it will list), and the outcome of prepare and
 * restore, in sentences.
 */
import { cellReference, PrepareResult, RestoreResult, ShareScan } from "../workbook/share";

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/** The scan's headline: what prepare will change and what it found. */
export function scanSummary(scan: ShareScan): string {
  const cells = plural(scan.deal.length, "cell");
  const errors =
    scan.errors.length === 0 ? "no error cells" : plural(scan.errors.length, "error cell");
  return `${cells} with DEAL formulas will keep their values without the formulas; ${errors}; ${plural(scan.sources.length, "source or assumption", "sources and assumptions")} to list.`;
}

/** Every error cell, by address: "'Vendor loop'!B7: #N/A (=NA())". */
export const errorLines = (scan: ShareScan): string[] =>
  scan.errors.map(
    (cell) =>
      `${cellReference(cell.sheet, cell.address)}: ${cell.error}${cell.formula ? ` (${cell.formula})` : ""}`
  );

export function prepareSummary(result: PrepareResult): string {
  if (result.status === "cancelled") return "Cancelled: nothing changed.";
  return `Prepared for sharing: ${plural(result.record.entries.length, "formula")} replaced by ${
    result.record.entries.length === 1 ? "its value" : "their values"
  } (Restore formulas puts them back); sources and assumptions listed on “${result.sourcesSheet}”.`;
}

/** The outcome of restore, and every cell it left alone. */
export function restoreSummary(result: RestoreResult): string[] {
  return [
    `Restored ${plural(result.restored, "formula")}; removed ${result.removedSheets.map((s) => `“${s}”`).join(", ") || "no sheets"}.`,
    ...result.conflicts.map(
      (c) =>
        `${cellReference(c.sheet, c.address)} was left alone: it now holds ${c.found}, not the value prepare left (its formula was ${c.recorded}).`
    ),
    ...result.missing.map(
      (e) =>
        `${cellReference(e.sheet, e.address)} was not restored: its sheet no longer exists (formula ${e.formula}).`
    ),
  ];
}
