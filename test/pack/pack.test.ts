/**
 * `dealloop pack`: the IC pack of a deal, as the verb writes it. What is checked comes from outside
 * the code under test: LibreOffice's recalculation of the .xlsx, the PDF as poppler reads it
 * (pdfinfo, pdftotext, pdftoppm), and ExcelJS's reading of the file. Without LibreOffice the PDF
 * part is skipped loudly, and fails when CI=true; the no-LibreOffice path is run with soffice
 * taken off the PATH.
 */
import { execFileSync } from "child_process";
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { convertWithSoffice, PDF_TARGET } from "../../src/cli/libreoffice";
import { dealCalls, packFiles, packVerb } from "../../src/cli/pack";
import { UsageError } from "../../src/cli/verb";
import { buildLibrary, BUILTIN_LIBRARY, findDeal } from "../../src/data/library";
import { MODEL_TEMPLATES } from "../../src/templates";
import { buildSummaryPlan } from "../../src/templates/icSummary";
import { COLORS } from "../../src/workbook/styles";
import {
  describeWithLibreOffice,
  readWorkbook,
  recalculate,
  resultOf,
} from "../support/libreoffice";
import { decodePng, decodePnm, Image } from "./png";

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await packVerb.run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  } catch (error) {
    if (error instanceof UsageError)
      return { code: 2, out: out.join("\n"), err: [...err, error.message].join("\n") };
    throw error;
  }
}

const tmp = () => mkdtempSync(join(tmpdir(), "dealloop-pack-test-"));

/** Runs `fn` with no soffice to be found: an empty PATH and no $SOFFICE. */
async function withoutSoffice<T>(fn: () => Promise<T>): Promise<T> {
  const { PATH, SOFFICE } = process.env;
  process.env.PATH = tmp();
  delete process.env.SOFFICE;
  try {
    return await fn();
  } finally {
    process.env.PATH = PATH;
    if (SOFFICE !== undefined) process.env.SOFFICE = SOFFICE;
  }
}

/** Every cell of every sheet, with its sheet. */
function cellsOf(book: ExcelJS.Workbook): { sheet: string; cell: ExcelJS.Cell }[] {
  const cells: { sheet: string; cell: ExcelJS.Cell }[] = [];
  book.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => cells.push({ sheet: sheet.name, cell })))
  );
  return cells;
}

const DEAL_CALL = /DEAL\.|_xldudf_/i;

