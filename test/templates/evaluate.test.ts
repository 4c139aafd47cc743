/**
 * The plan's formula evaluator on Microsoft's documented examples for each function (the figures
 * printed in the function's Excel help page), Excel's operator and error rules, and the cells it
 * must refuse to guess. Every template and deal: no formula cell is left without a value.
 */
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { demoEntries, demoPlan, indexPlan } from "../../src/templates/demo";
import { CachedValue, evaluatePlan } from "../../src/templates/evaluate";
import { NamedRange, PlanCell, SheetPlan } from "../../src/templates/plan";

type Entry = number | string | null;

/** A plan cell: "=…" is a formula, anything else a plain value. */
function cellOf(entry: Entry): PlanCell | null {
  if (entry === null) return null;
  if (typeof entry === "string" && entry.startsWith("="))
    return { kind: "formula", formula: entry.slice(1), link: false };
  return { kind: "label", text: entry, role: "text" };
}

function planOf(sheets: Record<string, Entry[][]>, names: NamedRange[] = []): SheetPlan {
  return {
    template: "test",
    title: "test",
    dealId: "test",
    asOf: "2026",
    names,
    missing: [],
    sheets: Object.entries(sheets).map(([name, rows]) => ({
      name,
      rows: rows.map((row) => row.map(cellOf)),
      columnWidths: [10],
      freeze: { rows: 0, columns: 0 },
      print: { area: "A1", landscape: false, fitToWidth: 1 },
    })),
  };
}

/** The value of `formula` written in the row below `data` (data from A1). */
function valueOf(formula: string, data: Entry[][] = []): CachedValue | undefined {
  return evaluatePlan(planOf({ Sheet1: [...data, [`=${formula}`]] })).resultAt(
    "Sheet1",
    data.length + 1,
    1
  );
}

const column = (...values: Entry[]): Entry[][] => values.map((v) => [v]);

