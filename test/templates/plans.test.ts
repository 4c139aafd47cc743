/**
 * Properties of every plan, for every template on every deal of the library (whether it applies or
 * not): native formulas only (no DEAL.*, no function LibreOffice or Excel 2010 lacks), every input
 * cited, every assumption explained, a missing fact never a zero, names and print setup sound.
 */
import { documentCitation } from "../../src/data/documents";
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { TEMPLATES } from "../../src/templates";
import { parseCellAddress } from "../../src/templates/a1";
import { SheetPlan } from "../../src/templates/plan";
import { PAGE_WIDTH_BUDGET } from "../../src/templates/printFit";
import { buildPlan } from "../../src/templates/template";
import { allCells } from "./planQuery";

/** The classic functions templates may use: they recalculate in every spreadsheet. */
const ALLOWED = new Set(
  "SUM SUMIF SUMPRODUCT MIN MAX IF AND NOT EXACT NPV PV EXP LN SQRT NORM.S.DIST AVERAGE ABS COUNT NA HYPERLINK COUNTIF IRR IFERROR".split(
    " "
  )
);

const built: { template: string; deal: string; applies: boolean; plan: SheetPlan }[] = [];
for (const template of TEMPLATES) {
  for (const deal of BUILTIN_LIBRARY) {
    const { applies } = template.applicability(deal, BUILTIN_LIBRARY);
    built.push({
      template: template.name,
      deal: deal.id,
      applies,
      plan: buildPlan(template, { deal, deals: BUILTIN_LIBRARY, overrides: {} }),
    });
  }
}

const withoutStrings = (formula: string) =>
  formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'!/g, "S!");

describe("every template on every deal", () => {
  it("builds (applicable or not)", () => {
    expect(built.length).toBe(TEMPLATES.length * BUILTIN_LIBRARY.length);
    expect(built.filter((b) => b.applies).length).toBeGreaterThanOrEqual(20);
  });

  it("writes only native formulas from the classic function set", () => {
    const offending: string[] = [];
    for (const { template, deal, plan } of built) {
      for (const { cell } of allCells(plan)) {
        if (cell.kind !== "formula") continue;
        const text = withoutStrings(cell.formula);
        if (/DEAL\./i.test(cell.formula)) offending.push(`${template}/${deal}: ${cell.formula}`);
        for (const [, name] of text.matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\(/g)) {
          if (!ALLOWED.has(name.toUpperCase()))
            offending.push(`${template}/${deal}: ${name} in ${cell.formula}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it("cites every sourced input and explains every assumption", () => {
    for (const { plan } of built) {
      for (const { cell } of allCells(plan)) {
        if (cell.kind === "input") {
          expect(cell.source.document.trim()).not.toBe("");
          expect(cell.source.section.trim()).not.toBe("");
          // cited by the document's title, kind and era; the file name is only an id
          expect(cell.note).toContain(documentCitation(cell.source.document));
          expect(cell.note).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
        }
        if (cell.kind === "assumption") {
          expect(cell.rationale.trim()).not.toBe("");
          expect(cell.note).toContain(cell.rationale);
        }
      }
    }
  });

  it("shows a missing fact as a flagged empty assumption, never a number", () => {
    for (const { template, applies, plan } of built) {
      const missing = allCells(plan).filter(
        ({ cell }) => cell.kind === "assumption" && cell.missing
      );
      for (const { cell } of missing) expect(cell.kind === "assumption" && cell.value).toBeNull();
      expect(plan.missing.length).toBe(
        new Set(missing.map(({ cell }) => cell.kind === "assumption" && cell.key)).size
      );
      if (applies) expect(plan.missing).toEqual([]);
      if (!applies && (template === "vendor-loop" || template === "contingent-tranche"))
        expect(plan.missing.length).toBeGreaterThan(0);
    }
  });

  it("names only cells that hold something, with valid unique names", () => {
    for (const { plan } of built) {
      const names = plan.names.map((n) => n.name.toLowerCase());
      expect(new Set(names).size).toBe(names.length);
      for (const name of plan.names) {
        const sheet = plan.sheets.find((s) => s.name === name.sheet)!;
        const { row, column } = parseCellAddress(name.address.split(":")[0]);
        expect(sheet.rows[row - 1][column - 1]).not.toBeNull();
      }
    }
  });

  it("prints each sheet landscape, within the width budget per page, over its whole used range, with the title rows frozen", () => {
    for (const { plan } of built) {
      for (const sheet of plan.sheets) {
        expect(sheet.print.landscape).toBe(true);
        const width = sheet.columnWidths.reduce((sum, w) => sum + w, 0);
        // At most two pages wide, each page within the budget that keeps text at 8 pt or more.
        expect([sheet.name, sheet.print.fitToWidth]).toEqual([
          sheet.name,
          width <= PAGE_WIDTH_BUDGET ? 1 : 2,
        ]);
        expect(width / sheet.print.fitToWidth).toBeLessThanOrEqual(PAGE_WIDTH_BUDGET);
        const [, end] = sheet.print.area.split(":");
        const { row, column } = parseCellAddress(end);
        expect(row).toBe(sheet.rows.length);
        expect(column).toBe(sheet.columnWidths.length);
        expect(sheet.freeze.rows).toBe(3);
      }
    }
  });
});
