/** A1 addresses and names, against Excel's documented limits and reference syntax. */
import fc from "fast-check";
import {
  cellAddress,
  columnIndex,
  columnLetters,
  isValidDefinedName,
  isValidSheetName,
  parseCellAddress,
  rangeAddress,
  sheetPrefix,
} from "../../src/templates/a1";

describe("columns", () => {
  it.each([
    [1, "A"],
    [26, "Z"],
    [27, "AA"],
    [52, "AZ"],
    [53, "BA"],
    [702, "ZZ"],
    [703, "AAA"],
    [16384, "XFD"], // Excel's last column
  ])("%i is %s", (n, letters) => {
    expect(columnLetters(n)).toBe(letters);
    expect(columnIndex(letters)).toBe(n);
    expect(columnIndex(letters.toLowerCase())).toBe(n);
  });

  it("round-trips every column", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16384 }), (n) => columnIndex(columnLetters(n)) === n)
    );
  });

  it("refuses what is not a column", () => {
    expect(() => columnLetters(0)).toThrow(RangeError);
    expect(() => columnLetters(16385)).toThrow(RangeError);
    expect(() => columnIndex("XFE")).toThrow(RangeError);
    expect(() => columnIndex("A1")).toThrow(RangeError);
  });
});

describe("cell and range addresses", () => {
  it("writes relative and absolute addresses", () => {
    expect(cellAddress(4, 2)).toBe("B4");
    expect(cellAddress(4, 2, true)).toBe("$B$4");
    expect(rangeAddress(4, 2, 13, 2)).toBe("B4:B13");
    expect(rangeAddress(13, 3, 4, 2, true)).toBe("$B$4:$C$13");
    expect(rangeAddress(4, 2, 4, 2)).toBe("B4");
  });

  it("round-trips through parsing", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1048576 }),
        fc.integer({ min: 1, max: 16384 }),
        fc.boolean(),
        (row, column, abs) => {
          const parsed = parseCellAddress(cellAddress(row, column, abs));
          return parsed.row === row && parsed.column === column;
        }
      )
    );
    expect(() => parseCellAddress("B0")).toThrow(RangeError);
    expect(() => parseCellAddress("B1048577")).toThrow(RangeError);
  });
});

describe("sheet references", () => {
  it("quotes a sheet name only when Excel needs it", () => {
    expect(sheetPrefix("Inputs")).toBe("Inputs!");
    expect(sheetPrefix("Vendor loop")).toBe("'Vendor loop'!");
    expect(sheetPrefix("O'Brien")).toBe("'O''Brien'!");
    expect(sheetPrefix("Sources & assumptions")).toBe("'Sources & assumptions'!");
    // Names that read as references must be quoted.
    expect(sheetPrefix("A1")).toBe("'A1'!");
    expect(sheetPrefix("R1C1")).toBe("'R1C1'!");
    expect(sheetPrefix("2026")).toBe("'2026'!");
  });

  it("knows Excel's sheet-name rules", () => {
    expect(isValidSheetName("Vendor loop")).toBe(true);
    expect(isValidSheetName("a".repeat(31))).toBe(true);
    expect(isValidSheetName("a".repeat(32))).toBe(false);
    expect(isValidSheetName("")).toBe(false);
    for (const bad of ["a/b", "a\\b", "a?b", "a*b", "a[b", "a]b", "a:b", "'ab"])
      expect(isValidSheetName(bad)).toBe(false);
  });
});

describe("defined names", () => {
  it("accepts names and refuses what reads as a reference", () => {
    for (const ok of ["Loop_Investment", "Tranche.Amount", "_x", "Flow_From", "AB_1"])
      expect(isValidDefinedName(ok)).toBe(true);
    // NPV1 is the cell in column NPV, row 1; R1C1, R and C are R1C1 references.
    for (const bad of [
      "NPV1",
      "XFD1",
      "A1",
      "R1C1",
      "R",
      "C",
      "C12",
      "1abc",
      "a b",
      "TRUE",
      "a-b",
      "",
    ]) {
      expect(isValidDefinedName(bad)).toBe(false);
    }
  });
});