describe("documented Excel examples", () => {
  // XNPV and XIRR help pages: the same five dated flows.
  const flows = [
    [-10000, 39448],
    [2750, 39508],
    [4250, 39751],
    [3250, 39859],
    [2750, 39904],
  ];

  it("XNPV at 9% is 2086.6476 and XIRR is 0.37336253 on Microsoft's dated flows", () => {
    // The dates are serials of 2008-01-01, 2008-03-01, 2008-10-30, 2009-02-15, 2009-04-01.
    expect(valueOf("XNPV(0.09,A1:A5,B1:B5)", flows)).toBeCloseTo(2086.6476, 4);
    expect(valueOf("XIRR(A1:A5,B1:B5)", flows)).toBeCloseTo(0.37336253, 8);
    // XIRR's rate is a root of XNPV: a property, not our figure.
    const rate = valueOf("XIRR(A1:A5,B1:B5)", flows) as number;
    expect(Math.abs(valueOf(`XNPV(${rate},A1:A5,B1:B5)`, flows) as number)).toBeLessThan(1e-6);
  });

  it("IRR: -2.1% over four years, 8.7% over five, -44.4% over two with a -10% guess", () => {
    const data = column(-70000, 12000, 15000, 18000, 21000, 26000);
    expect(valueOf("ROUND(IRR(A1:A5),3)", data)).toBe(-0.021);
    expect(valueOf("ROUND(IRR(A1:A6),3)", data)).toBe(0.087);
    expect(valueOf("ROUND(IRR(A1:A3,-0.1),3)", data)).toBe(-0.444);
    const rate = valueOf("IRR(A1:A6)", data) as number;
    expect(Math.abs(valueOf(`NPV(${rate},A2:A6)+A1`, data) as number)).toBeLessThan(1e-6);
  });

  it("NPV: 1,188.44 at 10%; 1,922.06 and -3,749.47 at 8%", () => {
    expect(valueOf("ROUND(NPV(0.1,-10000,3000,4200,6800),2)")).toBe(1188.44);
    const data = column(0.08, -40000, 8000, 9200, 10000, 12000, 14500);
    expect(valueOf("ROUND(NPV(A1,A3:A7)+A2,2)", data)).toBe(1922.06);
    expect(valueOf("ROUND(NPV(A1,A3:A7,-9000)+A2,2)", data)).toBe(-3749.47);
  });

  it("PMT: -1,037.03, -1,030.16 paid in advance, -129.08 to save 50,000; PV -59,777.15", () => {
    expect(valueOf("ROUND(PMT(0.08/12,10,10000),2)")).toBe(-1037.03);
    expect(valueOf("ROUND(PMT(0.08/12,10,10000,0,1),2)")).toBe(-1030.16);
    expect(valueOf("ROUND(PMT(0.06/12,18*12,0,50000),2)")).toBe(-129.08);
    expect(valueOf("ROUND(PV(0.08/12,12*20,500,,0),2)")).toBe(-59777.15);
    // rate 0: the closed form -(pv + fv)/n.
    expect(valueOf("PMT(0,4,1000,200)")).toBe(-300);
  });

  it("NORM.S.DIST(1.333333): 0.908788726 cumulative, 0.164010148 density", () => {
    expect(valueOf("NORM.S.DIST(1.333333,TRUE)")).toBeCloseTo(0.908788726, 9);
    expect(valueOf("_xlfn.NORM.S.DIST(1.333333,FALSE)")).toBeCloseTo(0.164010148, 9);
  });

  it("ROUND, MOD and INT as their help pages print them", () => {
    const cases: [string, number][] = [
      ["ROUND(2.15,1)", 2.2],
      ["ROUND(2.149,1)", 2.1],
      ["ROUND(-1.475,2)", -1.48],
      ["ROUND(21.5,-1)", 20],
      ["ROUND(626.3,-3)", 1000],
      ["ROUND(1.98,-1)", 0],
      ["ROUND(-50.55,-2)", -100],
      ["MOD(3,2)", 1],
      ["MOD(-3,2)", 1],
      ["MOD(3,-2)", -1],
      ["MOD(-3,-2)", -1],
      ["INT(8.9)", 8],
      ["INT(-8.9)", -9],
      ["POWER(5,2)", 25],
      ["POWER(98.6,3.2)", 98.6 ** 3.2],
      ["ABS(-4)", 4],
      ["SQRT(16)", 4],
      ["EXP(1)", Math.E],
      ["LN(86)", Math.log(86)],
    ];
    for (const [formula, expected] of cases)
      expect([formula, valueOf(formula)]).toEqual([formula, expected]);
  });

  it("SUMIF, COUNTIF and SUMPRODUCT on their help pages' tables", () => {
    const property = [
      [100000, 7000],
      [200000, 14000],
      [300000, 21000],
      [400000, 28000],
    ];
    expect(valueOf('SUMIF(A1:A4,">160000",B1:B4)', property)).toBe(63000);
    expect(valueOf('SUMIF(A1:A4,">160000")', property)).toBe(900000);
    expect(valueOf("SUMIF(A1:A4,300000,B1:B4)", property)).toBe(21000);
    const fruit = [
      ["apples", 32],
      ["oranges", 54],
      ["peaches", 75],
      ["apples", 86],
    ];
    expect(valueOf('COUNTIF(A1:A4,"apples")', fruit)).toBe(2);
    expect(valueOf("COUNTIF(A1:A4,A1)", fruit)).toBe(2);
    expect(valueOf('COUNTIF(B1:B4,">55")', fruit)).toBe(2);
    expect(valueOf('COUNTIF(B1:B4,"<>"&B3)', fruit)).toBe(3);
    expect(valueOf('COUNTIF(A1:A4,"*es")', fruit)).toBe(4);
    expect(valueOf('COUNTIF(A1:A4,"?????es")', fruit)).toBe(2);
    // 3*2 + 4*7 + 8*6 + 6*7 + 1*5 + 9*3 = 156, the SUMPRODUCT page's total.
    const grid = [
      [3, 4, 2, 7],
      [8, 6, 6, 7],
      [1, 9, 5, 3],
    ];
    expect(valueOf("SUMPRODUCT(A1:B3,C1:D3)", grid)).toBe(156);
  });

  it("SUMPRODUCT over EXACT and comparisons counts matches element by element", () => {
    const data = [
      ["Cloud", 10],
      ["cloud", 20],
      ["Cloud", 30],
    ];
    expect(valueOf('SUMPRODUCT(--EXACT(A1:A3,"Cloud"),B1:B3)', data)).toBe(40);
    expect(valueOf('SUMPRODUCT((A1:A3="cloud")*B1:B3)', data)).toBe(60);
    expect(valueOf("SUMPRODUCT(A1:A2,B1:B3)", data)).toEqual({ error: "#VALUE!" });
  });

  it("INDEX, MATCH, CHOOSE, EXACT, ROWS, COLUMNS", () => {
    const fruit = [
      ["Apples", "Lemons"],
      ["Bananas", "Pears"],
    ];
    expect(valueOf("INDEX(A1:B2,2,2)", fruit)).toBe("Pears");
    expect(valueOf("INDEX(A1:B2,2,1)", fruit)).toBe("Bananas");
    const sorted = column(25, 38, 40, 41);
    expect(valueOf("MATCH(39,A1:A4,1)", sorted)).toBe(2);
    expect(valueOf("MATCH(41,A1:A4,0)", sorted)).toBe(4);
    expect(valueOf("MATCH(42,A1:A4,0)", sorted)).toEqual({ error: "#N/A" });
    expect(valueOf('MATCH("lemons",A1:B1,0)', fruit)).toBe(2);
    expect(valueOf("INDEX(A1:A4,MATCH(40,A1:A4,0))", sorted)).toBe(40);
    expect(valueOf('CHOOSE(2,"1st","2nd","3rd","Finished")')).toBe("2nd");
    expect(valueOf("CHOOSE(5,1,2)")).toEqual({ error: "#VALUE!" });
    expect(valueOf('EXACT("word","word")')).toBe(true);
    expect(valueOf('EXACT("Word","word")')).toBe(false);
    expect(valueOf('EXACT("w ord","word")')).toBe(false);
    expect(valueOf("ROWS(A1:B3)*10+COLUMNS(A1:B3)", [[1], [2], [3]])).toBe(32);
  });

  it("AND, OR, NOT, COUNT, COUNTA, MIN, MAX, AVERAGE, HYPERLINK", () => {
    const data = column(5, "text", null, 7);
    expect(valueOf("AND(A1>1,A4<10)", data)).toBe(true);
    expect(valueOf("OR(A1>10,A4>10)", data)).toBe(false);
    expect(valueOf("NOT(A1>10)", data)).toBe(true);
    expect(valueOf("COUNT(A1:A4)", data)).toBe(2);
    expect(valueOf("COUNTA(A1:A4)", data)).toBe(3);
    expect(valueOf("MIN(A1:A4)+MAX(A1:A4)", data)).toBe(12);
    expect(valueOf("AVERAGE(A1:A4)", data)).toBe(6);
    expect(valueOf("SUM(A1:A4)", data)).toBe(12);
    expect(valueOf('HYPERLINK("a.xlsx","open a")')).toBe("open a");
  });
});

