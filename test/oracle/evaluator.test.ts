/**
 * The cached results of formulas the templates do not use yet (IRR, XIRR, XNPV, NPV, PMT, INDEX,
 * MATCH, CHOOSE, SUMPRODUCT over EXACT, COUNTIF wildcards, Excel errors…), written by the .xlsx
 * writer and recalculated by LibreOffice: every cached value must be LibreOffice's within 1e-9
 * relative. Templates that adopt these functions are then cached correctly from the start. Where
 * Excel and LibreOffice disagree (listed below), no value is stored.
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { evaluatePlan } from "../../src/templates/evaluate";
import { PlanCell, SheetPlan } from "../../src/templates/plan";
import { planToBuffer } from "../../src/workbook/xlsxWriter";
import {
  describeWithLibreOffice,
  readWorkbook,
  recalculate,
  resultOf,
} from "../support/libreoffice";

type Entry = number | string | null;

/** Microsoft's XNPV/XIRR flows and dates, IRR's flows, and small tables from the help pages. */
const DATA: Entry[][] = [
  [-10000, 39448, -70000, "apples", 32, "Cloud", 25],
  [2750, 39508, 12000, "oranges", 54, "cloud", 38],
  [4250, 39751, 15000, "peaches", 75, "Cloud", 40],
  [3250, 39859, 18000, "apples", 86, null, 41],
  [2750, 39904, 21000, null, null, null, null],
  [null, null, 26000, null, null, null, null],
];

const FORMULAS = [
  "XNPV(0.09,Data!A1:A5,Data!B1:B5)",
  "XIRR(Data!A1:A5,Data!B1:B5)",
  "XIRR(Data!A1:A5,Data!B1:B5,0.5)",
  "IRR(Data!C1:C5)",
  "IRR(Data!C1:C6)",
  "IRR(Data!C1:C3,-0.1)",
  "IRR(Flows)",
  "NPV(0.1,-10000,3000,4200,6800)",
  "NPV(0.08,Data!C2:C6)+Data!C1",
  "PMT(0.08/12,10,10000)",
  "PMT(0.08/12,10,10000,0,1)",
  "PMT(0.06/12,18*12,0,50000)",
  "PMT(0,4,1000,200)",
  "PV(0.08/12,12*20,500,,0)",
  "PV(0.05,10,-1)",
  "NORM.S.DIST(1.333333,TRUE)",
  "NORM.S.DIST(-0.5,FALSE)",
  "ROUND(-1.475,2)",
  "ROUND(626.3,-3)",
  "MOD(-3,2)+INT(-8.9)",
  "POWER(98.6,3.2)",
  "EXP(1)*LN(86)/SQRT(2)",
  "ABS(-4)^0.5",
  'SUMIF(Data!D1:D4,"apples",Data!E1:E4)',
  'COUNTIF(Data!D1:D4,"*es")',
  'COUNTIF(Data!D1:D4,"?????es")',
  'COUNTIF(Data!E1:E4,">55")',
  'COUNTIF(Data!E1:E4,"<>"&Data!E3)',
  'SUMPRODUCT(--EXACT(Data!F1:F3,"Cloud"),Data!E1:E3)',
  'SUMPRODUCT((Data!F1:F3="cloud")*Data!E1:E3)',
  "SUMPRODUCT(Data!C1:C3,Data!E1:E3)",
  "SUMPRODUCT(Data!C1:C2,Data!E1:E3)",
  "INDEX(Data!D1:E4,2,2)",
  "MATCH(39,Data!G1:G4,1)",
  "MATCH(41,Data!G1:G4,0)",
  'MATCH("PEACHES",Data!D1:D4,0)',
  "MATCH(42,Data!G1:G4,0)",
  "INDEX(Data!E1:E4,MATCH(40,Data!G1:G4,1))",
  'CHOOSE(2,"1st","2nd","3rd")',
  "CHOOSE(5,1,2)",
  'EXACT("Word","word")',
  "ROWS(Data!A1:G6)*10+COLUMNS(Data!A1:G6)",
  "COUNT(Data!D1:E6)+COUNTA(Data!D1:E6)",
  "MIN(Data!E1:E6)+MAX(Data!E1:E6)+AVERAGE(Data!E1:E6)+SUM(Data!E1:E6)",
  "AND(Data!E1>1,Data!E4<100)",
  "OR(Data!E1>100,NOT(Data!E4>100))",
  "-2^2+2^3^2",
  "50%*4",
  '"x"&(0.1+0.2)',
  '"a"="A"',
  '1<"a"',
  "0.1+0.2=0.3",
  "0.3-0.1-0.2",
  "Data!F6",
  'IF(Data!E1>100,1,"")',
  "1/0",
  "NA()+1",
  '"a"+1',
  "SUM(1,NA(),1/0)",
  "IF(NA(),1,2)",
  "IF(TRUE,1,NA())",
  'IFERROR(1/0,"x")',
  "IFNA(NA(),0)",
  "IFNA(1/0,0)",
  "ISNA(NA())",
  "ISERROR(Data!F6)",
  'ISNUMBER("1")',
  "AND(TRUE,NA())",
  "AVERAGE(Data!F5:F6)",
  "EXP(1000)",
  "MOD(1,0)",
  "PMT(0.1,0,100)",
];

