/**
 * Switches as dropdowns: a plan cell with a list validation becomes a data-validation list in
 * both writers, so a typed value outside the list is refused instead of read as a default.
 */
import ExcelJS from "exceljs";
import { assumptionCell, label, WorkbookBuilder } from "../../src/templates/builder";
import { insertPlan } from "../../src/workbook/officeWriter";
import { listSource } from "../../src/workbook/validation";
import { planToBuffer } from "../../src/workbook/xlsxWriter";
import { ExcelRecorder, SheetState } from "../support/excelRecorder";

const CHOICES = ["Year-end", "Mid-year"];

function switchPlan(choices: readonly string[] = CHOICES) {
  const wb = new WorkbookBuilder({ template: "t", title: "t", dealId: "d", asOf: "2026" });
  const sheet = wb.sheet("Switches", [30, 14]);
  sheet.row(
    label("Timing"),
    assumptionCell("timing", "Timing", "Year-end", "why", undefined, choices)
  );
  sheet.row(label("Plain"), assumptionCell("rate", "Rate", 0.1, "why"));
  return wb.build();
}

describe("the .xlsx writer", () => {
  it("writes a list validation that refuses other values, and none on a plain input", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await planToBuffer(switchPlan())) as unknown as ArrayBuffer);
    const ws = workbook.getWorksheet("Switches")!;
    expect(ws.getCell("B1").dataValidation).toMatchObject({
      type: "list",
      formulae: ['"Year-end,Mid-year"'],
      showErrorMessage: true,
      errorStyle: "stop",
    });
    expect(ws.getCell("B1").value).toBe("Year-end");
    expect(ws.getCell("B2").dataValidation).toBeUndefined();
  });
});

describe("the Office.js writer", () => {
  it("sets the rule and a stop alert on the cell, within the three syncs", async () => {
    const rec = new ExcelRecorder();
    rec.addSheet("Sheet1");
    const result = await insertPlan(rec.context, switchPlan(), {
      capabilities: { notes: "none", spill: false, pageBreaks: false, legendEntries: false },
    });
    expect(result.syncs).toBe(3);
    const sheet = rec.sheetByName("Switches") as SheetState;
    expect(sheet.validations).toEqual({
      B1: {
        rule: { list: { inCellDropDown: true, source: "Year-end,Mid-year" } },
        errorAlert: expect.objectContaining({ showAlert: true, style: "Stop" }),
      },
    });
  });
});

describe("a list Excel cannot hold inline", () => {
  it("is refused with the reason", () => {
    expect(() => listSource({ list: ["a,b"] })).toThrow(/comma/);
    expect(() => listSource({ list: ['say "x"'] })).toThrow(/quote/);
    expect(() => listSource({ list: ["x".repeat(256)] })).toThrow(/255/);
    expect(() => listSource({ list: [] })).toThrow(/at least one/);
  });
});
