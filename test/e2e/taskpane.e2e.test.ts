/**
 * The taskpane end to end, in preview mode, in headless Chromium: the production build served
 * from 127.0.0.1 with every other address refused. A new user's path: search and filter the
 * deals, open one, pick a template, type a bad assumption and see the function's own rule, type a
 * good one, download the .xlsx; LibreOffice recalculates the file and the changed assumption is
 * found in an output computed here from the documented facts and the function's documented
 * formula. Importing sources shows the importer's full report. axe-core checks every view.
 *
 * Oracles: the deal figures are the ones docs/sources-format.md states (Amazon's commitment to
 * Anthropic: $13 billion in all, Anthropic's $100 billion spend commitment over the next decade);
 * the look-through's PV of the after-tax margin = g × (1 − τ) × (S / n) × a(n) (LOOK_THROUGH's
 * margin_pv) and LOOK_THROUGH's domain (vendor_margin in [−1, 1]) are from the functions spec; the bad CSV's problems are the ones that document lists.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import { Page } from "playwright-core";
import { oracleStatus, readWorkbook, recalculate, resultOf } from "../support/libreoffice";
import {
  Browser,
  chromiumStatus,
  freshBuild,
  launch,
  OFFICE_CDN,
  ROOT,
  serve,
  StaticServer,
  tempDir,
} from "./browser";

const ARTIFACTS = join(ROOT, "test", "artifacts", "taskpane");
const chromium = chromiumStatus();
const oracle = oracleStatus();

if (chromium.mustFail || oracle.mustFail) {
  test("Chromium and LibreOffice are installed (CI=true)", () => {
    throw new Error(`${chromium.present ? "" : chromium.message}${oracle.message ?? ""}`);
  });
} else if (!chromium.present || !oracle.soffice) {
  console.warn(`${chromium.present ? "" : chromium.message}${oracle.message ?? ""}`);
  test.skip("the taskpane end to end (needs Chromium and LibreOffice)", () => undefined);
} else {
  describe("the taskpane in preview mode", endToEnd);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's violations on the page as it stands, one readable line each. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  }
  const violations: AxeViolation[] = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    return (await axe.run(document, { resultTypes: ["violations"] })).violations;
  });
  return violations.map(
    (v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`
  );
}

/** The annuity factor a(n) = (1 − (1 + r)^−n) / r of the functions spec. */
const annuity = (r: number, n: number) => (1 - (1 + r) ** -n) / r;

/** The row whose column A matches `label`, and the first number right of it, recalculated. */
function outputBeside(sheet: ExcelJS.Worksheet, label: RegExp): number {
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (!label.test(String(resultOf(row.getCell(1)) ?? ""))) continue;
    for (let c = 2; c <= sheet.columnCount; c++) {
      const value = resultOf(row.getCell(c));
      if (typeof value === "number") return value;
      if (value !== null)
        throw new Error(`row ${r} (${label}) column ${c} holds ${JSON.stringify(value)}`);
    }
  }
  throw new Error(`no row labelled ${label} in ${sheet.name}`);
}

/** The example CSV of docs/sources-format.md. */
function documentedCsv(): string {
  const csv = /```csv\n([\s\S]*?)```/.exec(
    readFileSync(join(ROOT, "docs", "sources-format.md"), "utf8")
  )?.[1];
  if (!csv) throw new Error("docs/sources-format.md has no csv example");
  return csv;
}

/** A CSV without quoted cells as the rows an Excel table's range.values gives: numbers as numbers, blanks as "". */
const parseCsvRows = (csv: string): (string | number)[][] =>
  csv
    .trim()
    .split("\n")
    .map((line, i) =>
      line
        .split(",")
        .map((cell) => (i > 0 && cell !== "" && !Number.isNaN(Number(cell)) ? Number(cell) : cell))
    );

/**
 * A stand-in for office.js inside Excel: Office.onReady reports Excel; Excel.run gives a context
 * whose only table is DealSources (holding `rows`) and whose every other request fails, as a
 * workbook that refuses changes would; CustomFunctions accepts the functions.
 */
