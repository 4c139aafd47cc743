/**
 * The charts as LibreOffice draws them: the synthetic gallery (bridge, football field, timeline,
 * tornado) printed to PDF has, below each chart's title, a region inked in the chart's series
 * colours, a colour the same workbook printed without charts has nowhere; LibreOffice, reading
 * the file, binds every series to the same ranges and computes from those cells the numbers
 * worked out by hand in the fixture; the capital-flow picture prints on its page; in the IC packs
 * of two deals every chart the templates declare is drawn on the page that holds it. Without
 * LibreOffice the suite is skipped loudly (a failure when CI=true).
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import JSZip from "jszip";
import { tmpdir } from "os";
import { join } from "path";
import { convertWithSoffice, PDF_TARGET } from "../../src/cli/libreoffice";
import { BUILTIN_LIBRARY, findDeal } from "../../src/data/library";
import { MODEL_TEMPLATES } from "../../src/templates";
import { seriesFills } from "../../src/templates/charts";
import { buildSummaryPlan, SUMMARY_SHEET } from "../../src/templates/icSummary";
import { SheetPlan } from "../../src/templates/plan";
import { planToBuffer } from "../../src/workbook/xlsxWriter";
import {
  CHART_SHEET,
  CHART_VALUES,
  chartGalleryPlan,
  vendorLoopWithChart,
} from "../support/chartPlans";
import {
  describeWithLibreOffice,
  readWorkbook,
  recalculate,
  resultOf,
} from "../support/libreoffice";
import { decodePng, Image } from "./png";

const DPI = 50;
const px = (points: number) => Math.round((points * DPI) / 72);

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

const ENTITIES: Record<string, string> = { amp: "&", apos: "'", quot: '"', lt: "<", gt: ">" };
const unescapeXml = (text: string) =>
  text.replace(/&(amp|apos|quot|lt|gt);/g, (_, e) => ENTITIES[e]);

function wordsOnPage(pdf: string, page: number): Word[] {
  const xml = execFileSync("pdftotext", ["-bbox", "-f", `${page}`, "-l", `${page}`, pdf, "-"], {
    encoding: "utf8",
  });
  return [
    ...xml.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g
    ),
  ].map((m) => ({ xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4], text: unescapeXml(m[5]) }));
}

/** Where a phrase is printed: the box from its first word to its last. */
function findPhrase(words: Word[], phrase: string): Word | undefined {
  const wanted = phrase.split(" ");
  for (let i = 0; i + wanted.length <= words.length; i++) {
    if (wanted.every((w, j) => words[i + j].text === w)) {
      const last = words[i + wanted.length - 1];
      return {
        text: phrase,
        xMin: words[i].xMin,
        yMin: words[i].yMin,
        xMax: last.xMax,
        yMax: last.yMax,
      };
    }
  }
  return undefined;
}

function renderPage(pdf: string, page: number, stem: string): Image {
  execFileSync("pdftoppm", [
    "-png",
    "-r",
    `${DPI}`,
    "-f",
    `${page}`,
    "-l",
    `${page}`,
    "-singlefile",
    pdf,
    stem,
  ]);
  return decodePng(readFileSync(`${stem}.png`));
}

/** Pixels in the box (points) that are not white, and those near `rgb` (RRGGBB). */
function ink(
  image: Image,
  box: { left: number; top: number; right: number; bottom: number },
  rgb: string
) {
  const target = [0, 2, 4].map((i) => parseInt(rgb.slice(i, i + 2), 16));
  let inked = 0;
  let coloured = 0;
  for (let y = px(box.top); y < Math.min(image.height, px(box.bottom)); y++) {
    for (let x = Math.max(0, px(box.left)); x < Math.min(image.width, px(box.right)); x++) {
      const at = (y * image.width + x) * image.channels;
      const pixel = [0, 1, 2].map((k) => image.pixels[at + (image.channels >= 3 ? k : 0)]);
      if (pixel.some((v) => v < 240)) inked++;
      if (pixel.every((v, k) => Math.abs(v - target[k]) <= 40)) coloured++;
    }
  }
  return { inked, coloured };
}

/** Each chart's title and a colour one of its visible series is drawn in. */
const DRAWN: [string, string][] = [
  ["Headline to risk-adjusted value", "1F4E79"],
  ["Valuation range by method", "2E75B6"],
  ["Funding over time", "1F4E79"],
  ["Sensitivity of value", "C55A11"],
];

/** The deals whose IC packs are printed, and where the first pages are kept as pictures. */
const PACK_DEALS = ["amazon-anthropic-2026", "amazon-openai-2026"];

