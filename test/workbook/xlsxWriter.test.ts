/**
 * The .xlsx writer, read back with ExcelJS: every plan convention lands in the file (formulas
 * with cached values, _xlfn. prefixes, styles by kind, notes, formats, names, freeze, print).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import {
  assumptionCell,
  calc,
  fx,
  inputCell,
  label,
  liveCalc,
  rawFormula,
  spilled,
  WorkbookBuilder,
} from "../../src/templates/builder";
import { FORMATS } from "../../src/templates/plan";
import { COLORS } from "../../src/workbook/styles";
import { planToBuffer } from "../../src/workbook/xlsxWriter";
import { resultOf } from "../support/libreoffice";

const source = {
  document: "004_e66127d25fc20cd4.txt",
  section: "Navigating the Risks",
  status: "announced",
  asOf: "2026",
};
const HOSTILE = ["=1+1", "+1", "-1", "@SUM(1)", '=HYPERLINK("http://example.com","x")'];

async function sample() {
  const wb = new WorkbookBuilder({
    template: "test",
    title: "Smith & Co test",
    dealId: "deal-1",
    asOf: "2026",
  });
  const sheet = wb.sheet("Vendor loop", [30, 14]);
  sheet.row(label("Title", "title"));
  sheet.freeze(1);
  const [, spend] = sheet.row(
    label("Spend"),
    inputCell("Spend", 100e9, source, FORMATS.usdBillions)
  );
  const [, margin] = sheet.row(
    label("Margin"),
    assumptionCell("vendor_margin", "Margin", 0.3, "a round figure", FORMATS.percent)
  );
  const [, missing] = sheet.row(
    label("Years"),
    assumptionCell("spend_years", "Years", null, "The deal states none.")
  );
  const named = wb.define("Loop_Margin", margin);
  sheet.row(
    label("Margin on spend"),
    calc(fx`${named}*${spend}`, { format: FORMATS.usdBillions, expected: 30e9 })
  );
  sheet.row(label("N(0)"), calc(fx`NORM.S.DIST(0,TRUE)`));
  sheet.row(label("Per year"), calc(fx`${spend}/${missing}`));
  for (const text of HOSTILE) sheet.row(label(text), inputCell("Hostile", text, source));
  const other = wb.sheet("Summary", [20]);
  other.row(calc(fx`${spend}`, { format: FORMATS.usdBillions }));
  const plan = wb.build();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await planToBuffer(plan)) as unknown as ArrayBuffer);
  return {
    plan,
    book,
    ws: book.getWorksheet("Vendor loop") as ExcelJS.Worksheet,
    summary: book.getWorksheet("Summary") as ExcelJS.Worksheet,
  };
}

describe("planToBuffer", () => {
  it("writes native formulas with their results, with _xlfn. where the file format needs it", async () => {
    const { ws, summary } = await sample();
    // Results: 30% of 100e9; N(0) = 1/2; the link reads 100e9.
    expect(ws.getCell("B5").value).toEqual({ formula: "Loop_Margin*B2", result: 30e9 });
    expect(ws.getCell("B6").value).toEqual({ formula: "_xlfn.NORM.S.DIST(0,TRUE)", result: 0.5 });
    expect(summary.getCell("A1").value).toEqual({ formula: "'Vendor loop'!B2", result: 100e9 });
    // A missing fact is =NA(): every dependant shows #N/A, never a silent zero.
    expect(ws.getCell("B4").value).toEqual({ formula: "NA()", result: { error: "#N/A" } });
    expect(ws.getCell("B7").value).toEqual({ formula: "B2/B4", result: { error: "#N/A" } });
  });

  it("keeps text that looks like a formula as text", async () => {
    const { ws } = await sample();
    HOSTILE.forEach((text, i) => {
      for (const address of [`A${8 + i}`, `B${8 + i}`]) {
        expect(ws.getCell(address).type).toBe(ExcelJS.ValueType.String);
        expect(ws.getCell(address).value).toBe(text);
      }
    });
  });

  it("styles inputs blue, assumptions shaded, missing flagged, links green", async () => {
    const { ws, summary } = await sample();
    const color = (cell: ExcelJS.Cell) => cell.font?.color?.argb;
    const fill = (cell: ExcelJS.Cell) =>
      (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect(color(ws.getCell("B2"))).toBe(`FF${COLORS.input}`);
    expect(fill(ws.getCell("B2"))).toBeUndefined();
    expect(color(ws.getCell("B3"))).toBe(`FF${COLORS.input}`);
    expect(fill(ws.getCell("B3"))).toBe(`FF${COLORS.assumptionFill}`);
    expect(fill(ws.getCell("B4"))).toBe(`FF${COLORS.missingFill}`);
    expect(color(ws.getCell("B5"))).toBe(`FF${COLORS.formula}`);
    expect(color(summary.getCell("A1"))).toBe(`FF${COLORS.link}`);
  });

  it("writes formats, notes with citations and rationale, names, freeze and print setup", async () => {
    const { ws, book } = await sample();
    expect(ws.getCell("B2").numFmt).toBe('$#,##0.0,,,"B"');
    expect(ws.getCell("B3").numFmt).toBe("0.0%");
    const note = (address: string) => JSON.stringify(ws.getCell(address).note);
    expect(note("B2")).toContain(
      "Analysis of the expanded Amazon–Anthropic partnership, 2026 — Navigating the Risks"
    );
    expect(note("B2")).not.toContain(".txt");
    expect(note("B3")).toContain("a round figure");
    expect(note("B4")).toContain("Missing fact");
    expect(book.definedNames.model).toEqual([
      { name: "Loop_Margin", ranges: ["'Vendor loop'!$B$3"] },
    ]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1, xSplit: 0 });
    expect(ws.pageSetup).toMatchObject({
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect(ws.pageSetup.printArea).toMatch(/A\$?1:\$?B\$?12$/);
    expect(ws.headerFooter.oddFooter).toBe("&LSmith && Co test&CAs of 2026&RPage &P of &N");
  });
});

describe("cached formula results", () => {
  /** Each kind of result, from formulas whose value is plain arithmetic or Excel's documented error. */
  const KINDS: [string, unknown][] = [
    ["1.5*2", 3],
    ['"a"&"b"', "ab"],
    ["1=1", true],
    ["1=2", false],
    ["2-2", 0],
    ["NA()", { error: "#N/A" }],
    ["1/0", { error: "#DIV/0!" }],
    ["EXP(1000)", { error: "#NUM!" }],
    ['"a"+1', { error: "#VALUE!" }],
  ];

  async function written(formulas: string[]) {
    const wb = new WorkbookBuilder({ template: "test", title: "t", dealId: "d", asOf: "2026" });
    const sheet = wb.sheet("Results", [20]);
    for (const formula of formulas) sheet.row(calc(rawFormula(formula)));
    const buffer = await planToBuffer(wb.build());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    return { buffer, book, ws: book.getWorksheet("Results") as ExcelJS.Worksheet };
  }

  it("round-trips numbers, text, booleans, zero and each error kind through ExcelJS", async () => {
    const { ws } = await written(KINDS.map(([formula]) => formula));
    KINDS.forEach(([formula, result], i) => {
      expect([formula, resultOf(ws.getCell(i + 1, 1))]).toEqual([formula, result]);
    });
  });

  it("stores an empty text result as Excel does (t=str, empty value)", async () => {
    const { buffer } = await written(['IF(1>2,1,"")']);
    const zip = await JSZip.loadAsync(buffer);
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(xml).toMatch(
      /<c r="A1"[^>]*t="str"[^>]*><f>IF\(1&gt;2,1,&quot;&quot;\)<\/f><v><\/v><\/c>/
    );
  });

  it("writes no result where the evaluator cannot promise Excel's value", async () => {
    const { ws } = await written(["DEAL.VALUATION_STEP(1,2,3,4)", "A1*2", "FOO(1)"]);
    for (const row of [1, 2, 3]) expect(ws.getCell(row, 1).result).toBeUndefined();
  });

  it("still asks Excel to recalculate everything on open", async () => {
    // ExcelJS does not read calcPr back: the workbook part is read as text.
    const { buffer } = await written(["1+1"]);
    const xml = await (await JSZip.loadAsync(buffer)).file("xl/workbook.xml")!.async("string");
    expect(xml).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
  });
});

