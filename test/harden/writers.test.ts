/**
 * Issue 11, items 1, 7 and 10: both writers hold a plan to Excel's limits the same way, and no
 * character XML forbids reaches a file, whatever a source's text holds.
 */
import ExcelJS from "exceljs";
import { calc, inputCell, label, rawFormula, WorkbookBuilder } from "../../src/templates/builder";
import { constantEntry, formulaEntry } from "../../src/workbook/officeWriter";
import { headerFooterCode, headerFooterSections } from "../../src/workbook/print";
import { planToBuffer } from "../../src/workbook/xlsxWriter";
import { illFormedParts } from "./xmlParts";

const source = { document: "memo.pdf", section: "Terms", status: "reported", asOf: "2026" };

function planWith(title: string, build: (sheet: ReturnType<WorkbookBuilder["sheet"]>) => void) {
  const wb = new WorkbookBuilder({ template: "test", title, dealId: "deal-1", asOf: "2026" });
  build(wb.sheet("Sheet", [30, 14]));
  return wb.build();
}

describe("characters XML forbids", () => {
  test("U+FFFE, U+FFFF, NUL and a lone surrogate in labels, notes and the title give a well-formed file", async () => {
    const hostile = "Terms \ufffe\uffff\u0000\ud800 end";
    const plan = planWith(`Deal ${hostile}`, (sheet) => {
      sheet.row(label(hostile), inputCell("Amount", 5, { ...source, section: hostile }));
      sheet.row({ ...label("x"), note: hostile });
    });
    const buffer = await planToBuffer(plan);
    expect(await illFormedParts(buffer)).toEqual([]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(book.getWorksheet("Sheet")?.getCell("A1").value).toBe("Terms  end");
  });
});

describe("Excel's limits, the same in both writers", () => {
  test("a text over 32,767 characters is refused by both, with the same message", async () => {
    const long = "x".repeat(32768);
    const message = "a text of 32768 characters is over Excel's 32767";
    await expect(planToBuffer(planWith("t", (s) => void s.row(label(long))))).rejects.toThrow(
      message
    );
    expect(() => constantEntry(long)).toThrow(message);
    // The limit itself is allowed.
    expect(constantEntry("x".repeat(32767))).toHaveLength(32768); // behind its apostrophe
  });

  test("a note over 32,767 characters is refused", async () => {
    const plan = planWith("t", (s) => void s.row({ ...label("x"), note: "n".repeat(160076) }));
    await expect(planToBuffer(plan)).rejects.toThrow("over Excel's 32767");
  });

  test("a formula over 8,192 characters (with its =) is refused by both", async () => {
    // 1+1+…: 2 characters a term, so 4,096 terms make 8,191 characters and "=" makes 8,192.
    const terms = (n: number) => Array(n).fill("1").join("+");
    const at = (n: number) => planWith("t", (s) => void s.row(calc(rawFormula(terms(n)))));
    expect(formulaEntry(terms(4096))).toHaveLength(8192);
    expect(() => formulaEntry(terms(4097))).toThrow(
      "a formula of 8194 characters is over Excel's 8192"
    );
    await expect(planToBuffer(at(4097))).rejects.toThrow("a formula of 8194 characters");
    await expect(planToBuffer(at(4096))).resolves.toBeInstanceOf(Buffer);
  });

  test("a sheet name Excel refuses is refused, not renamed", async () => {
    const plan = planWith("t", (s) => void s.row(label("x")));
    const renamed = { ...plan, sheets: [{ ...plan.sheets[0], name: "a/b" }] };
    await expect(planToBuffer(renamed)).rejects.toThrow('"a/b" is not a sheet name Excel accepts');
  });
});

describe("headers and footers", () => {
  test("a 500-character deal title is cut visibly so that the footer keeps to 255 characters", async () => {
    const title = "T".repeat(500);
    const plan = planWith(title, (s) => void s.row(label("x")));
    const code = headerFooterCode(plan.sheets[0].print.footer) as string;
    expect(code).toHaveLength(255);
    expect(code).toMatch(/^&LT+…&CAs of 2026&RPage &P of &N$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await planToBuffer(plan)) as unknown as ArrayBuffer);
    expect(book.getWorksheet("Sheet")?.headerFooter.oddFooter).toBe(code);
    // The Office.js writer sets the same three sections.
    expect(headerFooterSections(plan.sheets[0].print.footer).join("")).toBe(
      code.replace(/&[LCR]/g, "")
    );
  });

  test("the cut never splits an & code: a title of ampersands stays an even run", () => {
    const code = headerFooterCode({ left: "&".repeat(300), right: "{page}" }) as string;
    expect(code.length).toBeLessThanOrEqual(255);
    const left = /^&L(&*)…&R&P$/.exec(code);
    expect(left?.[1].length ?? 1).toBeGreaterThan(0);
    expect((left?.[1].length ?? 1) % 2).toBe(0);
  });

  test("{page} in a deal title is printed as text, not as the page number", () => {
    const plan = planWith("Deal {page} {sheet} & co", (s) => void s.row(label("x")));
    const [left, , right] = headerFooterSections(plan.sheets[0].print.footer);
    expect(left).toBe("Deal {page} {sheet} && co");
    expect(right).toBe("Page &P of &N");
  });
});