/** The plan `dealloop pack --deal ID` writes: the IC summary, then every model template that applies. */
function packPlan(id: string): SheetPlan {
  const deal = findDeal(BUILTIN_LIBRARY, id);
  if (!deal) throw new Error(`${id} is not in the library`);
  const templates = MODEL_TEMPLATES.filter((t) => t.applicability(deal, BUILTIN_LIBRARY).applies);
  return buildSummaryPlan({ deal, deals: BUILTIN_LIBRARY, overrides: {} }, templates);
}

function pageCount(pdf: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))?.[1]);
}

/**
 * The first page on which the phrase is printed, and where; with `sheet`, the first of that
 * sheet's pages (the IC memo repeats a model sheet's chart: each is looked for on its own sheet).
 */
function findOnPages(
  pdf: string,
  phrase: string,
  sheet?: string
): { page: number; at: Word } | undefined {
  const headers = sheet
    ? execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" })
        .split("\f")
        .map((text) => text.trimStart())
    : [];
  for (let page = 1; page <= pageCount(pdf); page++) {
    if (sheet && !headers[page - 1]?.startsWith(sheet)) continue;
    const at = findPhrase(wordsOnPage(pdf, page), phrase);
    if (at) return { page, at };
  }
  return undefined;
}

/** The plot under a chart title: about 90 pt tall and 200 pt wide at the scale pages print at. */
const plotUnder = (at: Word) => {
  const centre = (at.xMin + at.xMax) / 2;
  return { left: centre - 100, right: centre + 100, top: at.yMax + 4, bottom: at.yMax + 90 };
};