describe("a DEAL formula where no native formula computes (an add-in cell)", () => {
  /** Two parts spilled by an add-in formula, their header with words for each place, and a native sum of them. */
  async function written() {
    const wb = new WorkbookBuilder({ template: "test", title: "t", dealId: "d", asOf: "2026" });
    const sheet = wb.sheet("Web", [24, 14]);
    sheet.row({ ...label("Part (computed 2026-01-02)", "header"), live: "Part (live)" });
    // A spill: the formula in the first cell, the second filled by it in Excel.
    const [first] = sheet.row(
      liveCalc(rawFormula('DEAL.CIRCULARITY(A9:C12,"by_flow")'), 8e9, {
        format: FORMATS.usdBillions,
      })
    );
    const [second] = sheet.row(spilled(5e9, { format: FORMATS.usdBillions }));
    sheet.row(calc(fx`SUM(${first},${second})`));
    const buffer = await planToBuffer(wb.build());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    return { buffer, ws: book.getWorksheet("Web") as ExcelJS.Worksheet };
  }

  it("stores the value, never the DEAL formula (a reader without the add-in would see #NAME?)", async () => {
    const { buffer, ws } = await written();
    expect(ws.getCell("A2").value).toBe(8e9);
    expect(ws.getCell("A2").numFmt).toBe(FORMATS.usdBillions);
    expect(ws.getCell("A3").value).toBe(5e9);
    const xml = await (
      await JSZip.loadAsync(buffer)
    )
      .file("xl/worksheets/sheet1.xml")!
      .async("string");
    expect(xml).not.toMatch(/DEAL/);
  });

  it("says what a file holds (the computed date, not the live words), and native formulas read the value", async () => {
    const { ws } = await written();
    expect(ws.getCell("A1").value).toBe("Part (computed 2026-01-02)");
    expect(resultOf(ws.getCell("A4"))).toBe(8e9 + 5e9);
  });
});
