/**
 * Prepare for sharing and Restore on a real .xlsx through ExcelJS, checked in the saved file and,
 * where LibreOffice is installed, by recalculating the prepared file as a reader without the
 * add-in would. The DEAL cells' cached values are the engine's (through the custom-function
 * adapter), as Excel would have saved them.
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { VALUATION_STEP } from "../../src/engine/valuation";
import { callDealFunction, CellResult } from "../../src/functions/adapter";
import { expectations } from "../../src/templates/plan";
import { SHARE_RECORD_SHEET, SOURCES_SHEET } from "../../src/workbook/share";
import { prepareXlsx, restoreXlsx, scanXlsx } from "../../src/workbook/xlsxShare";
import { planToWorkbook } from "../../src/workbook/xlsxWriter";
import {
  describeWithLibreOffice,
  readWorkbook,
  recalculate,
  resultOf,
} from "../support/libreoffice";
import { vendorLoopPlan } from "./officeFixtures";

type Cached = number | string | { error: string };
const cached = (result: CellResult): Cached =>
  typeof result === "object" && !Array.isArray(result)
    ? { error: result.error }
    : (result as number | string);
const engine = (...args: unknown[]) => cached(callDealFunction(VALUATION_STEP, args));
const table = callDealFunction(VALUATION_STEP, [100, 25, null, null, "all"]) as CellResult[][];

const ALL = 'DEAL.VALUATION_STEP(100,25,,,"all")';
const ANALYSIS: Record<string, ExcelJS.CellValue> = {
  A1: "Analysis",
  B2: { formula: "DEAL.VALUATION_STEP(100,25)", result: engine(100, 25) } as ExcelJS.CellValue,
  B3: { formula: "B2*2", result: (engine(100, 25) as number) * 2 },
  B4: {
    formula: 'IF(deal.valuation_step(100,25,80,2,"step_up")>1,"up","down")',
    result: (engine(100, 25, 80, 2, "step_up") as number) > 1 ? "up" : "down",
  },
  B5: {
    formula: '"DEAL.VALUATION_STEP(1,2) is only text"',
    result: "DEAL.VALUATION_STEP(1,2) is only text",
  },
  B6: {
    formula: "_xldudf_DEAL_VALUATION_STEP(50,50)",
    result: engine(50, 50),
  } as ExcelJS.CellValue,
  B7: { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellValue,
  B8: { formula: "DEAL.VALUATION_STEP(-1,25)", result: engine(-1, 25) } as ExcelJS.CellValue,
  A10: 100,
  A11: 200,
  A12: 300,
  B10: {
    formula: "DEAL.VALUATION_STEP(A10,25)",
    shareType: "shared",
    ref: "B10:B12",
    result: engine(100, 25),
  } as ExcelJS.CellValue,
  B11: { sharedFormula: "B10", result: engine(200, 25) } as ExcelJS.CellValue,
  B12: { sharedFormula: "B10", result: engine(300, 25) } as ExcelJS.CellValue,
  C10: { formula: "SUM(B10:B12)", result: 675 },
  A14: "=DEAL.VALUATION_STEP(1,2) typed as text",
};

/** A workbook as Excel would save it: a template's sheet plus a sheet of the user's DEAL formulas. */
async function fixture(): Promise<Buffer> {
  const wb = planToWorkbook(vendorLoopPlan());
  const ws = wb.addWorksheet("Analysis");
  for (const [address, value] of Object.entries(ANALYSIS)) ws.getCell(address).value = value;
  table.forEach((row, r) =>
    row.forEach((value, c) => {
      const cell = ws.getCell(2 + r, 4 + c);
      cell.value =
        r === 0 && c === 0
          ? ({
              formula: ALL,
              shareType: "array",
              ref: `D2:E${1 + table.length}`,
              result: cached(value),
            } as ExcelJS.CellValue)
          : (cached(value) as ExcelJS.CellValue);
    })
  );
  const b2 = ws.getCell("B2");
  b2.numFmt = "$#,##0";
  b2.font = { bold: true, color: { argb: "FF0000FF" } };
  b2.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
  ws.getCell("E3").numFmt = "0.0%";
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function load(buffer: Buffer | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as ArrayBuffer);
  return wb;
}

const save = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

