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
import { SOURCES_SHEET } from "../../src/templates/sources";
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
    const offences = books.flatMap((book) =>
      readerText(book).filter(
        ({ text }) =>
          /\b[a-z0-9]+_[a-z0-9_]+\b/.test(text) ||
          /\d{3}_[0-9a-f]{16}\.txt/.test(text) ||
          /(\d{4})\D{0,12}\(\1\)/.test(text)
      )
    );
    expect(offences).toEqual([]);
  });
});