function fakeOfficeJs(rows: (string | number)[][]): string {
  return `
window.Office = {
  HostType: { Excel: "Excel" },
  context: { requirements: { isSetSupported: () => true } },
  onReady: () => Promise.resolve({ host: "Excel", platform: "OfficeOnline" }),
};
window.CustomFunctions = {
  associate: () => undefined,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
  Error: function (code, message) { this.code = code; this.message = message; },
};
window.Excel = {
  run: async (batch) => {
    let refuse = false;
    const anything = new Proxy(function () {}, {
      get: (target, key) => (key === "then" ? undefined : ((refuse = true), anything)),
      apply: () => ((refuse = true), anything),
    });
    const table = { isNullObject: false, getRange: () => ({ load: () => undefined, values: ${JSON.stringify(rows)} }) };
    const context = {
      workbook: new Proxy({}, {
        get: (target, key) =>
          key === "tables" ? { getItemOrNullObject: (name) => (name === "DealSources" ? table : { isNullObject: true }) } : ((refuse = true), anything),
      }),
      application: anything,
      sync: async () => {
        if (refuse) throw new Error("simulated: the workbook refused the request");
      },
    };
    return batch(context);
  },
};`;
}

function endToEnd(): void {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const downloads = tempDir("dealloop-downloads-");

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const build = freshBuild();
    console.log(
      build.built ? `built the add-in in ${build.seconds.toFixed(1)} s` : "reused the add-in build"
    );
    server = await serve(build.dir);
    browser = await launch(server.origin);
    page = await browser.context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shot = (name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  test("the deal list renders, says it is in preview mode, and passes axe", async () => {
    await page.goto(`${server.origin}/taskpane.html`);
    await page.getByTestId("deal-list").getByRole("button").first().waitFor();
    await page.getByText(/^Preview mode/).waitFor();
    await shot("1-deal-list");
    expect(await axeViolations(page)).toEqual([]);
  });

  test("search and the status filter narrow the list", async () => {
    await page.getByRole("searchbox", { name: "Search deals" }).fill("anthropic");
    await page.getByLabel("Status").selectOption("announced");
    const titles = await page.getByTestId("deal-list").getByRole("button").allInnerTexts();
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) {
      expect(title.toLowerCase()).toContain("anthropic");
      expect(title).toContain("announced");
    }
    expect(
      titles.some((title) => title.includes("Amazon's expanded partnership with Anthropic"))
    ).toBe(true);
  });

  test("keyboard: Enter opens a deal, focus moves to the page's heading, Back returns to the list", async () => {
    await page
      .getByRole("button", { name: /Amazon's expanded partnership with Anthropic/ })
      .focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("facts").waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("DealLoop");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Back to deals");
    await page.keyboard.press("Enter");
    await page.getByTestId("deal-list").waitFor();
  });

  test("the deal page shows the facts with their qualifiers and citations", async () => {
    await page
      .getByRole("button", { name: /Amazon's expanded partnership with Anthropic/ })
      .click();
    const facts = page.getByTestId("facts");
    await facts.waitFor();
    const text = await facts.innerText();
    expect(text).toContain("over $100.0B");
    expect(text).toContain("total commitment $13.0B");
    expect(text).toMatch(/004_e66127d25fc20cd4\.txt/);
  });

  test("a bad assumption shows the function's rule inline and blocks the download", async () => {
    await page.getByRole("radio", { name: "Vendor financing loop" }).check();
    const margin = page.locator('input[data-key="vendor_margin_before_depreciation"]');
    await margin.fill("1.5");
    await page.getByText(/vendor_margin must be between -1 and 1 \(got 1\.5\)/).waitFor();
    expect(await page.getByRole("button", { name: "Download .xlsx" }).isDisabled()).toBe(true);
    await shot("2-bad-assumption");
    expect(await axeViolations(page)).toEqual([]);
  });

  test("a good value clears the message, reaches the preview, and the .xlsx recalculates with it", async () => {
    await page.locator('input[data-key="vendor_margin_before_depreciation"]').fill("0.25");
    expect(await page.getByRole("button", { name: "Download .xlsx" }).isEnabled()).toBe(true);
    expect(await page.getByText(/vendor_margin must be/).count()).toBe(0);
    // The preview follows typing a frame behind (React's deferred value): wait for it.
    await page.getByTestId("preview").getByText("25.0%").first().waitFor();
    await shot("3-preview");
    expect(await axeViolations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download .xlsx" }).click(),
    ]);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    await page
      .getByTestId("outcome")
      .getByText(/^Downloaded .*\.xlsx\.$/)
      .waitFor();
    await shot("4-downloaded");
    expect(download.suggestedFilename()).toMatch(/^amazon-anthropic-2026-vendor-loop\.xlsx$/);

    const [recalculated] = await recalculate(
      oracle.soffice as string,
      [file],
      join(downloads, "recalculated")
    );
    const workbook = await readWorkbook(recalculated);
    const sheet = workbook.worksheets[0];
    // The documented deal: $100B of spend over ten years from the year after the deal; the
    // default discount rate of 10% and tax rate of 21% (src/data/assumptions.ts); the margin
    // typed above. The look-through's PV of the after-tax margin is g × (1 − τ) × (S / n) × a(n).
    const g = 0.25;
    const pvMargin = g * (1 - 0.21) * (100e9 / 10) * annuity(0.1, 10);
    expect(outputBeside(sheet, /^PV of the after-tax margin/)).toBeCloseTo(pvMargin, -2);
    // At the default margin (0.50) it would differ by billions: the typed value is what flowed.
    expect(Math.abs(0.5 * 0.79 * 10e9 * annuity(0.1, 10) - pvMargin)).toBeGreaterThan(1e9);
  });

  test("the failure year: a year outside the schedule names the allowed years, one inside reaches the .xlsx", async () => {
    // The documented deal is signed in 2026 with spend over the next decade (2027 to 2036).
    const failure = page.locator('input[data-key="failure_year"]');
    await failure.fill("2020");
    const message = page.getByText(
      "failure_year must be None or a year from 2026 to 2036 (got 2020)"
    );
    await message.waitFor();
    expect(await page.getByRole("button", { name: "Download .xlsx" }).isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // At 320 px the field, its hint and its message stay inside the page.
    await page.setViewportSize({ width: 320, height: 900 });
    await failure.scrollIntoViewIfNeeded();
    const width = await page.evaluate(() => document.documentElement.clientWidth);
    for (const box of [await failure.boundingBox(), await message.boundingBox()])
      expect(box && box.x >= 0 && box.x + box.width <= width + 0.5).toBe(true);
    await shot("3c-failure-year-refused-320px");
    await page.setViewportSize({ width: 420, height: 900 });

    await failure.fill("2030");
    expect(await message.count()).toBe(0);
    expect(await page.getByRole("button", { name: "Download .xlsx" }).isEnabled()).toBe(true);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download .xlsx" }).click(),
    ]);
    const file = join(downloads, `failure-${download.suggestedFilename()}`);
    await download.saveAs(file);
    const [recalculated] = await recalculate(
      oracle.soffice as string,
      [file],
      join(downloads, "recalculated-failure")
    );
    const sheet = (await readWorkbook(recalculated)).worksheets[0];
    expect(outputBeside(sheet, /^Stress: the year the customer fails/)).toBe(2030);
    expect(outputBeside(sheet, /^First year nothing flows/)).toBe(2030);
    await failure.fill("");
  });

  test("the preview draws the template's charts from the evaluated cells, and the capital-flow picture", async () => {
    const charts = page.getByTestId("chart-preview");
    await charts.waitFor();
    const titles = await charts
      .locator("svg")
      .evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute("aria-label")));
    expect(titles).toEqual(
      expect.arrayContaining([
        "This deal's NPV, from its present values",
        "This deal's NPV: each input at the ends of its grid range",
      ])
    );
    // Bars are drawn: the evaluator gave the formula cells values (the plan alone has none for
    // the chart's helper rows, so without it the bridge would be an empty frame).
    const bridge = charts.locator(`svg[aria-label="This deal's NPV, from its present values"]`);
    expect(await bridge.locator('rect[fill="#1F4E79"]').count()).toBeGreaterThanOrEqual(5);
    await page.getByRole("radio", { name: "Capital-flow web" }).check();
    await charts.locator('svg[aria-label="Capital flows between the parties"]').waitFor();
    await shot("3b-chart-previews");
    await page.getByRole("radio", { name: "Vendor financing loop" }).check();
  });

  test("at 320 px wide every status badge fits inside its row", async () => {
    await page.setViewportSize({ width: 320, height: 900 });
    await page.getByRole("button", { name: "Back to deals" }).click();
    await page.getByTestId("deal-list").waitFor();
    await page.getByRole("searchbox", { name: "Search deals" }).fill("");
    await page.getByLabel("Status").selectOption("");
    const overflowing = () =>
      page.evaluate(() =>
        [...document.querySelectorAll(".fui-Badge")].flatMap((badge) => {
          const box = badge.getBoundingClientRect();
          const row = (badge.closest("li, td, p") as HTMLElement).getBoundingClientRect();
          const clipped = badge.scrollWidth > badge.clientWidth + 1;
          const outside = box.left < row.left - 0.5 || box.right > row.right + 0.5;
          const offPage = box.right > document.documentElement.clientWidth + 0.5;
          const why = [
            clipped && "clipped",
            outside && "outside its row",
            offPage && "off the page",
          ];
          const reasons = why.filter(Boolean).join(", ");
          return reasons ? [`${badge.textContent}: ${reasons}`] : [];
        })
      );
    expect(await page.locator(".fui-Badge").count()).toBeGreaterThan(5);
    expect(await overflowing()).toEqual([]);
    await shot("8-deal-list-320px");
    await page
      .getByRole("button", { name: /Amazon's expanded partnership with Anthropic/ })
      .click();
    await page.getByTestId("facts").waitFor();
    expect(await overflowing()).toEqual([]);
    await shot("9-deal-page-320px");
    await page.setViewportSize({ width: 420, height: 900 });
  });

  test("importing sources: a bad CSV is rejected with every problem; a good one adds its deal", async () => {
    await page.getByRole("button", { name: "Back to deals" }).click();
    const input = page.getByLabel("CSV or JSON file");
    const header = "deal_id,key,value,value_high,unit,status,document,section,as_of";
    const bad = [
      header,
      "amazon-anthropic-2023,investment,4B,,USD,announced,x.txt,s,2023",
      "amazon-anthropic-2023,valuation,2,1,USD,reported,x.txt,s,2023",
      "amazon-anthropic-2023,tranche_initial,1000000000,,USD,announced,,,",
    ].join("\n");
    await input.setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
    const report = page.getByTestId("import-report");
    await report.getByText("3 problems in bad.csv; nothing from it was imported:").waitFor();
    const lines = await report.getByRole("listitem").allInnerTexts();
    expect(lines).toEqual([
      expect.stringMatching(
        /^bad\.csv row 2, column value: "4B" is not a number: .*\(4B is 4000000000\)/
      ),
      expect.stringMatching(
        /^bad\.csv row 3, column value_high: high \(1\) must be at least low \(2\)/
      ),
      expect.stringMatching(/^bad\.csv row 4, column document: required/),
    ]);
    await shot("5-import-problems");
    expect(await axeViolations(page)).toEqual([]);

    writeFileSync(join(downloads, "acme.csv"), documentedCsv());
    await input.setInputFiles(join(downloads, "acme.csv"));
    await report
      .getByText(/^acme\.csv imported: 1 deal added or changed \(acme-cloudco-2026\)\.$/)
      .waitFor();
    await page.getByRole("searchbox", { name: "Search deals" }).fill("cloudco");
    await page.getByLabel("Status").selectOption("");
    await page.getByRole("button", { name: /Cloudco's investment in Acme/ }).click();
    expect(await page.getByTestId("facts").innerText()).toContain("user source acme.csv");
    await shot("6-imported-deal");
  });

  test("in Excel (a stand-in office.js): insert instead of download, the DealSources table, sharing, failures shown", async () => {
    const excelPage = await browser.context.newPage();
    excelPage.on("pageerror", (error) => pageErrors.push(`(Excel page) ${error.message}`));
    const rows = parseCsvRows(documentedCsv());
    await excelPage.route(`${OFFICE_CDN}office.js`, (route) =>
      route.fulfill({ contentType: "text/javascript", body: fakeOfficeJs(rows) })
    );
    await excelPage.goto(`${server.origin}/taskpane.html`);
    await excelPage.getByText(/^In Excel/).waitFor();
    await excelPage.getByRole("heading", { name: "Sharing" }).waitFor();
    expect(await excelPage.getByRole("button", { name: "Prepare for sharing" }).isEnabled()).toBe(
      true
    );

    await excelPage.getByRole("button", { name: "Read the DealSources table" }).click();
    await excelPage
      .getByTestId("import-report")
      .getByText(/^DealSources table imported: 1 deal added or changed \(acme-cloudco-2026\)\.$/)
      .waitFor();

    await excelPage
      .getByRole("button", { name: /Amazon's expanded partnership with Anthropic/ })
      .click();
    expect(await excelPage.getByRole("button", { name: "Download .xlsx" }).count()).toBe(0);
    await excelPage.getByRole("button", { name: "Insert into workbook" }).click();
    // The stand-in refuses every workbook change: the taskpane must say so, not fail silently.
    await excelPage
      .getByTestId("outcome")
      .getByText(/simulated: the workbook refused the request/)
      .waitFor();
    await excelPage.screenshot({
      path: join(ARTIFACTS, "7-excel-insert-refused.png"),
      fullPage: true,
    });
    expect(await axeViolations(excelPage)).toEqual([]);
    await excelPage.close();
  });

  test("nothing failed in the page and nothing outside 127.0.0.1 was needed", () => {
    expect(pageErrors).toEqual([]);
    // office.js outside Office tries to open its telemetry frame; it is refused and nothing depends on it.
    const unexpected = browser.outside.filter(
      (url) => !/^https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\//.test(url)
    );
    expect(unexpected).toEqual([]);
    expect(existsSync(join(ARTIFACTS, "4-downloaded.png"))).toBe(true);
  });
}
