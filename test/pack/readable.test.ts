/**
 * What a committee member reads: the IC pack's PDF as poppler sees it (pdftotext -bbox gives
 * every word's box), and the words in every reader-facing cell of the .xlsx. Measured on the
 * produced files, not on the plan.
 */
import { execFileSync } from "child_process";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { packFiles, packVerb } from "../../src/cli/pack";
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { demoEntries, demoPlan } from "../../src/templates/demo";
import { SOURCES_SHEET } from "../../src/templates/sources";
import { planToXlsx } from "../../src/workbook/xlsxWriter";
import { oracleStatus, readWorkbook } from "../support/libreoffice";

/** Deals whose packs carry every kind of sheet: loop, tranche, option, ladder, network. */
const DEALS = ["amazon-anthropic-2026", "amazon-openai-2026", "amazon-anthropic-2023"];
/** The smallest word box pdftotext may report: 8 pt text after fit-to-width. */
const MIN_TEXT_HEIGHT = 8;

const status = oracleStatus();
if (status.message) console.warn(status.message);
const withPdf = status.soffice ? describe : status.mustFail ? describe : describe.skip;

async function buildPacks(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "dealloop-readable-"));
  for (const deal of DEALS) {
    const code = await packVerb.run(["--deal", deal, "--out", dir], {
      out: () => {},
      err: () => {},
    });
    expect(code).toBe(0);
  }
  return dir;
}

/** Per page, the height of the smallest word box. */
function smallestTextPerPage(pdf: string): number[] {
  const html = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8" });
  return html
    .split("<page ")
    .slice(1)
    .map((page) => {
      const heights = [...page.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map(
        ([, yMin, yMax]) => Number(yMax) - Number(yMin)
      );
      return Math.min(...heights);
    });
}

withPdf("the IC pack's PDF", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await buildPacks();
  }, 120_000);

  test.each(DEALS)("%s: every page's smallest text is at least 8 pt", (deal) => {
    const heights = smallestTextPerPage(packFiles(dir, deal).pdf);
    expect(heights.length).toBeGreaterThan(0);
    const small = heights
      .map((height, page) => ({ page: page + 1, height: Number(height.toFixed(2)) }))
      .filter(({ height }) => height < MIN_TEXT_HEIGHT);
    expect(small).toEqual([]);
  });

  test.each(DEALS)("%s: the IC memo prints on at most two pages, first", (deal) => {
    const pdf = packFiles(dir, deal).pdf;
    const pages = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).split(
      "\f"
    );
    // Each page's header names its sheet.
    const memo = pages.map((page) => page.trimStart().startsWith("IC summary"));
    expect(memo[0]).toBe(true);
    expect(memo.filter(Boolean).length).toBeLessThanOrEqual(2);
  });
});

/** Reader-facing text cells of a workbook (the Sources sheet's document ids aside). */
function readerText(book: ExcelJS.Workbook): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  book.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value !== "string") return;
        const idColumn = sheet.name === SOURCES_SHEET && /\.txt$/.test(cell.value);
        if (!idColumn) found.push({ where: `${sheet.name}!${cell.address}`, text: cell.value });
      })
    )
  );
  return found;
}

/** Keys, file names, dates said twice, words said twice, and the machinery's own words. */
function offences(book: ExcelJS.Workbook, file: string) {
  return readerText(book)
    .filter(
      ({ text }) =>
        /\b[a-z0-9]+_[a-z0-9_]+\b/.test(text) ||
        /\d{3}_[0-9a-f]{16}\.txt/.test(text) ||
        /(\d{4})\D{0,12}\(\1\)/.test(text) ||
        /\b([a-z][a-z ]*[a-z]) · \1\b/i.test(text) ||
        /\b(Engine check|Library origin|Deal id)\b/.test(text)
    )
    .map((offence) => ({ file, ...offence }));
}

describe("reader-facing words in the IC pack", () => {
  let books: ExcelJS.Workbook[] = [];
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "dealloop-words-"));
    const { PATH } = process.env;
    process.env.PATH = dir; // the .xlsx alone: no LibreOffice needed for the words
    try {
      for (const deal of DEALS)
        await packVerb.run(["--deal", deal, "--out", dir], { out: () => {}, err: () => {} });
    } finally {
      process.env.PATH = PATH;
    }
    books = await Promise.all(DEALS.map((deal) => readWorkbook(packFiles(dir, deal).xlsx)));
  }, 60_000);

  test("no snake_case key, no file name outside the Sources sheet, no date said twice", () => {
    expect(books.flatMap((book, i) => offences(book, DEALS[i]))).toEqual([]);
  });

  test("parts visibly add to their total: $1.25B + $2.75B shows as $4.00B, not $1.3B + $2.8B = $4.0B", () => {
    const sheet = books[DEALS.indexOf("amazon-anthropic-2023")].getWorksheet("IC summary")!;
    const shown = (name: string) => {
      let found: ExcelJS.Cell | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === name) found = row.getCell(2);
      });
      expect(found).toBeDefined();
      // What Excel shows: the value divided by 1000 per trailing comma, at the format's decimals.
      const format = /0\.(0*)(,*)/.exec(found!.numFmt)!;
      const scale = 1000 ** format[2].length;
      const decimals = format[1].length;
      return Math.round((Number(found!.value) / scale) * 10 ** decimals);
    };
    expect(shown("Initial tranche") + shown("Option tranche")).toBe(shown("Investment"));
  });

  test("the lint catches what the old pages showed", () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("IC summary");
    const old = [
      "vendor_margin",
      "in talks · in talks",
      "Library origin",
      "2026 (2026)",
      "Engine check",
      "004_e66127d25fc20cd4.txt § The global race",
    ];
    old.forEach((text, i) => (sheet.getCell(i + 1, 1).value = text));
    expect(offences(book, "old").map(({ text }) => text)).toEqual(old);
  });
});

describe("reader-facing words in every demo workbook", () => {
  it("has no snake_case key, file name outside the Sources sheet, or date said twice", async () => {
    const found = [];
    for (const entry of demoEntries(BUILTIN_LIBRARY)) {
      const buffer = await planToXlsx(demoPlan(entry, BUILTIN_LIBRARY));
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(buffer as unknown as ArrayBuffer);
      found.push(...offences(book, entry.file));
    }
    expect(found).toEqual([]);
  }, 60_000);
});
