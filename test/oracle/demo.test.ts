/**
 * The oracle: every workbook `dealloop demo` writes is recalculated by LibreOffice (recalculation
 * on load forced), and every output cell must equal the DealLoop engine's value for the same
 * inputs within 1e-9 relative, with no error cell anywhere. LibreOffice computes the native
 * formulas with its own implementation (NPV, PV, EXP, LN, NORM.S.DIST, SUMIF…), so agreement is
 * evidence from outside our code. Without LibreOffice the suite is skipped loudly, and fails
 * when CI=true.
 */
import { mkdtempSync, readdirSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { buildLibrary, BUILTIN_LIBRARY } from "../../src/data/library";
import { demoVerb } from "../../src/cli/demo";
import { findTemplate } from "../../src/templates";
import { demoEntries, demoPlan, INDEX_FILE } from "../../src/templates/demo";
import { expectations, SheetPlan } from "../../src/templates/plan";
import { buildPlan } from "../../src/templates/template";
import { planToBuffer } from "../../src/workbook/xlsxWriter";
import { writeFileSync } from "fs";
import {
  errorCells,
  describeWithLibreOffice,
  readWorkbook,
  recalculate,
  resultOf,
} from "../support/libreoffice";

/** Relative agreement; an exact zero must come back as zero (to 1e-9 absolute). */
function agrees(actual: number, expected: number): boolean {
  if (expected === 0) return Math.abs(actual) <= 1e-9;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(Math.abs(actual), Math.abs(expected));
}

const HOSTILE = [
  "=1+1",
  "+1",
  "-1",
  "@SUM(1)",
  '=HYPERLINK("http://example.com","click")',
  "=cmd|' /C calc'!A0",
];

/** A user source whose text facts start with = + - @: they must come back as the same text. */
function hostileSource(): string {
  const header =
    "deal_id,deal_title,deal_date,deal_status,parties,key,value,unit,status,document,section,as_of";
  const rows = HOSTILE.map(
    (text, i) =>
      `hostile-2026,Hostile text,2026,reported,Acme: investee,term_${i},"${text.replace(/"/g, '""')}",text,reported,hostile.csv,=SUM(1),2026`
  );
  return [header, ...rows].join("\n");
}

describeWithLibreOffice("LibreOffice recalculation oracle", (soffice) => {
  describe("LibreOffice recalculates every demo workbook to the engine's values", () => {
    const dir = mkdtempSync(join(tmpdir(), "dealloop-oracle-"));
    const plans = new Map<string, SheetPlan>();
    const books = new Map<string, ExcelJS.Workbook>();
    /** The files as DealLoop wrote them (with cached results), before LibreOffice touched them. */
    const written = new Map<string, ExcelJS.Workbook>();
    let hostile: ExcelJS.Workbook;

    beforeAll(async () => {
      const lines: string[] = [];
      const code = await demoVerb.run(["--out", dir], {
        out: (t) => lines.push(t),
        err: (t) => lines.push(t),
      });
      expect(code).toBe(0);
      for (const entry of demoEntries(BUILTIN_LIBRARY))
        plans.set(entry.file, demoPlan(entry, BUILTIN_LIBRARY));

      const { deals, problems } = buildLibrary([{ name: "hostile.csv", text: hostileSource() }]);
      expect(problems).toEqual([]);
      const deal = deals.find((d) => d.id === "hostile-2026");
      const summary = buildPlan(findTemplate("ic-summary")!, { deal: deal!, deals, overrides: {} });
      writeFileSync(join(dir, "hostile.xlsx"), await planToBuffer(summary));

      const files = readdirSync(dir).filter((f) => f.endsWith(".xlsx"));
      const converted = await recalculate(
        soffice,
        files.map((f) => join(dir, f)),
        join(dir, "recalculated")
      );
      for (const [i, file] of files.entries()) {
        books.set(file, await readWorkbook(converted[i]));
        written.set(file, await readWorkbook(join(dir, file)));
      }
      hostile = books.get("hostile.xlsx") as ExcelJS.Workbook;
    }, 300_000);

    it("covers every workbook the demo wrote, and the index", () => {
      expect(plans.size).toBeGreaterThanOrEqual(20);
      for (const file of [...plans.keys(), INDEX_FILE]) expect(books.has(file)).toBe(true);
    });

    it("finds no error cell in any sheet", () => {
      expect(errorCells(books)).toEqual([]);
    });

    it("agrees with the engine on every output cell within 1e-9 relative", () => {
      const mismatches: string[] = [];
      let checked = 0;
      for (const [file, plan] of plans) {
        const book = books.get(file) as ExcelJS.Workbook;
        for (const { sheet, row, column, expected } of expectations(plan)) {
          const value = resultOf(book.getWorksheet(sheet)!.getCell(row, column));
          checked += 1;
          if (typeof value !== "number" || !agrees(value, expected)) {
            mismatches.push(
              `${file} ${sheet} R${row}C${column}: LibreOffice ${JSON.stringify(value)}, engine ${expected}`
            );
          }
        }
      }
      console.log(
        `oracle: ${plans.size} workbooks, ${checked} output cells recalculated by LibreOffice and checked against the engine`
      );
      expect(mismatches).toEqual([]);
      // The engine-check rows that repeated outputs are gone; the vendor loop's outputs gain
      // expected values once LOOK_THROUGH is in the engine.
      expect(checked).toBeGreaterThan(350);
    });

    it("stores in every formula cell the result LibreOffice recalculates (1e-9 relative)", () => {
      const mismatches: string[] = [];
      let cached = 0;
      for (const [file, book] of written) {
        const recalculated = books.get(file) as ExcelJS.Workbook;
        book.eachSheet((sheet) =>
          sheet.eachRow((row) =>
            row.eachCell((cell) => {
              if (cell.type !== ExcelJS.ValueType.Formula) return;
              const ours = resultOf(cell);
              const theirs = resultOf(recalculated.getWorksheet(sheet.name)!.getCell(cell.address));
              cached += 1;
              // ExcelJS reads a cached empty text (<v></v>) as no result, in both files alike.
              const same =
                typeof ours === "number" && typeof theirs === "number"
                  ? agrees(ours, theirs)
                  : JSON.stringify(ours) === JSON.stringify(theirs);
              if (!same)
                mismatches.push(
                  `${file} ${sheet.name}!${cell.address} =${cell.formula}: cached ${JSON.stringify(ours)}, LibreOffice ${JSON.stringify(theirs)}`
                );
            })
          )
        );
      }
      console.log(
        `cached values: ${cached} formula cells in ${written.size} files agree with LibreOffice`
      );
      expect(mismatches).toEqual([]);
      expect(cached).toBeGreaterThan(1000);
    });

    it("keeps sourced text that starts with = + - @ as text", () => {
      const texts = new Set<string>();
      hostile.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            if (cell.type === ExcelJS.ValueType.String) texts.add(cell.value as string);
          })
        )
      );
      for (const text of HOSTILE) expect(texts).toContain(text);
      // The section name "=SUM(1)" is cited as text too.
      expect([...texts].some((t) => t.includes("=SUM(1)"))).toBe(true);
    });

    it("links every workbook from the index", () => {
      const index = books.get(INDEX_FILE) as ExcelJS.Workbook;
      const linked = new Set<string>();
      index.getWorksheet("Index")!.eachRow((row) => {
        const value = resultOf(row.getCell(1));
        if (typeof value === "string" && value.endsWith(".xlsx")) linked.add(value);
      });
      expect([...linked].sort()).toEqual([...plans.keys()].sort());
    });
  });
});