/** Where Excel and LibreOffice give different results, the writer stores none (Excel's value first). */
const HOSTS_DIFFER = [
  "INDEX(Data!D1:E4,5,1)", // #REF!, #VALUE!
  '"a"&1.5&TRUE', // a1.5TRUE, a1.51
  '"a"<TRUE', // TRUE, FALSE
  "SQRT(-1)", // #NUM!, #VALUE!
  "LN(0)", // #NUM!, #VALUE!
  "0^-1", // #DIV/0!, #NUM!
  "NPV(-1,1)", // #DIV/0!, #NUM!
  "IRR(Data!E1:E4)", // #NUM!, #N/A (no outflow)
  "XIRR(Data!A1:A5,Data!B1:B4)", // #NUM!, #VALUE!
  "XNPV(0.1,Data!A1:A5,Data!B1:B4)", // #NUM!, #VALUE!
];

function cellOf(entry: Entry): PlanCell | null {
  if (entry === null) return null;
  return { kind: "label", text: entry, role: "text" };
}

function batteryPlan(): SheetPlan {
  const sheet = (name: string, rows: (PlanCell | null)[][]) => ({
    name,
    rows,
    columnWidths: [12],
    freeze: { rows: 0, columns: 0 },
    print: { area: "A1", landscape: false, fitToWidth: 1 },
  });
  return {
    template: "evaluator",
    title: "Evaluator battery",
    dealId: "none",
    asOf: "2026",
    missing: [],
    names: [{ name: "Flows", sheet: "Data", address: "$C$1:$C$6" }],
    sheets: [
      sheet(
        "Data",
        DATA.map((row) => row.map(cellOf))
      ),
      sheet(
        "Checks",
        [...FORMULAS, ...HOSTS_DIFFER].map((formula) => [{ kind: "formula", formula, link: true }])
      ),
    ],
  };
}

/** Relative agreement; an exact zero must come back as zero (to 1e-9 absolute). */
function agrees(actual: number, expected: number): boolean {
  if (expected === 0) return Math.abs(actual) <= 1e-9;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(Math.abs(actual), Math.abs(expected));
}

describeWithLibreOffice("LibreOffice recalculation oracle", (soffice) => {
  test("every cached result of the evaluator battery is LibreOffice's recalculated value", async () => {
    const plan = batteryPlan();
    expect(evaluatePlan(plan).uncomputed.map((cell) => cell.formula)).toEqual(HOSTS_DIFFER);
    const dir = mkdtempSync(join(tmpdir(), "dealloop-evaluator-"));
    const file = join(dir, "battery.xlsx");
    writeFileSync(file, await planToBuffer(plan));
    const [converted] = await recalculate(soffice, [file], join(dir, "recalculated"));
    const ours = (await readWorkbook(file)).getWorksheet("Checks") as ExcelJS.Worksheet;
    const theirs = (await readWorkbook(converted)).getWorksheet("Checks") as ExcelJS.Worksheet;
    const mismatches = FORMULAS.flatMap((formula, i) => {
      const cached = resultOf(ours.getCell(i + 1, 1));
      const recalculated = resultOf(theirs.getCell(i + 1, 1));
      const same =
        typeof cached === "number" && typeof recalculated === "number"
          ? agrees(cached, recalculated)
          : JSON.stringify(cached) === JSON.stringify(recalculated);
      return same
        ? []
        : [
            `${formula}: cached ${JSON.stringify(cached)}, LibreOffice ${JSON.stringify(recalculated)}`,
          ];
    });
    expect(mismatches).toEqual([]);
    HOSTS_DIFFER.forEach((formula, i) => {
      const row = FORMULAS.length + i + 1;
      expect([formula, ours.getCell(row, 1).value]).toEqual([formula, { formula }]);
      // LibreOffice's value, which Excel does not share: the reason no value is stored.
      expect(resultOf(theirs.getCell(row, 1))).not.toBeNull();
    });
  }, 120_000);
});
