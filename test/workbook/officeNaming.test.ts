/** Names the Office.js writer gives what it adds, and how formulas follow them. */
import fc from "fast-check";
import { isValidSheetName } from "../../src/templates/a1";
import { renameReferences } from "../../src/workbook/formulaTokens";
import {
  legalSheetName,
  NameSet,
  parseSheetReference,
  uniqueDefinedName,
  uniqueSheetName,
} from "../../src/workbook/sheetNames";

describe("sheet names", () => {
  it("take the next free number, compared without case", () => {
    expect(uniqueSheetName("Vendor loop", new NameSet(["Sheet1"]))).toBe("Vendor loop");
    expect(uniqueSheetName("Vendor loop", new NameSet(["VENDOR LOOP"]))).toBe("Vendor loop (2)");
    expect(uniqueSheetName("Vendor loop", new NameSet(["Vendor loop", "vendor loop (2)"]))).toBe(
      "Vendor loop (3)"
    );
  });

  it("stay within 31 characters, legal, and never the reserved History", () => {
    const long = "Contingent tranche valuation xy"; // 31
    expect(uniqueSheetName(long, new NameSet([long]))).toBe("Contingent tranche valuatio (2)");
    expect(uniqueSheetName("History", new NameSet())).toBe("History (2)");
    expect(legalSheetName("a/b:c?d*e[f]g\\h")).toBe("a_b_c_d_e_f_g_h");
    expect(legalSheetName("'quoted'")).toBe("quoted");
  });

  it("are always legal and free, whatever exists", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.array(fc.string({ maxLength: 35 }), { maxLength: 8 }),
        (wanted, taken) => {
          const name = uniqueSheetName(wanted, new NameSet(taken));
          expect(isValidSheetName(name)).toBe(true);
          expect(taken.map((t) => t.toLowerCase())).not.toContain(name.toLowerCase());
        }
      )
    );
  });
});

describe("defined names", () => {
  it("take a numeric suffix when taken", () => {
    expect(uniqueDefinedName("Loop_Spend", new NameSet(["loop_spend"]))).toBe("Loop_Spend_2");
    expect(uniqueDefinedName("Loop_Spend", new NameSet(["Loop_Spend", "Loop_Spend_2"]))).toBe(
      "Loop_Spend_3"
    );
    expect(() => uniqueDefinedName("A1", new NameSet())).toThrow(/not a valid defined name/);
  });
});

describe("formulas follow renamed sheets and names", () => {
  const sheets = new Map([
    ["vendor loop", "Vendor loop (2)"],
    ["inputs", "Inputs (2)"],
    ["o'brien", "O'Brien (2)"],
  ]);
  const names = new Map([["loop_spend", "Loop_Spend_2"]]);

  it.each([
    ["'Vendor loop'!B4*2", "'Vendor loop (2)'!B4*2"],
    ["Inputs!$B$4+inputs!C5", "'Inputs (2)'!$B$4+'Inputs (2)'!C5"],
    ["'O''Brien'!A1", "'O''Brien (2)'!A1"],
    ["Loop_Spend*LOOP_SPEND", "Loop_Spend_2*Loop_Spend_2"],
    [
      'IF(Loop_Spend>0,"Loop_Spend on \'Vendor loop\'!B4","")',
      'IF(Loop_Spend_2>0,"Loop_Spend on \'Vendor loop\'!B4","")',
    ],
    ["Other!Loop_Spend", "Other!Loop_Spend"],
    ["LOOP_SPEND_RATE+Loop_Spend2", "LOOP_SPEND_RATE+Loop_Spend2"],
    ["NORM.S.DIST(B4,TRUE)", "NORM.S.DIST(B4,TRUE)"],
  ])("%s → %s", (formula, expected) =>
    expect(renameReferences(formula, sheets, names)).toBe(expected)
  );
});

describe("reading a reference back", () => {
  it.each([
    ["='Vendor loop'!$B$4", { sheet: "Vendor loop", address: "B4" }],
    ["=Inputs!C12", { sheet: "Inputs", address: "C12" }],
    ["='O''Brien (2)'!$AA$100", { sheet: "O'Brien (2)", address: "AA100" }],
  ])("%s", (formula, expected) => expect(parseSheetReference(formula)).toEqual(expected));

  it.each(["=#REF!", "=#REF!$B$4", "=A1", "=Inputs!A1:B2", "=SUM(Inputs!A1)"])(
    "%s is not one",
    (formula) => expect(parseSheetReference(formula)).toBeUndefined()
  );
});