const HOSTILE = ["=1+1", "+1", "-1", "@SUM(1)", '=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0"];
const HOSTILE_DOCUMENT = "+hostile.csv";
const HOSTILE_SECTION = "=SUM(1)";
const HOSTILE_TITLE = "=Hostile & co";

/** A user source whose text facts, document, section and title start with = + - @ (docs/sources-format.md). */
function hostileSource(dir: string): string {
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const header =
    "deal_id,deal_title,deal_kind,deal_date,deal_status,parties,key,value,unit,status,document,section,as_of";
  const rows = HOSTILE.map(
    (text, i) =>
      `hostile-2026,${quote(HOSTILE_TITLE)},investment,2026,reported,Acme: investee,term_${i},${quote(text)},text,reported,${HOSTILE_DOCUMENT},${HOSTILE_SECTION},2026`
  );
  const file = join(dir, "hostile.csv");
  writeFileSync(file, [header, ...rows].join("\n"));
  return file;
}

describe("dealloop pack without LibreOffice", () => {
  it("still writes the .xlsx, says the PDF needs LibreOffice and how to install it, and exits 0", async () => {
    const dir = tmp();
    const result = await withoutSoffice(() => run("--deal", "amazon-anthropic-2026", "--out", dir));
    expect(result.code).toBe(0);
    const { xlsx, pdf } = packFiles(dir, "amazon-anthropic-2026");
    expect(readdirSync(dir)).toEqual(["amazon-anthropic-2026-ic-pack.xlsx"]);
    expect(existsSync(xlsx)).toBe(true);
    expect(existsSync(pdf)).toBe(false);
    expect(result.out).toContain("needs LibreOffice");
    expect(result.out).toContain("sudo apt-get install -y libreoffice-calc-nogui");
    const book = await readWorkbook(xlsx);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      "IC summary",
      "Vendor loop",
      "Capital-flow web",
      "Assumptions",
      "Sources & assumptions",
    ]);
  });

  it("writes a pack with native formulas only for every deal in the library", async () => {
    const dir = tmp();
    const failures: string[] = [];
    for (const deal of BUILTIN_LIBRARY) {
      const result = await withoutSoffice(() => run("--deal", deal.id, "--out", dir));
      if (result.code !== 0) failures.push(`${deal.id}: ${result.err}`);
    }
    expect(failures).toEqual([]);
    const formulas: string[] = [];
    for (const file of readdirSync(dir)) {
      for (const { sheet, cell } of cellsOf(await readWorkbook(join(dir, file)))) {
        if (cell.type === ExcelJS.ValueType.Formula && DEAL_CALL.test(cell.formula))
          formulas.push(`${file} ${sheet}!${cell.address}`);
      }
    }
    expect(readdirSync(dir)).toHaveLength(BUILTIN_LIBRARY.length);
    expect(formulas).toEqual([]);
  });

  it("suggests the nearest deals or templates for an unknown one, and writes a template the deal lacks facts for with cells to fill, as workbook does", async () => {
    const dir = tmp();
    const deal = await run("--deal", "amazon-antropic", "--out", dir);
    expect(deal.code).toBe(1);
    expect(deal.err).toMatch(/unknown deal "amazon-antropic"; nearest: amazon-anthropic-20/);
    const template = await run(
      "--deal",
      "amazon-anthropic-2026",
      "--template",
      "vendor-lop",
      "--out",
      dir
    );
    expect(template.code).toBe(1);
    expect(template.err).toMatch(/unknown template "vendor-lop"; nearest: vendor-loop/);
    expect(readdirSync(dir)).toEqual([]);
    const lacking = await withoutSoffice(() =>
      run("--deal", "amazon-openai-2026", "--template", "vendor-loop", "--out", dir)
    );
    expect(lacking.code).toBe(0);
    expect(lacking.err).toMatch(
      /warning: amazon-openai-2026 lacks what vendor-loop needs: a spend_commitment amount/
    );
    expect(lacking.err).toContain("flags each missing figure as a cell to fill");
    expect(lacking.out).toMatch(/cells to fill \(missing facts\): .*spend_commitment/);
    const book = await readWorkbook(packFiles(dir, "amazon-openai-2026").xlsx);
    expect(book.worksheets.map((s) => s.name)).toContain("Vendor loop");
  });

  it("says so when no template applies and the pack computes no output", async () => {
    const dir = tmp();
    const bare = BUILTIN_LIBRARY.find((d) =>
      MODEL_TEMPLATES.every((t) => !t.applicability(d, BUILTIN_LIBRARY).applies)
    )!;
    const result = await withoutSoffice(() => run("--deal", bare.id, "--out", dir));
    expect(result.code).toBe(0);
    expect(result.err).toContain(`no model template applies to ${bare.id}`);
    expect(result.out).toContain("0 outputs");
  });

  it("refuses an --out that names a file, or a folder whose parent is missing, before writing anything", async () => {
    const dir = tmp();
    const asFile = await run("--deal", "amazon-anthropic-2026", "--out", join(dir, "pack.pdf"));
    expect(asFile.code).toBe(2);
    expect(asFile.err).toContain("writes a folder of files, not one .pdf file");
    const deep = await run("--deal", "amazon-anthropic-2026", "--out", join(dir, "a", "b"));
    expect(deep.code).toBe(2);
    expect(deep.err).toContain(`the folder ${join(dir, "a")} does not exist; create it first`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("puts the chosen templates after the summary, and refuses an assumption the pack does not use", async () => {
    const dir = tmp();
    const chosen = await withoutSoffice(() =>
      run(
        "--deal",
        "amazon-anthropic-2026",
        "--template",
        "capital-flow-network",
        "--template",
        "ic-summary",
        "--out",
        dir
      )
    );
    expect(chosen.code).toBe(0);
    const book = await readWorkbook(packFiles(dir, "amazon-anthropic-2026").xlsx);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      "IC summary",
      "Capital-flow web",
      "Assumptions",
      "Sources & assumptions",
    ]);
    const fact = await run(
      "--deal",
      "amazon-anthropic-2026",
      "--assume",
      "spend_years=5",
      "--out",
      tmp()
    );
    expect(fact.code).toBe(2);
    expect(fact.err).toMatch(
      /--assume spend_years: not an assumption of this pack .*its assumptions: .*vendor_margin/
    );
  });

  it("finds a DEAL call in any formula of a plan, outside string literals (what the verb refuses to write)", () => {
    const deal = findDeal(BUILTIN_LIBRARY, "amazon-anthropic-2026")!;
    const plan = buildSummaryPlan({ deal, deals: BUILTIN_LIBRARY, overrides: {} }, []);
    expect(dealCalls(plan)).toEqual([]);
    const [summary, appendix] = plan.sheets;
    summary.rows[2][1] = {
      kind: "formula",
      formula: 'DEAL.FACT("amazon-anthropic-2026","investment")',
      link: false,
    };
    appendix.rows[3][2] = { kind: "formula", formula: 'IF(A1="DEAL.FACT(x)",1,2)', link: false };
    appendix.rows[4][0] = { kind: "formula", formula: "1+_xldudf_DEAL_FACT(A1,B1)", link: false };
    expect(dealCalls(plan)).toEqual(["'IC summary'!B3", `${appendix.name}!A5`]);
  });

  it("does not overwrite an existing pack without --force; with it, leaves no PDF of the earlier workbook", async () => {
    const dir = tmp();
    const args = ["--deal", "amazon-anthropic-2026", "--out", dir];
    expect((await withoutSoffice(() => run(...args))).code).toBe(0);
    const { xlsx, pdf } = packFiles(dir, "amazon-anthropic-2026");
    writeFileSync(xlsx, "mine");
    writeFileSync(pdf, "an earlier PDF");
    const again = await withoutSoffice(() => run(...args));
    expect(again.code).toBe(2);
    expect(again.err).toContain(`${xlsx}, ${pdf} already exist; add --force to overwrite`);
    expect(readFileSync(xlsx, "utf8")).toBe("mine");
    const forced = await withoutSoffice(() => run(...args, "--force"));
    expect(forced.code).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe("PK");
    expect(existsSync(pdf)).toBe(false);
    expect(forced.out).toContain(
      `removed ${pdf}: it was printed from the workbook this run replaced`
    );
  });
});