describe("Excel's operators", () => {
  it("negation binds before ^, which runs left to right; percent divides by 100", () => {
    expect(valueOf("-2^2")).toBe(4);
    expect(valueOf("2^3^2")).toBe(64);
    expect(valueOf("2+3*4-6/2")).toBe(11);
    expect(valueOf("50%*4")).toBe(2);
    expect(valueOf("(1+0.1)^-2")).toBeCloseTo(1 / 1.21, 15);
    expect(valueOf("1E-9*2")).toBe(2e-9);
  });

  it("joins text with &, numbers as General shows them", () => {
    expect(valueOf('"a"&1.5&"b"')).toBe("a1.5b");
    expect(valueOf('"x"&(0.1+0.2)')).toBe("x0.3");
  });

  it("compares case-blind, numbers before text before booleans, and round-off as equal", () => {
    expect(valueOf('"a"="A"')).toBe(true);
    expect(valueOf('1<"a"')).toBe(true);
    expect(valueOf("TRUE>FALSE")).toBe(true);
    expect(valueOf("0.1+0.2=0.3")).toBe(true);
    expect(valueOf("A1=0", [[null]])).toBe(true);
    expect(valueOf('A1=""', [[null]])).toBe(true);
  });

  it("a sum that cancels to round-off is exactly 0, as Excel and LibreOffice give it", () => {
    expect(valueOf("0.3-0.1-0.2")).toBe(0);
    expect(valueOf("A1", [[null]])).toBe(0);
  });
});

