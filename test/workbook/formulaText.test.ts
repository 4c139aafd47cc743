/** Formula text for the file format (_xlfn. prefixes) and for Office.js, and header/footer codes. */
import { toFileFormula, toOfficeFormula } from "../../src/workbook/formulaText";
import { headerFooterCode } from "../../src/workbook/print";

describe("toFileFormula", () => {
  it("prefixes functions newer than Excel 2007, as Excel writes them", () => {
    expect(toFileFormula("NORM.S.DIST(A1,TRUE)")).toBe("_xlfn.NORM.S.DIST(A1,TRUE)");
    expect(toFileFormula("IF(x,NORM.S.DIST(a,TRUE)-NORM.S.DIST(b,TRUE),0)")).toBe(
      "IF(x,_xlfn.NORM.S.DIST(a,TRUE)-_xlfn.NORM.S.DIST(b,TRUE),0)"
    );
    expect(toFileFormula("norm.s.dist(1,TRUE)")).toBe("_xlfn.norm.s.dist(1,TRUE)");
  });

  it("leaves classic functions, names, strings and quoted sheet names alone", () => {
    for (const same of [
      "NPV(Loop_Rate,B2:B11)+PV(r,n,-1)",
      '"NORM.S.DIST(1,TRUE)"',
      '"say ""NORM.S.DIST("" please"',
      "'NORM.S.DIST(x'!A1",
      "_xlfn.NORM.S.DIST(1,TRUE)",
      "NORM.S.DIST_RATE*2",
      "MY.NORM.S.DIST(1)",
    ]) {
      expect(toFileFormula(same)).toBe(same);
    }
  });

  it("gives Office.js the text with its leading =", () => {
    expect(toOfficeFormula("NORM.S.DIST(1,TRUE)")).toBe("=NORM.S.DIST(1,TRUE)");
  });
});

describe("headerFooterCode", () => {
  it("places sections and page tokens, doubling a literal &", () => {
    expect(
      headerFooterCode({
        left: "Smith & Co",
        center: "As of 2026",
        right: "Page {page} of {pages}",
      })
    ).toBe("&LSmith && Co&CAs of 2026&RPage &P of &N");
    expect(headerFooterCode({ left: "{sheet}" })).toBe("&L&A");
    expect(headerFooterCode({})).toBeUndefined();
    expect(headerFooterCode(undefined)).toBeUndefined();
  });
});