/** Pages of a PDF as poppler reads them. */
interface PrintedPdf {
  pages: number;
  /** Each page's text (pdftotext, reading order). */
  texts: string[];
  /** Each page's size in points. */
  sizes: { width: number; height: number }[];
}

function readPdf(file: string): PrintedPdf {
  const info = execFileSync("pdfinfo", ["-f", "1", "-l", "9999", file], { encoding: "utf8" });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
  // pdftotext ends every page with a form feed.
  const texts = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" })
    .split("\f")
    .slice(0, -1);
  return { pages, texts, sizes };
}

/** The first page rendered at 50 dpi, by pdftoppm, as a PNG and as a PPM (to check the decoder against). */
function renderFirstPage(pdf: string, dir: string): { png: Image; ppm: Image } {
  const stem = join(dir, "page");
  execFileSync("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", pdf, stem]);
  execFileSync("pdftoppm", ["-r", "50", "-f", "1", "-l", "1", "-singlefile", pdf, stem]);
  return {
    png: decodePng(readFileSync(`${stem}.png`)),
    ppm: decodePnm(readFileSync(`${stem}.ppm`)),
  };
}

/** Non-white pixels (any channel below 240) in rows [top, bottom). */
function inked(image: Image, top = 0, bottom = image.height): number {
  let count = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < image.width; x++) {
      const at = (y * image.width + x) * image.channels;
      const colour = image.pixels.subarray(at, at + Math.min(image.channels, 3));
      if (colour.some((v) => v < 240)) count += 1;
    }
  }
  return count;
}

