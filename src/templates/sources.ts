/**
 * The "Sources & assumptions" sheet: every sourced figure and every assumption a workbook uses,
 * each with its value (a link to the cell that holds it, so it cannot drift), its document,
 * section, status and date, or its rationale. A reader without DealLoop can audit every input.
 */
import { documentCitation } from "../data/documents";
import { section, titleBlock } from "./blocks";
import { calc, fx, header, label, statusTag, WorkbookBuilder } from "./builder";

export const SOURCES_SHEET = "Sources & assumptions";

const COLUMNS = [
  "Kind",
  "What",
  "Value",
  "Sheet",
  "Status",
  "Document",
  "Section",
  "As of",
  "Document id",
  "Rationale or derivation",
];

/** Adds the sheet, listing what the builder has placed so far (call it last). */
export function sourcesSheet(wb: WorkbookBuilder): void {
  const placed = [...wb.placed];
  const sheet = wb.sheet(SOURCES_SHEET, [14, 40, 14, 18, 14, 26, 40, 12, 34, 60]);
  titleBlock(
    wb,
    sheet,
    SOURCES_SHEET,
    "Every sourced figure and every assumption in this workbook"
  );
  const facts = placed.filter((p) => p.cell.kind === "input");
  const assumptions = placed.filter((p) => p.cell.kind === "assumption");
  for (const [title, group] of [
    ["Sourced figures", facts],
    ["Assumptions (no document states them)", assumptions],
  ] as const) {
    section(sheet, `${title}: ${group.length}`);
    sheet.row(...COLUMNS.map(header));
    for (const { ref, cell } of group) {
      const value = calc(fx`${ref}`, { ...(cell.format ? { format: cell.format } : {}) });
      if (cell.kind === "input") {
        const s = cell.source;
        sheet.row(
          label("Sourced"),
          label(cell.label),
          value,
          label(ref.sheet),
          label(statusTag(s), "tag"),
          label(s.origin ? `your source ${s.origin}: ${s.document}` : documentCitation(s.document)),
          label(s.section),
          label(s.asOf ?? ""),
          label(s.origin ? "" : s.document),
          label(s.derivation ? `derived: ${s.derivation}` : "", "note")
        );
      } else {
        sheet.row(
          label(cell.missing ? "MISSING" : "Assumption", cell.missing ? "warning" : "tag"),
          label(cell.label),
          value,
          label(ref.sheet),
          label(cell.missing ? "to fill" : "assumption", "tag"),
          null,
          null,
          null,
          null,
          label(cell.rationale, "note")
        );
      }
    }
    sheet.blank();
  }
}