/** Every cell of every sheet: formula, shown value, style. */
function contents(wb: ExcelJS.Workbook) {
  return wb.worksheets.map((ws) => {
    const cells: Record<string, unknown> = {};
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const formula = cell.type === ExcelJS.ValueType.Formula ? cell.formula : undefined;
        const value = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
        cells[cell.address] = { formula, value, style: cell.style, note: cell.note };
      })
    );
    return { name: ws.name, state: ws.state, cells };
  });
}

/** Calls DEAL outside string literals (independent of the code under test). */
const callsDealHere = (formula: string) =>
  /(^|[^A-Za-z0-9_.])(DEAL\.|_xldudf_DEAL_)[A-Za-z_]+\(/i.test(
    formula.replace(/"([^"]|"")*"/g, '""')
  );

describe("prepare for sharing on a .xlsx", () => {
  let original: Buffer;
  let prepared: Buffer;

  beforeAll(async () => {
    original = await fixture();
    const wb = await load(original);
    const result = await prepareXlsx(wb, {
      plans: [vendorLoopPlan()],
      asOf: "2026-01-15",
      version: "9.9.9",
    });
    expect(result.status).toBe("prepared");
    prepared = await save(wb);
  });

  it("finds the DEAL cells, in any case, as Excel saves unresolved ones, in arrays and shared formulas", async () => {
    const scan = scanXlsx(await load(original));
    expect(scan.deal.map((d) => `${d.sheet}!${d.address}`).sort()).toEqual(
      ["B10", "B11", "B12", "B2", "B4", "B6", "B8", "D2"].map((a) => `Analysis!${a}`)
    );
    expect(scan.deal.find((d) => d.address === "D2")?.spill).toBe(`D2:E${1 + table.length}`);
  });

  it("lists every error cell with its address", async () => {
    const scan = scanXlsx(await load(original));
    const errors = scan.errors.map((e) => `${e.sheet}!${e.address} ${e.error}`);
    expect(errors).toEqual(
      expect.arrayContaining([
        "Analysis!B7 #DIV/0!",
        "Analysis!B8 #VALUE!",
        "Analysis!E5 #N/A",
        "Analysis!E6 #N/A",
      ])
    );
    expect(errors).toHaveLength(4);
  });

  it("leaves no DEAL call in any formula of the saved file", async () => {
    const zip = await JSZip.loadAsync(prepared);
    const sheets = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    expect(sheets.length).toBeGreaterThan(2);
    for (const file of sheets) {
      const xml = await zip.file(file)!.async("string");
      for (const [, formula] of xml.matchAll(/<f[^>]*>([^<]*)<\/f>/g))
        expect(callsDealHere(formula.replace(/&quot;/g, '"'))).toBe(false);
    }
    const wb = await load(prepared);
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula)
            expect(callsDealHere(cell.formula)).toBe(false);
        })
      );
    }
  });

  it("keeps every value, number format and style", async () => {
    const before = contents(await load(original));
    const after = contents(await load(prepared));
    for (const sheet of before) {
      const now = after.find((s) => s.name === sheet.name)!;
      for (const [address, cell] of Object.entries(sheet.cells) as [
        string,
        { formula?: string; value: unknown; style: unknown },
      ][]) {
        const frozen = now.cells[address] as { formula?: string; value: unknown; style: unknown };
        expect({ address, value: frozen.value }).toEqual({ address, value: cell.value });
        expect(frozen.style).toEqual(cell.style);
        if (!cell.formula || !callsDealHere(cell.formula))
          expect(frozen.formula).toBe(cell.formula);
      }
    }
  });

  it("records the formulas in a very hidden _DealLoop sheet and adds the Sources & assumptions sheet", async () => {
    const wb = await load(prepared);
    expect(wb.getWorksheet(SHARE_RECORD_SHEET)?.state).toBe("veryHidden");
    const sources = wb.getWorksheet(SOURCES_SHEET)!;
    const texts: unknown[] = [];
    sources.eachRow((row) =>
      row.eachCell((cell) =>
        texts.push(cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value)
      )
    );
    for (const expected of [
      "Spend commitment",
      "002_amazon_anthropic.txt",
      "A typical cloud gross margin.",
      "Analysis!B7",
      "#DIV/0!",
    ]) {
      expect(texts).toContain(expected);
    }
    expect(texts).toContain(4e9);
    expect(
      texts.some(
        (t) => typeof t === "string" && t.includes("2026-01-15") && t.includes("DealLoop 9.9.9")
      )
    ).toBe(true);
  });

  it("restore gives back every formula, value, format and sheet exactly", async () => {
    const wb = await load(prepared);
    const result = restoreXlsx(wb);
    expect(result.restored).toBe(8);
    expect(result.conflicts).toEqual([]);
    const restored = await load(await save(wb));
    expect(contents(restored)).toEqual(contents(await load(original)));
    expect(restored.definedNames.model).toEqual((await load(original)).definedNames.model);
  });

  it("refuses a DEAL formula with no saved value, naming it, and changes nothing", async () => {
    const wb = await load(original);
    wb.getWorksheet("Analysis")!.getCell("B2").value = {
      formula: "DEAL.VALUATION_STEP(100,25)",
    } as ExcelJS.CellValue;
    const sheets = wb.worksheets.length;
    await expect(prepareXlsx(wb)).rejects.toThrow(/no saved value to keep \(Analysis!B2\)/);
    expect(wb.worksheets.length).toBe(sheets);
  });

  it("refuses to prepare twice, and to restore what was never prepared", async () => {
    await expect(prepareXlsx(await load(prepared))).rejects.toThrow(/prepared for sharing already/);
    expect(() => restoreXlsx(new ExcelJS.Workbook())).toThrow(/nothing to restore/);
  });
});