const squeeze = (text: string) => text.replace(/\s+/g, " ").trim();

describeWithLibreOffice("the IC pack printed by LibreOffice", (soffice) => {
  describe("the IC pack printed and recalculated by LibreOffice", () => {
    const DEALS = ["amazon-anthropic-2026", "amazon-openai-2026"];
    const dir = tmp();
    const runs = new Map<string, Awaited<ReturnType<typeof run>>>();
    const written = new Map<string, ExcelJS.Workbook>();
    const recalculated = new Map<string, ExcelJS.Workbook>();
    const printed = new Map<string, PrintedPdf>();
    let hostileDeals: ReturnType<typeof buildLibrary>["deals"];

    beforeAll(async () => {
      const hostileCsv = hostileSource(dir);
      hostileDeals = buildLibrary([
        { name: hostileCsv, text: readFileSync(hostileCsv, "utf8") },
      ]).deals;
      const jobs: [string, string[]][] = [
        ...DEALS.map((id): [string, string[]] => [id, []]),
        ["hostile-2026", ["--sources", hostileCsv]],
      ];
      // The first pack goes the whole way through the verb, LibreOffice included; the others' PDFs
      // are printed the way the verb prints them, in one soffice run (each run costs seconds).
      const [[first, firstExtra], ...batched] = jobs;
      const started = performance.now();
      runs.set(first, await run("--deal", first, ...firstExtra, "--out", dir));
      console.log(
        `pack ${first}: ${Math.round(performance.now() - started)} ms (build, write, print to PDF)`
      );
      for (const [id, extra] of batched)
        expect((await withoutSoffice(() => run("--deal", id, ...extra, "--out", dir))).code).toBe(
          0
        );
      const pdfs = await convertWithSoffice(
        soffice,
        batched.map(([id]) => packFiles(dir, id).xlsx),
        PDF_TARGET,
        join(dir, "printed")
      );
      batched.forEach(([id], i) => copyFileSync(pdfs[i], packFiles(dir, id).pdf));
      // Every other deal's pack too (the .xlsx only), recalculated in the same soffice run.
      const library = join(dir, "library");
      const others = BUILTIN_LIBRARY.map((d) => d.id).filter((id) => !DEALS.includes(id));
      for (const id of others)
        expect((await withoutSoffice(() => run("--deal", id, "--out", library))).code).toBe(0);
      const ids = [...jobs.map(([id]) => id), ...others];
      const files = ids.map((id) => packFiles(others.includes(id) ? library : dir, id).xlsx);
      const converted = await recalculate(soffice, files, join(dir, "recalculated"));
      for (const [i, id] of ids.entries()) {
        recalculated.set(id, await readWorkbook(converted[i]));
        if (others.includes(id)) continue;
        written.set(id, await readWorkbook(files[i]));
        printed.set(id, readPdf(packFiles(dir, id).pdf));
      }
    }, 300_000);

    it("writes the .xlsx and the PDF, with progress lines and a summary", () => {
      expect(runs.size).toBe(1);
      for (const [id, result] of runs) {
        expect(result.err).toBe("");
        expect(result.code).toBe(0);
        const { xlsx, pdf } = packFiles(dir, id);
        const pages = printed.get(id)?.pages;
        expect(result.out).toContain(`building the IC pack for ${id}: ic-summary`);
        expect(result.out).toContain(`writing ${xlsx}`);
        expect(result.out).toContain("converting to PDF with LibreOffice");
        expect(result.out).toContain(`${xlsx}: ${written.get(id)!.worksheets.length} sheets`);
        expect(result.out).toContain(`${pdf}: ${pages} pages`);
      }
    });

    it("has the summary first and the Sources & assumptions sheet last, with the print setup in the file", () => {
      for (const [id, book] of written) {
        const names = book.worksheets.map((s) => s.name);
        expect([id, names[0], names[names.length - 1]]).toEqual([
          id,
          "IC summary",
          "Sources & assumptions",
        ]);
        for (const sheet of book.worksheets) {
          expect(sheet.pageSetup).toMatchObject({
            orientation: "landscape",
            fitToPage: true,
            fitToHeight: 0,
          });
          expect(sheet.headerFooter.oddFooter).toContain("&P");
          expect(sheet.headerFooter.oddFooter).toContain("&N");
        }
      }
    });

    it("recalculates every deal's pack with no error cell and no #NAME? anywhere, and no DEAL. in any formula", () => {
      const problems: string[] = [];
      for (const [id, book] of recalculated) {
        for (const { sheet, cell } of cellsOf(book)) {
          const value = resultOf(cell);
          if (value !== null && typeof value === "object")
            problems.push(`${id} ${sheet}!${cell.address}: ${value.error}`);
          if (typeof value === "string" && value.includes("#NAME?"))
            problems.push(`${id} ${sheet}!${cell.address}: ${value}`);
        }
        // The formulas as written, and as LibreOffice saved them back.
        for (const { sheet, cell } of [book, written.get(id)].flatMap((b) =>
          b ? cellsOf(b) : []
        )) {
          if (cell.type === ExcelJS.ValueType.Formula && DEAL_CALL.test(cell.formula))
            problems.push(`${id} ${sheet}!${cell.address}: ${cell.formula}`);
        }
      }
      expect(problems).toEqual([]);
      expect(recalculated.size).toBe(BUILTIN_LIBRARY.length + 1);
    });

    it("prints one landscape page or more per sheet, in sheet order, each numbered and dated in its footer", () => {
      for (const [id, pdf] of printed) {
        const book = written.get(id)!;
        const sheets = book.worksheets.map((s) => s.name);
        const deal = findDeal([...BUILTIN_LIBRARY, ...hostileDeals], id)!;
        // the date once: the era alone when it already says the year ("2026", "late 2023")
        const asOf = !deal.era
          ? deal.date
          : deal.era.includes(deal.date)
            ? deal.era
            : `${deal.era} (${deal.date})`;
        expect(pdf.texts).toHaveLength(pdf.pages);
        expect(pdf.sizes).toHaveLength(pdf.pages);
        expect(pdf.pages).toBeGreaterThanOrEqual(sheets.length);
        // The header names the sheet: in page order, the sheets come in the workbook's order, each on consecutive pages.
        const headers = pdf.texts.map((text) => text.trim().split("\n")[0]);
        expect(headers.filter((name, i) => name !== headers[i - 1])).toEqual(sheets);
        pdf.texts.forEach((text, i) => {
          expect(text).toContain(`Page ${i + 1} of ${pdf.pages}`);
          expect(text).toContain(`As of ${asOf}`);
          expect(squeeze(text)).toContain(`Investment committee memo: ${deal.title}`);
        });
        for (const { width, height } of pdf.sizes) expect(width).toBeGreaterThan(height);
      }
    });

    it("prints each sheet within the page width budget one page wide: every table's first and last column titles on the same page", () => {
      for (const [id, pdf] of printed) {
        const book = written.get(id)!;
        const headers = pdf.texts.map((text) => text.trim().split("\n")[0]);
        let checked = 0;
        // A sheet wider than a readable page (the vendor loop's 18-column schedule) prints two
        // pages wide, its text at 8 pt or more (readable.test.ts); its tables span both pages.
        const oneWide = book.worksheets.filter((sheet) => (sheet.pageSetup.fitToWidth ?? 1) === 1);
        const wider = book.worksheets.filter((sheet) => !oneWide.includes(sheet));
        expect(wider.map((sheet) => sheet.name).filter((name) => name !== "Vendor loop")).toEqual(
          []
        );
        for (const sheet of oneWide) {
          const pages = pdf.texts
            .filter((_, i) => headers[i] === sheet.name)
            .map((t) => t.split("\n").map(squeeze));
          // A title wrapped onto several lines shows its first line(s) as a line of its own; pdftotext joins a
          // word hyphenated at a line break ("Probability-|weighted" reads "Probabilityweighted").
          const key = (text: string) => text.replace(/[\s-]+/g, "");
          const shows = (lines: string[], title: string) =>
            lines.some((line) => key(line) !== "" && key(title).startsWith(key(line)));
          sheet.eachRow((row) => {
            // A table's header row: its column titles on the header fill.
            const titles: string[] = [];
            row.eachCell((cell) => {
              const fill = cell.fill?.type === "pattern" ? cell.fill.fgColor?.argb : undefined;
              if (
                fill === `FF${COLORS.headerFill}` &&
                typeof cell.value === "string" &&
                cell.value.trim() !== ""
              )
                titles.push(squeeze(cell.value));
            });
            if (titles.length < 2) return;
            const [first, last] = [titles[0], titles[titles.length - 1]];
            checked += 1;
            const together = pages.some((lines) => shows(lines, first) && shows(lines, last));
            expect([id, sheet.name, first, last, together]).toEqual([
              id,
              sheet.name,
              first,
              last,
              true,
            ]);
          });
        }
        expect(checked).toBeGreaterThanOrEqual(oneWide.length);
      }
    });

    it("prints a sheet two pages wide across, then down: right-hand columns follow their row labels", () => {
      const book = written.get("amazon-anthropic-2026")!;
      const pdf = printed.get("amazon-anthropic-2026")!;
      const sheet = book.getWorksheet("Vendor loop")!;
      expect(sheet.pageSetup.fitToWidth).toBe(2);
      const pages = pdf.texts.filter((text) => text.trim().split("\n")[0] === sheet.name);
      // The schedule's right-hand columns ("Paid back from: this deal") sit on the page right
      // after its left-hand ones (its years and "Spend committed"), not after the whole sheet.
      const right = pages.findIndex((text) => squeeze(text).includes("Paid back from: this deal"));
      expect(right).toBeGreaterThan(0);
      for (const text of ["Spend committed", "2027", "2036"])
        expect(squeeze(pages[right - 1])).toContain(text);
    });

    it("agrees with poppler on the page count it reports", () => {
      for (const [id, result] of runs) {
        expect([id, result.out.match(/(\d+) pages/)?.[1]]).toEqual([
          id,
          String(printed.get(id)?.pages),
        ]);
      }
    });

    it("shows computed values in the PDF, not blanks or errors: every sourced figure in billions, through its link", () => {
      for (const id of DEALS) {
        const pdf = printed.get(id)!;
        const text = pdf.texts.join("\n");
        expect(text).not.toMatch(/#NAME\?|#N\/A|#VALUE!|#REF!|#DIV\/0!|#NUM!|Err:\d+/);
        // The Sources & assumptions sheet holds no value of its own: each is a formula linking to its cell.
        const sources = pdf.texts
          .filter((t) => t.trim().startsWith("Sources & assumptions"))
          .join("\n");
        const deal = findDeal(BUILTIN_LIBRARY, id)!;
        const billions = deal.facts.filter(
          (f) => f.unit === "USD" && !f.derivation && typeof f.value === "number" && f.value >= 1e9
        );
        expect(billions.length).toBeGreaterThan(0);
        for (const f of billions) {
          const shown = `$${((f.value as number) / 1e9).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}B`;
          expect([f.key, sources.includes(shown)]).toEqual([f.key, true]);
        }
      }
    });

    it("renders a first page that is not blank: ink in the header band, the body and the footer band", () => {
      for (const id of DEALS) {
        const { png, ppm } = renderFirstPage(
          packFiles(dir, id).pdf,
          mkdtempSync(join(dir, "render-"))
        );
        // The decoder reads the PNG to the same pixels pdftoppm writes as a plain PPM.
        expect([png.width, png.height]).toEqual([ppm.width, ppm.height]);
        expect(png.channels).toBe(ppm.channels);
        expect(Buffer.from(png.pixels).equals(Buffer.from(ppm.pixels))).toBe(true);
        expect(png.width).toBeGreaterThan(png.height);
        const total = inked(png);
        const band = Math.round(png.height * 0.12);
        console.log(
          `${id} first page at 50 dpi: ${png.width}×${png.height}, ${total} non-white pixels`
        );
        expect(total).toBeGreaterThan(0.02 * png.width * png.height);
        expect(inked(png, 0, band)).toBeGreaterThan(50);
        expect(inked(png, png.height - band)).toBeGreaterThan(50);
      }
    });

    it("keeps sourced text that starts with = + - @ as text in every sheet, and prints it as written", () => {
      const book = written.get("hostile-2026")!;
      const exact = [...HOSTILE, HOSTILE_SECTION];
      const embedded = [HOSTILE_DOCUMENT, HOSTILE_SECTION, HOSTILE_TITLE];
      // No formula the pack writes carries the user's text.
      const formulas = cellsOf(book).filter(({ cell }) => cell.type === ExcelJS.ValueType.Formula);
      expect(
        formulas
          .map(({ cell }) => cell.formula)
          .filter((f) => /HYPERLINK|cmd|SUM\(|http|hostile/i.test(f))
      ).toEqual([]);
      const sheetsWith = new Map<string, Set<string>>();
      for (const { sheet, cell } of cellsOf(recalculated.get("hostile-2026")!)) {
        const value = resultOf(cell);
        if (typeof value !== "string") continue;
        const found = [
          ...exact.filter((h) => value === h),
          ...embedded.filter((h) => value !== h && value.includes(h)),
        ];
        for (const text of found)
          sheetsWith.set(text, (sheetsWith.get(text) ?? new Set()).add(sheet));
        if (found.length === 0) continue;
        // As written: a string cell, or (Sources & assumptions) a link to one, whose result is the text itself.
        const original = book.getWorksheet(sheet)!.getCell(cell.address);
        if (original.type === ExcelJS.ValueType.Formula)
          expect(original.formula).toMatch(/^'[^']+'!\$?[A-Z]+\$?\d+$/);
        else
          expect([sheet, cell.address, original.type]).toEqual([
            sheet,
            cell.address,
            ExcelJS.ValueType.String,
          ]);
      }
      // The deal's title heads the summary (and every page's footer); a section is cited on the
      // Sources sheet only (the memo cites a document by number); the rest is on both.
      for (const text of [...exact, ...embedded]) {
        const sheets =
          text === HOSTILE_TITLE
            ? ["IC summary"]
            : text === HOSTILE_SECTION
              ? ["Sources & assumptions"]
              : ["IC summary", "Sources & assumptions"];
        expect([text, [...(sheetsWith.get(text) ?? [])].sort()]).toEqual([text, sheets]);
      }
      const pdf = printed.get("hostile-2026")!.texts.join("\n");
      // On a line of its own, or wrapped in its column onto two lines read one after the other.
      const read = pdf.split("\n").map((line) => line.trim());
      const lines = new Set([
        ...read,
        ...read.slice(1).map((line, i) => read[i] + line),
        ...read.slice(1).map((line, i) => `${read[i]} ${line}`),
      ]);
      // A long word without spaces may also run over two printed lines with no space between.
      const unwrapped = pdf.replace(/\n/g, "");
      for (const text of HOSTILE)
        expect([text, lines.has(text) || unwrapped.includes(text)]).toEqual([text, true]);
      for (const text of embedded) expect([text, pdf.includes(text)]).toEqual([text, true]);
    });
  });
});
