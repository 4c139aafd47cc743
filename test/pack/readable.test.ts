/**
 * What a committee member reads: the IC pack's PDF as poppler sees it (pdftotext -bbox gives
 * every word's box), and the words in every reader-facing cell of the .xlsx. Measured on the
 * produced files, not on the plan.
 */
import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { packFiles, packVerb } from "../../src/cli/pack";
import { BUILTIN_LIBRARY } from "../../src/data/library";
import { demoEntries, demoPlan } from "../../src/templates/demo";
import { pageEnds } from "../../src/templates/printFit";
import { SOURCES_SHEET } from "../../src/templates/sources";
import { planToXlsx } from "../../src/workbook/xlsxWriter";
import { describeWithLibreOffice, readWorkbook } from "../support/libreoffice";

/** Deals whose packs carry every kind of sheet: loop, tranche, option, ladder, network. */
const DEALS = ["amazon-anthropic-2026", "amazon-openai-2026", "amazon-anthropic-2023"];
/** Where each memo's first two pages are kept as pictures, for a reader of the test run. */
const ARTIFACTS = join(__dirname, "..", "artifacts", "pack");
/** The smallest word box pdftotext may report: 8 pt text after fit-to-width. */
const MIN_TEXT_HEIGHT = 8;

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

describeWithLibreOffice("the IC pack's PDF", () => {
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

  test.each(DEALS)("%s: no number is too wide for its column (no ###)", (deal) => {
    const text = execFileSync("pdftotext", ["-layout", packFiles(dir, deal).pdf, "-"], {
      encoding: "utf8",
    });
    expect(text.split("\n").filter((line) => line.includes("###"))).toEqual([]);
  });

  test.each(DEALS)(
    "%s: no page ends on a section heading (it prints with its table)",
    async (deal) => {
      const { xlsx, pdf } = packFiles(dir, deal);
      const headings: string[] = [];
      (await readWorkbook(xlsx)).eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            if (typeof cell.value === "string" && cell.font?.bold && cell.font.size === 12)
              headings.push(cell.value);
          })
        )
      );
      expect(headings.length).toBeGreaterThan(3);
      const pages = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" })
        .split("\f")
        .filter((page) => page.trim());
      const stranded = pages.flatMap((page, i) => {
        // The body's last line: the footer ("Page i of N") aside.
        const lines = page
          .split("\n")
          .map((line) => line.trim())
          .filter(Boolean);
        const last = lines.filter((line) => !/Page \d+ of \d+/.test(line)).pop() ?? "";
        return last.length >= 8 && headings.some((h) => h.startsWith(last))
          ? [`page ${i + 1}: ${last}`]
          : [];
      });
      expect(stranded).toEqual([]);
    }
  );

  test.each(DEALS)("%s: no text runs past the page's printable width", (deal) => {
    // Text past the print area made LibreOffice shrink the whole page; inside it, every word
    // ends within the page's right margin (Letter landscape: 792 pt, margins 0.7 in).
    const html = execFileSync("pdftotext", ["-bbox", packFiles(dir, deal).pdf, "-"], {
      encoding: "utf8",
    });
    const right = [...html.matchAll(/xMax="([\d.]+)"/g)].map(([, x]) => Number(x));
    expect(Math.max(...right)).toBeLessThanOrEqual(792 - 0.7 * 72 + 1);
  });
  test.each(DEALS)("%s: the IC memo prints first, on at most two pages", (deal) => {
    const pdf = packFiles(dir, deal).pdf;
    const pages = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).split(
      "\f"
    );
    // Each page's header names its sheet.
    const memo = pages.map((page) => page.trimStart().startsWith("IC summary"));
    expect(memo[0]).toBe(true);
    expect(memo.filter(Boolean).length).toBeLessThanOrEqual(2);
    // The memo's first two pages as pictures, for a reader of the test run.
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      "80",
      "-f",
      "1",
      "-l",
      "2",
      pdf,
      join(ARTIFACTS, `memo-${deal}`),
    ]);
  });
});

/** How many characters a cell's column and its empty right neighbours on the same page hold. */
function roomOnPage(sheet: ExcelJS.Worksheet, row: ExcelJS.Row, column: number): number {
  const columns = sheet.columns.length;
  const widths = sheet.columns.map((c) => c.width ?? 9);
  const ends = pageEnds(widths, columns, sheet.pageSetup.fitToWidth ?? 1);
  let room = widths[column - 1];
  for (let c = column + 1; c <= ends[column - 1] + 1 && row.getCell(c).value == null; c++)
    room += widths[c - 1];
  return room;
}

/** The packs' .xlsx files alone (no LibreOffice on the PATH), read back; made once for the file. */
let written: Promise<ExcelJS.Workbook[]> | undefined;
function xlsxPacks(): Promise<ExcelJS.Workbook[]> {
  written ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "dealloop-xlsx-packs-"));
    const { PATH } = process.env;
    process.env.PATH = dir;
    try {
      for (const deal of DEALS)
        await packVerb.run(["--deal", deal, "--out", dir], { out: () => {}, err: () => {} });
    } finally {
      process.env.PATH = PATH;
    }
    return Promise.all(DEALS.map((deal) => readWorkbook(packFiles(dir, deal).xlsx)));
  })();
  return written;
}

describe("text in the IC pack's cells", () => {
  let books: ExcelJS.Workbook[] = [];
  beforeAll(async () => {
    books = await xlsxPacks();
  }, 60_000);

  test("every text longer than its room on the page wraps, in a row tall enough for its lines", () => {
    const clipped: string[] = [];
    for (const book of books)
      book.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell, column) => {
            // Text: a string, or a formula's cached text result (a link to a text fact).
            const result = cell.type === ExcelJS.ValueType.Formula ? cell.result : undefined;
            const text = typeof cell.value === "string" ? cell.value : result;
            if (typeof text !== "string") return;
            const where = `${sheet.name}!${cell.address}`;
            const size = (cell.font?.size ?? 11) / 11;
            const width = text.length * size * (cell.font?.bold ? 1.1 : 1);
            if (!cell.alignment?.wrapText) {
              if (width > roomOnPage(sheet, row, column)) clipped.push(`${where} runs over`);
              return;
            }
            // Greedy word wrap at one character a width unit, as a reader's eye would count.
            const perLine = Math.floor((sheet.getColumn(column).width ?? 9) / size) - 1;
            let lines = 1;
            let used = 0;
            for (const word of text.split(/\s+/).filter(Boolean)) {
              const next = used === 0 ? word.length : used + 1 + word.length;
              if (next <= perLine) used = next;
              else {
                lines += (used > 0 ? 1 : 0) + Math.ceil(word.length / perLine) - 1;
                used = word.length % perLine || perLine;
              }
            }
            if (lines > 1 && (row.height ?? 15) < 15 * lines)
              clipped.push(`${where} needs ${lines} lines`);
          })
        )
      );
    expect(clipped).toEqual([]);
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
    books = await xlsxPacks();
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
