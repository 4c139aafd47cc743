/**
 * The "Sources & assumptions" sheet: every sourced figure and every assumption a workbook uses,
 * each with its value (a link to the cell that holds it, so it cannot drift), its document,
 * section, status and date, or its rationale. A reader without DealLoop can audit every input.
 */
import { derivationWords } from "../data/labels";
import { section, titleBlock } from "./blocks";
import {
  calc,
  documentLine,
  fx,
  header,
  label,
  Ref,
  statusTag,
  WorkbookBuilder,
  wrapped,
} from "./builder";

export const SOURCES_SHEET = "Sources & assumptions";

const FACT_COLUMNS = [
  "Kind",
  "What",
  "Value",
  "Sheet",
  "Status",
  "Document",
  "Section",
  "Document id",
];
const ASSUMPTION_COLUMNS = ["Kind", "What", "Value", "Sheet", "Status", "Rationale"];
/** Narrow enough to print at a readable size one page wide; long text wraps in its column. */
const WIDTHS = [11, 24, 12, 13, 13, 34, 28, 12];

/** Adds the sheet, listing what the builder has placed so far (call it last). */
export function sourcesSheet(wb: WorkbookBuilder): void {
  const placed = [...wb.placed];
  const sheet = wb.sheet(SOURCES_SHEET, WIDTHS);
  titleBlock(
    wb,
    sheet,
    SOURCES_SHEET,
    "Every sourced figure and every assumption in this workbook"
  );
  const facts = placed.filter((p) => p.cell.kind === "input");
  const assumptions = placed.filter((p) => p.cell.kind === "assumption");
  // A link to a text fact shows that text: it wraps in its column where it is long.
  const value = (ref: Ref, shown: number | string | null, format?: string) =>
    calc(fx`${ref}`, {
      ...(format ? { format } : {}),
      ...(typeof shown === "string" ? { shows: shown } : {}),
    });

  section(sheet, `Sourced figures: ${facts.length}`);
  sheet.row(...FACT_COLUMNS.map(header));
  for (const { ref, cell } of facts) {
    if (cell.kind !== "input") continue;
    const s = cell.source;
    sheet.row(
      label("Sourced"),
      wrapped(cell.label),
      value(ref, cell.value, cell.format),
      wrapped(ref.sheet),
      wrapped(statusTag(s), "tag"),
      wrapped(documentLine(s)),
      wrapped(
        s.derivation ? `${s.section} · derived: ${derivationWords(s.derivation)}` : s.section
      ),
      wrapped(s.origin ? "" : s.document, "note")
    );
  }
  sheet.blank();

  section(sheet, `Assumptions (no document states them): ${assumptions.length}`);
  sheet.row(...ASSUMPTION_COLUMNS.map(header));
  for (const { ref, cell } of assumptions) {
    if (cell.kind !== "assumption") continue;
    sheet.row(
      label(cell.missing ? "MISSING" : "Assumption", cell.missing ? "warning" : "tag"),
      wrapped(cell.label),
      value(ref, cell.value, cell.format),
      wrapped(ref.sheet),
      wrapped(cell.missing ? "to fill" : "assumption", "tag"),
      wrapped(cell.rationale, "note")
    );
  }
  sheet.blank();
}