describe("Excel errors propagate as Excel propagates them", () => {
  const cases: [string, CachedValue][] = [
    ["1/0", { error: "#DIV/0!" }],
    ["NA()+1", { error: "#N/A" }],
    ['"a"+1', { error: "#VALUE!" }],
    ["EXP(1000)", { error: "#NUM!" }],
    ["(1/0)&NA()", { error: "#DIV/0!" }],
    ["SUM(1,NA(),1/0)", { error: "#N/A" }],
    ["IF(NA(),1,2)", { error: "#N/A" }],
    ["IF(TRUE,1,NA())", 1],
    ['IF(FALSE,1/0,"no")', "no"],
    ['IFERROR(1/0,"x")', "x"],
    ["IFNA(NA(),0)", 0],
    ["IFNA(1/0,0)", { error: "#DIV/0!" }],
    ["ISNA(NA())", true],
    ["ISNA(1/0)", false],
    ["ISERROR(1/0)", true],
    ['ISNUMBER("1")', false],
    ["AND(TRUE,NA())", { error: "#N/A" }],
    ["ABS(NA())", { error: "#N/A" }],
    ["AVERAGE(B1)", { error: "#DIV/0!" }],
    ["#N/A", { error: "#N/A" }],
  ];
  it.each(cases)("%s", (formula, expected) => expect(valueOf(formula)).toEqual(expected));

  it("an error in a referenced cell reaches its dependants; a missing assumption is #N/A", () => {
    const plan = planOf({ S: [["=1/0", "=A1*2", null, "=ISERROR(B1)"]] });
    plan.sheets[0].rows[0][2] = {
      kind: "assumption",
      key: "k",
      label: "k",
      value: null,
      format: undefined,
      rationale: "",
      missing: true,
      note: "",
    };
    plan.sheets[0].rows[0].push({ kind: "formula", formula: "C1+1", link: false });
    const values = evaluatePlan(plan);
    expect(values.resultAt("S", 1, 2)).toEqual({ error: "#DIV/0!" });
    expect(values.resultAt("S", 1, 3)).toEqual({ error: "#N/A" });
    expect(values.resultAt("S", 1, 4)).toBe(true);
    expect(values.resultAt("S", 1, 5)).toEqual({ error: "#N/A" });
  });
});

describe("references", () => {
  it("reads other sheets (quoted names too) and the plan's named ranges", () => {
    const plan = planOf(
      {
        Inputs: [[2], [3], [4]],
        "Vendor's loop": [["=SUM(Spend)*Inputs!A1+'Vendor''s loop'!B1", 10]],
      },
      [{ name: "Spend", sheet: "Inputs", address: "$A$1:$A$3" }]
    );
    expect(evaluatePlan(plan).resultAt("Vendor's loop", 1, 1)).toBe(28);
  });
});

describe("long chains", () => {
  it("computes a 20,000-cell chain read from its top (A1 = A2 + 1, …, A20000 = 1)", () => {
    const rows: Entry[][] = Array.from({ length: 20_000 }, (_, i) => [
      i === 19_999 ? "=1" : `=A${i + 2}+1`,
    ]);
    const values = evaluatePlan(planOf({ S: rows }));
    expect(values.uncomputed).toEqual([]);
    expect(values.resultAt("S", 1, 1)).toBe(20_000);
    expect(values.resultAt("S", 10_001, 1)).toBe(10_000);
  });
});

