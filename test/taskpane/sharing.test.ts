/**
 * What the sharing panel tells the user before and after: every error cell by its address as
 * Excel writes a reference (a sheet name with a space is quoted), counts that agree with the scan,
 * and every cell restore left alone.
 */
import {
  prepareSummary,
  restoreSummary,
  errorLines,
  scanSummary,
} from "../../src/taskpane/sharing";
import { ShareScan } from "../../src/workbook/share";

const dealCell = (address: string) => ({
  sheet: "Model",
  row: 1,
  column: 1,
  address,
  formula: "=DEAL.FACT(1,2)",
  value: 1,
});
const scan: ShareScan = {
  deal: [dealCell("A1"), dealCell("A2")],
  errors: [
    { sheet: "Vendor loop", address: "B7", error: "#N/A", formula: "=NA()" },
    { sheet: "Model", address: "C3", error: "#DIV/0!" },
  ],
  calculating: [],
  sources: [],
  prepared: false,
  sheetsRead: 2,
  cellsRead: 40,
};

test("the scan says what will change and lists every error cell by address", () => {
  expect(scanSummary(scan)).toBe(
    "2 cells with DEAL formulas will keep their values without the formulas; 2 error cells; 0 sources and assumptions to list."
  );
  expect(errorLines(scan)).toEqual(["'Vendor loop'!B7: #N/A (=NA())", "Model!C3: #DIV/0!"]);
  expect(scanSummary({ ...scan, deal: [dealCell("A1")], errors: [] })).toMatch(
    /^1 cell with DEAL .*; no error cells;/
  );
});

test("prepare's outcome counts the formulas it recorded", () => {
  const record = {
    asOf: "2026-01-01",
    version: "0.1.0",
    entries: [{ sheet: "Model", address: "A1", formula: "=DEAL.FACT(1,2)" }],
  };
  expect(
    prepareSummary({ status: "prepared", scan, record, sourcesSheet: "Sources & assumptions" })
  ).toBe(
    "Prepared for sharing: 1 formula replaced by its value (Restore formulas puts them back); sources and assumptions listed on “Sources & assumptions”."
  );
  expect(prepareSummary({ status: "cancelled", scan })).toBe("Cancelled: nothing changed.");
});

test("restore names every cell it left alone", () => {
  const lines = restoreSummary({
    restored: 3,
    conflicts: [{ sheet: "Model", address: "A2", found: "=1+1", recorded: "=DEAL.FACT(1,2)" }],
    missing: [{ sheet: "Gone", address: "B1", formula: "=DEAL.FACT(3,4)" }],
    removedSheets: ["Sources & assumptions"],
  });
  expect(lines).toHaveLength(3);
  expect(lines[0]).toBe("Restored 3 formulas; removed “Sources & assumptions”.");
  expect(lines[1]).toMatch(/^Model!A2 was left alone/);
  expect(lines[2]).toMatch(/^Gone!B1 was not restored/);
});