describeWithLibreOffice(
  "a prepared workbook recalculated by LibreOffice (a reader without the add-in)",
  (soffice) => {
    let before: ExcelJS.Workbook;
    let after: ExcelJS.Workbook;

    beforeAll(async () => {
      const dir = mkdtempSync(join(tmpdir(), "dealloop-share-"));
      const original = await fixture();
      const wb = await load(original);
      await prepareXlsx(wb, { plans: [vendorLoopPlan()] });
      writeFileSync(join(dir, "original.xlsx"), original);
      writeFileSync(join(dir, "prepared.xlsx"), await save(wb));
      const [o, p] = await recalculate(
        soffice,
        [join(dir, "original.xlsx"), join(dir, "prepared.xlsx")],
        join(dir, "out")
      );
      before = await readWorkbook(o);
      after = await readWorkbook(p);
    }, 120_000);

    it("shows #NAME? for DEAL cells before preparing (the problem this solves)", () => {
      expect(resultOf(before.getWorksheet("Analysis")!.getCell("B2"))).toEqual({ error: "#NAME?" });
    });

    it("shows no #NAME? anywhere after, and only the errors the workbook already had", () => {
      const errors: string[] = [];
      for (const ws of after.worksheets) {
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            const value = resultOf(cell);
            if (value && typeof value === "object")
              errors.push(`${ws.name}!${cell.address} ${value.error}`);
          })
        );
      }
      expect(errors.filter((e) => e.includes("#NAME?"))).toEqual([]);
      expect(errors.filter((e) => !e.startsWith(SHARE_RECORD_SHEET)).sort()).toEqual(
        [
          "Analysis!B7 #DIV/0!",
          "Analysis!B8 #VALUE!",
          "Analysis!E5 #N/A",
          "Analysis!E6 #N/A",
        ].sort()
      );
    });

    it("shows the same numbers: the frozen DEAL values, what depends on them, and the template's outputs", () => {
      const ws = after.getWorksheet("Analysis")!;
      expect(resultOf(ws.getCell("B2"))).toBe(125);
      expect(resultOf(ws.getCell("B3"))).toBe(250);
      expect(resultOf(ws.getCell("B4"))).toBe("up");
      expect(resultOf(ws.getCell("B6"))).toBe(100);
      expect(resultOf(ws.getCell("C10"))).toBe(125 + 225 + 325);
      table.forEach((row, r) =>
        row.forEach((value, c) => expect(resultOf(ws.getCell(2 + r, 4 + c))).toEqual(cached(value)))
      );
      for (const { sheet, row, column, expected } of expectations(vendorLoopPlan())) {
        const got = resultOf(after.getWorksheet(sheet)!.getCell(row, column)) as number;
        expect(Math.abs(got - expected)).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(expected))
        );
      }
    });

    it("lists the sources with their values, recalculated through the links", () => {
      const sources = after.getWorksheet(SOURCES_SHEET)!;
      const values: unknown[] = [];
      sources.eachRow((row) => row.eachCell((cell) => values.push(resultOf(cell))));
      expect(values).toEqual(expect.arrayContaining(["Spend commitment", 4e9, 1.25e9, 2.75e9]));
    });
  }
);