describe("cells it refuses to guess get no value, and are listed", () => {
  const refused = (rows: Entry[][]) => evaluatePlan(planOf({ S: rows })).uncomputed;

  it("a DEAL function, an unknown function, and the cells that depend on them", () => {
    const listed = refused([
      ["=DEAL.VALUATION_STEP(1,2,3,4)", "=A1+1", "=FOO(1)", "=IF(FALSE,FOO(1),5)"],
    ]);
    expect(listed.map((u) => u.address)).toEqual(["A1", "B1", "C1"]);
    expect(listed[0].reason).toMatch(/DEAL\.VALUATION_STEP/);
  });

  it("a circular reference", () => {
    expect(refused([["=B1+1", "=A1+1"]]).map((u) => u.address)).toEqual(["A1", "B1"]);
  });

  it("a circular reference longer than the evaluator descends at once (A1 → … → A3000 → A1)", () => {
    const rows: Entry[][] = Array.from({ length: 3000 }, (_, i) => [`=A${((i + 1) % 3000) + 1}+1`]);
    const listed = refused([...rows, [5], ["=A3001*2"]]);
    expect(listed).toHaveLength(3000);
    expect(new Set(listed.map((u) => u.reason))).toEqual(new Set(["a circular reference"]));
  });

  it("a range where one value is expected (implicit intersection differs by host)", () => {
    expect(refused([[1, 2, "=A1:B1+1"]]).map((u) => u.address)).toEqual(["C1"]);
  });

  it("text Excel might read as a number, and powers where Excel and LibreOffice differ", () => {
    const cells = ['="1,000"+1', "=0^0", "=(-8)^(1/3)", "=0^-1", '="5"+1', "=(-8)^3"];
    expect(refused([cells]).map((u) => u.address)).toEqual(["A1", "B1", "C1", "D1"]);
  });

  it("errors and booleans Excel and LibreOffice show differently", () => {
    // Excel: #NUM!, #NUM!, #REF!, "xTRUE", TRUE; LibreOffice: #VALUE!, #VALUE!, #VALUE!, "x1", FALSE.
    const cells = ["=SQRT(-1)", "=LN(0)", "=INDEX(F1:F2,3)", '="x"&TRUE', '="a"<TRUE', "=SQRT(4)"];
    expect(refused([cells]).map((u) => u.address)).toEqual(["A1", "B1", "C1", "D1", "E1"]);
  });

  it("numbers whose text in General format this evaluator does not model", () => {
    const cells = ['="x"&1E+15', '="x"&0.000001', '="x"&123456.5'];
    expect(refused([cells]).map((u) => u.address)).toEqual(["A1", "B1"]);
  });

  it("rate functions that fail, where Excel and LibreOffice give different errors", () => {
    // NPV at -100%; IRR with no outflow; XIRR and XNPV over unequal lists.
    const cells = ["=NPV(-1,1)", "=IRR(F1:F2)", "=XIRR(F1:F2,G1)", "=XNPV(0.1,F1:F2,G1)"];
    const refusedCells = evaluatePlan(
      planOf({
        S: [
          [...cells, null, 1, 39448],
          [null, null, null, null, null, 2],
        ],
      })
    ).uncomputed;
    expect(refusedCells.map((u) => u.address)).toEqual(["A1", "B1", "C1", "D1"]);
  });

  it("formula text that does not parse", () => {
    expect(refused([["=1+", "=SUM(1"]]).map((u) => u.address)).toEqual(["A1", "B1"]);
  });
});

describe("every template for every deal", () => {
  it("computes every formula cell of the demo set and its index (none left uncached)", () => {
    const entries = demoEntries(BUILTIN_LIBRARY).map((entry) => ({
      ...entry,
      plan: demoPlan(entry, BUILTIN_LIBRARY),
    }));
    const uncomputed = [...entries.map((e) => e.plan), indexPlan(entries)].flatMap((plan) =>
      evaluatePlan(plan).uncomputed.map((u) => `${plan.title}: ${u.sheet}!${u.address} ${u.reason}`)
    );
    expect(entries.length).toBeGreaterThanOrEqual(20);
    expect(uncomputed).toEqual([]);
  });
});