describeWithLibreOffice("charts as LibreOffice draws them", (soffice) => {
  describe("charts as LibreOffice draws them", () => {
    const dir = mkdtempSync(join(tmpdir(), "dealloop-charts-"));
    const { plan, declared } = chartGalleryPlan();
    const withCharts = join(dir, "gallery.xlsx");
    const without = join(dir, "gallery-plain.xlsx");
    const real = vendorLoopWithChart();
    const vendorLoop = join(dir, "vendor-loop.xlsx");
    const packs = PACK_DEALS.map((id) => ({
      id,
      plan: packPlan(id),
      file: join(dir, `${id}.xlsx`),
    }));
    let pdfs: string[];
    let recalculated: string;
    let recalculatedLoop: string;

    beforeAll(async () => {
      writeFileSync(withCharts, await planToBuffer(plan));
      const plain = {
        ...plan,
        sheets: plan.sheets.map(({ charts: _charts, diagrams: _diagrams, ...sheet }) => sheet),
      };
      writeFileSync(without, await planToBuffer(plain));
      writeFileSync(vendorLoop, await planToBuffer(real.plan));
      for (const pack of packs) writeFileSync(pack.file, await planToBuffer(pack.plan));
      // One LibreOffice run prints every workbook of the suite.
      pdfs = await convertWithSoffice(
        soffice,
        [withCharts, without, vendorLoop, ...packs.map((p) => p.file)],
        PDF_TARGET,
        join(dir, "pdf")
      );
      [recalculated, recalculatedLoop] = await recalculate(
        soffice,
        [withCharts, vendorLoop],
        join(dir, "xlsx")
      );
    }, 120_000);

    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test("the PDF page holding each chart has its bars or line drawn below its title", () => {
      const whole = { left: 0, top: 0, right: 10_000, bottom: 10_000 };
      for (const [title, colour] of DRAWN) {
        // the gallery may print more than one page wide: find the page that holds the title
        const found = findOnPages(pdfs[0], title);
        expect([title, found !== undefined]).toEqual([title, true]);
        const page = renderPage(pdfs[0], found!.page, join(dir, `charts-${found!.page}`));
        const drawn = ink(page, plotUnder(found!.at), colour);
        expect({ title, colouredPixels: drawn.coloured > 40 }).toEqual({
          title,
          colouredPixels: true,
        });
        // The control: printed without its charts, no page has a pixel of that colour at all.
        for (let p = 1; p <= pageCount(pdfs[1]); p++) {
          const blank = renderPage(pdfs[1], p, join(dir, `plain-${p}`));
          expect({ title, page: p, withoutCharts: ink(blank, whole, colour).coloured }).toEqual({
            title,
            page: p,
            withoutCharts: 0,
          });
        }
      }
    });

    test("the capital-flow picture is printed on its sheet's page", () => {
      const found = findOnPages(pdfs[0], "Capital flows");
      expect(found).toBeDefined();
      const whole = { left: 0, top: 0, right: 10_000, bottom: 10_000 };
      const page = ink(renderPage(pdfs[0], found!.page, join(dir, "network")), whole, "1F4E79");
      const plainPages = Array.from({ length: pageCount(pdfs[1]) }, (_, i) => i + 1);
      const blank = plainPages.reduce(
        (sum, p) =>
          sum +
          ink(renderPage(pdfs[1], p, join(dir, `network-plain-${p}`)), whole, "1F4E79").coloured,
        0
      );
      // Three party circles of 32 px at 96 dpi are about 3 × 140 px at 50 dpi; the arrows add more.
      expect(page.coloured).toBeGreaterThan(200);
      expect(blank).toBe(0);
    });

    test("a chart attached to a real template's sheet (the vendor loop) prints and stays bound", async () => {
      const found = findOnPages(pdfs[2], real.chart.title);
      expect(found).toBeDefined();
      // The whole plot under the title (the chart has its page to itself): the flow's markers sit
      // where the deal's numbers put them, at the foot of the plot when the flow stays flat.
      const { left, right, top } = plotUnder(found!.at);
      const region = { left: left - 120, right: right + 120, top, bottom: top + 160 };
      expect(
        ink(renderPage(pdfs[2], found!.page, join(dir, "loop")), region, "1F4E79").coloured
      ).toBeGreaterThan(20);
      const zip = await JSZip.loadAsync(readFileSync(recalculatedLoop));
      const parts = Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
      const xmls = await Promise.all(
        parts.map(async (p) => (await zip.file(p)!.async("string")).replace(/&apos;/g, "'"))
      );
      const xml = xmls.find((x) => x.includes(real.chart.title)) ?? "";
      const [series] = real.chart.series;
      const absolute = (range: string) =>
        `'Vendor loop'!${range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`;
      expect(xml).toContain(`<c:f>${absolute(series.values)}</c:f>`);
      expect(xml).toContain(`<c:f>${absolute(series.categories)}</c:f>`);
    });

    test.each(PACK_DEALS)(
      "the IC pack of %s: the page holding each chart has it drawn under its title",
      (id) => {
        const index = PACK_DEALS.indexOf(id);
        const pdf = pdfs[3 + index];
        const charts = packs[index].plan.sheets.flatMap((sheet) =>
          (sheet.charts ?? []).map((chart) => ({ ...chart, sheet: sheet.name }))
        );
        expect(charts.length).toBeGreaterThanOrEqual(2);
        // The memo shows one of them too, on its own first two pages.
        expect(charts.some((chart) => chart.sheet === SUMMARY_SHEET)).toBe(true);
        const rendered = new Map<number, Image>();
        for (const chart of charts) {
          const found = findOnPages(pdf, chart.title, chart.sheet);
          expect([chart.title, found !== undefined]).toEqual([chart.title, true]);
          const { page, at } = found!;
          if (chart.sheet === SUMMARY_SHEET) expect(page).toBeLessThanOrEqual(2);
          if (!rendered.has(page))
            rendered.set(page, renderPage(pdf, page, join(dir, `${id}-${page}`)));
          const colour = seriesFills(chart).find((fill) => fill !== "none")!;
          const drawn = ink(rendered.get(page)!, plotUnder(at), colour);
          expect({ title: chart.title, page, coloured: drawn.coloured > 20 }).toEqual({
            title: chart.title,
            page,
            coloured: true,
          });
        }
      }
    );

    test("LibreOffice binds each series to the declared ranges and plots the cells' numbers", async () => {
      const zip = await JSZip.loadAsync(readFileSync(recalculated));
      const chartParts = Object.keys(zip.files).filter((p) =>
        /^xl\/charts\/chart\d+\.xml$/.test(p)
      );
      expect(chartParts).toHaveLength(4);
      const refs = new Set<string>();
      for (const part of chartParts) {
        const xml = (await zip.file(part)!.async("string")).replace(/&apos;/g, "'");
        for (const m of xml.matchAll(/<c:f>([^<]*)<\/c:f>/g))
          refs.add(m[1].replace(/&apos;/g, "'"));
      }
      const quoted = `'${CHART_SHEET.replace(/'/g, "''")}'!`;
      const absolute = (range: string) => quoted + range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
      for (const series of Object.values(declared).flat()) {
        expect(refs).toContain(absolute(series.values));
        expect(refs).toContain(absolute(series.categories));
      }
      // The numbers in the bound cells, as LibreOffice computed them, are the hand-worked ones.
      const sheet = (await readWorkbook(recalculated)).getWorksheet(CHART_SHEET)!;
      for (const [title, series] of Object.entries(declared)) {
        const plotted = series.map(({ values }) => {
          const [start, end] = values.split(":");
          const out: unknown[] = [];
          const column = start.replace(/\d+/g, "");
          for (
            let row = Number(start.replace(/\D+/g, ""));
            row <= Number(end.replace(/\D+/g, ""));
            row++
          )
            out.push(resultOf(sheet.getCell(`${column}${row}`)));
          return out;
        });
        expect({ title, plotted }).toEqual({ title, plotted: CHART_VALUES[title] });
      }
    });
  });
});
